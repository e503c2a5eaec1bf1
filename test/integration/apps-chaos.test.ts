import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { DeployProgress } from '../../src-main/contract/apps'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { checkoutVersion } from '../../src-main/recipes/git'
import { loadRig, type Rig } from '../rig/rig'
import { cliBin, requireBuiltCli, runCli } from '../support/cli'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'

// Deploying the recipe's local copy as it is (abra's --chaos), on the real
// swarm with the ccd-web fixture: labelled as abra labels it, uncommitted
// changes sent, the env file's version left alone, and a normal deploy
// afterwards makes it an ordinary deploy again. Through the core and the CLI.
const bin = cliBin
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `chaos-${tag}.example.com`
const stack = stackNameFor(domain)
const secret = `${stack}_token_v1`
const progress: DeployProgress[] = []
let recipeDir = ''
let commit8 = ''

const labels = async (): Promise<Record<string, string>> => ((await docker.getService(`${stack}_app`).inspect()) as Docker.Service).Spec?.Labels ?? {}
const appVersionEnv = async (): Promise<string | undefined> =>
  (((await docker.getService(`${stack}_app`).inspect()) as Docker.Service).Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Env?.find((e) =>
    e.startsWith('APP_VERSION=')
  )?.slice('APP_VERSION='.length)
const envText = (): string => fs.readFileSync(appEnvPath(core.paths, server, domain), 'utf8')
const listed = async () => (await call(core, 'apps.list', { server })).apps.find((a) => a.domain === domain)
const compose = (): string => path.join(recipeDir, 'compose.yml')

async function deploy(input: { kind?: 'deploy' | 'redeploy'; version?: string; chaos?: boolean }): Promise<DeployProgress[]> {
  const { jobId } = await call(core, 'apps.deploy', { server, domain, kind: input.kind ?? 'deploy', ...input })
  const job = await core.jobs.wait(jobId)
  expect(job.status, JSON.stringify(job.error)).toBe('done')
  return progress.filter((p) => p.jobId === jobId)
}

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env }, keychain: undefined })
  core.events.subscribe((name, payload) => {
    if (name === 'deploy.progress') progress.push(payload as DeployProgress)
  })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const sample = fs.readFileSync(path.join(FIXTURE_RECIPES, 'ccd-web', 'v1.0.0', '.env.sample'), 'utf8')
  await writeAppEnv(core.paths, server, domain, newEnvFile(sample, { recipe: 'ccd-web', domain }))
  await ensureProxyNetwork(docker)
  await docker.createSecret({ Name: secret, Data: Buffer.from('a stand-in token').toString('base64') } as never)
  // The maintainer's working copy: cloned, at v1.0.0 (the newest commit, v3, fails its health check on purpose).
  recipeDir = (await call(core, 'recipes.get', { recipe: 'ccd-web' })).dir
  await checkoutVersion(recipeDir, 'v1.0.0')
  commit8 = execFileSync('git', ['-C', recipeDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim().slice(0, 8)
}, 120_000)

afterAll(async () => {
  if (docker) {
    await removeStack(docker, stack)
    await docker.getSecret(secret).remove().catch(() => undefined)
  }
  await core?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 120_000)

describe('deploying the local copy of a recipe (chaos)', () => {
  it('refuses a version or an upgrade with it, before anything is sent', async () => {
    expect((await callError(core, 'apps.deploy', { server, domain, kind: 'deploy', version: 'v1.0.0', chaos: true })).code).toBe('invalid-request')
    expect((await callError(core, 'apps.deploy', { server, domain, kind: 'upgrade', version: 'v2.0.0', chaos: true })).code).toBe('invalid-request')
  })

  it('a clean copy: labelled chaos=true with its commit, and the env file keeps its version', { timeout: 90_000 }, async () => {
    const before = envText()
    const events = await deploy({ chaos: true })
    expect(events.every((e) => e.chaos === true && e.version === commit8)).toBe(true)
    expect(events.at(-1)?.summary).toBe(`${domain} is running your local copy of the recipe (${commit8}), and it is healthy.`)
    expect(await labels()).toMatchObject({
      [`coop-cloud.${stack}.chaos`]: 'true',
      [`coop-cloud.${stack}.chaos-version`]: commit8,
      [`coop-cloud.${stack}.recipe`]: 'ccd-web',
      // abra keeps the recipe's own version label on a chaos deploy.
      [`coop-cloud.${stack}.version`]: 'v1.0.0'
    })
    expect(envText()).toBe(before)
    expect(await listed()).toMatchObject({ deployed: true, chaos: true, chaosVersion: commit8 })
  })

  it('from the CLI with -C: an uncommitted change is deployed, with +U', { timeout: 90_000 }, async () => {
    fs.writeFileSync(compose(), fs.readFileSync(compose(), 'utf8').replace('APP_VERSION=v1.0.0', 'APP_VERSION=edited-here'))
    const before = envText()
    const r = await runCli(bin, home, world.env, ['app', 'deploy', domain, '-C'], { timeoutMs: 80_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`${domain} is running your local copy of the recipe (${commit8}, with changes not saved in git)`)
    expect(r.stderr).toContain(`Recipe ccd-web: your local copy in ${recipeDir} as it is now`)
    expect(await appVersionEnv()).toBe('edited-here')
    expect(await labels()).toMatchObject({ [`coop-cloud.${stack}.chaos`]: 'true', [`coop-cloud.${stack}.chaos-version`]: `${commit8}+U` })
    expect(envText()).toBe(before)
    expect(await listed()).toMatchObject({ chaos: true, chaosVersion: `${commit8}+U` })
  })

  it('a normal deploy afterwards is an ordinary deploy again', { timeout: 90_000 }, async () => {
    // A version's checkout refuses local changes: the maintainer puts theirs away first.
    execFileSync('git', ['-C', recipeDir, 'checkout', '--', 'compose.yml'])
    const events = await deploy({ version: 'v1.0.0' })
    expect(events.some((e) => e.chaos)).toBe(false)
    const now = await labels()
    expect(now[`coop-cloud.${stack}.chaos`]).toBe('false')
    expect(now[`coop-cloud.${stack}.chaos-version`]).toBeUndefined()
    expect(await appVersionEnv()).toBe('v1.0.0')
    expect(envText()).toMatch(/^TYPE=ccd-web:v1\.0\.0$/m)
    const app = await listed()
    expect(app).toMatchObject({ chaos: false, version: 'v1.0.0' })
    expect(app?.chaosVersion).toBeUndefined()
  })
})
