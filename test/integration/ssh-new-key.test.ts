import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { utils } from 'ssh2'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { osKeychain, passphraseAccount } from '../../src-main/keychain/keychain'
import { resolveSshHost } from '../../src-main/ssh/config'
import { loadRig, makeHome, type Rig } from '../rig/rig'
import { forgetServerKeys, signsIn, startOwnSshd, type OwnSshd } from '../support/own-sshd'
import { call, callError } from './support'

// "I don't have a key" and "choose a key file", against real sshds: a member
// with only a password ends up signing in with a key the app made, put on
// the server the way ssh-copy-id does.

let rig: Rig
let sshd: OwnSshd
let noPasswords: OwnSshd
let user: string
let serverHome: string
const cores: Core[] = []
const keychainService = `coopcloud-desktop-test-${crypto.randomBytes(4).toString('hex')}`
const keychain = osKeychain(keychainService)

function newHome(trust: OwnSshd[]): string {
  const home = makeHome()
  fs.writeFileSync(path.join(home, '.ssh/known_hosts'), trust.map((s) => `[${s.host}]:${s.port} ${s.hostKeyPub}\n`).join(''))
  return home
}
function newCore(home: string): Core {
  const core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain })
  cores.push(core)
  return core
}
const authorizedKeys = (): string => path.join(serverHome, '.ssh/authorized_keys')

beforeAll(async () => {
  rig = loadRig()
  user = rig.sshd.users.noKey
  sshd = await startOwnSshd({ users: [user] })
  noPasswords = await startOwnSshd({ users: [user], passwordAuth: false })
})
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()))
})
afterAll(async () => {
  await sshd?.stop()
  await noPasswords?.stop()
})

