import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { DeployProgress } from '../../src-main/contract/apps'
import type { Job } from '../../src-main/contract/schemas'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'

// apps.deploy through dispatch, on the real swarm, with the ccd-web test
// recipe: v1 and v2 come up healthy, v3 fails its healthcheck and the swarm
// rolls it back to v2.
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `dep-${tag}.example.com`
const brokenDomain = `depx-${tag}.example.com`
const stack = stackNameFor(domain)
const secret = `${stack}_token_v1`
const progress: DeployProgress[] = []

async function runDeploy(kind: 'deploy' | 'upgrade' | 'rollback' | 'redeploy', version?: string): Promise<{ job: Job; events: DeployProgress[] }> {
  const { jobId, stackName } = await call(core, 'apps.deploy', { server, domain, kind, ...(version ? { version } : {}) })
  expect(stackName).toBe(stack)
  const job = await core.jobs.wait(jobId)
  return { job, events: progress.filter((p) => p.jobId === jobId) }
}

async function appService(): Promise<Docker.Service> {
  return (await docker.getService(`${stack}_app`).inspect()) as Docker.Service
}

const appVersionEnv = (s: Docker.Service): string | undefined =>
  ((s.Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Env ?? []).find((e) => e.startsWith('APP_VERSION='))?.slice('APP_VERSION='.length)

const envText = (d = domain): string => fs.readFileSync(appEnvPath(core.paths, server, d), 'utf8')

beforeAll(async () => {
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
  await writeAppEnv(core.paths, server, brokenDomain, `${newEnvFile(sample, { recipe: 'ccd-web', domain: brokenDomain })}THIS LINE IS NOT AN ASSIGNMENT\n`)
  await ensureProxyNetwork(docker)
  await docker.createSecret({ Name: secret, Data: Buffer.from('a stand-in token').toString('base64') } as never)
}, 120_000)

afterAll(async () => {
  if (docker) {
    await removeStack(docker, stack)
    await docker.getSecret(secret).remove().catch(() => undefined)
  }
  await core?.close()
  await world?.close()
}, 120_000)

describe('apps.deploy', () => {
  it('refuses an unknown version, a missing version and a broken env before changing anything', async () => {
    const unknown = await callError(core, 'apps.deploy', { server, domain, kind: 'upgrade', version: 'v9.9.9' })
    expect(unknown.code).toBe('version-unknown')
    expect(unknown.message).toContain('v1.0.0')
    expect((await callError(core, 'apps.deploy', { server, domain, kind: 'rollback' })).code).toBe('version-required')
    const broken = await callError(core, 'apps.deploy', { server, domain: brokenDomain })
    expect(broken.code).toBe('env-invalid')
    expect(broken.message).toMatch(/Line \d+/)
    expect(await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })).toEqual([])
    expect(envText()).toMatch(/^TYPE=ccd-web$/m)
  })

  it('deploys v1, reports progress until it runs, and records the version', { timeout: 180_000 }, async () => {
    const { job, events } = await runDeploy('deploy', 'v1.0.0')
    expect(job.status, JSON.stringify(job.error)).toBe('done')
    const phases = events.map((e) => e.phase)
    expect(phases[0]).toBe('preparing')
    expect(phases).toContain('deploying')
    expect(phases).toContain('converging')
    expect(phases.at(-1)).toBe('done')
    expect(events.every((e) => e.version === 'v1.0.0' && e.timeoutSeconds === 120)).toBe(true)
    // The first look at the new service shows it not yet running; the last, running and healthy.
    const app = events.flatMap((e) => e.services.filter((s) => s.name === 'app'))
    expect(app[0]).toMatchObject({ fullName: `${stack}_app`, desired: 1, running: 0 })
    expect(app.at(-1)).toMatchObject({ desired: 1, running: 1, health: 'healthy', status: 'running', words: 'Running and healthy' })
    expect(events.at(-1)?.summary).toBe(`${domain} is running version v1.0.0, and it is healthy.`)
    expect(await call(core, 'apps.deployProgress', { jobId: events[0].jobId })).toEqual(events.at(-1))

    expect(envText()).toMatch(/^TYPE=ccd-web:v1\.0\.0$/m)
    const s = await appService()
    expect(s.Spec?.Labels).toMatchObject({ [`coop-cloud.${stack}.version`]: 'v1.0.0', [`coop-cloud.${stack}.recipe`]: 'ccd-web', [`coop-cloud.${stack}.chaos`]: 'false' })
    expect(appVersionEnv(s)).toBe('v1.0.0')
  })

  it('upgrades to v2 and waits for the swarm to finish the update', { timeout: 180_000 }, async () => {
    const { job, events } = await runDeploy('upgrade', 'v2.0.0')
    expect(job.status, JSON.stringify(job.error)).toBe('done')
    expect(job.title).toBe(`Upgrading ${domain} to v2.0.0`)
    expect(events.at(-1)?.phase).toBe('done')
    const s = await appService()
    expect(s.UpdateStatus?.State).toBe('completed')
    expect(s.Spec?.Labels?.[`coop-cloud.${stack}.version`]).toBe('v2.0.0')
    expect(appVersionEnv(s)).toBe('v2.0.0')
    expect(envText()).toMatch(/^TYPE=ccd-web:v2\.0\.0$/m)
  })

  it('reports the swarm rolling v3 back to v2 in plain words, and keeps v2 in the env', { timeout: 240_000 }, async () => {
    const { job, events } = await runDeploy('upgrade', 'v3.0.0')
    expect(job.status).toBe('failed')
    const phases = events.map((e) => e.phase)
    expect(phases).toContain('rolling-back')
    expect(phases.at(-1)).toBe('rolled-back')
    const last = events.at(-1)!
    expect(last.summary).toMatch(new RegExp(`^Version v3\\.0\\.0 of ${domain.replace(/\./g, '\\.')} did not start, so the server went back to version v2\\.0\\.0, which is running\\.`))
    expect(last.next).toContain('still on version v2.0.0')
    expect(job.error).toMatchObject({ code: 'deploy-rolled-back', message: last.summary })

    const s = await appService()
    expect(s.UpdateStatus?.State).toBe('rollback_completed')
    expect(s.Spec?.Labels?.[`coop-cloud.${stack}.version`]).toBe('v2.0.0')
    expect(appVersionEnv(s)).toBe('v2.0.0')
    expect(envText()).toMatch(/^TYPE=ccd-web:v2\.0\.0$/m)
  })

  it('redeploys the version in the env', { timeout: 180_000 }, async () => {
    const { job, events } = await runDeploy('redeploy')
    expect(job.status, JSON.stringify(job.error)).toBe('done')
    expect(events.at(-1)).toMatchObject({ phase: 'done', version: 'v2.0.0' })
    expect(events.at(-1)?.services.find((s) => s.name === 'app')).toMatchObject({ running: 1, desired: 1, health: 'healthy' })
    expect(appVersionEnv(await appService())).toBe('v2.0.0')
  })

  it('refuses a second deploy of the app while one runs, and stops watching when cancelled', { timeout: 120_000 }, async () => {
    const { jobId } = await call(core, 'apps.deploy', { server, domain, kind: 'rollback', version: 'v1.0.0' })
    const again = await callError(core, 'apps.deploy', { server, domain, kind: 'redeploy' })
    expect(again).toMatchObject({ code: 'app-busy', data: { jobId } })
    for (const end = Date.now() + 60_000; !progress.some((p) => p.jobId === jobId && p.phase === 'converging'); ) {
      if (Date.now() > end) throw new Error('the rollback never started converging')
      await new Promise((r) => setTimeout(r, 100))
    }
    await call(core, 'jobs.cancel', { jobId })
    const job = await core.jobs.wait(jobId)
    expect(job.status).toBe('cancelled')
    expect(await call(core, 'apps.deployProgress', { jobId })).toMatchObject({ phase: 'cancelled', version: 'v1.0.0' })
    // Only a deploy seen through records its version.
    expect(envText()).toMatch(/^TYPE=ccd-web:v2\.0\.0$/m)
  })
})
