import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import type { BackupInfo } from '../../src-main/contract/backups'
import type { Job } from '../../src-main/contract/schemas'
import type { Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { startSwarmNodes, type SwarmNode, type SwarmNodes } from '../support/swarm-nodes'
import { coreOnSwarm } from '../support/swarm-server'
import { call, callError, waitFor } from './support'

// Issue 13's one scenario on a swarm of three machines (test/support/swarm-nodes.ts):
// ccd-node-1 the manager (where the server's SSH connection lands),
// ccd-node-2 and ccd-node-3 workers. An app of this file's own recipe is
// deployed through the core with `app` pinned to ccd-node-3 (worker 2) and
// its volume there, and `web` free to run on either worker (its own volume).
// Its backup, its restore (bytes checked), its terminal and a recipe command
// all reach ccd-node-3 through the manager. Draining ccd-node-3 plans `web`'s
// move with its data staying behind and `app` stuck, then moves `web`; the
// restore after that brings app's bytes back on ccd-node-3 and says `web`
// restarted on another machine than its data.
// A fresh fourth machine joins through nodes.joinCheck/nodes.join, and a cut
// machine is named in the error. Everything here is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let core: Core
let home = ''
let closeCore: (() => Promise<void>) | undefined
let fourth: SwarmNode | undefined
const SERVER = 'swarm3'
const tag = crypto.randomBytes(3).toString('hex')
const RECIPE = `three${tag}`
const VERSION = '1.0.0+1'
const domain = `t${tag}.apps.test`
const stack = stackNameFor(domain)
const ref = () => ({ server: SERVER, domain })
const node = (i: number): SwarmNode => swarm.nodes[i - 1]
const worker2 = (): SwarmNode => node(3)
const appBytes = crypto.randomBytes(250_000)
const sha = (b: Buffer | string): string => crypto.createHash('sha256').update(b).digest('hex')
const containerOf = (n: SwarmNode, service: string): string => n.docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${stack}_${service}`]).trim()
const volumesOn = (n: SwarmNode): string[] => n.docker(['volume', 'ls', '-q']).split('\n').filter(Boolean)
const shOn = (n: SwarmNode, service: string, script: string, input?: Buffer): string => n.docker(['exec', '-i', containerOf(n, service), 'sh', '-c', script], input)
const nodeId = async (hostname: string): Promise<string> => (await swarm.nodeList()).find((n) => n.hostname === hostname)!.id
const data: { streamId: string; data: string }[] = []
const ends: { streamId: string; exitCode?: number }[] = []
const textOf = (id: string): string => data.filter((d) => d.streamId === id).map((d) => d.data).join('')
const endOf = (id: string): Promise<{ streamId: string; exitCode?: number }> => waitFor(`the end of ${id}`, async () => ends.find((e) => e.streamId === id), 30_000, { detail: () => textOf(id) })

const ABRA_SH = `#!/bin/sh
# Writes its argument into the app's volume and says where.
mark() {
  echo "$1" > /data/mark.txt
  echo "marked:$1 domain:$DOMAIN"
}
`

async function makeRecipe(): Promise<void> {
  const dir = path.join(core.paths.recipesDir, RECIPE)
  fs.mkdirSync(dir, { recursive: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  const svc = (name: string, volume: string, target: string, constraint: string): string =>
    `  ${name}:\n    image: ${rig.image}\n    command: ["sh", "-c", "exec sleep 100000"]\n    stop_grace_period: 1s\n    volumes:\n      - ${volume}:${target}\n    deploy:\n      endpoint_mode: dnsrr\n      labels:\n        backupbot.backup: "true"\n      placement:\n        constraints: ["${constraint}"]\n`
  fs.writeFileSync(
    path.join(dir, 'compose.yml'),
    `version: "3.8"\nservices:\n${svc('app', 'data', '/data', `node.hostname == ${worker2().name}`)}${svc('web', 'files', '/files', 'node.role == worker')}volumes:\n  data:\n  files:\n`
  )
  fs.writeFileSync(path.join(dir, '.env.sample'), `TYPE=${RECIPE}\nDOMAIN=${RECIPE}.example.com\n`)
  fs.writeFileSync(path.join(dir, 'abra.sh'), ABRA_SH)
  for (const f of ['compose.yml', '.env.sample', 'abra.sh']) await git.add({ fs, dir, filepath: f })
  await git.commit({ fs, dir, message: VERSION, author: { name: 'test', email: 'test@example.org' } })
  await git.tag({ fs, dir, ref: VERSION })
}

async function waitJob(jobId: string, ms = 90_000): Promise<Job> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([core.jobs.wait(jobId), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`job ${jobId} still running after ${ms / 1000}s`)), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

/** Where the service's running tasks are, by hostname. */
async function runningOn(service: string): Promise<string[]> {
  const r = await swarm.manager.api('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({ service: [`${stack}_${service}`], 'desired-state': ['running'] }))}`)
  const nodes = await swarm.nodeList()
  return (r.json as { NodeID: string; Status: { State: string } }[]).filter((t) => t.Status.State === 'running').map((t) => nodes.find((n) => n.id === t.NodeID)?.hostname ?? t.NodeID)
}

