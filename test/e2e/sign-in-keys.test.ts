import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osKeychain, passphraseAccount } from '../../src-main/keychain/keychain'
import { loadRig, makeHome, type Rig } from '../rig/rig'
import { forgetServerKeys, signsIn, startOwnSshd, type OwnSshd } from '../support/own-sshd'
import { expectNoAxeViolations } from './axe'
import { openApp, shot, type App } from './browser'
import { expectFocusReturns } from './focus'
import { tabTo } from './keyboard'
import { signInWithPassword, startAdding } from './wizard'

// A member with no SSH key, in Chromium: the sign-in step offers a password,
// a key file, or "I don't have a key"; the app makes a key, puts it on the
// server with the password used once, and signs in with the key.

let rig: Rig
let app: App
let home: string
let sshd: OwnSshd
let noPasswords: OwnSshd
let user: string
const keychainService = `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`

async function checksReached(page: Page): Promise<void> {
  await page.getByTestId('wizard-step-checks').waitFor({ timeout: 60_000 })
  await expect.poll(() => page.getByTestId('check-ssh').getAttribute('data-ok'), { timeout: 30_000 }).toBe('true')
}

beforeAll(async () => {
  rig = loadRig()
  user = rig.sshd.users.noKey
  sshd = await startOwnSshd({ users: [user] })
  noPasswords = await startOwnSshd({ users: [user], passwordAuth: false })
  home = makeHome()
  app = await openApp(rig, home, keychainService)
}, 120_000)
afterAll(async () => {
  await app?.close()
  await sshd?.stop()
  await noPasswords?.stop()
})

/** From the checks of the last server added, back to the list, then adds `server` signing in with the rig's password. */
async function addWithPassword(page: Page, previous: string, server: OwnSshd, name: string): Promise<void> {
  await page.getByTestId('checks').getByRole('button', { name: /go to my servers/ }).click()
  await page.getByTestId(`server-row-${previous}`).waitFor()
  await startAdding(page, { host: server.host, port: server.port, user, name })
  await signInWithPassword(page, rig.sshd.password)
  await checksReached(page)
}

