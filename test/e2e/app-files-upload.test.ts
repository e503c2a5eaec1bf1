import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { inContainer } from '../support/backup-rig'
import { startRelay, type Relay } from '../support/faults'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnRig } from './rig-server'

// Uploading from an app's Files tab in Chromium (browser mode) to the rig's
// swarm over SSH: two files chosen with "Upload files…" (names with spaces
// and Unicode, one replacing a file already there), a confirmation naming
// the folder, the files, their total and the file that will be replaced,
// then the job's progress (the screenshot), and the bytes in the volume byte
// for byte; the page's staged copies are gone once the job says it is done.
// A file dropped onto the list opens the same confirmation.

let rig: Rig
let app: App
// The app reaches the server through it; the upload is slowed there until its
// progress has been seen (on loopback it may otherwise end before the page
// has shown it, depending on the computer's speed and load).
let relay: Relay
let world: RecipeWorld
let docker: Docker
let local: string
const domain = `fu-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)
const FOLDER = 'envois été'
const REPLACED = 'rapport final.txt'
const NEW = 'photo d’été 📷 2.bin'

async function done(jobId: string): Promise<void> {
  const job = await app.core.jobs.wait(jobId)
  expect(job.status, `${job.title}: ${job.error?.message ?? ''}`).toBe('done')
}

async function appContainer(): Promise<string> {
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    const [c] = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${stack}_app`], status: ['running'] }) })
    if (c) return c.Id
  }
  throw new Error(`no running container for ${domain}`)
}

const sha = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  local = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-upload-e2e-'))
  relay = await startRelay(rig.sshd.host, rig.sshd.port)
  ;({ world, app } = await openAppOnRig(rig, { rigbox: true, sshPort: relay.port }))
  await call(app.core, 'apps.new', { server: 'rigbox', domain, recipe: 'ccd-data', version: 'v1.0.0' })
  await done((await call(app.core, 'apps.deploy', { server: 'rigbox', domain })).jobId)
}, 110_000)

afterAll(async () => {
  if (app) {
    try {
      await app.core.jobs.wait((await call(app.core, 'apps.remove', { server: 'rigbox', domain, confirm: domain })).jobId)
    } catch {
      // cleaned below
    }
  }
  await app?.close()
  await world?.close()
  await relay?.close()
  if (docker) {
    await removeStack(docker, stack).catch(() => {})
    for (const v of (await docker.listVolumes({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })).Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => {})
  }
  if (local) fs.rmSync(local, { recursive: true, force: true })
}, 90_000)

describe('uploading files in Chromium', () => {
  it('confirms naming the replaced file, shows progress, and the bytes arrive in the volume', { timeout: 110_000 }, async () => {
    const container = await appContainer()
    inContainer(rig, container, `mkdir -p '/data/${FOLDER}' && printf 'the old report' > '/data/${FOLDER}/${REPLACED}'`)
    const replacing = path.join(local, REPLACED)
    const added = path.join(local, NEW)
    fs.writeFileSync(replacing, `the new report ${crypto.randomBytes(8).toString('hex')}\n`)
    fs.writeFileSync(added, crypto.randomBytes(200 * 1024 * 1024))

    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-detail').waitFor()
    await page.getByRole('tab', { name: 'Files' }).click()
    const tab = page.getByTestId('app-files-tab')
    await tab.getByRole('button', { name: 'Data', exact: true }).click()
    const rows = tab.getByTestId('file-row')
    const names = (): Promise<(string | null)[]> => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))
    await expect.poll(names, { timeout: 30_000 }).toContain(FOLDER)
    await tab.getByRole('button', { name: `Open the folder ${FOLDER}` }).click()
    await expect.poll(names, { timeout: 30_000 }).toEqual([REPLACED])

    // A file dropped onto the list opens the confirmation too (then cancelled: nothing is sent).
    await tab.getByTestId('files-drop').evaluate((zone) => {
      const dt = new DataTransfer()
      dt.items.add(new File(['dropped'], 'glissé ici.txt', { type: 'text/plain' }))
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }))
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
    })
    const dialog = page.getByTestId('upload-dialog')
    await dialog.waitFor()
    expect(await dialog.getByTestId('upload-files').innerText()).toContain('glissé ici.txt')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })

    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), tab.getByRole('button', { name: 'Upload files…' }).click()])
    expect(chooser.isMultiple()).toBe(true)
    await chooser.setFiles([replacing, added])
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').innerText()).toBe(`Upload 2 files into Data / ${FOLDER}?`)
    expect(await dialog.getByTestId('upload-files').locator('li').evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-replaces')]))).toEqual([
      [REPLACED, 'yes'],
      [NEW, null]
    ])
    expect(await dialog.getByTestId('upload-total').innerText()).toBe('In all: 210 MB')
    const warning = await dialog.getByTestId('upload-replaced').innerText()
    expect(warning).toContain('WILL BE REPLACED')
    expect(warning).toContain(REPLACED)
    expect(warning).not.toContain(NEW)
    await expectNoAxeViolations(page, 'the upload confirmation')
    // The bytes go to the server at 2 MB/s until the progress has been seen.
    relay.slow(2_000_000)
    await page.getByTestId('upload-confirm').click()
    expect(await page.getByTestId('upload-confirm').count()).toBe(0)

    const progress = tab.getByTestId('files-upload-job').locator('.job')
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 30_000 }).toBe('running')
    await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toMatch(/ of 210 MB/)
    await shot(page, 'app-files-upload')
    await expectNoAxeViolations(page, 'the files tab, an upload under way')
    relay.fast()
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('done')
    expect(await page.getByTestId('files-uploaded').innerText()).toBe(`Uploaded 2 files into Data / ${FOLDER}.`)
    // The page's copies were deleted before the job said it was done.
    expect(fs.existsSync(app.core.staging.dir) ? fs.readdirSync(app.core.staging.dir) : []).toEqual([])
    await expect.poll(names, { timeout: 30_000 }).toEqual([NEW, REPLACED])

    const remote = inContainer(rig, container, `cd '/data/${FOLDER}' && ls -A && sha256sum '${REPLACED}' '${NEW}'`)
    expect(remote).toContain(`${sha(replacing)}  ${REPLACED}`)
    expect(remote).toContain(`${sha(added)}  ${NEW}`)
    expect(remote.split('\n').filter((l) => l.startsWith('.ccd-upload'))).toEqual([])

    // Pressing the place already shown reads it again: a file written on the
    // server since then appears (the list used to stay empty for good).
    const dataButton = tab.getByTestId('files-volumes').getByRole('button', { name: 'Data', exact: true })
    await dataButton.click()
    await expect.poll(names, { timeout: 30_000 }).toContain(FOLDER)
    inContainer(rig, container, `printf later > /data/written-later.txt`)
    await dataButton.click()
    await expect.poll(names, { timeout: 30_000 }).toContain('written-later.txt')
    expect(await names()).toContain(FOLDER)
    expect(app.consoleErrors).toEqual([])
  })
})
