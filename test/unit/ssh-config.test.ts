import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultIdentityFiles, parseTarget, resolveSshHost } from '../../src-main/ssh/config'

const home = '/home/alice'
const base = { home, localUser: 'alice', env: {} as NodeJS.ProcessEnv }

describe('parseTarget', () => {
  it.each([
    ['example.org', { host: 'example.org', user: undefined, port: undefined }],
    ['bob@example.org', { host: 'example.org', user: 'bob', port: undefined }],
    ['example.org:2222', { host: 'example.org', user: undefined, port: 2222 }],
    ['bob@example.org:2222', { host: 'example.org', user: 'bob', port: 2222 }],
    ['ssh://bob@example.org:2222', { host: 'example.org', user: 'bob', port: 2222 }],
    ['[2001:db8::1]:2222', { host: '2001:db8::1', user: undefined, port: 2222 }],
    ['2001:db8::1', { host: '2001:db8::1', user: undefined, port: undefined }]
  ])('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected)
  })
})

describe('resolveSshHost', () => {
  it('uses plain defaults with no config', () => {
    expect(resolveSshHost({ host: 'example.org' }, { ...base, configText: '' })).toEqual({
      alias: 'example.org',
      hostname: 'example.org',
      user: 'alice',
      port: 22,
      identityFiles: [],
      agentSocket: undefined,
      connectTimeoutMs: undefined,
      identitiesOnly: false
    })
  })

  it('resolves an alias from the config', () => {
    const configText = `
Host web
  HostName 203.0.113.7
  User deploy
  Port 2200
  IdentityFile ~/.ssh/web_key
  ConnectTimeout 5
`
    expect(resolveSshHost('web', { ...base, configText })).toEqual({
      alias: 'web',
      hostname: '203.0.113.7',
      user: 'deploy',
      port: 2200,
      identityFiles: ['/home/alice/.ssh/web_key'],
      agentSocket: undefined,
      connectTimeoutMs: 5000,
      identitiesOnly: false
    })
  })

  it('lets what the user typed win over the config', () => {
    const configText = `Host web\n  HostName web.example.org\n  User deploy\n  Port 2200\n`
    const r = resolveSshHost({ host: 'web', user: 'root', port: 22 }, { ...base, configText })
    expect(r).toMatchObject({ hostname: 'web.example.org', user: 'root', port: 22 })
  })

  it('takes the first value, so specific hosts before Host * win', () => {
    const configText = `
Host web
  User deploy
Host *
  User fallback
  Port 2222
  IdentityFile ~/.ssh/common
`
    const r = resolveSshHost('web', { ...base, configText })
    expect(r).toMatchObject({ user: 'deploy', port: 2222, identityFiles: ['/home/alice/.ssh/common'] })
    expect(resolveSshHost('other', { ...base, configText }).user).toBe('fallback')
  })

  it('keys directives case-insensitively', () => {
    const configText = `host web\n  hostname web.example.org\n  USER deploy\n  identityfile ~/k\n`
    expect(resolveSshHost('web', { ...base, configText })).toMatchObject({
      hostname: 'web.example.org',
      user: 'deploy',
      identityFiles: ['/home/alice/k']
    })
  })

  it('collects several IdentityFile lines in order and expands tokens', () => {
    const configText = `
Host web
  HostName %h.example.org
  User deploy
  IdentityFile %d/.ssh/%u-%r@%h
  IdentityFile ~/.ssh/second
  IdentityFile relative_key
  IdentityFile "%d/with space"
`
    const r = resolveSshHost('web', { ...base, configText })
    expect(r.hostname).toBe('web.example.org')
    expect(r.identityFiles).toEqual([
      '/home/alice/.ssh/alice-deploy@web.example.org',
      '/home/alice/.ssh/second',
      '/home/alice/relative_key',
      '/home/alice/with space'
    ])
  })

  it('reads IdentitiesOnly', () => {
    const configText = `Host web\n  IdentitiesOnly yes\n  IdentityFile ~/.ssh/web\n`
    expect(resolveSshHost('web', { ...base, configText }).identitiesOnly).toBe(true)
    expect(resolveSshHost('other', { ...base, configText }).identitiesOnly).toBe(false)
  })

  it('matches wildcard hosts', () => {
    const configText = `Host *.internal\n  User ops\n  Port 2022\n`
    expect(resolveSshHost('db.internal', { ...base, configText })).toMatchObject({ hostname: 'db.internal', user: 'ops', port: 2022 })
  })

  describe('agent socket', () => {
    it('defaults to SSH_AUTH_SOCK', () => {
      const r = resolveSshHost('x', { ...base, configText: '', env: { SSH_AUTH_SOCK: '/tmp/agent.sock' } })
      expect(r.agentSocket).toBe('/tmp/agent.sock')
    })
    it('honours IdentityAgent none', () => {
      const r = resolveSshHost('x', { ...base, configText: 'IdentityAgent none\n', env: { SSH_AUTH_SOCK: '/tmp/a' } })
      expect(r.agentSocket).toBeUndefined()
    })
    it('expands ~ and environment variables in IdentityAgent', () => {
      expect(resolveSshHost('x', { ...base, configText: 'IdentityAgent ~/.1password/agent.sock\n' }).agentSocket).toBe(
        '/home/alice/.1password/agent.sock'
      )
      expect(resolveSshHost('x', { ...base, configText: 'IdentityAgent $MY_SOCK\n', env: { MY_SOCK: '/run/s' } }).agentSocket).toBe(
        '/run/s'
      )
      expect(resolveSshHost('x', { ...base, configText: 'IdentityAgent SSH_AUTH_SOCK\n', env: { SSH_AUTH_SOCK: '/run/a' } }).agentSocket).toBe(
        '/run/a'
      )
    })
  })

  it('reads <home>/.ssh/config and its Include files', () => {
    const tmpHome = mkdtempSync(path.join(os.tmpdir(), 'ccd-cfg-'))
    mkdirSync(path.join(tmpHome, '.ssh', 'config.d'), { recursive: true })
    writeFileSync(path.join(tmpHome, '.ssh', 'config'), 'Include config.d/*\n\nHost *\n  User everyone\n')
    writeFileSync(path.join(tmpHome, '.ssh', 'config.d', 'web.conf'), 'Host web\n  HostName 198.51.100.4\n  User web\n')
    const r = resolveSshHost('web', { home: tmpHome, localUser: 'alice', env: {} })
    expect(r).toMatchObject({ hostname: '198.51.100.4', user: 'web' })
    expect(resolveSshHost('else', { home: tmpHome, localUser: 'alice', env: {} }).user).toBe('everyone')
  })

  it('ignores Match exec instead of running it', () => {
    const configText = `Match exec "exit 0"\n  User executed\n`
    expect(resolveSshHost('x', { ...base, configText }).user).toBe('alice')
  })

  it('treats a missing config file as empty', () => {
    const tmpHome = mkdtempSync(path.join(os.tmpdir(), 'ccd-cfg-'))
    expect(resolveSshHost('example.org', { home: tmpHome, localUser: 'alice', env: {} })).toMatchObject({
      hostname: 'example.org',
      user: 'alice',
      port: 22
    })
  })
})

describe('defaultIdentityFiles', () => {
  it('lists the OpenSSH defaults in order', () => {
    expect(defaultIdentityFiles('/h')).toEqual(['/h/.ssh/id_ed25519', '/h/.ssh/id_ecdsa', '/h/.ssh/id_rsa'])
  })
})
