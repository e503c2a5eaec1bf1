import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { ensureProxyNetwork, removeStack } from '../integration/compose-parity/swarm'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { confirmPreview } from './preview'
import { isFocused } from './focus'
import { chooseLanguage } from './language'
import { openAppOnRig } from './rig-server'

// A whole app's life, clicked through in Chromium against the rig's swarm
// over SSH: find the test recipe in the catalogue, create an app with an
// overlay switched on and generated secrets, deploy it and watch it converge,
// upgrade, see a broken version rolled back, roll back further, read its
// logs, run a command in its terminal, undeploy and remove it.

let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
let home: string
const domain = `e2e-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)
const greeting = `hello-${crypto.randomBytes(3).toString('hex')}`

const serviceSpec = async (): Promise<Docker.Service> => (await docker.getService(`${stack}_app`).inspect()) as Docker.Service
const runningVersion = async (): Promise<string | undefined> =>
  ((await serviceSpec()).Spec?.TaskTemplate as { ContainerSpec?: { Env?: string[] } } | undefined)?.ContainerSpec?.Env?.find((e) => e.startsWith('APP_VERSION='))?.slice('APP_VERSION='.length)
const serviceSecrets = (svc: Docker.Service): string[] => ((svc.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined)?.ContainerSpec?.Secrets ?? []).map((x) => x.SecretName ?? '')
const stackSecrets = async (): Promise<string[]> => (await docker.listSecrets()).map((s) => s.Spec?.Name ?? '').filter((n) => n.startsWith(`${stack}_`))

async function waitDeploy(page: Page, phases: string[], timeout = 180_000): Promise<string> {
  const progress = page.getByTestId('deploy-progress')
  await progress.waitFor({ timeout: 30_000 })
  await expect.poll(() => progress.getAttribute('data-phase'), { timeout }).toMatch(new RegExp(`^(${phases.join('|')})$`))
  return (await progress.getAttribute('data-phase')) ?? ''
}

async function openAppDetail(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apps', exact: true }).click()
  const row = page.getByTestId(`app-row-${domain}`)
  await row.waitFor({ timeout: 30_000 })
  // The domain is the row's button (the row's middle now holds the website link).
  await row.getByRole('button', { name: domain, exact: true }).click()
  // When the page doesn't open, what the page logged is usually why.
  await page
    .getByTestId('app-detail')
    .waitFor()
    .catch((err: Error) => {
      throw new Error(`${err.message}\nThe page logged: ${app.consoleErrors.join('\n') || 'nothing'}`)
    })
}

async function chooseVersion(page: Page, button: 'app-upgrade' | 'app-rollback', version: string): Promise<void> {
  await page.getByTestId(button).click()
  const dialog = page.getByTestId('upgrade-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('upgrade-version').selectOption(version)
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  await ensureProxyNetwork(docker)
  // Onboarding has its own test; here the server is simply added.
  ;({ world, home, app } = await openAppOnRig(rig, { rigbox: true }))
}, 120_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (docker) {
    await removeStack(docker, stack)
    for (const s of await stackSecrets().catch(() => [])) await docker.getSecret(s).remove().catch(() => {})
    for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith(`${stack}_`)) await docker.getVolume(v.Name).remove().catch(() => {})
  }
})

describe('an app’s whole life in Chromium', () => {
  it('finds the recipe in the catalogue and reads its README', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click()
    const search = page.getByTestId('catalogue-search')
    await search.waitFor()
    await page.getByTestId('recipe-card-bonfire').waitFor({ timeout: 30_000 })
    await shot(page, '20-catalogue')
    await expectNoAxeViolations(page, 'the catalogue')
    await search.fill('busybox')
    await page.getByTestId('recipe-card-ccd-web').waitFor()
    await expect.poll(() => page.getByTestId('recipe-card-bonfire').count()).toBe(0)
    await search.fill('')
    await page.getByTestId('filter-healthcheck').check()
    await page.getByTestId('recipe-card-ccd-web').waitFor()
    expect(await page.getByTestId('recipe-card-ccd-web').innerText()).toMatch(/Healthcheck: yes/i)
    await shot(page, '21-catalogue-filtered')
    await page.getByTestId('recipe-card-ccd-web').click()

    const detail = page.getByTestId('recipe-detail')
    await detail.waitFor()
    await expect.poll(() => page.getByTestId('recipe-readme').innerText(), { timeout: 60_000 }).toMatch(/A test recipe for Co-op Cloud Desktop/)
    for (const v of ['v1.0.0', 'v2.0.0', 'v3.0.0']) await page.getByTestId(`recipe-version-${v}`).waitFor()
    // Markdown is rendered as HTML, not shown as source.
    expect(await page.getByTestId('recipe-readme').locator('h2').count()).toBeGreaterThan(0)
    await shot(page, '22-recipe-detail')
    await expectNoAxeViolations(page, 'a recipe page')
  })

  it('creates the app with an overlay on and generated secrets, and deploys it', async () => {
    const { page } = app
    await page.getByTestId('recipe-new-app').click()
    const form = page.getByTestId('new-app-form')
    await form.waitFor()
    await page.getByTestId('new-app-server').selectOption('rigbox')
    await page.getByTestId('new-app-version').selectOption('v1.0.0')
    await page.getByTestId('new-app-domain').fill('not a domain')
    await page.getByTestId('new-app-domain').fill(domain)
    // Optional parts sit under "More settings", closed at first.
    await page.getByTestId('env-more').locator('summary').click()
    await page.getByTestId('overlay-compose.extra.yml').check()
    const field = page.getByTestId('env-GREETING')
    await field.waitFor()
    await field.fill(greeting)
    // The raw file follows the form.
    await page.getByTestId('env-raw-toggle').click()
    await expect.poll(() => page.getByTestId('env-raw').inputValue()).toMatch(/^COMPOSE_FILE="\$COMPOSE_FILE:compose\.extra\.yml"$/m)
    expect(await page.getByTestId('env-raw').inputValue()).toContain(greeting)
    await shot(page, '23-new-app-form')
    await expectNoAxeViolations(page, 'the new-app form, with its file shown')
    expect(await page.getByTestId('new-app-secrets-generate').isChecked()).toBe(true)
    await page.getByTestId('new-app-create').click()

    const reveal = page.getByTestId('secrets-reveal')
    await reveal.waitFor({ timeout: 60_000 })
    const token = (await page.getByTestId('secret-value-token').innerText()).trim()
    expect(token).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(await stackSecrets()).toEqual([`${stack}_token_v1`])
    // The file is abra's: TYPE line with the version, the domain, the overlay on.
    const envText = fs.readFileSync(path.join(home, '.abra', 'servers', 'rigbox', `${domain}.env`), 'utf8')
    expect(envText).toMatch(/^TYPE=ccd-web:v1\.0\.0$/m)
    expect(envText).toMatch(new RegExp(`^DOMAIN=${domain.replaceAll('.', '\\.')}$`, 'm'))
    expect(envText).not.toContain(token)
    await shot(page, '24-secrets-shown-once')
    await expectNoAxeViolations(page, 'the new app’s secrets, shown once')

    await page.getByTestId('new-app-deploy').click()
    await confirmPreview(page)
    await page.getByTestId('deploy-progress').waitFor()
    await shot(page, '25-deploying')
    await expectNoAxeViolations(page, 'the deploy view, deploying')
    expect(await waitDeploy(page, ['done', 'failed', 'rolled-back', 'timed-out'])).toBe('done')
    expect(await page.getByTestId('deploy-service-app').getAttribute('data-status')).toBe('running')
    await shot(page, '26-deployed')
    await expectNoAxeViolations(page, 'the deploy view, done')
    expect(await runningVersion()).toBe('v1.0.0')
    const labels = (await serviceSpec()).Spec?.Labels ?? {}
    expect(labels[`coop-cloud.${stack}.version`]).toBe('v1.0.0')
    expect(labels[`coop-cloud.${stack}.recipe`]).toBe('ccd-web')
  })

  it('lists the app as running with an upgrade available', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 60_000 }).toBe('running')
    expect(await row.getAttribute('data-version')).toBe('v1.0.0')
    expect(await row.getAttribute('data-upgrade')).toBe('v3.0.0')
    await shot(page, '27-apps')
    await expectNoAxeViolations(page, 'the apps list')
  })

  it('shows the apps list and the app’s page in French', async () => {
    const { page } = app
    const nav = page.getByRole('navigation')
    await chooseLanguage(page, 'fr')

    await nav.getByRole('button', { name: 'Applications', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor()
    await page.getByRole('button', { name: 'Nouvelle application' }).waitFor()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await expect.poll(() => row.innerText(), { timeout: 60_000 }).toMatch(/En marche/)
    const facts = (await row.getByRole('list', { name: `À propos de ${domain}` }).innerText()).replace(/\s+/g, ' ')
    expect(facts).toMatch(/Type d’application ccd-web/)
    expect(facts).toMatch(/Mise à jour disponible : v3\.0\.0/)
    await expectNoAxeViolations(page, 'the apps list in French')

    await row.getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-detail').waitFor()
    await page.getByRole('button', { name: 'Toutes les applications' }).waitFor()
    await page.getByRole('tab', { name: 'Vue d’ensemble' }).waitFor()
    await page.getByRole('tab', { name: 'Journaux' }).waitFor()
    expect(await page.getByTestId('app-deploy').innerText()).toBe('Redéployer')
    expect(await page.getByTestId('app-upgrade').innerText()).toBe('Mettre à jour vers v3.0.0')
    expect(await page.getByTestId('app-remove').innerText()).toBe('Supprimer…')
    await page.getByRole('heading', { level: 2, name: 'Services' }).waitFor()
    await expect.poll(() => page.getByTestId('service-app').innerText(), { timeout: 30_000 }).toMatch(/1 sur 1 en marche/)
    await shot(page, '28-app-detail-fr')
    await expectNoAxeViolations(page, 'an app’s page (overview) in French')

    // Back to the computer's language (English here) for the tests after this one.
    await chooseLanguage(page, 'system')
    await nav.getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Apps' }).waitFor()
  })

  it('upgrades to v2, showing its release notes and new settings', async () => {
    const { page } = app
    await openAppDetail(page)
    await shot(page, '28-app-detail')
    await expectNoAxeViolations(page, 'an app’s page (overview)')
    await chooseVersion(page, 'app-upgrade', 'v2.0.0')
    await expect.poll(() => page.getByTestId('upgrade-notes').innerText()).toMatch(/Version 2 of the test page/)
    await expect.poll(() => page.getByTestId('upgrade-new-vars').innerText()).toMatch(/MOTD/)
    await shot(page, '29-upgrade-dialog')
    await expectNoAxeViolations(page, 'the upgrade dialog')
    await page.getByTestId('upgrade-confirm').click()
    await confirmPreview(page)
    expect(await waitDeploy(page, ['done', 'failed', 'rolled-back', 'timed-out'])).toBe('done')
    expect(await runningVersion()).toBe('v2.0.0')
  })

  it('tries v3, whose health check fails, and sees it rolled back to a healthy v2', async () => {
    const { page } = app
    await openAppDetail(page)
    await chooseVersion(page, 'app-upgrade', 'v3.0.0')
    await page.getByTestId('upgrade-confirm').click()
    await confirmPreview(page)
    const phase = await waitDeploy(page, ['done', 'failed', 'rolled-back', 'timed-out'], 240_000)
    await shot(page, '30-v3-rolled-back')
    await expectNoAxeViolations(page, 'the deploy view, rolled back')
    expect(phase).toBe('rolled-back')
    expect(await page.getByTestId('deploy-summary').innerText()).toMatch(/v3\.0\.0[\s\S]*v2\.0\.0/)
    expect(await runningVersion()).toBe('v2.0.0')
    const envText = fs.readFileSync(path.join(home, '.abra', 'servers', 'rigbox', `${domain}.env`), 'utf8')
    expect(envText).toMatch(/^TYPE=ccd-web:v2\.0\.0$/m)
  })

  it('rolls back to v1', async () => {
    const { page } = app
    await openAppDetail(page)
    await chooseVersion(page, 'app-rollback', 'v1.0.0')
    await shot(page, '31-rollback-dialog')
    await page.getByTestId('upgrade-confirm').click()
    await confirmPreview(page)
    expect(await waitDeploy(page, ['done', 'failed', 'rolled-back', 'timed-out'])).toBe('done')
    expect(await runningVersion()).toBe('v1.0.0')
  })

  it('lists its secrets, and asks before changing one; its redeploy is previewed, can wait, and goes when confirmed', async () => {
    const { page } = app
    await openAppDetail(page)
    await page.getByTestId('tab-secrets').click()
    await expect.poll(() => page.getByTestId('secret-row-token').getAttribute('data-exists'), { timeout: 30_000 }).toBe('true')
    await expectNoAxeViolations(page, 'an app’s secrets')
    const rotate = page.getByTestId('secret-rotate-token')
    await rotate.click()
    const dialog = page.getByTestId('secret-confirm-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(/old value stops working/)
    await expectNoAxeViolations(page, 'the change-secret dialog')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => isFocused(rotate)).toBe(true)

    // Changed for real: the new value is made, then the redeploy that uses it is previewed first.
    await rotate.click()
    await dialog.waitFor()
    await dialog.getByTestId('secret-confirm').click()
    const preview = page.getByTestId('deploy-preview')
    await preview.getByTestId('deploy-preview-body').waitFor({ timeout: 60_000 })
    expect(await preview.getByTestId('deploy-preview-secrets-changed').innerText()).toMatch(/token/)
    expect(await preview.getByTestId('deploy-preview-restart').innerText()).toMatch(/\bapp\b/)
    await shot(page, '31-secret-redeploy-preview')
    await expectNoAxeViolations(page, 'the preview of a changed secret’s redeploy')
    // Cancelled: nothing is deployed, the app keeps the old value, and the page says so and offers to deploy later.
    await preview.getByTestId('deploy-preview-cancel').click()
    await preview.waitFor({ state: 'detached' })
    await expect.poll(() => isFocused(rotate)).toBe(true)
    const waiting = page.getByTestId('secrets-not-redeployed')
    expect(await waiting.innerText()).toMatch(/keeps working with the old value/)
    expect(serviceSecrets(await serviceSpec())).toEqual([`${stack}_token_v1`])
    await shot(page, '31-secret-not-redeployed')
    await expectNoAxeViolations(page, 'a changed secret waiting for its redeploy')
    await waiting.getByTestId('secrets-deploy-again').click()
    await confirmPreview(page)
    await waiting.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Follow the redeploy' }).click()
    expect(await waitDeploy(page, ['done', 'failed', 'rolled-back', 'timed-out'])).toBe('done')
    expect(serviceSecrets(await serviceSpec())).toEqual([`${stack}_token_v2`])
  })

  it('shows the logs and searches them', async () => {
    const { page } = app
    await openAppDetail(page)
    await page.getByTestId('tab-logs').click()
    const view = page.getByTestId('logs-view')
    await view.waitFor()
    await expect.poll(() => view.innerText(), { timeout: 60_000 }).toContain('ccd-web v1.0.0 is starting')
    await shot(page, '32-logs')
    await expectNoAxeViolations(page, 'an app’s logs')
    await page.getByTestId('logs-search').fill('is starting')
    await expect.poll(() => view.locator('.log-line').count()).toBeGreaterThan(0)
    for (const line of await view.locator('.log-line').allInnerTexts()) expect(line).toContain('is starting')
    await page.getByTestId('logs-search').fill('zzz-no-such-line')
    await expect.poll(() => view.locator('.log-line').count()).toBe(0)
    await page.getByTestId('logs-search').fill('')
  })

  it('runs a command in the app’s terminal, seeing the overlay’s variable', async () => {
    const { page } = app
    await openAppDetail(page)
    await page.getByTestId('tab-terminal').click()
    const term = page.getByTestId('terminal')
    await expect.poll(() => term.getAttribute('data-state'), { timeout: 30_000 }).toBe('open')
    await term.click()
    await page.keyboard.type('echo "greeting=$GREETING version=$APP_VERSION"')
    await page.keyboard.press('Enter')
    await expect.poll(() => term.innerText(), { timeout: 30_000 }).toContain(`greeting=${greeting} version=v1.0.0`)
    await shot(page, '33-terminal')
    await expectNoAxeViolations(page, 'an app’s terminal')
    await page.keyboard.type('exit')
    await page.keyboard.press('Enter')
    await expect.poll(() => term.getAttribute('data-state'), { timeout: 30_000 }).toBe('ended')
  })

  it('undeploys, keeping data and secrets', async () => {
    const { page } = app
    await openAppDetail(page)
    await page.getByTestId('app-undeploy').click()
    const dialog = page.getByTestId('undeploy-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(/kept/i)
    await shot(page, '34-undeploy-dialog')
    await expectNoAxeViolations(page, 'the undeploy dialog')
    await page.getByTestId('undeploy-confirm').click()
    // The job shows on the app's page until it has finished.
    await page.getByTestId('app-job-undeploy').getByRole('button', { name: 'Close' }).waitFor({ timeout: 120_000 })
    await shot(page, '34-undeployed')
    await expectNoAxeViolations(page, 'an app’s page with its job ended')
    // The sidebar's jobs panel leads to the job's own screen.
    await page.getByTestId('jobs-indicator').getByRole('button', { name: new RegExp(`Undeploying ${domain.replaceAll('.', '\\.')}`) }).first().click()
    await page.getByTestId('job-screen').waitFor()
    await expectNoAxeViolations(page, 'a job’s screen')
    await expect.poll(async () => (await docker.listServices({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })).length, { timeout: 120_000 }).toBe(0)
    expect((await stackSecrets()).sort()).toEqual([`${stack}_token_v1`, `${stack}_token_v2`])
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await expect.poll(() => row.getAttribute('data-health'), { timeout: 60_000 }).toBe('stopped')
  })

  it('removes the app only after its domain is typed', async () => {
    const { page } = app
    await openAppDetail(page)
    await page.getByTestId('app-remove').click()
    const dialog = page.getByTestId('remove-app-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toMatch(/delete/i)
    const confirm = page.getByTestId('remove-app-confirm')
    await page.getByTestId('remove-app-input').fill('wrong.example.org')
    expect(await confirm.isDisabled()).toBe(true)
    await page.getByTestId('remove-app-input').fill(domain)
    await shot(page, '35-remove-dialog')
    await expectNoAxeViolations(page, 'the remove-app dialog')
    await confirm.click()
    const envFile = path.join(home, '.abra', 'servers', 'rigbox', `${domain}.env`)
    await expect.poll(() => fs.existsSync(envFile), { timeout: 120_000 }).toBe(false)
    await expect.poll(() => stackSecrets(), { timeout: 60_000 }).toEqual([])
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByTestId('apps-list').waitFor()
    await expect.poll(() => page.getByTestId(`app-row-${domain}`).count(), { timeout: 30_000 }).toBe(0)
    await shot(page, '36-apps-after-remove')
    await expectNoAxeViolations(page, 'the apps list, empty')
    expect(app.consoleErrors).toEqual([])
  })
})
