// The machines of a server's swarm, read from the Docker API's /nodes,
// /services and /tasks answers. Pure functions: service.ts asks Docker, these
// decide. Placement is read as swarmkit's scheduler reads it
// (manager/constraint/constraint.go), so "where could this run" here is
// what the swarm itself would answer.

export interface ApiNode {
  ID: string
  Version?: { Index?: number }
  Spec?: { Name?: string; Labels?: Record<string, string>; Role?: string; Availability?: string }
  Description?: {
    Hostname?: string
    Platform?: { Architecture?: string; OS?: string }
    Resources?: { NanoCPUs?: number; MemoryBytes?: number }
    Engine?: { EngineVersion?: string; Labels?: Record<string, string> }
  }
  Status?: { State?: string; Message?: string; Addr?: string }
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string }
}

export interface ApiMount {
  Type?: string
  Source?: string
  Target?: string
  VolumeOptions?: { DriverConfig?: { Name?: string } }
}

export interface ApiService {
  ID: string
  Spec?: {
    Name?: string
    Labels?: Record<string, string>
    Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object }
    TaskTemplate?: {
      ContainerSpec?: { Mounts?: ApiMount[] }
      Placement?: { Constraints?: string[]; MaxReplicas?: number }
    }
  }
}

export interface ApiTask {
  ID: string
  ServiceID?: string
  NodeID?: string
  DesiredState?: string
  Status?: { State?: string }
}

export type NodeRole = 'manager' | 'worker'
export type NodeState = 'ready' | 'down' | 'unknown' | 'disconnected'
export type NodeAvailability = 'active' | 'pause' | 'drain'

export interface SwarmNode {
  id: string
  hostname: string
  role: NodeRole
  leader: boolean
  state: NodeState
  /** Docker's words when the node is not ready ("heartbeat failure"). */
  message?: string
  availability: NodeAvailability
  /** The address the swarm reaches it at (its Status.Addr). */
  address: string
  dockerVersion: string
  os: string
  arch: string
  cpus: number
  memoryBytes: number
  labels: Record<string, string>
  engineLabels: Record<string, string>
  /** The swarm's version of its spec: an update must name it. */
  version: number
}

const STATES: readonly NodeState[] = ['ready', 'down', 'unknown', 'disconnected']
const AVAILABILITIES: readonly NodeAvailability[] = ['active', 'pause', 'drain']

export function toSwarmNode(n: ApiNode): SwarmNode {
  const state = (n.Status?.State ?? 'unknown').toLowerCase() as NodeState
  const availability = (n.Spec?.Availability ?? 'active').toLowerCase() as NodeAvailability
  const message = n.Status?.Message
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? '',
    // The role the swarm observed: a demoted manager is a worker once its
    // demotion has gone through (what the scheduler's node.role reads).
    role: n.ManagerStatus ? 'manager' : (n.Spec?.Role ?? 'worker').toLowerCase() === 'manager' ? 'manager' : 'worker',
    leader: n.ManagerStatus?.Leader === true,
    state: STATES.includes(state) ? state : 'unknown',
    ...(message && state !== 'ready' ? { message } : {}),
    availability: AVAILABILITIES.includes(availability) ? availability : 'active',
    address: nodeAddress(n),
    dockerVersion: n.Description?.Engine?.EngineVersion ?? '',
    os: n.Description?.Platform?.OS ?? '',
    arch: n.Description?.Platform?.Architecture ?? '',
    cpus: (n.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
    memoryBytes: n.Description?.Resources?.MemoryBytes ?? 0,
    labels: { ...(n.Spec?.Labels ?? {}) },
    engineLabels: { ...(n.Description?.Engine?.Labels ?? {}) },
    version: n.Version?.Index ?? 0
  }
}

// A manager's Status.Addr can read 0.0.0.0 (it listens on every address);
// its ManagerStatus.Addr ("10.0.0.1:2377") is the one the others use.
function nodeAddress(n: ApiNode): string {
  const addr = n.Status?.Addr ?? ''
  if (addr && addr !== '0.0.0.0') return addr
  const manager = n.ManagerStatus?.Addr ?? ''
  return manager.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
}

/** Managers first (the leader first of all), then by name: the order of the Machines page and `server node ls`. */
export function sortNodes(nodes: SwarmNode[]): SwarmNode[] {
  const rank = (n: SwarmNode): number => (n.leader ? 0 : n.role === 'manager' ? 1 : 2)
  return [...nodes].sort((a, b) => rank(a) - rank(b) || a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id))
}

interface Constraint {
  key: string
  equal: boolean
  value: string
}

const OPERATORS = [
  ['==', true],
  ['!=', false]
] as const

/** swarmkit's parse: the first operator found splits the expression; one it can't read is undefined (the service could not have been created with it). */
export function parseConstraint(expression: string): Constraint | undefined {
  for (const [op, equal] of OPERATORS) {
    const at = expression.indexOf(op)
    if (at < 0) continue
    const key = expression.slice(0, at).trim()
    const value = expression.slice(at + op.length).trim()
    if (!/^[a-z_][a-z0-9\-_.]+$/i.test(key)) return undefined
    return { key, equal, value }
  }
  return undefined
}

const NODE_LABELS = 'node.labels.'
const ENGINE_LABELS = 'engine.labels.'

function matchValue(c: Constraint, actual: string): boolean {
  // Values compare without regard to case; a missing label reads as "".
  const same = c.value.toLowerCase() === actual.toLowerCase()
  return c.equal ? same : !same
}

