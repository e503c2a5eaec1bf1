import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src-main/contract/errors'
import { createCore, type Core } from '../../src-main/core/core'
import type { JobContext } from '../../src-main/core/jobs'
import { osKeychain } from '../../src-main/keychain/keychain'
import { EventBus } from '../../src-main/api/events'
import { resolvePaths } from '../../src-main/core/paths'
import { Connections, type ServerConn } from '../../src-main/servers/connections'
import { readServer } from '../../src-main/servers/store'
import type { AuthUsed } from '../../src-main/ssh/link'
import { turnOffPasswords } from '../../src-main/servers/password-off'
import { authMethods } from '../../src-main/ssh/auth-methods'
import { SshError } from '../../src-main/ssh/errors'
import { loadRig, makeHome, type Rig } from '../rig/rig'
import { forgetServerKeys, signsIn, startOwnSshd, type OwnSshd } from '../support/own-sshd'
import { runCli } from '../support/cli'
import { call, sleep, waitFor } from './support'

// Turning off password sign-in on a real sshd (one of the test's own), and
// the ways it must never lock anyone out: no key proven, the proof failing,
// the connection lost before the change is kept (the server's own timer
// undoes it), and running it twice.

// The server's undo window. Within it the app makes a fresh sign-in with a
// passphrase-locked key (a bcrypt KDF) and asks which methods are offered;
// with both cores busy that took over 4 s, so the server undid a change the
// app was about to keep (the app then reported the truth: settings back).
// 12 s keeps the test quick while leaving that room; the app's default is 60.
const UNDO_SECONDS = 12
let rig: Rig
let sshd: OwnSshd
let user: string
let home: string
let core: Core
let originalConfig: string
const cores: Core[] = []
const keychain = osKeychain(`coopcloud-desktop-test-${crypto.randomBytes(4).toString('hex')}`)

function newCore(h: string): Core {
  const c = createCore({ transport: 'cli', home: h, env: { HOME: h, CCD_SIGN_IN_UNDO_SECONDS: String(UNDO_SECONDS) }, keychain })
  cores.push(c)
  return c
}
function trustingHome(): string {
  const h = makeHome()
  fs.writeFileSync(path.join(h, '.ssh/known_hosts'), `[${sshd.host}]:${sshd.port} ${sshd.hostKeyPub}\n`)
  return h
}
const methodsNow = (): Promise<string[]> =>
  authMethods({ hostname: sshd.host, port: sshd.port, user, knownHostsFiles: [path.join(home, '.ssh/known_hosts')] })

const passwordSignIn = (): Promise<boolean> => signsIn(sshd, user, { password: rig.sshd.password })
// The server-side home of the test user (its ~/.ssh holds the keys put there).
const forgetlessHome = (): string => execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).split(':')[5]
const leftovers = (): string[] => fs.readdirSync(sshd.dir).filter((f) => f.includes('.ccd-'))
const ctx = (): JobContext & { lines: string[] } => {
  const lines: string[] = []
  return { lines, step: () => {}, log: (t) => lines.push(t), percent: () => {}, signal: new AbortController().signal }
}
// The settings back as the test found them, and sshd reloaded.
async function restoreSshd(): Promise<void> {
  fs.writeFileSync(sshd.configFile, originalConfig)
  process.kill(sshd.pid, 'SIGHUP')
  await waitFor('password sign-in back on', async () => (await methodsNow().catch((): string[] => [])).includes('password'), 15_000)
}

beforeAll(async () => {
  rig = loadRig()
  user = rig.sshd.users.noKey
  forgetServerKeys(user)
  sshd = await startOwnSshd({ users: [user] })
  originalConfig = fs.readFileSync(sshd.configFile, 'utf8')
  // The member's key, put on the server the app's way.
  home = trustingHome()
  core = newCore(home)
  const key = await call(core, 'keys.create', {})
  await call(core, 'servers.add', { kind: 'ssh', host: sshd.host, port: sshd.port, user, name: 'box', keyFile: key.keyFile, installKey: true, password: rig.sshd.password })
}, 60_000)
afterEach(async () => {
  await restoreSshd()
})
afterAll(async () => {
  await own?.closeAll()
  await Promise.all(cores.map((c) => c.close()))
  await sshd?.stop()
})

