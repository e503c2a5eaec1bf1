import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { osKeychain } from '../../src-main/keychain/keychain'
import { loadRig, resetDocker2, type Rig } from '../rig/rig'
import { call, callError, homeWithSshConfig, hostKeyFingerprints } from './support'

// The onboarding flow against the rig's real sshd and dockerd, driven through
// dispatch() like every door onto the core.

let rig: Rig
let home: string
let core: Core
const keychainService = `coopcloud-desktop-test-${crypto.randomBytes(4).toString('hex')}`
const newCore = (): Core => createCore({ transport: 'cli', home, env: { HOME: home }, keychain: osKeychain(keychainService) })

beforeAll(async () => {
  rig = loadRig()
  await resetDocker2(rig)
  home = homeWithSshConfig(rig)
  core = newCore()
})
afterAll(async () => {
  await core?.close()
})

describe('adding a server', () => {
  it('fills in user and port from ~/.ssh/config', async () => {
    const r = await call(core, 'servers.resolve', { host: 'rigbox' })
    expect(r).toMatchObject({ hostname: rig.sshd.host, port: rig.sshd.port, user: rig.sshd.users.docker, fromSshConfig: true })
  })

  it('refuses to connect before the host key is confirmed, then trusts what the user confirmed', async () => {
    const err = await callError(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
    expect(err.code).toBe('host-key-unknown')
    const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
    expect(probe.status).toBe('unknown')
    expect(hostKeyFingerprints(rig)).toContain(probe.fingerprint)
    await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
    expect(fs.readFileSync(path.join(home, '.ssh/coopcloud-desktop_known_hosts'), 'utf8')).toContain(`[${rig.sshd.host}]:${rig.sshd.port}`)
    expect((await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })).status).toBe('known')
  })

  it('a probe id cannot be reused or invented', async () => {
    expect((await callError(core, 'servers.trustHostKey', { probeId: 'made-up' })).code).toBe('probe-expired')
  })

  it('connects, stores the server the abra way, and lists it with Docker facts', async () => {
    const s = await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
    expect(s).toMatchObject({ name: 'rigbox', state: 'connected', swarmRole: 'manager', kind: 'ssh' })
    expect(s.dockerVersion).toMatch(/^\d+\.\d+/)
    expect(fs.statSync(path.join(home, '.abra/servers/rigbox')).isDirectory()).toBe(true)
    fs.writeFileSync(path.join(home, '.abra/servers/rigbox/wiki.example.org.env'), 'TYPE=mediawiki\n')
    const list = await call(core, 'servers.list', {})
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ name: 'rigbox', appCount: 1, state: 'connected', swarmRole: 'manager' })
    expect(list[0].nodeCount).toBeGreaterThanOrEqual(1)
  })

  it('runs the checks: SSH, Docker, access and Swarm pass on the rig’s engine', async () => {
    const checks = await call(core, 'servers.check', { name: 'rigbox' })
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]))
    expect(byId.ssh.ok).toBe(true)
    expect(byId['docker-installed'].ok).toBe(true)
    expect(byId['docker-installed'].detail).toMatch(/Docker Engine \d+\.\d+/)
    expect(byId['docker-access'].ok).toBe(true)
    expect(byId.swarm.ok).toBe(true)
    expect(byId['proxy-network'].ok).not.toBeNull()
    expect(byId['reverse-proxy'].ok).not.toBeNull()
  })

  it('tells a user who is not in the docker group what is wrong', async () => {
    await call(core, 'servers.add', { kind: 'ssh', host: 'rig-nodocker' })
    const checks = await call(core, 'servers.check', { name: 'rig-nodocker' })
    const access = checks.find((c) => c.id === 'docker-access')!
    expect(access.ok).toBe(false)
    expect(access.detail).toBe(`The user ${rig.sshd.users.nodocker} is not allowed to use Docker on this server.`)
    expect(checks.find((c) => c.id === 'swarm')!.ok).toBeNull()
  })

  it('adds "This computer" through the local Docker socket, as abra’s "default" server', async () => {
    const s = await call(core, 'servers.add', { kind: 'local' })
    expect(s).toMatchObject({ name: 'default', kind: 'local', state: 'connected', swarmRole: 'manager' })
    const checks = await call(core, 'servers.check', { name: 'default' })
    for (const id of ['ssh', 'docker-installed', 'docker-access', 'swarm']) expect(checks.find((c) => c.id === id)!.ok, id).toBe(true)
    expect(fs.statSync(path.join(home, '.abra/servers/default')).isDirectory()).toBe(true)
    await call(core, 'servers.remove', { name: 'default' })
  })

  it('rejects bad input with a typed error instead of crashing', async () => {
    const err = await callError(core, 'servers.add', { kind: 'ssh', host: 'bad host!' } as never)
    expect(err.code).toBe('invalid-request')
    expect((await callError(core, 'servers.check', { name: '../etc' })).code).toBe('invalid-request')
    expect((await callError(core, 'servers.check', { name: 'nobody-here' })).code).toBe('not-found')
  })
})

