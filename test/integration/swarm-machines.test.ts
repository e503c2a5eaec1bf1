import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Job } from '../../src-main/contract/schemas'
import type { Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { cliBin, requireBuiltCli, runCli } from '../support/cli'
import { startSwarmNodes, type SwarmNode, type SwarmNodes } from '../support/swarm-nodes'
import { coreOnSwarm } from '../support/swarm-server'
import { call, callError } from './support'

// The machines of a server's swarm (issue 13), on the three-machine rig
// (test/support/swarm-nodes.ts): the server is the manager, reached over SSH
// at its bridge address. Listing, labels, a drain that moves a service and
// names the one that can't move, a cancelled drain set back, and a dead
// worker removed. Everything asserted on is this file's own swarm.
let rig: Rig
let swarm: SwarmNodes
let home: string
let core: Core
let closeCore: (() => Promise<void>) | undefined
const SERVER = 'swarm1'
const id = crypto.randomBytes(3).toString('hex')
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  let last: unknown
  for (const end = Date.now() + ms; Date.now() < end; await sleep(300)) {
    try {
      const v = await check()
      if (v) return v
    } catch (e) {
      last = e
    }
  }
  throw new Error(`${what} within ${ms / 1000}s${last ? ` (last error: ${String(last)})` : ''}`)
}

const node = (i: number): SwarmNode => swarm.nodes[i - 1]
const nodeId = async (hostname: string): Promise<string> => (await swarm.nodeList()).find((n) => n.hostname === hostname)!.id

async function waitJob(jobId: string, ms = 90_000): Promise<Job> {
  return Promise.race([core.jobs.wait(jobId), sleep(ms).then(() => Promise.reject(new Error(`job ${jobId} still running after ${ms / 1000}s`)))])
}

