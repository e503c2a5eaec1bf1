import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, resetSudoUser, type Rig } from '../rig/rig'
import { startSwarmNodes, type SwarmNode, type SwarmNodes } from '../support/swarm-nodes'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnSwarm } from './rig-server'
import { chooseLanguage } from './language'

// "Add a machine…" on a server's page, through the real wizard in Chromium
// (issue 13), on a one-machine rig swarm (test/support/swarm-nodes.ts) whose
// manager is the server, added over SSH at its bridge address. The new
// machines come from addNode(): running, with Docker, in no swarm. The user
// types each machine's address; ~/.ssh/config has a block for that address
// (the rig's user and key), as a user's would.
//   1. A machine whose recorded host key doesn't match is refused with a
//      "this machine's identity has CHANGED" screen (English and French);
//      with the old record removed as the screen says, its key is shown and
//      trusted; signed in and checked, it joins as a manager after the
//      even-manager warning, and the swarm has it as a manager.
//   2. A machine signed in to as a user outside the "docker" group (with
//      passwordless sudo): Docker's check fails with "Prepare this machine";
//      the prepare job gives the user Docker's group, the checks run again
//      by themselves and pass, and it joins as a worker.
let rig: Rig
let swarm: SwarmNodes
let app: App
let home: string
const SERVER = 'swarm1'

