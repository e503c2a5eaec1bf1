import crypto from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, homeWithSshConfig } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { dnsServer, type DnsServer } from '../support/monitoring-net'
import { expectNoAxeViolations } from './axe'
import { openApp, shot, type App } from './browser'
import { addRigServer } from './rig-server'

// An app's page says, in plain words, when its domain doesn't lead to its
// server, and which record to change; "Check again" asks once more. The
// app's domain is answered by a DNS server on a loopback port
// (COOPCLOUD_DNS_SERVERS), whose records the test changes in between. The
// app is only made, never deployed: the warning is about what comes before.
let rig: Rig
let world: RecipeWorld
let dns: DnsServer
let app: App
let home: string
const tag = crypto.randomBytes(3).toString('hex')
const moved = `moved-${tag}.ccd.test`
const records: Record<string, string[]> = { [moved]: ['198.51.100.7'] }

beforeAll(async () => {
  rig = loadRig()
  world = await startRecipeWorld()
  dns = await dnsServer(records)
  home = homeWithSshConfig(rig)
  app = await openApp(rig, home, `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`, { ...world.env, COOPCLOUD_DNS_SERVERS: `127.0.0.1:${dns.port}` })
  await addRigServer(app, rig)
  await call(app.core, 'apps.new', { server: 'rigbox', domain: moved, recipe: 'ccd-web', version: 'v1.0.0' })
}, 120_000)

afterAll(async () => {
  await app?.close()
  await dns?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

describe("an app's domain, checked before its first deploy", () => {
  it('warns that the domain points elsewhere, says which record to change, and checks again', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${moved}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: moved }).click()
    await page.getByTestId('app-detail').waitFor()

    const panel = page.getByTestId('domain-check')
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('elsewhere')
    await expect.poll(() => panel.textContent()).toContain(`${moved} points to another machine`)
    const text = (await panel.textContent()) ?? ''
    expect(text).toContain(`${moved} points to 198.51.100.7, not to this server (127.0.0.1). Change its A record to 127.0.0.1 at your domain provider.`)
    expect(text).toContain('You can deploy anyway')
    // A warning, never a block: the deploy button stays available.
    expect(await page.getByTestId('app-deploy').isEnabled()).toBe(true)
    await shot(page, 'domain-01-points-elsewhere')
    await expectNoAxeViolations(page, "the app's page, with a domain warning")

    // The record is fixed at the domain provider; "Check again" sees it.
    records[moved] = ['127.0.0.1']
    await panel.getByRole('button', { name: 'Check again' }).click()
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('ok')
    expect(await panel.textContent()).toContain(`${moved} points to this server (127.0.0.1).`)
    await shot(page, 'domain-02-fixed')
    expect(app.consoleErrors).toEqual([])
  })
})
