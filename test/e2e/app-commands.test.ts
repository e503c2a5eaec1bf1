import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { deployShellService, homeWithSshConfig, waitServiceRunning } from '../integration/support'
import { loadRig, type Rig } from '../rig/rig'
import { makeCommandRecipe } from '../support/command-recipe'
import { expectNoAxeViolations } from './axe'
import { openApp, shot, type App } from './browser'
import { addRigServer } from './rig-server'

// An app's Commands tab in Chromium, over SSH to the rig: the recipe's abra.sh
// functions with their descriptions; one run with arguments (one a would-be
// shell trick, shown literally), its output streamed in and its end said in
// words; then one that fails, with its exit code in words.

let rig: Rig
let app: App
let docker: Docker
let home: string
const tag = crypto.randomBytes(3).toString('hex')
const domain = `cmd-${tag}.ccd.test`
const recipe = `cmdfix-${tag}`
const stack = stackNameFor(domain)

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  app = await openApp(rig, home, `coopcloud-desktop-e2e-${crypto.randomBytes(4).toString('hex')}`)
  await addRigServer(app, rig)
  await makeCommandRecipe(app.core.paths.recipesDir, recipe)
  await writeAppEnv(app.core.paths, 'rigbox', domain, `TYPE=${recipe}:1.0.0+1\nDOMAIN=${domain}\nGREETING=bonjour\n`)
  await deployShellService(docker, rig.image, stack, 'app', 'exec sleep 3600')
  await waitServiceRunning(docker, `${stack}_app`)
}, 90_000)

afterAll(async () => {
  await app?.close()
  if (docker) await docker.getService(`${stack}_app`).remove().catch(() => undefined)
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('an app’s recipe commands in Chromium', () => {
  it('runs one with arguments, streams its output and says how it ended', { timeout: 100_000 }, async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.click()
    await page.getByTestId('app-detail').waitFor()
    await page.getByTestId('tab-commands').click()

    const name = page.getByTestId('command-name')
    await name.waitFor({ timeout: 30_000 })
    expect(await name.locator('option').allTextContents()).toEqual(['greet', 'show_env', 'fail_with', 'slow', '_helper'])
    await expect.poll(() => page.getByTestId('command-about').textContent()).toBe('Says hello to each name it is given, one line each.')
    await page.getByLabel('Arguments (optional)').fill('Ada Lovelace\n$(touch /tmp/x)')
    await page.getByRole('button', { name: 'Run the command' }).click()

    const status = page.getByTestId('command-status')
    await expect.poll(() => status.getAttribute('data-exit'), { timeout: 30_000 }).toBe('0')
    expect(await page.getByTestId('command-output').textContent()).toBe('hello [Ada Lovelace]\nhello [$(touch /tmp/x)]\ncount=2\n')
    expect(await status.textContent()).toContain('The command finished without errors (exit code 0).')
    await page.getByTestId('command-output').scrollIntoViewIfNeeded()
    await shot(page, '62-app-commands')
    await expectNoAxeViolations(page, 'app commands')

    await name.selectOption('fail_with')
    await page.getByLabel('Arguments (optional)').fill('6')
    await page.getByRole('button', { name: 'Run the command' }).click()
    await expect.poll(() => status.getAttribute('data-exit'), { timeout: 30_000 }).toBe('6')
    expect(await status.textContent()).toContain('Failed')
    expect(await status.textContent()).toContain('The command ended with an error (exit code 6).')
    expect(await page.getByTestId('command-output').textContent()).toBe('about to fail\n')
    expect(app.consoleErrors).toEqual([])
  })
})