/** Whether the node meets every constraint, as swarmkit's NodeMatches decides it. An unknown key matches no node. */
export function meets(node: SwarmNode, constraints: readonly string[]): boolean {
  for (const expression of constraints) {
    const c = parseConstraint(expression)
    if (!c) return false
    const key = c.key.toLowerCase()
    let ok: boolean
    if (key === 'node.id') ok = matchValue(c, node.id)
    else if (key === 'node.hostname') ok = matchValue(c, node.hostname)
    else if (key === 'node.role') ok = matchValue(c, node.role)
    else if (key === 'node.platform.os') ok = matchValue(c, node.os)
    else if (key === 'node.platform.arch') ok = matchValue(c, node.arch)
    else if (key === 'node.ip') ok = matchIp(c, node.address)
    // Label names keep their case: only the prefix is read without it.
    else if (key.startsWith(NODE_LABELS) && key.length > NODE_LABELS.length) ok = matchValue(c, node.labels[c.key.slice(NODE_LABELS.length)] ?? '')
    else if (key.startsWith(ENGINE_LABELS) && key.length > ENGINE_LABELS.length) ok = matchValue(c, node.engineLabels[c.key.slice(ENGINE_LABELS.length)] ?? '')
    else ok = false
    if (!ok) return false
  }
  return true
}

function matchIp(c: Constraint, address: string): boolean {
  const node = ipv4(address)
  const [base, bitsText] = c.value.split('/')
  const wanted = ipv4(base ?? '')
  if (node === undefined || wanted === undefined) {
    // IPv6 and anything else: only the exact text can be compared here;
    // a malformed value matches nothing, as swarmkit refuses it.
    if (bitsText !== undefined || !/^[0-9a-f:.]+$/i.test(c.value)) return false
    const same = c.value.toLowerCase() === address.toLowerCase()
    return c.equal ? same : !same
  }
  let within: boolean
  if (bitsText === undefined) within = node === wanted
  else {
    const bits = Number(bitsText)
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
    within = ((node & mask) >>> 0) === ((wanted & mask) >>> 0)
  }
  return c.equal ? within : !within
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined
    n = n * 256 + Number(p)
  }
  return n >>> 0
}

/** Whether the scheduler may place new work on this node. */
export function schedulable(node: SwarmNode): boolean {
  return node.state === 'ready' && node.availability === 'active'
}

/** A volume mount kept on the machine itself (the local driver): its data does not follow the service to another machine. */
export function localVolumes(service: ApiService): string[] {
  const mounts = service.Spec?.TaskTemplate?.ContainerSpec?.Mounts ?? []
  return mounts
    .filter((m) => (m.Type ?? 'volume') === 'volume' && !!m.Source && ['', 'local'].includes(m.VolumeOptions?.DriverConfig?.Name ?? ''))
    .map((m) => m.Source as string)
}

export interface DrainService {
  id: string
  name: string
  /** The Co-op Cloud app it belongs to (its stack's namespace), when it is one. */
  stack?: string
  /** Tasks of it on the machine now. */
  tasks: number
  /** Machines it could move to (ready, active, meeting its constraints), by name. */
  movesTo: string[]
  /** Volumes whose data stays on this machine: it would start without them elsewhere. */
  localData: string[]
}

export interface DrainPlan {
  node: string
  /** Replicated services that will start on another machine. */
  moving: DrainService[]
  /** Services no other machine may run: they stop until this machine is active again. */
  stuck: DrainService[]
  /** Services that run one copy on every machine: this machine's copy just stops. */
  everywhere: DrainService[]
}

const STACK_LABEL = 'com.docker.stack.namespace'

/** What draining `nodeId` would do to what runs on it now. */
export function planDrain(nodeId: string, nodes: SwarmNode[], services: ApiService[], tasks: ApiTask[]): DrainPlan {
  const node = nodes.find((n) => n.id === nodeId)
  const others = nodes.filter((n) => n.id !== nodeId && schedulable(n))
  const here = new Map<string, number>()
  for (const t of tasks) {
    if (t.NodeID !== nodeId || t.DesiredState !== 'running' || !t.ServiceID) continue
    here.set(t.ServiceID, (here.get(t.ServiceID) ?? 0) + 1)
  }
  const plan: DrainPlan = { node: node?.hostname ?? nodeId, moving: [], stuck: [], everywhere: [] }
  for (const s of services) {
    const count = here.get(s.ID)
    if (!count) continue
    const constraints = s.Spec?.TaskTemplate?.Placement?.Constraints ?? []
    const stack = s.Spec?.Labels?.[STACK_LABEL]
    const entry: DrainService = {
      id: s.ID,
      name: s.Spec?.Name ?? s.ID,
      ...(stack ? { stack } : {}),
      tasks: count,
      movesTo: others.filter((n) => meets(n, constraints)).map((n) => n.hostname),
      localData: localVolumes(s)
    }
    if (s.Spec?.Mode?.Global || s.Spec?.Mode?.GlobalJob) plan.everywhere.push(entry)
    else if (entry.movesTo.length === 0) plan.stuck.push(entry)
    else plan.moving.push(entry)
  }
  const byName = (a: DrainService, b: DrainService): number => a.name.localeCompare(b.name)
  plan.moving.sort(byName)
  plan.stuck.sort(byName)
  plan.everywhere.sort(byName)
  return plan
}

/** What runs on each machine now: its running tasks' services, by node ID. */
export function runningOn(services: ApiService[], tasks: ApiTask[]): Map<string, string[]> {
  const names = new Map(services.map((s) => [s.ID, s.Spec?.Name ?? s.ID]))
  const on = new Map<string, Set<string>>()
  for (const t of tasks) {
    if (!t.NodeID || t.Status?.State !== 'running' || !t.ServiceID) continue
    const set = on.get(t.NodeID) ?? new Set<string>()
    set.add(names.get(t.ServiceID) ?? t.ServiceID)
    on.set(t.NodeID, set)
  }
  return new Map([...on].map(([id, set]) => [id, [...set].sort()]))
}
