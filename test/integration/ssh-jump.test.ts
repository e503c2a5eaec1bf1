// Issue 13: a machine of a server's swarm reached through the server's SSH
// link as a jump host (ssh -J), on loopback. The "server" is the rig's sshd
// behind one counting TCP relay this test owns; the "machine" is the same
// sshd behind another relay, at 127.0.0.1:<relay port> as seen from the
// server. The relays count TCP connections (one per SSH handshake), so
// sharing is proven by counting, not by timing.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import { resolvePaths } from '../../src-main/core/paths'
import type { Keychain } from '../../src-main/keychain/keychain'
import { Connections, type ConnectionsOptions, type SwarmMachine } from '../../src-main/servers/connections'
import type { StoredServer } from '../../src-main/servers/store'
import { SshError } from '../../src-main/ssh/errors'
import { APP_KNOWN_HOSTS, trustHostKey } from '../../src-main/ssh/known-hosts'
import { SshLink } from '../../src-main/ssh/link'
import { loadRig, makeHome, type Rig } from '../rig/rig'

interface Relay {
  port: number
  passed: number
  open: Set<net.Socket>
  close(): Promise<void>
}

function startRelay(target: { host: string; port: number }): Promise<Relay> {
  const relay: Relay = { port: 0, passed: 0, open: new Set(), close: () => new Promise((resolve) => server.close(() => resolve())) }
  const server = net.createServer((client) => {
    relay.passed++
    relay.open.add(client)
    const upstream = net.connect(target.port, target.host)
    const end = (): void => {
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

// Sockets from this process to a loopback port, as `ss` sees them.
function ourSocketsTo(port: number): string[] {
  const out = execFileSync('ss', ['-tnpH', 'dst', `127.0.0.1:${port}`], { encoding: 'utf8' })
  return out.split('\n').filter((line) => line.includes(`pid=${process.pid},`))
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() > end) throw new Error(`${what}: not so within ${ms} ms`)
  }
}

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

const memoryKeychain = (): Keychain => {
  const m = new Map<string, string>()
  return { get: async (a) => m.get(a), set: async (a, s) => void m.set(a, s), delete: async (a) => void m.delete(a) }
}

let rig: Rig
let serverRelay: Relay
let machineRelay: Relay
let home: string
const opened: Connections[] = []
const relays: Relay[] = []

function connections(options: ConnectionsOptions = {}): Connections {
  const c = new Connections(resolvePaths({ HOME: home }, home), { HOME: home }, new EventBus(), memoryKeychain(), options)
  opened.push(c)
  return c
}

const server = (over: { name?: string } = {}): StoredServer => ({
  name: 'jumpbox',
  kind: 'ssh',
  hostname: '127.0.0.1',
  port: serverRelay.port,
  user: rig.sshd.users.docker,
  identityFile: rig.sshd.key,
  socketPath: rig.docker.socket,
  appCount: 0,
  ...over
})

const machine = (over: Partial<SwarmMachine> = {}): SwarmMachine => ({ id: 'node-1', hostname: 'worker-1', address: '127.0.0.1', port: machineRelay.port, ...over })
const appKnownHosts = (): string => path.join(home, '.ssh', APP_KNOWN_HOSTS)


beforeAll(async () => {
  rig = loadRig()
  serverRelay = await startRelay({ host: rig.sshd.host, port: rig.sshd.port })
  machineRelay = await startRelay({ host: rig.sshd.host, port: rig.sshd.port })
  home = makeHome()
  // The server is trusted (the wizard did it); the machine is not yet.
  const key = await SshLink.probeHostKey({ hostname: '127.0.0.1', port: serverRelay.port })
  await trustHostKey(appKnownHosts(), '127.0.0.1', serverRelay.port, key.keyType, key.keyBase64)
  await until('the probe connection gone', () => serverRelay.open.size === 0)
})

afterEach(async () => {
  for (const c of opened.splice(0)) await c.closeAll()
  await until('the relays to see every connection closed', () => serverRelay.open.size === 0 && machineRelay.open.size === 0)
})

afterAll(async () => {
  for (const r of [serverRelay, machineRelay, ...relays]) await r?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('a machine reached through the server (ssh -J)', () => {
  it('runs a command and a Docker call through the server’s link, trusting the machine’s key on first use', async () => {
    const conns = connections()
    const [viaBefore, machineBefore] = [serverRelay.passed, machineRelay.passed]
    const m = await conns.openMachine(server(), machine())

    // A command on the machine: sshd there sees a connection from the jump host.
    const res = await m.exec('echo "$SSH_CONNECTION"')
    expect(res.code).toBe(0)
    expect(res.stdout.trim().split(' ')[2]).toBe('127.0.0.1')
    expect(res.stdout.trim().split(' ')[3]).toBe(String(rig.sshd.port))

    // Its Docker engine (the rig's), over the machine's link, as the server's is made.
    const [viaInfo, machineInfo] = await Promise.all([conns.get('jumpbox')!.docker().info(), m.docker().info()])
    expect((machineInfo as { ID: string }).ID).toBe((viaInfo as { ID: string }).ID)
    expect(m.state()).toBe('connected')

    // One handshake each; the machine's TCP connection comes from sshd (the
    // forwarded channel), none from this process.
    expect(serverRelay.passed - viaBefore).toBe(1)
    expect(machineRelay.passed - machineBefore).toBe(1)
    expect(ourSocketsTo(machineRelay.port)).toEqual([])
    expect(ourSocketsTo(serverRelay.port)).toHaveLength(1)

    // Trusted on first use under its own identity, [address]:port, in the app's file.
    expect(m.link.trustedOnFirstUse?.fingerprint).toMatch(/^SHA256:/)
    const recorded = fs.readFileSync(appKnownHosts(), 'utf8')
    expect(recorded).toContain(`[127.0.0.1]:${machineRelay.port} ${m.link.trustedOnFirstUse!.keyType} ${m.link.trustedOnFirstUse!.keyBase64}`)
  })

  it('concurrent opens of one machine share one attempt and one link', async () => {
    const conns = connections()
    const [viaBefore, machineBefore] = [serverRelay.passed, machineRelay.passed]
    const all = await Promise.all(Array.from({ length: 12 }, () => conns.openMachine(server(), machine())))
    for (const m of all) expect(m).toBe(all[0])
    expect(all[0].link.handshakes).toBe(1)
    expect(serverRelay.passed - viaBefore).toBe(1)
    expect(machineRelay.passed - machineBefore).toBe(1)
    // And later calls reuse it.
    expect(await conns.openMachine(server(), machine())).toBe(all[0])
    expect(machineRelay.passed - machineBefore).toBe(1)
    // Dropping the machine alone leaves the server's link be.
    await conns.dropMachine('jumpbox', 'node-1')
    expect(all[0].link.state).toBe('closed')
    expect(conns.get('jumpbox')!.state()).toBe('connected')
  })

  it('a machine’s link closes by itself once unused, not while a command or a Docker stream runs on it; the server’s stays', async () => {
    const conns = connections({ machineIdleMs: 300 })
    const m = await conns.openMachine(server(), machine())
    expect(machineRelay.open.size).toBe(1)
    // In use for longer than the idle time: a command, then a Docker stream (events until a moment from now).
    expect((await m.exec('sleep 1; echo done')).stdout.trim()).toBe('done')
    const now = Math.floor(Date.now() / 1000)
    const events = (await m.docker().getEvents({ since: now, until: now + 2 })) as NodeJS.ReadableStream
    await new Promise<void>((resolve, reject) => {
      events.on('end', resolve).on('error', reject)
      events.resume()
    })
    expect(m.link.state).toBe('connected')
    // Then nothing: it closes, its TCP connection too; the server's link is left be.
    await until('the unused machine link closed', () => m.link.state === 'closed' && machineRelay.open.size === 0, 10_000)
    expect(conns.get('jumpbox')!.state()).toBe('connected')
    // The next use opens it again.
    const again = await conns.openMachine(server(), machine())
    expect(again).not.toBe(m)
    expect((await again.exec('echo ok')).stdout.trim()).toBe('ok')
  })

  it('closing the server’s link closes the machine’s; the next open starts afresh', async () => {
    const conns = connections()
    const m = await conns.openMachine(server(), machine())
    expect(machineRelay.open.size).toBe(1)
    await conns.drop('jumpbox')
    expect(m.link.state).toBe('closed')
    expect(ourSocketsTo(serverRelay.port)).toEqual([])
    await until('the machine’s connection closed', () => machineRelay.open.size === 0)
    const calls = await m.exec('true').then(
      () => 'ran',
      (e: SshError) => e.code
    )
    expect(calls).toBe('closed')

    // The next open starts afresh.
    const again = await conns.openMachine(server(), machine())
    expect(again).not.toBe(m)
    expect((await again.exec('echo ok')).stdout.trim()).toBe('ok')
    // The SSH link itself, closed outside Connections: the machine's link rides on it and closes with it.
    const via = again.link.opts.via!
    await via.close()
    expect(via.state).toBe('closed')
    expect(again.link.state).toBe('closed')
    expect(ourSocketsTo(serverRelay.port)).toEqual([])
    await until('the machine’s connection closed again', () => machineRelay.open.size === 0)
  })

  it('the password typed for the server signs in to the machine too', async () => {
    const conns = connections()
    const { identityFile: _key, ...byPassword } = server({ name: 'jumpbox-pw' })
    await conns.open(byPassword, { password: rig.sshd.password })
    const m = await conns.openMachine(byPassword, machine({ id: 'node-pw' }))
    expect(m.link.authenticatedWith?.method).toBe('password')
    expect((await m.exec('echo ok')).stdout.trim()).toBe('ok')
  })

  it('a machine nothing listens on: forwarding-refused, naming the machine and the server', async () => {
    const conns = connections()
    const port = await freePort()
    const err = await conns.openMachine(server(), machine({ id: 'node-off', hostname: 'worker-off', port })).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(SshError)
    const e = err as SshError
    expect(e.code).toBe('forwarding-refused')
    expect(e.forward).toBe('connect-failed')
    expect(e.machine).toBe('worker-off')
    expect(e.via).toBe('127.0.0.1')
    expect(e.message).toContain(`could not reach the machine worker-off (at 127.0.0.1 (port ${port}))`)
    expect(e.message).toContain('Check that the machine is on')
    // The server's link is fine and still shared.
    expect(conns.get('jumpbox')!.state()).toBe('connected')
  })

  it('an SshLink through another with a host key alias: trusted on first use under the alias, known the next time', async () => {
    const conns = connections()
    // The server's own SshLink, as a machine's link holds it (Connections keeps it private).
    const via = (await conns.openMachine(server(), machine({ id: 'node-via' }))).link.opts.via!
    const jump = (): SshLink =>
      new SshLink({
        via,
        hostname: '127.0.0.1',
        port: machineRelay.port,
        user: rig.sshd.users.docker,
        identityFiles: [rig.sshd.key],
        defaultIdentities: false,
        knownHostsFiles: [appKnownHosts()],
        hostKeyAlias: 'swarm-node-alias1',
        trustNewHostKeysIn: appKnownHosts()
      })
    const first = jump()
    await first.connect()
    expect(first.trustedOnFirstUse).toBeDefined()
    expect(fs.readFileSync(appKnownHosts(), 'utf8')).toContain(`swarm-node-alias1 ${first.trustedOnFirstUse!.keyType} ${first.trustedOnFirstUse!.keyBase64}`)
    await first.close()
    const second = jump()
    await second.connect()
    expect(second.trustedOnFirstUse).toBeUndefined()
    expect((await second.exec('echo ok')).stdout.trim()).toBe('ok')
    await second.close()
  })

  it('a machine whose identity changed is refused, and its record kept', async () => {
    const conns = connections()
    const relay = await startRelay({ host: rig.sshd.host, port: rig.sshd.port })
    relays.push(relay)
    // Another key on record for this machine's identity.
    const keyFile = path.join(home, 'other-host-key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', keyFile])
    const [type, blob] = fs.readFileSync(`${keyFile}.pub`, 'utf8').trim().split(' ')
    await trustHostKey(appKnownHosts(), '127.0.0.1', relay.port, type, blob)
    const before = fs.readFileSync(appKnownHosts(), 'utf8')

    const err = await conns.openMachine(server(), machine({ id: 'node-moved', hostname: 'worker-moved', port: relay.port })).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(SshError)
    const e = err as SshError
    expect(e.code).toBe('host-key-changed')
    expect(e.machine).toBe('worker-moved')
    expect(e.message).toContain(`The identity of the machine worker-moved (at 127.0.0.1 (port ${relay.port})) has changed`)
    expect(e.fingerprint).not.toBe(e.knownFingerprint)
    // It reached the machine (once) and refused it; nothing was trusted instead.
    expect(relay.passed).toBe(1)
    expect(fs.readFileSync(appKnownHosts(), 'utf8')).toBe(before)
    await until('the refused connection closed', () => relay.open.size === 0)
  })
})
