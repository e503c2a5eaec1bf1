import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { setLanguage } from '../../src-main/i18n/i18n'
import { loadRig, type Rig } from '../rig/rig'
import { requireBuiltCli } from '../support/cli'
import { cliOnTerminal } from '../support/cli-terminal'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeSecrets, removeStack } from './compose-parity/swarm'
import { call, homeWithSshConfig } from './support'

// A rotated secret's redeploy goes through the deploy preview (issue 12
// item 9): secrets.rotate with redeploy: false changes the secret and
// deploys nothing; apps.preview then names the secret as changed and the
// service as restarting, and apps.deploy with that preview's fingerprint
// switches the app to the new version. On a terminal, `app secret rotate`
// shows that preview and asks; "n" sends nothing to the app's services.
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `rot-${tag}.example.com`
const stack = stackNameFor(domain)

const envText = (): string => fs.readFileSync(appEnvPath(core.paths, server, domain), 'utf8')

/** The stack's services as the engine has them (spec and version of each). */
async function services(): Promise<Docker.Service[]> {
  return (await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })) as Docker.Service[]
}

/** The Docker secrets the app's service uses now. */
async function secretsInUse(): Promise<string[]> {
  const spec = (await docker.getService(`${stack}_app`).inspect()) as Docker.Service
  return ((spec.Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Secrets ?? []).map((s) => s.SecretName ?? '')
}

async function deploy(kind: 'deploy' | 'redeploy', version: string | undefined, expectServerState?: string): Promise<void> {
  const { jobId } = await call(core, 'apps.deploy', { server, domain, kind, version, backupFirst: false, expectServerState })
  const job = await core.jobs.wait(jobId)
  expect(job.status, JSON.stringify(job.error)).toBe('done')
}

beforeAll(async () => {
  requireBuiltCli()
  setLanguage('en')
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env }, keychain: undefined })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  const sample = fs.readFileSync(path.join(FIXTURE_RECIPES, 'ccd-web', 'v1.0.0', '.env.sample'), 'utf8')
  await writeAppEnv(core.paths, server, domain, newEnvFile(sample, { recipe: 'ccd-web', domain }))
  await ensureProxyNetwork(docker)
  await call(core, 'secrets.create', { server, domain })
  await deploy('deploy', 'v1.0.0')
}, 110_000)

afterAll(async () => {
  if (docker) {
    await removeStack(docker, stack)
    const mine = (await docker.listSecrets()).map((s) => s.Spec?.Name ?? '').filter((n) => n.startsWith(`${stack}_token_`))
    await removeSecrets(docker, mine)
  }
  await core?.close()
  await world?.close()
}, 120_000)

describe('rotating a secret, then previewing its redeploy', () => {
  it('secrets.rotate with redeploy: false deploys nothing; the preview names the secret and the restart; the deploy with its fingerprint switches the app over', { timeout: 100_000 }, async () => {
    expect(await secretsInUse()).toEqual([`${stack}_token_v1`])
    const before = await services()
    const jobsBefore = core.jobs.list().length

    const rotated = await call(core, 'secrets.rotate', { server, domain, name: 'token', redeploy: false })
    expect(rotated).toMatchObject({ version: 'v2', deployed: true, secret: { name: 'token', swarmName: `${stack}_token_v2` } })
    expect(rotated.jobId).toBeUndefined()
    expect(envText()).toMatch(/^SECRET_TOKEN_VERSION=v2\b/m)
    // Nothing deployed: no job, the services as they were, still on the old value.
    expect(core.jobs.list().length).toBe(jobsBefore)
    expect(await services()).toEqual(before)
    expect(await secretsInUse()).toEqual([`${stack}_token_v1`])

    const preview = await call(core, 'apps.preview', { server, domain, kind: 'redeploy' })
    expect(preview.services.filter((s) => s.change === 'restart').map((s) => s.name)).toEqual(['app'])
    expect(preview.secrets).toEqual([{ name: `${stack}_token_v2`, service: 'app', change: 'changed', exists: true }])
    expect(preview.missing).toEqual([])
    expect(preview.words.join('\n')).toContain('token')
    expect(preview.words.join('\n')).not.toContain(rotated.secret.value ?? 'no value came back')

    await deploy('redeploy', undefined, preview.serverState)
    expect(await secretsInUse()).toEqual([`${stack}_token_v2`])
  })

  it('app secret rotate on a terminal shows the redeploy’s preview and asks; "n" rotates the secret but sends nothing to the app', { timeout: 100_000 }, async () => {
    const before = await services()
    const no = await cliOnTerminal(home, world.env, ['app', 'secret', 'rotate', domain, 'token'], 'Go ahead with this?', () => 'n')
    expect(no.code, no.out).toBe(1)
    expect(no.out).toContain(`token is now at version v3 (${stack}_token_v3)`)
    expect(no.out).toContain(`${domain} still uses the old value of token`)
    expect(no.out).toContain('- restart: app')
    expect(no.out).toContain(`Nothing was deployed: ${domain} keeps working with the old value of token`)
    expect(no.out).toContain(`coopcloud-desktop app deploy ${domain} --redeploy`)
    // The secret was made; the app's services were not touched.
    expect(envText()).toMatch(/^SECRET_TOKEN_VERSION=v3\b/m)
    expect((await docker.listSecrets({ filters: JSON.stringify({ name: [`${stack}_token_v3`] }) })).map((s) => s.Spec?.Name)).toEqual([`${stack}_token_v3`])
    expect(await services()).toEqual(before)
    expect(await secretsInUse()).toEqual([`${stack}_token_v2`])
  })
})
