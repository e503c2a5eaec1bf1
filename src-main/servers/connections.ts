import { spawn } from 'node:child_process'
import type Docker from 'dockerode'
import type { EventBus } from '../api/events'
import type { ConnectionState } from '../contract/schemas'
import { toErrorBody } from '../contract/errors'
import type { Paths } from '../core/paths'
import { dockerLocal, dockerOverSsh } from '../docker/transport'
import { passphraseAccount, passwordAccount, type Keychain } from '../keychain/keychain'
import { SshError } from '../ssh/errors'
import { SshLink } from '../ssh/link'
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
  ready(): Promise<void>
  docker(): Docker
  exec(cmd: string, opts?: ExecOptions): Promise<ExecResult>
  state(): ConnectionState
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

export class Connections {
  private conns = new Map<string, ServerConn>()

  constructor(
    private paths: Paths,
    private env: NodeJS.ProcessEnv,
    private events: EventBus,
    private keychain: Keychain
  ) {}

  get(name: string): ServerConn | undefined {
    return this.conns.get(name)
  }

  // Opens (or reuses) the one connection for this server. Remembered secrets
  // are fetched from the keychain only when the server asks for them.
  async open(server: StoredServer, creds: Credentials = {}): Promise<ServerConn> {
    const existing = this.conns.get(server.name)
    if (existing && existing.state() === 'connected' && sameTarget(existing.server, server)) return existing
    if (existing) await this.drop(server.name)
    if (server.kind === 'local') {
      const conn = localConn(server)
      this.conns.set(server.name, conn)
      return conn
    }
    // The stored name may be an ~/.ssh/config alias: its IdentityFile and
    // agent settings apply, while user/port stay as the user confirmed them.
    const resolved = resolveSshHost({ host: server.sshAlias ?? server.name, user: server.user, port: server.port }, { home: this.paths.home, env: this.env })
    const viaAlias = resolved.hostname === server.hostname
    const link = new SshLink({
      hostname: server.hostname,
      port: server.port,
      user: server.user,
      identityFiles: viaAlias ? resolved.identityFiles : [],
      agentSocket: viaAlias && !resolved.identitiesOnly ? resolved.agentSocket : this.env.SSH_AUTH_SOCK,
      defaultIdentities: !(viaAlias && resolved.identitiesOnly),
      home: this.paths.home,
      connectTimeoutMs: resolved.connectTimeoutMs,
      knownHostsFiles: [`${this.paths.sshDir}/known_hosts`, this.paths.appKnownHosts]
    })
    link.on('state', (state: string, detail?: unknown) => {
      this.events.emit('server.state', {
        name: server.name,
        state: linkState(state),
        error: detail instanceof Error ? toErrorBody(detail) : undefined
      })
    })
    await this.connect(link, server, creds)
    const docker = dockerOverSsh(link, { socketPath: server.socketPath })
    const conn: ServerConn = {
      server,
      ready: () => link.ready(),
      docker: () => docker,
      exec: (cmd, opts) => link.exec(cmd, opts),
      state: () => linkState(link.state),
      close: async () => link.close()
    }
    this.conns.set(server.name, conn)
    return conn
  }

  private async connect(link: SshLink, server: StoredServer, creds: Credentials): Promise<void> {
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
        if (err.code === 'password-needed' && !attempt.password) {
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

  async drop(name: string): Promise<void> {
    const conn = this.conns.get(name)
    this.conns.delete(name)
    await conn?.close()
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.conns.keys()].map((n) => this.drop(n)))
  }
}

function sameTarget(a: StoredServer, b: StoredServer): boolean {
  return a.kind === b.kind && a.hostname === b.hostname && a.user === b.user && a.port === b.port && a.socketPath === b.socketPath
}
