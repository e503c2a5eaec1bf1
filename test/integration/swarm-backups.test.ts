import crypto from 'node:crypto'
import fs from 'node:fs'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import * as tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../src-main/backups/archive'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { BackupInfo } from '../../src-main/contract/backups'
import type { Job } from '../../src-main/contract/schemas'
import type { Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { startSwarmNodes, type SwarmNode, type SwarmNodes } from '../support/swarm-nodes'
import { coreOnSwarm } from '../support/swarm-server'
import { call, waitFor } from './support'

// Backups and restores on a swarm of two machines (issue 13). The app has two
// services: `app` on the manager (ccd-node-1, where the server's connection
// lands) with the volume `data`, and `db` pinned to ccd-node-2 with the volume
// `db`, whose backupbot hooks must run in its container there. One backup job
// reads both volumes, each on its own machine; a restore writes each back
// where it lives. Neither machine ever gets the other's volume. Then, with
// `db` stopped, its volume is read on node 2 by a helper there; an app that
// never ran anywhere is refused in words. Everything here is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let core: Core
let closeCore: (() => Promise<void>) | undefined
const SERVER = 'swarm1'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `b${tag}.apps.test`
const stack = stackNameFor(domain)
const neverDomain = `n${tag}.apps.test`
const neverStack = stackNameFor(neverDomain)
const ref = () => ({ server: SERVER, domain })
const manager = (): SwarmNode => swarm.manager
const node2 = (): SwarmNode => swarm.nodes[1]
const containerOf = (node: SwarmNode, service: string): string => node.docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_${service}`]).trim()
const volumesOn = (node: SwarmNode): string[] => node.docker(['volume', 'ls', '-q']).split('\n').filter(Boolean)
const sh = (node: SwarmNode, service: string, script: string, input?: Buffer): string => node.docker(['exec', '-i', containerOf(node, service), 'sh', '-c', script], input)
const sha = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex')
const shaIn = (node: SwarmNode, service: string, file: string): string => sh(node, service, `sha256sum ${file}`).split(/\s+/)[0]

const appBytes = crypto.randomBytes(300_000)
const dbBytes = crypto.randomBytes(200_000)

async function createService(name: string, opts: { node?: string; volume: string; target: string; labels: Record<string, string>; replicas?: number; ns?: string }): Promise<void> {
  const ns = opts.ns ?? stack
  const r = await manager().api('POST', '/services/create', {
    Name: `${ns}_${name}`,
    Labels: { 'com.docker.stack.namespace': ns, 'backupbot.backup': 'true', ...opts.labels },
    TaskTemplate: {
      ContainerSpec: {
        Image: rig.image,
        Command: ['sh', '-c', 'exec sleep 100000'],
        Mounts: [{ Type: 'volume', Source: `${ns}_${opts.volume}`, Target: opts.target, VolumeOptions: { Labels: { 'com.docker.stack.namespace': ns } } }]
      },
      ...(opts.node ? { Placement: { Constraints: [`node.hostname==${opts.node}`] } } : {})
    },
    Mode: { Replicated: { Replicas: opts.replicas ?? 1 } }
  })
  expect(r.status, r.text).toBe(201)
}

/** Every file of the .tar.gz: name → contents. */
async function entries(file: string): Promise<Map<string, Buffer>> {
  const extract = tar.extract()
  Readable.from(fs.createReadStream(file).pipe(zlib.createGunzip())).pipe(extract as never)
  const files = new Map<string, Buffer>()
  for await (const e of extract) {
    const parts: Buffer[] = []
    for await (const c of e as unknown as AsyncIterable<Buffer>) parts.push(c)
    if (e.header.type === 'file') files.set(e.header.name, Buffer.concat(parts))
  }
  return files
}

/** Runs a job to its end, with every state it published on the way. */
async function followed(start: () => Promise<{ jobId: string }>): Promise<{ job: Job; seen: Job[] }> {
  const seen: Job[] = []
  const off = core.events.subscribe((name, payload) => {
    if (name === 'job.update') seen.push(payload as Job)
  })
  try {
    const { jobId } = await start()
    const job = await core.jobs.wait(jobId)
    return { job, seen: seen.filter((j) => j.id === jobId) }
  } finally {
    off()
  }
}

async function backUp(): Promise<{ info: BackupInfo; job: Job; seen: Job[] }> {
  const before = new Set((await call(core, 'backups.list', { domain })).map((x) => x.id))
  const { job, seen } = await followed(() => call(core, 'backups.create', ref()))
  expect(job.status, job.error?.message).toBe('done')
  const fresh = (await call(core, 'backups.list', { domain })).filter((x) => !before.has(x.id))
  expect(fresh).toHaveLength(1)
  return { info: fresh[0], job, seen }
}

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 2 })
  ;({ core, close: closeCore } = await coreOnSwarm(rig, swarm, SERVER, 'ccd-swarm-backups-'))
  await writeAppEnv(core.paths, SERVER, domain, `RECIPE=custom\nDOMAIN=${domain}\n`)
  await writeAppEnv(core.paths, SERVER, neverDomain, `RECIPE=custom\nDOMAIN=${neverDomain}\n`)
  await createService('app', { node: manager().name, volume: 'data', target: '/data', labels: {} })
  await createService('db', {
    node: node2().name,
    volume: 'db',
    target: '/var/db',
    labels: {
      'backupbot.backup.pre-hook': 'echo dumped > /var/db/dump.txt',
      'backupbot.backup.post-hook': 'rm -f /var/db/dump.txt',
      'backupbot.restore.post-hook': 'echo restored > /tmp/restored'
    }
  })
  await waitFor('app on the manager and db on ccd-node-2 running', async () => containerOf(manager(), 'app') !== '' && containerOf(node2(), 'db') !== '', 90_000, { everyMs: 500 })
  sh(manager(), 'app', 'mkdir -p /data/sub && cat > /data/sub/a.bin', appBytes)
  sh(node2(), 'db', 'cat > /var/db/b.bin', dbBytes)
}, 240_000)

afterAll(async () => {
  await closeCore?.()
  await swarm?.stop()
}, 90_000)

describe('backups and restores on a swarm of two machines', () => {
  let backup: BackupInfo

  it('backs up both machines’ volumes in one job, with db’s hooks run in its container on ccd-node-2', { timeout: 60_000 }, async () => {
    const { info, job, seen } = await backUp()
    backup = info
    expect(info.services).toEqual(['app', 'db'])
    expect(seen.some((j) => j.status === 'running' && (j.percent ?? 0) > 0)).toBe(true)
    expect(job.log.join('')).toContain(`db runs on ${node2().name}`)

    const files = await entries(info.file)
    expect(sha(files.get('volumes/app/data/sub/a.bin')!)).toBe(sha(appBytes))
    expect(sha(files.get('volumes/db/db/b.bin')!)).toBe(sha(dbBytes))
    // The pre-hook ran in the container on node 2 (its dump is in node 2's volume), and the post-hook removed it there.
    expect(files.get('volumes/db/db/dump.txt')?.toString()).toBe('dumped\n')
    expect(sh(node2(), 'db', 'ls /var/db').trim()).toBe('b.bin')
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as Manifest
    expect(manifest.hooks.map((h) => [h.service, h.kind, h.exitCode])).toEqual([
      ['db', 'pre', 0],
      ['db', 'post', 0]
    ])
    // No helper read an empty same-named volume anywhere.
    expect(volumesOn(manager())).not.toContain(`${stack}_db`)
    expect(volumesOn(node2())).not.toContain(`${stack}_data`)
  })

  it('restores every byte onto the machine it came from, and runs db’s restore post-hook there', { timeout: 120_000 }, async () => {
    expect(backup).toBeDefined()
    sh(manager(), 'app', 'head -c 1000 /dev/urandom > /data/sub/a.bin && echo new > /data/added.txt')
    sh(node2(), 'db', 'rm /var/db/b.bin && echo new > /var/db/added.txt')
    const { job, seen } = await followed(() => call(core, 'backups.restore', { ...ref(), id: backup.id }))
    expect(job.status, `${job.error?.message}\n${job.log.join('')}`).toBe('done')
    expect(seen.some((j) => j.status === 'running' && (j.percent ?? 0) > 0)).toBe(true)
    expect(job.log.join('')).toContain(`db keeps its data on ${node2().name}`)

    await waitFor('both services running again', async () => containerOf(manager(), 'app') !== '' && containerOf(node2(), 'db') !== '', 30_000, { everyMs: 500 })
    expect(shaIn(manager(), 'app', '/data/sub/a.bin')).toBe(sha(appBytes))
    expect(sh(manager(), 'app', 'ls -A /data').trim()).toBe('sub')
    expect(shaIn(node2(), 'db', '/var/db/b.bin')).toBe(sha(dbBytes))
    // Back as backed up: the dump the pre-hook wrote is in the archive, so it comes back too.
    expect(sh(node2(), 'db', 'ls -A /var/db').trim().split('\n').sort()).toEqual(['b.bin', 'dump.txt'])
    // In the new container, on node 2.
    expect(sh(node2(), 'db', 'cat /tmp/restored')).toBe('restored\n')
    expect(volumesOn(manager())).not.toContain(`${stack}_db`)
    expect(volumesOn(node2())).not.toContain(`${stack}_data`)
  })

  it('reads a stopped service’s volume on the machine it is pinned to, through a helper there', { timeout: 60_000 }, async () => {
    const svc = (await manager().api('GET', `/services/${stack}_db`)).json as { Version: { Index: number }; Spec: Record<string, unknown> }
    const upd = await manager().api('POST', `/services/${stack}_db/update?version=${svc.Version.Index}`, { ...svc.Spec, Mode: { Replicated: { Replicas: 0 } } })
    expect(upd.status, upd.text).toBe(200)
    await waitFor('db on ccd-node-2 to stop', async () => containerOf(node2(), 'db') === '', 45_000, { everyMs: 500 })

    const { info, job } = await backUp()
    expect(job.log.join('')).toContain(`Its volumes are kept on ${node2().name}`)
    const files = await entries(info.file)
    expect(sha(files.get('volumes/db/db/b.bin')!)).toBe(sha(dbBytes))
    expect(sha(files.get('volumes/app/data/sub/a.bin')!)).toBe(sha(appBytes))
    expect(volumesOn(manager())).not.toContain(`${stack}_db`)
    // The helper is gone.
    expect(node2().docker(['ps', '-aq', '--filter', 'label=coop-cloud-desktop.backup-helper']).trim()).toBe('')
  })

  it('refuses, in words, a stopped service whose machine can’t be known, and makes no volume', { timeout: 30_000 }, async () => {
    // Never started, and free to run on either machine.
    await createService('app', { volume: 'data', target: '/data', labels: {}, replicas: 0, ns: neverStack })
    const { job } = await followed(() => call(core, 'backups.create', { server: SERVER, domain: neverDomain }))
    expect(job.status).toBe('failed')
    expect(job.error?.code).toBe('backup-machine-unknown')
    expect(job.error?.message).toContain('can’t tell which machine keeps its data')
    expect(volumesOn(manager())).not.toContain(`${neverStack}_data`)
    expect(volumesOn(node2())).not.toContain(`${neverStack}_data`)
  })

  it('refuses, naming the machine and what to do, when the machine that keeps the data can’t be reached', { timeout: 90_000 }, async () => {
    // A core of its own: none of the earlier links to ccd-node-2 is open in it.
    const fresh = await coreOnSwarm(rig, swarm, SERVER, 'ccd-swarm-backups-cut-')
    swarm.setReachable(node2(), false)
    try {
      await writeAppEnv(fresh.core.paths, SERVER, domain, `RECIPE=custom\nDOMAIN=${domain}\n`)
      const { jobId } = await call(fresh.core, 'backups.create', ref())
      const job = await fresh.core.jobs.wait(jobId)
      expect(job.status).toBe('failed')
      expect(job.error?.code).toBe('backup-machine-unreachable')
      expect(job.error?.message).toContain(`The data of db is on ${node2().name}`)
      expect(job.error?.message).toContain('nothing was changed')
      // Connections' own words on what to do.
      expect(job.error?.message).toMatch(/Check that|try again/)
      expect(await call(fresh.core, 'backups.list', { domain })).toEqual([])
      expect(volumesOn(manager())).not.toContain(`${stack}_db`)
    } finally {
      swarm.setReachable(node2(), true)
      await fresh.close()
    }
  })
})
