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
import { cloneOrFetch } from '../../src-main/recipes/git'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { CCD_WEB_DIR, waitHealthy } from './ccd-web'
import { createSecrets, ensureProxyNetwork, removeSecrets, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'

// The apps list against the rig's swarm over SSH, through dispatch(): 20
// ccd-web apps cost the server the same few Docker API calls as one.
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const id = crypto.randomBytes(3).toString('hex')
const SERVER = 'rigbox'
const domains = Array.from({ length: 20 }, (_, i) => `l${id}-${i}.apps.test`)
const stacks = domains.map(stackNameFor)
const secrets = stacks.map((s) => `${s}_token_v1`)
const sample = fs.readFileSync(path.join(CCD_WEB_DIR, 'v1.0.0', '.env.sample'), 'utf8')

async function addApp(domain: string): Promise<void> {
  await writeAppEnv(core.paths, SERVER, domain, newEnvFile(sample, { recipe: 'ccd-web', domain, version: 'v1.0.0' }))
}

// Deployed with the engine underneath apps.deploy, as abra would label it;
// replicas 0 keeps 19 of the 20 apps free (a deployed app with no containers).
async function deployApp(domain: string, replicas: number): Promise<void> {
  const stack = stackNameFor(domain)
  const r = renderFromFiles({ recipeDir: path.join(CCD_WEB_DIR, 'v1.0.0'), envFile: appEnvPath(core.paths, SERVER, domain) })
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const objects = withAbraLabels(r.objects!, { stackName: stack, recipe: 'ccd-web', version: 'v1.0.0', chaos: false })
  for (const s of objects.services) s.spec.Mode = { Replicated: { Replicas: replicas } }
  await applyStack(docker, objects)
}

const ours = <A extends { domain: string }>(apps: A[]): A[] => apps.filter((a) => domains.includes(a.domain))

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', env: { HOME: home, ...world.env }, home })
  const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
  // The local recipe checkout the list reads upgrades from (v1, v2, v3).
  await cloneOrFetch({ url: `${world.gitUrl}/ccd-web.git`, dir: path.join(core.paths.recipesDir, 'ccd-web') })
  await ensureProxyNetwork(docker)
  await createSecrets(docker, secrets)
})

afterAll(async () => {
  await core?.close()
  if (docker) {
    await Promise.all(stacks.map((s) => removeStack(docker, s).catch(() => undefined)))
    await removeSecrets(docker, secrets)
  }
  await world?.close()
})

describe('the apps list', () => {
  it('asks each server the same few Docker questions for 1 app as for 20, and shows every app deployed with its version', { timeout: 300_000 }, async () => {
    await addApp(domains[0])
    await deployApp(domains[0], 1)
    const one = await call(core, 'apps.list', {})
    const callsForOne = one.servers.find((s) => s.name === SERVER)!
    expect(callsForOne).toMatchObject({ ok: true })
    expect(callsForOne.calls).toBeGreaterThan(0)
    expect(callsForOne.calls).toBeLessThanOrEqual(3)
    expect(ours(one.apps)).toHaveLength(1)

    for (const d of domains.slice(1)) await addApp(d)
    await Promise.all(domains.slice(1).map((d) => deployApp(d, 0)))
    const twenty = await call(core, 'apps.list', {})
    expect(twenty.servers.find((s) => s.name === SERVER)!.calls).toBe(callsForOne.calls)
    const apps = ours(twenty.apps)
    expect(apps.map((a) => a.domain).sort()).toEqual([...domains].sort())
    for (const a of apps) {
      expect(a).toMatchObject({ server: SERVER, recipe: 'ccd-web', version: 'v1.0.0', deployed: true, chaos: false, upgrade: 'v3.0.0', stackName: stackNameFor(a.domain) })
      expect(a.services.map((s) => s.fullName)).toEqual([`${a.stackName}_app`])
    }
    expect(apps.find((a) => a.domain === domains[1])!.services[0]).toMatchObject({ desired: 0, running: 0 })

    // Only this server, when asked for it.
    const only = await call(core, 'apps.list', { server: SERVER })
    expect(only.servers.map((s) => s.name)).toEqual([SERVER])
    expect((await callError(core, 'apps.list', { server: 'no-such-server' })).code).toBe('server-unknown')
  })

  it("lists the apps of a server it can't reach, with their health unknown and the server's error", async () => {
    fs.mkdirSync(path.join(core.paths.serversDir, 'nowhere.invalid'))
    fs.writeFileSync(path.join(core.paths.serversDir, 'nowhere.invalid', 'lost.apps.test.env'), 'TYPE=ccd-web:v2.0.0\nDOMAIN=lost.apps.test\n')
    try {
      const list = await call(core, 'apps.list', {})
      const server = list.servers.find((s) => s.name === 'nowhere.invalid')!
      expect(server.ok).toBe(false)
      expect(server.error).toBeTruthy()
      expect(server.calls).toBe(0)
      expect(list.apps.find((a) => a.domain === 'lost.apps.test')).toMatchObject({ server: 'nowhere.invalid', health: 'unknown', recipe: 'ccd-web', version: 'v2.0.0', deployed: false })
      expect(list.servers.find((s) => s.name === SERVER)!.ok).toBe(true)
    } finally {
      fs.rmSync(path.join(core.paths.serversDir, 'nowhere.invalid'), { recursive: true, force: true })
    }
  })
})

