// Fault makers for the "faults in every long job" suite (and Health's
// faults), each owned by the test so that firing it disturbs no other test:
// an sshd of our own (its own port, host key and pid, the rig's users and
// keys) that can be killed and started again, and whose sessions may see a
// small tmpfs of their own at a path (a server disk to fill) through a
// private mount namespace; a TCP relay in front of it that can be cut; a
// small tmpfs as ~/.abra that can be filled to the last byte; a restart of
// the rig's second engine (only ever engine 2: engine 1 and the rig's sshd
// are shared); and a WebSocket page of browser mode that can go away and
// come back.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import { API_PATH, PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../src-main/browser/server'
import type { Job } from '../../src-main/contract/schemas'
import { ping, swarmState } from '../rig/engine.mjs'
import { freePort, type Rig } from '../rig/rig'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; ; await sleep(100)) {
    if (await ok()) return
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
  })

/** Every descendant of `pid` (children first found by walking /proc). */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>()
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue
    try {
      parent.set(Number(e), Number(fs.readFileSync(`/proc/${e}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]))
    } catch { /* gone */ }
  }
  const out: number[] = []
  const walk = (p: number): void => {
    for (const [child, pp] of parent) {
      if (pp !== p) continue
      out.push(child)
      walk(child)
    }
  }
  walk(pid)
  return out
}

export interface OwnSshd {
  port: number
  /** The listening sshd's pid while it runs. */
  pid(): number | undefined
  /** SIGKILL to the listener and every session under it, as when sshd dies; the port then refuses. */
  kill(): Promise<void>
  /** Starts it (again after kill()): same port, host key and settings, so a client's trust in it still holds. */
  start(): Promise<void>
  /**
   * Runs a command as root where this sshd's sessions live (its mount
   * namespace: nsenter -m), e.g. to fill or free its private tmpfs; returns
   * stdout, throws on failure.
   */
  run(argv: string[]): string
  close(): Promise<void>
}

export interface OwnSshdOptions {
  /**
   * sshd runs in a private mount namespace (unshare -m, propagation private)
   * with a tmpfs of sizeMb mounted at `tmpfs`: only its sessions see that
   * small disk there (a Docker data root that can be filled on purpose), while
   * the path stays as it is for everyone else (dockerd, other tests). The
   * tmpfs goes with the namespace when sshd and its sessions have died;
   * start() after kill() mounts a new, empty one.
   */
  mountNamespace?: { tmpfs: string; sizeMb: number }
}

/**
 * An sshd of this test's own on a free loopback port, configured like the
 * rig's (same AuthorizedKeysFile, so the rig's users and keys work) but with
 * its own host key, pid file and log, so killing it touches nobody else.
 */
export async function startOwnSshd(rig: Rig, opts: OwnSshdOptions = {}): Promise<OwnSshd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-faults-sshd-'))
  const port = await freePort()
  const hostKey = path.join(dir, 'host_ed25519')
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ccd-faults', '-f', hostKey], { stdio: 'ignore' })
  const rigConfig = fs.readFileSync(rig.sshd.configFile, 'utf8')
  // Everything but where it listens, its host keys and its pid file is the rig's.
  const kept = rigConfig.split('\n').filter((l) => !/^\s*(Port|ListenAddress|HostKey|PidFile)\b/.test(l))
  const config = path.join(dir, 'sshd_config')
  fs.writeFileSync(config, [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKey}`, `PidFile ${path.join(dir, 'sshd.pid')}`, ...kept].join('\n'))
  let proc: ChildProcess | undefined
  const own: OwnSshd = {
    port,
    pid: () => (proc && proc.exitCode === null && proc.signalCode === null ? proc.pid : undefined),
    run: (argv) => {
      const pid = own.pid()
      if (!pid) throw new Error('our sshd is not running')
      const r = spawnSync('nsenter', ['-t', String(pid), '-m', '--', ...argv], { encoding: 'utf8' })
      if (r.status !== 0) throw new Error(`${argv.join(' ')} in our sshd's namespace failed (${r.error?.message ?? r.status}): ${r.stderr}`)
      return r.stdout
    },
    start: async () => {
      if (proc && proc.exitCode === null && proc.signalCode === null) return
      const sshd = ['/usr/sbin/sshd', '-D', '-f', config, '-E', path.join(dir, 'sshd.log')]
      const ns = opts.mountNamespace
      // unshare and sh exec sshd in turn: the pid spawned is the listener's.
      proc = ns
        ? spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o "size=$1m,mode=0710" tmpfs "$2" && shift 2 && exec "$@"', 'sh', String(ns.sizeMb), ns.tmpfs, ...sshd], { stdio: ['ignore', 'ignore', 'pipe'] })
        : spawn(sshd[0], sshd.slice(1), { stdio: 'ignore' })
      let err = ''
      proc.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d))
      const p = proc
      await until(`our sshd on port ${port}`, async () => {
        if (p.exitCode !== null) throw new Error(`our sshd exited (${p.exitCode}): ${err.trim()}`)
        return accepts(port)
      }, 15_000)
    },
    kill: async () => {
      const p = proc
      if (!p?.pid) return
      const all = [p.pid, ...descendants(p.pid)]
      for (const pid of all) {
        try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ }
      }
      const dead = (pid: number): boolean => {
        try {
          return /\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
        } catch {
          return true // gone (perhaps between two looks)
        }
      }
      await until('our sshd and its sessions to die', () => all.every(dead), 10_000)
      proc = undefined
    },
    close: async () => {
      await own.kill()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
  await own.start()
  return own
}

