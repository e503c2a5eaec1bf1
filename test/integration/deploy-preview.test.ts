import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { comparePreview, type EngineServiceLike } from '../../src-main/apps/deploy-preview-compare'
import { readServer } from '../../src-main/apps/deploy-preview'
import { appCommand } from '../../src-main/cli/app'
import { applyStack } from '../../src-main/compose/apply'
import type { Json, StackObjects } from '../../src-main/compose/objects'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { setLanguage } from '../../src-main/i18n/i18n'
import { loadRig, type Rig } from '../rig/rig'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { render, setUpApp } from './compose-parity/case'
import { recipeVersions } from './compose-parity/recipes'
import { createSecrets, ensureProxyNetwork, removeSecrets, removeStack } from './compose-parity/swarm'
import { call, callError, homeWithSshConfig } from './support'
import { cliBin, requireBuiltCli } from '../support/cli'

// The preview of a deploy (apps.preview, `app upgrade … --dry-run`) against
// the real swarm: what it says would restart or change is exactly what the
// deploy then changes, and a dry run sends nothing.
//  - ccd-web through the core: deployed at v1, previewed (nothing to change
//    at v1; v2 restarts the app and changes APP_VERSION and MOTD), dry run
//    from the CLI, then upgraded.
//  - bonfire's versions (specs only, as in the parity tests: its images
//    can't be pulled here, so every service is held pending by a placement
//    constraint no node meets, in every version alike): each upgrade step is
//    previewed, then applied, and the services whose spec changed are
//    exactly those the preview named.
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `prev-${tag}.example.com`
const stack = stackNameFor(domain)
const secret = `${stack}_token_v1`
const chainStack = `ccdprev${tag}`
const chainSecrets: string[] = []
const dirs: string[] = []

const envText = (): string => fs.readFileSync(appEnvPath(core.paths, server, domain), 'utf8')

async function stackServices(ns: string): Promise<EngineServiceLike[]> {
  return (await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${ns}`] }) })) as EngineServiceLike[]
}

const byName = (services: EngineServiceLike[]): Map<string, EngineServiceLike> => new Map(services.map((s) => [s.Spec!.Name!, s]))

/** Short names of the services whose spec (or its task template and endpoint, with `part`) differs between two reads. */
function changedServices(ns: string, before: EngineServiceLike[], after: EngineServiceLike[], part?: 'task'): string[] {
  const old = byName(before)
  const pick = (s: EngineServiceLike | undefined): string => {
    const spec = (s?.Spec ?? {}) as Record<string, unknown>
    return JSON.stringify(part ? [spec.TaskTemplate, spec.EndpointSpec] : spec)
  }
  return after
    .filter((s) => pick(s) !== pick(old.get(s.Spec!.Name!)))
    .map((s) => s.Spec!.Name!.slice(ns.length + 1))
    .sort()
}

const named = (p: { services: { name: string; change: string }[] }, ...changes: string[]): string[] =>
  p.services
    .filter((s) => changes.includes(s.change))
    .map((s) => s.name)
    .sort()

/** What the CLI prints to stdout while `run` runs, and its exit code. */
async function captureStdout(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
    done?.()
    return true
  }) as typeof process.stdout.write)
  try {
    return { code: await run(), out }
  } finally {
    spy.mockRestore()
  }
}

const QUESTION = 'Go ahead with this?'

/**
 * The real command-line program on a terminal (util-linux's `script` gives
 * it one, as a person's shell would), answering each "Go ahead?" with what
 * `answer` returns once the question is on screen.
 */
function cliOnTerminal(args: string[], answer: (nth: number) => string): Promise<{ code: number | null; out: string }> {
  const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`
  const command = [process.execPath, cliBin, ...args].map(quote).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: home, env: { PATH: process.env.PATH, HOME: home, TERM: 'dumb', ...world.env } })
    let out = ''
    let asked = 0
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000)
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8')
      const questions = out.split(QUESTION).length - 1
      while (asked < questions) child.stdin.write(`${answer(++asked)}\n`)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
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
  await docker.createSecret({ Name: secret, Data: Buffer.from('a stand-in token').toString('base64') } as never)
}, 120_000)

afterAll(async () => {
  if (docker) {
    await Promise.all([removeStack(docker, stack), removeStack(docker, chainStack)])
    await docker.getSecret(secret).remove().catch(() => undefined)
    await removeSecrets(docker, chainSecrets)
  }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  await core?.close()
  await world?.close()
}, 120_000)

async function deploy(kind: 'deploy' | 'upgrade' | 'redeploy', version: string | undefined, expectServerState?: string): Promise<void> {
  const { jobId } = await call(core, 'apps.deploy', { server, domain, kind, version, backupFirst: false, expectServerState })
  const job = await core.jobs.wait(jobId)
  expect(job.status, JSON.stringify(job.error)).toBe('done')
}

