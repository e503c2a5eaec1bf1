import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CleanupPreview, CleanupResult } from '../../src-main/contract/cleanup'
import { sizeText } from '../../src-main/i18n/i18n'
import { cliBin, requireBuiltCli, runCli } from '../support/cli'
import { diskUsage, exists, startCleanupWorld, type CleanupWorld } from '../support/cleanup-world'

// `server prune <name>` in a terminal, against an engine of this test's own
// (never the rig's): it prints the preview, refuses --volumes, asks (or
// needs --yes when it can't ask), removes only images without a name unless
// --all, as abra's server prune, and says what it freed.
let world: CleanupWorld
let home: string
const server = 'default'
const cli = (args: string[]) => runCli(cliBin, home, {}, args, { timeoutMs: 60_000 })

beforeAll(async () => {
  requireBuiltCli()
  world = await startCleanupWorld()
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-prune-cli-'))
  const added = await cli(['server', 'add', '--local', '--socket', world.engine.socket])
  expect(added.code, added.stderr).toBe(0)
}, 90_000)

afterAll(async () => {
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

describe('server prune', () => {
  it('never removes volumes, and asks first', async () => {
    const volumes = await cli(['server', 'prune', server, '--volumes'])
    expect(volumes.code).not.toBe(0)
    expect(volumes.stderr).toContain('server prune never removes volumes')
    // Not at a terminal and no --yes: the preview, then nothing removed.
    const asked = await cli(['server', 'prune', server])
    expect(asked.code).not.toBe(0)
    expect(asked.stderr).toContain(`Add --yes to clean up ${server} without being asked`)
    expect(await exists(world.engine, 'containers', world.containers.exited)).toBe(true)
    expect(await exists(world.engine, 'images', world.ids.dangling)).toBe(true)
  })

  it('--dry-run --json: the preview the engine’s own answer gives, without --all only images without a name', async () => {
    const df = await diskUsage(world.engine)
    const r = await cli(['server', 'prune', server, '--dry-run', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const preview = JSON.parse(r.stdout) as CleanupPreview
    expect(preview.images).toBe('dangling')
    expect(preview.removeImages.map((i) => i.id)).toEqual([world.ids.dangling])
    expect(preview.bytes.images).toBe(df.Images.find((i) => i.Id === world.ids.dangling)!.Size)
    expect(preview.containers.map((c) => c.id).sort()).toEqual(df.Containers.filter((c) => c.State !== 'running').map((c) => c.Id).sort())
    expect(preview.volumes).toBe(1)
  })

  it('--yes removes the stopped containers and images without a name; --all then the rest nothing uses', { timeout: 90_000 }, async () => {
    const before = await diskUsage(world.engine)
    const r = await cli(['server', 'prune', server, '--yes'])
    expect(r.code, r.stderr).toBe(0)
    const after = await diskUsage(world.engine)
    const freed = before.Containers.filter((c) => c.State !== 'running').reduce((n, c) => n + (c.SizeRw ?? 0), 0) + (before.LayersSize - after.LayersSize)
    expect(r.stdout).toContain('The 1 volume (the apps’ data) is never touched.')
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`Freed ${sizeText(freed)} on ${server}: 2 stopped containers removed, 1 image removed.`)
    expect(await exists(world.engine, 'images', world.ids.dangling)).toBe(false)
    // Named images stay without --all, c too though its container has gone.
    for (const id of [world.ids.a, world.ids.b, world.ids.c]) expect(await exists(world.engine, 'images', id)).toBe(true)

    const all = await cli(['server', 'prune', server, '--all', '--yes', '--json'])
    expect(all.code, all.stderr).toBe(0)
    const result = JSON.parse(all.stdout) as CleanupResult
    expect(result).toMatchObject({ containers: 0, images: 3, skipped: [] })
    for (const id of [world.ids.a, world.ids.b, world.ids.c]) expect(await exists(world.engine, 'images', id)).toBe(false)
    for (const id of [world.ids.busybox, world.ids.service]) expect(await exists(world.engine, 'images', id)).toBe(true)
    expect(await exists(world.engine, 'volumes', world.volume)).toBe(true)
  })
})