describe('one app', () => {
  it('opens with its summary, its form and the recipe versions on this computer', async () => {
    const d = await call(core, 'apps.get', { server: SERVER, domain: domains[0] })
    expect(d.app).toMatchObject({ domain: domains[0], deployed: true, version: 'v1.0.0', recipe: 'ccd-web' })
    expect(d.form.envText).toBe(fs.readFileSync(appEnvPath(core.paths, SERVER, domains[0]), 'utf8'))
    expect(d.form.stackName).toBe(stacks[0])
    // The recipe's side of the form, read at the app's version.
    expect(d.form.secrets.map((x) => [x.name, x.swarmName])).toEqual([['token', secrets[0]]])
    expect(d.form.problems.filter((p) => p.severity === 'error')).toEqual([])
    expect(d.recipeVersions).toEqual(['v3.0.0', 'v2.0.0', 'v1.0.0'])
    expect((await callError(core, 'apps.get', { server: SERVER, domain: 'nope.apps.test' })).code).toBe('app-unknown')
  })

  it('still opens when its env file is broken, saying what is wrong', async () => {
    const domain = `broken-${id}.apps.test`
    fs.writeFileSync(appEnvPath(core.paths, SERVER, domain), 'TYPE=ccd-web\nDOMAIN="unterminated\n')
    try {
      const d = await call(core, 'apps.get', { server: SERVER, domain })
      expect(d.app).toMatchObject({ domain, deployed: false })
      expect(d.form.envText).toContain('unterminated')
      expect(d.form.problems.some((p) => p.severity === 'error')).toBe(true)

      // No recipe named at all: the file alone, and why.
      fs.writeFileSync(appEnvPath(core.paths, SERVER, domain), `DOMAIN=${domain}\nFOO=bar\n`)
      const bare = await call(core, 'apps.get', { server: SERVER, domain })
      expect(bare.form.variables.map((v) => [v.key, v.value])).toEqual([
        ['DOMAIN', domain],
        ['FOO', 'bar']
      ])
      expect(bare.form.problems.map((p) => p.message).join(' ')).toMatch(/RECIPE/)
      expect(bare.recipeVersions).toBeUndefined()
    } finally {
      fs.rmSync(appEnvPath(core.paths, SERVER, domain), { force: true })
    }
  })

  it('shows its tasks with the node each runs on', { timeout: 120_000 }, async () => {
    await waitHealthy(docker, `${stacks[0]}_app`, 'v1.0.0')
    const nodeName = ((await docker.info()) as { Name: string }).Name
    const ps = await call(core, 'apps.ps', { server: SERVER, domain: domains[0] })
    expect(ps.services).toHaveLength(1)
    expect(ps.services[0]).toMatchObject({ name: 'app', running: 1, desired: 1 })
    const running = ps.tasks.filter((t) => t.desiredState === 'running')
    expect(running).toHaveLength(1)
    expect(running[0]).toMatchObject({ service: 'app', node: nodeName, state: 'running', image: 'ccd-busybox:test', health: 'healthy', slot: 1 })
  })

  it('restarts a service by raising its ForceUpdate, keeping the rest of its spec', async () => {
    const before = await docker.getService(`${stacks[0]}_app`).inspect()
    await call(core, 'apps.restart', { server: SERVER, domain: domains[0], service: 'app' })
    const after = await docker.getService(`${stacks[0]}_app`).inspect()
    expect(after.Spec.TaskTemplate.ForceUpdate).toBe((before.Spec.TaskTemplate.ForceUpdate ?? 0) + 1)
    expect({ ...after.Spec, TaskTemplate: { ...after.Spec.TaskTemplate, ForceUpdate: 0 } }).toEqual({ ...before.Spec, TaskTemplate: { ...before.Spec.TaskTemplate, ForceUpdate: 0 } })
    expect((await callError(core, 'apps.restart', { server: SERVER, domain: domains[0], service: 'nosuch' })).code).toBe('service-unknown')
  })
})
