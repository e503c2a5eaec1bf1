import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { confirmPreview } from './preview'
import { openAppOnRig } from './rig-server'

// What a person sees when a deploy can't work, clicked through in Chromium
// against the rig's swarm over SSH:
// - an app whose software can't be downloaded (the ccd-gone fixture names a
//   registry on 127.0.0.1:1): the cause in plain words, no trip to empty logs;
// - bonfire from the shared recipes, which lacks two files: the form says so
//   and nothing is made on the server;
// - an app that deploys: "Open" is its website, "Manage" its page here, and
//   the website is linked on its page and in the list.
let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
let home: string
const tag = crypto.randomBytes(3).toString('hex')
const gone = `gone-${tag}.ccd.test`
const good = `good-${tag}.ccd.test`
const bonfire = `bonfire-${tag}.ccd.test`
const exits = `exits-${tag}.ccd.test`

const onServer = async (stack: string): Promise<string[]> => [
  ...(await docker.listSecrets()).map((s) => s.Spec?.Name ?? ''),
  ...(await docker.listServices()).map((s) => s.Spec?.Name ?? ''),
  ...(await docker.listConfigs()).map((s) => s.Spec?.Name ?? '')
].filter((n) => n.startsWith(`${stack}_`))

async function waitDeploy(page: Page, timeout = 180_000): Promise<string> {
  const progress = page.getByTestId('deploy-progress')
  await progress.waitFor({ timeout: 30_000 })
  await expect.poll(() => progress.getAttribute('data-phase'), { timeout }).toMatch(/^(done|failed|rolled-back|timed-out)$/)
  return (await progress.getAttribute('data-phase')) ?? ''
}

async function deployFromAppPage(page: Page, domain: string): Promise<void> {
  await page.getByRole('button', { name: 'Apps', exact: true }).click()
  const row = page.getByTestId(`app-row-${domain}`)
  await row.waitFor({ timeout: 30_000 })
  await row.getByRole('button', { name: domain }).click()
  await page.getByTestId('app-detail').waitFor()
  await page.getByTestId('app-deploy').click()
  await confirmPreview(page)
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  ;({ world, home, app } = await openAppOnRig(rig, { rigbox: true }))
  // The apps are made through the API: the clicking here is about what a deploy says.
  await call(app.core, 'apps.new', { server: 'rigbox', domain: gone, recipe: 'ccd-gone', version: 'v1.0.0' })
  await call(app.core, 'apps.new', { server: 'rigbox', domain: exits, recipe: 'ccd-gone', version: 'v2.0.0' })
  await call(app.core, 'apps.new', { server: 'rigbox', domain: good, recipe: 'ccd-data', version: 'v1.0.0' })
  // The person's browser, standing in for the world: the website opens here, and nothing goes out.
  await app.browser.route(/^https:\/\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>the app itself</title><h1>the app itself</h1>' }))
}, 120_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (docker) {
    for (const d of [gone, exits, good, bonfire]) await removeStack(docker, stackNameFor(d))
    for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith(`${stackNameFor(good)}_`)) await docker.getVolume(v.Name).remove().catch(() => {})
  }
}, 120_000)

