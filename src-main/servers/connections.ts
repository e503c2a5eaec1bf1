import { spawn } from 'node:child_process'
import type Docker from 'dockerode'
import type { EventBus } from '../api/events'
import type { ConnectionState } from '../contract/schemas'
import { toErrorBody } from '../contract/errors'
import type { Paths } from '../core/paths'
import { dockerLocal, dockerOverSsh } from '../docker/transport'
import { passphraseAccount, passwordAccount, type Keychain } from '../keychain/keychain'
import { SshError } from '../ssh/errors'
import { SshLink, type AuthUsed } from '../ssh/link'
import { resolveSshHost } from '../ssh/config'
import type { StoredServer } from './store'

export interface ExecResult {
  code: number
  stdout: string
  stderr: string
}
export interface ExecOptions {
  onStdout?: (chunk: string) => void
  onStderr?: (chunk: string) => void
  timeoutMs?: number
}

// What every feature uses to reach a server, local or remote, so none of them
// care which it is.
export interface ServerConn {
  server: StoredServer
  /** Resolves once the connection is usable; with `signal`, stops waiting as soon as it aborts. */
  ready(signal?: AbortSignal): Promise<void>
  docker(): Docker
  exec(cmd: string, opts?: ExecOptions): Promise<ExecResult>
  state(): ConnectionState
  /** How the SSH link signed in (password, a key, the agent); undefined for this computer. */
  signedInWith(): AuthUsed | undefined
  /** The sign-in ways the server offered at the last sign-in (password, publickey…). */
  signInMethods(): string[] | undefined
  close(): Promise<void>
}

export interface Credentials {
  passphrase?: string
  password?: string
  remember?: boolean
}

function localConn(server: StoredServer): ServerConn {
  const docker = dockerLocal(server.socketPath)
  return {
    server,
    ready: async () => {},
    docker: () => docker,
    state: () => 'connected',
    signedInWith: () => undefined,
    signInMethods: () => undefined,
    close: async () => {},
    exec: (cmd, opts = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn('sh', ['-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs })
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d
          opts.onStdout?.(d)
        })
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d
          opts.onStderr?.(d)
        })
        child.on('error', reject)
        child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
      })
  }
}

const linkState = (s: string): ConnectionState =>
  s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : s === 'reconnecting' ? 'reconnecting' : s === 'idle' ? 'unknown' : 'offline'

// One entry per server, made synchronously on the first call so that calls
// arriving at the same time all find it: there is exactly one link per
// server, whatever the concurrency.
interface Entry {
  server: StoredServer
  conn: ServerConn
  link?: SshLink
  /** The open in progress (connect + remembered secrets), shared by every caller; cleared once it settles. */
  opening?: Promise<void>
}

export class Connections {
  private conns = new Map<string, Entry>()
  /** Set by closeAll (the app is quitting): nothing opens after that. */
  private shut = false

  constructor(
    private paths: Paths,
    private env: NodeJS.ProcessEnv,
    private events: EventBus,
    private keychain: Keychain
  ) {}

  get(name: string): ServerConn | undefined {
    return this.conns.get(name)?.conn
  }

  // Opens (or reuses) the one connection for this server. Remembered secrets
  // are fetched from the keychain only when the server asks for them. A link
  // that is reconnecting is kept: calls waiting for it carry on once it is
  // back. An open that failed is tried again by the next call.
  //
  // `now`: the user asked to connect, so a link waiting to retry tries at once.
  async open(server: StoredServer, creds: Credentials = {}, opts: { now?: boolean } = {}): Promise<ServerConn> {
    if (this.shut) throw new SshError('closed', { host: server.hostname, port: server.port, user: server.user })
    let entry = this.conns.get(server.name)
    if (entry && !sameTarget(entry.server, server)) {
      // The user changed where this server is: the old link must not linger.
      void this.drop(server.name)
      entry = undefined
    }
    if (!entry) {
      entry = this.create(server)
      this.conns.set(server.name, entry)
    }
    const link = entry.link
    if (!link) return entry.conn

    const ownSecrets = Boolean(creds.password || creds.passphrase)
    let joined = false
    for (;;) {
      if (entry.opening) {
        try {
          await entry.opening
        } catch (err) {
          // Someone else's open failed. A caller who brought a password or
          // passphrase tries it once itself; others get the same answer.
          if (!ownSecrets || joined) throw err
        }
        joined = true
        continue
      }
      switch (link.state) {
        case 'connected':
          return entry.conn
        case 'reconnecting':
          if (!opts.now || joined) return entry.conn
          break
        case 'closed':
          // Closed by someone holding the conn rather than through drop():
          // start afresh. Dropped (the server removed, the app closing): fail.
          if (this.conns.get(server.name) === entry) {
            this.conns.delete(server.name)
            return this.open(server, creds, opts)
          }
          throw new SshError('closed', { host: server.hostname, port: server.port, user: server.user })
      }
      // idle, failed, or connecting by itself (a call on the link woke it).
      const opening = this.connect(link, server, creds)
      entry.opening = opening
      const clear = (): void => {
        if (entry.opening === opening) entry.opening = undefined
      }
      opening.then(clear, clear)
      await opening
      return entry.conn
    }
  }

