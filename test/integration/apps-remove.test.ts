import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { withAbraLabels } from '../../src-main/compose/abra-labels'
import { applyStack } from '../../src-main/compose/apply'
import { stackNameFor } from '../../src-main/compose/env'
import { renderFromFiles } from '../../src-main/compose/stacks'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { CCD_WEB_DIR, waitHealthy } from './ccd-web'
import { createSecrets, ensureProxyNetwork, removeSecrets, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'

// Undeploy keeps an app's data and secrets; remove (after the domain is
// typed) deletes them and its env file. Against the rig's swarm over SSH.
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const id = crypto.randomBytes(3).toString('hex')
const SERVER = 'rigbox'
const NS = 'com.docker.stack.namespace'
// kept: undeployed, then removed; gone: removed while still deployed.
const kept = `r${id}-kept.apps.test`
const gone = `r${id}-gone.apps.test`
const stackOf = { [kept]: stackNameFor(kept), [gone]: stackNameFor(gone) }
const secretOf = (d: string): string => `${stackOf[d]}_token_v1`
const volumeOf = (d: string): string => `${stackOf[d]}_data`
const proxy = `p${id}.apps.test`
const sample = fs.readFileSync(path.join(CCD_WEB_DIR, 'v1.0.0', '.env.sample'), 'utf8')

// As apps.new then apps.deploy would leave it, with a named volume mounted
// the way a stack's `volumes:` entry is (the swarm creates it, labelled).
async function deployApp(domain: string): Promise<void> {
  const stack = stackOf[domain]
  await writeAppEnv(core.paths, SERVER, domain, newEnvFile(sample, { recipe: 'ccd-web', domain, version: 'v1.0.0' }))
  const r = renderFromFiles({ recipeDir: path.join(CCD_WEB_DIR, 'v1.0.0'), envFile: appEnvPath(core.paths, SERVER, domain) })
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const objects = withAbraLabels(r.objects!, { stackName: stack, recipe: 'ccd-web', version: 'v1.0.0', chaos: false })
  const cs = (objects.services[0].spec.TaskTemplate as { ContainerSpec: Record<string, unknown> }).ContainerSpec
  cs.Mounts = [{ Type: 'volume', Source: volumeOf(domain), Target: '/data', VolumeOptions: { Labels: { [NS]: stack } } }]
  await applyStack(docker, objects)
  await waitHealthy(docker, `${stack}_app`, 'v1.0.0')
}

const filters = (stack: string): string => JSON.stringify({ label: [`${NS}=${stack}`] })
async function leftOf(domain: string) {
  const f = filters(stackOf[domain])
  const [services, networks, configs, volumes, secrets] = await Promise.all([
    docker.listServices({ filters: f }),
    docker.listNetworks({ filters: f }),
    docker.listConfigs({ filters: f }),
    docker.listVolumes({ filters: f }),
    docker.listSecrets({ filters: JSON.stringify({ name: [secretOf(domain)] }) })
  ])
  return {
    services: services.length,
    networks: networks.length,
    configs: configs.length,
    volumes: (volumes.Volumes ?? []).map((v) => v.Name),
    secrets: secrets.map((s) => s.Spec?.Name),
    envFile: fs.existsSync(appEnvPath(core.paths, SERVER, domain))
  }
}

async function finished(jobId: string) {
  return core.jobs.wait(jobId)
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', env: { HOME: home, ...world.env }, home })
  const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
  await ensureProxyNetwork(docker)
  await createSecrets(docker, [secretOf(kept), secretOf(gone)])
  await Promise.all([deployApp(kept), deployApp(gone)])
}, 180_000)

afterAll(async () => {
  await core?.close()
  if (!docker) return
  for (const d of [kept, gone]) {
    await removeStack(docker, stackOf[d]).catch(() => undefined)
    await docker.getVolume(volumeOf(d)).remove().catch(() => undefined)
  }
  await removeSecrets(docker, [secretOf(kept), secretOf(gone)])
  await removeStack(docker, stackNameFor(proxy)).catch(() => undefined)
  await world?.close()
})

describe('undeploying an app', () => {
  it('removes its services, networks and configs, and keeps its volumes, secrets and env file', { timeout: 180_000 }, async () => {
    expect(await leftOf(kept)).toMatchObject({ services: 1, networks: 1, configs: 1, volumes: [volumeOf(kept)], secrets: [secretOf(kept)], envFile: true })
    const { jobId } = await call(core, 'apps.undeploy', { server: SERVER, domain: kept })
    const job = await finished(jobId)
    expect(job.error).toBeUndefined()
    expect(job.status).toBe('done')
    expect(job.log.join('\n')).toMatch(/kept/)
    expect(await leftOf(kept)).toEqual({ services: 0, networks: 0, configs: 0, volumes: [volumeOf(kept)], secrets: [secretOf(kept)], envFile: true })
    expect((await docker.listContainers({ all: true, filters: filters(stackOf[kept]) })).length).toBe(0)
    const list = await call(core, 'apps.list', { server: SERVER })
    expect(list.apps.find((a) => a.domain === kept)).toMatchObject({ deployed: false, health: 'stopped', version: 'v1.0.0' })
  })

  it('says so when the app is not deployed', async () => {
    expect((await callError(core, 'apps.undeploy', { server: SERVER, domain: kept })).code).toBe('not-deployed')
  })
})

