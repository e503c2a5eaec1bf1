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
import { inContainer } from '../support/backup-rig'
import { startRelay, type Relay } from '../support/faults'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnRig } from './rig-server'

// An app's Files tab in Chromium against the rig's swarm over SSH: a
// ccd-data app's data volume is browsed (a folder with spaces and Unicode in
// its name, sizes and dates), a 300 MB file is downloaded into the Downloads
// folder with its progress shown (the screenshot), arriving byte for byte
// under its own name, and a file is deleted after confirming.

let rig: Rig
let app: App
// The app reaches the server through it; the download is slowed there until its
// progress has been seen (on loopback it may otherwise end before the page
// has shown it, depending on the computer's speed and load).
let relay: Relay
let world: RecipeWorld
let home: string
let docker: Docker
const domain = `fl-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)
const FOLDER = 'photos été'

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

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  relay = await startRelay(rig.sshd.host, rig.sshd.port)
  ;({ world, app, home } = await openAppOnRig(rig, { rigbox: true, sshPort: relay.port }))
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
}, 90_000)

describe('an app’s files in Chromium', () => {
  it('browses a volume, downloads a big file with progress, and deletes a file after confirming', { timeout: 110_000 }, async () => {
    const container = await appContainer()
    inContainer(rig, container, `mkdir -p '/data/${FOLDER}' && printf 'a note' > '/data/${FOLDER}/note à lire.txt' && dd if=/dev/urandom of='/data/${FOLDER}/big video.bin' bs=1048576 count=300 2>/dev/null`)
    const serverSha = inContainer(rig, container, `sha256sum '/data/${FOLDER}/big video.bin'`).split(' ')[0]

    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-detail').waitFor()
    await page.getByRole('tab', { name: 'Files' }).click()

    const tab = page.getByTestId('app-files-tab')
    expect(await tab.innerText()).toContain('where it keeps its data')
    await tab.getByRole('button', { name: 'Data', exact: true }).click()
    const rows = tab.getByTestId('file-row')
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 30_000 }).toEqual([FOLDER, 'index.html'])
    await tab.getByRole('button', { name: `Open the folder ${FOLDER}` }).click()
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 30_000 }).toEqual(['big video.bin', 'note à lire.txt'])
    expect(await page.getByTestId('files-crumbs').innerText()).toContain(FOLDER)
    expect(await rows.nth(0).innerText()).toMatch(/31\d(\.\d)? MB/)
    expect(await rows.nth(1).innerText()).toContain('6 bytes')

    // The server's bytes come at 2 MB/s until the progress has been seen.
    relay.slow(2_000_000)
    await tab.getByRole('button', { name: 'Download big video.bin' }).click()
    const progress = tab.getByTestId('files-download').locator('.job')
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 20_000 }).toBe('running')
    await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toMatch(/\d MB of 31\d/)
    await shot(page, 'app-files-download')
    await expectNoAxeViolations(page, 'the files tab, a download under way')
    relay.fast()
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('done')
    const saved = path.join(home, 'Downloads', 'big video.bin')
    expect(await page.getByTestId('files-saved').innerText()).toBe(`Saved as ${saved}`)
    expect(crypto.createHash('sha256').update(fs.readFileSync(saved)).digest('hex')).toBe(serverSha)
    expect(fs.readdirSync(path.join(home, 'Downloads'))).toEqual(['big video.bin'])

    await tab.getByRole('button', { name: 'Delete note à lire.txt' }).click()
    const dialog = page.getByTestId('delete-file-dialog')
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').innerText()).toBe('Delete note à lire.txt?')
    await expectNoAxeViolations(page, 'the delete-file dialog')
    await page.getByTestId('delete-file-confirm').click()
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))), { timeout: 30_000 }).toEqual(['big video.bin'])
    expect(inContainer(rig, container, `ls '/data/${FOLDER}' | wc -l`).trim()).toBe('1')
    expect(app.consoleErrors).toEqual([])
  })
})
