import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  checkHostKey,
  fingerprintSha256,
  hashHostName,
  hostKeyAlgorithms,
  hostKeyName,
  parseKnownHosts,
  recordedKeyTypes,
  trustHostKey
} from '../../src-main/ssh/known-hosts'

// Real keys from ssh-keygen, so fingerprints and blobs are what servers send.
interface Key {
  type: string
  base64: string
  blob: Buffer
  pubFile: string
}

let dir: string
const keys: Record<string, Key> = {}

function makeKey(name: string, type: 'ed25519' | 'rsa' | 'ecdsa'): Key {
  const file = path.join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file, '-C', name])
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/)
  return { type: keyType, base64, blob: Buffer.from(base64, 'base64'), pubFile: `${file}.pub` }
}

function file(name: string, text: string): string {
  const p = path.join(dir, name)
  writeFileSync(p, text)
  return p
}

const knownHosts = (name: string, lines: string[]): string => file(name, lines.join('\n') + '\n')

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ccd-kh-'))
  keys.ed = makeKey('ed', 'ed25519')
  keys.ed2 = makeKey('ed2', 'ed25519')
  keys.rsa = makeKey('rsa', 'rsa')
  keys.ecdsa = makeKey('ecdsa', 'ecdsa')
})

describe('fingerprintSha256', () => {
  for (const name of ['ed', 'rsa', 'ecdsa']) {
    it(`matches ssh-keygen -lf for ${name}`, () => {
      const k = keys[name]
      const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', k.pubFile], { encoding: 'utf8' })
      const expected = out.split(/\s+/)[1]
      expect(fingerprintSha256(k.blob)).toBe(expected)
      expect(fingerprintSha256(k.base64)).toBe(expected)
    })
  }
})

describe('parseKnownHosts', () => {
  it('skips comments, blank lines and unknown markers; reads markers', () => {
    const text = [
      '# a comment',
      '',
      `example.org ${keys.ed.type} ${keys.ed.base64} comment here`,
      `@revoked * ${keys.rsa.type} ${keys.rsa.base64}`,
      `@cert-authority *.example.org ${keys.ecdsa.type} ${keys.ecdsa.base64}`,
      `@bogus x ${keys.ed.type} ${keys.ed.base64}`,
      'truncated-line ssh-ed25519'
    ].join('\n')
    const entries = parseKnownHosts(text)
    expect(entries.map((e) => [e.marker, e.hosts, e.line])).toEqual([
      [undefined, 'example.org', 3],
      ['revoked', '*', 4],
      ['cert-authority', '*.example.org', 5]
    ])
  })
})

describe('hostKeyName', () => {
  it('brackets non-default ports and lowercases', () => {
    expect(hostKeyName('Example.ORG')).toBe('example.org')
    expect(hostKeyName('example.org', 2222)).toBe('[example.org]:2222')
  })
})

