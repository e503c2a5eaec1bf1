// A server's Docker and swarm, as each round of the monitor sees them: the
// machines (nodes) of its swarm, with their role, state and availability.
// One Docker call per round (docker node ls); the Docker version is asked
// once per server while the app runs, and `docker info` only when the server
// is not a swarm manager (to tell "swarm off" from "a worker").
import type Docker from 'dockerode'

export interface NodeSeen {
  id: string
  hostname: string
  /** manager: helps run the swarm (and runs apps); worker: only runs apps. */
  role: 'manager' | 'worker'
  /** The manager that leads the swarm now. */
  leader: boolean
  /** Docker's word: ready, down, unknown, disconnected. */
  state: string
  /** active: takes apps; pause: keeps its apps, takes no new ones; drain: its apps were moved away. */
  availability: string
  /** A manager the others can't reach, whatever its last known state. */
  unreachable: boolean
  address?: string
  engineVersion?: string
  /** Docker's own words on the node's state, if any. */
  message?: string
}

export interface SwarmSeen {
  /** The Docker engine's version, when it could be asked. */
  dockerVersion?: string
  /** manager: this server runs the swarm; worker: it belongs to one run from elsewhere; off: no swarm. */
  swarm: 'manager' | 'worker' | 'off'
  nodes: NodeSeen[]
}

interface NodeLike {
  ID?: string
  Spec?: { Role?: string; Availability?: string }
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } }
  Status?: { State?: string; Message?: string; Addr?: string }
  ManagerStatus?: { Leader?: boolean; Reachability?: string }
}

/** docker node ls's answer as facts, managers first, then by name. */
export function nodesOf(list: readonly unknown[]): NodeSeen[] {
  return (list as NodeLike[])
    .map((n) => {
      const message = n.Status?.Message?.trim()
      return {
        id: n.ID ?? '',
        hostname: n.Description?.Hostname ?? n.ID?.slice(0, 12) ?? '',
        role: n.Spec?.Role === 'manager' ? ('manager' as const) : ('worker' as const),
        leader: n.ManagerStatus?.Leader === true,
        state: n.Status?.State ?? 'unknown',
        availability: n.Spec?.Availability ?? 'active',
        unreachable: n.ManagerStatus?.Reachability === 'unreachable',
        ...(n.Status?.Addr ? { address: n.Status.Addr } : {}),
        ...(n.Description?.Engine?.EngineVersion ? { engineVersion: n.Description.Engine.EngineVersion } : {}),
        ...(message ? { message } : {})
      }
    })
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1) || a.hostname.localeCompare(b.hostname))
}

/** A node that needs attention: not ready, or a manager the others can't reach. A drained node was put aside on purpose. */
export const nodeIsDown = (n: Pick<NodeSeen, 'state' | 'unreachable'>): boolean => n.state !== 'ready' || n.unreachable

/** Docker's refusal of docker node ls on a server that doesn't run a swarm (503 "not a swarm manager"). */
function notAManager(err: unknown): boolean {
  const e = err as { statusCode?: number; message?: string }
  return e?.statusCode === 503 || /not a swarm manager|not part of a swarm/i.test(e?.message ?? '')
}

type SwarmDocker = Pick<Docker, 'listNodes' | 'version' | 'info'>

/** Reads servers' swarms; keeps each server's Docker version (asked once). */
export function swarmReader() {
  const versions = new Map<string, string>()
  return async (server: string, docker: SwarmDocker): Promise<SwarmSeen> => {
    const version = async (): Promise<string | undefined> => {
      if (versions.has(server)) return versions.get(server)
      const v = await docker.version().then((r) => (r as { Version?: string }).Version, () => undefined)
      if (v) versions.set(server, v)
      return v
    }
    try {
      const [list, dockerVersion] = await Promise.all([docker.listNodes(), version()])
      return { ...(dockerVersion ? { dockerVersion } : {}), swarm: 'manager', nodes: nodesOf(list as unknown[]) }
    } catch (err) {
      if (!notAManager(err)) throw err
      const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string }; ServerVersion?: string }
      const dockerVersion = info.ServerVersion ?? (await version())
      return { ...(dockerVersion ? { dockerVersion } : {}), swarm: info.Swarm?.LocalNodeState === 'active' ? 'worker' : 'off', nodes: [] }
    }
  }
}
