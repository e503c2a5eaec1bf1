import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type Docker from 'dockerode'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { deployRecordKeys } from '../../src-main/contract/team'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { setLanguage } from '../../src-main/i18n/i18n'
import { loadRig, type Rig } from '../rig/rig'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { bareTeamRepo, cuttableRelay, GIT_ENV, memoryKeychain, type CuttableRelay, type TeamRepo } from '../support/team-git'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { call, callError, waitFor } from './support'

// Issue 14, deploys and the team: two teammates (two homes, two cores, Ana
// and Bob) share their app settings through the rig's git smart-HTTP server
// (the real `git http-backend`), each through a relay the test can cut, and
// deploy the same app (ccd-web from the rig's recipe world) on the rig's
// swarm through the app's own doors (apps.preview, apps.deploy), as the window does.
//  - a deploy and an upgrade each end in a commit in plain words under the
//    member's name, pushed; the server's labels say who deployed from which settings commit;
//  - Ana deploys a change while offline; Bob, with older settings, is warned
//    in words and must confirm; also warned when his pull can't reach the shared copy;
//  - an app's activity lists the git changes and the deploy recorded on the server;
//  - closing a core while a deploy's commit waits for its job ends at once, and commits nothing after.

const run = promisify(execFile)
const SERVER = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const DOMAIN = `team-${tag}.example.com`
const STACK = stackNameFor(DOMAIN)
const FILE = `${SERVER}/${DOMAIN}.env`
const KEYS = deployRecordKeys(STACK)

let rig: Rig
let docker: Docker
let root: string
let repo: string
let gitServer: TeamRepo
let world: RecipeWorld
let relayA: CuttableRelay
let relayB: CuttableRelay
const homes = { a: '', b: '' }
let a: Core
let b: Core
let aClosed = false

const serversOf = (home: string): string => path.join(home, '.abra', 'servers')
const envOf = (home: string): string => fs.readFileSync(path.join(serversOf(home), FILE), 'utf8')
const headOf = async (home: string): Promise<string> => git.resolveRef({ fs, dir: serversOf(home), ref: 'HEAD' })
/** The shared copy's history, newest first, as `git log` on the forge shows it: "author: subject". */
const remoteLog = async (): Promise<string[]> => (await run('git', ['--git-dir', repo, 'log', '--format=%an: %s', 'main'], { env: GIT_ENV })).stdout.trim().split('\n')
const mainLabels = async (): Promise<Record<string, string>> => ((await docker.getService(`${STACK}_app`).inspect()) as { Spec: { Labels: Record<string, string> } }).Spec.Labels
const lastCommitOfFile = async (home: string): Promise<string> => (await git.log({ fs, dir: serversOf(home), filepath: FILE, depth: 1 }))[0].oid

async function deploy(core: Core, kind: 'deploy' | 'upgrade' | 'redeploy', version?: string, extra: Record<string, unknown> = {}): Promise<void> {
  const { jobId } = await call(core, 'apps.deploy', { server: SERVER, domain: DOMAIN, kind, ...(version ? { version } : {}), backupFirst: false, ...extra })
  const job = await core.jobs.wait(jobId)
  expect(job.status, JSON.stringify(job.error)).toBe('done')
}

