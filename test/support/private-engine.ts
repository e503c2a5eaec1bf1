// A Docker engine of one test's own, for tests that remove things engine-wide
// (clean-up): the rig's engines hold ~180 test files' images, stand-ins that
// cannot be pulled again here, so such tests must never run against them.
// It runs in a network namespace of its own (unshare -n): `--bridge none`
// would otherwise delete the host's docker0, engine 1's bridge. Everything it
// keeps (data, exec state, its containerd, pid file, socket, log) is under one
// temporary folder, removed by stop(), which kills it by its PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { api, ping } from '../rig/engine.mjs'

export interface PrivateEngine {
  /** The engine's unix socket (short path: unix sockets are limited to 107 bytes). */
  socket: string
  /** Calls its Docker API (see test/rig/engine.mjs). */
  api(method: string, urlPath: string, body?: unknown, timeoutMs?: number): Promise<{ status: number; text: string; json: unknown }>
  /** Runs the docker CLI against it. */
  docker(args: string[], input?: Buffer): string
  /** Copies an image from the rig's engine 1 (`docker save | load`): nothing is pulled. */
  loadFromRig(image: string): void
  stop(): Promise<void>
}

const ENV = { PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin`, HOME: process.env.HOME ?? '/root' }

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number, log: string): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (await check()) return
  const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : ''
  throw new Error(`${what} within ${ms / 1000}s${tail ? `; end of ${log}:\n${tail}` : ''}`)
}

/** With `swarm`, the engine is a swarm manager of its own, on its namespace's loopback. */
export async function startPrivateEngine(opts: { swarm?: boolean } = {}): Promise<PrivateEngine> {
  const id = crypto.randomBytes(3).toString('hex')
  // Under /tmp (not the test's cwd): the socket path must stay short.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccd-pe-${id}-`))
  const socket = path.join(dir, 'd.sock')
  const log = path.join(dir, 'dockerd.log')
  const pidFile = path.join(dir, 'dockerd.pid')
  const out = fs.openSync(log, 'a')
  let child: ChildProcess | undefined
  try {
    // Loopback up first (a new namespace has it down), for a swarm of its own; then exec, so the PID is dockerd's.
    child = spawn(
      'unshare',
      [
        '-n',
        'sh',
        '-c',
        'ip link set lo up && exec "$@"',
        'sh',
        'dockerd',
        '--data-root', path.join(dir, 'data'),
        '--exec-root', path.join(dir, 'exec'),
        '--pidfile', pidFile,
        '-H', `unix://${socket}`,
        '--containerd-namespace', `ccdpe${id}`,
        '--containerd-plugins-namespace', `ccdpe${id}p`,
        '--bridge', 'none',
        '--iptables=false',
        '--ip-masq=false',
        '--ip6tables=false'
      ],
      { stdio: ['ignore', out, out], env: ENV }
    )
  } finally {
    fs.closeSync(out)
  }
  const proc = child
  const alive = (): boolean => proc.exitCode === null && proc.signalCode === null
  const stop = async (): Promise<void> => {
    if (alive() && proc.pid) {
      process.kill(proc.pid, 'SIGTERM')
      const end = Date.now() + 30_000
      while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 100))
      if (alive()) process.kill(proc.pid, 'SIGKILL')
      while (alive()) await new Promise((r) => setTimeout(r, 100))
    }
    // Its containers' mounts go with it; the data root may still hold an overlay mount for a moment.
    for (let i = 0; i < 20; i++) {
      try {
        fs.rmSync(dir, { recursive: true, force: true })
        return
      } catch {
        spawnSync('umount', ['-R', path.join(dir, 'data')], { stdio: 'ignore' })
        spawnSync('umount', ['-R', path.join(dir, 'exec')], { stdio: 'ignore' })
        await new Promise((r) => setTimeout(r, 250))
      }
    }
  }
  try {
    await until('the private dockerd to answer', async () => {
      if (!alive()) throw new Error(`the private dockerd exited (${proc.exitCode ?? proc.signalCode}); see ${log}:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`)
      return ping(socket)
    }, 60_000, log)
  } catch (err) {
    await stop()
    throw err
  }
  if (opts.swarm) {
    const r = await api(socket, 'POST', '/swarm/init', { ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' })
    if (r.status !== 200) {
      await stop()
      throw new Error(`swarm init on the private engine failed: ${r.text}`)
    }
  }
  const docker = (args: string[], input?: Buffer): string => {
    const r = spawnSync('docker', ['-H', `unix://${socket}`, ...args], { input, env: ENV, maxBuffer: 256 * 1024 * 1024 })
    if (r.status !== 0) throw new Error(`docker ${args.join(' ')} on the private engine failed: ${r.stderr?.toString() ?? r.error?.message}`)
    return r.stdout.toString('utf8')
  }
  return {
    socket,
    api: (method, urlPath, body, timeoutMs) => api(socket, method, urlPath, body, timeoutMs) as Promise<{ status: number; text: string; json: unknown }>,
    docker,
    loadFromRig: (image) => {
      const saved = spawnSync('docker', ['save', image], { env: ENV, maxBuffer: 512 * 1024 * 1024 })
      if (saved.status !== 0) throw new Error(`docker save ${image} failed: ${saved.stderr.toString()}`)
      docker(['load'], saved.stdout)
    },
    stop
  }
}
