import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AnyAuthMethod, AuthenticationType } from 'ssh2'
import { beforeAll, describe, expect, it } from 'vitest'
import { identityCandidates, loadKeys, planAuth, type AuthPlan, type LoadedKeys } from '../../src-main/ssh/auth'

let dir: string
let plain: string
let locked: string

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ccd-auth-'))
  plain = path.join(dir, 'plain')
  locked = path.join(dir, 'locked')
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', plain])
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret', '-f', locked])
})

describe('loadKeys', () => {
  it('sorts keys into usable, locked and wrong-passphrase', async () => {
    const none = await loadKeys([plain, locked, path.join(dir, 'missing'), `${plain}.pub`])
    expect(none.usable.map((k) => k.file)).toEqual([plain])
    expect(none.locked).toEqual([locked])
    const wrong = await loadKeys([locked], 'nope')
    expect(wrong.wrongPassphrase).toEqual([locked])
    const right = await loadKeys([locked], 'secret')
    expect(right.usable.map((k) => k.file)).toEqual([locked])
  })
})

describe('identityCandidates', () => {
  it('puts explicit files first, then defaults, without duplicates', () => {
    expect(identityCandidates(['/h/.ssh/id_rsa', '/k'], '/h')).toEqual(['/h/.ssh/id_rsa', '/k', '/h/.ssh/id_ed25519', '/h/.ssh/id_ecdsa'])
  })
})

// Drive the handler the way ssh2 does: first call with null, then with the
// methods the server still accepts after each failure.
function run(plan: AuthPlan, serverMethods: AuthenticationType[]): string[] {
  const tried: string[] = []
  let left: AuthenticationType[] | null = null
  for (;;) {
    let picked: AnyAuthMethod | false | undefined
    plan.handler(left as AuthenticationType[], false, (m) => {
      picked = m as AnyAuthMethod | false
    })
    if (!picked) return tried
    tried.push(picked.type)
    left = serverMethods
  }
}

const noKeys: LoadedKeys = { usable: [], locked: [], wrongPassphrase: [] }

describe('planAuth', () => {
  it('tries none, keys, then password, skipping what the server refuses', async () => {
    const keys = await loadKeys([plain])
    const plan = planAuth({ user: 'u', keys, creds: { password: 'pw' } })
    expect(run(plan, ['publickey', 'password'])).toEqual(['none', 'publickey', 'password'])
    const onlyKeys = planAuth({ user: 'u', keys, creds: { password: 'pw' } })
    expect(run(onlyKeys, ['publickey'])).toEqual(['none', 'publickey'])
  })

  it('answers keyboard-interactive with the password when password is not offered', () => {
    const plan = planAuth({ user: 'u', keys: noKeys, creds: { password: 'pw' } })
    expect(run(plan, ['keyboard-interactive'])).toEqual(['none', 'keyboard-interactive'])
    expect(plan.current()).toEqual({ method: 'password' })
  })

  it.each([
    ['a locked key and no passphrase', { ...noKeys, locked: ['/k'] }, {}, ['publickey', 'password'], 'passphrase-needed'],
    ['a wrong passphrase', { ...noKeys, wrongPassphrase: ['/k'] }, { passphrase: 'x' }, ['publickey'], 'passphrase-wrong'],
    ['a rejected password', noKeys, { password: 'x' }, ['publickey', 'password'], 'password-wrong'],
    ['no password for a server that takes one', noKeys, {}, ['publickey', 'password'], 'password-needed'],
    ['keys only and none accepted', noKeys, {}, ['publickey'], 'auth-failed'],
    ['a locked key the server would not take anyway', { ...noKeys, locked: ['/k'] }, {}, ['password'], 'password-needed']
  ] as const)('explains %s', (_name, keys, creds, methods, code) => {
    const plan = planAuth({ user: 'u', keys: keys as LoadedKeys, creds })
    run(plan, [...methods])
    const err = plan.failure({ host: 'h' })
    expect(err.code).toBe(code)
    if (code.startsWith('passphrase')) expect(err.keyFile).toBe('/k')
  })
})
