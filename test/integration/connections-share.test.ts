// Issue 9, defect 5: one SSH link per server, whatever the concurrency.
// The server is reached through a loopback TCP relay this test owns, in front
// of the rig's sshd: the relay counts every TCP connection (one per SSH
// handshake) and can cut or refuse them, without touching the shared sshd.
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { osKeychain } from '../../src-main/keychain/keychain'
import { saveServer } from '../../src-main/servers/store'
import { resolvePaths } from '../../src-main/core/paths'
import { APP_KNOWN_HOSTS, trustHostKey } from '../../src-main/ssh/known-hosts'
import { SshLink } from '../../src-main/ssh/link'
import { loadRig, makeHome, type Rig } from '../rig/rig'
import { call } from './support'

interface Relay {
  port: number
  /** TCP connections passed through to sshd so far. */
  passed: number
  /** Connections open right now (client side of the relay). */
  open: Set<net.Socket>
  /** While down, new connections are accepted and dropped at once, as by a broken network. */
  down: boolean
  cutAll(): void
  close(): Promise<void>
}

function startRelay(target: { host: string; port: number }): Promise<Relay> {
  const relay: Relay = {
    port: 0,
    passed: 0,
    open: new Set(),
    down: false,
    cutAll: () => {
      for (const s of relay.open) s.destroy()
    },
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
  const server = net.createServer((client) => {
    if (relay.down) return client.destroy()
    relay.passed++
    relay.open.add(client)
    const upstream = net.connect(target.port, target.host)
    const end = () => {
      relay.open.delete(client)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
    client.pipe(upstream).pipe(client)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      relay.port = (server.address() as net.AddressInfo).port
      resolve(relay)
    })
  })
}

// Sockets from this process to the relay's port, as `ss` sees them.
function socketsToRelay(port: number): string[] {
  const out = execFileSync('ss', ['-tnpH', 'dst', `127.0.0.1:${port}`], { encoding: 'utf8' })
  return out.split('\n').filter((line) => line.includes(`pid=${process.pid},`))
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() > end) throw new Error(`${what}: not so within ${ms} ms`)
  }
}

const NAME = 'h4-relaybox'
let rig: Rig
let relay: Relay
let home: string
const cores: Core[] = []

function newCore(): Core {
  const core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain: osKeychain(`coopcloud-desktop-test-${crypto.randomBytes(4).toString('hex')}`) })
  cores.push(core)
  return core
}

// The server as `server add` would have stored it, reached through the relay.
async function storeServer(): Promise<void> {
  await saveServer(resolvePaths({ HOME: home }, home), { name: NAME, sshAlias: NAME, kind: 'ssh', hostname: '127.0.0.1', user: rig.sshd.users.docker, port: relay.port, socketPath: '/var/run/docker.sock' })
}

beforeAll(async () => {
  rig = loadRig()
  relay = await startRelay({ host: rig.sshd.host, port: rig.sshd.port })
  home = makeHome()
  fs.writeFileSync(
    path.join(home, '.ssh/config'),
    `Host ${NAME}\n  HostName 127.0.0.1\n  Port ${relay.port}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`
  )
  const key = await SshLink.probeHostKey({ hostname: '127.0.0.1', port: relay.port })
  await trustHostKey(path.join(home, '.ssh', APP_KNOWN_HOSTS), '127.0.0.1', relay.port, key.keyType, key.keyBase64)
  await until('the probe connection gone', () => relay.open.size === 0)
})

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  relay.down = false
  relay.cutAll()
  fs.rmSync(path.join(home, '.abra'), { recursive: true, force: true })
})

afterAll(async () => {
  await relay?.close()
})

