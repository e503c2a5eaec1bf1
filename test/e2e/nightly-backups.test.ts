import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { ensureBotImage } from '../support/backup-bot-image'
import { appContainer, deployCcdData, inContainer, removeCcdData, type BackupRig } from '../support/backup-rig'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { expectFocusReturns, isFocused } from './focus'
import { chooseLanguage } from './language'
import { openAppOnRig } from './rig-server'

// Nightly backups through the window, in Chromium against the rig's swarm
// over SSH, with the STAND-IN backup-bot-two (test/support/backup-bot-image.ts,
// as test/integration/nightly-backups.test.ts explains) and a short clock:
// CCD_NIGHTLY_SCHEDULE='@every 5s' runs the bot every few seconds. On the
// server's page: a setup to an SFTP server the bot can't reach fails in
// words with no recovery kit; a setup to a folder on the server shows its
// progress, then the recovery kit (only once it worked), which closes only
// once "saved" is ticked; the section then reports a run that worked, with
// its size. On an app's backups: its nightly snapshot, restored after its
// domain is typed, with the data back byte for byte.

let rig: Rig
let app: App
let b: BackupRig
let docker: Docker
const tag = crypto.randomBytes(3).toString('hex')
const domain = `nw-${tag}.ccd.test`
// The window's default address for the bot (nightly.setup without a domain).
const botDomain = 'backups.rigbox'
let deployed: Promise<void> | undefined
let before = ''

const sh = async (script: string): Promise<string> => inContainer(rig, await appContainer(b, domain), script)
// What the bot backs up of ccd-data (data, files/keep), without what its hooks write.
const backedUpSums = (): Promise<string> => sh('find /data /files/keep -type f ! -name dump.sql ! -name hooks.log | sort | xargs -r sha256sum')

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  await ensureBotImage(docker, rig.image)
  // A bot left by a run that crashed would make this one's setup a mere update.
  await removeStack(docker, stackNameFor(botDomain))
  const opened = await openAppOnRig(rig, { rigbox: true, env: { CCD_NIGHTLY_SCHEDULE: '@every 5s', CCD_RESTORE_STOP_TIMEOUT_SECONDS: '30' } })
  app = opened.app
  b = { rig, world: opened.world, home: opened.home, core: app.core, docker, server: 'rigbox' }
  // The app to back up deploys while the failing setup is clicked through; awaited before the setup that works.
  deployed = deployCcdData(b, domain).then(async () => {
    await sh(
      ['echo "the database as it was" > /data/db.txt', 'mkdir -p /data/sub /files/keep', 'dd if=/dev/urandom of=/data/sub/blob.bin bs=1024 count=300 2>/dev/null', 'echo kept > /files/keep/a.txt'].join(' && ')
    )
    before = await backedUpSums()
  })
  deployed.catch(() => {})
}, 90_000)

afterAll(async () => {
  if (b) {
    await deployed?.catch(() => {})
    await Promise.allSettled([removeCcdData(b, domain), removeCcdData(b, botDomain)])
  }
  await app?.close()
  await b?.world.close()
  if (b) fs.rmSync(b.home, { recursive: true, force: true })
}, 90_000)

