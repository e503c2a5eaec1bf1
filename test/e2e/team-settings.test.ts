import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { ensureProxyNetwork, removeStack } from '../integration/compose-parity/swarm'
import { call, homeWithSshConfig } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { bareTeamRepo, cuttableRelay, GIT_ENV, memoryKeychain, type CuttableRelay, type TeamRepo } from '../support/team-git'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { expectFocusReturns } from './focus'
import { chooseLanguage } from './language'
import { openAppOnRig } from './rig-server'

// The team screens after Share (issue 14), in Chromium. Alice works through
// the window; Bob is a core of his own (as the CLI is), both on the rig's
// server "rigbox", sharing through the rig's git smart-HTTP server (the real
// `git http-backend`), which checks access tokens as a forge does, each
// through a relay the test can cut as a laptop loses its network.
//  - Alice stops sharing one of her two servers in the window, then shares it
//    again; Bob's app follows the choice after a pull;
//  - Bob deploys settings he could not share; Alice's deploy preview says so
//    in its team panel, in words;
//  - in French: the Settings team panel with a conflict, its dialog, and the
//    app's Activity;
//  - the forge withdraws Alice's token: the panel offers the next steps; a
//    wrong new token brings the Join form back, filled in; the right one
//    joins again and her change reaches Bob.

const run = promisify(execFile)
const SERVER = 'rigbox'
const LAB = 'lab.example.org'
const LAB_APP = 'wiki.lab.example.org'
const tag = crypto.randomBytes(3).toString('hex')
const DOMAIN = `tset-${tag}.ccd.test`
const STACK = stackNameFor(DOMAIN)
const FILE = `${SERVER}/${DOMAIN}.env`
const TOKEN_A = `tok-a-${crypto.randomBytes(6).toString('hex')}`
const TOKEN_A2 = `tok-a2-${crypto.randomBytes(6).toString('hex')}`
const TOKEN_B = `tok-b-${crypto.randomBytes(6).toString('hex')}`
const WRONG = `tok-wrong-${crypto.randomBytes(6).toString('hex')}`

let rig: Rig
let docker: Docker
let root: string
let world: RecipeWorld
let gitServer: TeamRepo
let tokens: Set<string>
let relayA: CuttableRelay
let relayB: CuttableRelay
let app: App
let homeA: string
let homeB: string
let bob: Core
let remoteA: string

