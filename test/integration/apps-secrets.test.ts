import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { ALPHABET_DEFAULT, ALPHABET_SPECIAL } from '../../src-main/apps/secrets'
import { stackNameFor } from '../../src-main/compose/env'
import type { EventPayload } from '../../src-main/contract/contract'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { cloneOrFetch } from '../../src-main/recipes/git'
import { loadRig, type Rig } from '../rig/rig'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'

// Every deploy request is recorded. For the app without a recipe a stand-in
// answers (it can't be deployed for real); ccd-web is deployed for real.
const redeploys = vi.hoisted(() => [] as Array<{ server: string; domain: string; kind: string }>)
vi.mock('../../src-main/apps/deploy', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/apps/deploy')>()
  return {
    ...real,
    startDeploy: async (ctx: Parameters<typeof real.startDeploy>[0], req: Parameters<typeof real.startDeploy>[1]) => {
      redeploys.push({ server: req.server, domain: req.domain, kind: req.kind })
      if (req.domain.startsWith('sec-')) return real.startDeploy(ctx, req)
      return { jobId: `job-${redeploys.length}`, stackName: stackNameFor(req.domain) }
    }
  }
})

let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const tag = crypto.randomBytes(3).toString('hex')
const server = 'default'
const webDomain = `sec-${tag}.example.com`
const plainDomain = `secb-${tag}.example.com`
const longDomain = `${'l'.repeat(40)}-${tag}.example.com`
const twinDomain = `sect-${tag}.example.com`
const twinStack = stackNameFor(twinDomain)
const webStack = stackNameFor(webDomain)
const plainStack = stackNameFor(plainDomain)
const services: string[] = []

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const output = new Map<string, string>()
const ended = new Map<string, { exitCode?: number; error?: string }>()

async function jobDone(jobId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const job = (await call(core, 'jobs.list', {})).find((j) => j.id === jobId)
    if (job && job.status !== 'running') {
      expect({ status: job.status, error: job.error?.message }).toEqual({ status: 'done', error: undefined })
      return
    }
    await sleep(250)
  }
  throw new Error(`job ${jobId} did not finish`)
}

const only = (alphabet: string, value: string): boolean => [...value].every((c) => alphabet.includes(c))

async function secretNames(stack: string): Promise<string[]> {
  const list = await docker.listSecrets({ filters: JSON.stringify({ name: [`${stack}_`] }) })
  return list.map((s) => s.Spec!.Name!).filter((n) => n.startsWith(`${stack}_`)).sort()
}

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env } })
  core.events.subscribe((name, payload) => {
    if (name === 'stream.data') {
      const d = payload as EventPayload<'stream.data'>
      output.set(d.streamId, (output.get(d.streamId) ?? '') + d.data)
    }
    if (name === 'stream.end') ended.set((payload as EventPayload<'stream.end'>).streamId, payload as EventPayload<'stream.end'>)
  })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  // The recipe checkout abra keeps: its compose files say which secrets the app uses.
  await cloneOrFetch({ url: `${world.gitUrl}/ccd-web.git`, dir: path.join(home, '.abra', 'recipes', 'ccd-web') })

  const sample = fs.readFileSync(path.join(FIXTURE_RECIPES, 'ccd-web', 'v2.0.0', '.env.sample'), 'utf8')
  // An env-only secret the recipe doesn't use: listed, but never created.
  await writeAppEnv(core.paths, server, webDomain, `${newEnvFile(sample, { recipe: 'ccd-web', domain: webDomain, version: 'v2.0.0' })}SECRET_UNUSED_VERSION=v1\n`)
  await writeAppEnv(
    core.paths,
    server,
    plainDomain,
    [
      'RECIPE=no-such-recipe',
      `DOMAIN=${plainDomain}`,
      'SECRET_API_KEY_VERSION=v1 # length=40 charset=special-chars',
      'SECRET_ADMIN_PASSWORD_VERSION=v1 # generate=false',
      'SECRET_DB_PASSWORD_VERSION=v1',
      ''
    ].join('\n')
  )
  await writeAppEnv(core.paths, server, twinDomain, `RECIPE=no-such-recipe\nDOMAIN=${twinDomain}\nSECRET_KEY_VERSION=v1 # length=8\n`)
  await writeAppEnv(core.paths, server, longDomain, `RECIPE=no-such-recipe\nDOMAIN=${longDomain}\nSECRET_A_RATHER_LONG_SECRET_NAME_VERSION=v1\n`)
})

