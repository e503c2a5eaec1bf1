import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { startRelay, type Relay } from '../support/faults'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { confirmPreview } from './preview'
import { expectFocusReturns, isFocused } from './focus'
import { tabTo } from './keyboard'
import { chooseLanguage } from './language'
import { openAppOnRig } from './rig-server'

// Backups clicked through in Chromium against the rig's swarm over SSH: an
// app of the ccd-data test recipe (a "database" file with a dump pre-hook, a
// files volume of which only keep/ is backed up) is backed up with the
// button on its page, listed and verified, its data deleted on the server,
// and restored through the dialog; the bytes come back identical.

let rig: Rig
let app: App
// The app reaches the server through it; the backup's copy is slowed there
// until its progress has been seen (an 80 MB copy on loopback may otherwise
// end before the page has shown a rate and a total).
let relay: Relay
let world: RecipeWorld
let docker: Docker
let home: string
const domain = `bk-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)
const dbText = `rows ${crypto.randomBytes(8).toString('hex')}\n`
let before: string
let backupId: string

// The app's running container on the swarm (a restore may replace it).
async function container(): Promise<Docker.Container> {
  for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
    const found = (await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${stack}_app`], status: ['running'] } }))[0]
    if (found) return docker.getContainer(found.Id)
  }
  throw new Error(`no running container of ${stack}_app`)
}

async function sh(script: string): Promise<string> {
  const exec = await (await container()).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true })
  const stream = await exec.start({ hijack: true, stdin: false })
  const out: Buffer[] = []
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => out.push(c))
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const { ExitCode } = await exec.inspect()
  // Docker multiplexes stdout/stderr with 8-byte frame headers.
  const raw = Buffer.concat(out)
  const text: string[] = []
  for (let i = 0; i + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(i + 4)
    text.push(raw.subarray(i + 8, i + 8 + size).toString('utf8'))
    i += 8 + size
  }
  if (ExitCode !== 0) throw new Error(`exit ${ExitCode}: ${text.join('')}`)
  return text.join('')
}

const checksums = (): Promise<string> => sh('cd / && sha256sum data/db.txt files/keep/photo.bin files/keep/notes/a.txt')

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  relay = await startRelay(rig.sshd.host, rig.sshd.port)
  ;({ world, home, app } = await openAppOnRig(rig, { rigbox: true, sshPort: relay.port }))
}, 180_000)

afterAll(async () => {
  if (app) {
    // The app's own removal first (services, volumes, env file); the engine directly if that fails.
    try {
      const { jobId } = await call(app.core, 'apps.remove', { server: 'rigbox', domain, confirm: domain })
      await app.core.jobs.wait(jobId)
    } catch {
      // cleaned below
    }
  }
  await app?.close()
  await world?.close()
  await relay?.close()
  if (docker) {
    await removeStack(docker, stack)
    for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith(`${stack}_`)) await docker.getVolume(v.Name).remove().catch(() => {})
    for (const n of await docker.listNetworks({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })) await docker.getNetwork(n.Id).remove().catch(() => {})
  }
  if (home) fs.rmSync(path.join(home, '.abra', 'backups', domain), { recursive: true, force: true })
}, 180_000)

