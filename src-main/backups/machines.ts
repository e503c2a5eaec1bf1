// Which machine of the server's swarm holds a service's data, and that
// machine's Docker engine. A volume is local to the machine where the
// service's task runs: on a swarm of several machines, backups and restores
// read and write it there (the hooks run in the container there, the helper
// container starts there), reached through the server's SSH link as a jump
// host (AppContext.machineDocker, handed in by core.ts). On one machine
// everything stays on the engine we are connected to, as before.
import type Docker from 'dockerode'
import type { AppContext } from '../apps/context'
import { ApiError, errorWords } from '../contract/errors'
import type { SwarmMachine } from '../servers/connections'
import { t } from '../i18n/i18n'

/** Opens another machine's engine of one server's swarm. */
export type OpenMachine = (machine: SwarmMachine) => Promise<Docker>

/** An engine a service's data is reached on; `machine` names it when it isn't the one we are connected to. */
export interface Engine {
  docker: Docker
  machine?: string
  /** The swarm node it is (undefined when the engine is in no swarm). */
  nodeId?: string
  /** Opens it again after a dropped connection. */
  reopen(): Promise<Docker>
}

export function machineOpener(ctx: Pick<AppContext, 'machineDocker'>, server: string): OpenMachine | undefined {
  const open = ctx.machineDocker
  return open ? (m) => open(server, m) : undefined
}

/** How many machines the server's swarm has (1 when the engine is in no swarm or isn't a manager). */
export async function swarmSize(docker: Docker): Promise<number> {
  try {
    return Math.max(1, (await docker.listNodes()).length)
  } catch {
    return 1
  }
}

/** The swarm node the engine we are connected to is. */
export async function localNode(docker: Docker): Promise<string | undefined> {
  return ((await docker.info()) as { Swarm?: { NodeID?: string } }).Swarm?.NodeID || undefined
}

type Task = { NodeID?: string; Status?: { State?: string; ContainerStatus?: { ContainerID?: string } } }

const tasksOf = async (docker: Docker, serviceName: string, running: boolean): Promise<Task[]> =>
  (await docker.listTasks({ filters: JSON.stringify({ service: [serviceName], ...(running ? { 'desired-state': ['running'] } : {}) }) })) as Task[]

async function machineName(docker: Docker, nodeId: string): Promise<string> {
  try {
    return ((await docker.getNode(nodeId).inspect()) as { Description?: { Hostname?: string } }).Description?.Hostname ?? nodeId
  } catch {
    return nodeId
  }
}

/**
 * The engine of the swarm node `nodeId`: the one we are connected to, or
 * another machine's through the server's link. A machine that can't be
 * reached is refused naming it, the service whose data is there, and what
 * to do; nothing has been changed by then.
 */
export async function engineOf(
  docker: Docker,
  here: string | undefined,
  nodeId: string,
  opts: { server: string; service: string; open?: OpenMachine }
): Promise<Engine> {
  if (!here || nodeId === here) return { docker, nodeId: here, reopen: async () => docker }
  const node = (await docker.getNode(nodeId).inspect()) as { ID: string; Description?: { Hostname?: string }; Status?: { Addr?: string } }
  const hostname = node.Description?.Hostname ?? node.ID
  const open = opts.open
  if (!open) {
    throw new ApiError('backup-machine-unreachable', t('backups.machines.cantOpen', { service: opts.service, machine: hostname, server: opts.server }), undefined, { machine: hostname })
  }
  const machine: SwarmMachine = { id: node.ID, hostname, address: node.Status?.Addr ?? '' }
  const reopen = async (): Promise<Docker> => {
    try {
      return await open(machine)
    } catch (err) {
      throw new ApiError(
        'backup-machine-unreachable',
        t('backups.machines.unreachable', { service: opts.service, machine: hostname, server: opts.server, why: errorWords(err) }),
        err instanceof Error ? err.message : String(err),
        { machine: hostname }
      )
    }
  }
  return { docker: await reopen(), machine: hostname, nodeId: node.ID, reopen }
}