afterAll(async () => {
  if (docker) {
    await removeStack(docker, webStack).catch(() => undefined)
    for (const s of services) await docker.getService(s).remove().catch(() => undefined)
    // Removed services release their secrets a moment later.
    for (let i = 0; i < 20; i++) {
      const left = [...(await secretNames(webStack)), ...(await secretNames(plainStack)), ...(await secretNames(twinStack))]
      await Promise.all(left.map((n) => docker.getSecret(n).remove().catch(() => undefined)))
      if (left.length === 0) break
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  await core?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('secrets of a recipe app (ccd-web)', () => {
  it('lists the compose secrets with their env versions, and nothing exists yet', async () => {
    const list = await call(core, 'secrets.list', { server, domain: webDomain })
    expect(list.map((s) => [s.name, s.version, s.swarmName, s.length ?? null, s.exists])).toEqual([
      ['token', 'v1', `${webStack}_token_v1`, 16, false],
      ['unused', 'v1', `${webStack}_unused_v1`, null, false]
    ])
  })

  it('creates only the missing secrets the recipe uses, generated at the length the env asks, without labels as abra does', async () => {
    const made = await call(core, 'secrets.create', { server, domain: webDomain })
    expect(made.map((s) => s.swarmName)).toEqual([`${webStack}_token_v1`])
    expect(made[0].value).toHaveLength(16)
    expect(only(ALPHABET_DEFAULT, made[0].value!)).toBe(true)
    const inspected = (await docker.getSecret(`${webStack}_token_v1`).inspect()) as { Spec: { Name: string; Labels?: Record<string, string> } }
    expect(inspected.Spec.Labels ?? {}).toEqual({})
    expect(await secretNames(webStack)).toEqual([`${webStack}_token_v1`])

    const list = await call(core, 'secrets.list', { server, domain: webDomain })
    expect(list[0]).toMatchObject({ name: 'token', exists: true })
    expect(Date.parse(list[0].createdAt!)).toBeGreaterThan(Date.now() - 120_000)
    expect(await call(core, 'secrets.create', { server, domain: webDomain })).toEqual([])
  })

  it('refuses to create a secret that already exists, in plain words', async () => {
    const err = await callError(core, 'secrets.create', { server, domain: webDomain, names: ['token'] })
    expect(err.code).toBe('secret-exists')
    expect(err.message).toBe(
      `The secret "token" (${webStack}_token_v1) already exists on the server, so it was not changed. To give it a new value, rotate it; or remove it first, then create it again.`
    )
  })

  it('rotating a secret of the deployed app redeploys it, and the app then reads the new value', { timeout: 300_000 }, async () => {
    await ensureProxyNetwork(docker)
    await jobDone((await call(core, 'apps.deploy', { server, domain: webDomain })).jobId)

    const r = await call(core, 'secrets.rotate', { server, domain: webDomain, name: 'token' })
    expect(r).toMatchObject({ version: 'v2', secret: { name: 'token', swarmName: `${webStack}_token_v2` } })
    expect(r.secret.value).toHaveLength(16)
    expect(redeploys.at(-1)).toEqual({ server, domain: webDomain, kind: 'redeploy' })
    await jobDone(r.jobId!)

    const spec = (await docker.getService(`${webStack}_app`).inspect()) as Docker.Service
    const used = (spec.Spec?.TaskTemplate as { ContainerSpec: { Secrets: Array<{ SecretName: string }> } }).ContainerSpec.Secrets
    expect(used.map((s) => s.SecretName)).toEqual([`${webStack}_token_v2`])
    // The old version stays: a running task may still use it until the redeploy replaced it.
    expect(await secretNames(webStack)).toEqual([`${webStack}_token_v1`, `${webStack}_token_v2`])

    const { streamId } = await call(core, 'apps.exec', { server, domain: webDomain, service: 'app', command: ['cat', '/run/secrets/token'] })
    for (let i = 0; i < 100 && !ended.has(streamId); i++) await sleep(100)
    expect(ended.get(streamId)).toEqual({ streamId, exitCode: 0 })
    expect(output.get(streamId)).toBe(r.secret.value)
  })
})

describe('secrets of an app without a recipe checkout', () => {
  it('asks for the value of a generate=false secret before creating anything', async () => {
    const err = await callError(core, 'secrets.create', { server, domain: plainDomain })
    expect(err.code).toBe('secret-value-needed')
    expect(err.message).toContain('"admin_password"')
    expect(await secretNames(plainStack)).toEqual([])
  })

  it('creates typed and generated secrets; a typed value is not sent back', async () => {
    const made = await call(core, 'secrets.create', { server, domain: plainDomain, values: { admin_password: 'typed by me' } })
    const byName = Object.fromEntries(made.map((s) => [s.name, s]))
    expect(byName.api_key.value).toHaveLength(40)
    expect(only(ALPHABET_SPECIAL, byName.api_key.value!)).toBe(true)
    expect(byName.db_password.value).toHaveLength(32)
    expect(only(ALPHABET_DEFAULT, byName.db_password.value!)).toBe(true)
    expect(byName.admin_password.value).toBeUndefined()
    expect(await secretNames(plainStack)).toEqual([`${plainStack}_admin_password_v1`, `${plainStack}_api_key_v1`, `${plainStack}_db_password_v1`])
  })

  it('leaves nothing half-created when one of several secrets already exists', async () => {
    await call(core, 'secrets.remove', { server, domain: plainDomain, name: 'api_key' })
    const err = await callError(core, 'secrets.create', { server, domain: plainDomain, names: ['api_key', 'admin_password'], values: { admin_password: 'again' } })
    expect(err.code).toBe('secret-exists')
    expect(err.message).toContain('"admin_password"')
    // api_key was made first, then undone.
    expect(await secretNames(plainStack)).toEqual([`${plainStack}_admin_password_v1`, `${plainStack}_db_password_v1`])
  })

  it('refuses a secret whose swarm name would be too long, before asking the server', async () => {
    const err = await callError(core, 'secrets.create', { server, domain: longDomain })
    expect(err.code).toBe('secret-name-too-long')
    expect(err.message).toMatch(/Docker allows at most 64/)
  })

  it('rotates: bumps the version in the env (keeping its comment), creates v2 and keeps v1', async () => {
    const before = fs.readFileSync(appEnvPath(core.paths, server, plainDomain), 'utf8')
    const r = await call(core, 'secrets.rotate', { server, domain: plainDomain, name: 'db_password' })
    expect(r.version).toBe('v2')
    expect(r.jobId).toBeUndefined()
    expect(r.secret.swarmName).toBe(`${plainStack}_db_password_v2`)
    expect(r.secret.value).toHaveLength(32)
    const after = fs.readFileSync(appEnvPath(core.paths, server, plainDomain), 'utf8')
    expect(after).toBe(before.replace('SECRET_DB_PASSWORD_VERSION=v1', 'SECRET_DB_PASSWORD_VERSION=v2'))
    expect(await secretNames(plainStack)).toEqual([`${plainStack}_admin_password_v1`, `${plainStack}_db_password_v1`, `${plainStack}_db_password_v2`])
    expect(redeploys.filter((d) => d.domain === plainDomain)).toEqual([])
  })

  it('puts the env back when the new secret cannot be created', async () => {
    await call(core, 'secrets.create', { server, domain: plainDomain, names: ['api_key'] })
    await docker.createSecret({ Name: `${plainStack}_api_key_v2`, Data: Buffer.from('in the way').toString('base64') })
    const before = fs.readFileSync(appEnvPath(core.paths, server, plainDomain), 'utf8')
    const err = await callError(core, 'secrets.rotate', { server, domain: plainDomain, name: 'api_key' })
    expect(err.code).toBe('secret-exists')
    expect(fs.readFileSync(appEnvPath(core.paths, server, plainDomain), 'utf8')).toBe(before)
    await call(core, 'secrets.remove', { server, domain: plainDomain, name: 'api_key' })
    expect((await secretNames(plainStack)).filter((n) => n.includes('api_key'))).toEqual([])
  })

  it('when deployed: rotation asks for a redeploy, and removal is refused while a service uses the secret', async () => {
    const v2 = (await docker.getSecret(`${plainStack}_db_password_v2`).inspect()) as { ID: string }
    const name = `${plainStack}_app`
    // Outside the app (no stack label): only Docker itself knows it uses the secret.
    const other = `${plainStack}-other`
    for (const [svc, labels] of [[name, { 'com.docker.stack.namespace': plainStack }], [other, {}]] as const) {
      await docker.createService({
        Name: svc,
        Labels: labels,
        TaskTemplate: {
          ContainerSpec: {
            Image: rig.image,
            Command: ['sh', '-c', 'sleep 3600'],
            Secrets: [{ SecretID: v2.ID, SecretName: `${plainStack}_db_password_v2`, File: { Name: 'db_password', UID: '0', GID: '0', Mode: 0o444 } }]
          }
        },
        Mode: { Replicated: { Replicas: 0 } }
      } as Docker.CreateServiceOptions)
      services.push(svc)
    }

    const r = await call(core, 'secrets.rotate', { server, domain: plainDomain, name: 'admin_password', value: 'a new typed one' })
    expect(r).toMatchObject({ version: 'v2', jobId: `job-${redeploys.length}`, secret: { name: 'admin_password', swarmName: `${plainStack}_admin_password_v2` } })
    expect(r.secret.value).toBeUndefined()
    expect(redeploys.filter((d) => d.domain === plainDomain)).toEqual([{ server, domain: plainDomain, kind: 'redeploy' }])

    const err = await callError(core, 'secrets.remove', { server, domain: plainDomain, name: 'db_password' })
    expect(err.code).toBe('secret-in-use')
    expect(err.message).toMatch(/^The secret "db_password" \(.*\) is still used by .*, so Docker won't remove it\. Undeploy the app first, or rotate the secret instead of removing it\.$/)
    expect(err.message).toContain(name)
    expect(err.message).toContain(other)
    expect(await secretNames(plainStack)).toContain(`${plainStack}_db_password_v2`)

    await docker.getService(name).remove()
    const refused = await callError(core, 'secrets.remove', { server, domain: plainDomain, name: 'db_password' })
    expect(refused.code).toBe('secret-in-use')
    expect(refused.message).toContain(`used by ${other}`)
    await docker.getService(other).remove()
    let removed: string[] = []
    // The swarm lets go of the secret shortly after the service is gone.
    for (let i = 0; i < 20; i++) {
      const res = await call(core, 'secrets.remove', { server, domain: plainDomain, name: 'db_password' }).catch(() => undefined)
      removed = [...removed, ...(res?.removed ?? [])]
      if (res) break
      await new Promise((r2) => setTimeout(r2, 500))
    }
    expect(removed.sort()).toEqual([`${plainStack}_db_password_v1`, `${plainStack}_db_password_v2`])
    expect((await call(core, 'secrets.remove', { server, domain: plainDomain, name: 'db_password' })).removed).toEqual([])
  })
})

describe('rotating twice at once', () => {
  it('runs one rotation after the other, so both versions exist and the env names the newest', async () => {
    await call(core, 'secrets.create', { server, domain: twinDomain })
    const [a, b] = await Promise.all([
      call(core, 'secrets.rotate', { server, domain: twinDomain, name: 'key' }),
      call(core, 'secrets.rotate', { server, domain: twinDomain, name: 'key' })
    ])
    expect([a.version, b.version].sort()).toEqual(['v2', 'v3'])
    expect(fs.readFileSync(appEnvPath(core.paths, server, twinDomain), 'utf8')).toContain('SECRET_KEY_VERSION=v3 # length=8\n')
    expect(await secretNames(twinStack)).toEqual([`${twinStack}_key_v1`, `${twinStack}_key_v2`, `${twinStack}_key_v3`])
  })
})
