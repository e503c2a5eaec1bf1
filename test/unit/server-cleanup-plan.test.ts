import { describe, expect, it } from 'vitest'
import { normalRef, planCleanup, serviceRefs, type DiskUsage } from '../../src-main/servers/cleanup/plan'

// The clean-up plan from a /system/df answer (written as Docker 20.10 gives
// it): what goes, what stays and why, and how shared layers are counted.
const id = (n: string): string => `sha256:${n.repeat(64).slice(0, 64)}`

describe('the clean-up plan', () => {
  it('stopped containers go; images used by a container left, asked for by a service, or the parent of a kept image stay', () => {
    const df: DiskUsage = {
      LayersSize: 1000,
      Images: [
        { Id: id('a'), RepoTags: ['app:1'], Size: 100, SharedSize: 0 },
        { Id: id('b'), RepoTags: ['nginx:1.27'], RepoDigests: ['nginx@sha256:' + 'f'.repeat(64)], Size: 200, SharedSize: 0 },
        { Id: id('c'), RepoTags: ['old:1'], Size: 300, SharedSize: 0 },
        { Id: id('d'), RepoTags: ['<none>:<none>'], Size: 50, SharedSize: 0 },
        { Id: id('e'), ParentId: '', RepoTags: [], Size: 150, SharedSize: 0 },
        { Id: id('f'), ParentId: id('e'), RepoTags: ['child:1'], Size: 200, SharedSize: 0 }
      ],
      Containers: [
        { Id: 'r', Names: ['/running'], Image: 'app:1', ImageID: id('a'), State: 'running', SizeRw: 10 },
        { Id: 's', Names: ['/stopped'], Image: 'old:1', ImageID: id('c'), State: 'exited', SizeRw: 7 },
        { Id: 'p', Names: ['/paused'], Image: 'child:1', ImageID: id('f'), State: 'paused', SizeRw: 1 },
        { Id: 'n', Names: ['/new'], Image: 'old:1', ImageID: id('c'), State: 'created' }
      ],
      BuildCache: [
        { ID: '1', InUse: false, Shared: false, Size: 40 },
        { ID: '2', InUse: true, Shared: false, Size: 60 },
        { ID: '3', InUse: false, Shared: true, Size: 80 }
      ]
    }
    // Swarm pins the digest: the service's image is found by it, whatever the tag says.
    const plan = planCleanup(df, { images: 'unused', serviceImages: ['docker.io/library/nginx:1.27@sha256:' + 'f'.repeat(64)] })
    expect(plan.containers.map((c) => c.name)).toEqual(['new', 'stopped'])
    expect(plan.bytes.containers).toBe(7)
    expect(plan.removeImages.map((i) => i.tags[0] ?? i.id)).toEqual(['old:1', id('d')])
    expect(plan.removeImages[0].usedByStopped).toEqual(['stopped', 'new'])
    expect(plan.keptImages).toBe(4)
    expect(plan.buildCache).toEqual({ entries: 1, bytes: 40 })
    // Nothing shares a layer: exactly their sizes.
    expect(plan.bytes).toMatchObject({ images: 350, imagesUpTo: 350, total: 397, totalUpTo: 397 })

    const dangling = planCleanup(df, { images: 'dangling', serviceImages: [] })
    expect(dangling.removeImages.map((i) => i.id)).toEqual([id('d')])
  })

  it('shared layers: exact when Docker’s answer can tell, else a range up to Docker’s reclaimable figure', () => {
    const base = { LayersSize: 600, Containers: [{ Id: 'r', ImageID: id('k'), State: 'running' }] }
    // Two removed images share a 100-byte base; the kept one shares nothing: all but the kept image's layers go.
    const exact = planCleanup(
      {
        ...base,
        Images: [
          { Id: id('k'), RepoTags: ['kept:1'], Size: 200, SharedSize: 0 },
          { Id: id('x'), RepoTags: ['x:1'], Size: 250, SharedSize: 100 },
          { Id: id('y'), RepoTags: ['y:1'], Size: 250, SharedSize: 100 }
        ]
      },
      { images: 'unused', serviceImages: [] }
    )
    expect(exact.bytes.images).toBe(400)
    expect(exact.bytes.imagesUpTo).toBe(400)
    // The kept image shares its base with a removed one: at least the removed one's own part, at most Docker's figure.
    const range = planCleanup(
      {
        ...base,
        LayersSize: 450,
        Images: [
          { Id: id('k'), RepoTags: ['kept:1'], Size: 300, SharedSize: 100 },
          { Id: id('x'), RepoTags: ['x:1'], Size: 250, SharedSize: 100 }
        ]
      },
      { images: 'unused', serviceImages: [] }
    )
    expect(range.bytes.images).toBe(150)
    expect(range.bytes.imagesUpTo).toBe(250)
  })

  it('names images as Docker stores them', () => {
    expect(normalRef('nginx')).toBe('nginx:latest')
    expect(normalRef('docker.io/library/nginx:1.27')).toBe('nginx:1.27')
    expect(normalRef('localhost:5000/team/app')).toBe('localhost:5000/team/app:latest')
    expect(serviceRefs('git.coopcloud.tech/x/y:2@sha256:abc')).toEqual(['git.coopcloud.tech/x/y@sha256:abc', 'git.coopcloud.tech/x/y:2'])
  })
})
