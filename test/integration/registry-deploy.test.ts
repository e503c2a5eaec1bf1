import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateBaseline, watchConvergence, type WatchEnd } from '../../src-main/apps/converge-watch'
import { outcomeWords } from '../../src-main/apps/deploy-words'
import { comparePreview, type EngineServiceLike } from '../../src-main/apps/deploy-preview-compare'
import { readServer } from '../../src-main/apps/deploy-preview'
import { applyStack, resolveImages, RESOLVE_IMAGE_DEFAULT, type ResolveImage } from '../../src-main/compose/apply'
import { renderStack } from '../../src-main/compose/pipeline'
import { dockerLocal } from '../../src-main/docker/transport'
import { setLanguage } from '../../src-main/i18n/i18n'
import { closedPort, loadRig, REPO_ROOT, type Rig } from '../rig/rig'
import { appEnv } from './compose-parity/abra-env'
import { diffSnapshots, normalizeSnapshot } from './compose-parity/normalize'
import { engineIds, removeStack, settledSnapshot } from './compose-parity/swarm'

// Deploys with a real image registry, as users' deploys run: the rig's
// docker-registry on loopback (test/rig/setup.mjs) holds ccd/busybox:v1 and
// :v2, which the engine does not have until a deploy pulls them. The deploys
// resolve images as abra does (--resolve-image always, applyStack's default):
// the spec carries the digest the registry reports, and the node pulls it.
// Then what users meet: a tag the registry doesn't have, a registry nothing
// answers at (a closed loopback port, never the rig's registry), and an
// upgrade whose new image is pulled while the old task keeps running
// (the fixture's update_config says start-first). Last, parity with the
// docker CLI's `stack deploy --resolve-image always|changed|never`.
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'registry', 'ccd-registry')
const RUN = crypto.randomBytes(2).toString('hex')
let rig: Rig
let docker: Docker
const stacks: string[] = []

const envText = (registry: string, tag: string, domain: string): string => `DOMAIN=${domain}\nREGISTRY=${registry}\nIMAGE_TAG=${tag}\nTIMEOUT=60\n`

function render(stack: string, registry: string, tag: string) {
  if (!stacks.includes(stack)) stacks.push(stack)
  const rendered = renderStack({ recipeDir: FIXTURE, envText: envText(registry, tag, `${stack}.example.org`), envFile: `${stack}.env`, stackName: stack })
  expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return rendered.objects!
}

