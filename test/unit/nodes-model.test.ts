import { describe, expect, it } from 'vitest'
import { localVolumes, meets, parseConstraint, planDrain, runningOn, sortNodes, toSwarmNode, type ApiNode, type ApiService, type ApiTask } from '../../src-main/nodes/model'

const apiNode = (id: string, hostname: string, extra: Partial<ApiNode> = {}): ApiNode => ({
  ID: id,
  Version: { Index: 7 },
  Spec: { Role: 'worker', Availability: 'active', Labels: {} },
  Description: {
    Hostname: hostname,
    Platform: { Architecture: 'x86_64', OS: 'linux' },
    Resources: { NanoCPUs: 2e9, MemoryBytes: 4 * 2 ** 30 },
    Engine: { EngineVersion: '20.10.24', Labels: { zone: 'north' } }
  },
  Status: { State: 'ready', Addr: '10.0.0.' + id.length },
  ...extra
})

describe('toSwarmNode', () => {
  it('reads role, leader, state, availability, address and resources', () => {
    const n = toSwarmNode(
      apiNode('m1', 'one', {
        Spec: { Role: 'manager', Availability: 'drain', Labels: { storage: 'ssd' } },
        Status: { State: 'ready', Addr: '0.0.0.0' },
        ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.1.2.3:2377' }
      })
    )
    expect(n).toMatchObject({ id: 'm1', hostname: 'one', role: 'manager', leader: true, state: 'ready', availability: 'drain', address: '10.1.2.3', cpus: 2, memoryBytes: 4 * 2 ** 30, dockerVersion: '20.10.24', labels: { storage: 'ssd' }, version: 7 })
    expect(n.message).toBeUndefined()
  })

  it("keeps Docker's message only when the machine is not ready, and reads unknown words as unknown", () => {
    expect(toSwarmNode(apiNode('w', 'two', { Status: { State: 'down', Message: 'heartbeat failure', Addr: '10.0.0.9' } })).message).toBe('heartbeat failure')
    expect(toSwarmNode(apiNode('w', 'two', { Status: { State: 'weird', Message: 'x' } })).state).toBe('unknown')
  })
})

describe('sortNodes', () => {
  it('puts the leader first, then managers, then workers by name', () => {
    const nodes = [
      toSwarmNode(apiNode('c', 'zeta')),
      toSwarmNode(apiNode('b', 'beta', { ManagerStatus: { Leader: false, Addr: '1.1.1.1:2377' } })),
      toSwarmNode(apiNode('a', 'alpha')),
      toSwarmNode(apiNode('d', 'omega', { ManagerStatus: { Leader: true, Addr: '1.1.1.2:2377' } }))
    ]
    expect(sortNodes(nodes).map((n) => n.hostname)).toEqual(['omega', 'beta', 'alpha', 'zeta'])
  })
})

describe('meets (swarmkit placement constraints)', () => {
  const node = toSwarmNode(apiNode('abc', 'Node-2', { Spec: { Role: 'worker', Availability: 'active', Labels: { Storage: 'SSD' } }, Status: { State: 'ready', Addr: '10.213.5.12' } }))

  it('compares values without regard to case, and label names with it', () => {
    expect(meets(node, ['node.hostname == node-2'])).toBe(true)
    expect(meets(node, ['node.labels.Storage==ssd'])).toBe(true)
    expect(meets(node, ['node.labels.storage==ssd'])).toBe(false)
    expect(meets(node, ['NODE.LABELS.Storage==ssd'])).toBe(true)
    expect(meets(node, ['node.role==worker', 'node.platform.os==Linux', 'node.platform.arch==x86_64'])).toBe(true)
    expect(meets(node, ['node.role!=worker'])).toBe(false)
    expect(meets(node, ['engine.labels.zone==north', 'node.id==abc'])).toBe(true)
  })

  it('reads a missing label as empty: == fails, != holds', () => {
    expect(meets(node, ['node.labels.region==eu'])).toBe(false)
    expect(meets(node, ['node.labels.region!=eu'])).toBe(true)
  })

  it('reads node.ip as an address or a subnet', () => {
    expect(meets(node, ['node.ip==10.213.5.12'])).toBe(true)
    expect(meets(node, ['node.ip==10.213.0.0/16'])).toBe(true)
    expect(meets(node, ['node.ip!=10.213.0.0/16'])).toBe(false)
    expect(meets(node, ['node.ip==192.168.0.0/24'])).toBe(false)
    expect(meets(node, ['node.ip==not-an-address'])).toBe(false)
    expect(meets(node, ['node.ip!=not-an-address'])).toBe(false)
  })

  it('matches no machine with an unknown key or an unreadable expression', () => {
    expect(meets(node, ['node.colour==red'])).toBe(false)
    expect(meets(node, ['node.hostname'])).toBe(false)
    expect(parseConstraint('node.hostname ~= x')).toBeUndefined()
    expect(meets(node, [])).toBe(true)
  })
})

