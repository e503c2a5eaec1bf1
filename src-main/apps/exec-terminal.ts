// A terminal in one of an app's running containers: `docker exec -it` over
// the server's existing connection (a hijacked HTTP connection, which rides
// an SSH channel just like any other request). With a TTY Docker sends raw
// bytes, so output is only decoded, keeping characters split across chunks whole.
import type { Duplex } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import type { LoadedApp } from './context'
import type { SwarmMachine } from '../servers/connections'
import { findService, lostWords, shortServiceName, type Opened } from './logs'
import { dockerMessage } from './secret-errors'
import { t } from '../i18n/i18n'

export interface ExecOpened extends Opened {
  container: string
  write(data: string): void
  resize(cols: number, rows: number): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
// How long a closed terminal's program gets to end on Ctrl-C, Ctrl-D.
const HANG_UP_MS = 2000
// Ending waits for the exit code, asked of Docker; a server that stopped
// answering must not keep the one who closed the terminal waiting.
const STOP_WAIT_MS = HANG_UP_MS + 5000
function bounded(p: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

async function nodeNames(docker: Docker, ids: string[]): Promise<string[]> {
  return Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        const n = (await docker.getNode(id).inspect()) as { Description?: { Hostname?: string } }
        return n.Description?.Hostname ?? id
      } catch {
        return id
      }
    })
  )
}

/** Opens another machine's engine: AppContext.machineDocker for one server. */
export type MachineDocker = (machine: SwarmMachine) => Promise<Docker>

/**
 * A running container of the service, and the engine it runs on: the one we
 * are connected to when it runs here, else (given `machine`) the engine of
 * the machine it runs on, reached through the server's link. Without
 * `machine`, a service running only elsewhere is refused, naming where.
 */
export async function runningContainer(docker: Docker, app: LoadedApp, service: string, machine?: MachineDocker): Promise<{ docker: Docker; containerId: string; machine?: string }> {
  const svc = await findService(docker, app, service)
  const name = shortServiceName(app, svc.Spec?.Name ?? service)
  const [info, tasks] = await Promise.all([
    docker.info() as Promise<{ Swarm?: { NodeID?: string } }>,
    docker.listTasks({ filters: JSON.stringify({ service: [svc.ID], 'desired-state': ['running'] }) })
  ])
  const running = tasks.filter((t) => t.Status?.State === 'running' && t.Status.ContainerStatus?.ContainerID)
  if (running.length === 0) {
    throw new ApiError('service-not-running', t('apps.terminal.notRunning', { name }))
  }
  const here = running.find((t) => t.NodeID === info.Swarm?.NodeID)
  if (here) return { docker, containerId: here.Status!.ContainerStatus!.ContainerID! }
  if (machine) {
    const task = running[0]
    const node = (await docker.getNode(task.NodeID as string).inspect()) as { ID: string; Description?: { Hostname?: string }; Status?: { Addr?: string } }
    const hostname = node.Description?.Hostname ?? node.ID
    const there = await machine({ id: node.ID, hostname, address: node.Status?.Addr ?? '' })
    return { docker: there, containerId: task.Status!.ContainerStatus!.ContainerID!, machine: hostname }
  }
  const nodes = await nodeNames(docker, running.map((t) => t.NodeID as string))
  throw new ApiError('service-elsewhere', t('apps.terminal.elsewhere', { name, nodes: nodes.join(', ') }), undefined, { nodes })
}

export async function openExec(
  docker: Docker,
  app: LoadedApp,
  opts: { service: string; command?: string[]; cols: number; rows: number; claim?: (connections: number, engine?: Docker) => void; machine?: MachineDocker }
): Promise<ExecOpened> {
  const { docker: engine, containerId } = await runningContainer(docker, app, opts.service, opts.machine)
  // The terminal holds one connection for as long as it is open.
  opts.claim?.(1, engine)
  const container = engine.getContainer(containerId)
  const cmd = opts.command?.length ? opts.command : ['sh']
  let exec: Docker.Exec
  let sock: Duplex
  try {
    exec = await container.exec({ Cmd: cmd, Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, ConsoleSize: [opts.rows, opts.cols] } as Docker.ExecCreateOptions)
    sock = (await exec.start({ hijack: true, stdin: true, Tty: true, Detach: false } as Docker.ExecStartOptions)) as unknown as Duplex
  } catch (err) {
    throw new ApiError(
      'exec-failed',
      t('apps.terminal.execFailed', { command: cmd.join(' '), service: opts.service }),
      dockerMessage(err)
    )
  }
  // Not read until start(): paused, the socket holds output for the caller.
  sock.pause()
  sock.on('error', () => {})
  // Engines before API 1.42 ignore ConsoleSize: until this resize the TTY is
  // 0x0, and what runs first (the prompt, `stty size`) would see no size.
  await exec.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined)

  let stopping = false
  let resolveDone: () => void = () => {}
  const done = new Promise<void>((resolve) => (resolveDone = resolve))
  let started = false

  const exitCode = async (): Promise<number | undefined> => {
    // The process may still be being reaped when the stream closes.
    for (let i = 0; i < 20; i++) {
      try {
        const r = await exec.inspect()
        if (!r.Running) return r.ExitCode ?? undefined
      } catch {
        return undefined
      }
      await sleep(100)
    }
    return undefined
  }

  return {
    container: containerId.slice(0, 12),
    start(sink) {
      started = true
      const decoder = new StringDecoder('utf8')
      let ended = false
      const finish = async (err?: unknown): Promise<void> => {
        if (ended) return
        ended = true
        const rest = decoder.end()
        if (rest) sink.data(rest)
        const code = await exitCode()
        sink.end(err !== undefined && !stopping && code === undefined ? { error: lostWords(err) } : { exitCode: code })
        resolveDone()
      }
      sock.on('data', (chunk: Buffer) => {
        const text = decoder.write(chunk)
        if (text) sink.data(text)
      })
      sock.on('end', () => void finish())
      sock.on('close', () => void finish())
      sock.on('error', (err) => void finish(err))
      sock.resume()
    },
    write(data) {
      sock.write(data)
    },
    async resize(cols, rows) {
      try {
        await exec.resize({ h: rows, w: cols })
      } catch (err) {
        throw new ApiError('resize-failed', t('apps.terminal.resizeFailed'), dockerMessage(err))
      }
    },
    async stop() {
      stopping = true
      // Docker leaves an exec's process running when its connection goes
      // away, so a closed terminal would leave its shell behind in the
      // container. Hang up as a person would: Ctrl-C stops what runs in the
      // foreground, Ctrl-D ends the shell, and Docker then closes the
      // connection. A program that ignores both is cut off after a moment.
      if (sock.destroyed) {
        if (started) await bounded(done)
        return
      }
      // Stopped before it was started (its page went while it opened): the
      // shell runs all the same, so it is hung up the same way, its output
      // read and dropped until Docker closes the connection.
      const closed = started ? done : new Promise<void>((resolve) => sock.once('close', () => resolve()))
      if (!started) {
        sock.on('data', () => {})
        sock.on('error', () => {})
        sock.resume()
      }
      sock.write('\x03\x04')
      const cut = setTimeout(() => sock.destroy(), HANG_UP_MS)
      await bounded(closed)
      clearTimeout(cut)
      sock.destroy()
    }
  }
}
