import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { homeWithSshConfig } from './support'
import { cliBin, requireBuiltCli, runCli, type CliResult } from '../support/cli'

// `coopcloud-desktop app …` as a person runs it: the built bin in a fresh
// process, a temp HOME with "This computer" as server "default" (the rig's
// swarm), and recipes from the test recipe world. The recipe world's git
// server runs in this process, so the bin is spawned without blocking.
const bin = cliBin
const run = crypto.randomBytes(3).toString('hex')
const domain = `web-${run}.cliapp.example`
const stack = stackNameFor(domain)
let rig: Rig
let docker: Docker
let world: RecipeWorld
let home: string

const cli = (args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<CliResult> =>
  runCli(bin, home, { COOPCLOUD_CATALOGUE_URL: world.catalogueUrl }, args, opts)

const envFile = (server: string, d: string): string => path.join(home, '.abra/servers', server, `${d}.env`)

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  home = homeWithSshConfig(rig)
  world = await startRecipeWorld()
  await ensureProxyNetwork(docker)
  const added = await cli(['server', 'add', '--local'])
  if (added.code !== 0) throw new Error(`server add --local failed: ${added.stderr}`)
})

afterAll(async () => {
  if (docker) {
    await removeStack(docker, stack).catch(() => undefined)
    const left = (await docker.listSecrets()).filter((s) => s.Spec?.Name?.startsWith(`${stack}_`))
    await Promise.all(left.map((s) => docker.getSecret(s.ID).remove().catch(() => undefined)))
  }
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('coopcloud-desktop app: the command line', () => {
  it('exits 2 with the usage text on a bad command line, before touching anything', async () => {
    const bad = [
      ['app'],
      ['app', 'explode'],
      ['app', 'new', 'ccd-web'],
      ['app', 'new', 'ccd-web', domain],
      ['app', 'ls', 'extra'],
      ['app', 'ls', '--nope'],
      ['app', 'deploy'],
      ['app', 'upgrade', domain],
      ['app', 'rollback', domain, 'v1.0.0', 'v2.0.0'],
      ['app', 'restart', domain],
      ['app', 'logs', domain, '--tail', 'lots'],
      ['app', 'logs', domain, '--tail', '20000'],
      ['app', 'secret'],
      ['app', 'secret', 'shout', domain],
      ['app', 'secret', 'insert', domain, 'token']
    ]
    for (const args of bad) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toContain('Usage:')
      expect(r.stdout, args.join(' ')).toBe('')
    }
  })

  it('--help lists the app commands', async () => {
    const r = await cli(['app', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('app new <recipe> <domain> --server NAME')
    expect(r.stdout).toContain('app rm <domain> --confirm <domain>')
  })

  it('names an unknown app in plain words, exit 1', async () => {
    for (const args of [['app', 'ps', 'nope.example.org'], ['app', 'deploy', 'nope.example.org'], ['app', 'logs', 'nope.example.org'], ['app', 'secret', 'ls', 'nope.example.org']]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr, args.join(' ')).toContain('There is no app called nope.example.org.')
      expect(r.stderr).not.toContain('Usage:')
      expect(r.stdout).toBe('')
    }
  })

  it('asks for --server when two servers have the same domain', async () => {
    const twin = `twin-${run}.cliapp.example`
    for (const s of ['one', 'two']) {
      fs.mkdirSync(path.dirname(envFile(s, twin)), { recursive: true })
      fs.writeFileSync(envFile(s, twin), `TYPE=ccd-web\nDOMAIN=${twin}\n`)
    }
    try {
      const r = await cli(['app', 'undeploy', twin])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('more than one server (one, two)')
      expect(r.stderr).toContain('--server')
    } finally {
      for (const s of ['one', 'two']) fs.rmSync(path.dirname(envFile(s, twin)), { recursive: true, force: true })
    }
  })

  it('says when --env cannot be read, exit 1', async () => {
    const r = await cli(['app', 'new', 'ccd-web', domain, '--server', 'default', '--env', path.join(home, 'missing.env')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('there is no such file')
    expect(fs.existsSync(envFile('default', domain))).toBe(false)
  })
})

describe('coopcloud-desktop app: an app from new to rm on the rig swarm', () => {
  it('refuses a bad domain and an unknown server, exit 1, and writes nothing', async () => {
    const badDomain = await cli(['app', 'new', 'ccd-web', 'not a domain!', '--server', 'default'])
    expect(badDomain.code, badDomain.stderr).toBe(1)
    expect(badDomain.stderr).toMatch(/domain|address/i)
    const noServer = await cli(['app', 'new', 'ccd-web', domain, '--server', `nosuch-${run}`])
    expect(noServer.code, noServer.stderr).toBe(1)
    expect(noServer.stderr).toContain(`nosuch-${run}`)
    expect(fs.existsSync(envFile('default', domain))).toBe(false)
  })

  it('new --secrets writes the env file and shows each secret value once, on stdout', async () => {
    const r = await cli(['app', 'new', 'ccd-web', domain, '--server', 'default', '--version', 'v1.0.0', '--secrets'], { timeoutMs: 90_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^token=\S{16}$/m)
    expect(r.stderr).toContain('shown only this once')
    expect(r.stderr).not.toMatch(/token=/)
    const env = fs.readFileSync(envFile('default', domain), 'utf8')
    expect(env).toContain(`DOMAIN=${domain}`)
    expect(env).toMatch(/^TYPE=ccd-web:v1\.0\.0$/m)
    const secret = (await docker.listSecrets()).find((s) => s.Spec?.Name === `${stack}_token_v1`)
    expect(secret).toBeDefined()
  })

  it('ls lists the app, as a table and as JSON', async () => {
    const table = await cli(['app', 'ls', '--server', 'default'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^SERVER\s+DOMAIN\s+RECIPE\s+VERSION\s+STATUS/)
    expect(table.stdout).toMatch(new RegExp(`^default\\s+${domain.replaceAll('.', '\\.')}\\s+ccd-web\\s+v1\\.0\\.0\\s+not deployed`, 'm'))
    const json = await cli(['app', 'ls', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const app = JSON.parse(json.stdout).apps.find((a: { domain: string }) => a.domain === domain)
    expect(app).toMatchObject({ server: 'default', stackName: stack, recipe: 'ccd-web', deployed: false })
  })

  it('config prints the settings file; secret ls shows the secret on the server', async () => {
    const config = await cli(['app', 'config', domain])
    expect(config.code, config.stderr).toBe(0)
    expect(config.stdout).toBe(fs.readFileSync(envFile('default', domain), 'utf8').replace(/\n?$/, '\n'))
    expect(config.stderr).toContain(envFile('default', domain))
    const secrets = await cli(['app', 'secret', 'ls', domain])
    expect(secrets.code, secrets.stderr).toBe(0)
    expect(secrets.stdout).toMatch(new RegExp(`^token\\s+v1\\s+yes\\s+yes\\s+${stack}_token_v1$`, 'm'))
  })

  it('secret rm, insert from stdin and generate manage the swarm secret', async () => {
    const rm = await cli(['app', 'secret', 'rm', domain, 'token'])
    expect(rm.code, rm.stderr).toBe(0)
    expect(rm.stdout).toContain(`${stack}_token_v1`)
    expect((await docker.listSecrets()).some((s) => s.Spec?.Name === `${stack}_token_v1`)).toBe(false)

    const insert = await cli(['app', 'secret', 'insert', domain, 'token', '-'], { input: 'typed-by-hand-1234\n' })
    expect(insert.code, insert.stderr).toBe(0)
    expect(insert.stdout + insert.stderr).not.toContain('typed-by-hand-1234')
    expect((await docker.listSecrets()).some((s) => s.Spec?.Name === `${stack}_token_v1`)).toBe(true)

    const generate = await cli(['app', 'secret', 'generate', domain])
    expect(generate.code, generate.stderr).toBe(0)
    expect(generate.stdout).toContain('already on default')
  })

  it('deploy v1.0.0 follows the job to a healthy app and says so', { timeout: 240_000 }, async () => {
    const r = await cli(['app', 'deploy', domain], { timeoutMs: 200_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^==> .*\(step 1 of \d+\)$/m)
    expect(r.stdout.trim()).not.toBe('')
    const services = await docker.listServices({ filters: JSON.stringify({ name: [`${stack}_app`] }) })
    expect(services[0]?.Spec?.Labels?.[`coop-cloud.${stack}.version`]).toBe('v1.0.0')
  })

  it('ps shows the running service, plain and as JSON', async () => {
    const plain = await cli(['app', 'ps', domain])
    expect(plain.code, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/^SERVICE\s+IMAGE\s+RUNNING\s+STATUS/)
    expect(plain.stdout).toMatch(/^app\s+ccd-busybox:test\S*\s+1\/1\s/m)
    const json = await cli(['app', 'ps', domain, '--json'])
    expect(json.code, json.stderr).toBe(0)
    const out = JSON.parse(json.stdout)
    expect(out.services).toEqual([expect.objectContaining({ name: 'app', fullName: `${stack}_app`, desired: 1, running: 1 })])
    expect(out.tasks.some((t: { state: string }) => t.state === 'running')).toBe(true)
  })

  it('logs --tail ends by itself without --follow', async () => {
    const r = await cli(['app', 'logs', domain, '--service', 'app', '--tail', '5'], { timeoutMs: 30_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.length).toBeLessThanOrEqual(5)
    expect(r.stdout).toMatch(/ccd-web v1\.0\.0 is starting|response:200/)
    const none = await cli(['app', 'logs', domain, '--service', 'nosuch', '--tail', '1'], { timeoutMs: 30_000 })
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('nosuch')
    expect(none.stdout).toBe('')
  })

  it('logs --follow names the service on each line and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [bin, 'app', 'logs', domain, '--follow', '--tail', '2'], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, COOPCLOUD_CATALOGUE_URL: world.catalogueUrl }
    })
    let stdout = ''
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
    const sawLine = new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString('utf8')
        if (stdout.includes('\n')) resolve()
      })
    )
    await sawLine
    child.kill('SIGINT')
    const code = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('still running'), 10_000))])
    if (code === 'still running') child.kill('SIGKILL')
    expect(code).toBe(0)
    expect(stdout.split('\n').filter(Boolean).every((l) => l.startsWith('app | '))).toBe(true)
  })

  it('an upgrade the swarm rolls back exits 1 and leaves the old version running', { timeout: 240_000 }, async () => {
    const r = await cli(['app', 'upgrade', domain, 'v3.0.0'], { timeoutMs: 200_000 })
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('v3.0.0')
    const [service] = await docker.listServices({ filters: JSON.stringify({ name: [`${stack}_app`] }) })
    expect(service?.Spec?.Labels?.[`coop-cloud.${stack}.version`]).toBe('v1.0.0')
  })

  it('secret rotate shows the new value once and redeploys the app with it', { timeout: 240_000 }, async () => {
    const r = await cli(['app', 'secret', 'rotate', domain, 'token'], { timeoutMs: 200_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^token=\S{16}$/m)
    expect(fs.readFileSync(envFile('default', domain), 'utf8')).toMatch(/^SECRET_TOKEN_VERSION=v2\b/m)
    const [service] = await docker.listServices({ filters: JSON.stringify({ name: [`${stack}_app`] }) })
    const secrets = (service?.Spec?.TaskTemplate as { ContainerSpec?: { Secrets?: Array<{ SecretName: string }> } }).ContainerSpec?.Secrets ?? []
    expect(secrets.map((s) => s.SecretName)).toEqual([`${stack}_token_v2`])
  })

  it('undeploy takes the stack down and keeps the settings', { timeout: 120_000 }, async () => {
    const r = await cli(['app', 'undeploy', domain], { timeoutMs: 100_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })).toEqual([])
    expect(fs.existsSync(envFile('default', domain))).toBe(true)
  })

  it('rm refuses without --confirm <domain>, in plain words, then removes with it', { timeout: 120_000 }, async () => {
    for (const extra of [[], ['--confirm', 'other.example.org']]) {
      const r = await cli(['app', 'rm', domain, ...extra])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`--confirm ${domain}`)
      expect(r.stderr).not.toContain('Usage:')
      expect(fs.existsSync(envFile('default', domain))).toBe(true)
    }
    const r = await cli(['app', 'rm', domain, '--confirm', domain], { timeoutMs: 100_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(fs.existsSync(envFile('default', domain))).toBe(false)
    const after = await cli(['app', 'ps', domain])
    expect(after.code).toBe(1)
    expect(after.stderr).toContain(`There is no app called ${domain}.`)
  })
})
