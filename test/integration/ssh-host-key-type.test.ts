// Issue 9, defect 4, against the rig's real sshd (it has ed25519 and RSA host
// keys, no ECDSA): when a key of one type is on record and the server shows a
// key of another type, every door refuses it as a changed identity, and a
// server whose recorded RSA key still matches connects with that key.
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { serverCommand } from '../../src-main/cli/server'
import { CliError } from '../../src-main/cli/errors'
import { createCore, type Core } from '../../src-main/core/core'
import { osKeychain } from '../../src-main/keychain/keychain'
import { SshError } from '../../src-main/ssh/errors'
import { APP_KNOWN_HOSTS, fingerprintSha256, knownHostsFiles } from '../../src-main/ssh/known-hosts'
import { SshLink } from '../../src-main/ssh/link'
import { loadRig, type Rig } from '../rig/rig'
import { call, callError, homeWithSshConfig } from './support'

let rig: Rig
let scratch: string
const cores: Core[] = []
const links: SshLink[] = []

// A key sshd has never seen, in the format known_hosts stores it.
function madeUpKey(type: 'ecdsa' | 'rsa', name: string): { type: string; base64: string } {
  const file = path.join(scratch, name)
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', name, '-f', file])
  const [keyType, base64] = fs.readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/)
  return { type: keyType, base64 }
}

// The rig's own public host key of this type, read now (ssh-link.test may have rotated it).
function rigHostKey(keyType: string): { type: string; base64: string } {
  for (const f of rig.sshd.hostKeyFiles) {
    const [type, base64] = fs.readFileSync(`${f}.pub`, 'utf8').trim().split(/\s+/)
    if (type === keyType) return { type, base64 }
  }
  throw new Error(`the rig's sshd has no ${keyType} host key`)
}

const recordName = (): string => `[${rig.sshd.host}]:${rig.sshd.port}`

// A fresh home whose ~/.ssh/config names the rig ("rigbox"), with these
// known_hosts records for the rig's address.
function homeWith(records: { file: 'user' | 'app'; type: string; base64: string }[]): string {
  const home = homeWithSshConfig(rig)
  for (const r of records) {
    const file = path.join(home, '.ssh', r.file === 'user' ? 'known_hosts' : APP_KNOWN_HOSTS)
    fs.appendFileSync(file, `${recordName()} ${r.type} ${r.base64}\n`)
  }
  return home
}

function coreFor(home: string): Core {
  const core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain: osKeychain(`coopcloud-desktop-test-${crypto.randomBytes(4).toString('hex')}`) })
  cores.push(core)
  return core
}

function snapshot(home: string): Record<string, string | null> {
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null)
  return Object.fromEntries(knownHostsFiles(home).map((f) => [f, read(f)]))
}

beforeAll(() => {
  rig = loadRig()
  scratch = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? '/tmp', 'ccd-keytype-'))
  // The premise of every test below: sshd has no ECDSA host key.
  expect(rig.sshd.hostKeyFiles.map((f) => fs.readFileSync(`${f}.pub`, 'utf8').split(' ')[0]).sort()).toEqual(['ssh-ed25519', 'ssh-rsa'])
})

afterEach(async () => {
  for (const l of links.splice(0)) l.close()
  for (const c of cores.splice(0)) await c.close()
})

