// Running one command inside a container and collecting what it printed:
// the backupbot restore hooks, emptying a volume in the helper container,
// reading a secret for a move. Output goes to the caller only (a secret read
// this way must never reach a log).
import type { Duplex } from 'node:stream'
import type Docker from 'dockerode'

export interface ExecOutcome {
  exitCode: number
  /** stdout and stderr as text, capped. */
  output: string
  /** stdout byte for byte (a secret's value must not gain a newline). */
  stdout: Buffer
}

/** Docker's multiplexed exec stream (no TTY): 8-byte headers, then payload. */
class Frames {
  private buf: Buffer = Buffer.alloc(0)
  readonly out: Buffer[] = []
  readonly all: Buffer[] = []
  private size = 0
  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk
    while (this.buf.length >= 8) {
      const len = this.buf.readUInt32BE(4)
      if (this.buf.length < 8 + len) return
      const payload = this.buf.subarray(8, 8 + len)
      if (this.buf[0] !== 2) this.out.push(payload)
      if (this.size < MAX_OUTPUT) this.all.push(payload)
      this.size += payload.length
      this.buf = this.buf.subarray(8 + len)
    }
  }
}

const MAX_OUTPUT = 64 * 1024

export async function execIn(container: Docker.Container, cmd: string[], opts: { timeoutMs?: number } = {}): Promise<ExecOutcome> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false })
  const sock = (await exec.start({ hijack: true, Detach: false } as Docker.ExecStartOptions)) as unknown as Duplex
  const frames = new Frames()
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      sock.destroy()
      reject(new Error(`"${cmd.join(' ')}" did not finish within ${Math.round((opts.timeoutMs ?? 300_000) / 1000)} seconds.`))
    }, opts.timeoutMs ?? 300_000)
    sock.on('data', (chunk: Buffer) => frames.push(chunk))
    sock.on('end', () => {
      clearTimeout(timer)
      resolve()
    })
    sock.on('close', () => {
      clearTimeout(timer)
      resolve()
    })
    sock.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
  const output = Buffer.concat(frames.all).toString('utf8').slice(0, MAX_OUTPUT)
  const stdout = Buffer.concat(frames.out)
  // The process may still be being reaped when the stream closes.
  for (let i = 0; i < 50; i++) {
    const r = await exec.inspect()
    if (!r.Running) return { exitCode: r.ExitCode ?? -1, output, stdout }
    await new Promise((res) => setTimeout(res, 100))
  }
  return { exitCode: -1, output, stdout }
}

/** The first running container of a swarm service on this engine. */
export async function runningContainerOf(docker: Docker, serviceName: string): Promise<Docker.Container | undefined> {
  const list = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${serviceName}`], status: ['running'] }) })
  return list[0] ? docker.getContainer(list[0].Id) : undefined
}
