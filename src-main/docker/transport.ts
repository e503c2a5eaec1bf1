// The Docker Engine API over an SshLink. dockerode's own "ssh" protocol does
// a fresh SSH handshake for every request; here each HTTP connection is just
// a channel on the server's one persistent link.

import http from 'node:http'
import { inspect } from 'node:util'
import Docker from 'dockerode'
import type { SshLink, LinkState } from '../ssh/link'
import { SshError } from '../ssh/errors'
import { ChannelSocket } from './channel-socket'
import { classifyDockerFailure, DockerAccessError } from './errors'

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock'

export type DockerChannelMode = 'streamlocal' | 'dial-stdio'

export interface DockerOverSshOptions {
  /** Docker socket on the server. */
  socketPath?: string
  /** Force one way of reaching it; by default streamlocal, then dial-stdio. */
  mode?: DockerChannelMode
  /** Per-request timeout handed to docker-modem (ms); none by default. */
  timeoutMs?: number
}

// sshd caps concurrent sessions per connection (MaxSessions, 10 by default)
// and every dial-stdio connection is one; leave room for plain commands.
const DIAL_STDIO_MAX_SOCKETS = 6

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

export class SshDockerAgent extends http.Agent {
  readonly link: SshLink
  readonly socketPath: string
  /** Which channel kind has worked on this server; undefined until one has. */
  mode?: DockerChannelMode
  private readonly forcedMode?: DockerChannelMode
  private readonly live = new Set<ChannelSocket>()
  private readonly onLinkState: (state: LinkState) => void

  constructor(link: SshLink, opts: DockerOverSshOptions = {}) {
    super({ keepAlive: true })
    this.link = link
    this.socketPath = opts.socketPath ?? DEFAULT_DOCKER_SOCKET
    this.forcedMode = opts.mode
    if (opts.mode === 'dial-stdio') this.maxSockets = DIAL_STDIO_MAX_SOCKETS
    // When the link drops, its channels are dead: fail in-flight requests
    // now and empty the keep-alive pool so nothing reuses them.
    this.onLinkState = (state) => {
      if (state === 'connected') return
      for (const sock of this.live) sock.destroy(new SshError('closed', { host: link.opts.hostname, port: link.opts.port }))
      this.live.clear()
    }
    link.on('state', this.onLinkState)
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    cb?: (err: Error | null, stream: ChannelSocket) => void
  ): undefined {
    this.open().then(
      (sock) => cb?.(null, sock),
      (err: Error) => cb?.(err, undefined as never)
    )
    return undefined
  }

  // docker-modem runs util.inspect(requestOptions, { depth: null }) on every
  // request (for its debug log, even when disabled); the options hold this
  // agent, and walking its sockets, channels and SSH client took seconds.
  [inspect.custom](): string {
    return `SshDockerAgent(${this.link.opts.user}@${this.link.opts.hostname}:${this.link.opts.port} ${this.socketPath})`
  }

  override destroy(): void {
    this.link.off('state', this.onLinkState)
    super.destroy()
  }

  private track(sock: ChannelSocket): ChannelSocket {
    this.live.add(sock)
    sock.once('close', () => this.live.delete(sock))
    // We destroy sockets with an error on link loss; one that no request
    // holds at that moment must not crash the process.
    sock.on('error', () => {})
    return sock
  }

  private async open(): Promise<ChannelSocket> {
    const mode = this.forcedMode ?? this.mode
    if (mode === 'dial-stdio') return this.openDialStdio()
    try {
      const ch = await this.link.openStreamLocal(this.socketPath)
      this.mode = 'streamlocal'
      return this.track(new ChannelSocket(ch))
    } catch (err) {
      // A lost link is not a reason to switch methods.
      if (err instanceof SshError || mode === 'streamlocal') throw this.explainOpenFailure(err)
      // sshd refused the forward (disabled, not OpenSSH, or it could not
      // connect to the socket): the docker CLI on the server may still work.
      try {
        return await this.openDialStdio()
      } catch (err2) {
        throw err2 instanceof DockerAccessError || err2 instanceof SshError ? err2 : this.explainOpenFailure(err)
      }
    }
  }

  private explainOpenFailure(err: unknown): Error {
    if (err instanceof SshError) return err
    const msg = (err as Error)?.message ?? String(err)
    return classifyDockerFailure(`${this.socketPath}: ${msg}`, undefined, this.link.opts.user)
  }

  private async openDialStdio(): Promise<ChannelSocket> {
    const cmd = `docker -H ${shellQuote('unix://' + this.socketPath)} system dial-stdio`
    const ch = await this.link.execStream(cmd)
    let gotData = false
    const stderr: Buffer[] = []
    let stderrLen = 0
    // Listeners go on before the adapter's own so that a failed dial-stdio
    // becomes this error rather than a bare "socket hang up".
    ch.on('close', () => {
      // dial-stdio that dies without answering failed to reach the engine;
      // turn its stderr into an error the request can report.
      const exitCode = ch.exitStatus?.code
      if (!gotData && exitCode !== 0) {
        sock.destroy(classifyDockerFailure(Buffer.concat(stderr).toString('utf8'), exitCode, this.link.opts.user))
      }
    })
    ch.on('data', () => {
      if (gotData) return
      gotData = true
      // The engine answered, so this way works: remember it.
      if (this.mode !== 'dial-stdio') {
        this.mode = 'dial-stdio'
        this.maxSockets = DIAL_STDIO_MAX_SOCKETS
      }
    })
    ch.stderr.on('data', (b: Buffer) => {
      if (stderrLen < 8192) {
        stderr.push(b)
        stderrLen += b.length
      }
    })
    // The close handler above decides what a dial-stdio that ended without
    // answering means, so its stdout's end must not reach the request first.
    const sock = this.track(new ChannelSocket(ch, { endAtClose: true }))
    return sock
  }
}

/** A dockerode client for the engine behind `link`, sharing its connection. */
export function dockerOverSsh(link: SshLink, opts: DockerOverSshOptions = {}): Docker {
  const agent = new SshDockerAgent(link, opts)
  // docker-modem: with socketPath set and no host it issues plain http
  // requests carrying our agent, so the agent's createConnection is the only
  // way out; host/protocol are pinned so DOCKER_HOST/DOCKER_TLS_* env vars
  // can't redirect it.
  return new Docker({
    socketPath: agent.socketPath,
    host: undefined,
    port: undefined,
    protocol: 'http',
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: opts.timeoutMs,
    agent
  } as Docker.DockerOptions)
}

/** A dockerode client for an engine on this machine. */
export function dockerLocal(socketPath = DEFAULT_DOCKER_SOCKET): Docker {
  return new Docker({ socketPath, host: undefined, port: undefined, protocol: 'http' } as Docker.DockerOptions)
}

/** The agent behind a client made by dockerOverSsh, if any. */
export function sshAgentOf(docker: Docker): SshDockerAgent | undefined {
  const agent = (docker.modem as unknown as { agent?: unknown }).agent
  return agent instanceof SshDockerAgent ? agent : undefined
}

/** Round-trip to the engine; resolves to its version string. */
export async function dockerPing(docker: Docker): Promise<string> {
  const v = await docker.version()
  return v.Version
}