  // The same settings for the shared link and for a one-off sign-in.
  private linkFor(server: StoredServer): SshLink {
    // The stored name may be an ~/.ssh/config alias: its IdentityFile and
    // agent settings apply, while user/port stay as the user confirmed them.
    const resolved = resolveSshHost({ host: server.sshAlias ?? server.name, user: server.user, port: server.port }, { home: this.paths.home, env: this.env })
    const viaAlias = resolved.hostname === server.hostname
    return new SshLink({
      hostname: server.hostname,
      port: server.port,
      user: server.user,
      identityFiles: [...(server.identityFile ? [server.identityFile] : []), ...(viaAlias ? resolved.identityFiles : [])],
      agentSocket: viaAlias && !resolved.identitiesOnly ? resolved.agentSocket : this.env.SSH_AUTH_SOCK,
      defaultIdentities: !(viaAlias && resolved.identitiesOnly),
      home: this.paths.home,
      connectTimeoutMs: resolved.connectTimeoutMs,
      knownHostsFiles: [`${this.paths.sshDir}/known_hosts`, this.paths.appKnownHosts]
    })
  }

  private create(server: StoredServer): Entry {
    if (server.kind === 'local') return { server, conn: localConn(server) }
    const link = this.linkFor(server)
    link.on('state', (state: string, detail?: unknown) => {
      this.events.emit('server.state', {
        name: server.name,
        state: linkState(state),
        error: detail instanceof Error ? toErrorBody(detail) : undefined
      })
    })
    const docker = dockerOverSsh(link, { socketPath: server.socketPath })
    const conn: ServerConn = {
      server,
      ready: (signal) => link.ready(signal),
      docker: () => docker,
      exec: (cmd, opts) => link.exec(cmd, opts),
      state: () => linkState(link.state),
      signedInWith: () => (link.state === 'connected' ? link.authenticatedWith : undefined),
      signInMethods: () => (link.state === 'connected' ? link.signInMethods : undefined),
      close: () => link.close()
    }
    return { server, conn, link }
  }

  private async connect(link: SshLink, server: StoredServer, creds: Credentials, opts: { keysOnly?: boolean } = {}): Promise<void> {
    const attempt = { passphrase: creds.passphrase, password: creds.password }
    const fromKeychain = { passphrase: false, password: false }
    for (;;) {
      try {
        await link.connect(attempt)
        break
      } catch (err) {
        if (!(err instanceof SshError)) throw err
        const keyFile = err.keyFile
        if (err.code === 'passphrase-needed' && !attempt.passphrase && keyFile) {
          const saved = await this.keychain.get(passphraseAccount(keyFile))
          if (saved) {
            attempt.passphrase = saved
            fromKeychain.passphrase = true
            continue
          }
        }
        if (err.code === 'password-needed' && !attempt.password && !opts.keysOnly) {
          const saved = await this.keychain.get(passwordAccount(server.user, server.hostname, server.port))
          if (saved) {
            attempt.password = saved
            fromKeychain.password = true
            continue
          }
        }
        // A remembered secret that no longer works is forgotten, and the user
        // is asked again rather than told they typed something wrong.
        if (err.code === 'passphrase-wrong' && fromKeychain.passphrase && keyFile) {
          await this.keychain.delete(passphraseAccount(keyFile))
          throw new SshError('passphrase-needed', { host: err.host, port: err.port, user: err.user, keyFile })
        }
        if (err.code === 'password-wrong' && fromKeychain.password) {
          await this.keychain.delete(passwordAccount(server.user, server.hostname, server.port))
          throw new SshError('password-needed', { host: err.host, port: err.port, user: err.user })
        }
        throw err
      }
    }
    if (creds.remember) {
      const used = link.authenticatedWith
      if (creds.passphrase && used?.keyFile) await this.keychain.set(passphraseAccount(used.keyFile), creds.passphrase)
      if (creds.password && used?.method === 'password') {
        await this.keychain.set(passwordAccount(server.user, server.hostname, server.port), creds.password)
      }
    }
  }

  /**
   * Signs in on a new, separate connection, with keys and the agent only (a
   * remembered passphrase is used; a password never), and closes it again.
   * Resolves with how it signed in: the proof that a key works on its own.
   */
  async proveKeySignIn(server: StoredServer): Promise<AuthUsed | undefined> {
    const link = this.linkFor(server)
    try {
      await this.connect(link, server, {}, { keysOnly: true })
      return link.authenticatedWith
    } finally {
      await link.close()
    }
  }

  // Closes this server's link, also while it is still opening (that open
  // then fails with "closed"). Resolves once its sockets are gone.
  async drop(name: string): Promise<void> {
    const entry = this.conns.get(name)
    if (!entry) return
    this.conns.delete(name)
    await entry.conn.close()
  }

  async closeAll(): Promise<void> {
    this.shut = true
    await Promise.all([...this.conns.keys()].map((n) => this.drop(n)))
  }
}

function sameTarget(a: StoredServer, b: StoredServer): boolean {
  return (
    a.kind === b.kind &&
    a.hostname === b.hostname &&
    a.user === b.user &&
    a.port === b.port &&
    a.socketPath === b.socketPath &&
    // A later open without a key of its own (the list, an app) reuses the link the wizard's key made.
    (b.identityFile === undefined || a.identityFile === b.identityFile)
  )
}
