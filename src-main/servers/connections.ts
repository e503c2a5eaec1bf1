import { spawn } from 'node:child_process'
import type Docker from 'dockerode'
import type { EventBus } from '../api/events'
import type { ConnectionState } from '../contract/schemas'
import { ApiError, toErrorBody } from '../contract/errors'
import type { Paths } from '../core/paths'
import { dockerLocal, dockerOverSsh, sshAgentOf } from '../docker/transport'
import { passphraseAccount, passwordAccount, type Keychain } from '../keychain/keychain'
import { SshError, type SshErrorDetails } from '../ssh/errors'
import { SshLink, type AuthUsed } from '../ssh/link'
import { untilAborted } from '../ssh/abort'
import { resolveSshHost } from '../ssh/config'
import { t } from '../i18n/i18n'
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

/** A machine of a server's swarm, as the swarm knows it (docker node inspect). */
export interface SwarmMachine {
  /** The swarm node's ID: one link per machine per server. */
  id: string
  /** Its hostname (Description.Hostname), which errors name. */
  hostname: string
  /** Its address in the swarm (Status.Addr), reached from the manager. */
  address: string
  /** Its SSH port; 22 unless said. */
  port?: number
}

/**
 * A machine of a server's swarm, reached through the server's SSH link as a
 * jump host (ssh -J): its own SSH link and Docker client. Owned by the
 * server's connection: closed with it.
 */
export interface MachineConn {
  server: StoredServer
  machine: SwarmMachine
  link: SshLink
  /** Resolves once the machine's link is usable; with `signal`, stops waiting as soon as it aborts. */
  ready(signal?: AbortSignal): Promise<void>
  /** The machine's Docker engine, over its link (made as the server's is). */
  docker(): Docker
  exec(cmd: string, opts?: ExecOptions): Promise<ExecResult>
  state(): ConnectionState
}

export interface OpenMachineOptions {
  /** Stop waiting when it aborts (an attempt under way carries on for others). */
  signal?: AbortSignal
  /** Bound on the whole wait, the server's connection included (default 45 s). */
  timeoutMs?: number
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
  /** Links to the other machines of this server's swarm, by node ID; closed before the server's link. */
  machines: Map<string, MachineEntry>
}

interface MachineEntry {
  machine: SwarmMachine
  link: SshLink
  conn: MachineConn
  /** As Entry.opening: one attempt shared by every concurrent caller. */
  opening?: Promise<void>
  /** Whether a Docker request or stream, or a command, is under way on its link now. */
  inUse(): boolean
  /** When it was last opened, asked for its Docker client or given a command, or last in use. */
  lastUsed: number
  /** The check that closes it once unused for machineIdleMs. */
  idleTimer?: NodeJS.Timeout
}

const MACHINE_WAIT_MS = 45_000
/**
 * A machine's link nobody used for this long is closed (the Files tab, a
 * terminal or a backup that reached it has ended); the next use opens it
 * again. A server's own link stays open while the app shows the server.
 */
export const MACHINE_IDLE_MS = 3 * 60_000

export interface ConnectionsOptions {
  /** How long a machine's link stays open unused (MACHINE_IDLE_MS); tests shorten it. */
  machineIdleMs?: number
}

export class Connections {
  private conns = new Map<string, Entry>()
  /** Set by closeAll (the app is quitting): nothing opens after that. */
  private shut = false