async function backUp(): Promise<{ info: BackupInfo; job: Job }> {
  const before = new Set((await call(core, 'backups.list', { domain })).map((x) => x.id))
  const job = await waitJob((await call(core, 'backups.create', ref())).jobId)
  expect(job.status, job.error?.message).toBe('done')
  const fresh = (await call(core, 'backups.list', { domain })).filter((x) => !before.has(x.id))
  expect(fresh).toHaveLength(1)
  return { info: fresh[0], job }
}

async function restore(id: string): Promise<Job> {
  const job = await waitJob((await call(core, 'backups.restore', { ...ref(), id })).jobId, 100_000)
  expect(job.status, `${job.error?.message}\n${job.log.join('')}`).toBe('done')
  return job
}

beforeAll(async () => {
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 3 })
  ;({ core, home, close: closeCore } = await coreOnSwarm(rig, swarm, SERVER, 'ccd-three-'))
  core.events.subscribe((name, payload) => {
    if (name === 'stream.data') data.push(payload as { streamId: string; data: string })
    if (name === 'stream.end') ends.push(payload as { streamId: string; exitCode?: number })
  })
  await makeRecipe()
  await writeAppEnv(core.paths, SERVER, domain, `TYPE=${RECIPE}:${VERSION}\nDOMAIN=${domain}\n`)
}, 180_000)

afterAll(async () => {
  await closeCore?.()
  await swarm?.stop()
}, 90_000)

