import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_KNOWN_HOSTS, knownHostsFiles, trustHostKey } from '../../src-main/ssh/known-hosts'
import { SshLink } from '../../src-main/ssh/link'
import { loadRig, makeHome, type Rig } from '../rig/rig'

// A command waits for one of the link's few session slots, but not forever:
// slots held by something that never lets go (a log nobody closes) must not
// hang every later command to that server. Against the rig's sshd.

let rig: Rig
let home: string
let link: SshLink

beforeAll(async () => {
  rig = loadRig()
  home = makeHome()
  const k = await SshLink.probeHostKey({ hostname: rig.sshd.host, port: rig.sshd.port })
  await trustHostKey(path.join(home, '.ssh', APP_KNOWN_HOSTS), rig.sshd.host, rig.sshd.port, k.keyType, k.keyBase64)
  link = new SshLink({
    hostname: rig.sshd.host,
    port: rig.sshd.port,
    user: rig.sshd.users.docker,
    identityFiles: [rig.sshd.key],
    knownHostsFiles: knownHostsFiles(home),
    home,
    defaultIdentities: false,
    connectTimeoutMs: 5000,
    maxSessions: 1,
    sessionWaitMs: 800
  })
  await link.connect()
})

afterAll(async () => {
  await link?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('waiting for a session slot', () => {
  it('gives up in plain words when no slot comes free in time, and serves again once one does', async () => {
    const holder = link.exec('sleep 4; echo done')
    const started = Date.now()
    const err = await link.exec('echo hi').then(
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
    expect((await link.exec('echo hi')).stdout).toBe('hi\n')
  }, 20_000)

  it('still hands a slot to a command that waits less than the limit', async () => {
    const holder = link.exec('sleep 0.3; echo first')
    const second = link.exec('echo second')
    expect((await holder).stdout).toBe('first\n')
    expect((await second).stdout).toBe('second\n')
  })
})
