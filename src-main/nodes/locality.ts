// Where an app's data lives on a swarm of several machines (issue 13).
// Docker volumes (the local driver) are kept on the machine itself: a
// service that may run on another machine starts there with an empty volume
// of the same name when its machine is drained or fails. Pure: service.ts
// and apps/volume-locality.ts read Docker, this decides.
import { localVolumes, meets, type ApiService, type ApiTask, type SwarmNode } from './model'

const STACK_LABEL = 'com.docker.stack.namespace'

export interface LocalityVolume {
  /** The recipe's name ("data"). */
  name: string
  /** Docker's name ("blog_example_org_data"). */
  volume: string
  /** The machines holding a volume of that name, by hostname, sorted. */
  machines: string[]
  /** Bytes on each machine, when it was asked and said. */
  bytes?: Record<string, number>
  /** The app's services that mount it (short names). */
  services: string[]
}

/**
 * pinned: it may only run on the machine holding its data.
 * unpinned: it may also run on other machines (a drain or a failure would start it empty there).
 * elsewhere: its data is on a machine its placement rules out.
 * scattered: volumes of its name exist on several machines: which one is its data can't be told here.
 * no-data: no machine holds its volumes yet (never started).
 */
export type LocalityState = 'pinned' | 'unpinned' | 'elsewhere' | 'scattered' | 'no-data'

export interface LocalityService {
  /** Short name ("app"). */
  name: string
  /** Its local volumes (recipe names). */
  volumes: string[]
  /** The machine holding its data, when one does. */
  machine?: string
  /** Machines it runs on now. */
  runningOn: string[]
  /** Machines its placement allows (whatever their availability now). */
  allowedOn: string[]
  state: LocalityState
  /** Whether "Keep it on <machine>" can be offered: one machine by that hostname holds the data. */
  canPin: boolean
}

export interface Locality {
  stack: string
  /** Machines in the swarm. With one, nothing can start elsewhere and no service is warned about. */
  machines: number
  volumes: LocalityVolume[]
  services: LocalityService[]
}

export interface LocalityInput {
  stack: string
  nodes: SwarmNode[]
  /** The stack's services. */
  services: ApiService[]
  tasks: ApiTask[]
  /** The stack's volumes found on each machine's engine, by node ID. */
  volumesOn: Map<string, Array<{ name: string; bytes?: number }>>
}

const short = (stack: string, full: string): string => (full.startsWith(`${stack}_`) ? full.slice(stack.length + 1) : full)
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort()

export function volumeLocality({ stack, nodes, services, tasks, volumesOn }: LocalityInput): Locality {
  const hostOf = new Map(nodes.map((n) => [n.id, n.hostname]))
  const own = services.filter((s) => s.Spec?.Labels?.[STACK_LABEL] === stack)
  // Volume (Docker name) → machines holding it.
  const holders = new Map<string, Set<string>>()
  const bytes = new Map<string, Record<string, number>>()
  for (const [nodeId, list] of volumesOn) {
    const host = hostOf.get(nodeId)
    if (!host) continue
    for (const v of list) {
      if (!v.name.startsWith(`${stack}_`)) continue
      holders.set(v.name, (holders.get(v.name) ?? new Set()).add(host))
      if (v.bytes !== undefined) bytes.set(v.name, { ...(bytes.get(v.name) ?? {}), [host]: v.bytes })
    }
  }
  const mountedBy = new Map<string, Set<string>>()
  const out: LocalityService[] = []
  for (const s of own) {
    const name = short(stack, s.Spec?.Name ?? s.ID)
    const mounted = localVolumes(s).filter((v) => v.startsWith(`${stack}_`))
    for (const v of mounted) mountedBy.set(v, (mountedBy.get(v) ?? new Set()).add(name))
    if (mounted.length === 0) continue
    const constraints = s.Spec?.TaskTemplate?.Placement?.Constraints ?? []
    const allowed = nodes.filter((n) => meets(n, constraints))
    const allowedOn = sorted(allowed.map((n) => n.hostname))
    const runningOn = sorted(tasks.filter((t) => t.ServiceID === s.ID && t.Status?.State === 'running' && t.NodeID).map((t) => hostOf.get(t.NodeID!) ?? t.NodeID!))
    const having = sorted(mounted.flatMap((v) => [...(holders.get(v) ?? [])]))
    // Where it runs now, when that machine has its data, is where its data is; else the one machine holding any.
    const here = runningOn.filter((h) => having.includes(h))
    const machine = here.length === 1 && having.length >= 1 ? here[0] : having.length === 1 ? having[0] : undefined
    let state: LocalityState
    if (having.length === 0) state = 'no-data'
    else if (!machine) state = 'scattered'
    else if (!allowedOn.includes(machine)) state = 'elsewhere'
    else if (allowed.every((n) => n.hostname === machine)) state = 'pinned'
    else state = 'unpinned'
    // A hostname two machines share can't name one machine.
    const canPin = machine !== undefined && nodes.filter((n) => n.hostname === machine).length === 1 && state !== 'pinned'
    out.push({ name, volumes: mounted.map((v) => short(stack, v)), ...(machine ? { machine } : {}), runningOn, allowedOn, state, canPin })
  }
  const names = sorted([...holders.keys(), ...mountedBy.keys()])
  return {
    stack,
    machines: nodes.length,
    volumes: names.map((v) => ({
      name: short(stack, v),
      volume: v,
      machines: sorted(holders.get(v) ?? []),
      ...(bytes.has(v) ? { bytes: bytes.get(v) } : {}),
      services: sorted(mountedBy.get(v) ?? [])
    })),
    services: out.sort((a, b) => a.name.localeCompare(b.name))
  }
}

/** Whether the window should warn about this service: only on a swarm of several machines. */
export function needsWarning(l: Pick<Locality, 'machines'>, s: Pick<LocalityService, 'state'>): boolean {
  return l.machines > 1 && (s.state === 'unpinned' || s.state === 'elsewhere' || s.state === 'scattered')
}