  constructor(
    private paths: Paths,
    private env: NodeJS.ProcessEnv,
    private events: EventBus,
    private keychain: Keychain,
    private options: ConnectionsOptions = {}
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

  /**
   * Opens (or reuses) the link to a machine of this server's swarm, through
   * the server's link as a jump host, to the machine's swarm address, with
   * the server's user, keys, ~/.ssh/config alias settings and password (the
   * one typed for the server, else the one remembered for it). The
   * machine's host key is trusted on first use and recorded in the app's
   * known_hosts under its address ([address]:port), as `ssh -J` would; a
   * key that differs later is refused. Concurrent calls for the same machine
   * share one attempt and one link. Errors are SshErrors whose `machine`
   * is the machine's hostname and whose message names it.
   */
  async openMachine(server: StoredServer, machine: SwarmMachine, opts: OpenMachineOptions = {}): Promise<MachineConn> {
    const details: SshErrorDetails = { host: machine.address, port: machine.port ?? 22, user: server.user, machine: machine.hostname, via: server.hostname }
    if (server.kind === 'local') {
      throw new ApiError('machine-unreachable', t('ssh.machineLocal', { machine: machine.hostname }), undefined, { machine: machine.hostname })
    }
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SshError('timeout', details)), opts.timeoutMs ?? MACHINE_WAIT_MS)
    })
    try {
      return await untilAborted(Promise.race([this.reachMachine(server, machine, details), expired]), opts.signal)
    } finally {
      clearTimeout(timer)
    }
  }

  private async reachMachine(server: StoredServer, machine: SwarmMachine, details: SshErrorDetails): Promise<MachineConn> {
    const conn = await this.open(server)
    const entry = this.conns.get(server.name)
    // Dropped while it opened (the server removed, the app closing).
    if (!entry?.link || entry.conn !== conn) throw new SshError('closed', details)
    let me = entry.machines.get(machine.id)
    if (me && (me.machine.address !== machine.address || (me.machine.port ?? 22) !== (machine.port ?? 22))) {
      // The machine moved: its old link must not linger.
      entry.machines.delete(machine.id)
      clearTimeout(me.idleTimer)
      void me.link.close()
      me = undefined
    }
    if (!me) {
      me = this.createMachine(entry, machine)
      entry.machines.set(machine.id, me)
      this.watchIdle(entry, me)
    }
    me.lastUsed = Date.now()
    for (;;) {
      if (me.opening) {
        // Someone's attempt is under way: its outcome is everyone's.
        await me.opening
        continue
      }
      switch (me.link.state) {
        case 'connected':
        case 'reconnecting':
          return me.conn
        case 'closed':
          throw new SshError('closed', details)
      }
      const opening = this.connect(me.link, server, entry.link.credentialsInUse(), { keepRemembered: true })
      const current = me
      current.opening = opening
      const clear = (): void => {
        if (current.opening === opening) current.opening = undefined
      }
      opening.then(clear, clear)
      await opening
      return me.conn
    }
  }

  private createMachine(entry: Entry, machine: SwarmMachine): MachineEntry {
    const server = entry.server
    const link = this.linkFor(server, {
      via: entry.link,
      hostname: machine.address,
      port: machine.port ?? 22,
      machine: machine.hostname,
      trustNewHostKeysIn: this.paths.appKnownHosts
    })
    const docker = dockerOverSsh(link, { socketPath: server.socketPath })
    const agent = sshAgentOf(docker)
    let commands = 0
    const me: MachineEntry = {
      machine,
      link,
      lastUsed: Date.now(),
      // Requests and streams hold a socket of the Docker agent from start to end (kept-alive idle ones are in freeSockets).
      inUse: () => commands > 0 || Object.values(agent?.sockets ?? {}).some((list) => (list?.length ?? 0) > 0),
      conn: {
        server,
        machine,
        link,
        ready: (signal) => link.ready(signal),
        docker: () => {
          me.lastUsed = Date.now()
          return docker
        },
        exec: async (cmd, opts) => {
          commands++
          me.lastUsed = Date.now()
          try {
            return await link.exec(cmd, opts)
          } finally {
            commands--
            me.lastUsed = Date.now()
          }
        },
        state: () => linkState(link.state)
      }
    }
    return me
  }

  /**
   * Closes the machine's link once nothing used it for machineIdleMs: looked
   * at every quarter of that time (unref'd: it never keeps the process up);
   * a request, stream or command under way counts as a use.
   */
  private watchIdle(entry: Entry, me: MachineEntry): void {
    const idleMs = this.options.machineIdleMs ?? MACHINE_IDLE_MS
    const check = (): void => {
      me.idleTimer = undefined
      if (entry.machines.get(me.machine.id) !== me || me.link.state === 'closed') return
      if (me.inUse() || me.opening) me.lastUsed = Date.now()
      else if (Date.now() - me.lastUsed >= idleMs) {
        entry.machines.delete(me.machine.id)
        void me.link.close()
        return
      }
      me.idleTimer = setTimeout(check, Math.max(50, idleMs / 4))
      me.idleTimer.unref?.()
    }
    me.idleTimer = setTimeout(check, Math.max(50, idleMs / 4))
    me.idleTimer.unref?.()
  }

  // The same settings for the shared link and for a one-off sign-in; for a
  // machine of its swarm, the same again to another address through it.
  private linkFor(
    server: StoredServer,
    machine?: { via?: SshLink; hostname: string; port: number; machine: string; trustNewHostKeysIn: string }
  ): SshLink {
    // The stored name may be an ~/.ssh/config alias: its IdentityFile and
    // agent settings apply, while user/port stay as the user confirmed them.
    const resolved = resolveSshHost({ host: server.sshAlias ?? server.name, user: server.user, port: server.port }, { home: this.paths.home, env: this.env })
    const viaAlias = resolved.hostname === server.hostname
    return new SshLink({
      hostname: server.hostname,
      port: server.port,
      ...machine,
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
    if (server.kind === 'local') return { server, conn: localConn(server), machines: new Map() }
    const link = this.linkFor(server)
    link.on('state', (state: string, detail?: unknown) => {
      this.events.emit('server.state', {
        name: server.name,
        state: linkState(state),
        error: detail instanceof Error ? toErrorBody(detail) : undefined
      })
    })
    const docker = dockerOverSsh(link, { socketPath: server.socketPath })
    const machines = new Map<string, MachineEntry>()
    const conn: ServerConn = {
      server,
      ready: (signal) => link.ready(signal),
      docker: () => docker,
      exec: (cmd, opts) => link.exec(cmd, opts),
      state: () => linkState(link.state),
      signedInWith: () => (link.state === 'connected' ? link.authenticatedWith : undefined),
      signInMethods: () => (link.state === 'connected' ? link.signInMethods : undefined),
      // The machines reached through this link first, then the link itself.
      close: async () => {
        const links = [...machines.values()].map((m) => {
          clearTimeout(m.idleTimer)
          return m.link
        })
        machines.clear()
        await Promise.all(links.map((l) => l.close()))
        await link.close()
      }
    }
    return { server, conn, link, machines }
  }

  // keepRemembered: a machine reached with the server's remembered secrets
  // leaves them be when they don't work there (they still work for the server).
  private async connect(
    link: SshLink,
    server: StoredServer,
    creds: Credentials,
    opts: { keysOnly?: boolean; keepRemembered?: boolean } = {}
  ): Promise<void> {
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
        if (opts.keepRemembered) throw err
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

  /** Closes the link to one machine of this server's swarm (a node removed or gone), if open. Resolves once its socket is gone. */
  async dropMachine(name: string, machineId: string): Promise<void> {
    const entry = this.conns.get(name)
    const me = entry?.machines.get(machineId)
    if (!entry || !me) return
    entry.machines.delete(machineId)
    clearTimeout(me.idleTimer)
    await me.link.close()
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