describe('turning off password sign-in', () => {
  it('is offered once a key signs in, proven with a fresh connection, kept past the undo timer, and safe to run twice', async () => {
    const check = (await call(core, 'servers.check', { name: 'box' })).find((c) => c.id === 'password-sign-in')
    expect(check).toMatchObject({ ok: false, fix: { action: 'password-off' } })

    const job = await core.jobs.wait((await call(core, 'servers.passwordOff', { name: 'box' })).jobId)
    expect(job.status, `${job.log.join('')} ${JSON.stringify(job.error)}`).toBe('done')
    expect(await methodsNow()).not.toContain('password')
    expect(await passwordSignIn()).toBe(false)
    expect(fs.readFileSync(sshd.configFile, 'utf8').startsWith('# Co-op Cloud Desktop: password sign-in turned off')).toBe(true)
    expect(leftovers()).toEqual([])
    // The server's timer found the change kept, and left it.
    await sleep((UNDO_SECONDS + 2) * 1000)
    expect(await methodsNow()).not.toContain('password')
    // The app's own connection, and a fresh start of the app, sign in with the key.
    expect(await call(newCore(home), 'servers.connect', { name: 'box' })).toMatchObject({ state: 'connected' })
    expect((await call(core, 'servers.check', { name: 'box' })).find((c) => c.id === 'password-sign-in')).toMatchObject({ ok: true })

    const config = fs.readFileSync(sshd.configFile, 'utf8')
    const again = await core.jobs.wait((await call(core, 'servers.passwordOff', { name: 'box' })).jobId)
    expect(again.status).toBe('done')
    expect(again.log.join('')).toMatch(/already takes keys only/)
    expect(fs.readFileSync(sshd.configFile, 'utf8')).toBe(config)
  }, 60_000)

  it('is refused when the app signed in with a password: nothing changes', async () => {
    const pwHome = trustingHome()
    const pwCore = newCore(pwHome)
    await call(pwCore, 'servers.add', { kind: 'ssh', host: sshd.host, port: sshd.port, user, name: 'pw', password: rig.sshd.password })
    const check = (await call(pwCore, 'servers.check', { name: 'pw' })).find((c) => c.id === 'password-sign-in')
    expect(check?.fix?.action).toBe('set-up-key')
    const job = await pwCore.jobs.wait((await call(pwCore, 'servers.passwordOff', { name: 'pw' })).jobId)
    expect(job).toMatchObject({ status: 'failed', error: { code: 'key-not-proven' } })
    expect(fs.readFileSync(sshd.configFile, 'utf8')).toBe(originalConfig)
    expect(await passwordSignIn()).toBe(true)

    // "Set up a key": added through the password connection, proven, and used from then on.
    const key = await call(pwCore, 'keys.create', {})
    await call(pwCore, 'servers.addKey', { name: 'pw', keyFile: key.keyFile })
    const authorized = fs.readFileSync(path.join(forgetlessHome(), '.ssh/authorized_keys'), 'utf8')
    expect(authorized.split('\n').filter((l) => l === key.publicKey)).toHaveLength(1)
    expect((await call(pwCore, 'servers.check', { name: 'pw' })).find((c) => c.id === 'password-sign-in')?.fix?.action).toBe('password-off')
  })

  it('a failed proof puts the settings back at once', async () => {
    const { conn } = await ownConnections()
    let proofs = 0
    const c = ctx()
    const err = await turnOffPasswords(
      {
        conn,
        // The first sign-in (before) works; the proof after the change does not, as if the key stopped working.
        freshKeySignIn: async () => {
          if (proofs++ === 0) return { method: 'publickey', keyFile: 'k' }
          throw new SshError('auth-failed', { host: sshd.host })
        },
        methods: methodsNow,
        revertAfterSec: 60
      },
      c
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SshError)
    expect(c.lines.join('')).toMatch(/old settings are back/)
    // At once, not after the minute: the settings are byte for byte as before.
    expect(fs.readFileSync(sshd.configFile, 'utf8')).toBe(originalConfig)
    expect(leftovers()).toEqual([])
    // sshd re-executes itself on reload and refuses connections for a moment.
    await waitFor('password sign-in on again', async () => (await methodsNow().catch((): string[] => [])).includes('password'), 10_000)
    expect(await passwordSignIn()).toBe(true)
  })

  it('a connection lost before the change is kept: the server undoes it by itself within the time', async () => {
    const { conn: real, provenByKey } = await ownConnections()
    let applied = false
    // The link to the server is gone right after the change went in: the
    // app can neither keep nor undo it.
    const conn: ServerConn = {
      ...real,
      exec: async (cmd, opts) => {
        if (applied) throw new SshError('closed', { host: sshd.host })
        const res = await real.exec(cmd, opts)
        if (res.stdout.includes('applied')) applied = true
        return res
      }
    }
    const c = ctx()
    const err = await turnOffPasswords({ conn, freshKeySignIn: provenByKey, methods: methodsNow, revertAfterSec: UNDO_SECONDS }, c).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('change-not-kept')
    expect((err as ApiError).message).toMatch(new RegExp(`back on by itself within ${UNDO_SECONDS} seconds`))
    // Right now it is off (the proof passed)...
    expect(await methodsNow()).not.toContain('password')
    // ...and the server's own timer brings it back, with the settings as they were.
    await waitFor('the server to undo the change', async () => (await methodsNow().catch((): string[] => [])).includes('password'), (UNDO_SECONDS + 10) * 1000)
    expect(fs.readFileSync(sshd.configFile, 'utf8')).toBe(originalConfig)
    expect(leftovers()).toEqual([])
    expect(await passwordSignIn()).toBe(true)
  }, 60_000)
})

