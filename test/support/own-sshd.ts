import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'ssh2'
import { freePort } from '../rig/rig'

// An sshd of a test's own, on loopback, for tests that change how a server
// lets people sign in (keys put on it, password sign-in turned off): the
// rig's shared sshd must keep taking passwords for every other test. Unlike
// the rig's, it keeps OpenSSH's defaults where a real server has them:
// ~/.ssh/authorized_keys and StrictModes (so a key file with loose
// permissions is ignored, as on a real server).

export interface OwnSshd {
  host: string
  port: number
  dir: string
  configFile: string
  /** The listening sshd (stays the same process when SIGHUP re-execs it). */
  pid: number
  /** The host key's public line, to trust it without asking. */
  hostKeyPub: string
  log(): string
  stop(): Promise<void>
}

const SSHD = '/usr/sbin/sshd' // absolute: sshd re-execs itself on SIGHUP

function banner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.setTimeout(2000, () => done(false)).once('error', () => done(false))
    s.once('data', (d) => done(d.toString().startsWith('SSH-2.0')))
  })
}

/** authorizedKeysFile: where sshd looks for allowed keys (default ~/.ssh/authorized_keys), to play a server that keeps them elsewhere. */
export async function startOwnSshd(opts: { users: string[]; passwordAuth?: boolean; authorizedKeysFile?: string }): Promise<OwnSshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-own-sshd-'))
  const hostKey = path.join(dir, 'ssh_host_ed25519_key')
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ccd-own-sshd', '-f', hostKey])
  const port = await freePort()
  const configFile = path.join(dir, 'sshd_config')
  fs.writeFileSync(
    configFile,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `PasswordAuthentication ${opts.passwordAuth === false ? 'no' : 'yes'}`,
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      ...(opts.authorizedKeysFile ? [`AuthorizedKeysFile ${opts.authorizedKeysFile}`] : []),
      'UsePAM no',
      `AllowUsers ${opts.users.join(' ')}`,
      'AllowStreamLocalForwarding yes',
      'LogLevel VERBOSE',
      ''
    ].join('\n')
  )
  const logFile = path.join(dir, 'sshd.log')
  // -D: stays our child, so it goes when the test does.
  const child: ChildProcess = spawn(SSHD, ['-D', '-f', configFile, '-E', logFile], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  for (const end = Date.now() + 15_000; !(await banner(port)); ) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL')
      throw new Error(`own sshd did not start on ${port}: ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : 'no log'}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    host: '127.0.0.1',
    port,
    dir,
    configFile,
    pid: child.pid!,
    hostKeyPub: fs.readFileSync(`${hostKey}.pub`, 'utf8').trim(),
    log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** The user's ~/.ssh on the server side gone, as on a fresh account. */
export function forgetServerKeys(user: string): string {
  const home = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).split(':')[5]
  fs.rmSync(path.join(home, '.ssh'), { recursive: true, force: true })
  return home
}

/**
 * Whether this user gets in with exactly this one way (a password, or a key
 * file and its passphrase): no agent, nothing else offered, as OpenSSH or
 * abra would try it.
 */
export function signsIn(
  target: { host: string; port: number },
  username: string,
  how: { password: string } | { keyFile: string; passphrase?: string }
): Promise<boolean> {
  return new Promise((resolve) => {
    const c = new Client()
    c.on('ready', () => {
      c.end()
      resolve(true)
    })
    c.on('error', () => resolve(false))
    const auth = 'password' in how ? { password: how.password } : { privateKey: fs.readFileSync(how.keyFile), passphrase: how.passphrase }
    c.connect({ host: target.host, port: target.port, username, readyTimeout: 10_000, ...auth })
  })
}