describe('nightly backups in Chromium', () => {
  it('a setup to a destination the bot cannot write to fails in words, with no recovery kit', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Servers' }).click()
    await page.getByTestId('server-row-rigbox').getByRole('button', { name: 'Check rigbox' }).click()
    const section = page.getByTestId('nightly-server')
    await section.getByTestId('nightly-not-set-up').waitFor({ timeout: 30_000 })
    const setUp = section.getByTestId('nightly-set-up')
    const dialog = page.getByTestId('nightly-setup-dialog')
    // From the keyboard: Enter opens it, Escape closes it, and the focus is back on the button.
    await expectFocusReturns(page, setUp, dialog)
    await setUp.click()
    await dialog.waitFor()
    await dialog.getByLabel('Another server, by SFTP').check()
    // Sent empty: each field says what to fix, and the focus goes to the first.
    await dialog.getByTestId('nightly-setup-confirm').click()
    await dialog.getByText('Type the SFTP server’s address.').waitFor()
    await expect.poll(() => dialog.locator('#nightly-host').evaluate((el) => el === document.activeElement)).toBe(true)
    await dialog.locator('#nightly-host').fill('sftp.invalid')
    await dialog.locator('#nightly-user').fill('backup')
    await dialog.locator('#nightly-path').fill('/srv/restic')
    await dialog.locator('#nightly-privateKey').fill('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA me@laptop')
    await dialog.getByText('That is the public key').waitFor()
    // Not a real key: the stand-in bot has no ssh client, so restic can't open an SFTP repository whatever the key.
    await dialog.locator('#nightly-privateKey').fill('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----')
    await dialog.locator('#nightly-hostKey').fill('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIStandIn')
    await shot(page, 'nightly-setup-sftp')
    await expectNoAxeViolations(page, 'the nightly set-up dialog (SFTP)')
    await dialog.getByTestId('nightly-setup-confirm').click()

    const progress = dialog.getByTestId('nightly-setup-progress')
    await progress.waitFor()
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 90_000 }).toMatch(/^(done|failed|cancelled)$/)
    expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('failed')
    expect(await progress.innerText()).toMatch(/could not open or create the backup storage/)
    expect(await dialog.getByTestId('nightly-setup-undone').innerText()).toMatch(/Nothing was set up[\s\S]*change the settings, and try again/)
    expect(await dialog.getByTestId('recovery-kit').count()).toBe(0)
    expect(await dialog.getByText('Save your recovery kit now').count()).toBe(0)
    await shot(page, 'nightly-setup-failed')
    await expectNoAxeViolations(page, 'the nightly set-up dialog, failed')
    await dialog.getByTestId('nightly-setup-close').click()
    await expect.poll(() => dialog.count()).toBe(0)
    // Undone: the server's section still offers the setup, and the focus is back on its button.
    await section.getByTestId('nightly-not-set-up').waitFor({ timeout: 30_000 })
    await expect.poll(() => isFocused(setUp)).toBe(true)
  })

  it('sets up nightly backups to a folder on the server, showing the recovery kit only once it worked', async () => {
    const { page } = app
    await deployed
    const section = page.getByTestId('nightly-server')
    await section.getByTestId('nightly-set-up').click()
    const dialog = page.getByTestId('nightly-setup-dialog')
    await dialog.waitFor()
    expect(await dialog.getByLabel('A folder on this server').isChecked()).toBe(true)
    await dialog.getByTestId('nightly-time').fill('02:15')
    await dialog.getByTestId('nightly-keep').fill('40')
    await dialog.getByTestId('nightly-setup-confirm').click()

    const progress = dialog.getByTestId('nightly-setup-progress')
    await progress.getByRole('progressbar').waitFor({ timeout: 30_000 })
    expect(await progress.getAttribute('data-status')).toBe('running')
    // The core has handed the kit over already; the window holds it back until the job has worked.
    expect(await dialog.getByTestId('recovery-kit').count()).toBe(0)
    // It can't be closed while it runs.
    await page.keyboard.press('Escape')
    expect(await dialog.isVisible()).toBe(true)
    await shot(page, 'nightly-setup-progress')
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 90_000 }).toMatch(/^(done|failed|cancelled)$/)
    expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('done')

    const kit = dialog.getByTestId('recovery-kit')
    await kit.waitFor()
    const text = await kit.getByTestId('recovery-kit-text').inputValue()
    expect(text).toMatch(/Server: rigbox\nBackup app: backups\.rigbox\nBackup storage \(restic repository\): \/backups\/restic\nPassword: \S{32,}/)
    const password = /Password: (\S+)/.exec(text)?.[1] ?? ''
    // Save as a file: the browser's own download, with the same words.
    const [download] = await Promise.all([page.waitForEvent('download'), kit.getByTestId('recovery-kit-save').click()])
    expect(download.suggestedFilename()).toBe('recovery-kit-rigbox.txt')
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe(text)
    await download.delete()
    // Not closed before "saved" is ticked, neither by Escape nor by its button.
    expect(await dialog.getByTestId('nightly-setup-close').isDisabled()).toBe(true)
    await page.keyboard.press('Escape')
    expect(await dialog.isVisible()).toBe(true)
    await shot(page, 'nightly-recovery-kit')
    await expectNoAxeViolations(page, 'the recovery kit')
    await kit.getByLabel('I have saved it somewhere safe').check()
    await dialog.getByTestId('nightly-setup-close').click()
    await expect.poll(() => dialog.count()).toBe(0)
    // Set up: the button that opened the dialog goes, so the focus lands on the section's heading.
    await expect.poll(() => isFocused(section.getByRole('heading', { name: 'Nightly backups', exact: true }))).toBe(true)
    await section.getByTestId('nightly-set-up').waitFor({ state: 'detached', timeout: 30_000 })
    await shot(page, 'nightly-after-kit')
    expect(app.consoleErrors).toEqual([])
    // The password is in no file under the app's home, in no answer, and not in the page any more.
    const files = (fs.readdirSync(b.home, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile())
    expect(files.filter((d) => fs.readFileSync(path.join(d.parentPath, d.name)).includes(password)).map((d) => d.name)).toEqual([])
    expect(JSON.stringify(await call(app.core, 'nightly.status', { server: 'rigbox' }))).not.toContain(password)
    expect(await page.content()).not.toContain(password)
  })

  it('reports the last run as worked, with its size, on the server’s page', async () => {
    const { page } = app
    const section = page.getByTestId('nightly-server')
    await expect.poll(() => section.getAttribute('data-configured'), { timeout: 30_000 }).toBe('true')
    const lastRun = section.getByTestId('nightly-last-run')
    // The section reads again every 5 minutes by itself; "Check again" is what a person would press meanwhile.
    await expect
      .poll(
        async () => {
          // The first runs may not have reached this app yet (the bot backs up every app on the swarm).
          const seen = (await lastRun.getAttribute('data-ok')) === 'true' && (await section.getByTestId('nightly-apps').innerText()).includes(domain)
          if (!seen) await section.getByRole('button', { name: 'Check again' }).first().click()
          return seen
        },
        { timeout: 60_000, interval: 3000 }
      )
      .toBe(true)
    expect((await lastRun.innerText()).trim()).toMatch(/^Worked, today \d\d:\d\d( [AP]M)?, [\d.]+ (kB|MB)$/)
    const facts = await section.getByTestId('nightly-facts').innerText()
    expect(facts).toMatch(/a folder on rigbox/)
    expect(facts).toMatch(/The newest 40 backups of each app/)
    // The bot's own test clock has no time of night: it says so rather than a wrong one.
    expect(facts).toMatch(/On the backup app’s own schedule/)
    expect(await section.getByTestId('nightly-apps').innerText()).toContain(domain)
    expect(await section.getByTestId('nightly-warning').count()).toBe(0)
    await shot(page, 'nightly-server')
    await expectNoAxeViolations(page, 'the server’s page with nightly backups')
  })

  it('shows the server’s nightly backups in French', async () => {
    const { page } = app
    await chooseLanguage(page, 'fr')
    try {
      await page.getByRole('navigation').getByRole('button', { name: 'Serveurs' }).click()
      await page.getByTestId('server-row-rigbox').getByRole('button', { name: 'Vérifier rigbox' }).click()
      const section = page.getByTestId('nightly-server')
      await section.getByRole('heading', { name: 'Sauvegardes de nuit', exact: true }).waitFor()
      const lastRun = section.getByTestId('nightly-last-run')
      await expect
        .poll(
          async () => {
            if ((await lastRun.getAttribute('data-ok')) !== 'true') await section.getByRole('button', { name: 'Vérifier à nouveau' }).first().click()
            return lastRun.getAttribute('data-ok')
          },
          { timeout: 60_000, interval: 3000 }
        )
        .toBe('true')
      expect((await lastRun.innerText()).trim()).toMatch(/^Réussie, aujourd’hui \d\d:\d\d, [\d,]+\s(ko|Mo)$/)
      expect(await section.getByTestId('nightly-facts').innerText()).toMatch(/Les 40 plus récentes de chaque app/)
      await shot(page, 'nightly-server-fr')
      await expectNoAxeViolations(page, 'the server’s nightly backups in French')
    } finally {
      await chooseLanguage(page, 'system', /^(Réglages|Settings)$/)
    }
  })

  it('lists the app’s nightly snapshot on its backups and restores it after the domain is typed', async () => {
    const { page } = app
    await page.getByRole('navigation').getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByTestId(`app-row-${domain}`).getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-backups-link').click()
    const nightly = page.getByTestId('nightly-backups')
    const rows = nightly.locator('[data-testid^="nightly-snapshot-"]')
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(0)
    // The bot's older list is not shown beside it: the same snapshots twice.
    expect(await page.getByTestId('bot-snapshots-rigbox').count()).toBe(0)
    const first = rows.first()
    expect(await first.innerText()).toMatch(/20\d\d[\s\S]*(kB|MB)/)
    const id = ((await first.getAttribute('data-testid')) ?? '').slice('nightly-snapshot-'.length)
    await shot(page, 'nightly-app-backups')
    await expectNoAxeViolations(page, 'an app’s backups with nightly snapshots')

    // The data is damaged after that snapshot was made.
    await sh('echo "changed after the backup" > /data/db.txt && rm /data/sub/blob.bin /files/keep/a.txt && echo new > /data/new.txt')
    expect(await backedUpSums()).not.toBe(before)

    await page.getByTestId(`nightly-restore-${id}`).click()
    const dialog = page.getByTestId('nightly-restore-dialog')
    await dialog.getByTestId('nightly-restore-overwrites').waitFor({ timeout: 60_000 })
    const confirm = dialog.getByTestId('nightly-restore-confirm')
    const input = dialog.getByTestId('nightly-restore-input')
    expect(await confirm.isDisabled()).toBe(true)
    await input.fill('not the domain')
    expect(await confirm.isDisabled()).toBe(true)
    await input.fill(domain)
    expect(await confirm.isDisabled()).toBe(false)
    await shot(page, 'nightly-restore-dialog')
    await expectNoAxeViolations(page, 'the nightly restore dialog')
    await input.press('Enter')
    const progress = dialog.getByTestId('nightly-restore-progress')
    await progress.waitFor()
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 120_000 }).toMatch(/^(done|failed|cancelled)$/)
    expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('done')
    await dialog.getByTestId('restore-result').waitFor({ timeout: 60_000 })
    expect(await dialog.getByTestId('restore-result').getAttribute('data-health')).toBe('running')
    await shot(page, 'nightly-restore-done')
    expect(await backedUpSums()).toBe(before)
    expect(await sh('ls /data/new.txt 2>&1 || true')).toMatch(/No such file/)
    await dialog.getByTestId('nightly-restore-close').click()
    await expect.poll(() => dialog.count()).toBe(0)
    // The restore ends once the bot runs again, so the server's section doesn't
    // then say it is "not running" (with this test's 5 s clock it may say a
    // run didn't happen while it was paused: that is true).
    const afterRestore = await call(app.core, 'nightly.status', { server: 'rigbox' })
    expect(afterRestore.warning ?? '').not.toMatch(/not running/)
    expect(app.consoleErrors).toEqual([])
  })

})