// A connection to "box" made the way the core makes its own, and a fresh
// key-only sign-in like the job's proof.
let own: Connections | undefined
async function ownConnections(): Promise<{ conn: ServerConn; provenByKey: () => Promise<AuthUsed | undefined> }> {
  own ??= new Connections(resolvePaths({ HOME: home }, home), { HOME: home }, new EventBus(), keychain)
  const server = await readServer(resolvePaths({ HOME: home }, home), 'box', { user })
  return { conn: await own.open(server), provenByKey: () => own!.proveKeySignIn(server) }
}

describe('turning off password sign-in from the command line', () => {
  it('runs the same proven job, shows its steps and says the true state', async () => {
    const bin = path.resolve(import.meta.dirname, '../../bin/coopcloud-desktop.mjs')
    if (!fs.existsSync(path.resolve(import.meta.dirname, '../../out/main/cli.js'))) throw new Error('out/main/cli.js is missing: npm test builds it first.')
    // A home whose key (not locked: a terminal user's usual key) the server already allows.
    const cliHome = trustingHome()
    fs.copyFileSync(rig.sshd.key, path.join(cliHome, '.ssh/id_ed25519'))
    fs.chmodSync(path.join(cliHome, '.ssh/id_ed25519'), 0o600)
    const pub = execFileSync('ssh-keygen', ['-y', '-f', rig.sshd.key], { encoding: 'utf8' }).trim()
    fs.appendFileSync(path.join(forgetlessHome(), '.ssh/authorized_keys'), `${pub}\n`)
    const env = { CCD_SIGN_IN_UNDO_SECONDS: String(UNDO_SECONDS) }
    const added = await runCli(bin, cliHome, env, ['server', 'add', sshd.host, '--port', String(sshd.port), '--user', user, '--name', 'clibox'])
    expect(added.code, added.stderr).toBe(0)
    const check = await runCli(bin, cliHome, env, ['server', 'check', 'clibox'])
    expect(check.stdout).toContain('Run: coopcloud-desktop server password-off clibox')

    const off = await runCli(bin, cliHome, env, ['server', 'password-off', 'clibox'], { timeoutMs: 120_000 })
    expect(off.code, `${off.stdout}${off.stderr}`).toBe(0)
    expect(off.stdout).toContain('Password sign-in is off on clibox')
    expect(await methodsNow()).not.toContain('password')
    expect(await passwordSignIn()).toBe(false)
  })
})
