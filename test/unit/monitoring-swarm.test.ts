import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { attention } from '../../src-main/monitoring/health-words'
import { Monitor, type ServerCheck } from '../../src-main/monitoring/monitor'
import { findProblems, keyNeedsServer, problemKey, severityOf, type Problem, type Snapshot } from '../../src-main/monitoring/problems'
import { incidentKind } from '../../src-main/monitoring/recorder'
import { diskMounts, seriesPoints } from '../../src-main/monitoring/server-view'
import { nodeIsDown, nodesOf, swarmReader, type SwarmSeen } from '../../src-main/monitoring/swarm'

// docker node ls's answer, as the Engine API gives it.
const node = (id: string, hostname: string, role: 'manager' | 'worker', state: string, over: Record<string, unknown> = {}) => ({
  ID: id,
  Spec: { Role: role, Availability: 'active' },
  Description: { Hostname: hostname, Engine: { EngineVersion: '27.3.1' } },
  Status: { State: state, Addr: '10.0.0.' + id.length },
  ...(role === 'manager' ? { ManagerStatus: { Leader: hostname === 'one', Reachability: 'reachable' } } : {}),
  ...over
})

const snapshot = (nodes: unknown[]): Snapshot => ({
  now: 0,
  servers: [{ name: 's1', reached: true, swarm: { swarm: 'manager', nodes: nodesOf(nodes) } }],
  apps: [],
  lastGoodBackup: () => 0,
  securityUpgrade: () => false
})

describe('a server\'s swarm', () => {
  it('reads the nodes: managers first, role, leader, state, availability', () => {
    const nodes = nodesOf([node('w1', 'zeta', 'worker', 'ready', { Spec: { Role: 'worker', Availability: 'drain' } }), node('m1', 'one', 'manager', 'ready'), node('w2', 'alpha', 'worker', 'down', { Status: { State: 'down', Message: 'heartbeat failure' } })])
    expect(nodes.map((n) => [n.hostname, n.role, n.leader, n.state, n.availability])).toEqual([
      ['one', 'manager', true, 'ready', 'active'],
      ['alpha', 'worker', false, 'down', 'active'],
      ['zeta', 'worker', false, 'ready', 'drain']
    ])
    expect(nodes[1].message).toBe('heartbeat failure')
    expect(nodes[0].engineVersion).toBe('27.3.1')
    expect(nodesOf([{}])[0]).toMatchObject({ role: 'worker', state: 'unknown', availability: 'active', unreachable: false })
  })

  it('counts a node not ready, or a manager the others can\'t reach, as down; a drained one is not', () => {
    expect(nodeIsDown({ state: 'ready', unreachable: false })).toBe(false)
    expect(nodeIsDown({ state: 'down', unreachable: false })).toBe(true)
    expect(nodeIsDown({ state: 'unknown', unreachable: false })).toBe(true)
    expect(nodeIsDown({ state: 'ready', unreachable: true })).toBe(true)
  })

  it('makes one node ls a round, asks the version once, and tells a worker or no swarm from a manager', async () => {
    const calls: string[] = []
    const manager = {
      listNodes: async () => (calls.push('nodes'), [node('m1', 'one', 'manager', 'ready')]),
      version: async () => (calls.push('version'), { Version: '27.3.1' }),
      info: async () => (calls.push('info'), {})
    }
    const read = swarmReader()
    const first = await read('s1', manager as never)
    await read('s1', manager as never)
    expect(first).toMatchObject({ dockerVersion: '27.3.1', swarm: 'manager', nodes: [{ hostname: 'one' }] })
    expect(calls).toEqual(['nodes', 'version', 'nodes'])
    const refuse = async () => {
      throw Object.assign(new Error('This node is not a swarm manager.'), { statusCode: 503 })
    }
    const off = { listNodes: refuse, version: async () => ({ Version: '24.0.0' }), info: async () => ({ Swarm: { LocalNodeState: 'inactive' }, ServerVersion: '24.0.0' }) }
    expect(await read('s2', off as never)).toEqual({ dockerVersion: '24.0.0', swarm: 'off', nodes: [] })
    const worker = { ...off, info: async () => ({ Swarm: { LocalNodeState: 'active' }, ServerVersion: '24.0.0' }) }
    expect((await read('s3', worker as never)).swarm).toBe('worker')
    // Anything else (the connection failed) is the round's failure to read the swarm, not "no swarm".
    const broken = { ...off, listNodes: async () => Promise.reject(new Error('connection reset')) }
    await expect(read('s4', broken as never)).rejects.toThrow('connection reset')
  })
})