describe('one link per server', () => {
  it('20 concurrent calls at start-up make 1 handshake, and closing leaves 0 sockets', async () => {
    await storeServer()
    const core = newCore()
    const before = relay.passed
    // What the window does at start-up, many times over: the list and the apps.
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? call(core, 'servers.list', {}) : call(core, 'apps.list', { server: NAME })))
    const results = await Promise.all(calls)
    const lists = results.filter((r) => Array.isArray(r))
    for (const list of lists) expect(list).toEqual([expect.objectContaining({ name: NAME, state: 'connected' })])
    expect(relay.passed - before).toBe(1)
    expect(socketsToRelay(relay.port)).toHaveLength(1)

    await core.close()
    // close() resolves once the link's sockets are gone: no waiting needed.
    expect(socketsToRelay(relay.port)).toEqual([])
    await until('the relay to see the connection closed', () => relay.open.size === 0)
  })

  it('a server removed while its link is still opening leaves no link behind', async () => {
    await storeServer()
    const core = newCore()
    const before = relay.passed
    const calls = Array.from({ length: 10 }, (_, i) => (i % 2 ? call(core, 'servers.list', {}) : call(core, 'apps.list', { server: NAME })))
    // Removed as soon as the first connection reaches the relay, mid-handshake.
    await until('the first handshake to start', () => relay.passed > before)
    await call(core, 'servers.remove', { name: NAME })
    await Promise.allSettled(calls)

    expect(socketsToRelay(relay.port)).toEqual([])
    await until('the relay to see every connection closed', () => relay.open.size === 0)
    // A leaked link would reconnect within its first back-off (250 ms).
    const passed = relay.passed
    await new Promise((r) => setTimeout(r, 1500))
    expect(relay.passed).toBe(passed)
    expect(relay.passed - before).toBe(1)
  })

  it('closing the app mid-handshake closes that open too, and nothing opens after', async () => {
    await storeServer()
    const core = newCore()
    const before = relay.passed
    const calls = Array.from({ length: 6 }, (_, i) => (i % 2 ? call(core, 'servers.list', {}) : call(core, 'apps.list', { server: NAME })))
    await until('the first handshake to start', () => relay.passed > before)
    await core.close()
    expect(socketsToRelay(relay.port)).toEqual([])
    await Promise.allSettled(calls)
    const late = await call(core, 'servers.addresses', { name: NAME }).then(
      () => 'answered',
      (e: { body?: { code?: string } }) => e.body?.code
    )
    expect(late).toBe('closed')

    await until('the relay to see every connection closed', () => relay.open.size === 0)
    // A leaked link would reconnect within its first back-off (250 ms).
    const passed = relay.passed
    await new Promise((r) => setTimeout(r, 1500))
    expect(relay.passed).toBe(passed)
    expect(relay.passed - before).toBe(1)
  })

  it('removing a connected server closes its link', async () => {
    await storeServer()
    const core = newCore()
    await call(core, 'servers.list', {})
    expect(socketsToRelay(relay.port)).toHaveLength(1)
    await call(core, 'servers.remove', { name: NAME })
    expect(socketsToRelay(relay.port)).toEqual([])
  })

  it('calls made while the link reconnects wait for it and succeed', async () => {
    await storeServer()
    const core = newCore()
    const states: string[] = []
    core.events.subscribe((event, payload) => {
      if (event === 'server.state' && (payload as { name: string }).name === NAME) states.push((payload as { state: string }).state)
    })
    await call(core, 'servers.list', {})
    const before = relay.passed

    // The network drops and stays down for a while: the link keeps retrying.
    relay.down = true
    relay.cutAll()
    await until('the link to notice', () => states.includes('reconnecting'))
    // One call waits on the link, then more arrive; none may replace it.
    const first = call(core, 'servers.addresses', { name: NAME })
    const more = [call(core, 'apps.list', { server: NAME }), call(core, 'servers.addresses', { name: NAME }), call(core, 'servers.check', { name: NAME })] as const
    relay.down = false

    const [addresses, apps, addresses2, checks] = await Promise.all([first, ...more])
    expect(addresses).toContain('127.0.0.1')
    expect(addresses2).toEqual(addresses)
    expect(apps).toMatchObject({ servers: [expect.objectContaining({ name: NAME })] })
    expect(checks.find((c) => c.id === 'ssh')?.ok).toBe(true)
    // Exactly one reconnection, on the same link.
    expect(relay.passed - before).toBe(1)
    expect(socketsToRelay(relay.port)).toHaveLength(1)
  })
})
