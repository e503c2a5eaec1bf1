import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { osKeychain } from '../../src-main/keychain/keychain'
import { call, callError, homeWithSshConfig } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { bareTeamRepo, cuttableRelay, memoryKeychain, type CuttableRelay, type TeamRepo } from '../support/team-git'
import { expectNoAxeViolations } from './axe'
import { openApp, shot, type App } from './browser'
import { expectFocusReturns } from './focus'

// Settings' "Share app settings with your team" in Chromium (issue 14). Alice
// (home A) works through the window: she shares her servers into an empty
// repository on the rig's git smart-HTTP server (the real `git
// http-backend`), reached through a relay the test can cut as a laptop loses
// its connection. Bob (home B, a second teammate) is a core of his own, as
// the CLI is: he joins and changes the same line. Alice's change made while
// she is offline shows as "1 change not shared yet"; "Share now" brings
// Bob's change in as a conflict, settled in the dialog; then she stops
// sharing and joins again from the window.

const SERVER = 'team.example.org'
const DOMAIN = 'blog.example.org'
const FILE = `${SERVER}/${DOMAIN}.env`
const TOKEN = `tok-e2e-${crypto.randomBytes(6).toString('hex')}`
const ENV = ['TYPE=ccd-web:v1.0.0', 'DOMAIN=blog.example.org', 'MOTD="hello"', 'GREETING="hi"', 'LETS_ENCRYPT_ENV=production', ''].join('\n')

let rig: Rig
let root: string
let world: RecipeWorld
let gitServer: TeamRepo
let relayA: CuttableRelay
let app: App
let homeA: string
let homeB: string
let bob: Core
const keychainService = `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`

