import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { cliBin, requireBuiltCli, runCli, type CliResult } from '../support/cli'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { dnsServer, silentDns, type DnsServer } from '../support/monitoring-net'
import { ensureProxyNetwork, removeStack } from './compose-parity/swarm'
import { call, homeWithSshConfig } from './support'

// The check before a deploy (apps.checkDomain, and `app deploy` in the CLI),
// on the rig's server "rigbox" (reached at 127.0.0.1), with every DNS
// question answered by a DNS server on a loopback port that serves the
// records this file chooses (COOPCLOUD_DNS_SERVERS). Nothing leaves 127/8.
const bin = cliBin
const tag = crypto.randomBytes(3).toString('hex')
const fine = `fine-${tag}.ccd.test`
const moved = `moved-${tag}.ccd.test`
const fresh = `fresh-${tag}.ccd.test`
const own = `own-${tag}.ccd.test`
let rig: Rig
let docker: Docker
let world: RecipeWorld
let home: string
let dns: DnsServer
let silent: DnsServer
let core: Core
// What the loopback DNS server answers, by name; a test may add to it.
const records: Record<string, string[]> = { [fine]: ['127.0.0.1'], [moved]: ['198.51.100.7'] }

const dnsEnv = (server: DnsServer) => ({ COOPCLOUD_DNS_SERVERS: `127.0.0.1:${server.port}` })
const cli = (args: string[], timeoutMs = 60_000): Promise<CliResult> =>
  runCli(bin, home, { COOPCLOUD_CATALOGUE_URL: world.catalogueUrl, ...dnsEnv(dns) }, args, { timeoutMs })

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  // The recipe's traefik network: a real first deploy needs it on the server.
  await ensureProxyNetwork(docker)
  home = homeWithSshConfig(rig)
  world = await startRecipeWorld()
  dns = await dnsServer(records)
  silent = await silentDns()
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env, ...dnsEnv(dns) } })
  const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
  await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
  for (const domain of [fine, moved, own]) await call(core, 'apps.new', { server: 'rigbox', domain, recipe: 'ccd-web', version: 'v1.0.0' })
  // This one is deployed for real: its secret is made on the server.
  await call(core, 'apps.new', { server: 'rigbox', domain: fresh, recipe: 'ccd-web', version: 'v1.0.0', secrets: 'generate' })
}, 120_000)

afterAll(async () => {
  await core?.close()
  await dns?.close()
  await silent?.close()
  await world?.close()
  if (docker) {
    const stack = stackNameFor(fresh)
    await removeStack(docker, stack).catch(() => undefined)
    for (const s of await docker.listSecrets()) if (s.Spec?.Name?.startsWith(`${stack}_`)) await docker.getSecret(s.ID).remove().catch(() => undefined)
    for (const v of (await docker.listVolumes()).Volumes ?? []) if (v.Name.startsWith(`${stack}_`)) await docker.getVolume(v.Name).remove().catch(() => undefined)
  }
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 120_000)

describe('apps.checkDomain', () => {
  it('is fine when the domain points to the server', async () => {
    const r = await call(core, 'apps.checkDomain', { server: 'rigbox', domain: fine })
    expect(r).toMatchObject({ state: 'ok', found: ['127.0.0.1'], expected: ['127.0.0.1'] })
  })

  it('says where a domain points instead, and which record to change', async () => {
    const r = await call(core, 'apps.checkDomain', { server: 'rigbox', domain: moved })
    expect(r).toMatchObject({ state: 'elsewhere', found: ['198.51.100.7'], expected: ['127.0.0.1'] })
    expect(r.words).toContain(`${moved} points to 198.51.100.7, not to this server (127.0.0.1). Change its A record to 127.0.0.1 at your domain provider.`)
  })

  it('says which record to add for a domain with none', async () => {
    const r = await call(core, 'apps.checkDomain', { server: 'rigbox', domain: fresh })
    expect(r.state).toBe('missing')
    expect(r.words).toContain(`Add an A record for ${fresh} pointing to 127.0.0.1 at your domain provider.`)
  })

  it('says it could not check, within its time limit, when the DNS server does not answer', async () => {
    const deaf = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env, ...dnsEnv(silent) } })
    try {
      const started = Date.now()
      const r = await call(deaf, 'apps.checkDomain', { server: 'rigbox', domain: moved })
      expect(Date.now() - started).toBeLessThan(6000)
      expect(r.state).toBe('cant-check')
      expect(r.words).toMatch(/^Couldn't check the domain just now/)
    } finally {
      await deaf.close()
    }
  })

  it("clears a domain pointing at another of the server's own addresses, as the server reports them", async () => {
    // rigbox is dialled at 127.0.0.1; the machine behind it has other addresses too.
    const reported = await call(core, 'servers.addresses', { name: 'rigbox' })
    const other = reported.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a) && !a.startsWith('127.'))
    expect(other, `rigbox reports no address besides loopback: ${reported.join(', ')}`).toBeDefined()
    records[own] = [other as string]
    const r = await call(core, 'apps.checkDomain', { server: 'rigbox', domain: own })
    expect(r).toMatchObject({ state: 'ok', found: [other] })
  })

  it('refuses an app that does not exist', async () => {
    await expect(call(core, 'apps.checkDomain', { server: 'rigbox', domain: `nope-${tag}.ccd.test` })).rejects.toThrow()
  })
})

describe('app deploy in the CLI', () => {
  // A version that doesn't exist: the deploy is refused at once, after the check, so what is printed before it shows.
  it('warns about the domain before deploying, and goes on to the deploy', async () => {
    const r = await cli(['app', 'deploy', moved, '--version', 'v9.9.9'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${moved} points to 198.51.100.7, not to this server (127.0.0.1).`)
    expect(r.stderr).toContain('The deploy goes on.')
    // The deploy's own refusal comes after the warning.
    expect(r.stderr.indexOf('The deploy goes on.')).toBeLessThan(r.stderr.indexOf('v9.9.9'))
  })

  it('skips the check with --no-domain-checks or -D, and says nothing about a domain that is fine', async () => {
    for (const args of [['--no-domain-checks'], ['-D']]) {
      const r = await cli(['app', 'deploy', moved, '--version', 'v9.9.9', ...args])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('v9.9.9')
      expect(r.stderr).not.toContain('198.51.100.7')
    }
    const ok = await cli(['app', 'deploy', fine, '--version', 'v9.9.9'])
    expect(ok.stderr).not.toContain('The deploy goes on.')
  })

  it('a real first deploy of an app whose domain has no record: warned, then deployed', { timeout: 150_000 }, async () => {
    const r = await cli(['app', 'deploy', fresh], 120_000)
    expect(r.stderr).toContain(`Add an A record for ${fresh} pointing to 127.0.0.1 at your domain provider.`)
    expect(r.code, r.stderr).toBe(0)
    const services = await docker.listServices({ filters: JSON.stringify({ name: [`${stackNameFor(fresh)}_app`] }) })
    expect(services.length).toBe(1)
  })
})
