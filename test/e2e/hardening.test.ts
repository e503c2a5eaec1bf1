import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, makeHome, type Rig } from '../rig/rig'
import { startNetnsServer, type NetnsServer } from '../support/netns-server'
import { expectNoAxeViolations } from './axe'
import { openApp, shot, type App } from './browser'
import { expectFocusReturns } from './focus'
import { signInWithPassword, startAdding } from './wizard'

// A member turns on the firewall and automatic security updates from the
// server's checks, in Chromium, after reading what each does and confirming.
// The server is a test server in a network namespace (never this machine),
// with SSH on a port that is not 22.

let rig: Rig
let app: App
let server: NetnsServer
const keychainService = `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`

beforeAll(async () => {
  rig = loadRig()
  server = await startNetnsServer({ users: [rig.sshd.users.noKey] })
  app = await openApp(rig, makeHome(), keychainService, { CCD_SIGN_IN_UNDO_SECONDS: '30' })
}, 120_000)
afterAll(async () => {
  await app?.close()
  await server?.stop()
})

describe('hardening a server from its checks', () => {
  it('turns on the firewall and automatic updates, each after a confirmation, with progress, and both checks turn green', async () => {
    const { page } = app
    await page.getByTestId('welcome').waitFor()
    await startAdding(page, { host: server.host, port: server.port, user: rig.sshd.users.noKey, name: 'netbox' })
    await signInWithPassword(page, rig.sshd.password)
    await page.getByTestId('wizard-step-checks').waitFor({ timeout: 60_000 })

    const firewall = page.getByTestId('check-firewall')
    await expect.poll(() => firewall.getAttribute('data-ok'), { timeout: 60_000 }).toBe('false')
    // Recommendations: the server is ready for apps without them.
    expect(await firewall.innerText()).toMatch(/Recommended[\s\S]*No firewall is on/)
    expect(await page.getByTestId('check-auto-updates').innerText()).toMatch(/Recommended[\s\S]*does not install security fixes by itself/)
    await expect.poll(() => page.getByTestId('checks').getAttribute('data-ready')).toBe('true')
    await firewall.scrollIntoViewIfNeeded()
    await shot(page, 'hardening-01-checks')
    expect(await server.reach(8080)).toBe('open')

    const turnOn = firewall.getByRole('button', { name: 'Turn on the firewall' })
    const dialog = page.getByTestId('firewall-dialog')
    await expectFocusReturns(page, turnOn, dialog)
    await turnOn.click()
    expect(await dialog.innerText()).toMatch(/What it does:[\s\S]*Why:[\s\S]*What could go wrong:[\s\S]*can’t be locked out[\s\S]*within a minute/)
    await shot(page, 'hardening-02-firewall-confirm')
    await expectNoAxeViolations(page, 'the firewall dialog')
    await dialog.getByRole('button', { name: 'Turn on the firewall' }).click()
    const job = page.getByTestId('checks-job')
    await job.waitFor({ timeout: 30_000 })
    expect(await job.innerText()).toMatch(/Turning on the firewall/)
    await expect.poll(() => firewall.getAttribute('data-ok'), { timeout: 90_000 }).toBe('true')
    expect(await firewall.innerText()).toMatch(/A firewall \(ufw\) is on[\s\S]*goes around this firewall/)
    // SSH still gets in on its own port; what the rules don't allow is turned away.
    expect(await server.reach(server.port)).toBe('open')
    expect(await server.reach(443)).toBe('open')
    expect(await server.reach(8080)).toBe('timeout')

    const updates = page.getByTestId('check-auto-updates')
    const turnOnUpdates = updates.getByRole('button', { name: 'Turn on automatic updates' })
    const confirm = page.getByTestId('auto-updates-dialog')
    await expectFocusReturns(page, turnOnUpdates, confirm)
    await turnOnUpdates.click()
    expect(await confirm.innerText()).toMatch(/once a day[\s\S]*What could go wrong:/)
    await shot(page, 'hardening-03-auto-updates-confirm')
    await expectNoAxeViolations(page, 'the automatic-updates dialog')
    await confirm.getByRole('button', { name: 'Turn on automatic updates' }).click()
    await expect.poll(() => updates.getAttribute('data-ok'), { timeout: 90_000 }).toBe('true')
    expect(fs.readFileSync(path.join(server.etc, 'apt/apt.conf.d/20auto-upgrades'), 'utf8')).toMatch(/Unattended-Upgrade "1"/)
    await updates.scrollIntoViewIfNeeded()
    await shot(page, 'hardening-04-both-on')
    await expectNoAxeViolations(page, 'the checks with the firewall and updates on')
    // The firewall outlived the server's undo timer: the proof stopped it.
    expect(server.sh('ufw status')).toMatch(/Status: active/)
  })
})