const serversOf = (home: string): string => path.join(home, '.abra', 'servers')
const envOf = (home: string): string => fs.readFileSync(path.join(serversOf(home), FILE), 'utf8')
const withLine = (text: string, key: string, value: string): string => text.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`)
const save = (core: Core, home: string, key: string, value: string) => call(core, 'apps.saveEnv', { server: SERVER, domain: DOMAIN, envText: withLine(envOf(home), key, value) })

beforeAll(async () => {
  rig = loadRig()
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-e2e-team-'))
  // An empty repository, as a forge makes one; pushes allowed (a forge signs in with the token).
  gitServer = await bareTeamRepo(root)
  relayA = await cuttableRelay(gitServer.port)
  world = await startRecipeWorld()
  // Alice's computer has a server folder with one app, as abra app new leaves it.
  homeA = homeWithSshConfig(rig)
  fs.mkdirSync(path.join(serversOf(homeA), SERVER), { recursive: true })
  fs.writeFileSync(path.join(serversOf(homeA), FILE), ENV)
  homeB = fs.mkdtempSync(path.join(root, 'home-b-'))
  bob = createCore({ transport: 'cli', home: homeB, env: { HOME: homeB, ...world.env }, keychain: memoryKeychain() })
  app = await openApp(rig, homeA, keychainService, world.env)
}, 120_000)

afterAll(async () => {
  // The token leaves the keychain whatever happened above.
  if (app) await call(app.core, 'team.disconnect', {}).catch(() => undefined)
  await osKeychain(keychainService).delete(`team-token:${relayA?.url}/team.git`).catch(() => undefined)
  await app?.close()
  await bob?.close()
  await relayA?.close()
  await gitServer?.close()
  await world?.close()
  if (root) fs.rmSync(root, { recursive: true, force: true })
  if (homeA) fs.rmSync(homeA, { recursive: true, force: true })
}, 60_000)

describe('sharing app settings with the team, in Chromium', () => {
  it('shares, shows what is not shared yet while offline, settles a conflict in the dialog, stops and joins again', { timeout: 110_000 }, async () => {
    const { page } = app
    const remote = `${relayA.url}/team.git`
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
    const section = page.locator('[data-testid="team-sharing"][data-connected="false"]')
    await section.waitFor({ timeout: 30_000 })
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Share app settings with your team')
    expect(await section.innerText()).toContain('Passwords (secrets) never go there')

    // Nothing typed: each field says what to fix, and nothing is sent.
    const form = section.getByTestId('team-form')
    await form.getByTestId('team-submit').click()
    expect(await form.locator('#team-remote-error').innerText()).toBe('Type the repository’s address.')
    expect(await form.locator('#team-name-error').innerText()).toBe('Type your name: teammates see it next to your changes.')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('team-remote')
    await page.getByLabel('Address of the repository').fill('git@git.example.org:coop/abra.git')
    await form.getByTestId('team-submit').click()
    expect(await form.locator('#team-remote-error').innerText()).toContain('must start with https://')

    await page.getByLabel('Address of the repository').fill(remote)
    const token = page.getByLabel(/^Access token/)
    expect(await token.getAttribute('type')).toBe('password')
    await token.fill(TOKEN)
    await page.getByLabel('Your name').fill('Alice')
    await shot(page, 'team-share-form')
    await expectNoAxeViolations(page, 'the Share form')
    await form.getByTestId('team-submit').click()

    const connected = page.getByTestId('team-connected')
    await connected.waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe(`Your app settings are now shared with ${remote}.`)
    expect(await connected.getByTestId('team-remote').innerText()).toBe(remote)
    expect(await connected.getByTestId('team-name').innerText()).toBe('Alice')
    expect(await connected.getByTestId('team-servers').innerText()).toBe('All of them')
    expect(await connected.getByTestId('team-state').innerText()).toBe('Everything is shared')
    expect(await connected.getByTestId('team-last-sync').innerText()).toMatch(/^today /)
    // The token is never shown back: not in the page, not in a field.
    expect(await page.content()).not.toContain(TOKEN)
    expect(await osKeychain(keychainService).get(`team-token:${remote}`)).toBe(TOKEN)

    // Bob joins (through the server directly) and changes the greeting's line.
    const joined = await call(bob, 'team.join', { remote: `${gitServer.url}/team.git`, name: 'Bob' })
    expect(joined).toMatchObject({ connected: true, unshared: 0 })
    expect(envOf(homeB)).toBe(ENV)
    await save(bob, homeB, 'MOTD', '"from Bob"')
    expect((await call(bob, 'team.status', {})).unshared).toBe(0)

    // Alice loses her connection and changes the same line: it waits, counted, and the window says so.
    relayA.online = false
    await save(app.core, homeA, 'MOTD', '"Alice again"')
    const state = connected.getByTestId('team-state')
    await state.filter({ hasText: '1 change not shared yet' }).waitFor({ timeout: 30_000 })
    expect(await connected.getByTestId('team-problem').innerText()).toContain('could not be reached')
    await connected.getByTestId('team-share-now').click()
    const failed = connected.getByTestId('error-panel')
    await failed.waitFor({ timeout: 30_000 })
    expect(await failed.getAttribute('data-code')).toBe('team-offline')
    expect(await failed.innerText()).toContain('Sharing did not work this time')
    expect(await failed.innerText()).toContain('your changes stay here')
    expect(await state.innerText()).toBe('1 change not shared yet')
    await shot(page, 'team-share-unshared')
    await expectNoAxeViolations(page, 'changes not shared yet, offline')

    // Back online: Share now brings Bob's change in, on the same line.
    relayA.online = true
    await connected.getByTestId('team-share-now').click()
    const conflicts = connected.getByTestId('team-conflicts')
    await conflicts.waitFor({ timeout: 30_000 })
    expect(await conflicts.innerText()).toContain('Choose which settings to keep: 1 app differs from your team’s copy')
    expect(await conflicts.getByTestId('team-conflict').innerText()).toContain(`${DOMAIN} on ${SERVER}`)
    expect(await conflicts.getByTestId('team-conflict').innerText()).toContain('Its deploys and changes are paused until you choose.')
    // Alice's file stays hers meanwhile, with no conflict markers, and it can't be deployed.
    expect(envOf(homeA)).toContain('MOTD="Alice again"\n')
    expect((await callError(app.core, 'apps.deploy', { server: SERVER, domain: DOMAIN })).code).toBe('team-conflict')
    await shot(page, 'team-share-conflict')
    await expectNoAxeViolations(page, 'a conflict to settle')

    const choose = conflicts.getByRole('button', { name: `Choose for ${DOMAIN}` })
    const dialog = page.getByTestId('team-conflict-dialog')
    await expectFocusReturns(page, choose, dialog)
    await choose.click()
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').first().innerText()).toBe(`Choose the settings of ${DOMAIN}`)
    const place = dialog.getByTestId('team-place')
    expect(await place.count()).toBe(1)
    expect(await place.locator('legend').innerText()).toBe('Place 1 of 1, at line 3')
    const mine = place.getByTestId('team-place-1-mine')
    const theirs = place.getByTestId('team-place-1-theirs')
    const mineWords = await mine.innerText()
    expect(mineWords).toContain('Your version: Keep yours')
    expect(mineWords).toContain('MOTD="Alice again"')
    expect(mineWords).toContain('MOTD is set to "Alice again"')
    const theirsWords = await theirs.innerText()
    expect(theirsWords).toContain('The team’s version (by Bob): Take the team’s')
    expect(theirsWords).toContain('MOTD="from Bob"')
    expect(theirsWords).toContain('MOTD is set to "from Bob"')
    // No choice made: the place says so, and nothing is sent.
    await dialog.getByTestId('team-resolve').click()
    expect(await dialog.getByRole('alert').innerText()).toBe('Choose a version for place 1.')
    await page.getByLabel('The team’s version (by Bob): Take the team’s').check()
    await shot(page, 'team-share-conflict-dialog')
    await expectNoAxeViolations(page, 'the conflict dialog')
    await dialog.getByTestId('team-resolve').click()
    await dialog.waitFor({ state: 'detached', timeout: 30_000 })
    await conflicts.waitFor({ state: 'detached', timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe(`Saved: ${DOMAIN} now has the settings you chose, and your team has them too.`)
    await state.filter({ hasText: 'Everything is shared' }).waitFor({ timeout: 30_000 })
    expect(envOf(homeA)).toContain('MOTD="from Bob"\n')
    await call(bob, 'team.sync', {})
    expect(envOf(homeB)).toBe(envOf(homeA))

    // Stop sharing: the confirmation says what stays and what goes.
    await connected.getByTestId('team-stop').click()
    const stop = page.getByTestId('team-stop-dialog')
    await stop.waitFor()
    const stopWords = await stop.innerText()
    expect(stopWords).toContain('Your app settings files and their history stay where they are')
    expect(stopWords).toContain('The access token is removed from your keychain.')
    await expectNoAxeViolations(page, 'the stop-sharing confirmation')
    const filesBefore = envOf(homeA)
    await stop.getByTestId('team-stop-confirm').click()
    await page.locator('[data-testid="team-sharing"][data-connected="false"]').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe('Sharing stopped. Your files are still here.')
    expect(envOf(homeA)).toBe(filesBefore)
    expect(fs.existsSync(path.join(serversOf(homeA), '.git'))).toBe(true)
    expect(await osKeychain(keychainService).get(`team-token:${remote}`)).toBeFalsy()

    // Join again from the window: the repository is taken up where it was.
    await page.getByLabel('Join', { exact: true }).check()
    await page.locator('[data-testid="team-form"][data-mode="join"]').waitFor()
    await page.getByLabel('Address of the repository').fill(remote)
    await page.getByLabel(/^Access token/).fill(TOKEN)
    await page.getByLabel('Your name').fill('Alice')
    await shot(page, 'team-share-join-form')
    await page.getByTestId('team-submit').click()
    await page.getByTestId('team-connected').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe('You have joined. This computer now has your team’s app settings.')
    expect(await page.getByTestId('team-state').innerText()).toBe('Everything is shared')
    expect(envOf(homeA)).toBe(filesBefore)
    await shot(page, 'team-share-connected')
    await expectNoAxeViolations(page, 'app settings shared')
    expect(app.consoleErrors).toEqual([])
  })
})
