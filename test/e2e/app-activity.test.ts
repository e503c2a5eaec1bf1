import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import type { Keychain } from '../../src-main/keychain/keychain'
import { removeStack } from '../integration/compose-parity/swarm'
import { call, waitFor } from '../integration/support'
import { startGitServer } from '../rig/git-server.mjs'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnRig } from './rig-server'

// An app's Activity in Chromium (issue 14): Ana (the window) shares her app
// settings through the rig's git smart-HTTP server, deploys and upgrades an
// app on the rig; Bob (a core of his own, as the CLI is) joins and changes its
// settings. Ana's app page lists, newest first, who changed what and when,
// the upgrade marked as what runs now (the server's labels say Ana deployed it).

const GIT_ENV = { PATH: process.env.PATH, HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
const SERVER = 'rigbox'
const domain = `act-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const stack = stackNameFor(domain)

function memoryKeychain(): Keychain {
  const store = new Map<string, string>()
  return { get: async (a) => store.get(a), set: async (a, s) => void store.set(a, s), delete: async (a) => void store.delete(a) }
}

let rig: Rig
let app: App
let world: RecipeWorld
let docker: Docker
let root: string
let gitServer: { url: string; close(): Promise<void> }
let bob: Core | undefined
let homeB: string

async function done(core: Core, jobId: string): Promise<void> {
  const job = await core.jobs.wait(jobId)
  expect(job.status, `${job.title}: ${job.error?.message ?? ''}`).toBe('done')
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-e2e-activity-'))
  const repos = path.join(root, 'repos')
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', path.join(repos, 'team.git')], { env: GIT_ENV })
  execFileSync('git', ['-C', path.join(repos, 'team.git'), 'config', 'http.receivepack', 'true'], { env: GIT_ENV })
  gitServer = await startGitServer({ root: repos })
  ;({ world, app } = await openAppOnRig(rig, { rigbox: true }))
  const remote = `${gitServer.url}/team.git`
  await call(app.core, 'apps.new', { server: SERVER, domain, recipe: 'ccd-web', version: 'v1.0.0', secrets: 'generate' })
  await call(app.core, 'team.connect', { remote, name: 'Ana' })
  await done(app.core, (await call(app.core, 'apps.deploy', { server: SERVER, domain, backupFirst: false })).jobId)
  await done(app.core, (await call(app.core, 'apps.deploy', { server: SERVER, domain, kind: 'upgrade', version: 'v2.0.0', backupFirst: false })).jobId)
  const dirA = path.join(app.core.paths.abraDir, 'servers')
  await waitFor('the upgrade’s commit', async () => (await git.log({ fs, dir: dirA, depth: 1 }))[0]?.commit.message.trim() === `Upgraded ${domain} to v2.0.0`, 30_000)
  // Bob joins and changes the app's settings; Ana's window gets them with Share now's pull.
  homeB = fs.mkdtempSync(path.join(root, 'home-b-'))
  bob = createCore({ transport: 'cli', home: homeB, env: { HOME: homeB, ...world.env }, keychain: memoryKeychain() })
  await call(bob, 'team.join', { remote, name: 'Bob' })
  const file = path.join(homeB, '.abra', 'servers', SERVER, `${domain}.env`)
  await call(bob, 'apps.saveEnv', { server: SERVER, domain, envText: `${fs.readFileSync(file, 'utf8')}MOTD="from Bob"\n` })
  await call(app.core, 'team.sync', {})
}, 120_000)

afterAll(async () => {
  if (app) await call(app.core, 'team.disconnect', {}).catch(() => undefined)
  await app?.close()
  await bob?.close()
  await world?.close()
  await gitServer?.close()
  if (docker) {
    await removeStack(docker, stack).catch(() => {})
    for (const s of await docker.listSecrets({ filters: { name: [`${stack}_`] } })) await docker.getSecret(s.ID).remove().catch(() => {})
  }
  if (root) fs.rmSync(root, { recursive: true, force: true })
}, 90_000)

describe('an app’s activity in Chromium', () => {
  it('lists who changed what and when, newest first, the deploy that runs now marked', { timeout: 110_000 }, async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    const row = page.getByTestId(`app-row-${domain}`)
    await row.waitFor({ timeout: 30_000 })
    await row.getByRole('button', { name: domain, exact: true }).click()
    await page.getByTestId('app-detail').waitFor()
    const section = page.getByTestId('app-activity')
    const items = section.locator('li')
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3)
    expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Activity')
    const texts = (await items.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim())
    expect(texts[0]).toMatch(new RegExp(`^Bob: Changed the settings of ${domain.replace(/\./g, '\\.')} today \\d`))
    expect(texts[1]).toMatch(new RegExp(`^Ana: Upgraded ${domain.replace(/\./g, '\\.')} to v2\\.0\\.0 today .*What runs now$`))
    expect(texts.at(-1)).toMatch(/^Ana: Shared the app settings today /)
    // The exact time is on hover.
    expect(await items.first().locator('time').getAttribute('title')).toMatch(/\d{4}/)
    await section.scrollIntoViewIfNeeded()
    await shot(page, 'app-activity')
    await expectNoAxeViolations(page, 'an app’s page with its activity')
    expect(app.consoleErrors).toEqual([])
  })
})
