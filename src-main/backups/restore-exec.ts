// Running one command inside a container and collecting what it printed:
// the backupbot hooks, emptying a volume in the helper container, reading a
// secret for a move, backup-bot-two's restic. Output goes to the caller only
// (a secret read this way must never reach a log).
//
// A command that runs out of time or is cancelled is killed in the
// container, with everything it started: Docker has no "kill exec", so the
// command first prints its process id (in the container) on stderr, and a
// second exec kills its process group (docker exec makes it a session leader).
import type { Duplex } from 'node:stream'
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'

export interface ExecOutcome {
  exitCode: number
  /** stdout and stderr as text: the last MAX_OUTPUT bytes, saying so when earlier output was left out. */
  output: string
  /** stdout byte for byte (a secret's value must not gain a newline), up to MAX_STDOUT. */
  stdout: Buffer
  /** stdout went over MAX_STDOUT: `stdout` holds only its start. */
  stdoutCut?: boolean
}

export interface ExecOptions {
  timeoutMs?: number
  /** Aborting stops (and kills) the command. */
  signal?: AbortSignal
  /**
   * Run it so it can be killed on timeout or abort; needs `sh` in the
   * container. Always so for commands that are `sh` themselves.
   */
  killable?: boolean
  /** Run as this user ("0:0"), not the container's own: the file browser reads and deletes any file of a volume. */
  user?: string
}

export const MAX_OUTPUT = 64 * 1024
export const MAX_STDOUT = 16 * 1024 * 1024
const DEFAULT_TIMEOUT_MS = 300_000
const PID_MARK = 'ccd-exec-pid:'
const PID_WAIT_MS = 5000

/**
 * Docker's multiplexed exec stream (no TTY): 8-byte headers, then payload.
 * Chunks are kept in lists and joined once at the end; only the last
 * MAX_OUTPUT bytes of output are kept.
 */
class Frames {
  private head = Buffer.alloc(8)
  private headLen = 0
  private left = 0
  private kind = 1
  private kept: Buffer[] = []
  private keptBytes = 0
  private droppedBytes = 0
  private out: Buffer[] = []
  private outBytes = 0
  stdoutCut = false
  /** The command's process id in the container, once it said it. */
  pid: number | undefined
  onPid: (() => void) | undefined
  private mark: Buffer | undefined

  constructor(expectPid: boolean) {
    this.mark = expectPid ? Buffer.alloc(0) : undefined
  }

  push(chunk: Buffer): void {
    let i = 0
    while (i < chunk.length) {
      if (this.left === 0) {
        const n = Math.min(8 - this.headLen, chunk.length - i)
        chunk.copy(this.head, this.headLen, i, i + n)
        this.headLen += n
        i += n
        if (this.headLen < 8) return
        this.kind = this.head[0]
        this.left = this.head.readUInt32BE(4)
        this.headLen = 0
        continue
      }
      const n = Math.min(this.left, chunk.length - i)
      this.payload(this.kind, chunk.subarray(i, i + n))
      this.left -= n
      i += n
    }
  }

  private payload(kind: number, bytes: Buffer): void {
    if (kind === 2 && this.mark) {
      // The first stderr line is the wrapper's "ccd-exec-pid:N".
      const seen = Buffer.concat([this.mark, bytes])
      const nl = seen.indexOf(10)
      if (nl < 0 && seen.length < 64) {
        this.mark = seen
        return
      }
      this.mark = undefined
      const m = nl >= 0 ? new RegExp(`^${PID_MARK}(\\d+)$`).exec(seen.subarray(0, nl).toString('latin1')) : null
      if (m) {
        this.pid = Number(m[1])
        this.onPid?.()
      }
      bytes = m ? seen.subarray(nl + 1) : seen
      if (!bytes.length) return
    }
    if (kind !== 2) {
      if (this.outBytes + bytes.length > MAX_STDOUT) {
        this.stdoutCut = true
        bytes = bytes.subarray(0, Math.max(0, MAX_STDOUT - this.outBytes))
      }
      if (bytes.length) this.out.push(bytes)
      this.outBytes += bytes.length
    }
    this.kept.push(bytes)
    this.keptBytes += bytes.length
    while (this.kept.length > 1 && this.keptBytes - this.kept[0].length >= MAX_OUTPUT) {
      const first = this.kept.shift()!
      this.keptBytes -= first.length
      this.droppedBytes += first.length
    }
  }