describe('apps.preview on the rig', () => {
  it('ccd-web: previews a first deploy, a redeploy with nothing to change, and an upgrade; the dry run sends nothing; the upgrade changes what was said', { timeout: 110_000 }, async () => {
    const first = await call(core, 'apps.preview', { server, domain, kind: 'deploy', version: 'v1.0.0' })
    expect(first).toMatchObject({ deployed: false, version: { to: 'v1.0.0' }, missing: [] })
    expect(named(first, 'create')).toEqual(['app'])
    expect(await stackServices(stack)).toEqual([])

    await deploy('deploy', 'v1.0.0')
    const same = await call(core, 'apps.preview', { server, domain, kind: 'redeploy' })
    expect(same.services, JSON.stringify(same.services)).toEqual([{ name: 'app', fullName: `${stack}_app`, change: 'unchanged', changed: [] }])
    expect(same.words.at(-1)).toBe('Nothing would change: the server already runs exactly this.')

    const preview = await call(core, 'apps.preview', { server, domain, kind: 'upgrade', version: 'v2.0.0' })
    expect(preview.version).toEqual({ from: 'v1.0.0', to: 'v2.0.0' })
    expect(named(preview, 'restart')).toEqual(['app'])
    expect(preview.settings.map((s) => `${s.name}:${s.change}`).sort()).toEqual(['APP_VERSION:changed', 'MOTD:added'])
    expect(preview.words.join('\n')).not.toContain('Welcome to ccd-web')

    // The dry run: the same words on stdout, exit 0, and the server and the env file untouched.
    const before = await stackServices(stack)
    const envBefore = envText()
    const dry = await captureStdout(() => appCommand(core, ['upgrade', domain, 'v2.0.0', '--dry-run']))
    expect(dry.code).toBe(0)
    expect(dry.out).toContain(preview.words.join('\n'))
    expect(dry.out).toContain('nothing was sent to the server')
    expect(await stackServices(stack)).toEqual(before)
    expect(envText()).toBe(envBefore)
    expect(core.jobs.list().filter((j) => j.status === 'running')).toEqual([])

    // Applied through the fingerprint: what is applied is what was previewed.
    await deploy('upgrade', 'v2.0.0', preview.serverState)
    const after = await stackServices(stack)
    expect(changedServices(stack, before, after)).toEqual(named(preview, 'restart', 'update'))
    expect(changedServices(stack, before, after, 'task')).toEqual(named(preview, 'restart'))
  })

  it('ccd-web: an apply whose preview no longer holds (a service changed on the server, or the env file) is refused with nothing sent; previewed again, it goes', { timeout: 110_000 }, async () => {
    const refused = async (expectServerState: string, what: string): Promise<void> => {
      const before = await stackServices(stack)
      const jobsBefore = core.jobs.list().length
      const err = await callError(core, 'apps.deploy', { server, domain, kind: 'redeploy', backupFirst: false, expectServerState })
      expect(err.code).toBe('server-changed')
      expect(err.message).toContain(`The server changed since the preview (${what})`)
      expect(err.message).toContain('Here is the new preview')
      // Nothing sent, no job started.
      expect(await stackServices(stack)).toEqual(before)
      expect(core.jobs.list().length).toBe(jobsBefore)
    }

    // A service changed on the server between the preview and the apply (docker service update --label-add).
    const old = await call(core, 'apps.preview', { server, domain, kind: 'redeploy' })
    const svc = docker.getService(`${stack}_app`)
    const info = (await svc.inspect()) as { Version: { Index: number }; Spec: { Labels?: Record<string, string> } }
    await svc.update({ ...info.Spec, Labels: { ...info.Spec.Labels, [`ccd-preview-test-${tag}`]: 'yes' }, version: info.Version.Index })
    await refused(old.serverState, 'a service of the app was changed on the server')
    const again = await call(core, 'apps.preview', { server, domain, kind: 'redeploy' })
    expect(again.serverState).not.toBe(old.serverState)
    // The deploy sets the stack's labels as the recipe says: the added label goes, nothing restarts.
    expect(named(again, 'update')).toEqual(['app'])
    const before = await stackServices(stack)
    await deploy('redeploy', undefined, again.serverState)
    const after = await stackServices(stack)
    expect(changedServices(stack, before, after)).toEqual(named(again, 'restart', 'update'))
    expect(changedServices(stack, before, after, 'task')).toEqual(named(again, 'restart'))

    // The env file edited between the preview and the apply.
    const settled = await call(core, 'apps.preview', { server, domain, kind: 'redeploy' })
    expect(named(settled, 'restart', 'update', 'create')).toEqual([])
    fs.appendFileSync(appEnvPath(core.paths, server, domain), `\nMOTD="Changed ${tag}"\n`)
    await refused(settled.serverState, "the app's settings or its recipe files changed")
    const edited = await call(core, 'apps.preview', { server, domain, kind: 'redeploy' })
    expect(named(edited, 'restart')).toEqual(['app'])
    expect(edited.settings.map((x) => x.name)).toEqual(['MOTD'])
    const before2 = await stackServices(stack)
    await deploy('redeploy', undefined, edited.serverState)
    const after2 = await stackServices(stack)
    expect(changedServices(stack, before2, after2)).toEqual(named(edited, 'restart', 'update'))
    expect(changedServices(stack, before2, after2, 'task')).toEqual(named(edited, 'restart'))
  })

  it('app deploy on a terminal shows the preview and asks first: "no" sends nothing; a change while it asks is refused and previewed again; "yes" applies what was shown', { timeout: 110_000 }, async () => {
    const envFile = appEnvPath(core.paths, server, domain)
    const motd = async (): Promise<string | undefined> =>
      ((((await docker.getService(`${stack}_app`).inspect()) as Docker.Service).Spec?.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec?.Env ?? [])
        .find((e) => e.startsWith('MOTD='))
        ?.slice('MOTD='.length)
    fs.appendFileSync(envFile, `\nMOTD="Asked ${tag}"\n`)
    const args = ['app', 'deploy', domain, '--redeploy', '--no-domain-checks']

    const before = await stackServices(stack)
    const no = await cliOnTerminal(args, () => 'n')
    expect(no.code, no.out).toBe(1)
    expect(no.out).toContain('- restart: app')
    expect(no.out).toContain('Settings that change (names only): MOTD')
    expect(no.out).toContain('Nothing was sent: the app is as it was.')
    // While the preview works, its steps show on the terminal (stderr), the line cleared before the preview is printed.
    expect(no.out).toContain('Reading the server…')
    expect(no.out).toContain('Comparing…')
    expect(no.out.indexOf('Reading the server…')).toBeLessThan(no.out.indexOf('Comparing…'))
    expect(no.out.indexOf('Comparing…')).toBeLessThan(no.out.indexOf('- restart: app'))
    expect(await stackServices(stack)).toEqual(before)

    // The settings change again while the question is on screen: the deploy
    // that was shown no longer holds, so nothing goes; the new preview is shown and asked about.
    const yes = await cliOnTerminal(args, (nth) => {
      if (nth === 1) fs.appendFileSync(envFile, `\nMOTD="Changed while asking ${tag}"\n`)
      return 'y'
    })
    expect(yes.code, yes.out).toBe(0)
    expect(yes.out.split(QUESTION).length - 1).toBe(2)
    expect(yes.out).toContain("The server changed since the preview (the app's settings or its recipe files changed)")
    expect(yes.out).toContain(`${domain} is running version v2.0.0, and it is healthy.`)
    expect(await motd()).toBe(`Changed while asking ${tag}`)
  })

  it('bonfire: each upgrade step changes exactly the services its preview named', { timeout: 110_000 }, async () => {
    const chain = recipeVersions().filter((v) => v.recipe === 'bonfire')
    expect(chain.length, 'bonfire versions under ../shared/recipes').toBeGreaterThan(1)
    const apps = chain.map((rv) => setUpApp(rv, fs.readFileSync(path.join(rv.dir, '.env.sample'), 'utf8'), `${chainStack}.example.org`, { a: `${chainStack}x`, b: chainStack }))
    dirs.push(...apps.map((a) => a.dir))
    chainSecrets.push(...new Set(apps.flatMap((a) => a.secrets)))
    await createSecrets(docker, chainSecrets)
    const objectsOf = (i: number): StackObjects => {
      const r = render(apps[i], chainStack)
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      for (const s of r.objects!.services) {
        const tt = s.spec.TaskTemplate as { [k: string]: Json }
        const placement = (tt.Placement ?? {}) as { Constraints?: string[] }
        tt.Placement = { ...placement, Constraints: [...(placement.Constraints ?? []), 'node.labels.ccd-preview-never==yes'] }
      }
      return r.objects!
    }

    await applyStack(docker, objectsOf(0))
    const settled = comparePreview(objectsOf(0), await readServer(docker, await stackServices(chainStack)))
    expect(settled.services.filter((s) => s.change !== 'unchanged'), 'a redeploy of what runs changes nothing').toEqual([])

    const seen = new Set<string>()
    for (let i = 1; i < chain.length; i++) {
      const objects = objectsOf(i)
      const before = await stackServices(chainStack)
      const preview = comparePreview(objects, await readServer(docker, before))
      await applyStack(docker, objects)
      const after = await stackServices(chainStack)
      const step = `${chain[i - 1].version} → ${chain[i].version}`
      expect(changedServices(chainStack, before, after), `${step}: services whose spec changed`).toEqual(named(preview, 'restart', 'update', 'create'))
      expect(changedServices(chainStack, before, after, 'task'), `${step}: services whose tasks change`).toEqual(named(preview, 'restart', 'create'))
      for (const s of preview.services) seen.add(s.change)
    }
    // The chain has all three: an image change (restart), a label change alone (update), and services left alone.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['restart', 'unchanged', 'update']))
  })
})