describe('a swarm of three machines: one manager, two workers', () => {
  it('deploys the app through the core with app pinned to ccd-node-3 and its volume there', { timeout: 120_000 }, async () => {
    // The fourth machine starts (engine, sshd, images) while the app deploys; it joins later.
    const adding = swarm.addNode()
    // ccd-node-2 paused while the app first deploys: web, free to run on either worker, starts on ccd-node-3 too.
    node(1).docker(['node', 'update', '--availability', 'pause', node(2).name])
    try {
      const preview = await call(core, 'apps.preview', { ...ref(), kind: 'deploy' })
      const job = await waitJob((await call(core, 'apps.deploy', { ...ref(), kind: 'deploy', expectServerState: preview.serverState, pins: preview.pins })).jobId)
      expect(job.status, job.error?.message).toBe('done')
    } finally {
      node(1).docker(['node', 'update', '--availability', 'active', node(2).name])
      fourth = await adding
    }
    await waitFor('app and web running on ccd-node-3', async () => containerOf(worker2(), 'app') !== '' && containerOf(worker2(), 'web') !== '', 60_000, { everyMs: 500 })
    expect(await runningOn('app')).toEqual([worker2().name])
    shOn(worker2(), 'app', 'mkdir -p /data/sub && cat > /data/sub/a.bin', appBytes)
    shOn(worker2(), 'web', 'echo page > /files/index.html')
    for (const n of [node(1), node(2)]) expect(volumesOn(n)).not.toContain(`${stack}_data`)
    expect(volumesOn(worker2())).toContain(`${stack}_data`)
  })

  let backup: BackupInfo
  it('backs it up, reading app’s volume on ccd-node-3 through the manager', { timeout: 60_000 }, async () => {
    const { info, job } = await backUp()
    backup = info
    expect(info.services).toEqual(['app', 'web'])
    expect(job.log.join('')).toContain(`app runs on ${worker2().name}`)
    for (const n of [node(1), node(2)]) expect(volumesOn(n)).not.toContain(`${stack}_data`)
  })

  it('opens its terminal and runs a recipe command in its container on ccd-node-3', { timeout: 60_000 }, async () => {
    const term = await call(core, 'apps.exec', { ...ref(), service: 'app', cols: 80, rows: 24 })
    expect(term.container.startsWith(containerOf(worker2(), 'app'))).toBe(true)
    await call(core, 'streams.write', { streamId: term.streamId, data: 'echo "sum:$((6*7))"; ls /data\n' })
    await waitFor('the answer from ccd-node-3', async () => textOf(term.streamId).includes('sum:42') && textOf(term.streamId).includes('sub'), 30_000)
    await call(core, 'streams.write', { streamId: term.streamId, data: 'exit\n' })
    expect((await endOf(term.streamId)).exitCode).toBe(0)

    const cmd = await call(core, 'apps.runCommand', { ...ref(), service: 'app', command: 'mark', args: ['three machines'] })
    expect(cmd.version).toBe(VERSION)
    expect((await endOf(cmd.streamId)).exitCode).toBe(0)
    expect(textOf(cmd.streamId)).toContain(`marked:three machines domain:${domain}`)
    expect(shOn(worker2(), 'app', 'cat /data/mark.txt')).toBe('three machines\n')
  })

  it('drains ccd-node-3: the plan says web moves without its data and app can’t move, then web runs on ccd-node-2', { timeout: 120_000 }, async () => {
    const target = await nodeId(worker2().name)
    const plan = await call(core, 'nodes.drainPlan', { server: SERVER, node: target })
    expect(plan.node).toBe(worker2().name)
    expect(plan.moving).toEqual([expect.objectContaining({ name: `${stack}_web`, movesTo: [node(2).name], localData: [`${stack}_files`], stack })])
    expect(plan.stuck).toEqual([expect.objectContaining({ name: `${stack}_app`, movesTo: [], localData: [`${stack}_data`], stack })])

    const job = await waitJob((await call(core, 'nodes.setAvailability', { server: SERVER, node: target, availability: 'drain' })).jobId)
    expect(job.status, job.error?.message).toBe('done')
    expect(await runningOn('web')).toEqual([node(2).name])
    expect(await runningOn('app')).toEqual([])
    // web's data stayed behind on ccd-node-3: on ccd-node-2 it starts with an empty volume.
    expect(shOn(node(2), 'web', 'ls -A /files').trim()).toBe('')

    const back = await waitJob((await call(core, 'nodes.setAvailability', { server: SERVER, node: target, availability: 'active' })).jobId)
    expect(back.status).toBe('done')
    await waitFor('app back on ccd-node-3', async () => (await runningOn('app'))[0] === worker2().name, 60_000)
  })

  it('restores every byte of app on ccd-node-3, and says web restarted on another machine than its data', { timeout: 120_000 }, async () => {
    // web now runs on ccd-node-2; paused, ccd-node-2 takes no new task, so web's restart lands on ccd-node-3.
    expect(await runningOn('web')).toEqual([node(2).name])
    shOn(worker2(), 'app', 'head -c 1000 /dev/urandom > /data/sub/a.bin && echo new > /data/added.txt')
    node(1).docker(['node', 'update', '--availability', 'pause', node(2).name])
    let job: Job
    try {
      job = await restore(backup.id)
    } finally {
      node(1).docker(['node', 'update', '--availability', 'active', node(2).name])
    }
    const log = job.log.join('')
    expect(log).toContain(`app keeps its data on ${worker2().name}`)
    expect(log).toContain(`web keeps its data on ${node(2).name}`)
    // The warning, for web only: app restarted where its data is.
    expect(log).toContain(`web started again on ${worker2().name}, but its data was written back on ${node(2).name}`)
    expect(log).not.toContain('app started again on')
    expect(await runningOn('app')).toEqual([worker2().name])
    expect(await runningOn('web')).toEqual([worker2().name])
    await waitFor('app’s container on ccd-node-3', async () => containerOf(worker2(), 'app') !== '', 30_000, { everyMs: 500 })
    expect(shOn(worker2(), 'app', 'sha256sum /data/sub/a.bin').split(/\s+/)[0]).toBe(sha(appBytes))
    // Back as backed up (the recipe command's mark came after the backup).
    expect(shOn(worker2(), 'app', 'ls -A /data').trim()).toBe('sub')
    for (const n of [node(1), node(2)]) expect(volumesOn(n)).not.toContain(`${stack}_data`)
    // web's page went back onto ccd-node-2's volume, where web no longer runs.
    expect(node(2).docker(['run', '--rm', '--network', 'none', '-v', `${stack}_files:/files`, rig.image, 'cat', '/files/index.html'])).toBe('page\n')
  })

  it('adds a fresh fourth machine through the join flow, and it joins as a worker', { timeout: 100_000 }, async () => {
    const n = fourth!
    expect(n).toBeDefined()
    fs.appendFileSync(
      path.join(home, '.ssh/config'),
      `Host machine4\n  HostName ${n.address}\n  Port ${n.sshPort}\n  User ${rig.sshd.users.docker}\n  IdentityFile ${rig.sshd.key}\n  IdentitiesOnly yes\n`
    )
    const probe = await call(core, 'servers.probeHostKey', { hostname: 'machine4', port: n.sshPort })
    expect(probe.status).toBe('unknown')
    await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
    const check = await call(core, 'nodes.joinCheck', { server: SERVER, machine: { host: 'machine4' } })
    expect(check).toMatchObject({ ready: true, inSwarm: 'none', hostname: n.name, managers: 1 })
    const job = await waitJob((await call(core, 'nodes.join', { server: SERVER, machine: { host: 'machine4' }, role: 'worker' })).jobId)
    expect(job.status, JSON.stringify(job.error)).toBe('done')
    expect((await swarm.nodeList()).find((x) => x.hostname === n.name)).toMatchObject({ state: 'ready', role: 'worker', addr: n.address })
    expect((await call(core, 'nodes.list', { server: SERVER })).machines.map((m) => m.hostname)).toEqual(['ccd-node-1', 'ccd-node-2', 'ccd-node-3', n.name])
  })

  it('names the machine that can’t be reached, in plain words', { timeout: 90_000 }, async () => {
    // A core of its own: no link to ccd-node-3 is open in it.
    const fresh = await coreOnSwarm(rig, swarm, SERVER, 'ccd-three-cut-')
    swarm.setReachable(worker2(), false)
    try {
      await writeAppEnv(fresh.core.paths, SERVER, domain, `TYPE=${RECIPE}:${VERSION}\nDOMAIN=${domain}\n`)
      const e = await callError(fresh.core, 'apps.exec', { ...ref(), service: 'app', cols: 80, rows: 24 })
      expect(e.message).toContain(worker2().name)
      expect(e.message).toMatch(/Check that|try again/)
      expect(e.message).not.toMatch(/ECONN|EHOST|ETIMEDOUT|channel/i)
    } finally {
      swarm.setReachable(worker2(), true)
      await fresh.close()
    }
  })
})