describe('a fresh engine without Swarm (second dockerd)', () => {
  it('turns on Swarm and creates the proxy network through the checks’ fixes', async () => {
    await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox', name: 'fresh', socketPath: rig.docker2.socket })
    let checks = await call(core, 'servers.check', { name: 'fresh' })
    const swarm = checks.find((c) => c.id === 'swarm')!
    expect(swarm).toMatchObject({ ok: false, fix: { action: 'swarm-init', label: 'Turn on Swarm' } })
    const addrs = await call(core, 'servers.addresses', { name: 'fresh' })
    expect(addrs[0]).toBe(rig.sshd.host)
    await call(core, 'servers.swarmInit', { name: 'fresh', advertiseAddr: '127.0.0.2:2378', listenAddr: '127.0.0.2:2378', dataPathPort: 4790 })
    checks = await call(core, 'servers.check', { name: 'fresh' })
    expect(checks.find((c) => c.id === 'swarm')!.ok).toBe(true)
    expect(checks.find((c) => c.id === 'proxy-network')!).toMatchObject({ ok: false, fix: { action: 'proxy-network-create' } })
    await call(core, 'servers.createProxyNetwork', { name: 'fresh' })
    await call(core, 'servers.createProxyNetwork', { name: 'fresh' })
    checks = await call(core, 'servers.check', { name: 'fresh' })
    expect(checks.find((c) => c.id === 'proxy-network')!.ok).toBe(true)
    expect(checks.find((c) => c.id === 'reverse-proxy')!.ok).toBe(false)
  })

  it('removing the server from the list leaves the server untouched', async () => {
    await call(core, 'servers.remove', { name: 'fresh' })
    expect((await call(core, 'servers.list', {})).map((s) => s.name)).not.toContain('fresh')
    await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox', name: 'fresh-again', socketPath: rig.docker2.socket })
    const checks = await call(core, 'servers.check', { name: 'fresh-again' })
    expect(checks.find((c) => c.id === 'swarm')!.ok).toBe(true)
    expect(checks.find((c) => c.id === 'proxy-network')!.ok).toBe(true)
    await call(core, 'servers.remove', { name: 'fresh-again' })
  })
})

describe('passphrases and passwords', () => {
  it('asks for a passphrase, says when it is wrong, and remembers it in the keychain when asked', async () => {
    expect(await callError(core, 'servers.add', { kind: 'ssh', host: 'rig-pass' })).toMatchObject({ code: 'passphrase-needed' })
    expect((await callError(core, 'servers.add', { kind: 'ssh', host: 'rig-pass', passphrase: 'not it' })).code).toBe('passphrase-wrong')
    const s = await call(core, 'servers.add', { kind: 'ssh', host: 'rig-pass', passphrase: rig.sshd.passphrase, remember: true })
    expect(s.state).toBe('connected')
    // A new core (the app restarted) connects with the remembered passphrase.
    const again = newCore()
    try {
      const list = await call(again, 'servers.list', {})
      expect(list.find((x) => x.name === 'rig-pass')).toMatchObject({ state: 'connected' })
    } finally {
      await again.close()
    }
    expect(fs.readFileSync(path.join(home, '.ssh/coopcloud-desktop_known_hosts'), 'utf8')).not.toContain(rig.sshd.passphrase)
    for (const f of walk(home)) expect(fs.readFileSync(f, 'utf8')).not.toContain(rig.sshd.passphrase)
  })

  it('falls back to a password, and says when it is wrong', async () => {
    expect((await callError(core, 'servers.add', { kind: 'ssh', host: 'rig-pw' })).code).toBe('password-needed')
    expect((await callError(core, 'servers.add', { kind: 'ssh', host: 'rig-pw', password: 'nope' })).code).toBe('password-wrong')
    const s = await call(core, 'servers.add', { kind: 'ssh', host: 'rig-pw', password: rig.sshd.password })
    expect(s.state).toBe('connected')
    for (const f of walk(home)) expect(fs.readFileSync(f, 'utf8')).not.toContain(rig.sshd.password)
  })
})

describe('Prepare this server', () => {
  it('is safe to run twice on a server that already has Docker', async () => {
    await call(core, 'servers.add', { kind: 'ssh', host: 'rig-root' })
    for (let i = 0; i < 2; i++) {
      const { jobId } = await call(core, 'servers.prepare', { name: 'rig-root' })
      const job = await core.jobs.wait(jobId)
      expect(job.status, job.error?.message).toBe('done')
      expect(job.log.join('\n')).toContain('Docker Engine is already installed; nothing to do.')
      expect(job.log.join('\n')).toContain('Docker Engine is ready.')
    }
  })

  it('explains plainly when the user cannot install software', async () => {
    const { jobId } = await call(core, 'servers.prepare', { name: 'rig-nodocker' })
    const job = await core.jobs.wait(jobId)
    expect(job.status).toBe('failed')
    expect(job.error?.code).toBe('prepare-unsupported')
    expect(job.error?.message).toContain('not root and has no passwordless sudo')
  })
})

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : []
  })
}
