import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { sizeText } from '../../src-main/i18n/i18n'
import { diskUsage, exists, startCleanupWorld, type CleanupWorld } from '../support/cleanup-world'
import { call, callError } from './support'

// Freeing a server's disk (servers.cleanupPreview, servers.cleanup) against
// a real engine of this test's own (never the rig's, whose images other
// tests need): what the preview lists is exactly what the engine says is
// stopped or unused, with the engine's sizes; applying removes that, skips
// an image a service started asking for after the preview, and never
// touches the volume, the running container or images in use.
let world: CleanupWorld
let home: string
let core: Core
const server = 'default'

beforeAll(async () => {
  world = await startCleanupWorld()
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cleanup-home-'))
  core = createCore({ transport: 'browser', home, env: { HOME: home } })
  await call(core, 'servers.add', { kind: 'local', socketPath: world.engine.socket })
}, 90_000)

afterAll(async () => {
  await core?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

const sorted = (xs: string[]): string[] => [...xs].sort()

describe('server clean-up on a real engine', () => {
  it('previews exactly the stopped containers, unused images and build cache, with Docker’s sizes', async () => {
    const df = await diskUsage(world.engine)
    const { ids, containers } = world
    const preview = await call(core, 'servers.cleanupPreview', { server, images: 'unused' })

    // Stopped: the engine's own word for each container that is not running.
    const stopped = df.Containers.filter((c) => c.State !== 'running')
    expect(sorted(stopped.map((c) => c.Id))).toEqual(sorted([containers.exited, containers.stoppedC]))
    expect(sorted(preview.containers.map((c) => c.id))).toEqual(sorted(stopped.map((c) => c.Id)))
    for (const c of preview.containers) expect(c.bytes).toBe(stopped.find((s) => s.Id === c.id)?.SizeRw ?? 0)
    expect(preview.bytes.containers).toBe(stopped.reduce((n, c) => n + (c.SizeRw ?? 0), 0))

    // Unused: a, b, the dangling one, and c once its stopped container has gone; busybox (running) and the service's image stay.
    const going = [ids.a, ids.b, ids.c, ids.dangling]
    expect(sorted(preview.removeImages.map((i) => i.id))).toEqual(sorted(going))
    for (const img of preview.removeImages) {
      const engine = df.Images.find((i) => i.Id === img.id)!
      expect(img.bytes).toBe(engine.Size)
      expect(img.uniqueBytes).toBe(engine.Size - engine.SharedSize)
    }
    expect(preview.removeImages.find((i) => i.id === ids.c)?.usedByStopped).toEqual([`ccd-clean-stopped-c-${world.tag}`])
    expect(preview.removeImages.find((i) => i.id === ids.dangling)?.tags).toEqual([])
    // Imported from separate tar files, they share no layer: the count is exact, the engine's sizes added up.
    const imageBytes = going.reduce((n, id) => n + df.Images.find((i) => i.Id === id)!.Size, 0)
    expect(preview.bytes.images).toBe(imageBytes)
    expect(preview.bytes.imagesUpTo).toBe(imageBytes)
    expect(preview.keptImages).toBe(df.Images.length - going.length)
    const cache = (df.BuildCache ?? []).filter((b) => !b.InUse && !b.Shared)
    expect(preview.buildCache).toEqual({ entries: cache.length, bytes: cache.reduce((n, b) => n + b.Size, 0) })
    expect(preview.bytes.total).toBe(preview.bytes.containers + imageBytes + preview.buildCache.bytes)
    expect(preview.volumes).toBe(1)
    // Its words carry the same figures.
    expect(preview.words[0]).toBe(`Cleaning up ${server} would free ${sizeText(preview.bytes.total)}:`)
    expect(preview.words).toContain(`    ccd-clean-a-${world.tag}:1 (${sizeText(df.Images.find((i) => i.Id === ids.a)!.Size)})`)
    expect(preview.words.at(-1)).toBe('The 1 volume (the apps’ data) is never touched.')

    // Only images without a name (abra's default without --all).
    const dangling = await call(core, 'servers.cleanupPreview', { server, images: 'dangling' })
    expect(dangling.removeImages.map((i) => i.id)).toEqual([ids.dangling])
    expect(dangling.bytes.images).toBe(df.Images.find((i) => i.Id === ids.dangling)!.Size)
  })

  it('removes what was previewed, skips what came into use since, and never touches volumes', { timeout: 60_000 }, async () => {
    const { ids, containers } = world
    const preview = await call(core, 'servers.cleanupPreview', { server, images: 'unused' })
    // The server changes after the preview: a service now asks for image a.
    const svc = await world.engine.api('POST', '/services/create', {
      Name: `ccd-clean-late-${world.tag}`,
      TaskTemplate: { ContainerSpec: { Image: `ccd-clean-a-${world.tag}:1`, Command: ['/blob'] } },
      Mode: { Replicated: { Replicas: 0 } }
    })
    expect(svc.status).toBe(201)
    const before = await diskUsage(world.engine)

    const { jobId } = await call(core, 'servers.cleanup', {
      server,
      images: 'unused',
      containers: preview.containers.map((c) => c.id),
      removeImages: preview.removeImages.map((i) => i.id),
      buildCache: true
    })
    const job = await core.jobs.wait(jobId)
    expect(job.status, job.error?.message).toBe('done')
    const after = await diskUsage(world.engine)
    const result = await call(core, 'servers.cleanupResult', { jobId })
    expect(result).not.toBeNull()
    expect(result!.containers).toBe(2)
    expect(result!.images).toBe(3)
    expect(result!.skipped).toEqual([`The image ccd-clean-a-${world.tag}:1 is now used by a container or a service, so it stays.`])
    // What it says it freed is what the engine lost: the containers' writes and the layers.
    const containerBytes = before.Containers.filter((c) => c.Id === containers.exited || c.Id === containers.stoppedC).reduce((n, c) => n + (c.SizeRw ?? 0), 0)
    const layerBytes = before.LayersSize - after.LayersSize
    expect(layerBytes).toBe([ids.b, ids.c, ids.dangling].reduce((n, id) => n + before.Images.find((i) => i.Id === id)!.Size, 0))
    expect(result!.bytes).toBe(containerBytes + layerBytes + result!.buildCacheBytes)
    expect(job.log.at(-1)).toBe(`Freed ${sizeText(result!.bytes)} on ${server}: 2 stopped containers removed, 3 images removed.`)

    for (const id of [ids.b, ids.c, ids.dangling]) expect(await exists(world.engine, 'images', id)).toBe(false)
    for (const id of [ids.a, ids.busybox, ids.service]) expect(await exists(world.engine, 'images', id)).toBe(true)
    expect(await exists(world.engine, 'containers', containers.exited)).toBe(false)
    expect(await exists(world.engine, 'containers', containers.stoppedC)).toBe(false)
    const running = (await world.engine.api('GET', `/containers/${containers.running}/json`)).json as { State: { Running: boolean } }
    expect(running.State.Running).toBe(true)
    // The volume the removed container wrote to stays, with its data.
    expect(await exists(world.engine, 'volumes', world.volume)).toBe(true)

    // Asked again, the skipped image is no longer proposed, and nothing else is left.
    const again = await call(core, 'servers.cleanupPreview', { server, images: 'unused' })
    expect(again.containers).toEqual([])
    expect(again.removeImages).toEqual([])
  })

  it('refuses what the contract doesn’t allow, before touching the server', async () => {
    const bad = await callError(core, 'servers.cleanup', { server, images: 'unused', containers: ['../../etc'], removeImages: [], buildCache: false })
    expect(bad.code).toBe('invalid-request')
  })
})