describe('removing an app', () => {
  it('refuses, changing nothing, unless its domain is typed exactly', async () => {
    const before = await leftOf(kept)
    const err = await callError(core, 'apps.remove', { server: SERVER, domain: kept, confirm: 'something else' })
    expect(err.code).toBe('confirm-mismatch')
    expect(err.message).toContain(kept)
    expect((await callError(core, 'apps.remove', { server: SERVER, domain: kept, confirm: '' })).code).toBe('confirm-mismatch')
    expect(await leftOf(kept)).toEqual(before)
  })

  it('deletes its secrets, its volumes and its env file', { timeout: 120_000 }, async () => {
    const { jobId } = await call(core, 'apps.remove', { server: SERVER, domain: kept, confirm: kept })
    const job = await finished(jobId)
    expect(job.error).toBeUndefined()
    expect(job.status).toBe('done')
    const log = job.log.join('\n')
    expect(log).toContain(secretOf(kept))
    expect(log).toContain(volumeOf(kept))
    expect(await leftOf(kept)).toEqual({ services: 0, networks: 0, configs: 0, volumes: [], secrets: [], envFile: false })
    expect((await call(core, 'apps.list', { server: SERVER })).apps.some((a) => a.domain === kept)).toBe(false)
  })

  it('undeploys a deployed app first, waiting for its volume to be free', { timeout: 180_000 }, async () => {
    const { jobId } = await call(core, 'apps.remove', { server: SERVER, domain: gone, confirm: gone })
    const job = await finished(jobId)
    expect(job.error).toBeUndefined()
    expect(job.status).toBe('done')
    expect(await leftOf(gone)).toEqual({ services: 0, networks: 0, configs: 0, volumes: [], secrets: [], envFile: false })
  })
})

describe('deploying the proxy', () => {
  it('refuses an address that is not an email before creating anything', async () => {
    const err = await callError(core, 'servers.deployProxy', { name: SERVER, domain: proxy, email: 'not an email' })
    expect(err.code).toBe('invalid-email')
    expect(fs.existsSync(appEnvPath(core.paths, SERVER, proxy))).toBe(false)
  })

  // The deploy itself is cancelled at once: traefik publishes ports 80 and
  // 443 on the swarm, which other tests share. Removing the app cleans up.
  it('creates the traefik app with the email and starts its deploy; a second time it only deploys', { timeout: 180_000 }, async () => {
    const first = await call(core, 'servers.deployProxy', { name: SERVER, domain: proxy, email: 'ops@apps.test' })
    expect(first.domain).toBe(proxy)
    await call(core, 'jobs.cancel', { jobId: first.jobId })
    const job = await finished(first.jobId)
    expect(job.kind).toBe('app-deploy')
    const envText = fs.readFileSync(appEnvPath(core.paths, SERVER, proxy), 'utf8')
    expect(envText).toMatch(/^LETS_ENCRYPT_EMAIL=ops@apps\.test$/m)
    expect(envText).toMatch(/^TYPE=traefik/m)
    expect(envText).toMatch(new RegExp(`^DOMAIN=${proxy.replaceAll('.', '\\.')}$`, 'm'))

    const again = await call(core, 'servers.deployProxy', { name: SERVER, domain: proxy, email: 'other@apps.test' })
    expect(again.jobId).not.toBe(first.jobId)
    await call(core, 'jobs.cancel', { jobId: again.jobId })
    await finished(again.jobId)
    expect(fs.readFileSync(appEnvPath(core.paths, SERVER, proxy), 'utf8')).toBe(envText)

    const removed = await finished((await call(core, 'apps.remove', { server: SERVER, domain: proxy, confirm: proxy })).jobId)
    expect(removed.error).toBeUndefined()
    const f = filters(stackNameFor(proxy))
    expect((await docker.listServices({ filters: f })).length).toBe(0)
    expect((await docker.listSecrets()).filter((s) => s.Spec?.Name?.startsWith(`${stackNameFor(proxy)}_`))).toEqual([])
    expect(fs.existsSync(appEnvPath(core.paths, SERVER, proxy))).toBe(false)
  })
})