/** Where the service's running task is, by hostname. */
async function runningOn(service: string): Promise<string[]> {
  const r = await swarm.manager.api('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({ service: [service], 'desired-state': ['running'] }))}`)
  const tasks = r.json as { NodeID: string; Status: { State: string } }[]
  const nodes = await swarm.nodeList()
  return tasks.filter((t) => t.Status.State === 'running').map((t) => nodes.find((n) => n.id === t.NodeID)!.hostname)
}

async function createService(name: string, constraints: string[], withVolume = false): Promise<void> {
  const r = await swarm.manager.api('POST', '/services/create', {
    Name: name,
    Labels: { 'com.docker.stack.namespace': `m${id}` },
    TaskTemplate: {
      ContainerSpec: {
        Image: rig.image,
        Command: ['sh', '-c', 'exec sleep 100000'],
        ...(withVolume ? { Mounts: [{ Type: 'volume', Source: `m${id}_data`, Target: '/data' }] } : {})
      },
      Placement: { Constraints: constraints }
    },
    Mode: { Replicated: { Replicas: 1 } }
  })
  expect(r.status, r.text).toBe(201)
}

beforeAll(async () => {
  requireBuiltCli()
  rig = loadRig()
  swarm = await startSwarmNodes({ nodes: 3 })
  ;({ core, home, close: closeCore } = await coreOnSwarm(rig, swarm, SERVER, 'ccd-machines-'))
}, 180_000)

afterAll(async () => {
  await closeCore?.()
  await swarm?.stop()
}, 90_000)

describe('the Machines of a server’s swarm', () => {
  it('lists every machine through the manager: leader first, roles, states, addresses, resources, and which one the server is', async () => {
    const list = await call(core, 'nodes.list', { server: SERVER })
    expect(list.swarm).toBe(true)
    expect(list.machines.map((m) => m.hostname)).toEqual(['ccd-node-1', 'ccd-node-2', 'ccd-node-3'])
    const [leader, ...workers] = list.machines
    expect(leader).toMatchObject({ role: 'manager', leader: true, self: true, state: 'ready', availability: 'active', address: node(1).address })
    for (const [i, w] of workers.entries()) expect(w).toMatchObject({ role: 'worker', leader: false, self: false, state: 'ready', address: node(i + 2).address })
    for (const m of list.machines) {
      expect(m.cpus).toBeGreaterThan(0)
      expect(m.memoryBytes).toBeGreaterThan(0)
      expect(m.dockerVersion).toMatch(/^\d+\.\d+/)
    }
    // The command line reads the same list.
    const r = await runCli(cliBin, home, {}, ['server', 'node', 'ls', SERVER, '--json'], { timeoutMs: 60_000 })
    expect(r.code, r.stderr).toBe(0)
    expect((JSON.parse(r.stdout) as { machines: { hostname: string }[] }).machines.map((m) => m.hostname)).toEqual(['ccd-node-1', 'ccd-node-2', 'ccd-node-3'])
  })

  it('sets a machine’s labels, refusing names Docker keeps for itself', async () => {
    const n2 = await nodeId('ccd-node-2')
    const set = await call(core, 'nodes.setLabels', { server: SERVER, node: n2, labels: { storage: 'ssd' } })
    expect(set.labels).toEqual({ storage: 'ssd' })
    expect((await call(core, 'nodes.list', { server: SERVER })).machines.find((m) => m.id === n2)?.labels).toEqual({ storage: 'ssd' })
    const bad = await callError(core, 'nodes.setLabels', { server: SERVER, node: n2, labels: { 'com.docker.x': '1' } })
    expect(bad.code).toBe('invalid-request')
  })

  it('plans and runs a drain: the movable service runs elsewhere, the pinned one is named as stuck, and the machine takes work again on Activate', { timeout: 150_000 }, async () => {
    const movable = `m${id}_app`
    const pinned = `m${id}_db`
    await createService(movable, ['node.role==worker'], true)
    await until(`${movable} running`, async () => (await runningOn(movable)).length === 1, 60_000)
    const host = (await runningOn(movable))[0]
    const other = host === 'ccd-node-2' ? 'ccd-node-3' : 'ccd-node-2'
    await createService(pinned, [`node.hostname==${host}`])
    await until(`${pinned} running on ${host}`, async () => (await runningOn(pinned))[0] === host, 60_000)

    const target = await nodeId(host)
    const plan = await call(core, 'nodes.drainPlan', { server: SERVER, node: target })
    expect(plan.node).toBe(host)
    expect(plan.moving).toEqual([expect.objectContaining({ name: movable, movesTo: [other], localData: [`m${id}_data`], stack: `m${id}` })])
    expect(plan.stuck).toEqual([expect.objectContaining({ name: pinned, movesTo: [] })])

    const { jobId } = await call(core, 'nodes.setAvailability', { server: SERVER, node: target, availability: 'drain' })
    const job = await waitJob(jobId)
    expect(job.status, job.error?.message).toBe('done')
    expect(await runningOn(movable)).toEqual([other])
    expect(await runningOn(pinned)).toEqual([])
    expect((await swarm.nodeList()).find((n) => n.hostname === host)?.availability).toBe('drain')

    const back = await call(core, 'nodes.setAvailability', { server: SERVER, node: target, availability: 'active' })
    expect((await waitJob(back.jobId)).status).toBe('done')
    expect((await swarm.nodeList()).find((n) => n.hostname === host)?.availability).toBe('active')
    await until(`${pinned} back on ${host}`, async () => (await runningOn(pinned))[0] === host, 60_000)
  })

  it('a cancelled drain leaves the machine taking work, as it was', { timeout: 120_000 }, async () => {
    const movable = `m${id}_app`
    const host = (await runningOn(movable))[0]
    const target = await nodeId(host)
    const { jobId } = await call(core, 'nodes.setAvailability', { server: SERVER, node: target, availability: 'drain' })
    await call(core, 'jobs.cancel', { jobId })
    const job = await waitJob(jobId)
    expect(job.status).toBe('cancelled')
    expect((await swarm.nodeList()).find((n) => n.hostname === host)?.availability).toBe('active')
  })

  it('removes only a worker that is down: the manager and a running machine are refused', { timeout: 120_000 }, async () => {
    const manager = await nodeId('ccd-node-1')
    expect((await callError(core, 'nodes.remove', { server: SERVER, node: manager })).code).toBe('node-is-manager')
    const n3 = await nodeId('ccd-node-3')
    const up = await callError(core, 'nodes.remove', { server: SERVER, node: n3 })
    expect(up.code).toBe('node-is-up')
    expect(up.message).toContain('ccd-node-3 is still running')

    await swarm.manager.api('DELETE', `/services/m${id}_app`)
    await swarm.manager.api('DELETE', `/services/m${id}_db`)
    swarm.setReachable(node(3), false)
    await until('ccd-node-3 down', async () => (await call(core, 'nodes.list', { server: SERVER })).machines.find((m) => m.id === n3)?.state === 'down', 90_000)
    expect(await call(core, 'nodes.remove', { server: SERVER, node: n3 })).toEqual({ removed: 'ccd-node-3' })
    expect((await call(core, 'nodes.list', { server: SERVER })).machines.map((m) => m.hostname)).toEqual(['ccd-node-1', 'ccd-node-2'])
  })
})