describe('planDrain', () => {
  const nodes = [
    toSwarmNode(apiNode('m', 'manager', { ManagerStatus: { Leader: true, Addr: '10.0.0.1:2377' }, Spec: { Role: 'manager', Availability: 'active', Labels: {} } })),
    toSwarmNode(apiNode('w1', 'worker-1', { Spec: { Role: 'worker', Availability: 'active', Labels: { storage: 'ssd' } } })),
    toSwarmNode(apiNode('w2', 'worker-2', { Spec: { Role: 'worker', Availability: 'active', Labels: {} } })),
    toSwarmNode(apiNode('w3', 'worker-3', { Spec: { Role: 'worker', Availability: 'pause', Labels: { storage: 'ssd' } } }))
  ]
  const service = (id: string, name: string, extra: NonNullable<ApiService['Spec']> = {}): ApiService => ({
    ID: id,
    Spec: { Name: name, Labels: { 'com.docker.stack.namespace': name.split('_')[0] }, Mode: { Replicated: { Replicas: 1 } }, ...extra }
  })
  const services: ApiService[] = [
    service('s1', 'blog_app', { TaskTemplate: { ContainerSpec: { Mounts: [{ Type: 'volume', Source: 'blog_content', Target: '/data' }, { Type: 'bind', Source: '/etc/x', Target: '/x' }] } } }),
    service('s2', 'blog_db', { TaskTemplate: { Placement: { Constraints: ['node.labels.storage==ssd'] } } }),
    service('s3', 'wiki_app', { TaskTemplate: { Placement: { Constraints: ['node.hostname==worker-1'] } } }),
    service('s4', 'agent_app', { Mode: { Global: {} } }),
    service('s5', 'elsewhere_app')
  ]
  const tasks: ApiTask[] = [
    { ID: 't1', ServiceID: 's1', NodeID: 'w1', DesiredState: 'running', Status: { State: 'running' } },
    { ID: 't2', ServiceID: 's2', NodeID: 'w1', DesiredState: 'running', Status: { State: 'running' } },
    { ID: 't3', ServiceID: 's3', NodeID: 'w1', DesiredState: 'running', Status: { State: 'running' } },
    { ID: 't4', ServiceID: 's4', NodeID: 'w1', DesiredState: 'running', Status: { State: 'running' } },
    { ID: 't5', ServiceID: 's5', NodeID: 'w2', DesiredState: 'running', Status: { State: 'running' } },
    { ID: 't6', ServiceID: 's1', NodeID: 'w1', DesiredState: 'shutdown', Status: { State: 'shutdown' } }
  ]

  it('sorts what runs there into moving (with where and what data stays), stuck and everywhere', () => {
    const plan = planDrain('w1', nodes, services, tasks)
    expect(plan.node).toBe('worker-1')
    expect(plan.moving).toEqual([{ id: 's1', name: 'blog_app', stack: 'blog', tasks: 1, movesTo: ['manager', 'worker-2'], localData: ['blog_content'] }])
    // worker-3 has the label but is paused: the scheduler places nothing there.
    expect(plan.stuck.map((s) => s.name)).toEqual(['blog_db', 'wiki_app'])
    expect(plan.everywhere.map((s) => s.name)).toEqual(['agent_app'])
  })

  it('lists nothing for a machine that runs nothing', () => {
    expect(planDrain('w3', nodes, services, tasks)).toEqual({ node: 'worker-3', moving: [], stuck: [], everywhere: [] })
  })
})

describe('localVolumes and runningOn', () => {
  it('keeps local-driver volumes only', () => {
    const s: ApiService = { ID: 'x', Spec: { TaskTemplate: { ContainerSpec: { Mounts: [{ Source: 'a' }, { Type: 'volume', Source: 'b', VolumeOptions: { DriverConfig: { Name: 'nfs-plugin' } } }, { Type: 'tmpfs', Target: '/t' }, { Type: 'volume', Source: 'c', VolumeOptions: { DriverConfig: { Name: 'local' } } }] } } } }
    expect(localVolumes(s)).toEqual(['a', 'c'])
  })

  it('maps each machine to the services running on it', () => {
    const on = runningOn(
      [{ ID: 's1', Spec: { Name: 'b' } }, { ID: 's2', Spec: { Name: 'a' } }],
      [
        { ID: '1', ServiceID: 's1', NodeID: 'n', Status: { State: 'running' } },
        { ID: '2', ServiceID: 's2', NodeID: 'n', Status: { State: 'running' } },
        { ID: '3', ServiceID: 's1', NodeID: 'n', Status: { State: 'running' } },
        { ID: '4', ServiceID: 's2', NodeID: 'm', Status: { State: 'failed' } }
      ]
    )
    expect(on).toEqual(new Map([['n', ['a', 'b']]]))
  })
})