describe('signing in without a key', () => {
  it('makes a key, puts it on the server with the password once, and signs in with the key', async () => {
    const serverHome = forgetServerKeys(user)
    const { page } = app
    await page.getByTestId('welcome').waitFor()
    await startAdding(page, { host: sshd.host, port: sshd.port, user, name: 'newbox' })

    const how = page.getByTestId('sign-in-how')
    await how.waitFor({ timeout: 30_000 })
    for (const way of ['With a password', 'With a key file on this computer', 'I don’t have a key']) {
      await expect.poll(() => how.getByRole('radio', { name: way }).count()).toBe(1)
    }
    await shot(page, 'keys-01-how-to-sign-in')
    await expectNoAxeViolations(page, 'the sign-in step (how to sign in)')

    await how.getByRole('radio', { name: 'I don’t have a key' }).check()
    const panel = page.getByTestId('new-key')
    await panel.waitFor({ timeout: 30_000 })
    const keyFile = path.join(home, '.ssh/id_ed25519')
    const publicKey = (await panel.getByTestId('new-key-public').inputValue()).trim()
    expect(publicKey).toBe(fs.readFileSync(`${keyFile}.pub`, 'utf8').trim())
    expect(await panel.getByRole('button', { name: 'Put my key on the server' }).isDisabled()).toBe(true)
    expect(await panel.innerText()).toMatch(/Type the password first/)
    await shot(page, 'keys-02-new-key')

    await panel.getByLabel(/Password for/).fill('not the password')
    await panel.getByRole('button', { name: 'Put my key on the server' }).click()
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toMatch(/did not accept that password/)
    expect(fs.existsSync(path.join(serverHome, '.ssh'))).toBe(false)
    await shot(page, 'keys-03-wrong-password')
    await expectNoAxeViolations(page, 'the sign-in step (a new key, wrong password)')

    await panel.getByLabel(/Password for/).fill(rig.sshd.password)
    await panel.getByRole('button', { name: 'Put my key on the server' }).click()
    await checksReached(page)
    await shot(page, 'keys-04-signed-in-with-key')

    expect(fs.readFileSync(path.join(serverHome, '.ssh/authorized_keys'), 'utf8')).toBe(`${publicKey}\n`)
    const passphrase = await osKeychain(keychainService).get(passphraseAccount(keyFile))
    expect(await signsIn(sshd, user, { keyFile, passphrase })).toBe(true)
    expect(fs.existsSync(path.join(home, '.ssh/config'))).toBe(false)
  })

  it('then turns off password sign-in, after asking, with progress, proven by a fresh key sign-in', async () => {
    const { page } = app
    const check = page.getByTestId('check-password-sign-in')
    await expect.poll(() => check.getAttribute('data-ok'), { timeout: 30_000 }).toBe('false')
    // A recommendation: the server is still ready for apps.
    expect(await check.innerText()).toMatch(/Recommended[\s\S]*Robots on the internet try passwords/)
    const turnOff = check.getByRole('button', { name: 'Turn off password sign-in' })
    await expectFocusReturns(page, turnOff, page.getByTestId('password-off-dialog'))
    await turnOff.click()
    const dialog = page.getByTestId('password-off-dialog')
    expect(await dialog.innerText()).toMatch(/passwords, yours included, stop working[\s\S]*back on by itself within a minute/)
    await shot(page, 'keys-07-password-off-confirm')
    await expectNoAxeViolations(page, 'the password-off dialog')
    await dialog.getByRole('button', { name: 'Turn off password sign-in' }).click()
    await page.getByTestId('checks-job').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('check-password-sign-in').getAttribute('data-ok'), { timeout: 60_000 }).toBe('true')
    await shot(page, 'keys-08-password-off-done')
    // A fresh password sign-in is refused now; the key still works.
    expect(fs.readFileSync(sshd.configFile, 'utf8')).toMatch(/^# Co-op Cloud Desktop: password sign-in turned off[\s\S]*PasswordAuthentication no/)
    expect(await signsIn(sshd, user, { password: rig.sshd.password })).toBe(false)
    const keyFile = path.join(home, '.ssh/id_ed25519')
    expect(await signsIn(sshd, user, { keyFile, passphrase: await osKeychain(keychainService).get(passphraseAccount(keyFile)) })).toBe(true)
  })

  it('a server that takes no passwords: shows the public key to copy, then signs in once it is added', async () => {
    const serverHome = forgetServerKeys(user)
    const { page } = app
    await page.getByTestId('checks').getByRole('button', { name: /go to my servers/ }).click()
    await page.getByTestId('server-row-newbox').waitFor()
    await startAdding(page, { host: noPasswords.host, port: noPasswords.port, user, name: 'keysonly' })

    const how = page.getByTestId('sign-in-how')
    await how.waitFor({ timeout: 30_000 })
    // This server takes no passwords, so that way is not offered.
    expect(await how.getByRole('radio', { name: 'With a password' }).count()).toBe(0)
    await how.getByRole('radio', { name: 'I don’t have a key' }).check()
    const panel = page.getByTestId('new-key')
    await panel.waitFor()
    expect(await panel.getByTestId('new-key-install').count()).toBe(0)
    expect(await panel.innerText()).toMatch(/hosting provider’s “SSH keys” page/)
    const publicKey = (await panel.getByTestId('new-key-public').inputValue()).trim()

    // Not added yet: signing in says so, and nothing is saved.
    await panel.getByRole('button', { name: /I’ve added it/ }).click()
    await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toMatch(/does not accept your new key yet/)
    await shot(page, 'keys-05-copy-public-key')
    await expectNoAxeViolations(page, 'the sign-in step (a new key to copy)')

    // The member pastes it on the provider's page (here: written by hand).
    fs.mkdirSync(path.join(serverHome, '.ssh'), { mode: 0o700 })
    fs.writeFileSync(path.join(serverHome, '.ssh/authorized_keys'), `${publicKey}\n`, { mode: 0o600 })
    const { uid, gid } = fs.statSync(serverHome)
    fs.chownSync(path.join(serverHome, '.ssh'), uid, gid)
    fs.chownSync(path.join(serverHome, '.ssh/authorized_keys'), uid, gid)
    await panel.getByRole('button', { name: /I’ve added it/ }).click()
    await checksReached(page)
  })

  it('chooses a key file the app would not try by itself', async () => {
    const { page } = app
    const workKey = path.join(home, '.ssh/work_key')
    fs.copyFileSync(rig.sshd.key, workKey)
    fs.chmodSync(workKey, 0o600)
    await page.getByTestId('checks').getByRole('button', { name: /go to my servers/ }).click()
    await page.getByTestId('server-row-keysonly').waitFor()
    await startAdding(page, { host: rig.sshd.host, port: rig.sshd.port, user: rig.sshd.users.docker, name: 'workbox' })

    const how = page.getByTestId('sign-in-how')
    await how.waitFor({ timeout: 30_000 })
    await how.getByRole('radio', { name: 'With a key file on this computer' }).check()
    const picker = page.getByTestId('key-file-picker')
    await picker.waitFor()
    // The key the app made earlier is listed first (its default name), locked.
    await expect.poll(() => picker.getByRole('radio').count()).toBe(3)
    expect(await picker.innerText()).toMatch(/id_ed25519[\s\S]*locked with a passphrase[\s\S]*work_key/)
    await picker.getByRole('radio', { name: /work_key/ }).check()
    await shot(page, 'keys-06-choose-key-file')
    await expectNoAxeViolations(page, 'the sign-in step (a key file)')
    await picker.getByRole('button', { name: 'Sign in with this key' }).click()
    await checksReached(page)
    // Named for this host in ~/.ssh/config, so abra signs in with it too.
    expect(fs.readFileSync(path.join(home, '.ssh/config'), 'utf8')).toMatch(/Host 127\.0\.0\.1\n\s+IdentityFile ~\/\.ssh\/work_key/)
  })

  it('signed in with a password: sets up a key first, then offers to turn passwords off', async () => {
    const serverHome = forgetServerKeys(user)
    const withPasswords = await startOwnSshd({ users: [user] })
    try {
      const { page } = app
      await addWithPassword(page, 'workbox', withPasswords, 'pwbox')

      const check = page.getByTestId('check-password-sign-in')
      await expect.poll(() => check.innerText(), { timeout: 30_000 }).toMatch(/would lock you out/)
      await check.getByRole('button', { name: 'Set up a key' }).click()
      const dialog = page.getByTestId('set-up-key-dialog')
      await dialog.waitFor()
      await shot(page, 'keys-09-set-up-key')
      await expectNoAxeViolations(page, 'the set-up-key dialog')
      await dialog.getByRole('button', { name: 'Set up a key' }).click()
      await dialog.waitFor({ state: 'detached', timeout: 30_000 })
      await expect.poll(() => check.getByRole('button', { name: 'Turn off password sign-in' }).count(), { timeout: 30_000 }).toBe(1)
      const publicKey = fs.readFileSync(path.join(home, '.ssh/id_ed25519.pub'), 'utf8').trim()
      expect(fs.readFileSync(path.join(serverHome, '.ssh/authorized_keys'), 'utf8')).toBe(`${publicKey}\n`)
      await shot(page, 'keys-10-key-set-up')
    } finally {
      await withPasswords.stop()
    }
  })

  it('a server that looks for allowed keys elsewhere: "Set up a key" says so and shows the public key to paste', async () => {
    forgetServerKeys(user)
    const elsewhere = await startOwnSshd({ users: [user], authorizedKeysFile: '/nonexistent/%u/keys' })
    try {
      const { page } = app
      await addWithPassword(page, 'pwbox', elsewhere, 'elsewhere')

      const check = page.getByTestId('check-password-sign-in')
      await expect.poll(() => check.getByRole('button', { name: 'Set up a key' }).count(), { timeout: 30_000 }).toBe(1)
      await check.getByRole('button', { name: 'Set up a key' }).click()
      const dialog = page.getByTestId('set-up-key-dialog')
      await dialog.getByRole('button', { name: 'Set up a key' }).click()
      await expect.poll(() => dialog.innerText(), { timeout: 60_000 }).toMatch(/still does not let it sign in/)
      const publicKey = fs.readFileSync(path.join(home, '.ssh/id_ed25519.pub'), 'utf8').trim()
      await expect.poll(() => dialog.getByLabel(/Your public key/).inputValue()).toBe(publicKey)
      await expect.poll(() => dialog.getByTestId('set-up-key-copy').count()).toBe(1)
      await shot(page, 'keys-11-key-not-accepted')
      await expectNoAxeViolations(page, 'the set-up-key dialog showing the public key')
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await dialog.waitFor({ state: 'detached' })
    } finally {
      await elsewhere.stop()
    }
  })

  it('adds a server with a new key using the keyboard alone', async () => {
    forgetServerKeys(user)
    const fresh = await startOwnSshd({ users: [user] })
    try {
      const { page } = app
      const k = page.keyboard
      await page.getByTestId('checks').getByRole('button', { name: /go to my servers/ }).focus()
      await k.press('Enter')
      await page.getByTestId('server-row-pwbox').waitFor()
      await tabTo(page, page.getByRole('button', { name: 'Add server' }))
      await k.press('Enter')
      await tabTo(page, page.getByLabel('Address'))
      await k.type(fresh.host)
      await tabTo(page, page.getByLabel('User'))
      await k.press('Control+A')
      await k.type(user)
      await tabTo(page, page.getByLabel('Port'))
      await k.press('Control+A')
      await k.type(String(fresh.port))
      await tabTo(page, page.getByLabel(/Name in the app/))
      await k.type('keyboardbox')
      await k.press('Enter')
      const identity = page.getByTestId('wizard-step-identity')
      await expect.poll(() => identity.getAttribute('data-status'), { timeout: 30_000 }).toBe('unknown')
      await tabTo(page, page.getByRole('button', { name: /Yes, it matches/ }))
      await k.press('Enter')

      const how = page.getByTestId('sign-in-how')
      await how.waitFor({ timeout: 30_000 })
      await tabTo(page, how.getByRole('radio').first())
      // Arrow keys move through a radio group and select as they go.
      await k.press('ArrowDown')
      await k.press('ArrowDown')
      expect(await how.getByRole('radio', { name: 'I don’t have a key' }).isChecked()).toBe(true)
      const password = page.getByTestId('new-key').getByLabel(/Password for/)
      await tabTo(page, password)
      await k.type(rig.sshd.password)
      await k.press('Enter')
      await checksReached(page)
      expect(await page.getByTestId('check-ssh').innerText()).toMatch(/keyboardbox|127\.0\.0\.1/)
    } finally {
      await fresh.stop()
    }
  })

  it('logged no errors in the page', () => {
    // The wrong password and the not-yet-added key are answers, not page errors.
    expect(app.consoleErrors).toEqual([])
  })
})
