// The SSH layer and Docker-over-SSH against the rig's real sshd and dockerd.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { closedPort, killSshSessions, loadRig, makeHome, rotateSshdHostKeys, type Rig } from '../rig/rig'
import { DockerAccessError } from '../../src-main/docker/errors'
import { dockerLocal, dockerOverSsh, sshAgentOf } from '../../src-main/docker/transport'
import { SshError } from '../../src-main/ssh/errors'
import { APP_KNOWN_HOSTS, fingerprintSha256, knownHostsFiles, trustHostKey } from '../../src-main/ssh/known-hosts'
import type Docker from 'dockerode'
import { SshLink, type ExecResult, type LinkState, type SshLinkOptions } from '../../src-main/ssh/link'

let rig: Rig
let home: string
let appFile: string
const open: SshLink[] = []

// What `ssh-keygen -lf` says about the rig's host key of this type.
function keygenFingerprint(keyType: string): string {
  for (const f of rig.sshd.hostKeyFiles) {
    const pub = fs.readFileSync(`${f}.pub`, 'utf8')
    if (pub.split(' ')[0] === keyType) return execFileSync('ssh-keygen', ['-lf', `${f}.pub`], { encoding: 'utf8' }).split(' ')[1]
  }
  throw new Error(`no rig host key of type ${keyType}`)
}

function link(extra: Partial<SshLinkOptions> = {}): SshLink {
  const l = new SshLink({
    hostname: rig.sshd.host,
    port: rig.sshd.port,
    user: rig.sshd.users.docker,
    identityFiles: [rig.sshd.key],
    knownHostsFiles: knownHostsFiles(home),
    home,
    defaultIdentities: false,
    connectTimeoutMs: 5000,
    ...extra
  })
  open.push(l)
  return l
}

async function failure(p: Promise<unknown>): Promise<SshError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(SshError)
  return err as SshError
}

async function trustServer(): Promise<void> {
  const k = await SshLink.probeHostKey({ hostname: rig.sshd.host, port: rig.sshd.port })
  await trustHostKey(appFile, rig.sshd.host, rig.sshd.port, k.keyType, k.keyBase64)
}

function waitForState(l: SshLink, state: LinkState, ms = 20_000): Promise<void> {
  if (l.state === state) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`link never reached ${state} (is ${l.state})`)), ms)
    l.on('state', function on(s: LinkState) {
      if (s !== state) return
      clearTimeout(timer)
      l.off('state', on)
      resolve()
    })
  })
}

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error('condition not met in time')
  }
}

beforeAll(() => {
  rig = loadRig()
  home = makeHome()
  appFile = path.join(home, '.ssh', APP_KNOWN_HOSTS)
})

afterEach(() => {
  for (const l of open.splice(0)) l.close()
})

describe.sequential('SshLink', () => {
  it('asks to confirm an unknown server, then connects once trusted', async () => {
    const l = link()
    const err = await failure(l.connect())
    expect(err.code).toBe('host-key-unknown')
    expect(err.fingerprint).toBe(keygenFingerprint(err.keyType!))
    expect(err.fingerprint).toBe(fingerprintSha256(err.keyBase64!))
    expect(l.state).toBe('failed')

    // What the UI shows before the user decides matches what connect saw.
    const probed = await SshLink.probeHostKey({ hostname: rig.sshd.host, port: rig.sshd.port })
    expect(probed).toEqual({ keyType: err.keyType, keyBase64: err.keyBase64, fingerprint: err.fingerprint })

    await trustHostKey(appFile, rig.sshd.host, rig.sshd.port, err.keyType!, err.keyBase64!)
    expect(fs.statSync(appFile).mode & 0o777).toBe(0o600)
    await l.connect()
    expect(l.state).toBe('connected')
    expect(l.handshakes).toBe(1)
    expect(l.authenticatedWith).toEqual({ method: 'publickey', keyFile: rig.sshd.key })
  })

  it('runs commands on the one connection', async () => {
    await trustServer()
    const l = link()
    await l.connect()
    const chunks: string[] = []
    const res = await l.exec('id -un; echo oops >&2; exit 3', { onStdout: (s) => chunks.push(s) })
    expect(res).toEqual({ code: 3, stdout: `${rig.sshd.users.docker}\n`, stderr: 'oops\n' })
    expect(chunks.join('')).toBe(`${rig.sshd.users.docker}\n`)
    expect((await l.exec('cat', { stdin: 'fed via stdin' })).stdout).toBe('fed via stdin')
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => l.exec(`echo ${i}`)))
    expect(many.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 20 }, (_, i) => String(i)))
    expect(l.handshakes).toBe(1)
  })

  it('asks for a passphrase, rejects a wrong one, accepts the right one', async () => {
    await trustServer()
    const l = link({ identityFiles: [rig.sshd.keyWithPassphrase] })
    const needed = await failure(l.connect())
    expect(needed.code).toBe('passphrase-needed')
    expect(needed.keyFile).toBe(rig.sshd.keyWithPassphrase)
    const wrong = await failure(l.connect({ passphrase: 'not-it' }))
    expect(wrong.code).toBe('passphrase-wrong')
    expect(wrong.keyFile).toBe(rig.sshd.keyWithPassphrase)
    await l.connect({ passphrase: rig.sshd.passphrase })
    expect(l.state).toBe('connected')
    expect(l.authenticatedWith).toEqual({ method: 'publickey', keyFile: rig.sshd.keyWithPassphrase })
  })

  it('asks for a password, rejects a wrong one, accepts the right one', async () => {
    await trustServer()
    const l = link({ identityFiles: [] })
    expect((await failure(l.connect())).code).toBe('password-needed')
    expect((await failure(l.connect({ password: 'not-it' }))).code).toBe('password-wrong')
    await l.connect({ password: rig.sshd.password })
    expect(l.authenticatedWith).toEqual({ method: 'password' })
    expect((await l.exec('id -un')).stdout.trim()).toBe(rig.sshd.users.docker)
  })

  it('reports a refused port quickly', async () => {
    const port = await closedPort()
    const started = Date.now()
    const err = await failure(link({ port }).connect())
    expect(err.code).toBe('refused')
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('reports an address that does not exist, within the timeout', async () => {
    const started = Date.now()
    const err = await failure(link({ hostname: 'nonexistent.invalid' }).connect())
    expect(err.code).toBe('unknown-host')
    expect(err.message).toContain('nonexistent.invalid')
    expect(Date.now() - started).toBeLessThan(8000)
  })
})