describe('backups in Chromium', () => {
  // The app is made, deployed, backed up and restored with the keyboard alone
  // (Tab, arrows, Enter), the focus seen at every stop (tabTo checks it).
  it('creates and deploys the app with the keyboard alone', { timeout: 300_000 }, async () => {
    const { page } = app
    const k = page.keyboard
    const go = async (target: Locator): Promise<void> => {
      await target.waitFor({ timeout: 60_000 })
      await tabTo(page, target)
      await k.press('Enter')
    }
    await go(page.getByRole('navigation').getByRole('button', { name: 'Catalogue' }))
    const search = page.getByTestId('catalogue-search')
    await search.waitFor()
    await tabTo(page, search)
    await k.type('ccd-data')
    await go(page.getByTestId('recipe-card-ccd-data'))
    await go(page.getByTestId('recipe-new-app'))

    await page.getByTestId('new-app-form').waitFor()
    const version = page.getByTestId('new-app-version')
    await expect.poll(() => version.inputValue(), { timeout: 60_000 }).toBe('v2.0.0')
    await tabTo(page, version)
    // An arrow key picks the next version in a closed list.
    await k.press('ArrowDown')
    expect(await version.inputValue()).toBe('v1.0.0')
    await tabTo(page, page.getByTestId('new-app-domain'))
    await k.type(domain)
    await page.locator('#env-form-title').waitFor({ timeout: 60_000 })
    // Enter in the form's last field sends it.
    await k.press('Enter')
    await go(page.getByTestId('new-app-deploy'))
    // The preview of the first deploy, confirmed by keyboard too.
    await page.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    await go(page.getByTestId('deploy-preview-confirm'))
    const progress = page.getByTestId('deploy-progress')
    await progress.waitFor({ timeout: 30_000 })
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 180_000 }).toMatch(/^(done|failed|rolled-back|timed-out)$/)
    expect(await progress.getAttribute('data-phase'), await progress.innerText()).toBe('done')
    await go(page.getByTestId('deploy-manage'))
    await page.getByTestId('app-detail').waitFor()

    await sh(
      `printf '%s' '${dbText}' > /data/db.txt && head -c 80000000 /dev/urandom > /files/keep/photo.bin && mkdir -p /files/keep/notes && echo note > /files/keep/notes/a.txt && echo skipped > /files/skip/x.txt && echo cached > /cache/c.txt`
    )
    before = await checksums()
  })

  it('takes a backup with the button on the app’s page, showing its progress', async () => {
    const { page } = app
    const button = page.getByTestId('backup-button')
    await button.waitFor()
    await expect.poll(() => page.getByTestId('backup-last').innerText(), { timeout: 30_000 }).toMatch(/No backup of this app yet/)
    expect(await page.getByTestId('backup-explanation').count()).toBe(0)
    await shot(page, '40-app-backup-button')
    await expectNoAxeViolations(page, 'an app’s page (no backup yet)')

    await tabTo(page, button)
    // The server's bytes come at 1 MB/s until the progress has been seen: the
    // 80 MB copy then lasts over a minute, whatever the computer's speed or load.
    relay.slow(1_000_000)
    await page.keyboard.press('Enter')
    const progress = page.getByTestId('backup-progress')
    await progress.waitFor()
    expect(await progress.getAttribute('data-status')).toBe('running')
    await page.getByTestId('backup-cancel').waitFor()
    await progress.getByRole('progressbar').waitFor()
    // While the data streams, the step says how much and how fast.
    await expect.poll(() => page.getByTestId('backup-progress-step').innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/Copying data.*: [1-9][\d.]* (kB|MB) of .*\/s\)/)
    await shot(page, '41-backup-progress')
    await expectNoAxeViolations(page, 'a backup in progress')
    relay.fast()
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 180_000 }).toMatch(/^(done|failed|cancelled)$/)
    await shot(page, '42-backup-done')
    await expectNoAxeViolations(page, 'a backup, done')
    expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('done')
    // One tick (the panel's icon), not a second one typed into the title.
    expect(await progress.getByRole('heading', { name: 'Backup taken and checked', exact: true }).count()).toBe(1)
    expect(await progress.innerText()).not.toContain('✓')

    // The sidebar's job shows its whole name, wrapped, not cut off…
    const jobs = page.getByTestId('jobs-indicator')
    const title = jobs.locator('.jobs__title').first()
    expect(await title.innerText()).toContain(domain)
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    // …and at 760×560, where the sidebar is only icons, still says "Jobs" and each job's state in words.
    await page.setViewportSize({ width: 760, height: 560 })
    await expect.poll(() => jobs.locator('.sidebar__heading').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(20)
    expect(await jobs.locator('.sidebar__heading').innerText()).toMatch(/^jobs/i)
    const word = jobs.locator('.jobs__word').first()
    expect(await word.innerText()).toBe('Done')
    expect(await word.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(20)
    await shot(page, '42-narrow-sidebar-jobs')
    await page.setViewportSize({ width: 1200, height: 820 })
    // The backup's pre-hook dumped the "database" and its post-hook removed the dump again.
    expect(await sh('cat /files/keep/hooks.log')).toBe('pre\npost\n')
    expect(await sh('ls /data')).not.toContain('dump.sql')
  })

  it('lists the backup as verified, and verifies it again', async () => {
    const { page } = app
    await page.getByTestId('backup-open-list').click()
    await page.getByTestId('backups-screen').waitFor()
    const rows = page.locator('[data-testid^="backup-row-"]')
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1)
    backupId = ((await rows.first().getAttribute('data-testid')) ?? '').slice('backup-row-'.length)
    const files = fs.readdirSync(path.join(home, '.abra', 'backups', domain))
    expect(files.filter((f) => f.endsWith('.tar.gz'))).toEqual([`${backupId}.tar.gz`])
    const row = page.getByTestId(`backup-row-${backupId}`)
    expect(await row.getAttribute('data-verified')).toBe('true')
    expect(await row.innerText()).toMatch(/Verified/)
    expect(await row.innerText()).toMatch(/Version v1\.0\.0/)

    await page.getByTestId(`backup-verify-${backupId}`).click()
    const result = page.getByTestId('backup-verify-result')
    await result.waitFor({ timeout: 60_000 })
    expect(await result.getAttribute('data-ok')).toBe('true')
    expect(await result.innerText()).toMatch(/The backup is good/)
    await shot(page, '43-backups-verified')
    await expectNoAxeViolations(page, 'the backups screen')
  })

  it('keeps a retention setting', async () => {
    const { page } = app
    const input = page.getByTestId('backups-keep-last')
    await expect.poll(() => input.isDisabled()).toBe(false)
    await input.fill('0')
    await page.getByTestId('backups-keep-save').click()
    await page.getByText('Keep at least 1 backup').waitFor()
    await input.fill('5')
    await page.getByTestId('backups-keep-save').click()
    await expect.poll(() => page.getByTestId('backups-keep-now').innerText()).toMatch(/newest 5 backups/)
    expect(await call(app.core, 'backups.getSettings', {})).toEqual({ keepLast: 5 })
    await shot(page, '44-backups-retention')
  })

  it('shows the backups screen and the catalogue in French, with French sizes and dates', async () => {
    const { page } = app
    const nav = page.getByRole('navigation')
    await chooseLanguage(page, 'fr')
    try {
      await nav.getByRole('button', { name: 'Sauvegardes' }).click()
      await page.getByRole('heading', { level: 1, name: 'Sauvegardes' }).waitFor()
      const row = page.getByTestId(`backup-row-${backupId}`)
      await row.waitFor({ timeout: 30_000 })
      // The backup's date and size the way French readers write them: "samedi 5 décembre 2026 à 14:32", "1,5 Mo".
      const date = await row.getByRole('heading', { level: 3 }).innerText()
      expect(date).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d\d/)
      // One fact a line; French spaces (narrow no-break ones too) read as plain spaces.
      const facts = (await row.getByRole('list', { name: 'À propos de cette sauvegarde' }).innerText()).replace(/[^\S\n]/g, ' ')
      expect(facts).toMatch(/^\d+(,\d)? (ko|Mo|Go)$|^\d+ octets$/m)
      expect(facts).toMatch(/Version v1\.0\.0/)
      expect(await row.innerText()).toMatch(/Vérifiée/)
      await row.getByRole('button', { name: 'Vérifier' }).waitFor()
      await row.getByRole('button', { name: 'Restaurer…' }).waitFor()
      expect(await page.getByTestId('backups-keep-now').innerText()).toMatch(/^Les 5 sauvegardes les plus récentes de chaque application sont gardées/)
      await page.getByRole('heading', { level: 2, name: 'Combien de sauvegardes garder' }).waitFor()
      await shot(page, '44-backups-fr')
      await expectNoAxeViolations(page, 'the backups screen in French')

      await nav.getByRole('button', { name: 'Catalogue' }).click()
      await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor()
      await page.getByTestId('recipe-card-ccd-data').waitFor({ timeout: 30_000 })
      expect(await page.getByTestId('catalogue-check').innerText()).toBe('Chercher de nouvelles applications')
      expect(await page.getByTestId('catalogue-count').innerText()).toMatch(/^\d+ types? d’application dans le catalogue$/)
      expect(await page.getByTestId('catalogue-age').innerText()).toMatch(/^Téléchargé aujourd’hui \d\d:\d\d$/)
      await page.getByRole('checkbox', { name: 'Sauvegardes' }).waitFor()
      await page.getByRole('searchbox', { name: 'Rechercher' }).waitFor()
      await shot(page, '44-catalogue-fr')
      await expectNoAxeViolations(page, 'the catalogue in French')
    } finally {
      // Back to the computer's language (English here) for the tests after this one, even when a check above failed.
      await chooseLanguage(page, 'system', /^(Réglages|Settings)$/)
    }
    await nav.getByRole('button', { name: 'Backups' }).click()
    await page.getByRole('heading', { level: 1, name: 'Backups' }).waitFor()
    await page.getByTestId(`backup-row-${backupId}`).getByRole('button', { name: 'Verify' }).waitFor()
  })

  it('restores the data after it was deleted on the server, byte for byte', async () => {
    const { page } = app
    // The "database" and the kept files are lost; the page the health check reads stays.
    await sh('rm -f /data/db.txt && rm -rf /files/keep/*')
    expect(await sh('ls -A /data /files/keep')).not.toMatch(/db\.txt|photo\.bin|notes/)

    // From the keyboard: Tab to Restore, Enter, Tab to the dialog's Restore, Enter.
    const restore = page.getByTestId(`backup-restore-${backupId}`)
    await tabTo(page, restore)
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('restore-dialog')
    await dialog.waitFor()
    const overwrites = page.getByTestId('restore-overwrites')
    await overwrites.waitFor({ timeout: 60_000 })
    expect(await overwrites.innerText()).toMatch(/data/)
    // Same version as the backup: no warning.
    expect(await page.getByTestId('restore-version-warning').count()).toBe(0)
    await shot(page, '45-restore-dialog')
    await expectNoAxeViolations(page, 'the restore dialog')

    await tabTo(page, page.getByTestId('restore-confirm'))
    await page.keyboard.press('Enter')
    const progress = page.getByTestId('restore-progress')
    await progress.waitFor()
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 240_000 }).toMatch(/^(done|failed|cancelled)$/)
    await page.getByTestId('restore-result').waitFor({ timeout: 60_000 })
    await shot(page, '46-restore-done')
    await expectNoAxeViolations(page, 'the restore dialog, done')
    expect(await progress.getAttribute('data-status'), await progress.innerText()).toBe('done')
    // The app came back: the dialog ends with its state in words.
    expect(await page.getByTestId('restore-result').getAttribute('data-health')).toBe('running')

    expect(await checksums()).toBe(before)
    expect(await sh('cat /data/db.txt')).toBe(dbText)
    // The pre-restore hook logs into files/keep, which the restore then writes
    // back from the backup: only the post-restore line survives there, so the
    // job's log (under "Show details") shows the two ran, in order.
    const hooks = (await sh('cat /files/keep/hooks.log')).split('\n').filter(Boolean)
    expect(hooks).toEqual(['pre', 'restore-post'])
    const log = (await progress.locator('pre').textContent()) ?? ''
    expect(log).toMatch(/restore pre-hook of app[\s\S]*finished[\s\S]*restore post-hook of app[\s\S]*finished/)
    // Excluded and filtered-out data was never in the backup, so it stays gone or untouched.
    expect(await sh('cat /cache/c.txt')).toBe('cached\n')
    // The details name the backup by its time, never by its raw id (2026-12-01T22-21-17.983Z).
    expect(await dialog.innerText()).not.toContain(backupId)
    expect(log).not.toContain(backupId)
    await tabTo(page, dialog.getByRole('button', { name: 'Close' }))
    await page.keyboard.press('Enter')
    // Focus goes back to the Restore button that opened the dialog.
    await expect.poll(() => isFocused(restore)).toBe(true)
  })

  it('offers to move the app, explaining the steps', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByTestId(`app-row-${domain}`).getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('move-app-button').click()
    const dialog = page.getByTestId('move-app-dialog')
    await dialog.waitFor()
    // rigbox is the only server, so the dialog says to add another first.
    await page.getByTestId('move-app-no-server').waitFor()
    await shot(page, '47-move-dialog-no-server')
    await expectNoAxeViolations(page, 'the move dialog with no other server')
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    // With a second server (the rig's other engine) it names the steps.
    const other = await call(app.core, 'servers.add', { kind: 'local', socketPath: rig.docker2.socket })
    await page.getByTestId('move-app-button').click()
    await page.getByTestId('move-app-server').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('move-app-server').inputValue()).toBe(other.name)
    const steps = page.getByTestId('move-app-steps')
    expect(await steps.innerText()).toMatch(/newest backup[\s\S]*same settings and the same secrets[\s\S]*Deploys[\s\S]*Restores[\s\S]*data stays on rigbox/)
    await shot(page, '47-move-dialog')
    await expectNoAxeViolations(page, 'the move dialog')
    // A copy needs its own address; it is checked before anything starts.
    await page.getByTestId('move-app-mode-clone').check()
    await page.getByTestId('move-app-confirm').click()
    await dialog.getByText('Type the domain the app will answer on').waitFor()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await call(app.core, 'servers.remove', { name: other.name })
  })

  it('upgrades with a backup taken first, then warns that the older backup is from another version', async () => {
    const { page } = app
    await page.getByTestId('app-upgrade').click()
    await page.getByTestId('upgrade-dialog').waitFor()
    const box = page.getByTestId('upgrade-backup-first')
    await box.waitFor()
    expect(await box.isChecked()).toBe(true)
    expect(await page.getByTestId('upgrade-dialog').innerText()).toMatch(/If the backup fails, the upgrade does not happen/)
    await shot(page, '48-upgrade-backup-first')
    await expectNoAxeViolations(page, 'the upgrade dialog (backup first)')
    await page.getByTestId('upgrade-confirm').click()
    await confirmPreview(page)
    const progress = page.getByTestId('deploy-progress')
    await progress.waitFor({ timeout: 30_000 })
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 240_000 }).toMatch(/^(done|failed|rolled-back|timed-out)$/)
    expect(await progress.getAttribute('data-phase'), await progress.innerText()).toBe('done')
    const backups = await call(app.core, 'backups.list', { domain })
    expect(backups.map((b) => b.version).sort()).toEqual(['v1.0.0', 'v1.0.0'])

    await page.getByRole('button', { name: 'Backups', exact: true }).click()
    await page.getByTestId(`backup-restore-${backupId}`).click()
    const warning = page.getByTestId('restore-version-warning')
    await warning.waitFor({ timeout: 60_000 })
    expect(await warning.innerText()).toMatch(/v1\.0\.0[\s\S]*v2\.0\.0|v2\.0\.0[\s\S]*v1\.0\.0/)
    await shot(page, '49-restore-version-warning')
    await expectNoAxeViolations(page, 'the restore dialog (another version)')
    await page.getByTestId('restore-dialog').getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => isFocused(page.getByTestId(`backup-restore-${backupId}`))).toBe(true)
    await expectFocusReturns(page, page.getByTestId(`backup-restore-${backupId}`), page.getByTestId('restore-dialog'))
    await expectFocusReturns(page, page.getByTestId(`backup-delete-${backupId}`), page.getByTestId('backup-delete-dialog'))
  })

  it('explains, instead of backing up, when there is nothing to back up (in the dark theme)', async () => {
    const { page } = app
    const idle = `idle-${domain}`
    await call(app.core, 'apps.new', { server: 'rigbox', domain: idle, recipe: 'ccd-data', version: 'v1.0.0' })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByTestId(`app-row-${idle}`).getByRole('button', { name: idle, exact: true }).click()
    const explanation = page.getByTestId('backup-explanation')
    await explanation.waitFor({ timeout: 30_000 })
    expect(await explanation.innerText()).toMatch(/not deployed[\s\S]*Deploy it first/)
    // The button stays reachable by keyboard and leads to the explanation.
    const button = page.getByTestId('backup-button')
    expect(await button.getAttribute('aria-disabled')).toBe('true')
    await button.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => explanation.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await page.getByTestId('backup-progress').count()).toBe(0)
    await shot(page, '49-backup-explanation-dark')
    await expectNoAxeViolations(page, 'an app’s page explaining why there is no backup')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('deletes the backups after naming their date', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Backups', exact: true }).click()
    await page.getByTestId('backups-screen').waitFor()
    const rows = page.locator('[data-testid^="backup-row-"]')
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2)
    for (let left = 2; left > 0; left--) {
      const id = ((await rows.first().getAttribute('data-testid')) ?? '').slice('backup-row-'.length)
      await page.getByTestId(`backup-delete-${id}`).click()
      const dialog = page.getByTestId('backup-delete-dialog')
      await dialog.waitFor()
      expect(await dialog.innerText()).toMatch(/Delete the backup of .*20\d\d/)
      if (left === 2) await expectNoAxeViolations(page, 'the delete-backup dialog')
      await page.getByTestId('backup-delete-confirm').click()
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(left - 1)
    }
    await page.getByTestId('backups-empty').waitFor({ timeout: 30_000 })
    expect(fs.readdirSync(path.join(home, '.abra', 'backups', domain)).filter((f) => f.endsWith('.tar.gz'))).toEqual([])
    await shot(page, '49-backups-empty')
    await expectNoAxeViolations(page, 'the backups screen, empty')
    expect(app.consoleErrors).toEqual([])
  })
})
