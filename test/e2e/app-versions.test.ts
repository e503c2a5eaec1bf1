import crypto from 'node:crypto'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { ensureProxyNetwork, removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { shot, type App } from './browser'
import { confirmPreview } from './preview'
import { expectFocusReturns } from './focus'
import { openAppOnRig } from './rig-server'

// An app's page offers the action that fits its state, "Go back to <version>"
// only for a version it really ran before, log lines with local times, and
// dialogs that give focus back. The versions are deployed through the core;
// what a person sees and clicks is checked in Chromium against the rig's swarm.

let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
const domain = `ver-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)

async function deploy(kind: 'deploy' | 'upgrade', version?: string): Promise<string> {
  const { jobId } = await call(app.core, 'apps.deploy', { server: 'rigbox', domain, kind, ...(version ? { version } : {}), backupFirst: false })
  return (await app.core.jobs.wait(jobId)).status
}

async function openAppPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apps', exact: true }).click()
  await page.getByTestId(`app-row-${domain}`).getByRole('button', { name: domain, exact: true }).click()
  await page.getByTestId('app-detail').waitFor()
  await expect.poll(() => page.getByTestId('app-health').innerText(), { timeout: 120_000 }).toMatch(/healthy/i)
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  await ensureProxyNetwork(docker)
  ;({ world, app } = await openAppOnRig(rig, { rigbox: true }))
  await call(app.core, 'apps.new', { server: 'rigbox', domain, recipe: 'ccd-web', version: 'v1.0.0', secrets: 'generate' })
  expect(await deploy('deploy')).toBe('done')
}, 240_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (docker) {
    await removeStack(docker, stack)
    for (const s of await docker.listSecrets().catch(() => [])) if (s.Spec?.Name?.startsWith(`${stack}_`)) await docker.getSecret(s.ID).remove().catch(() => {})
  }
})

describe('an app’s page fits its state and its history', () => {
  it('makes a backup the main action of a healthy app, and offers no way back from its first version', async () => {
    const { page } = app
    await openAppPage(page)
    expect(await page.getByTestId('app-deploy').getAttribute('class')).toMatch(/btn--secondary/)
    expect(await page.getByTestId('backup-button').getAttribute('class')).toMatch(/btn--primary/)
    expect(await page.getByTestId('app-rollback').count()).toBe(0)
    await shot(page, '70-healthy-app-main-action')
  })

  it('shows log lines with local times, the exact time on hover', async () => {
    const { page } = app
    await page.getByTestId('tab-logs').click()
    const view = page.getByTestId('logs-view')
    await expect.poll(() => view.innerText(), { timeout: 60_000 }).toContain('is starting')
    // Docker's nanosecond UTC stamps are never shown as they come.
    expect(await view.innerText()).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/)
    const time = view.locator('.log-line__time').first()
    expect(await time.innerText()).toMatch(/\d\d:\d\d:\d\d/)
    expect(await time.getAttribute('title')).toMatch(/20\d\d[\s\S]*\d\d:\d\d:\d\d[.,]\d{3}/)
    await shot(page, '71-logs-local-times')
  })

  it('offers "Go back to v1.0.0" after v2, still after a v3 that never ran, and not once back on v1', { timeout: 600_000 }, async () => {
    const { page } = app
    expect(await deploy('upgrade', 'v2.0.0')).toBe('done')
    // v3's health check fails: the swarm puts v2 back, and v1 stays the way back.
    expect(await deploy('upgrade', 'v3.0.0')).not.toBe('done')
    await openAppPage(page)
    const goBack = page.getByTestId('app-rollback')
    await expect.poll(() => goBack.innerText(), { timeout: 30_000 }).toBe('Go back to v1.0.0')
    await goBack.click()
    const dialog = page.getByTestId('upgrade-dialog')
    await expect.poll(() => dialog.getByTestId('upgrade-version').inputValue(), { timeout: 30_000 }).toBe('v1.0.0')
    // An older version's release notes are not "what's new".
    expect(await dialog.getByTestId('upgrade-notes').count()).toBe(0)
    expect(await dialog.innerText()).not.toMatch(/What’s new/)
    expect(await dialog.getByTestId('upgrade-confirm').innerText()).toBe('Go back to v1.0.0')
    await shot(page, '72-go-back-dialog')
    await page.getByTestId('upgrade-confirm').click()
    await confirmPreview(page)
    const progress = page.getByTestId('deploy-progress')
    await progress.waitFor({ timeout: 30_000 })
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 240_000 }).toMatch(/^(done|failed|rolled-back|timed-out)$/)
    expect(await progress.getAttribute('data-phase')).toBe('done')
    await openAppPage(page)
    // v2 is recorded as the one before, but going there is an upgrade, not a way back.
    expect(await page.getByTestId('app-rollback').count()).toBe(0)
  })

  it('gives focus back to the button that opened each of the app’s dialogs', async () => {
    const { page } = app
    await openAppPage(page)
    await expectFocusReturns(page, page.getByTestId('app-upgrade'), page.getByTestId('upgrade-dialog'))
    await expectFocusReturns(page, page.getByTestId('move-app-button'), page.getByTestId('move-app-dialog'))
    await expectFocusReturns(page, page.getByTestId('app-undeploy'), page.getByTestId('undeploy-dialog'))
    await expectFocusReturns(page, page.getByTestId('app-remove'), page.getByTestId('remove-app-dialog'))
  })

  it('refuses a new app’s domain without a dot, saying why', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click()
    await page.getByTestId('recipe-card-ccd-web').click({ timeout: 30_000 })
    await page.getByTestId('recipe-new-app').click()
    const field = page.getByTestId('new-app-domain')
    await field.fill('blog')
    await field.blur()
    await expect.poll(() => page.locator('#new-app-domain-error').innerText().catch(() => '')).toMatch(/whole address, with a dot, like blog\.example\.org/)
    await shot(page, '73-new-app-domain-no-dot')
  })
})