describe('deploys that fail say why, and what can work', () => {
  it('software that cannot be downloaded: says so, names the image and where it comes from, and sends nobody to empty logs', async () => {
    const { page } = app
    await deployFromAppPage(page, gone)
    expect(await waitDeploy(page)).toBe('failed')
    const summary = page.getByTestId('deploy-summary')
    const text = await summary.innerText()
    expect(text).toMatch(/^The app’s software could not be downloaded\n/)
    expect(text).toContain('could not download the software app needs (127.0.0.1:1/ccd-gone:1.0.0, from 127.0.0.1:1)')
    expect(text).toMatch(/What next: Nothing started, so there are no logs, and the app's settings can't change this/)
    expect(text).not.toMatch(/keeps crashing/i)
    // No button to logs that are empty; the app's page and a retry (for a registry that was only offline).
    expect(await page.getByTestId('deploy-open-logs').count()).toBe(0)
    await page.getByTestId('deploy-manage').waitFor()
    await page.getByTestId('deploy-try-again').waitFor()
    expect(await page.getByTestId('deploy-service-app').innerText()).toMatch(/Its software can't be downloaded/)
    // It never ran, so it never restarted: the card says it did not start.
    expect(await page.getByTestId('deploy-service-app').innerText()).not.toMatch(/Restarted/)
    expect(await page.getByTestId('deploy-service-app').innerText()).toMatch(/Did not start \(\d+ tr(y|ies)\)/)
    // Docker's own words are one click away.
    await page.getByText('Show details (the deploy’s log)').click()
    expect(await page.getByLabel('Deploy log').innerText()).toContain('No such image: 127.0.0.1:1/ccd-gone:1.0.0')
    await shot(page, '60-deploy-cannot-download')
    await expectNoAxeViolations(page, 'the deploy view, failed, its log shown')
  })

  it('an app that starts and exits: says so with its exit code, and leads to the logs that say why', async () => {
    const { page } = app
    await deployFromAppPage(page, exits)
    expect(await waitDeploy(page)).toBe('failed')
    const text = await page.getByTestId('deploy-summary').innerText()
    expect(text).toMatch(/^The app starts, then stops\n/)
    expect(text).toContain('did not start: app starts and then stops (exit code 3), again and again.')
    expect(text).toMatch(/What next: Its logs usually say why/)
    await shot(page, '65-deploy-starts-and-exits')
    await page.getByTestId('deploy-open-logs').click()
    await page.getByTestId('app-detail').waitFor()
    await expect.poll(() => page.getByTestId('logs-view').innerText(), { timeout: 30_000 }).toContain('the settings file /config/app.ini is missing, giving up')
    await shot(page, '66-logs-say-why')
  })

  it('an incomplete recipe: the form says what is missing and who can fix it, and nothing is created', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click()
    await page.getByTestId('recipe-card-bonfire').waitFor({ timeout: 30_000 })
    await page.getByTestId('recipe-card-bonfire').click()
    await page.getByTestId('recipe-new-app').click()
    await page.getByTestId('new-app-form').waitFor()
    await page.getByTestId('new-app-server').selectOption('rigbox')
    await page.getByTestId('new-app-domain').fill(bonfire)
    const gap = page.getByTestId('recipe-incomplete')
    await gap.waitFor({ timeout: 60_000 })
    const text = await gap.innerText()
    expect(text).toMatch(/is incomplete: it needs 2 files it does not include \(entrypoint\.sh\.tmpl and pg_backup\.sh\)/)
    expect(text).toMatch(/not in your settings.*maintainers/)
    await expect.poll(() => page.getByTestId('new-app-create').isDisabled()).toBe(true)
    await gap.getByText('Show details').click()
    expect(await gap.innerText()).toContain('`configs.app_entrypoint.file` is entrypoint.sh.tmpl')
    await gap.scrollIntoViewIfNeeded()
    await shot(page, '61-recipe-incomplete')
    await expectNoAxeViolations(page, 'the new-app form of an incomplete recipe')
    expect(await onServer(stackNameFor(bonfire))).toEqual([])
    expect(fs.existsSync(path.join(home, '.abra', 'servers', 'rigbox', `${bonfire}.env`))).toBe(false)
  })
})

describe('"Open" opens the app; "Manage" its page', () => {
  it('after a deploy, the website opens in the browser, and the page and list link to it', async () => {
    const { page } = app
    await deployFromAppPage(page, good)
    expect(await waitDeploy(page)).toBe('done')
    const open = page.getByTestId('deploy-open-site')
    expect(await open.innerText()).toContain(`Open ${good}`)
    expect(await open.getAttribute('href')).toBe(`https://${good}`)
    expect(await open.getAttribute('target')).toBe('_blank')
    expect(await open.getAttribute('rel')).toContain('noopener')
    await shot(page, '62-deployed-open-or-manage')
    const [site] = await Promise.all([app.browser.waitForEvent('page'), open.click()])
    await site.waitForLoadState()
    expect(site.url()).toBe(`https://${good}/`)
    expect(await site.title()).toBe('the app itself')
    await site.close()
    // The app's own window stayed where it was.
    await page.getByTestId('deploy-manage').click()
    await page.getByTestId('app-detail').waitFor()
    expect(await page.getByTestId('app-site').getAttribute('href')).toBe(`https://${good}`)
    await shot(page, '63-app-page-website-link')
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const link = page.getByTestId(`app-site-${good}`)
    await link.waitFor({ timeout: 30_000 })
    expect(await link.getAttribute('href')).toBe(`https://${good}`)
    expect(await page.getByTestId(`app-site-${gone}`).getAttribute('href')).toBe(`https://${gone}`)
    // Following the link opens the website, not the app's page.
    const [again] = await Promise.all([app.browser.waitForEvent('page'), link.click()])
    expect(again.url()).toBe(`https://${good}/`)
    await again.close()
    expect(await page.getByTestId('app-detail').count()).toBe(0)
    await shot(page, '64-apps-website-links')
  })
})