describe('checkHostKey', () => {
  const hashed = (name: string) => hashHostName(name, randomBytes(20))

  const cases: {
    name: string
    lines: () => string[]
    host: string
    port?: number
    key: () => Key
    expect: string
  }[] = [
    { name: 'plain host, port 22', lines: () => [`example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed, expect: 'known' },
    { name: 'host names are case-insensitive', lines: () => [`Example.Org ${keys.ed.type} ${keys.ed.base64}`], host: 'EXAMPLE.org', key: () => keys.ed, expect: 'known' },
    { name: 'bracketed port', lines: () => [`[example.org]:2222 ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', port: 2222, key: () => keys.ed, expect: 'known' },
    { name: 'bare entry does not cover another port', lines: () => [`example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', port: 2222, key: () => keys.ed, expect: 'unknown' },
    { name: 'bracketed entry does not cover port 22', lines: () => [`[example.org]:2222 ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed, expect: 'unknown' },
    { name: 'comma list', lines: () => [`other.org,example.org,10.0.0.1 ${keys.ed.type} ${keys.ed.base64}`], host: '10.0.0.1', key: () => keys.ed, expect: 'known' },
    { name: 'wildcard', lines: () => [`*.example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'a.example.org', key: () => keys.ed, expect: 'known' },
    { name: 'negation vetoes the line', lines: () => [`*.example.org,!bad.example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'bad.example.org', key: () => keys.ed, expect: 'unknown' },
    { name: 'hashed entry', lines: () => [`${hashed('example.org')} ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed, expect: 'known' },
    { name: 'hashed entry with port', lines: () => [`${hashed('[example.org]:2222')} ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', port: 2222, key: () => keys.ed, expect: 'known' },
    { name: 'hashed entry for another host', lines: () => [`${hashed('other.org')} ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed, expect: 'unknown' },
    { name: 'same type, different key: changed', lines: () => [`example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed2, expect: 'changed' },
    { name: 'hashed, same type, different key: changed', lines: () => [`${hashed('example.org')} ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed2, expect: 'changed' },
    // As OpenSSH warns: a key of a new type where another type is on record is not a first meeting.
    { name: 'only other key types recorded: changed', lines: () => [`example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.rsa, expect: 'changed' },
    {
      name: 'a matching key wins over a differing one',
      lines: () => [`example.org ${keys.ed2.type} ${keys.ed2.base64}`, `example.org ${keys.ed.type} ${keys.ed.base64}`],
      host: 'example.org',
      key: () => keys.ed,
      expect: 'known'
    },
    { name: 'revoked key', lines: () => [`@revoked * ${keys.ed.type} ${keys.ed.base64}`, `example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed, expect: 'revoked' },
    { name: 'cert-authority lines do not vouch', lines: () => [`@cert-authority example.org ${keys.ed.type} ${keys.ed.base64}`], host: 'example.org', key: () => keys.ed, expect: 'unknown' },
    { name: 'empty file', lines: () => [], host: 'example.org', key: () => keys.ed, expect: 'unknown' }
  ]

  cases.forEach((c, i) => {
    it(c.name, async () => {
      const f = file(`kh-${i}`, c.lines().join('\n') + '\n')
      const k = c.key()
      const res = await checkHostKey({ host: c.host, port: c.port, keyType: k.type, keyBlob: k.blob, files: [f] })
      expect(res.status).toBe(c.expect)
      if (res.status === 'changed') expect(res.knownFingerprint).toBe(fingerprintSha256(keys.ed.blob))
    })
  })

  it('reads several files and tolerates missing ones', async () => {
    const a = file('multi-a', `other.org ${keys.ed.type} ${keys.ed.base64}\n`)
    const b = file('multi-b', `example.org ${keys.ed.type} ${keys.ed.base64}\n`)
    const res = await checkHostKey({ host: 'example.org', keyBlob: keys.ed.blob, files: [path.join(dir, 'missing'), a, b] })
    expect(res).toEqual({ status: 'known' })
  })

  it('recognises entries hashed by ssh-keygen -H', async () => {
    const f = file('to-hash', `[example.org]:2222 ${keys.ed.type} ${keys.ed.base64}\nexample.net ${keys.rsa.type} ${keys.rsa.base64}\n`)
    execFileSync('ssh-keygen', ['-H', '-f', f], { stdio: 'ignore' })
    expect(readFileSync(f, 'utf8')).toMatch(/^\|1\|/)
    expect((await checkHostKey({ host: 'example.org', port: 2222, keyBlob: keys.ed.blob, files: [f] })).status).toBe('known')
    expect((await checkHostKey({ host: 'example.net', keyBlob: keys.rsa.blob, files: [f] })).status).toBe('known')
    expect((await checkHostKey({ host: 'example.org', keyBlob: keys.ed.blob, files: [f] })).status).toBe('unknown')
  })

  it('writes hashes that ssh-keygen -F finds', () => {
    const f = file('our-hash', `${hashHostName('[example.org]:2222', randomBytes(20))} ${keys.ed.type} ${keys.ed.base64}\n`)
    const out = execFileSync('ssh-keygen', ['-F', '[example.org]:2222', '-f', f], { encoding: 'utf8' })
    expect(out).toContain(keys.ed.base64)
  })
})

describe('trustHostKey', () => {
  it('creates the file with mode 600 and makes the key known', async () => {
    const appFile = path.join(dir, 'fresh-home', '.ssh', 'coopcloud-desktop_known_hosts')
    await trustHostKey(appFile, 'example.org', 2222, keys.ed.type, keys.ed.blob)
    expect(statSync(appFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(appFile, 'utf8')).toBe(`[example.org]:2222 ${keys.ed.type} ${keys.ed.base64}\n`)
    const res = await checkHostKey({ host: 'example.org', port: 2222, keyBlob: keys.ed.blob, files: [appFile] })
    expect(res.status).toBe('known')
    // OpenSSH reads it too
    const out = execFileSync('ssh-keygen', ['-F', '[example.org]:2222', '-f', appFile], { encoding: 'utf8' })
    expect(out).toContain(keys.ed.base64)
  })

  it('replaces a same-type key for that host and keeps everything else', async () => {
    const appFile = file(
      'app-replace',
      [
        `# kept comment`,
        `example.org ${keys.ed.type} ${keys.ed.base64}`,
        `example.org ${keys.rsa.type} ${keys.rsa.base64}`,
        `other.org ${keys.ed.type} ${keys.ed.base64}`
      ].join('\n') + '\n'
    )
    await trustHostKey(appFile, 'example.org', 22, keys.ed2.type, keys.ed2.base64)
    const lines = readFileSync(appFile, 'utf8').trim().split('\n')
    expect(lines).toEqual([
      `# kept comment`,
      `example.org ${keys.rsa.type} ${keys.rsa.base64}`,
      `other.org ${keys.ed.type} ${keys.ed.base64}`,
      `example.org ${keys.ed2.type} ${keys.ed2.base64}`
    ])
    expect((await checkHostKey({ host: 'example.org', keyBlob: keys.ed.blob, files: [appFile] })).status).toBe('changed')
    expect((await checkHostKey({ host: 'example.org', keyBlob: keys.ed2.blob, files: [appFile] })).status).toBe('known')
  })

  it('serialises concurrent trusts without losing one', async () => {
    const appFile = path.join(dir, 'concurrent')
    await Promise.all([
      trustHostKey(appFile, 'a.org', 22, keys.ed.type, keys.ed.blob),
      trustHostKey(appFile, 'b.org', 22, keys.ed.type, keys.ed.blob),
      trustHostKey(appFile, 'c.org', 22, keys.rsa.type, keys.rsa.blob)
    ])
    expect(readFileSync(appFile, 'utf8').trim().split('\n')).toHaveLength(3)
  })
})

describe('recordedKeyTypes', () => {
  it('lists the key types on record for a host', async () => {
    const f = file('types', `example.org ${keys.rsa.type} ${keys.rsa.base64}\n[example.org]:2 ${keys.ed.type} ${keys.ed.base64}\n`)
    expect(await recordedKeyTypes('example.org', 22, [f])).toEqual(['ssh-rsa'])
  })
})

// Issue 9, defect 4: a key of a new type for a host that has keys of another
// type on record is "changed", never "unknown", and connections ask for the
// recorded types first so a server that still has its recorded key shows it.
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
