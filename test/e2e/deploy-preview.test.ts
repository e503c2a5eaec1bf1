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
import type { DeployPreview, PreviewProgress } from '../../src-main/contract/deploy-preview'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnRig } from './rig-server'

// The preview before an upgrade, through the window in Chromium against the
// rig's swarm: the upgrade dialog's button shows what will change (the
// service that restarts, the settings that change, by name), and Confirm
// applies exactly that. When the server changes between the preview and
// Confirm, nothing is sent: the dialog says so and shows the new preview,
// and confirming that one upgrades. While the preview works, its steps
// (preview.progress) reach the page and show in the dialog; Confirm sends the
// preview's image pins with its fingerprint.

let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
const tag = crypto.randomBytes(3).toString('hex')
const domain = `pv-${tag}.ccd.test`
const stack = stackNameFor(domain)

type Inspected = { Version: { Index: number }; Spec: { Labels?: Record<string, string>; [k: string]: unknown } }
const appService = async (): Promise<Inspected> => (await docker.getService(`${stack}_app`).inspect()) as Inspected

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
  const { jobId } = await call(app.core, 'apps.deploy', { server: 'rigbox', domain, kind: 'deploy', backupFirst: false })
  expect((await app.core.jobs.wait(jobId)).status).toBe('done')
}, 240_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (docker) {
    await removeStack(docker, stack)
    for (const s of await docker.listSecrets().catch(() => [])) if (s.Spec?.Name?.startsWith(`${stack}_`)) await docker.getSecret(s.ID).remove().catch(() => {})
  }
})

/** What the page's calls carried and the core answered (the real door: the page's WebSocket, dispatch, then these). */
function watchCalls(): { previews: { input: { progressId?: string }; output: DeployPreview }[]; deploys: { expectServerState?: string; pins?: Record<string, string> }[] } {
  const handlers = app.core.handlers as unknown as Record<string, (input: unknown, client: unknown) => Promise<unknown>>
  const seen = { previews: [] as { input: { progressId?: string }; output: DeployPreview }[], deploys: [] as { expectServerState?: string; pins?: Record<string, string> }[] }
  const preview = handlers['apps.preview']
  const deploy = handlers['apps.deploy']
  handlers['apps.preview'] = async (input, client) => {
    const output = (await preview(input, client)) as DeployPreview
    seen.previews.push({ input: input as { progressId?: string }, output })
    return output
  }
  handlers['apps.deploy'] = (input, client) => {
    seen.deploys.push(input as { expectServerState?: string; pins?: Record<string, string> })
    return deploy(input, client)
  }
  return seen
}

