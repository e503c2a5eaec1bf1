// Issue 9, defect 4: a key of a new type for a host that has keys of another
// type on record is "changed", never "unknown", and connections ask for the
// recorded types first so a server that still has its recorded key shows it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { checkHostKey, fingerprintSha256, hostKeyAlgorithms } from '../../src-main/ssh/known-hosts'

interface Key {
  type: string
  base64: string
  blob: Buffer
}

let dir: string
const keys: Record<string, Key> = {}

function makeKey(name: string, type: 'ed25519' | 'rsa' | 'ecdsa'): Key {
  const file = path.join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file, '-C', name])
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/)
  return { type: keyType, base64, blob: Buffer.from(base64, 'base64') }
}

function knownHosts(name: string, lines: string[]): string {
  const p = path.join(dir, name)
  writeFileSync(p, lines.join('\n') + '\n')
  return p
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ccd-kh-type-'))
  keys.ed = makeKey('ed', 'ed25519')
  keys.ed2 = makeKey('ed2', 'ed25519')
  keys.rsa = makeKey('rsa', 'rsa')
  keys.ecdsa = makeKey('ecdsa', 'ecdsa')
})

describe('a key of a new type for a known host', () => {
  it('is changed, naming the recorded key, its type, file and line', async () => {
    const f = knownHosts('rsa-only', ['# a comment', `[example.org]:2222 ${keys.rsa.type} ${keys.rsa.base64}`])
    const res = await checkHostKey({ host: 'example.org', port: 2222, keyBlob: keys.ed.blob, files: [f] })
    expect(res).toEqual({
      status: 'changed',
      otherType: true,
      knownKeyType: 'ssh-rsa',
      knownFingerprint: fingerprintSha256(keys.rsa.blob),
      file: f,
      line: 2
    })
  })

  it('is changed when the other type is on record in either file', async () => {
    const user = knownHosts('user-empty', [`other.org ${keys.ed.type} ${keys.ed.base64}`])
    const app = knownHosts('app-ecdsa', [`example.org ${keys.ecdsa.type} ${keys.ecdsa.base64}`])
    const res = await checkHostKey({ host: 'example.org', keyBlob: keys.ed.blob, files: [user, app] })
    expect(res).toMatchObject({ status: 'changed', knownKeyType: keys.ecdsa.type, file: app })
  })

  it('a differing key of the same type is reported before one of another type', async () => {
    const f = knownHosts('both', [`example.org ${keys.rsa.type} ${keys.rsa.base64}`, `example.org ${keys.ed.type} ${keys.ed.base64}`])
    const res = await checkHostKey({ host: 'example.org', keyBlob: keys.ed2.blob, files: [f] })
    expect(res).toMatchObject({ status: 'changed', knownKeyType: keys.ed.type, knownFingerprint: fingerprintSha256(keys.ed.blob), line: 2 })
    expect(res).not.toHaveProperty('otherType')
  })

  it('a matching key of one type makes the host known whatever else is recorded', async () => {
    const f = knownHosts('match', [`example.org ${keys.ecdsa.type} ${keys.ecdsa.base64}`, `example.org ${keys.rsa.type} ${keys.rsa.base64}`])
    expect(await checkHostKey({ host: 'example.org', keyBlob: keys.rsa.blob, files: [f] })).toEqual({ status: 'known' })
  })

  it('records for other hosts, other ports and CA lines do not count', async () => {
    const f = knownHosts('others', [
      `other.org ${keys.rsa.type} ${keys.rsa.base64}`,
      `[example.org]:2222 ${keys.rsa.type} ${keys.rsa.base64}`,
      `@cert-authority example.org ${keys.rsa.type} ${keys.rsa.base64}`
    ])
    expect(await checkHostKey({ host: 'example.org', keyBlob: keys.ed.blob, files: [f] })).toEqual({ status: 'unknown' })
  })
})

describe('hostKeyAlgorithms', () => {
  it('asks for the recorded types first, every RSA signature for an ssh-rsa record', () => {
    expect(hostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'])
    expect(hostKeyAlgorithms(['ecdsa-sha2-nistp256'])[0]).toBe('ecdsa-sha2-nistp256')
  })

  it('still offers every type, each once, so a replaced key can be seen and refused', () => {
    const all = hostKeyAlgorithms([])
    for (const recorded of [['ssh-rsa'], ['ecdsa-sha2-nistp256', 'ssh-ed25519'], ['ssh-dss']]) {
      const algos = hostKeyAlgorithms(recorded)
      expect([...algos].sort()).toEqual([...all].sort())
    }
    expect(all[0]).toBe('ssh-ed25519')
  })
})