/** The digest the registry itself reports for a tag (Docker-Content-Digest). */
async function registryDigest(tag: string): Promise<string> {
  const r = await fetch(`http://${rig.registry.host}/v2/ccd/busybox/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' }
  })
  expect(r.status).toBe(200)
  return r.headers.get('docker-content-digest')!
}

/** The image's local copy, or undefined. */
const localImage = (name: string): Promise<Docker.ImageInspectInfo | undefined> =>
  docker
    .getImage(name)
    .inspect()
    .catch(() => undefined)

/**
 * Removes this engine's copies of a registry image: its tag and its digest
 * reference (a node pulls `name:tag@digest` by the digest). Layers other
 * images share stay, so the pull that follows is a real pull of the manifest.
 */
async function removeLocal(name: string, digest: string): Promise<void> {
  const byDigest = `${name.replace(/:[^:/]+$/, '')}@${digest}`
  for (const ref of [name, byDigest]) {
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch((err: { statusCode?: number }) => {
        if (err.statusCode !== 404) throw err
      })
    expect(await localImage(ref)).toBeUndefined()
  }
}

async function watch(stack: string, baseline: Map<string, string | undefined>, timeoutSeconds = 60): Promise<WatchEnd> {
  return watchConvergence(docker, { stackName: stack, baseline, timeoutSeconds, signal: new AbortController().signal, intervalMs: 500, onChange: () => undefined })
}

const wordsOf = (end: WatchEnd, stack: string, version: string) =>
  outcomeWords({ ...end, domain: `${stack}.example.org`, version, timeoutSeconds: 60, problem: 'problem' in end ? end.problem : undefined })

interface ServiceSpecSeen {
  Labels: Record<string, string>
  TaskTemplate: { ContainerSpec: { Image: string }; Placement?: { Platforms?: unknown } }
}

async function specOf(stack: string): Promise<ServiceSpecSeen> {
  return ((await docker.getService(`${stack}_app`).inspect()) as { Spec: ServiceSpecSeen }).Spec
}

/** The container of the app's one task that should run. */
async function runningContainer(stack: string): Promise<string> {
  const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [`${stack}_app`], 'desired-state': ['running'] }) })) as { Status: { ContainerStatus?: { ContainerID?: string } } }[]
  expect(tasks).toHaveLength(1)
  return tasks[0].Status.ContainerStatus!.ContainerID!
}

/** The platforms the engine reads from the registry for an image, as the docker client puts them in a spec. */
async function platformsOf(image: string): Promise<{ Architecture?: string; OS?: string }[]> {
  const r = await fetch(`http://${rig.registry.host}/v2/`) // the registry answers: the engine can ask it too
  expect(r.status).toBe(200)
  const got = await new Promise<{ Platforms: { architecture: string; os: string }[] }>((resolve, reject) =>
    docker.modem.dial({ path: `/distribution/${image}/json`, method: 'GET', options: {}, statusCodes: { 200: true } }, (err: unknown, data: unknown) =>
      err ? reject(err as Error) : resolve(data as { Platforms: { architecture: string; os: string }[] })
    )
  )
  return got.Platforms.map((p) => ({ Architecture: p.architecture, OS: p.os }))
}

beforeAll(() => {
  rig = loadRig()
  if (!rig.registry) throw new Error('.rig/rig.json has no registry: run node test/rig/setup.mjs (or node test/rig/setup.mjs --registry)')
  docker = dockerLocal(rig.docker.socket)
})

afterAll(async () => {
  if (!docker) return
  await Promise.all(stacks.map((s) => removeStack(docker, s)))
  // The engine as the rig leaves it: the registry's images not pulled.
  for (const image of Object.values(rig.registry.images)) {
    const digest = await registryDigest(image.split(':').pop()!).catch(() => undefined)
    for (const ref of [image, ...(digest ? [`${image.replace(/:[^:/]+$/, '')}@${digest}`] : [])]) await docker.getImage(ref).remove({ force: true }).catch(() => undefined)
  }
}, 120_000)

describe('deploying from a real registry, images resolved as abra does', () => {
  it('pins the digest the registry reports, and the node pulls it', async () => {
    const stack = `ccdreg-${RUN}-pull`
    const image = rig.registry.images.v1
    const digest = await registryDigest('v1')
    await removeLocal(image, digest)
    const { baseline } = await updateBaseline(docker, stack)

    const result = await applyStack(docker, render(stack, rig.registry.host, 'v1'))
    const pinned = `${image}@${digest}`
    expect(result.pinned).toEqual({ [`${stack}_app`]: pinned })
    expect(result.unresolved).toEqual([])
    const spec = await specOf(stack)
    expect(spec.TaskTemplate.ContainerSpec.Image).toBe(pinned)
    expect(spec.TaskTemplate.Placement?.Platforms).toEqual(await platformsOf(pinned))
    // The label keeps what the recipe says, as docker stack deploy leaves it.
    expect(spec.Labels['com.docker.stack.image']).toBe(image)

    const end = await watch(stack, baseline)
    expect(end.phase).toBe('done')
    expect(wordsOf(end, stack, 'v1').summary).toBe(`${stack}.example.org is running version v1.`)
    // Pulled from the registry by the node, by that digest.
    const local = await localImage(`${rig.registry.host}/ccd/busybox@${digest}`)
    expect(local?.RepoDigests).toContain(`${rig.registry.host}/ccd/busybox@${digest}`)
    const container = await docker.getContainer(await runningContainer(stack)).inspect()
    expect(container.Config.Image).toBe(pinned)
  })

  it('pulls the new image of an upgrade while the old version keeps running (start-first)', async () => {
    const stack = `ccdreg-${RUN}-up`
    const first = await updateBaseline(docker, stack)
    await applyStack(docker, render(stack, rig.registry.host, 'v1'))
    expect((await watch(stack, first.baseline)).phase).toBe('done')
    const oldContainer = await runningContainer(stack)

    const image = rig.registry.images.v2
    const digest = await registryDigest('v2')
    await removeLocal(image, digest)
    const { baseline } = await updateBaseline(docker, stack)
    const result = await applyStack(docker, render(stack, rig.registry.host, 'v2'))
    expect(result.pinned).toEqual({ [`${stack}_app`]: `${image}@${digest}` })
    expect(result.updated).toEqual([`service ${stack}_app`])

    const end = await watch(stack, baseline)
    expect(end.phase).toBe('done')
    expect(wordsOf(end, stack, 'v2').summary).toBe(`${stack}.example.org is running version v2.`)
    expect((await localImage(`${rig.registry.host}/ccd/busybox@${digest}`))?.RepoDigests).toContain(`${rig.registry.host}/ccd/busybox@${digest}`)
    const newContainer = await docker.getContainer(await runningContainer(stack)).inspect()
    expect(newContainer.Config.Image).toBe(`${image}@${digest}`)
    // The old container ran on until the new one had started: the pull happened while the app was up.
    // (stopping it, SIGTERM then SIGKILL after the 1 s grace period, may still be under way)
    let old = await docker.getContainer(oldContainer).inspect()
    for (const end = Date.now() + 15_000; old.State.Running && Date.now() < end; await new Promise((r) => setTimeout(r, 250))) old = await docker.getContainer(oldContainer).inspect()
    expect(old.State.Running).toBe(false)
    expect(Date.parse(old.State.FinishedAt)).toBeGreaterThan(Date.parse(newContainer.State.StartedAt))
  })

  it('says in plain words that the registry does not have the image, and what to do', async () => {
    const stack = `ccdreg-${RUN}-gone`
    const tag = `gone-${RUN}`
    const image = `${rig.registry.host}/ccd/busybox:${tag}`
    const { baseline } = await updateBaseline(docker, stack)
    const result = await applyStack(docker, render(stack, rig.registry.host, tag))
    // Not pinned: sent with its tag, as docker stack deploy does after its warning.
    expect(result.pinned).toEqual({})
    expect(result.unresolved).toEqual([{ name: `${stack}_app`, image, problem: expect.stringMatching(/manifest unknown/) as unknown as string }])
    expect((await specOf(stack)).TaskTemplate.ContainerSpec.Image).toBe(image)

    const end = await watch(stack, baseline)
    expect(end.phase).toBe('failed')
    const app = end.services.find((s) => s.name === 'app')!
    expect(app.error).toBe(`No such image: ${image}`)
    expect(app.pull).toEqual({ problem: 'missing', detail: 'manifest unknown' })
    const words = wordsOf(end, stack, tag)
    expect(words.cause).toBe('download')
    expect(words.summary).toBe(
      `Version ${tag} of ${stack}.example.org did not start: this version's image could not be downloaded: the registry says it doesn't exist (${image}, on ${rig.registry.host}). The registry answered, so the server's internet connection works.`
    )
    expect(words.next).toContain("choose another version, and tell the recipe's maintainers")
    setLanguage('fr')
    try {
      const fr = wordsOf(end, stack, tag)
      expect(fr.summary).toContain('l’image de cette version n’a pas pu être téléchargée : le registre dit qu’elle n’existe pas')
      expect(fr.next).toContain('choisissez une autre version')
    } finally {
      setLanguage('en')
    }
  })

  it('says in plain words that the server could not reach the registry, and what to do', async () => {
    const stack = `ccdreg-${RUN}-down`
    // A loopback port nothing listens on: not the rig's registry, which other tests use.
    const registry = `127.0.0.1:${await closedPort()}`
    const image = `${registry}/ccd/busybox:v1`
    const { baseline } = await updateBaseline(docker, stack)
    const started = Date.now()
    const result = await applyStack(docker, render(stack, registry, 'v1'))
    // A refused connection fails the lookup at once; the deploy goes on with the tag.
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result.unresolved).toEqual([{ name: `${stack}_app`, image, problem: expect.stringMatching(/connection refused/) as unknown as string }])

    const end = await watch(stack, baseline)
    expect(end.phase).toBe('failed')
    const app = end.services.find((s) => s.name === 'app')!
    expect(app.pull).toEqual({ problem: 'unreachable', detail: 'connection refused' })
    const words = wordsOf(end, stack, 'v1')
    expect(words.cause).toBe('download')
    expect(words.summary).toContain(`could not download the software app needs (${image}, from ${registry}): the server couldn't reach the image registry (connection refused).`)
    expect(words.next).toBe(`Nothing started, so there are no logs, and the app's settings can't change this. Check the server's internet connection and the registry's address (${registry}), then try again.`)
    setLanguage('fr')
    try {
      expect(wordsOf(end, stack, 'v1').summary).toContain('le serveur n’a pas pu joindre le registre d’images (connection refused)')
    } finally {
      setLanguage('en')
    }
  })

  it('the preview asks the registry as the deploy does: a tag moved to a new build shows as a restart, and the deploy restarts exactly that', async () => {
    const stack = `ccdreg-${RUN}-moved`
    const tag = `moved-${RUN}`
    const manifest = (t: string) => `http://${rig.registry.host}/v2/ccd/busybox/manifests/${t}`
    const accept = 'application/vnd.docker.distribution.manifest.v2+json'
    /** Points the tag at another tag's build, as a recipe's image maintainer republishing a tag does. */
    const pointTagAt = async (from: string): Promise<void> => {
      const got = await fetch(manifest(from), { headers: { accept } })
      expect(got.status).toBe(200)
      const put = await fetch(manifest(tag), { method: 'PUT', headers: { 'content-type': accept }, body: Buffer.from(await got.arrayBuffer()) })
      expect(put.status).toBe(201)
    }
    const services = async (): Promise<EngineServiceLike[]> =>
      (await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })) as EngineServiceLike[]
    const taskTemplate = async (): Promise<string> => JSON.stringify(((await docker.getService(`${stack}_app`).inspect()) as { Spec: { TaskTemplate: unknown } }).Spec.TaskTemplate)

    await pointTagAt('v1')
    await applyStack(docker, render(stack, rig.registry.host, tag))
    expect((await specOf(stack)).TaskTemplate.ContainerSpec.Image).toBe(`${rig.registry.host}/ccd/busybox:${tag}@${await registryDigest('v1')}`)
    await pointTagAt('v2')

    // The recipe and the settings are the same; only the registry's answer changed.
    const objects = render(stack, rig.registry.host, tag)
    const running = await services()
    const stored = new Map(running.map((x) => [x.Spec!.Name!, x]))
    const reads = await readServer(docker, running)
    const images = await resolveImages(docker, objects.services, stored, RESOLVE_IMAGE_DEFAULT)
    expect(images.get(`${stack}_app`)?.pinned).toBe(`${rig.registry.host}/ccd/busybox:${tag}@${await registryDigest('v2')}`)
    const preview = comparePreview(objects, { ...reads, images })
    expect(preview.services.map((x) => `${x.name}:${x.change}`)).toEqual(['app:restart'])

    const before = await taskTemplate()
    await applyStack(docker, objects)
    expect(await taskTemplate()).not.toBe(before)
    expect((await specOf(stack)).TaskTemplate.ContainerSpec.Image).toBe(`${rig.registry.host}/ccd/busybox:${tag}@${await registryDigest('v2')}`)
  })
})

