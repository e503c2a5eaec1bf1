import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { checkoutVersion } from '../../src-main/recipes/git'
import { removeStack } from '../integration/compose-parity/swarm'
import { call } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { confirmPreview } from './preview'
import { openAppOnRig } from './rig-server'

// A recipe maintainer deploys their local copy of the recipe, an edit not
// saved in git included (abra's --chaos), from the app's page: behind the
// "Advanced" switch, confirmed first, progress as for any deploy, and the
// page and the list then say the app runs the local copy.
let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
let home: string
const tag = crypto.randomBytes(3).toString('hex')
const domain = `local-${tag}.ccd.test`
const stack = stackNameFor(domain)
let commit8 = ''

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  ;({ world, home, app } = await openAppOnRig(rig, { rigbox: true }))
  await call(app.core, 'apps.new', { server: 'rigbox', domain, recipe: 'ccd-web', version: 'v1.0.0', secrets: 'generate' })
  // The maintainer's working copy: at v1.0.0, with compose.yml edited and not committed.
  const dir = path.join(app.core.paths.recipesDir, 'ccd-web')
  await checkoutVersion(dir, 'v1.0.0')
  commit8 = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim().slice(0, 8)
  const compose = path.join(dir, 'compose.yml')
  fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('APP_VERSION=v1.0.0', 'APP_VERSION=tried-locally'))
}, 120_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
  if (docker) {
    await removeStack(docker, stack)
    for (const s of await docker.listSecrets()) if (s.Spec?.Name?.startsWith(`${stack}_`)) await docker.getSecret(s.ID).remove().catch(() => {})
  }
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 120_000)

describe('deploying the local copy of a recipe from the window', () => {
  it('sits behind the Advanced switch, asks first, deploys the edit, and the app then says where it came from', { timeout: 110_000 }, async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: domain }).click()
    await page.getByTestId('app-detail').waitFor()

    // Off by default: the action is not there until the switch is turned on.
    const advanced = page.getByRole('switch', { name: 'Show advanced actions' })
    expect(await advanced.isChecked()).toBe(false)
    expect(await page.getByTestId('deploy-local-copy').count()).toBe(0)
    await advanced.check()
    const button = page.getByRole('button', { name: 'Deploy my local copy of the recipe' })
    await button.waitFor()
    expect(await page.getByTestId('app-advanced').innerText()).toContain('~/.abra/recipes/ccd-web, including changes not saved in git')

    await button.click()
    const dialog = page.getByTestId('local-copy-dialog')
    await dialog.waitFor()
    expect(await dialog.innerText()).toContain(`Deploy your local copy of ccd-web to ${domain}?`)
    await shot(page, 'local-recipe-01-confirm')
    await expectNoAxeViolations(page, 'the confirmation before deploying the local copy')
    await page.getByTestId('local-copy-confirm').click()
    await confirmPreview(page)

    const progress = page.getByTestId('deploy-progress')
    await progress.waitFor({ timeout: 30_000 })
    await expect.poll(() => progress.getAttribute('data-phase'), { timeout: 90_000 }).toMatch(/^(done|failed|rolled-back|timed-out)$/)
    expect(await progress.getAttribute('data-phase')).toBe('done')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Deploying ${domain} from your local copy of the recipe`)
    expect(await page.getByTestId('deploy-summary').innerText()).toContain(
      `${domain} is running your local copy of the recipe (${commit8}, with changes not saved in git)`
    )
    await shot(page, 'local-recipe-02-deployed')

    // What the swarm runs is the edit, labelled as abra labels a chaos deploy.
    const spec = ((await docker.getService(`${stack}_app`).inspect()) as Docker.Service).Spec
    expect((spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Env).toContain('APP_VERSION=tried-locally')
    expect(spec?.Labels).toMatchObject({ [`coop-cloud.${stack}.chaos`]: 'true', [`coop-cloud.${stack}.chaos-version`]: `${commit8}+U` })

    const words = `Deployed from your local copy of the recipe (${commit8}, with changes not saved in git)`
    await page.getByTestId('deploy-manage').click()
    await page.getByTestId('app-detail').waitFor()
    await expect.poll(() => page.getByTestId(`app-chaos-badge-${domain}`).innerText(), { timeout: 30_000 }).toBe(words)
    await shot(page, 'local-recipe-03-app-page')
    await expectNoAxeViolations(page, "the app's page after a deploy of the local copy")

    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    await expect.poll(() => row.getByTestId(`app-chaos-badge-${domain}`).innerText(), { timeout: 30_000 }).toBe(words)
    await shot(page, 'local-recipe-04-list')
    expect(app.consoleErrors).toEqual([])
  })
})
