import crypto from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, homeWithSshConfig } from '../integration/support'
import { loadRig } from '../rig/rig'
import { diskUsage, exists, startCleanupWorld, type CleanupWorld } from '../support/cleanup-world'
import { expectNoAxeViolations } from './axe'
import { openApp, shot, type App } from './browser'

// "Free up disk space" on a server's page in Chromium, against an engine of
// this test's own (never the rig's, whose images the other test files
// need): the preview lists exactly what that engine says is stopped or
// unused, with its sizes, says volumes stay; confirming removes it and
// says what was freed.
let world: CleanupWorld
let app: App
let home: string
const server = 'default'

beforeAll(async () => {
  world = await startCleanupWorld()
  const rig = loadRig()
  home = homeWithSshConfig(rig)
  app = await openApp(rig, home, `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`)
  await call(app.core, 'servers.add', { kind: 'local', socketPath: world.engine.socket })
}, 90_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

describe('freeing a server’s disk in Chromium', () => {
  it('previews what would go, with the engine’s sizes, then removes it and says what was freed', { timeout: 90_000 }, async () => {
    const { page } = app
    const { ids, containers } = world
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    await page.getByTestId(`server-row-${server}`).getByRole('button', { name: `Check ${server}` }).click()
    const section = page.getByTestId('server-cleanup')
    await section.waitFor({ timeout: 30_000 })
    expect(await section.getByRole('heading', { level: 3 }).innerText()).toBe('Free up disk space')

    const df = await diskUsage(world.engine)
    const going = [ids.a, ids.b, ids.c, ids.dangling]
    const stopped = df.Containers.filter((c) => c.State !== 'running')
    const total = stopped.reduce((n, c) => n + (c.SizeRw ?? 0), 0) + going.reduce((n, id) => n + df.Images.find((i) => i.Id === id)!.Size, 0)

    await section.getByTestId('cleanup-look').click()
    const dialog = page.getByTestId('cleanup-dialog')
    await dialog.waitFor({ timeout: 60_000 })
    const list = dialog.getByTestId('cleanup-list')
    expect(Number(await list.getAttribute('data-bytes'))).toBe(total)
    expect(Number(await list.getAttribute('data-bytes-up-to'))).toBe(total)
    expect((await dialog.getByTestId('cleanup-image').evaluateAll((els) => els.map((e) => e.getAttribute('data-image')))).sort()).toEqual([...going].sort())
    expect((await dialog.getByTestId('cleanup-container').evaluateAll((els) => els.map((e) => e.getAttribute('data-container')))).sort()).toEqual(
      [containers.exited, containers.stoppedC].sort()
    )
    expect(await dialog.getByTestId('cleanup-images').innerText()).toContain(`ccd-clean-a-${world.tag}:1`)
    expect(await dialog.getByTestId('cleanup-images').innerText()).toContain(`once ccd-clean-stopped-c-${world.tag} has gone`)
    expect(await dialog.getByTestId('cleanup-volumes').innerText()).toBe('The server’s 1 volume (the apps’ data) is not touched.')
    await shot(page, 'server-cleanup-preview')
    await expectNoAxeViolations(page, 'the clean-up preview')

    const before = await diskUsage(world.engine)
    await page.getByTestId('cleanup-confirm').click()
    const result = section.getByTestId('cleanup-result')
    await result.waitFor({ timeout: 60_000 })
    const after = await diskUsage(world.engine)
    const freed = stopped.reduce((n, c) => n + (c.SizeRw ?? 0), 0) + (before.LayersSize - after.LayersSize)
    expect(Number(await result.getAttribute('data-bytes'))).toBe(freed)
    expect(await result.innerText()).toMatch(/: 2 stopped containers removed, 4 images removed\.$/)
    for (const id of going) expect(await exists(world.engine, 'images', id)).toBe(false)
    for (const id of [ids.busybox, ids.service]) expect(await exists(world.engine, 'images', id)).toBe(true)
    expect(await exists(world.engine, 'volumes', world.volume)).toBe(true)
    await shot(page, 'server-cleanup-done')
    await expectNoAxeViolations(page, 'the clean-up result')
  })
})