  output(): string {
    let all = Buffer.concat(this.kept, this.keptBytes)
    let dropped = this.droppedBytes
    if (all.length > MAX_OUTPUT) {
      dropped += all.length - MAX_OUTPUT
      all = all.subarray(all.length - MAX_OUTPUT)
    }
    // A cut may fall inside a character: drop what can't be decoded at the start.
    const text = all.toString('utf8')
    return dropped ? `[the first ${dropped} bytes of output were left out]\n${text.replace(/^\uFFFD+/, '')}` : text
  }

  stdout(): Buffer {
    return Buffer.concat(this.out)
  }
}

/** Kills the process group `pid` leads in the container (and `pid` itself, should it lead none). */
async function killInContainer(container: Docker.Container, pid: number): Promise<void> {
  const exec = await container.exec({ Cmd: ['sh', '-c', `kill -KILL -${pid} 2>/dev/null || kill -KILL ${pid}`], AttachStdout: false, AttachStderr: false })
  await exec.start({ Detach: true } as Docker.ExecStartOptions)
}

export async function execIn(container: Docker.Container, cmd: string[], opts: ExecOptions = {}): Promise<ExecOutcome> {
  const killable = opts.killable ?? cmd[0] === 'sh'
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const signal = opts.signal
  if (signal?.aborted) throw new ApiError('cancelled', t('backups.restore.execNotStarted'))
  const wrapped = killable ? ['sh', '-c', `echo "${PID_MARK}$$" >&2 && exec "$@"`, 'sh', ...cmd] : cmd
  const exec = await container.exec({ Cmd: wrapped, AttachStdout: true, AttachStderr: true, Tty: false, ...(opts.user ? { User: opts.user } : {}) })
  const sock = (await exec.start({ hijack: true, Detach: false } as Docker.ExecStartOptions)) as unknown as Duplex
  const frames = new Frames(killable)
  let stopped: 'timeout' | 'cancelled' | undefined
  /** The stream was cut by us, not ended by the command. */
  let cut = false
  await new Promise<void>((resolve, reject) => {
    const finish = (err?: Error): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (err) reject(err)
      else resolve()
    }
    const stop = (why: 'timeout' | 'cancelled'): void => {
      stopped = why
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      // The process id may still be on its way (Docker delivers output with
      // some delay): wait for it, briefly, so that the command can be killed.
      const end = (): void => {
        clearTimeout(pidWait)
        cut = true
        sock.destroy()
        finish()
      }
      const pidWait = setTimeout(end, killable && frames.pid === undefined ? PID_WAIT_MS : 0)
      frames.onPid = end
    }
    const timer = setTimeout(() => stop('timeout'), timeoutMs)
    const onAbort = (): void => stop('cancelled')
    signal?.addEventListener('abort', onAbort, { once: true })
    sock.on('data', (chunk: Buffer) => frames.push(chunk))
    sock.on('end', () => finish())
    sock.on('close', () => finish())
    sock.on('error', (err) => finish(err))
  })
  if (stopped) {
    // A command that ended by itself while its id was awaited needs no killing.
    const killed = !cut || (frames.pid !== undefined && (await killInContainer(container, frames.pid).then(() => true, () => false)))
    const command = cmd.join(' ')
    const after = killed ? t('backups.restore.execStopped') : t('backups.restore.execNotStopped')
    if (stopped === 'cancelled') throw new ApiError('cancelled', t('backups.restore.execCancelled', { command, after }), frames.output() || undefined)
    throw new ApiError('exec-timeout', t('backups.restore.execTimeout', { command, seconds: Math.round(timeoutMs / 1000), after }), frames.output() || undefined)
  }
  const output = frames.output()
  const stdout = frames.stdout()
  const stdoutCut = frames.stdoutCut ? { stdoutCut: true } : {}
  // The process may still be being reaped when the stream closes.
  for (let i = 0; i < 50; i++) {
    const r = await exec.inspect()
    if (!r.Running) return { exitCode: r.ExitCode ?? -1, output, stdout, ...stdoutCut }
    await new Promise((res) => setTimeout(res, 100))
  }
  return { exitCode: -1, output, stdout, ...stdoutCut }
}

/** The first running container of a swarm service on this engine. */
export async function runningContainerOf(docker: Docker, serviceName: string): Promise<Docker.Container | undefined> {
  const list = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${serviceName}`], status: ['running'] }) })
  return list[0] ? docker.getContainer(list[0].Id) : undefined
}
