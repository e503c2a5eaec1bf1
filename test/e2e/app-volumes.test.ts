import crypto from 'node:crypto'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { expectFocusReturns } from './focus'
import { openAppOnRig } from './rig-server'

// An app's Volumes tab in Chromium against the rig's swarm over SSH: a
// ccd-data app (volumes data, files, cache) shows them with what uses them,
// and removing is disabled, with the reason, while it is deployed. Once
// undeployed, two are chosen and removed after the domain is typed; the
// third stays.

let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
const domain = `vl-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)

const exists = (name: string): Promise<boolean> =>
  docker
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      () => false
    )

async function done(jobId: string): Promise<void> {
  const job = await app.core.jobs.wait(jobId)
  expect(job.status, `${job.title}: ${job.error?.message ?? ''}`).toBe('done')
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  ;({ world, app } = await openAppOnRig(rig, { rigbox: true }))
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
  if (docker) {
    await removeStack(docker, stack).catch(() => {})
    for (const v of (await docker.listVolumes({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })).Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => {})
  }
}, 90_000)

describe('an app’s volumes in Chromium', () => {
  it('lists them with what uses them, and removes the chosen ones once the app is undeployed', { timeout: 110_000 }, async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-detail').waitFor()
    await page.getByRole('tab', { name: 'Volumes' }).click()

    const tab = page.getByTestId('app-volumes-tab')
    const rows = tab.getByTestId('volume-row')
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3)
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-volume')))).toEqual([`${stack}_cache`, `${stack}_data`, `${stack}_files`])
    expect(await tab.innerText()).toContain('where the app keeps its data')
    for (const used of await tab.getByTestId('volume-used-by').allInnerTexts()) expect(used).toBe('In use by app (running)')
    // Deployed: nothing can be chosen, and the button says why it can't be used.
    const remove = page.getByTestId('volumes-remove')
    expect(await remove.isDisabled()).toBe(true)
    expect(await page.getByTestId('volumes-deployed-note').innerText()).toContain('undeploy the app first')
    expect(await remove.getAttribute('aria-describedby')).toBe('volumes-deployed-note')
    expect(await tab.getByTestId('volume-choose').evaluateAll((els) => els.every((e) => (e as HTMLInputElement).disabled))).toBe(true)
    await shot(page, 'app-volumes-deployed')
    await expectNoAxeViolations(page, 'the volumes tab, app deployed')

    await done((await call(app.core, 'apps.undeploy', { server: 'rigbox', domain })).jobId)
    await tab.getByRole('button', { name: 'Look again' }).click()
    await expect.poll(() => tab.getAttribute('data-deployed'), { timeout: 30_000 }).toBe('false')
    await expect.poll(() => tab.getByTestId('volume-used-by').allInnerTexts()).toEqual(['Not in use', 'Not in use', 'Not in use'])
    await tab.getByLabel('Data', { exact: true }).check()
    await tab.getByLabel('Files', { exact: true }).check()
    expect(await remove.isDisabled()).toBe(false)

    await expectFocusReturns(page, remove, page.getByTestId('remove-volumes-dialog'))
    await remove.click()
    const dialog = page.getByTestId('remove-volumes-dialog')
    await dialog.waitFor()
    expect(await dialog.getByRole('heading').innerText()).toBe(`Remove 2 volumes of ${domain}?`)
    expect(await dialog.innerText()).toContain(`${stack}_files`)
    const confirm = page.getByTestId('remove-volumes-confirm')
    await page.getByTestId('remove-volumes-input').fill('vl.ccd.test')
    expect(await confirm.isDisabled()).toBe(true)
    await page.getByTestId('remove-volumes-input').fill(domain)
    expect(await confirm.isDisabled()).toBe(false)
    await shot(page, 'app-volumes-remove-dialog')
    await expectNoAxeViolations(page, 'the remove-volumes dialog')
    await confirm.click()

    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1)
    expect(await rows.first().getAttribute('data-volume')).toBe(`${stack}_cache`)
    // The job's progress stays on the tab, finished.
    await expect.poll(() => tab.locator('.job').getAttribute('data-status')).toBe('done')
    expect(await tab.locator('.job').innerText()).toContain(`Removing volumes of ${domain}`)
    expect(await exists(`${stack}_data`)).toBe(false)
    expect(await exists(`${stack}_files`)).toBe(false)
    expect(await exists(`${stack}_cache`)).toBe(true)
    await shot(page, 'app-volumes-removed')
    await expectNoAxeViolations(page, 'the volumes tab after removing two')
    expect(app.consoleErrors).toEqual([])
  })
})
