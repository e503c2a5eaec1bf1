// A server with things to clean up, on a private engine (never the rig's):
// images of random content imported from tar files (so they share no layer
// and their sizes are Docker's own), stopped containers, a running one, a
// service that asks for an image, and a volume that must survive.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startPrivateEngine, type PrivateEngine } from './private-engine'

export interface CleanupWorld {
  engine: PrivateEngine
  /** Image IDs by role. */
  ids: {
    busybox: string
    /** Unused, named. */
    a: string
    b: string
    /** Named, used only by the stopped container `stoppedC`. */
    c: string
    /** Without a name (dangling). */
    dangling: string
    /** Named, unused by containers, asked for by the service `svc`. */
    service: string
  }
  /** Container IDs: two stopped, one running. */
  containers: { exited: string; stoppedC: string; running: string }
  volume: string
  tag: string
  close(): Promise<void>
}

export interface DiskUsageAnswer {
  LayersSize: number
  Images: Array<{ Id: string; Size: number; SharedSize: number; RepoTags: string[] | null }>
  Containers: Array<{ Id: string; State: string; SizeRw?: number; Names: string[] }>
  BuildCache: Array<{ InUse: boolean; Shared: boolean; Size: number }> | null
}

function tarOf(bytes: number): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cw-tar-'))
  try {
    fs.writeFileSync(path.join(dir, 'blob'), crypto.randomBytes(bytes))
    const r = spawnSync('tar', ['-C', dir, '-cf', '-', 'blob'], { maxBuffer: 64 * 1024 * 1024 })
    if (r.status !== 0) throw new Error(`tar failed: ${r.stderr.toString()}`)
    return r.stdout
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function importImage(engine: PrivateEngine, bytes: number, ref?: { repo: string; tag: string }): Promise<string> {
  const q = ref ? `&repo=${encodeURIComponent(ref.repo)}&tag=${ref.tag}` : ''
  const r = await engine.api('POST', `/images/create?fromSrc=-${q}`, tarOf(bytes))
  const id = /"status":"(sha256:[0-9a-f]{64})"/.exec(r.text)?.[1]
  if (r.status !== 200 || !id) throw new Error(`import failed (HTTP ${r.status}): ${r.text}`)
  return id
}

async function ok<T = unknown>(p: Promise<{ status: number; text: string; json: unknown }>, what: string): Promise<T> {
  const r = await p
  if (r.status >= 300) throw new Error(`${what} failed (HTTP ${r.status}): ${r.text}`)
  return r.json as T
}

export async function startCleanupWorld(): Promise<CleanupWorld> {
  const engine = await startPrivateEngine({ swarm: true })
  try {
    const tag = crypto.randomBytes(3).toString('hex')
    engine.loadFromRig('ccd-busybox:test')
    const busybox = (await ok<{ Id: string }>(engine.api('GET', '/images/ccd-busybox:test/json'), 'inspect busybox')).Id
    const a = await importImage(engine, 300_000, { repo: `ccd-clean-a-${tag}`, tag: '1' })
    const b = await importImage(engine, 200_000, { repo: `ccd-clean-b-${tag}`, tag: '1' })
    const c = await importImage(engine, 150_000, { repo: `ccd-clean-c-${tag}`, tag: '1' })
    const dangling = await importImage(engine, 120_000)
    const service = await importImage(engine, 100_000, { repo: `ccd-clean-svc-${tag}`, tag: '1' })
    // A second name for busybox: the same image, in use, kept under both names.
    await ok(engine.api('POST', `/images/ccd-busybox:test/tag?repo=ccd-clean-alias-${tag}&tag=1`), 'tag busybox')

    const volume = `ccd-clean-keep-${tag}`
    await ok(engine.api('POST', '/volumes/create', { Name: volume }), 'volume create')
    const none = { NetworkMode: 'none' }
    const exited = (await ok<{ Id: string }>(
      engine.api('POST', `/containers/create?name=ccd-clean-exited-${tag}`, {
        Image: 'ccd-busybox:test',
        Cmd: ['sh', '-c', 'head -c 100000 /dev/urandom > /data/blob; head -c 100000 /dev/urandom > /written'],
        HostConfig: { ...none, Binds: [`${volume}:/data`] }
      }),
      'create exited'
    )).Id
    await ok(engine.api('POST', `/containers/${exited}/start`), 'start exited')
    await ok(engine.api('POST', `/containers/${exited}/wait`), 'wait exited')
    const stoppedC = (await ok<{ Id: string }>(
      engine.api('POST', `/containers/create?name=ccd-clean-stopped-c-${tag}`, { Image: `ccd-clean-c-${tag}:1`, Cmd: ['/blob'], HostConfig: none }),
      'create stopped'
    )).Id
    const running = (await ok<{ Id: string }>(
      engine.api('POST', `/containers/create?name=ccd-clean-running-${tag}`, { Image: 'ccd-busybox:test', Cmd: ['sleep', '600'], HostConfig: none }),
      'create running'
    )).Id
    await ok(engine.api('POST', `/containers/${running}/start`), 'start running')
    // No copies: the service only asks for its image, which must stay.
    await ok(
      engine.api('POST', '/services/create', {
        Name: `ccd-clean-svc-${tag}`,
        TaskTemplate: { ContainerSpec: { Image: `ccd-clean-svc-${tag}:1`, Command: ['/blob'] } },
        Mode: { Replicated: { Replicas: 0 } }
      }),
      'service create'
    )
    return { engine, ids: { busybox, a, b, c, dangling, service }, containers: { exited, stoppedC, running }, volume, tag, close: () => engine.stop() }
  } catch (err) {
    await engine.stop()
    throw err
  }
}

/** The engine's own disk usage answer. */
export async function diskUsage(engine: PrivateEngine): Promise<DiskUsageAnswer> {
  return ok<DiskUsageAnswer>(engine.api('GET', '/system/df'), '/system/df')
}

export async function exists(engine: PrivateEngine, kind: 'images' | 'containers' | 'volumes', id: string): Promise<boolean> {
  const r = await engine.api('GET', `/${kind}/${id}${kind === 'volumes' ? '' : '/json'}`)
  return r.status === 200
}