describe('the preview before an upgrade', () => {
  it('shows what the upgrade changes; a server changed since is said and previewed again; Confirm applies', { timeout: 300_000 }, async () => {
    const { page } = app
    await openAppPage(page)
    const calls = watchCalls()
    const steps: PreviewProgress[] = []
    const off = app.core.events.subscribe((name, payload) => {
      if (name === 'preview.progress') steps.push(payload as PreviewProgress)
    })
    // Every text the dialog's step line shows, as it shows it.
    await page.evaluate(() => {
      const w = window as unknown as { ccdSteps: string[] }
      w.ccdSteps = []
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="deploy-preview-step"]')?.textContent
        if (text && w.ccdSteps.at(-1) !== text) w.ccdSteps.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByTestId('app-upgrade').click()
    const upgrade = page.getByTestId('upgrade-dialog')
    await upgrade.waitFor()
    await upgrade.getByTestId('upgrade-version').selectOption('v2.0.0')
    // Backing up first isn't what this test is about (ccd-web has nothing to back up anyway).
    await upgrade.getByTestId('upgrade-confirm').click()

    const dialog = page.getByTestId('deploy-preview')
    await dialog.waitFor()
    await dialog.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toBe(`Upgrade ${domain} to v2.0.0?`)
    expect(await dialog.getByTestId('deploy-preview-version').innerText()).toBe('Version: v1.0.0 → v2.0.0')
    expect(await dialog.getByTestId('deploy-preview-restart').locator('li').allInnerTexts()).toEqual(['app'])
    expect((await dialog.getByTestId('deploy-preview-settings').locator('li').allInnerTexts()).sort()).toEqual(['APP_VERSION', 'MOTD'])
    // Names only: no value of a setting is shown.
    expect(await dialog.innerText()).not.toContain('Welcome to ccd-web')
    expect(await dialog.getByTestId('deploy-preview-confirm').innerText()).toBe('Upgrade to v2.0.0')
    // The preview's steps, for the dialog's own call, in order; the dialog showed only these words (or its first "Working out…").
    const progressId = calls.previews[0]?.input.progressId
    expect(progressId).toBeTruthy()
    const mine = steps.filter((p) => p.progressId === progressId)
    expect(mine.map((p) => p.step).filter((x) => x !== 'registry')).toEqual(['reading', 'comparing'])
    expect(mine.filter((p) => p.step === 'registry').every((p) => p.words === `Asking the image registry about ${p.image}… (${p.n} of ${p.of})`)).toBe(true)
    const shown = await page.evaluate(() => (window as unknown as { ccdSteps: string[] }).ccdSteps)
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.filter((x) => x !== 'Working out what will change…').every((x) => mine.some((p) => p.words === x)), JSON.stringify(shown)).toBe(true)
    await shot(page, 'preview-01-upgrade')
    await page.emulateMedia({ colorScheme: 'dark' })
    await shot(page, 'preview-02-upgrade-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expectNoAxeViolations(page, 'the preview before an upgrade')

    // The server changes before Confirm (docker service update --label-add).
    const before = await appService()
    await docker.getService(`${stack}_app`).update({ ...before.Spec, Labels: { ...before.Spec.Labels, [`ccd-preview-e2e-${tag}`]: 'yes' }, version: before.Version.Index })
    const changed = await appService()
    await dialog.getByTestId('deploy-preview-confirm').click()
    const notice = dialog.getByTestId('deploy-preview-changed')
    await notice.waitFor({ timeout: 60_000 })
    expect(await notice.innerText()).toContain('The server changed since the preview (a service of the app was changed on the server)')
    expect(await notice.innerText()).toContain('Here is the new preview')
    await dialog.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    // Nothing was sent: the service is as the change left it, still on v1.
    const after = await appService()
    expect(after.Version.Index).toBe(changed.Version.Index)
    expect(after.Spec.Labels?.[`coop-cloud.${stack}.version`]).toBe('v1.0.0')
    expect(await dialog.getByTestId('deploy-preview-restart').locator('li').allInnerTexts()).toEqual(['app'])
    await shot(page, 'preview-03-server-changed')
    await expectNoAxeViolations(page, 'the preview again, after the server changed')

    await dialog.getByTestId('deploy-preview-confirm').click()
    // What was confirmed carried the last preview's fingerprint and its image pins.
    off()
    const last = calls.previews.at(-1)!.output
    expect(calls.deploys.at(-1)).toMatchObject({ expectServerState: last.serverState, pins: last.pins })
    const progress = page.getByTestId('deploy-progress')
    await progress.waitFor({ timeout: 30_000 })
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 180_000 }).toMatch(/^(done|failed|rolled-back|timed-out)$/)
    expect(await progress.getAttribute('data-phase'), await progress.innerText()).toBe('done')
    const upgraded = await appService()
    expect(upgraded.Spec.Labels?.[`coop-cloud.${stack}.version`]).toBe('v2.0.0')
    // The recipe's labels replace the stack's: the label added by hand is gone, as the new preview said (the app restarts).
    expect(upgraded.Spec.Labels?.[`ccd-preview-e2e-${tag}`]).toBeUndefined()
  })

  it('says, in the window, what a deploy that changes nothing would do', { timeout: 120_000 }, async () => {
    const { page } = app
    await openAppPage(page)
    await page.getByTestId('app-deploy').click()
    const dialog = page.getByTestId('deploy-preview')
    await dialog.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    expect(await dialog.getByTestId('deploy-preview-nothing').innerText()).toMatch(/Nothing will change/)
    expect(await dialog.getByTestId('deploy-preview-restart').count()).toBe(0)
    const version = (await appService()).Version.Index
    await dialog.getByTestId('deploy-preview-cancel').click()
    await dialog.waitFor({ state: 'detached' })
    // Cancel sends nothing, and gives focus back to the button that opened it.
    expect((await appService()).Version.Index).toBe(version)
    expect(await page.getByTestId('app-deploy').evaluate((el) => el === document.activeElement)).toBe(true)
  })
})