describe('a key of another type than the one on record', () => {
  it.each(['user', 'app'] as const)('is refused as changed by the probe, trust, servers.add and the CLI (record in the %s file)', async (where) => {
    const recorded = madeUpKey('ecdsa', `ecdsa-${where}`)
    const home = homeWith([{ file: where, ...recorded }])
    const core = coreFor(home)
    const before = snapshot(home)

    const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
    expect(probe.status).toBe('changed')
    expect(probe.knownFingerprint).toBe(fingerprintSha256(recorded.base64))
    expect(probe.keyType).toBe('ssh-ed25519') // what sshd showed, having no ECDSA key
    expect(probe.fingerprint).toBe(fingerprintSha256(rigHostKey('ssh-ed25519').base64))

    // No click-through: even a probe the user "confirmed" is not trusted.
    const trust = await callError(core, 'servers.trustHostKey', { probeId: probe.probeId })
    expect(trust.code).toBe('host-key-changed')

    const add = await callError(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
    expect(add.code).toBe('host-key-changed')
    expect(add.message).toMatch(/identity has changed/)
    expect(add.data).toMatchObject({ knownFingerprint: fingerprintSha256(recorded.base64), knownKeyType: recorded.type, keyType: 'ssh-ed25519' })

    // `server add --yes` waves through first meetings only.
    const cli = await serverCommand(core, ['add', 'rigbox', '--yes']).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(cli).toBeInstanceOf(CliError)
    expect((cli as CliError).body.code).toBe('host-key-changed')
    expect((cli as CliError).message).toMatch(/has changed since it was last trusted, so nothing was added/)
    expect((cli as CliError).message).toContain(fingerprintSha256(recorded.base64))

    // Even the right fingerprint given on the command line does not replace a record.
    const given = await serverCommand(core, ['add', 'rigbox', '--trust-host-key', probe.fingerprint]).then(
      () => undefined,
      (e: unknown) => e
    )
    expect((given as CliError).body?.code).toBe('host-key-changed')

    expect(snapshot(home)).toEqual(before)
    expect(fs.existsSync(path.join(home, '.abra/servers/rigbox'))).toBe(false)
  })

  it('is refused by the link itself, with the recorded key in the error', async () => {
    const recorded = madeUpKey('ecdsa', 'ecdsa-link')
    const home = homeWith([{ file: 'user', ...recorded }])
    const l = new SshLink({
      hostname: rig.sshd.host,
      port: rig.sshd.port,
      user: rig.sshd.users.docker,
      identityFiles: [rig.sshd.key],
      defaultIdentities: false,
      home,
      knownHostsFiles: knownHostsFiles(home),
      connectTimeoutMs: 5000
    })
    links.push(l)
    const err = await l.connect().then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(SshError)
    expect((err as SshError).code).toBe('host-key-changed')
    expect((err as SshError).knownKeyType).toBe(recorded.type)
    expect((err as SshError).knownHostsFile).toBe(path.join(home, '.ssh', 'known_hosts'))
    expect(l.state).toBe('failed')
  })
})

describe('a recorded RSA key that still matches', () => {
  it('connects with the RSA key although the server also has ed25519, and trusts nothing new', async () => {
    const home = homeWith([{ file: 'user', ...rigHostKey('ssh-rsa') }])
    const core = coreFor(home)
    const before = snapshot(home)

    const probe = await call(core, 'servers.probeHostKey', { hostname: 'rigbox', port: rig.sshd.port })
    expect(probe).toMatchObject({ status: 'known', keyType: 'ssh-rsa', fingerprint: fingerprintSha256(rigHostKey('ssh-rsa').base64) })

    const added = await call(core, 'servers.add', { kind: 'ssh', host: 'rigbox' })
    expect(added).toMatchObject({ name: 'rigbox', state: 'connected' })
    expect(snapshot(home)).toEqual(before)
  })

  it('the CLI adds it with --yes without asking anything', async () => {
    const home = homeWith([{ file: 'app', ...rigHostKey('ssh-rsa') }])
    const core = coreFor(home)
    expect(await serverCommand(core, ['add', 'rigbox', '--yes'])).toBe(0)
    expect(fs.existsSync(path.join(home, '.abra/servers/rigbox'))).toBe(true)
    // Still one record: the ed25519 key was never shown, so never trusted.
    expect(fs.readFileSync(path.join(home, '.ssh', APP_KNOWN_HOSTS), 'utf8').trim().split('\n')).toHaveLength(1)
  })
})
