// One long-lived SSH connection per server. Every operation (commands, the
// Docker API, log streams) opens a channel on it instead of doing its own
// handshake, and the link heals itself when the network drops.

import { EventEmitter } from 'node:events'
import os from 'node:os'
import type { Duplex } from 'node:stream'
import type { Client as ClientT, ClientChannel, ConnectConfig } from 'ssh2'
import { Client } from './ssh2'
import { StringDecoder } from 'node:string_decoder'
import { identityCandidates, loadKeys, planAuth, type AuthUsed, type Credentials } from './auth'
import { classifyForwardError, classifyNetworkError, needsUser, SshError, type SshErrorDetails } from './errors'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'
import { checkHostKey, fingerprintSha256, hostKeyAlgorithms, keyTypeOfBlob, recordedKeyTypes, trustHostKey } from './known-hosts'
import { aborted, untilAborted } from './abort'

export type { AuthUsed, Credentials } from './auth'

export type LinkState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed'

export interface SshLinkOptions {
  hostname: string
  port?: number
  user: string
  identityFiles?: string[]
  agentSocket?: string
  knownHostsFiles: string[]
  connectTimeoutMs?: number
  /** Where ~/.ssh/id_* defaults are looked up; os.homedir() if omitted. */
  home?: string
  /** Set false to skip ~/.ssh/id_* and use only identityFiles. */
  defaultIdentities?: boolean
  keepaliveIntervalMs?: number
  keepaliveCountMax?: number
  /** How long an operation waits for a reconnection before giving up. */
  waitForReconnectMs?: number
  backoff?: { initialMs: number; maxMs: number }
  /**
   * Most command channels open at once. sshd refuses more than MaxSessions
   * (10 by default) per connection; extra commands wait for a free slot.
   */
  maxSessions?: number
  /** How long a command waits for a free session slot before giving up (default 60 s). */
  sessionWaitMs?: number
  /**
   * Reach hostname:port through this open link, as `ssh -J` does: the new
   * connection's transport is a channel the jump host forwards (direct-tcpip),
   * so hostname is an address as the jump host sees it. The new link closes
   * for good when `via` does, and reconnects through it when it comes back.
   */
  via?: SshLink
  /** The machine's name for errors (a swarm node's hostname): "the machine node2 (at 10.0.0.2)". */
  machine?: string
  /**
   * The name the host key is looked up and recorded under, instead of
   * hostname/[hostname]:port (OpenSSH's HostKeyAlias).
   */
  hostKeyAlias?: string
  /**
   * Trust on first use: a host key with no record is trusted and recorded in
   * this known_hosts file (the app's own) instead of being refused as
   * 'host-key-unknown'. A key that differs from the record is still refused.
   */
  trustNewHostKeysIn?: string
}

export interface ExecOptions {
  /** Output as it arrives (UTF-8, never split mid-character); also collected in the result. */
  onStdout?: (chunk: string) => void
  onStderr?: (chunk: string) => void
  stdin?: string | Buffer
  timeoutMs?: number
}

export interface ExecResult {
  /** Exit status; 255 when the command was ended by a signal (as ssh(1) reports it). */
  code: number
  signal?: string
  stdout: string
  stderr: string
}

export interface ExecChannel extends ClientChannel {
  /** Set when the command's exit status arrives; undefined if it never did. */
  exitStatus?: { code: number | null; signal?: string }
}

export interface HostKeyInfo {
  keyType: string
  keyBase64: string
  fingerprint: string
}

interface Attempt {
  client: ClientT
  used?: AuthUsed
  methods?: string[]
}

// Errors ssh2 reports on the client while it carries on with the next method.
function isRecoverableAuthNoise(err: { level?: string; message?: string }): boolean {
  return err.level === 'agent' || /^Error (signing|while signing)/.test(err.message ?? '')
}

export class SshLink extends EventEmitter {
  state: LinkState = 'idle'
  /** Number of SSH connections established; lets tests prove reuse. */
  handshakes = 0
  /** Bumped on every new connection so channel users can tell generations apart. */
  generation = 0
  lastError?: Error
  /** The host key trusted on first use by this link (see trustNewHostKeysIn), if any. */
  trustedOnFirstUse?: HostKeyInfo
  /** How the current connection authenticated (e.g. to offer remembering a secret). */
  authenticatedWith?: AuthUsed
  /**
   * The ways the server offered this user at the last sign-in (its answers
   * to our requests, the first being "none"): what the checks report without
   * another connection. Undefined when the server let the user in unasked.
   */
  signInMethods?: string[]