/** The SHA256 fingerprint of a public key line, as ssh-keygen -l shows it. */
function fingerprint(pubLine: string): string {
  const blob = Buffer.from(pubLine.split(' ')[1], 'base64')
  return `SHA256:${crypto.createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

/** ~/.ssh/config: the machine's address with the rig's user and key, as the user's own settings would have it. */
function addressBlock(n: SwarmNode): string {
  return `\nHost ${n.address}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`
}

async function openServerPage(page: Page, nav: { servers: string; check: string }): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: nav.servers }).click()
  await page.getByTestId(`server-row-${SERVER}`).getByRole('button', { name: `${nav.check} ${SERVER}` }).click()
  const section = page.getByTestId('machines')
  await section.getByTestId('machines-count').waitFor({ timeout: 30_000 })
  return section
}

/** Machines → Add a machine… → its address (and user) → Next: the identity step. */
async function startAdding(page: Page, section: Locator, n: SwarmNode, words: { next: string; address: RegExp; user: RegExp }, user?: string): Promise<Locator> {
  await section.getByTestId('machines-add').click()
  const where = page.getByTestId('add-machine-where')
  await where.getByLabel(words.address).fill(n.address)
  if (user) await where.getByLabel(words.user).fill(user)
  await where.getByRole('button', { name: words.next }).click()
  return page.getByTestId('wizard-step-identity')
}

/**
 * A screenshot of what `what` shows: the window's content scrolls inside the
 * app's own pane, so the pane is scrolled to it in a window tall enough for a
 * whole wizard step, then the window goes back to its size.
 */
async function shotOf(page: Page, what: Locator, name: string): Promise<void> {
  const before = page.viewportSize()
  await page.setViewportSize({ width: before?.width ?? 1200, height: 1400 })
  try {
    await what.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(page, name)
  } finally {
    if (before) await page.setViewportSize(before)
  }
}

const EN = { next: 'Next', address: /^Address of the new machine/, user: /^User name/ }
const FR = { next: 'Suivant', address: /^Adresse de la nouvelle machine/, user: /^Nom d’utilisateur/ }

/** The identity step, the key unknown: its fingerprint shown, then trusted with the machine's own words. */
async function trustShownKey(page: Page, identity: Locator, n: SwarmNode, step: string): Promise<void> {
  await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('unknown')
  expect(await identity.getByRole('heading', { level: 2 }).innerText()).toBe('Is this the right machine?')
  expect(await identity.getByTestId('host-key-fingerprint').innerText()).toContain(fingerprint(n.hostKeyPub))
  expect(await identity.innerText()).toContain('first time the app connects to this machine')
  if (step) {
    await shotOf(page, page.getByTestId('add-machine'), step)
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s identity step')
  }
  await identity.getByRole('button', { name: 'Yes, it matches — trust this machine' }).click()
}

/** Sign in and check, until the checks say ready or not. */
async function signInAndCheck(page: Page): Promise<Locator> {
  const checks = page.getByTestId('add-machine-checks')
  await checks.getByRole('button', { name: 'Sign in and check' }).click()
  await checks.getByTestId('machine-ready').waitFor({ timeout: 60_000 })
  return checks
}

beforeAll(async () => {
  rig = loadRig()
  resetSudoUser(rig)
  swarm = await startSwarmNodes({ nodes: 1 })
  ;({ home, app } = await openAppOnSwarm(rig, swarm, SERVER))
}, 150_000)

afterAll(async () => {
  try {
    if (app && (await app.core.handlers['settings.get']({})).language !== 'system') await app.core.handlers['settings.set']({ language: 'system' })
  } finally {
    await app?.close()
    await swarm?.stop()
    if (rig) resetSudoUser(rig)
    if (home) fs.rmSync(home, { recursive: true, force: true })
  }
}, 90_000)

describe('adding a machine to a server’s swarm in Chromium', () => {
  it('refuses a machine whose identity changed (in English and French), then trusts it, checks it and joins it as a manager after the even-manager warning', { timeout: 150_000 }, async () => {
    const { page } = app
    const machine = await swarm.addNode()
    fs.appendFileSync(path.join(home, '.ssh/config'), addressBlock(machine))
    // This computer remembers another key for the machine's address (the manager's, here).
    const knownHosts = path.join(home, '.ssh/known_hosts')
    const [type, blob] = swarm.manager.hostKeyPub.split(' ')
    fs.writeFileSync(knownHosts, `${machine.address} ${type} ${blob}\n`, { mode: 0o600 })

    let section = await openServerPage(page, { servers: 'Servers', check: 'Check' })
    expect(await section.getByTestId('machines-count').innerText()).toBe('1 machine')
    await section.getByTestId('machines-add').click()
    const where = page.getByTestId('add-machine-where')
    await where.waitFor()
    expect(await page.locator('#add-machine-title').innerText()).toBe(`Add a machine to ${SERVER}`)
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-where')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s first step (where)')
    await where.getByRole('button', { name: 'Cancel' }).click()
    await where.waitFor({ state: 'detached' })
    await expect.poll(() => section.getByTestId('machines-add').evaluate((el) => el === document.activeElement)).toBe(true)

    // The changed key: a hard stop worded for a machine, with no way on.
    let identity = await startAdding(page, section, machine, EN)
    await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('changed')
    expect(await identity.getByRole('heading', { level: 2 }).innerText()).toBe('Stop: this machine’s identity has CHANGED')
    const changedText = await identity.innerText()
    expect(changedText).toContain(`${machine.address} answered with a different identity than the one this computer remembers. This happens when a machine is reinstalled`)
    expect(changedText).toContain('Identity the machine sent now (ssh-ed25519)')
    expect(await identity.getByTestId('host-key-old-fingerprint').innerText()).toContain(fingerprint(swarm.manager.hostKeyPub))
    expect(await identity.getByTestId('host-key-new-fingerprint').innerText()).toContain(fingerprint(machine.hostKeyPub))
    expect(await identity.getByRole('button', { name: /trust/i }).count()).toBe(0)
    await identity.getByText('What should I do?').click()
    expect(await identity.innerText()).toContain('Ask whoever runs the machine whether it was reinstalled')
    expect(await identity.innerText()).toContain('If nobody changed the machine, do not connect')
    expect(await identity.locator('code').innerText()).toBe(`ssh-keygen -R ${machine.address}`)
    expect(await identity.innerText()).not.toMatch(/server/i)
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-identity-changed')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s identity step (a changed host key)')

    // The same screen in French.
    await chooseLanguage(page, 'fr')
    section = await openServerPage(page, { servers: 'Serveurs', check: 'Vérifier' })
    identity = await startAdding(page, section, machine, FR)
    await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('changed')
    expect(await identity.getByRole('heading', { level: 2 }).innerText()).toBe('Stop : l’identité de cette machine a CHANGÉ')
    await identity.getByText('Que dois-je faire ?').click()
    const fr = await identity.innerText()
    expect(fr).toContain(`${machine.address} a répondu avec une identité différente de celle dont cet ordinateur se souvient. Cela arrive quand une machine est réinstallée`)
    expect(fr).toContain('Identité envoyée maintenant par la machine (ssh-ed25519)')
    expect(fr).toContain('Demandez à qui gère la machine si elle a été réinstallée')
    expect(fr).not.toMatch(/serveur/i)
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-identity-changed-fr')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s changed host key in French')
    await chooseLanguage(page, 'system')

    // As the screen says: the old record removed, go back one step and press Next again.
    section = await openServerPage(page, { servers: 'Servers', check: 'Check' })
    identity = await startAdding(page, section, machine, EN)
    await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('changed')
    execFileSync('ssh-keygen', ['-R', machine.address, '-f', knownHosts], { stdio: 'ignore' })
    await identity.getByRole('button', { name: 'Go back' }).click()
    await page.getByTestId('add-machine-where').getByRole('button', { name: 'Next' }).click()
    await trustShownKey(page, identity, machine, 'machines-add-identity')

    // Signed in and checked: every check passes.
    const checks = await signInAndCheck(page)
    expect(await checks.getByTestId('machine-ready').getAttribute('data-ready')).toBe('true')
    for (const id of ['ssh', 'docker-installed', 'docker-access', 'swarm-free', 'manager-reachable']) {
      expect(await checks.getByTestId(`machine-check-${id}`).getAttribute('data-ok'), id).toBe('true')
    }
    expect(await checks.getByTestId('machine-check-manager-reachable').innerText()).toContain(swarm.manager.address)
    expect(await checks.getByTestId('machine-prepare').count()).toBe(0)
    expect(await checks.getByTestId('machine-checks').innerText()).not.toMatch(/server/i)
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-checks')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s checks')
    await checks.getByRole('button', { name: 'Next' }).click()

    // The role: a second manager would make an even number, so the app warns and waits for a confirmation.
    const role = page.getByTestId('add-machine-role')
    expect(await role.getByRole('radio', { name: 'As a worker' }).isChecked()).toBe(true)
    expect(await role.innerText()).toContain(`${SERVER} has 1 manager now.`)
    expect(await role.getByTestId('machine-even-warning').count()).toBe(0)
    await role.getByRole('radio', { name: 'As a manager' }).check()
    const warning = role.getByTestId('machine-even-warning')
    expect(await warning.innerText()).toContain(`With this machine ${SERVER} would have 2 managers.`)
    expect(await role.getByTestId('machine-join').isDisabled()).toBe(true)
    await warning.getByTestId('machine-confirm-even').check()
    expect(await role.getByTestId('machine-join').isEnabled()).toBe(true)
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-role')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s role step with the even-manager warning')
    await role.getByTestId('machine-join').click()

    // The join's progress, then done.
    const join = page.getByTestId('add-machine-join')
    await join.getByTestId('machine-joined').waitFor({ timeout: 90_000 })
    expect(await join.getByTestId('machine-joined').innerText()).toBe(`${machine.name} is now one of ${SERVER}’s machines.`)
    expect(await join.locator('.job').getAttribute('data-status')).toBe('done')
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-joined')
    await expectNoAxeViolations(page, 'the add-a-machine wizard, joined')
    await join.getByTestId('machine-close').click()
    await page.getByTestId('add-machine').waitFor({ state: 'detached' })
    await expect.poll(() => section.getByTestId('machines-add').evaluate((el) => el === document.activeElement)).toBe(true)

    // The list shows it, and the swarm really has it, as a manager.
    const card = section.getByTestId(`machine-${machine.name}`)
    await card.waitFor({ timeout: 30_000 })
    expect(await section.getByTestId('machines-count').innerText()).toBe('2 machines')
    expect(await card.getByTestId('machine-role').innerText()).toBe('manager')
    await expect.poll(async () => (await swarm.nodeList()).find((x) => x.hostname === machine.name), { timeout: 30_000 }).toMatchObject({ role: 'manager', state: 'ready', addr: machine.address })
    await shotOf(page, section, 'machines-add-listed')
  })

  it('prepares a machine whose user can’t use Docker yet, checks it again by itself, and joins it as a worker', { timeout: 120_000 }, async () => {
    const { page } = app
    const machine = await swarm.addNode()
    fs.appendFileSync(path.join(home, '.ssh/config'), addressBlock(machine))
    const sudoUser = rig.sshd.users.sudo
    const section = await openServerPage(page, { servers: 'Servers', check: 'Check' })
    const identity = await startAdding(page, section, machine, EN, sudoUser)
    await trustShownKey(page, identity, machine, '')

    // Signed in as a user outside the "docker" group: Docker answers no one but its group; the app can fix that.
    const checks = await signInAndCheck(page)
    expect(await checks.getByTestId('machine-ready').getAttribute('data-ready')).toBe('false')
    expect(await checks.getByTestId('machine-check-docker-installed').getAttribute('data-ok')).toBe('true')
    expect(await checks.getByTestId('machine-check-docker-access').getAttribute('data-ok')).toBe('false')
    expect(await checks.getByTestId('machine-check-docker-access').innerText()).toContain(`The user ${sudoUser} is not allowed to use Docker on this machine.`)
    expect(await checks.getByTestId('machine-prepare-text').innerText()).toBe('Starts Docker on it if it isn’t running, and lets your user use it. It takes a moment.')
    expect(await checks.getByTestId('machine-checks').innerText()).not.toMatch(/server/i)
    expect(await checks.getByTestId('machine-check-swarm-free').getAttribute('data-ok')).toBe('null')
    const prepare = checks.getByTestId('machine-prepare')
    expect(await prepare.innerText()).toBe('Prepare this machine')
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-needs-prepare')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s checks, the machine needing preparation')

    // Seen at any moment of the job, however short: its progress bar.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean }
      w.sawProgress = false
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="add-machine-checks"] .job [role="progressbar"]')) w.sawProgress = true
      }).observe(document.body, { subtree: true, childList: true })
    })
    await prepare.click()
    // When it is done the checks run again by themselves, and now pass.
    await expect.poll(() => checks.getByTestId('machine-ready').getAttribute('data-ready'), { timeout: 120_000 }).toBe('true')
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true)
    expect(await checks.locator('.job').getAttribute('data-status')).toBe('done')
    expect(await checks.getByTestId('machine-check-docker-access').getAttribute('data-ok')).toBe('true')
    expect(await checks.getByTestId('machine-prepare').count()).toBe(0)
    // Done for real on the machine: the user is in Docker's group there.
    expect(machine.sh(`id -nG ${sudoUser}`).split(/\s+/)).toContain('docker')
    await shotOf(page, page.getByTestId('add-machine'), 'machines-add-prepared')
    await expectNoAxeViolations(page, 'the add-a-machine wizard’s checks after preparing')
    await checks.getByRole('button', { name: 'Next' }).click()

    // Two managers now: a third makes an odd number, so no warning; it joins as a worker.
    const role = page.getByTestId('add-machine-role')
    expect(await role.innerText()).toContain(`${SERVER} has 2 managers now.`)
    await role.getByRole('radio', { name: 'As a manager' }).check()
    expect(await role.getByTestId('machine-even-warning').count()).toBe(0)
    await role.getByRole('radio', { name: 'As a worker' }).check()
    await role.getByTestId('machine-join').click()
    await page.getByTestId('machine-joined').waitFor({ timeout: 90_000 })
    await page.getByTestId('machine-close').click()
    const card = section.getByTestId(`machine-${machine.name}`)
    await card.waitFor({ timeout: 30_000 })
    expect(await card.getByTestId('machine-role').innerText()).toBe('worker')
    expect(await section.getByTestId('machines-count').innerText()).toBe('3 machines')
    await expect.poll(async () => (await swarm.nodeList()).find((x) => x.hostname === machine.name), { timeout: 30_000 }).toMatchObject({ role: 'worker', state: 'ready', addr: machine.address })
  })
})