/**
 * A running container of the service (a task still "starting" until its
 * healthcheck passes runs all the same), on whichever machine it runs:
 * the engine we are connected to first. Undefined when none runs anywhere.
 */
export async function runningAnywhere(
  docker: Docker,
  serviceName: string,
  opts: { server: string; service: string; open?: OpenMachine; here?: string }
): Promise<{ engine: Engine; container: Docker.Container } | undefined> {
  const here = opts.here ?? (await localNode(docker))
  const tasks = (await tasksOf(docker, serviceName, true)).filter((x) => x.Status?.ContainerStatus?.ContainerID && ['running', 'starting'].includes(x.Status?.State ?? ''))
  // Ours first: no second connection when the service runs where we are.
  tasks.sort((a, b) => Number(b.NodeID === here) - Number(a.NodeID === here))
  for (const task of tasks) {
    const engine = await engineOf(docker, here, task.NodeID ?? here ?? '', opts)
    try {
      const c = engine.docker.getContainer(task.Status!.ContainerStatus!.ContainerID!)
      if ((await c.inspect()).State?.Running) return { engine, container: c }
    } catch {
      // Gone between the two calls: try the next task.
    }
  }
  return undefined
}

/** The node a placement constraint pins the service to (node.hostname==X or node.id==X), if one does. */
async function pinnedNode(docker: Docker, serviceName: string): Promise<string | undefined> {
  const spec = ((await docker.getService(serviceName).inspect()) as { Spec?: { TaskTemplate?: { Placement?: { Constraints?: string[] } } } }).Spec
  const nodes = (await docker.listNodes()) as Array<{ ID: string; Description?: { Hostname?: string } }>
  const found = new Set<string>()
  for (const c of spec?.TaskTemplate?.Placement?.Constraints ?? []) {
    const m = /^\s*node\.(hostname|id)\s*==\s*(\S+)\s*$/.exec(c)
    if (!m) continue
    for (const n of nodes) if ((m[1] === 'id' ? n.ID : n.Description?.Hostname) === m[2]) found.add(n.ID)
  }
  return found.size === 1 ? [...found][0] : undefined
}

/**
 * Where a service that runs nowhere now keeps its data: on one machine, the
 * engine we are connected to; on several, the one machine its remembered
 * tasks ran on, else the one machine a placement constraint pins it to.
 * Tasks on more than one machine, or nothing that says, leave it unknown:
 * refused in words, rather than reading or writing the manager's own
 * (empty) volume of that name.
 */
export async function stoppedServiceEngine(
  docker: Docker,
  serviceName: string,
  opts: { server: string; service: string; open?: OpenMachine; here?: string }
): Promise<Engine> {
  const here = opts.here ?? (await localNode(docker))
  if ((await swarmSize(docker)) <= 1) return { docker, nodeId: here, reopen: async () => docker }
  // Scaling to 0 removes the tasks, so the swarm often remembers none.
  const ran = [...new Set((await tasksOf(docker, serviceName, false)).filter((x) => x.NodeID && x.Status?.ContainerStatus?.ContainerID).map((x) => x.NodeID as string))]
  const nodes = ran.length ? ran : [await pinnedNode(docker, serviceName)].filter((n): n is string => !!n)
  if (nodes.length !== 1) {
    const names = await Promise.all(nodes.map((n) => machineName(docker, n)))
    throw new ApiError(
      'backup-machine-unknown',
      names.length ? t('backups.machines.unknownSeveral', { service: opts.service, machines: names.join(', ') }) : t('backups.machines.unknown', { service: opts.service }),
      undefined,
      { service: opts.service, machines: names }
    )
  }
  return engineOf(docker, here, nodes[0], opts)
}

/** The machines (node IDs and names) where the service's containers run now. */
export async function tasksOn(docker: Docker, serviceName: string): Promise<{ nodes: string[]; names: string[] }> {
  const nodes = [...new Set((await tasksOf(docker, serviceName, true)).filter((x) => x.NodeID && x.Status?.State === 'running').map((x) => x.NodeID as string))]
  return { nodes, names: await Promise.all(nodes.map((n) => machineName(docker, n))) }
}