const serversOf = (home: string): string => path.join(home, '.abra', 'servers')
const envOf = (home: string, file = FILE): string => fs.readFileSync(path.join(serversOf(home), file), 'utf8')
const withLine = (text: string, key: string, value: string): string =>
  new RegExp(`^${key}=`, 'm').test(text) ? text.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`) : `${text.replace(/\n?$/, '\n')}${key}=${value}\n`
const save = (core: Core, home: string, key: string, value: string, server = SERVER, domain = DOMAIN) =>
  call(core, 'apps.saveEnv', { server, domain, envText: withLine(envOf(home, `${server}/${domain}.env`), key, value) })
/** The shared copy's newest commit, as `git log` on the forge shows it: its author, subject and body. */
const remoteHead = async (): Promise<string> => (await run('git', ['--git-dir', gitServer.repo, 'log', '-1', '--format=%an: %B', 'main'], { env: GIT_ENV })).stdout.trim()

async function done(core: Core, jobId: string): Promise<void> {
  const job = await core.jobs.wait(jobId)
  expect(job.status, `${job.title}: ${job.error?.message ?? ''}`).toBe('done')
}

async function openSettings(page: Page, name = 'Settings'): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click()
  await page.locator('[data-testid="team-sharing"][data-connected="true"]').waitFor({ timeout: 30_000 })
}

async function openAppPage(page: Page, apps = 'Apps'): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: apps, exact: true }).click()
  const row = page.getByTestId(`app-row-${DOMAIN}`)
  await row.waitFor({ timeout: 30_000 })
  await row.getByRole('button', { name: DOMAIN, exact: true }).click()
  await page.getByTestId('app-detail').waitFor()
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  await ensureProxyNetwork(docker)
  ;({ world, app, home: homeA } = await openAppOnRig(rig, { rigbox: true }))
  root = fs.mkdtempSync(path.join(homeA, 'team-'))
  // The forge takes each teammate's own token, and nothing else.
  gitServer = await bareTeamRepo(root, { tokens: [TOKEN_A, TOKEN_B] })
  if (!gitServer.tokens) throw new Error('the team repository does not check tokens')
  tokens = gitServer.tokens
  relayA = await cuttableRelay(gitServer.port)
  relayB = await cuttableRelay(gitServer.port)
  remoteA = `${relayA.url}/team.git`
  // Alice: an app on rigbox, deployed, and a second server's folder with one app, as abra leaves it.
  await call(app.core, 'apps.new', { server: SERVER, domain: DOMAIN, recipe: 'ccd-web', version: 'v1.0.0', secrets: 'generate' })
  fs.mkdirSync(path.join(serversOf(homeA), LAB), { recursive: true })
  fs.writeFileSync(path.join(serversOf(homeA), LAB, `${LAB_APP}.env`), 'TYPE=ccd-web:v1.0.0\nDOMAIN=wiki.lab.example.org\n')
  await call(app.core, 'team.connect', { remote: remoteA, token: TOKEN_A, name: 'Alice' })
  await done(app.core, (await call(app.core, 'apps.deploy', { server: SERVER, domain: DOMAIN, backupFirst: false })).jobId)
  // Bob: rigbox too (the rig's sshd), then the team's settings.
  homeB = homeWithSshConfig(rig)
  bob = createCore({ transport: 'cli', home: homeB, env: { HOME: homeB, ...world.env }, keychain: memoryKeychain() })
  const probe = await call(bob, 'servers.probeHostKey', { hostname: SERVER, port: rig.sshd.port })
  await call(bob, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(bob, 'servers.add', { kind: 'ssh', host: SERVER })
  await call(bob, 'team.join', { remote: `${relayB.url}/team.git`, token: TOKEN_B, name: 'Bob' })
  await call(bob, 'team.sync', {})
  expect(envOf(homeB)).toBe(envOf(homeA))
}, 120_000)

afterAll(async () => {
  // The token leaves the keychain whatever happened above.
  if (app) await call(app.core, 'team.disconnect', {}).catch(() => undefined)
  await app?.close()
  await bob?.close()
  await relayA?.close()
  await relayB?.close()
  await gitServer?.close()
  await world?.close()
  if (docker) {
    await removeStack(docker, STACK).catch(() => {})
    for (const s of await docker.listSecrets({ filters: { name: [`${STACK}_`] } })) await docker.getSecret(s.ID).remove().catch(() => {})
  }
  for (const home of [homeA, homeB]) if (home) fs.rmSync(home, { recursive: true, force: true })
}, 90_000)

describe('the team screens after Share, in Chromium', () => {
  it('stops sharing one server in the window and shares it again; Bob’s app follows after a pull', { timeout: 110_000 }, async () => {
    const { page } = app
    await openSettings(page)
    const choice = page.getByTestId('team-servers-choice')
    expect(await choice.getByRole('heading', { level: 3 }).innerText()).toBe('Change which servers are shared')
    expect(await choice.innerText()).toContain('Every server on this computer is shared, and those you add later.')
    const row = (name: string, shared?: boolean) => choice.locator(`[data-testid="team-server-row"][data-server="${name}"]${shared === undefined ? '' : `[data-shared="${shared}"]`}`)
    expect(await choice.getByTestId('team-server-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-server')}:${r.getAttribute('data-shared')}`))).toEqual([
      `${LAB}:true`,
      `${SERVER}:true`
    ])
    await choice.scrollIntoViewIfNeeded()
    await shot(page, 'team-settings-servers')
    await expectNoAxeViolations(page, 'the servers shared')

    // Stopping asks first, and says what it means for teammates.
    const stop = row(LAB).getByRole('button', { name: `Stop sharing ${LAB}…` })
    const dialog = page.getByTestId('team-server-stop-dialog')
    await expectFocusReturns(page, stop, dialog)
    await stop.click()
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').innerText()).toBe(`Stop sharing ${LAB}?`)
    const words = await dialog.innerText()
    expect(words).toContain(`Changes made here to apps on ${LAB} stop reaching your teammates, and theirs stop reaching you.`)
    expect(words).toContain(`Nothing is deleted: your teammates keep their copies of the app settings of ${LAB}`)
    await shot(page, 'team-settings-server-stop')
    await expectNoAxeViolations(page, 'the stop-sharing-a-server confirmation')
    const before = await remoteHead()
    await dialog.getByTestId('team-server-stop-confirm').click()
    await dialog.waitFor({ state: 'detached', timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe(`${LAB} is no longer shared. Its app settings stay here and on your teammates’ computers.`)
    await row(LAB, false).waitFor()
    expect(await row(LAB).innerText()).toContain('Only on this computer')
    expect(await page.getByTestId('team-servers').innerText()).toBe(SERVER)
    expect(await choice.innerText()).toContain('Only the servers marked “Shared” are shared.')
    // The last one shared can't be stopped here (that is Stop sharing, above).
    expect(await row(SERVER).getByRole('button').count()).toBe(0)
    // One commit on the shared copy, in words, with the line teammates' apps follow.
    const head = await remoteHead()
    expect(head).not.toBe(before)
    expect(head).toMatch(new RegExp(`^Alice: [\\s\\S]*\\nShared-servers: ${SERVER}$`))
    expect(fs.existsSync(path.join(serversOf(homeA), LAB, `${LAB_APP}.env`))).toBe(true)

    // Bob's app follows after a pull: his copy stays, and his changes to that server stay his.
    const bobs = await call(bob, 'team.sync', {})
    expect(bobs.servers).toEqual([SERVER])
    expect(envOf(homeB, `${LAB}/${LAB_APP}.env`)).toContain('DOMAIN=wiki.lab.example.org')
    await save(bob, homeB, 'MOTD', '"Bob, lab only"', LAB, LAB_APP)
    expect((await call(bob, 'team.status', {})).unshared).toBe(0)
    expect(await remoteHead()).toBe(head)

    // Shared again from the window: Bob's app follows that too.
    await row(LAB).getByRole('button', { name: `Share ${LAB}` }).click()
    await row(LAB, true).waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe(`${LAB} is now shared with your team.`)
    expect(await remoteHead()).toMatch(new RegExp(`\\nShared-servers: ${LAB} ${SERVER}$`))
    expect((await call(bob, 'team.sync', {})).servers).toEqual([LAB, SERVER])
    // Back to all of them, those added later too.
    await choice.getByTestId('team-servers-all-button').click()
    await page.getByTestId('team-servers').filter({ hasText: 'All of them' }).waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe('All your servers are now shared, and those you add later.')
    expect((await call(bob, 'team.sync', {})).servers).toBeUndefined()
    expect(app.consoleErrors).toEqual([])
  })

  it('Bob deploys settings he could not share: Alice’s deploy preview says so in its team panel', { timeout: 110_000 }, async () => {
    const { page } = app
    // Bob loses his connection, changes the app and deploys it: the server runs settings the team doesn't have.
    relayB.online = false
    await save(bob, homeB, 'MOTD', '"from Bob, offline"')
    await done(bob, (await call(bob, 'apps.deploy', { server: SERVER, domain: DOMAIN, kind: 'redeploy', backupFirst: false })).jobId)
    expect((await call(bob, 'team.status', {})).unshared).toBeGreaterThan(0)

    await openAppPage(page)
    const deploy = page.getByTestId('app-deploy')
    await deploy.click()
    const dialog = page.getByTestId('deploy-preview')
    await dialog.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    const panel = dialog.getByTestId('deploy-preview-team')
    expect(await panel.getByRole('heading', { level: 3 }).innerText()).toBe('Before you deploy: your team')
    expect(await panel.getByTestId('deploy-preview-team-unshared-deploy').innerText()).toMatch(
      /^Bob deployed this app at \d{1,2}:\d{2}( [AP]M)? with settings you don’t have yet — they haven’t been shared\. Deploying now would replace them\.$/
    )
    expect(await panel.innerText()).toContain('To keep your teammate’s, cancel and ask them to share their change first.')
    await shot(page, 'team-settings-preview')
    await expectNoAxeViolations(page, 'the deploy preview’s team panel')
    await dialog.getByTestId('deploy-preview-cancel').click()
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => deploy.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(app.consoleErrors).toEqual([])
  })

  it('in French: the Settings team panel with a conflict, its dialog, and the app’s Activity', { timeout: 110_000 }, async () => {
    const { page } = app
    // Bob is back and shares his change; Alice changed the same line while offline.
    relayB.online = true
    await call(bob, 'team.sync', {})
    relayA.online = false
    await save(app.core, homeA, 'MOTD', '"Alice, hors ligne"')
    relayA.online = true

    await chooseLanguage(page, 'fr')
    const section = page.locator('[data-testid="team-sharing"][data-connected="true"]')
    await section.waitFor()
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Partager les réglages des applications avec votre équipe')
    await section.getByTestId('team-share-now').click()
    const conflicts = section.getByTestId('team-conflicts')
    await conflicts.waitFor({ timeout: 30_000 })
    expect(await conflicts.innerText()).toContain('Choisissez les réglages à garder : 1 application diffère de la copie de votre équipe')
    expect(await section.getByTestId('team-servers-choice').innerText()).toContain('Changer les serveurs partagés')
    await conflicts.scrollIntoViewIfNeeded()
    await shot(page, 'team-settings-fr-panel')
    await expectNoAxeViolations(page, 'the team panel with a conflict, in French')

    await conflicts.getByRole('button', { name: `Choisir pour ${DOMAIN}` }).click()
    const dialog = page.getByTestId('team-conflict-dialog')
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').first().innerText()).toBe(`Choisir les réglages de ${DOMAIN}`)
    expect(await dialog.getByTestId('team-place-1-mine').innerText()).toContain('MOTD vaut "Alice, hors ligne"')
    expect(await dialog.getByTestId('team-place-1-theirs').innerText()).toContain('La version de l’équipe (par Bob) : Prendre celle de l’équipe')
    await page.getByLabel('La version de l’équipe (par Bob) : Prendre celle de l’équipe').check()
    await shot(page, 'team-settings-fr-conflict')
    await expectNoAxeViolations(page, 'the conflict dialog, in French')
    await dialog.getByTestId('team-resolve').click()
    await dialog.waitFor({ state: 'detached', timeout: 30_000 })
    expect(await page.getByTestId('team-notice').innerText()).toBe(`Enregistré : ${DOMAIN} a maintenant les réglages choisis, et votre équipe aussi.`)
    expect(envOf(homeA)).toContain('MOTD="from Bob, offline"\n')

    await openAppPage(page, 'Applications')
    const activity = page.getByTestId('app-activity')
    await activity.getByTestId('app-activity-list').waitFor({ timeout: 30_000 })
    expect(await activity.getByRole('heading', { level: 2 }).innerText()).toBe('Activité')
    const items = (await activity.locator('li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim())
    expect(items.some((s) => s.startsWith('Bob : ') && s.includes('Ce qui tourne maintenant'))).toBe(true)
    await activity.scrollIntoViewIfNeeded()
    await shot(page, 'team-settings-fr-activity')
    await expectNoAxeViolations(page, 'an app’s Activity, in French')
    await chooseLanguage(page, 'system')
    expect(app.consoleErrors).toEqual([])
  })

  it('the forge withdraws Alice’s token: the panel offers the next steps, a wrong token brings back Join, the right one shares again', { timeout: 110_000 }, async () => {
    const { page } = app
    // Withdrawn on the forge; a new one made there.
    tokens.delete(TOKEN_A)
    tokens.add(TOKEN_A2)
    await save(app.core, homeA, 'GREETING', '"Alice, new token"')
    await openSettings(page)
    const connected = page.getByTestId('team-connected')
    await connected.getByTestId('team-share-now').click()
    const panel = connected.getByTestId('team-token-refused')
    // Read out at once: the refusal just happened.
    await expect.poll(() => panel.getAttribute('role'), { timeout: 30_000 }).toBe('alert')
    expect(await panel.getByRole('heading', { level: 3 }).innerText()).toBe('Your team’s repository refused the access token')
    expect(await panel.innerText()).toContain('Make a new one there, with read and write access to repositories, and paste it here')
    // The refusal shows once, with its next steps: no second panel saying the same.
    expect(await connected.getByTestId('error-panel').count()).toBe(0)
    expect(await panel.getByRole('button', { name: 'Stop sharing…' }).count()).toBe(1)
    expect(await connected.getByTestId('team-state').innerText()).toMatch(/change(s)? not shared yet$/)
    // No token typed: the field says so.
    await panel.getByTestId('team-token-submit').click()
    expect(await panel.locator('#team-new-token-error').innerText()).toBe('Paste the new token first.')
    await panel.scrollIntoViewIfNeeded()
    await shot(page, 'team-settings-token')
    await expectNoAxeViolations(page, 'a refused token and its next steps')

    // A wrong token: sharing stops for it, and the Join form comes back filled in, saying so.
    await panel.getByLabel('New access token').fill(WRONG)
    await panel.getByTestId('team-token-submit').click()
    const form = page.locator('[data-testid="team-form"][data-mode="join"]')
    await form.waitFor({ timeout: 30_000 })
    expect(await page.getByLabel('Address of the repository').inputValue()).toBe(remoteA)
    expect(await page.getByLabel('Your name').inputValue()).toBe('Alice')
    const failed = form.getByTestId('error-panel')
    expect(await failed.innerText()).toContain('The repository refused the new token too')
    expect(await form.getByTestId('team-rejoin-next').innerText()).toContain('your files and their history are all still here')
    expect(envOf(homeA)).toContain('GREETING="Alice, new token"')
    expect(await page.content()).not.toContain(WRONG)
    await form.scrollIntoViewIfNeeded()
    await shot(page, 'team-settings-token-rejoin')
    await expectNoAxeViolations(page, 'Join again after a refused token')

    // The right one: joined again, and the change waiting here reaches Bob.
    await page.getByLabel(/^Access token/).fill(TOKEN_A2)
    await form.getByTestId('team-submit').click()
    await page.getByTestId('team-connected').waitFor({ timeout: 30_000 })
    await page.getByTestId('team-state').filter({ hasText: 'Everything is shared' }).waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('team-token-refused').count()).toBe(0)
    await call(bob, 'team.sync', {})
    expect(envOf(homeB)).toContain('GREETING="Alice, new token"')
    expect(await page.content()).not.toContain(TOKEN_A2)
    await page.getByTestId('team-connected').scrollIntoViewIfNeeded()
    await shot(page, 'team-settings-token-done')
    expect(app.consoleErrors).toEqual([])
  })
})