// The docker CLIs the parity tests use: Debian's 20.10 and the newer one, when present.
const CLIS = ['/usr/bin/docker', '/usr/local/bin/docker'].filter((p) => fs.existsSync(p))

describe('image resolution, the same as docker stack deploy --resolve-image', () => {
  it.each(CLIS)('leaves the same specs as %s for always, changed and never, through first deploy, upgrade, redeploy and a missing tag', async (cli) => {
    const config = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || os.tmpdir(), 'ccdreg-dockercfg-'))
    try {
      // Each mode on two pairs of stacks, side by side: one deployed v1, upgraded to v2,
      // redeployed as it is; the other deployed first with a tag the registry lacks
      // (a first deploy, so the swarm has nothing to roll back to while the two are compared).
      const cases = (['always', 'changed', 'never'] as ResolveImage[]).flatMap((mode) => [
        { mode, steps: ['v1', 'v2', 'v2'] },
        { mode, steps: [`gone-${RUN}`] }
      ])
      // Every case runs to its end before the test does (a failed one must not leave
      // another deploying while afterAll removes the stacks); then the first failure is reported.
      const settled = await Promise.allSettled(
        cases.map(async ({ mode, steps }, i) => {
          const n = `${CLIS.indexOf(cli)}${i}`
          const a = `ccdrgp-${RUN}${n}a`
          const b = `ccdrgp-${RUN}${n}b`
          stacks.push(a, b)
          for (const tag of steps) {
            const env = appEnv(envText(rig.registry.host, tag, `${a}.example.org`), undefined, a)
            // The newer CLI's --detach (its default) said out loud; 20.10 has no such flag and never waits.
            const detach = cli === '/usr/bin/docker' ? [] : ['--detach=true']
            const args = ['--config', config, '-H', `unix://${rig.docker.socket}`, 'stack', 'deploy', ...detach, '--resolve-image', mode, '-c', 'compose.yml', a]
            const r = await new Promise<{ code: number; out: string; err: string }>((resolve) =>
              execFile(cli, args, { cwd: FIXTURE, env, timeout: 60_000 }, (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }))
            )
            expect(r.code, `${cli} stack deploy --resolve-image ${mode} (${tag}):\n${r.out}${r.err}`).toBe(0)
            const ours = await applyStack(docker, render(b, rig.registry.host, tag), { resolveImage: mode })
            // Looked up and not found only for the missing tag, in the modes that look (the CLI
            // prints its warning for updates only, so the specs below are what tells them apart).
            expect(ours.unresolved.length > 0, `${mode} ${tag}`).toBe(tag.startsWith('gone-') && mode !== 'never')
            const [snapA, snapB] = await Promise.all([settledSnapshot(docker, a), settledSnapshot(docker, b)])
            const ids = await engineIds(docker)
            const services = (snap: typeof snapA, from: string) => ({ ...normalizeSnapshot(snap, ids, from, b), networks: [], volumes: [] })
            expect(diffSnapshots(services(snapA, a), services(snapB, b)), `${cli} --resolve-image ${mode}, deploying ${tag}`).toEqual([])
          }
        })
      )
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    } finally {
      fs.rmSync(config, { recursive: true, force: true })
    }
  })
})