  readonly opts: Required<Pick<SshLinkOptions, 'port' | 'connectTimeoutMs'>> & SshLinkOptions
  private client?: ClientT
  private creds: Credentials = {}
  private pending?: Promise<void>
  private retryTimer?: NodeJS.Timeout
  private retryDelay = 0
  private sessionsOpen = 0
  private sessionWaiters: (() => void)[] = []
  /**
   * Those waiting for the link to be connected (waitConnected), told of each
   * state change. Kept here rather than as 'state' listeners: however many
   * wait, the link's listeners stay the few that follow it for good.
   */
  private readonly connectWaiters = new Set<(state: LinkState) => void>()
  /** Every ssh2 client this link made whose socket is not closed yet, with a promise of its closing. */
  private sockets = new Map<ClientT, Promise<void>>()
  /** Links carried by this one (their `via`): closed with it. A set rather than 'state' listeners, however many machines. */
  private readonly riders = new Set<SshLink>()

  constructor(opts: SshLinkOptions) {
    super()
    this.opts = { ...opts, port: opts.port ?? 22, connectTimeoutMs: opts.connectTimeoutMs ?? 10_000 }
    const via = opts.via
    if (via) {
      if (via.state === 'closed') this.state = 'closed'
      else via.riders.add(this)
    }
  }

  private details(): SshErrorDetails {
    const d: SshErrorDetails = { host: this.opts.hostname, port: this.opts.port, user: this.opts.user }
    if (this.opts.machine) d.machine = this.opts.machine
    if (this.opts.via) d.via = this.opts.via.opts.machine ?? this.opts.via.opts.hostname
    return d
  }

  /**
   * The passphrase/password this link signed in with (memory only), so that
   * a link through it can sign in to the next machine the same way.
   */
  credentialsInUse(): Credentials {
    return { ...this.creds }
  }

  private setState(state: LinkState, detail?: unknown): void {
    if (this.state === state) return
    this.state = state
    this.emit('state', state, detail)
    for (const settle of [...this.connectWaiters]) settle(state)
  }

  /** Callers waiting for a (re)connection right now: for tests and diagnostics. */
  get waiting(): number {
    return this.connectWaiters.size
  }

  /**
   * Connect, or wait for the connection in progress. Credentials that work
   * are kept in memory only, for reconnecting.
   */
  connect(creds?: Credentials): Promise<void> {
    switch (this.state) {
      case 'connected':
        return Promise.resolve()
      case 'closed':
        return Promise.reject(new SshError('closed', this.details()))
      case 'reconnecting':
        if (!creds) return this.waitConnected().then(() => undefined)
        this.stopRetrying()
        break
      case 'connecting':
        if (this.pending) return this.pending
    }
    const useCreds = creds ?? this.creds
    this.setState('connecting')
    const pending = this.attempt(useCreds).then(
      (att) => {
        if (this.pending === pending) this.pending = undefined
        if (this.state === 'closed') {
          att.client.end()
          throw new SshError('closed', this.details())
        }
        this.adopt(att, useCreds)
      },
      (err: Error) => {
        if (this.pending === pending) this.pending = undefined
        this.lastError = err
        if (this.state !== 'closed') this.setState('failed', err)
        throw err
      }
    )
    this.pending = pending
    return pending
  }

  /**
   * Close for good: the connection, and any attempt still in progress (a
   * pending connect rejects with 'closed'). Resolves once every socket this
   * link opened is gone, so nothing keeps talking to a server the user removed.
   */
  close(): Promise<void> {
    this.stopRetrying()
    this.client = undefined
    this.opts.via?.riders.delete(this)
    this.setState('closed')
    // The links carried by this one first: their sockets are channels of it.
    const riders = [...this.riders].map((r) => r.close())
    this.riders.clear()
    return Promise.all(riders)
      .then(() => Promise.all([...this.sockets].map(([client, gone]) => endClient(client, gone))))
      .then(() => undefined)
  }

  private stopRetrying(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }

  private adopt({ client, used, methods }: Attempt, creds: Credentials): void {
    this.client = client
    this.authenticatedWith = used
    this.signInMethods = methods
    this.creds = creds
    this.handshakes++
    this.generation++
    this.retryDelay = 0
    // Channels of the old connection are gone; so are their session slots.
    this.sessionsOpen = 0
    for (const wake of this.sessionWaiters.splice(0)) wake()
    client.on('error', (err) => {
      this.lastError = err
    })
    client.on('close', () => this.onDrop(client))
    this.setState('connected')
  }

  private onDrop(client: ClientT): void {
    if (client !== this.client) return
    this.client = undefined
    if (this.state === 'closed') return
    this.setState('reconnecting', this.lastError)
    this.scheduleRetry()
  }

  // Tries again after 0.25, 0.5, 1 s, then every 2 s while the server is away:
  // once it is back, the link is up again within 2 s. (With up to 15 s between
  // tries, a server back after a 5 s restart of sshd waited until 7.75 s, one
  // back after 20 s until 30.75 s.) A try at a server that is away is one
  // refused or unanswered TCP connection; one that needs the user stops them.
  private scheduleRetry(): void {
    const backoff = this.opts.backoff ?? { initialMs: 250, maxMs: 2000 }
    this.retryDelay = this.retryDelay ? Math.min(this.retryDelay * 2, backoff.maxMs) : backoff.initialMs
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      if (this.state !== 'reconnecting') return
      this.attempt(this.creds).then(
        (att) => {
          if (this.state !== 'reconnecting') {
            att.client.end()
            return
          }
          this.adopt(att, this.creds)
        },
        (err: Error) => {
          if (this.state !== 'reconnecting') return
          this.lastError = err
          this.emit('retry-failed', err, this.retryDelay)
          // A changed host key or a revoked password needs the user; retrying
          // forever would only hide that.
          if (needsUser(err)) this.setState('failed', err)
          else this.scheduleRetry()
        }
      )
    }, this.retryDelay)
  }

  private waitConnected(boundMs = this.opts.waitForReconnectMs ?? 30_000, signal?: AbortSignal): Promise<ClientT> {
    if (this.state === 'connected' && this.client) return Promise.resolve(this.client)
    if (signal?.aborted) return Promise.reject(aborted(signal))
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        this.connectWaiters.delete(onState)
        signal?.removeEventListener('abort', onAbort)
      }
      const timer = setTimeout(() => {
        done()
        reject(new SshError('timeout', this.details()))
      }, boundMs)
      // Whoever waited has given up (a Health check past its time limit): the wait ends now.
      const onAbort = (): void => {
        done()
        reject(aborted(signal))
      }
      const onState = (state: LinkState): void => {
        if (state === 'connected' && this.client) {
          done()
          resolve(this.client)
        } else if (state === 'failed' || state === 'closed') {
          done()
          reject(state === 'closed' ? new SshError('closed', this.details()) : this.lastError)
        }
      }
      this.connectWaiters.add(onState)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /**
   * Resolves once the link is usable: immediately when connected, after the
   * reconnection (bounded) when reconnecting, or by connecting when idle.
   * With `signal`, stops waiting as soon as it aborts (rejects with its
   * reason); a connection attempt under way carries on for others.
   */
  async ready(signal?: AbortSignal): Promise<void> {
    await this.liveClient(signal)
  }

  /** The live client, waiting for (re)connection if needed. */
  private async liveClient(signal?: AbortSignal): Promise<ClientT> {
    if (signal?.aborted) throw aborted(signal)
    switch (this.state) {
      case 'connected':
        if (this.client) return this.client
        break
      case 'closed':
        throw new SshError('closed', this.details())
      case 'failed':
        // Only retry by ourselves if nothing the user must do is pending.
        if (this.lastError && needsUser(this.lastError)) throw this.lastError
        await untilAborted(this.connect(), signal)
        return this.liveClient(signal)
      case 'idle':
        await untilAborted(this.connect(), signal)
        return this.liveClient(signal)
    }
    return this.waitConnected(undefined, signal)
  }

  // Open a channel, retrying once if the link died before the channel
  // existed: nothing ran on the server yet, so the retry can't duplicate work.
  // `setup` runs synchronously on the new channel: a short command's output,
  // exit status and close can arrive in the same packet batch as the "channel
  // open" reply, before any promise continuation could attach listeners.
  private async withChannel<T>(
    open: (client: ClientT, cb: (err: Error | undefined, ch: T) => void) => void,
    setup?: (ch: T) => void
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.liveClient()
      try {
        return await new Promise<T>((resolve, reject) => {
          try {
            open(client, (err, ch) => {
              if (err) return reject(err)
              setup?.(ch)
              resolve(ch)
            })
          } catch (err) {
            reject(err) // ssh2 throws "Not connected" synchronously
          }
        })
      } catch (err) {
        const e = err as { reason?: unknown; message?: string }
        const linkDied = e.reason === undefined && (client !== this.client || /Not connected|No response/i.test(e.message ?? ''))
        if (!linkDied || attempt > 0) throw linkDied ? new SshError('closed', { ...this.details(), cause: err }) : err
      }
    }
  }

  // Take a session slot for the current connection; the returned function
  // gives it back (a no-op once the connection it belongs to is gone).
  private async sessionSlot(): Promise<() => void> {
    const max = this.opts.maxSessions ?? 8
    // Bounded: slots held by logs or terminals nobody closes must not leave
    // every later command to this server waiting forever.
    const deadline = Date.now() + (this.opts.sessionWaitMs ?? 60_000)
    while (this.sessionsOpen >= max) await this.waitForSession(deadline, max)
    this.sessionsOpen++
    const gen = this.generation
    let released = false
    return () => {
      if (released) return
      released = true
      if (gen !== this.generation) return
      this.sessionsOpen--
      this.sessionWaiters.shift()?.()
    }
  }

  private waitForSession(deadline: number, max: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        const i = this.sessionWaiters.indexOf(wake)
        if (i >= 0) this.sessionWaiters.splice(i, 1)
        reject(
          new ApiError(
            'server-busy',
            t('ssh.sessionsBusy', { max, server: this.details().host ?? t('ssh.theServer') })
          )
        )
      }, Math.max(0, deadline - Date.now()))
      this.sessionWaiters.push(wake)
    })
  }

  private async openSession(cmd: string, setup?: (ch: ExecChannel) => void): Promise<ExecChannel> {
    const release = await this.sessionSlot()
    try {
      return await this.withChannel<ExecChannel>(
        (c, cb) => c.exec(cmd, cb as (err: Error | undefined, ch: ClientChannel) => void),
        (ch) => {
          ch.once('close', release)
          ch.on('exit', (code: number | null, signal?: string) => {
            ch.exitStatus = { code: typeof code === 'number' ? code : null, signal: signal ?? undefined }
          })
          setup?.(ch)
        }
      )
    } catch (err) {
      release()
      throw err
    }
  }

  exec(cmd: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return new Promise<ExecResult>((resolve, reject) => {
      const out = new StringDecoder('utf8')
      const err = new StringDecoder('utf8')
      let stdout = ''
      let stderr = ''
      let timer: NodeJS.Timeout | undefined
      const setup = (ch: ExecChannel) => {
        if (opts.timeoutMs) {
          timer = setTimeout(() => {
            ch.signal('KILL')
            ch.close()
            reject(new Error(`Command timed out after ${opts.timeoutMs} ms: ${cmd}`))
          }, opts.timeoutMs)
        }
        ch.on('data', (b: Buffer) => {
          const s = out.write(b)
          stdout += s
          if (s) opts.onStdout?.(s)
        })
        ch.stderr.on('data', (b: Buffer) => {
          const s = err.write(b)
          stderr += s
          if (s) opts.onStderr?.(s)
        })
        ch.on('close', () => {
          if (timer) clearTimeout(timer)
          const exit = ch.exitStatus
          // No exit status means the connection went away under the command.
          if (!exit) return reject(new SshError('closed', this.details()))
          stdout += out.end()
          stderr += err.end()
          resolve({ code: exit.code ?? 255, ...(exit.signal ? { signal: exit.signal } : {}), stdout, stderr })
        })
        ch.end(opts.stdin ?? undefined)
      }
      this.openSession(cmd, setup).catch(reject)
    })
  }

  /**
   * A raw exec channel (stdin/stdout as the stream, `.stderr` alongside).
   * Read `exitStatus` once it emits 'close'; the 'exit' event itself may have
   * fired before the promise resolved.
   */
  execStream(cmd: string): Promise<ExecChannel> {
    return this.openSession(cmd)
  }

  /**
   * A TCP connection from the server to host:port (OpenSSH direct-tcpip, as
   * `ssh -W`), e.g. the transport of a link to another machine (`via`).
   * Bounded: a jump host still trying to connect after `timeoutMs` (default
   * connectTimeoutMs) gives an SshError 'timeout'; the channel, if it opens
   * later, is closed. A refusal rejects with ssh2's error (its `reason`: 1
   * prohibited, 2 connect failed), which classifyForwardError words.
   */
  forwardTcp(host: string, port: number, opts: { timeoutMs?: number } = {}): Promise<ClientChannel & Duplex> {
    const boundMs = opts.timeoutMs ?? this.opts.connectTimeoutMs
    return new Promise((resolve, reject) => {
      let done = false
      const timer = setTimeout(() => {
        done = true
        reject(new SshError('timeout', { host, port, via: this.opts.machine ?? this.opts.hostname }))
      }, boundMs)
      this.withChannel<ClientChannel>((c, cb) => c.forwardOut('127.0.0.1', 0, host, port, cb)).then(
        (ch) => {
          clearTimeout(timer)
          if (done) return void ch.close()
          done = true
          resolve(ch)
        },
        (err: Error) => {
          clearTimeout(timer)
          if (done) return
          done = true
          reject(err)
        }
      )
    })
  }

  /** A stream to a Unix socket on the server (OpenSSH direct-streamlocal). */
  openStreamLocal(socketPath: string): Promise<ClientChannel & Duplex> {
    return this.withChannel<ClientChannel>((c, cb) => c.openssh_forwardOutStreamLocal(socketPath, cb))
  }

  // One connection attempt: TCP, host key check, authentication.
  private async attempt(creds: Credentials): Promise<Attempt> {
    const o = this.opts
    const home = o.home ?? os.homedir()
    const files = o.defaultIdentities === false ? (o.identityFiles ?? []) : identityCandidates(o.identityFiles ?? [], home)
    const keys = await loadKeys(files, creds.passphrase)
    const plan = planAuth({ user: o.user, agentSocket: o.agentSocket, keys, creds })
    // The name the host key is filed under: an alias stands alone, as in OpenSSH.
    const keyHost = o.hostKeyAlias ?? o.hostname
    const keyPort = o.hostKeyAlias ? 22 : o.port
    const recorded = await recordedKeyTypes(keyHost, keyPort, o.knownHostsFiles)
    // Closed while reading keys: don't open a socket nobody will close.
    if (this.state === 'closed') throw new SshError('closed', this.details())
    // Through a jump host: its forwarded channel is this connection's socket.
    let sock: Duplex | undefined
    if (o.via) {
      try {
        sock = await o.via.forwardTcp(o.hostname, o.port, { timeoutMs: o.connectTimeoutMs })
      } catch (err) {
        throw classifyForwardError(err, this.details())
      }
      if ((this.state as LinkState) === 'closed') {
        sock.destroy()
        throw new SshError('closed', this.details())
      }
    }

    return new Promise<Attempt>((resolve, reject) => {
      const client = new Client()
      this.sockets.set(
        client,
        new Promise<void>((gone) =>
          client.once('close', () => {
            this.sockets.delete(client)
            gone()
          })
        )
      )
      let hostKeyError: SshError | undefined
      let settled = false
      const settle = (err?: Error) => {
        if (settled) return
        settled = true
        clearTimeout(guard)
        if (err) {
          client.removeAllListeners('ready')
          client.on('error', () => {}) // late errors from the dying socket
          client.end()
          reject(err)
        } else {
          resolve({ client, used: plan.current(), methods: plan.serverMethods() })
        }
      }
      // ssh2's readyTimeout covers DNS, TCP and the handshake; this guard
      // only catches a stuck teardown.
      const guard = setTimeout(() => {
        client.destroy()
        settle(new SshError('timeout', this.details()))
      }, o.connectTimeoutMs + 2000)

      const classify = (err: Error & { level?: string; code?: unknown }): Error => {
        if (hostKeyError) return hostKeyError
        if (err.level === 'client-authentication' || (plan.started() && typeof err.code === 'number')) {
          return plan.failure(this.details())
        }
        return classifyNetworkError(err, this.details())
      }

      // Docker API calls are small request/response pairs: Nagle's algorithm
      // would hold each request back waiting for the previous ACK.
      client.on('ready', () => {
        client.setNoDelay(true)
        settle()
      })
      client.on('error', (err: Error & { level?: string }) => {
        if (isRecoverableAuthNoise(err)) return
        settle(classify(err))
      })
      client.on('close', () => settle(hostKeyError ?? new SshError('closed', this.details())))

      const config: ConnectConfig = {
        ...(sock ? { sock } : {}),
        host: o.hostname,
        port: o.port,
        username: o.user,
        readyTimeout: o.connectTimeoutMs,
        keepaliveInterval: o.keepaliveIntervalMs ?? 10_000,
        keepaliveCountMax: o.keepaliveCountMax ?? 3,
        algorithms: { serverHostKey: hostKeyAlgorithms(recorded) as never },
        authHandler: plan.handler,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          checkHostKey({ host: keyHost, port: keyPort, keyBlob: key, files: o.knownHostsFiles }).then(
            async (res) => {
              if (res.status === 'known') return verify(true)
              const info = describeKey(key)
              if (res.status === 'unknown' && o.trustNewHostKeysIn) {
                // Trust on first use: recorded before signing in, as OpenSSH's accept-new does.
                await trustHostKey(o.trustNewHostKeysIn, keyHost, keyPort, info.keyType, key)
                this.trustedOnFirstUse = info
                this.emit('host-key-trusted', info)
                return verify(true)
              }
              hostKeyError =
                res.status === 'unknown'
                  ? new SshError('host-key-unknown', { ...this.details(), ...info })
                  : res.status === 'changed'
                    ? new SshError('host-key-changed', {
                        ...this.details(),
                        ...info,
                        knownFingerprint: res.knownFingerprint,
                        knownKeyType: res.knownKeyType,
                        knownHostsFile: res.file,
                        knownHostsLine: res.line
                      })
                    : new SshError('host-key-changed', {
                        ...this.details(),
                        ...info,
                        revoked: true,
                        knownHostsFile: res.file,
                        knownHostsLine: res.line
                      })
              verify(false)
            },
            (err) => {
              hostKeyError = classifyNetworkError(err, this.details())
              verify(false)
            }
          )
        }
      }
      try {
        client.connect(config)
      } catch (err) {
        settle(classifyNetworkError(err, this.details()))
      }
    })
  }

  /**
   * Fetch the server's host key without authenticating, e.g. to show its
   * fingerprint before the user decides to trust it. With knownHostsFiles the
   * recorded key types are asked for first, as a real connection does, so
   * the probe sees the same key the connection will.
   */
  static async probeHostKey(target: { hostname: string; port?: number; timeoutMs?: number; knownHostsFiles?: string[] }): Promise<HostKeyInfo> {
    const details = { host: target.hostname, port: target.port ?? 22 }
    const recorded = target.knownHostsFiles ? await recordedKeyTypes(details.host, details.port, target.knownHostsFiles) : []
    return new Promise<HostKeyInfo>((resolve, reject) => {
      const client = new Client()
      let info: HostKeyInfo | undefined
      let settled = false
      const settle = (err?: Error) => {
        if (settled) return
        settled = true
        client.on('error', () => {})
        client.end()
        if (info) resolve(info)
        else reject(err ?? new SshError('closed', details))
      }
      client.on('error', (err) => settle(info ? undefined : classifyNetworkError(err, details)))
      client.on('close', () => settle())
      client.connect({
        host: target.hostname,
        port: details.port,
        readyTimeout: target.timeoutMs ?? 10_000,
        username: 'probe',
        algorithms: { serverHostKey: hostKeyAlgorithms(recorded) as never },
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          info = describeKey(key)
          verify(false) // got what we came for; don't go on to log in
        }
      })
    })
  }
}

// Ends a client politely, then forcibly if its socket is still there after a
// moment (a peer that stopped answering never completes the goodbye).
async function endClient(client: ClientT, gone: Promise<void>, graceMs = 1000): Promise<void> {
  client.on('error', () => {}) // late errors from the dying socket
  client.end()
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)))
  if ((await Promise.race([gone, late])) === 'late') {
    client.destroy()
    // ssh2's destroy() skips a socket whose reading side has ended; that one
    // must go too.
    ;(client as unknown as { _sock?: { destroy(): void } })._sock?.destroy()
    // destroy() closes the socket at once; the bound only guards against a
    // client that never emits 'close'.
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, graceMs))])
  }
  clearTimeout(timer)
}

function describeKey(blob: Buffer): HostKeyInfo {
  return { keyType: keyTypeOfBlob(blob) ?? 'unknown', keyBase64: blob.toString('base64'), fingerprint: fingerprintSha256(blob) }
}