describe.sequential('Docker over SSH', () => {
  // Other suites may rotate the rig's host keys; start each test trusted.
  beforeEach(trustServer)

  it('makes 200 API calls over one SSH handshake', async () => {
    const l = link()
    await l.connect()
    const docker = dockerOverSsh(l)
    const local = await dockerLocal(rig.docker.socket).version()
    // In waves, so keep-alive channels are reused as well as opened.
    for (let wave = 0; wave < 4; wave++) {
      const versions = await Promise.all(Array.from({ length: 50 }, () => docker.version()))
      for (const v of versions) expect(v.ApiVersion).toBe(local.ApiVersion)
    }
    expect(l.handshakes).toBe(1)
    expect(sshAgentOf(docker)?.mode).toBe('streamlocal')
  }, 300_000)

  it('works through `docker system dial-stdio` when asked to', async () => {
    const l = link()
    const docker = dockerOverSsh(l, { mode: 'dial-stdio' })
    const info = await docker.info()
    expect(info.ID).toBe((await dockerLocal(rig.docker.socket).info()).ID)
    expect(sshAgentOf(docker)?.mode).toBe('dial-stdio')
    await Promise.all(Array.from({ length: 20 }, () => docker.ping()))
    expect(l.handshakes).toBe(1)
  })

  it('falls back to `docker system dial-stdio` by itself when sshd refuses socket forwarding', async () => {
    const l = link({ user: rig.sshd.users.noForwarding })
    const docker = dockerOverSsh(l)
    const info = await docker.info()
    expect(info.ID).toBe((await dockerLocal(rig.docker.socket).info()).ID)
    expect(sshAgentOf(docker)?.mode).toBe('dial-stdio')
    await Promise.all(Array.from({ length: 10 }, () => docker.ping()))
    expect(l.handshakes).toBe(1)
  })

  it('reaches a second engine through its socket path', async () => {
    const l = link()
    // The two engines share an engine ID; their data roots tell them apart.
    const info = await dockerOverSsh(l, { socketPath: rig.docker2.socket }).info()
    expect(info.DockerRootDir).toBe((await dockerLocal(rig.docker2.socket).info()).DockerRootDir)
    expect(info.DockerRootDir).not.toBe((await dockerLocal(rig.docker.socket).info()).DockerRootDir)
  })

  it('explains when the account may not use Docker', async () => {
    const l = link({ user: rig.sshd.users.nodocker })
    await l.connect()
    const err = await dockerOverSsh(l)
      .version()
      .then(
        () => undefined,
        (e: unknown) => e
      )
    expect(err).toBeInstanceOf(DockerAccessError)
    expect((err as DockerAccessError).code).toBe('docker-permission')
    expect((err as DockerAccessError).message).toMatch(/isn't allowed to use Docker.*"docker" group/)
    expect((err as DockerAccessError).detail).toMatch(/permission denied/i)
  })

  it('reconnects after the connection drops and carries on', async () => {
    const l = link()
    await l.connect()
    const docker = dockerOverSsh(l)
    await docker.ping()
    const states: LinkState[] = []
    l.on('state', (s: LinkState) => states.push(s))

    // A long-running stream open at the moment of the drop must fail, not hang.
    const events = (await docker.getEvents()) as NodeJS.ReadableStream
    const eventsEnded = new Promise<string>((resolve) => {
      events.on('error', () => resolve('error'))
      events.on('end', () => resolve('end'))
    })

    expect(await killSshSessions(rig.sshd.users.docker)).toBeGreaterThan(0)
    await until(() => states.length >= 2)
    expect(states).toEqual(['reconnecting', 'connected'])
    expect(await eventsEnded).toMatch(/error|end/)

    const v = await docker.version()
    expect(v.Version).toBeTruthy()
    expect((await l.exec('echo still here')).stdout).toBe('still here\n')
    expect(l.handshakes).toBe(2)
  })

  it('holds operations issued while reconnecting until the link is back', async () => {
    // A slow first retry leaves a window in which to issue operations.
    const l = link({ backoff: { initialMs: 1500, maxMs: 1500 } })
    await l.connect()
    const docker = dockerOverSsh(l)
    await docker.ping()
    // Issue work the moment the drop is noticed, before the retry is due.
    const issued = new Promise<[Docker.DockerVersion, ExecResult]>((resolve, reject) => {
      l.on('state', function on(s: LinkState) {
        if (s !== 'reconnecting') return
        l.off('state', on)
        Promise.all([docker.version(), l.exec('echo queued')]).then(resolve, reject)
      })
    })
    await killSshSessions(rig.sshd.users.docker)
    const [v, e] = await issued
    expect(v.Version).toBeTruthy()
    expect(e.stdout).toBe('queued\n')
    expect(l.state).toBe('connected')
    expect(l.handshakes).toBe(2)
  })
})

// Last: it changes the rig's host keys for everyone after us.
describe.sequential('host key rotation', () => {
  it('refuses a server whose identity changed, also on reconnect', async () => {
    await trustServer()
    const live = link()
    await live.connect()
    const before = await SshLink.probeHostKey({ hostname: rig.sshd.host, port: rig.sshd.port })

    await rotateSshdHostKeys(rig)

    const err = await failure(link().connect())
    expect(err.code).toBe('host-key-changed')
    expect(err.knownFingerprint).toBe(before.fingerprint)
    expect(err.fingerprint).toBe(keygenFingerprint(err.keyType!))
    expect(err.fingerprint).not.toBe(before.fingerprint)
    expect(err.message).toMatch(/identity has changed/)

    // A link that was fine before must not silently reconnect to the new key.
    await killSshSessions(rig.sshd.users.docker)
    await waitForState(live, 'failed')
    expect((live.lastError as SshError).code).toBe('host-key-changed')

    // Once the administrator confirms, trusting the new key replaces the old one.
    await trustHostKey(appFile, rig.sshd.host, rig.sshd.port, err.keyType!, err.keyBase64!)
    const again = link()
    await again.connect()
    expect(again.state).toBe('connected')
    expect(fs.readFileSync(appFile, 'utf8')).not.toContain(before.keyBase64)
  })
})

// A command waits for one of the link's few session slots, but not forever:
// slots held by something that never lets go (a log nobody closes) must not
// hang every later command to that server.
describe.sequential('waiting for a session slot', () => {
  let l: SshLink
  beforeAll(async () => {
    await trustServer()
    l = link({ maxSessions: 1, sessionWaitMs: 800 })
    // One link for both tests: closed by afterAll, not after each test.
    open.splice(open.indexOf(l), 1)
    await l.connect()
  })
  afterAll(() => l?.close())

  it('gives up in plain words when no slot comes free in time, and serves again once one does', async () => {
    const holder = l.exec('sleep 4; echo done')
    const started = Date.now()
    const err = await l.exec('echo hi').then(
      () => undefined,
      (e: unknown) => e as { code?: string; message?: string }
    )
    const waited = Date.now() - started
    expect(err?.code).toBe('server-busy')
    expect(err?.message).toMatch(/^All 1 SSH sessions the app may open to .+ are in use .+ Close a log or terminal of this server, or wait for a job to finish, then try again\.$/)
    expect(waited).toBeGreaterThanOrEqual(700)
    expect(waited).toBeLessThan(3000)
    expect((await holder).stdout).toBe('done\n')
    // The slot is free again: the next command runs at once.
    expect((await l.exec('echo hi')).stdout).toBe('hi\n')
  }, 20_000)

  it('still hands a slot to a command that waits less than the limit', async () => {
    const holder = l.exec('sleep 0.3; echo first')
    const second = l.exec('echo second')
    expect((await holder).stdout).toBe('first\n')
    expect((await second).stdout).toBe('second\n')
  })
})