beforeAll(async () => {
  setLanguage('en')
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-team-deploys-'))
  gitServer = await bareTeamRepo(root)
  repo = gitServer.repo
  world = await startRecipeWorld()
  const port = gitServer.port
  relayA = await cuttableRelay(port)
  relayB = await cuttableRelay(port)
  for (const who of ['a', 'b'] as const) homes[who] = fs.mkdtempSync(path.join(root, `home-${who}-`))
  const newCore = (who: 'a' | 'b'): Core => createCore({ transport: 'cli', home: homes[who], env: { HOME: homes[who], ...world.env }, keychain: memoryKeychain() })
  a = newCore('a')
  b = newCore('b')
  await ensureProxyNetwork(docker)
  await docker.createSecret({ Name: `${STACK}_token_v1`, Data: Buffer.from('a stand-in token').toString('base64') } as never)
  // Ana's computer: the rig's engine as a server, and an app not deployed yet (no version on its TYPE line).
  await call(a, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const sample = fs.readFileSync(path.join(FIXTURE_RECIPES, 'ccd-web', 'v1.0.0', '.env.sample'), 'utf8')
  await writeAppEnv(a.paths, SERVER, DOMAIN, newEnvFile(sample, { recipe: 'ccd-web', domain: DOMAIN }))
  await call(a, 'team.connect', { remote: `${relayA.url}/team.git`, name: 'Ana' })
  // Bob's: the same server, and the team's settings.
  await call(b, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  await call(b, 'team.join', { remote: `${relayB.url}/team.git`, name: 'Bob' })
  expect(envOf(homes.b)).toBe(envOf(homes.a))
}, 120_000)

afterAll(async () => {
  if (docker) {
    await removeStack(docker, STACK)
    await docker.getSecret(`${STACK}_token_v1`).remove().catch(() => undefined)
  }
  await Promise.all([aClosed ? undefined : a?.close(), b?.close()])
  await relayA?.close()
  await relayB?.close()
  await gitServer?.close()
  await world?.close()
  if (root) fs.rmSync(root, { recursive: true, force: true })
}, 120_000)

describe('deploys and the team', () => {
  it('a deploy and an upgrade each end in a pushed commit in plain words under the member’s name; the server says who deployed from which settings', { timeout: 110_000 }, async () => {
    const shared = await lastCommitOfFile(homes.a)
    await deploy(a, 'deploy', 'v1.0.0')
    // The commit is made when the job ends, in the background, then pushed.
    await waitFor('the deploy’s commit on the shared copy', async () => (await remoteLog())[0] === `Ana: Deployed ${DOMAIN} at v1.0.0`, 30_000, { detail: () => 'see remoteLog' })
    expect((await call(a, 'team.status', {})).unshared).toBe(0)
    expect(envOf(homes.a)).toContain('TYPE=ccd-web:v1.0.0')
    // Deployed from the settings as shared (the commit that last changed the file), by Ana.
    const first = await mainLabels()
    expect(first[KEYS.by]).toBe('Ana')
    expect(first[KEYS.commit]).toBe(shared)
    expect(first[`coop-cloud.${STACK}.version`]).toBe('v1.0.0')

    const deployed = await lastCommitOfFile(homes.a)
    await deploy(a, 'upgrade', 'v2.0.0')
    await waitFor('the upgrade’s commit on the shared copy', async () => (await remoteLog())[0] === `Ana: Upgraded ${DOMAIN} to v2.0.0`, 30_000)
    const second = await mainLabels()
    expect(second[KEYS.by]).toBe('Ana')
    expect(second[KEYS.commit]).toBe(deployed)
    expect(await remoteLog()).toEqual(expect.arrayContaining([`Ana: Upgraded ${DOMAIN} to v2.0.0`, `Ana: Deployed ${DOMAIN} at v1.0.0`, 'Ana: Shared the app settings']))
  })

  it('Ana deploys a change she could not share; Bob, with older settings, is warned in words and must confirm to replace it', { timeout: 110_000 }, async () => {
    await call(b, 'team.sync', {})
    expect(envOf(homes.b)).toBe(envOf(homes.a))
    relayA.online = false
    const text = envOf(homes.a).replace('TYPE=ccd-web:v2.0.0', 'TYPE=ccd-web:v2.0.0\nMOTD="from Ana, offline"')
    await call(a, 'apps.saveEnv', { server: SERVER, domain: DOMAIN, envText: text })
    const unsharedCommit = await headOf(homes.a)
    expect((await call(a, 'team.status', {})).unshared).toBe(1)
    await deploy(a, 'redeploy')
    expect((await mainLabels())[KEYS.commit]).toBe(unsharedCommit)

    // Bob previews a redeploy of the same app: the preview says so, in words.
    const preview = await call(b, 'apps.preview', { server: SERVER, domain: DOMAIN, kind: 'redeploy' })
    const warning = preview.team?.find((w) => w.kind === 'unshared-deploy')
    expect(warning?.words).toMatch(/^Ana deployed this app at \d{1,2}:\d{2}( [AP]M)? with settings you don’t have yet — they haven’t been shared\. Deploying now would replace them\.$/)
    expect(preview.team?.some((w) => w.kind === 'not-fetched')).toBe(false)
    // A deploy without confirming is refused before anything starts.
    const jobsBefore = b.jobs.list().length
    const refused = await callError(b, 'apps.deploy', { server: SERVER, domain: DOMAIN, kind: 'redeploy', backupFirst: false })
    expect(refused.code).toBe('team-unshared-deploy')
    expect(refused.message).toContain(warning!.words)
    expect(b.jobs.list().length).toBe(jobsBefore)
    expect((await mainLabels())[KEYS.by]).toBe('Ana')
    // Confirmed in the preview: Bob's settings replace Ana's, and the server says so.
    await deploy(b, 'redeploy', undefined, { expectServerState: preview.serverState, pins: preview.pins, replaceUnshared: true })
    const labels = await mainLabels()
    expect(labels[KEYS.by]).toBe('Bob')
    expect(labels[KEYS.commit]).toBe(await lastCommitOfFile(homes.b))

    // Bob's pull can't reach the shared copy: the preview says that too.
    relayB.online = false
    try {
      const offline = await call(b, 'apps.preview', { server: SERVER, domain: DOMAIN, kind: 'redeploy' })
      expect(offline.team?.find((w) => w.kind === 'not-fetched')?.words).toMatch(/could not be fetched/)
    } finally {
      relayB.online = true
    }
  })

  it('an app’s activity lists who changed what and when, with the deploy recorded on the server', { timeout: 60_000 }, async () => {
    // Ana, still offline: her change is listed as not shared yet; the server says Bob deployed last.
    const offline = await call(a, 'apps.activity', { server: SERVER, domain: DOMAIN })
    expect(offline.history).toBe(true)
    const lines = offline.items.map((i) => `${i.kind} ${i.by ?? '?'}: ${i.words}${i.unshared ? ' (not shared)' : ''}${i.running ? ' (running)' : ''}`)
    expect(lines).toEqual([
      `deploy Bob: Deployed version v2.0.0 (recorded on the server) (running)`,
      `change Ana: Changed the settings of ${DOMAIN} (not shared)`,
      `change Ana: Upgraded ${DOMAIN} to v2.0.0`,
      `change Ana: Deployed ${DOMAIN} at v1.0.0`,
      `change Ana: Shared the app settings`
    ])
    expect(offline.items.every((i, n) => n === 0 || i.at <= offline.items[n - 1].at)).toBe(true)

    relayA.online = true
    // Shared at last; Bob gets it, and his activity lists the same changes, shared.
    expect((await call(a, 'team.sync', {})).unshared).toBe(0)
    await call(b, 'team.sync', {})
    const seen = await call(b, 'apps.activity', { server: SERVER, domain: DOMAIN })
    expect(seen.items.filter((i) => i.kind === 'change').map((i) => `${i.by}: ${i.words}${i.unshared ? ' (not shared)' : ''}`)).toContain(`Ana: Changed the settings of ${DOMAIN}`)
    expect(seen.items[0]).toMatchObject({ kind: 'deploy', by: 'Bob', running: true })
  })

  it('closing the core while a deploy’s commit waits for its job ends without waiting for it, and commits nothing after', { timeout: 110_000 }, async () => {
    const head = await headOf(homes.a)
    const { jobId } = await call(a, 'apps.deploy', { server: SERVER, domain: DOMAIN, kind: 'upgrade', version: 'v3.0.0', backupFirst: false })
    expect(a.jobs.get(jobId)?.status).toBe('running')
    await a.close()
    aClosed = true
    // The job goes on to its end (it belongs to the jobs, not to the commit).
    await a.jobs.wait(jobId)
    // Nothing was committed for it: the next pull commits the file as a change made outside the app.
    expect(await headOf(homes.a)).toBe(head)
    expect((await remoteLog())[0]).not.toContain('v3.0.0')
  })
})