describe('a member without a key', () => {
  it('gets a new key where OpenSSH and abra look, put on the server with the password used once', async () => {
    serverHome = forgetServerKeys(user)
    const home = newHome([sshd])
    const core = newCore(home)
    expect(await call(core, 'keys.list', {})).toEqual([])

    const key = await call(core, 'keys.create', {})
    expect(key.keyFile).toBe(path.join(home, '.ssh/id_ed25519'))
    expect(key.publicKey).toMatch(/^ssh-ed25519 [A-Za-z0-9+/]+=* /)
    expect(fs.statSync(key.keyFile).mode & 0o777).toBe(0o600)
    // Locked with a passphrase that only the keychain holds.
    const passphrase = await keychain.get(passphraseAccount(key.keyFile))
    expect(passphrase).toBeTruthy()
    expect(fs.readFileSync(key.keyFile, 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY')
    expect(utils.parseKey(fs.readFileSync(key.keyFile), 'not the passphrase')).toBeInstanceOf(Error)
    expect(utils.parseKey(fs.readFileSync(key.keyFile), passphrase)).not.toBeInstanceOf(Error)
    // Asked again (the member went back and chose "I don't have a key" again): the same key.
    expect(await call(core, 'keys.create', {})).toEqual(key)
    const listed = await call(core, 'keys.list', {})
    expect(listed).toEqual([expect.objectContaining({ file: key.keyFile, locked: true, type: 'ssh-ed25519', fingerprint: key.fingerprint })])

    // Before: the server has no key for this user, and the key can't sign in.
    expect(fs.existsSync(authorizedKeys())).toBe(false)
    expect(await signsIn(sshd, user, { keyFile: key.keyFile, passphrase })).toBe(false)

    const s = await call(core, 'servers.add', {
      kind: 'ssh',
      host: sshd.host,
      port: sshd.port,
      user,
      name: 'newkey',
      keyFile: key.keyFile,
      installKey: true,
      password: rig.sshd.password
    })
    expect(s).toMatchObject({ name: 'newkey', state: 'connected' })
    // As ssh-copy-id leaves it: 700 and 600 (this sshd has StrictModes on), one line.
    expect(fs.statSync(path.join(serverHome, '.ssh')).mode & 0o777).toBe(0o700)
    expect(fs.statSync(authorizedKeys()).mode & 0o777).toBe(0o600)
    expect(fs.readFileSync(authorizedKeys(), 'utf8')).toBe(`${key.publicKey}\n`)
    // The key signs in by itself now; id_ed25519 is found without ~/.ssh/config.
    expect(await signsIn(sshd, user, { keyFile: key.keyFile, passphrase })).toBe(true)
    expect(fs.existsSync(path.join(home, '.ssh/config'))).toBe(false)
    // The password was not remembered anywhere.
    expect(await keychain.get(`password:${user}@${sshd.host}:${sshd.port}`)).toBeUndefined()

    // A fresh start of the app signs in with the key alone.
    const again = newCore(home)
    expect(await call(again, 'servers.connect', { name: 'newkey' })).toMatchObject({ state: 'connected' })
  })

  it('two asks at the same moment (two windows, a double click) make one key', async () => {
    const home = newHome([sshd])
    const core = newCore(home)
    const keys = await Promise.all(Array.from({ length: 4 }, () => call(core, 'keys.create', {})))
    expect(new Set(keys.map((k) => k.keyFile))).toEqual(new Set([path.join(home, '.ssh/id_ed25519')]))
    expect(fs.readdirSync(path.join(home, '.ssh')).filter((f) => f.startsWith('id_')).sort()).toEqual(['id_ed25519', 'id_ed25519.pub'])
  })

  it('a keychain that refuses the passphrase leaves no key behind, and says why', async () => {
    const home = newHome([sshd])
    // The real keychain, except that storing fails (a locked or missing keyring).
    const refusing = { ...keychain, set: async () => Promise.reject(new Error('Platform secure storage failure: locked collection')) }
    const core = createCore({ transport: 'cli', home, env: { HOME: home }, keychain: refusing })
    cores.push(core)
    expect(await callError(core, 'keys.create', {})).toMatchObject({ code: 'keychain-unavailable', message: expect.stringMatching(/Unlock your keychain/) })
    // A key whose passphrase is nowhere could never be unlocked: neither file stays.
    expect(fs.readdirSync(path.join(home, '.ssh')).filter((f) => f.startsWith('id_'))).toEqual([])
  })

  it('puts the key there once however often it runs, after a last line without a newline', async () => {
    serverHome = forgetServerKeys(user)
    fs.mkdirSync(path.join(serverHome, '.ssh'), { mode: 0o755 })
    const other = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyOtherKeyOtherKeyOtherKeyOtherKey0 someone-else'
    fs.writeFileSync(authorizedKeys(), other, { mode: 0o644 }) // no newline at the end
    const { uid, gid } = fs.statSync(serverHome)
    fs.chownSync(path.join(serverHome, '.ssh'), uid, gid)
    fs.chownSync(authorizedKeys(), uid, gid)

    const home = newHome([sshd])
    const core = newCore(home)
    const key = await call(core, 'keys.create', {})
    const input = { kind: 'ssh' as const, host: sshd.host, port: sshd.port, user, keyFile: key.keyFile, installKey: true, password: rig.sshd.password }
    await call(core, 'servers.add', { ...input, name: 'twice' })
    await call(core, 'servers.remove', { name: 'twice' })
    await call(core, 'servers.add', { ...input, name: 'twice' })
    expect(fs.readFileSync(authorizedKeys(), 'utf8')).toBe(`${other}\n${key.publicKey}\n`)
    // Permissions loose before are made what sshd's StrictModes wants.
    expect(fs.statSync(path.join(serverHome, '.ssh')).mode & 0o777).toBe(0o700)
    expect(fs.statSync(authorizedKeys()).mode & 0o777).toBe(0o600)
  })

  it('a wrong password changes nothing on the server and asks again', async () => {
    serverHome = forgetServerKeys(user)
    const home = newHome([sshd])
    const core = newCore(home)
    const key = await call(core, 'keys.create', {})
    const err = await callError(core, 'servers.add', { kind: 'ssh', host: sshd.host, port: sshd.port, user, keyFile: key.keyFile, installKey: true, password: 'wrong' })
    expect(err.code).toBe('password-wrong')
    expect(fs.existsSync(path.join(serverHome, '.ssh'))).toBe(false)
    expect(await call(core, 'servers.list', {})).toEqual([])
  })

  it('a server that takes no passwords: says to add the key on the hosting provider’s page', async () => {
    serverHome = forgetServerKeys(user)
    const home = newHome([noPasswords])
    const core = newCore(home)
    const key = await call(core, 'keys.create', {})
    const err = await callError(core, 'servers.add', {
      kind: 'ssh',
      host: noPasswords.host,
      port: noPasswords.port,
      user,
      keyFile: key.keyFile,
      installKey: true,
      password: rig.sshd.password
    })
    expect(err.code).toBe('password-not-accepted')
    expect(err.message).toMatch(/hosting provider's "SSH keys" page/)
    // Once the member has pasted it there (here: written by hand), the key signs in.
    fs.mkdirSync(path.join(serverHome, '.ssh'), { mode: 0o700 })
    fs.writeFileSync(authorizedKeys(), `${key.publicKey}\n`, { mode: 0o600 })
    const { uid, gid } = fs.statSync(serverHome)
    fs.chownSync(path.join(serverHome, '.ssh'), uid, gid)
    fs.chownSync(authorizedKeys(), uid, gid)
    const s = await call(core, 'servers.add', { kind: 'ssh', host: noPasswords.host, port: noPasswords.port, user, name: 'pasted', keyFile: key.keyFile })
    expect(s.state).toBe('connected')
  })
})

describe('a server that keeps its allowed keys elsewhere', () => {
  it('"Set up a key" says the key was not accepted, and ~/.ssh/config is not told to use it', async () => {
    forgetServerKeys(user)
    const elsewhere = await startOwnSshd({ users: [user], authorizedKeysFile: '/nonexistent/%u/keys' })
    try {
      const home = newHome([elsewhere])
      const core = newCore(home)
      await call(core, 'servers.add', { kind: 'ssh', host: elsewhere.host, port: elsewhere.port, user, name: 'elsewhere', password: rig.sshd.password })
      // A key under a name OpenSSH doesn't look for by itself: the kind the app names in ~/.ssh/config.
      const keyFile = path.join(home, '.ssh/work_key')
      fs.copyFileSync(rig.sshd.key, keyFile, fs.constants.COPYFILE_EXCL)
      fs.chmodSync(keyFile, 0o600)
      // The key lands in ~/.ssh/authorized_keys, which this sshd doesn't read.
      expect(await callError(core, 'servers.addKey', { name: 'elsewhere', keyFile })).toMatchObject({ code: 'key-not-accepted', message: expect.stringMatching(/SSH keys/) })
      // A key the server ignores must not become the host's IdentityFile (abra would then offer it first).
      expect(fs.existsSync(path.join(home, '.ssh/config')) ? fs.readFileSync(path.join(home, '.ssh/config'), 'utf8') : '').not.toMatch(/IdentityFile/)
    } finally {
      await elsewhere.stop()
    }
  })
})

describe('choosing a key file', () => {
  it('a key under another name is used, and named for the host in ~/.ssh/config so abra uses it too', async () => {
    const home = makeHome()
    fs.writeFileSync(path.join(home, '.ssh/known_hosts'), fs.readFileSync(`${rig.sshd.hostKeyFiles[0]}.pub`, 'utf8').replace(/^/, `[${rig.sshd.host}]:${rig.sshd.port} `))
    fs.copyFileSync(rig.sshd.key, path.join(home, '.ssh/work_key'), fs.constants.COPYFILE_EXCL)
    fs.chmodSync(path.join(home, '.ssh/work_key'), 0o600)
    // Settings for every host come first; ours must not end up under them.
    fs.writeFileSync(path.join(home, '.ssh/config'), 'ServerAliveInterval 30\n\nHost *\n  IdentitiesOnly no\n')
    const core = newCore(home)
    expect((await call(core, 'keys.list', {})).map((k) => k.file)).toEqual([path.join(home, '.ssh/work_key')])

    const s = await call(core, 'servers.add', { kind: 'ssh', host: rig.sshd.host, port: rig.sshd.port, user: rig.sshd.users.docker, name: 'chosen', keyFile: '.ssh/work_key' })
    expect(s.state).toBe('connected')
    const config = fs.readFileSync(path.join(home, '.ssh/config'), 'utf8')
    expect(config.startsWith('ServerAliveInterval 30\n')).toBe(true)
    expect(config).toMatch(new RegExp(`Host ${rig.sshd.host.replace(/\./g, '\\.')}\\n\\s+IdentityFile ~/\\.ssh/work_key\\n`))
    expect(config.indexOf(`Host ${rig.sshd.host}`)).toBeLessThan(config.indexOf('Host *'))
    expect(resolveSshHost({ host: rig.sshd.host }, { home }).identityFiles).toEqual([path.join(home, '.ssh/work_key')])

    // Added again (another name, same host): the config is not touched twice.
    await call(core, 'servers.add', { kind: 'ssh', host: rig.sshd.host, port: rig.sshd.port, user: rig.sshd.users.docker, name: 'chosen-2', keyFile: '.ssh/work_key' })
    expect(fs.readFileSync(path.join(home, '.ssh/config'), 'utf8')).toBe(config)
    // A fresh app start finds it through the config alone.
    expect(await call(newCore(home), 'servers.connect', { name: 'chosen' })).toMatchObject({ state: 'connected' })
  })

  it('refuses a file outside the home folder, and a file that is not a private key', async () => {
    const home = makeHome()
    const core = newCore(home)
    fs.writeFileSync(path.join(home, '.ssh/mine.pub'), 'ssh-ed25519 AAAA me\n')
    const input = { kind: 'ssh' as const, host: rig.sshd.host, port: rig.sshd.port, user: rig.sshd.users.docker }
    expect((await callError(core, 'servers.add', { ...input, keyFile: rig.sshd.key })).code).toBe('forbidden-path')
    expect((await callError(core, 'servers.add', { ...input, keyFile: '../../etc/passwd' })).code).toBe('forbidden-path')
    const notKey = await callError(core, 'servers.add', { ...input, keyFile: path.join(home, '.ssh/mine.pub') })
    expect(notKey.code).toBe('key-file-unusable')
    expect(notKey.message).toMatch(/without "\.pub"/)
  })
})