describe('a node down in Health', () => {
  it('is one problem per node, a manager urgent and a worker needing attention', () => {
    const found = findProblems(snapshot([node('m1', 'one', 'manager', 'ready'), node('m2', 'two', 'manager', 'ready', { ManagerStatus: { Reachability: 'unreachable' } }), node('w1', 'three', 'worker', 'down')]))
    expect(found.map((p) => [p.kind, problemKey(p), severityOf(p)])).toEqual([
      ['node-down', 'node:s1:m2', 'critical'],
      ['node-down', 'node:s1:w1', 'warning']
    ])
    expect(found[0]).toMatchObject({ node: 'two', role: 'manager', state: 'unreachable' })
    expect(findProblems(snapshot([node('m1', 'one', 'manager', 'ready')]))).toEqual([])
    expect(keyNeedsServer('node:s1:m2')).toBe('s1')
    expect(incidentKind('node:s1:m2')).toBe('node:m2')
  })

  it('says which machine, what Docker says, and what to do', () => {
    const problem: Problem = { kind: 'node-down', server: 's1', nodeId: 'w1', node: 'three', role: 'worker', state: 'down', message: 'heartbeat failure' }
    const item = attention({ key: 'node:s1:w1', since: 0, problem }, 0)
    expect(item).toMatchObject({ kind: 'node-down', severity: 'warning', server: 's1', title: 'three, a machine of s1’s swarm, is down' })
    expect(item.detail).toBe('Docker on s1 says this machine is down. It is a worker (it only runs apps). Docker says: heartbeat failure')
    expect(item.next).toMatch(/switched on/)
    const manager = attention({ key: 'node:s1:m2', since: 0, problem: { ...problem, role: 'manager', state: 'unreachable', message: undefined } }, 0)
    expect(manager.title).toBe('three, a machine of s1’s swarm, is unreachable')
    expect(manager.next).toMatch(/refuse changes/)
  })
})

describe('a server\'s page', () => {
  it('charts every disk the history or the latest round has, "/" first', () => {
    expect(diskMounts(['disk.used.pct:/var/lib/docker', 'load.1', 'disk.used.pct:/', 'memory.used.pct'])).toEqual(['/', '/var/lib/docker'])
    expect(diskMounts([], ['/srv', '/'])).toEqual(['/', '/srv'])
  })

  it('gives minutes as measures and hours with their lowest and highest', () => {
    expect(
      seriesPoints([
        { at: 0, step: 'hour', value: 50, min: 40, max: 60, count: 60 },
        { at: 3_600_000, step: 'minute', value: 55, min: 55, max: 55, count: 1 }
      ])
    ).toEqual([
      { at: 0, value: 50, min: 40, max: 60, spanMs: 3_600_000 },
      { at: 3_600_000, value: 55, spanMs: 60_000 }
    ])
  })
})

describe('a node down, watched by the monitor', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('is confirmed on the second round, kept while the swarm can\'t be listed, and cleared once the machine is back', async () => {
    const ready = nodesOf([node('m1', 'one', 'manager', 'ready')])
    const down = nodesOf([node('m1', 'one', 'manager', 'ready'), node('w1', 'three', 'worker', 'down')])
    let swarm: SwarmSeen | undefined = { swarm: 'manager', nodes: down }
    const check = async (): Promise<ServerCheck> => ({ reached: true, apps: [], usage: { disks: [] }, ...(swarm ? { swarm } : {}) })
    const changes: string[] = []
    const m = new Monitor(
      { servers: async () => ['s1'], checkServer: check, lastGoodBackup: async () => Date.now(), securityUpgrade: async () => false },
      { intervalMs: 1000, onIncidents: (c) => changes.push(...c.became.map((i) => `+${i.key}`), ...c.cleared.map((i) => `-${i.key}`)) }
    )
    m.start()
    await vi.advanceTimersByTimeAsync(500)
    // One look is not an incident yet.
    expect(changes).toEqual([])
    await vi.advanceTimersByTimeAsync(1000)
    expect(changes).toEqual(['+node:s1:w1'])
    expect(m.view().problems.map((p) => p.problem.kind)).toEqual(['node-down'])
    // node ls failed this round: neither confirmed nor cleared.
    swarm = undefined
    await vi.advanceTimersByTimeAsync(2000)
    expect(changes).toEqual(['+node:s1:w1'])
    swarm = { swarm: 'manager', nodes: ready }
    await vi.advanceTimersByTimeAsync(1000)
    expect(changes).toEqual(['+node:s1:w1', '-node:s1:w1'])
    m.stop()
  })
})