/**
 * A TCP relay that can be cut (every connection dropped, new ones refused)
 * and mended, and whose bytes can be held to a slow rate each way: a long
 * copy then lasts until the test has seen what it shows meanwhile, however
 * fast or loaded the computer (no race with its end).
 */
export interface Relay {
  port: number
  cut(): void
  mend(): void
  /** From now on, each connection's bytes go at about `bytesPerSecond` in each direction. */
  slow(bytesPerSecond: number): void
  /** Full speed again, at once (a pause under way ends now). */
  fast(): void
  close(): Promise<void>
}

export async function startRelay(host: string, port: number): Promise<Relay> {
  let cut = false
  let rate = 0
  // The pauses under way (one per direction of a connection at most), ended early by fast().
  const pauses = new Set<() => void>()
  const open = new Set<net.Socket>()
  // One direction by hand: after each chunk, when slowed, the sending side is
  // paused for as long as that chunk takes at the rate (and always until the
  // receiver has taken it), so TCP's own flow control holds the rest back.
  const forward = (from: net.Socket, to: net.Socket): void => {
    from.on('data', (chunk: Buffer) => {
      const drained = to.write(chunk)
      const waitMs = rate ? (chunk.length / rate) * 1000 : 0
      if (drained && !waitMs) return
      from.pause()
      let waiting = (drained ? 0 : 1) + (waitMs ? 1 : 0)
      const done = (): void => {
        if (--waiting === 0) from.resume()
      }
      if (!drained) to.once('drain', done)
      if (waitMs) {
        const end = (): void => {
          clearTimeout(timer)
          pauses.delete(end)
          done()
        }
        const timer = setTimeout(end, waitMs)
        pauses.add(end)
      }
    })
    from.on('end', () => to.end())
  }
  const server = net.createServer((client) => {
    if (cut) return client.destroy()
    const upstream = net.connect(port, host)
    for (const s of [client, upstream]) {
      open.add(s)
      s.on('close', () => open.delete(s))
      s.on('error', () => undefined)
    }
    forward(client, upstream)
    forward(upstream, client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => {
      cut = true
      for (const s of open) s.resetAndDestroy()
    },
    mend: () => {
      cut = false
    },
    slow: (bytesPerSecond) => {
      rate = bytesPerSecond
    },
    fast: () => {
      rate = 0
      for (const end of [...pauses]) end()
    },
    close: () =>
      new Promise<void>((resolve) => {
        rate = 0
        for (const end of [...pauses]) end()
        for (const s of open) s.destroy()
        server.close(() => resolve())
      })
  }
}

/** A tmpfs of `sizeMb` at `dir` (created empty), so that disk can be filled on purpose. */
export function mountTmpfs(dir: string, sizeMb: number): () => void {
  fs.mkdirSync(dir, { recursive: true })
  spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir], { stdio: 'inherit' })
  if (!fs.readFileSync('/proc/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === dir)) throw new Error(`could not mount a tmpfs at ${dir}`)
  return () => {
    spawnSync('umount', ['-l', dir], { stdio: 'ignore' })
  }
}

/** Fills the disk holding `dir` to the last byte with a ballast file; returns a function that frees it. */
export function fillDisk(dir: string): () => void {
  const ballast = path.join(dir, '.faults-ballast')
  const fd = fs.openSync(ballast, 'w')
  const chunk = Buffer.alloc(1024 * 1024, 0x61)
  try {
    for (;;) fs.writeSync(fd, chunk)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
  }
  // The last MiB did not fit whole: fill what is left byte-exactly.
  try {
    for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
      try { for (;;) fs.writeSync(fd, chunk, 0, size) } catch { /* next smaller */ }
    }
  } finally {
    fs.closeSync(fd)
  }
  return () => fs.rmSync(ballast, { force: true })
}

/**
 * Restarts the rig's engine 2 as it runs (same argv, same data-root, so its
 * swarm, services and volumes come back), waiting until it answers with the
 * same swarm state. Never engine 1: other tests use it all the time.
 */
export async function restartEngine2(rig: Rig): Promise<void> {
  const pidFile = path.join(path.dirname(rig.docker2.dataRoot), 'pid')
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim())
  const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  if (!argv.includes(`unix://${rig.docker2.socket}`)) throw new Error(`pid ${pid} is not engine 2 (${argv.join(' ')})`)
  const swarm = await swarmState(rig.docker2.socket)
  process.kill(pid, 'SIGTERM')
  await until('engine 2 to stop', () => !fs.existsSync(`/proc/${pid}`), 60_000)
  const log = fs.openSync(path.join(path.dirname(rig.docker2.dataRoot), 'dockerd.log'), 'a')
  // Not this test run's environment: npm test points XDG_RUNTIME_DIR (where
  // runc keeps each exec's files) into a folder it deletes when it ends, after
  // which every exec on this engine, health checks included, would fail.
  const env = { PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin`, HOME: process.env.HOME ?? '/root' }
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', log, log], env })
  child.unref()
  fs.closeSync(log)
  await until('engine 2 to answer again', () => ping(rig.docker2.socket), 90_000)
  await until(`engine 2's swarm to be ${swarm} again`, async () => (await swarmState(rig.docker2.socket).catch(() => undefined)) === swarm, 60_000)
}

/** A browser-mode page: a WebSocket that calls the API and hears job updates. */
export interface Page {
  call<T = unknown>(method: string, input?: unknown): Promise<T>
  /** Resolves with the job once it has ended, as this page hears it (update events, then jobs.list). */
  jobEnd(jobId: string, timeoutMs: number): Promise<Job>
  close(): Promise<void>
}

export async function openPage(port: number, token: string): Promise<Page> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${API_PATH}`, [PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`], { origin: `http://127.0.0.1:${port}` })
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject))
  const updates = new Map<string, Job>()
  const waiting = new Map<number, (r: { ok: boolean; value?: unknown; error?: { message: string } }) => void>()
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean; value?: unknown; error?: { message: string } }; event?: string; payload?: unknown }
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result!)
    if (msg.event === 'job.update') updates.set((msg.payload as Job).id, msg.payload as Job)
  })
  let next = 1
  const call = <T>(method: string, input: unknown = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within 60 s`)), 60_000)
      waiting.set(id, (r) => {
        clearTimeout(timer)
        waiting.delete(id)
        if (r.ok) resolve(r.value as T)
        else reject(Object.assign(new Error(`${method}: ${r.error?.message}`), { body: r.error }))
      })
      ws.send(JSON.stringify({ id, method, input }))
    })
  return {
    call,
    jobEnd: async (jobId, timeoutMs) => {
      // The page that came back knows the job only from jobs.list, then from updates.
      for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(200)) {
        const heard = updates.get(jobId)
        if (heard && heard.status !== 'running') return heard
        const listed = (await call<Job[]>('jobs.list')).find((j) => j.id === jobId)
        if (!listed) throw new Error(`the new page does not see job ${jobId} in jobs.list`)
        if (listed.status !== 'running') return listed
      }
      throw new Error(`job ${jobId} did not end within ${timeoutMs} ms`)
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve()
        ws.once('close', () => resolve())
        ws.close()
      })
  }
}
