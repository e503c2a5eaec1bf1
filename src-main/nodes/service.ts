// The machines of a server's swarm, asked of the manager the server's
// connection lands on (only a manager can list and change them). Reading is
// one round of calls made at once; changing a machine names the spec version
// it read, so a change made meanwhile by someone else is refused, not undone.
import type Docker from 'dockerode'
import type { Handlers } from '../api/dispatch'
import { ApiError, errorWords } from '../contract/errors'
import type { MachinesList } from '../contract/nodes'
import type { Jobs, JobContext } from '../core/jobs'
import { withTimeout } from '../core/shell'
import { t } from '../i18n/i18n'
import { planDrain, runningOn, sortNodes, toSwarmNode, type ApiNode, type ApiService, type ApiTask, type NodeAvailability, type SwarmNode } from './model'

/** Each call to the manager. */
const CALL_TIMEOUT_MS = 30_000
/** How long a drain waits for what ran on the machine to run elsewhere. */
export const DRAIN_WAIT_MS = 5 * 60_000
const POLL_MS = 1_000

export interface NodeDeps {
  jobs: Jobs
  /** The server's Docker, connection ready. */
  docker: (server: string) => Promise<Docker>
  /** Tests shorten the drain's wait. */
  drainWaitMs?: number
}

const late = (): Error => new ApiError('nodes-timeout', t('nodes.timeout', { seconds: CALL_TIMEOUT_MS / 1000 }))
const call = <T>(p: Promise<T>): Promise<T> => withTimeout(p, CALL_TIMEOUT_MS, late)
const status = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode

interface SwarmView {
  self: string
  nodes: ApiNode[]
  services: ApiService[]
  tasks: ApiTask[]
}

/** Everything at once: the info says whether the rest could answer (a worker or a lone engine can't). */
async function readSwarm(docker: Docker): Promise<SwarmView | undefined> {
  const [info, nodes, services, tasks] = await Promise.allSettled([
    call(docker.info() as Promise<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string } }>),
    call(docker.listNodes() as Promise<ApiNode[]>),
    call(docker.listServices() as Promise<ApiService[]>),
    call(docker.listTasks({ filters: JSON.stringify({ 'desired-state': ['running'] }) }) as Promise<ApiTask[]>)
  ])
  if (info.status === 'rejected') throw info.reason
  const swarm = info.value.Swarm
  if (swarm?.LocalNodeState !== 'active' || !swarm.ControlAvailable) return undefined
  for (const r of [nodes, services, tasks]) if (r.status === 'rejected') throw r.reason
  const value = <T>(r: PromiseSettledResult<T>): T => (r as PromiseFulfilledResult<T>).value
  return { self: swarm.NodeID ?? '', nodes: value(nodes), services: value(services), tasks: value(tasks) }
}

export async function listMachines(docker: Docker, server: string): Promise<MachinesList> {
  const view = await readSwarm(docker)
  if (!view) return { server, swarm: false, machines: [] }
  const running = runningOn(view.services, view.tasks)
  const machines = sortNodes(view.nodes.map(toSwarmNode)).map((n) => ({
    ...withoutInternals(n),
    running: running.get(n.id) ?? [],
    self: n.id === view.self
  }))
  return { server, swarm: true, machines }
}

function withoutInternals(n: SwarmNode): Omit<SwarmNode, 'version' | 'engineLabels'> {
  const { version: _v, engineLabels: _e, ...rest } = n
  return rest
}

async function requireSwarm(docker: Docker, server: string): Promise<SwarmView> {
  const view = await readSwarm(docker)
  if (!view) throw new ApiError('not-a-swarm-manager', t('nodes.notManager', { server }))
  return view
}

/** Only a swarm's manager can list and change its machines. */
async function requireManager(docker: Docker, server: string): Promise<void> {
  const info = (await call(docker.info())) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) throw new ApiError('not-a-swarm-manager', t('nodes.notManager', { server }))
}

async function inspectNode(docker: Docker, server: string, id: string): Promise<ApiNode> {
  try {
    return (await call(docker.getNode(id).inspect())) as ApiNode
  } catch (err) {
    if (status(err) === 404) throw new ApiError('node-not-found', t('nodes.notFound', { server }))
    throw err
  }
}

/** Writes the machine's spec at the version read; a clash says someone changed it meanwhile. */
async function updateNode(docker: Docker, node: ApiNode, spec: NonNullable<ApiNode['Spec']>): Promise<void> {
  try {
    await call(docker.getNode(node.ID).update({ version: node.Version?.Index ?? 0, ...spec }))
  } catch (err) {
    if (/update out of sequence/i.test(errorWords(err))) {
      throw new ApiError('node-changed', t('nodes.changed', { machine: node.Description?.Hostname ?? node.ID }))
    }
    throw err
  }
}

function specOf(n: ApiNode): NonNullable<ApiNode['Spec']> {
  return { Role: n.Spec?.Role ?? 'worker', Availability: n.Spec?.Availability ?? 'active', Labels: { ...(n.Spec?.Labels ?? {}) }, ...(n.Spec?.Name ? { Name: n.Spec.Name } : {}) }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/**
 * The services that ran on the machine and could move, which do not yet run
 * anywhere else: the drain is done when this is empty. A service that could
 * not move (its constraints keep it there) is not waited for.
 */
export function leftToMove(nodeId: string, movable: Set<string>, tasks: ApiTask[]): string[] {
  const left = new Set<string>()
  const elsewhere = new Set<string>()
  for (const task of tasks) {
    if (!task.ServiceID || !movable.has(task.ServiceID)) continue
    if (task.NodeID === nodeId && task.DesiredState === 'running') left.add(task.ServiceID)
    if (task.NodeID !== nodeId && task.Status?.State === 'running') elsewhere.add(task.ServiceID)
  }
  for (const id of movable) if (!elsewhere.has(id)) left.add(id)
  return [...left].sort()
}

/**
 * Only the tasks the drain waits on: those of the services that move, meant
 * to run (the swarm filters; a swarm of many apps answers a few tasks each
 * second, not all of them).
 */
export function drainTaskFilters(movable: Iterable<string>): string {
  return JSON.stringify({ service: [...movable], 'desired-state': ['running'] })
}

async function waitForDrain(docker: Docker, nodeId: string, movable: Map<string, string>, j: JobContext, waitMs: number): Promise<void> {
  const until = Date.now() + waitMs
  const ids = new Set(movable.keys())
  if (ids.size === 0) return j.percent(100)
  const filters = drainTaskFilters(ids)
  for (;;) {
    if (j.signal.aborted) return
    const tasks = (await call(docker.listTasks({ filters }))) as ApiTask[]
    const left = leftToMove(nodeId, ids, tasks)
    j.percent(ids.size === 0 ? 100 : Math.round(((ids.size - left.length) / ids.size) * 100))
    if (left.length === 0) return
    if (Date.now() > until) {
      throw new ApiError('drain-slow', t('nodes.drainSlow', { minutes: Math.round(waitMs / 60_000), services: left.map((id) => movable.get(id) ?? id).join(', ') }))
    }
    await sleep(POLL_MS, j.signal)
  }
}

export function nodeHandlers(deps: NodeDeps): Pick<Handlers, 'nodes.list' | 'nodes.drainPlan' | 'nodes.setAvailability' | 'nodes.setLabels' | 'nodes.remove'> {
  const drainWait = deps.drainWaitMs ?? DRAIN_WAIT_MS
  return {
    'nodes.list': async ({ server }) => listMachines(await deps.docker(server), server),
    'nodes.drainPlan': async ({ server, node }) => {
      const view = await requireSwarm(await deps.docker(server), server)
      if (!view.nodes.some((n) => n.ID === node)) throw new ApiError('node-not-found', t('nodes.notFound', { server }))
      return planDrain(node, view.nodes.map(toSwarmNode), view.services, view.tasks)
    },
    'nodes.setAvailability': async ({ server, node, availability }) => {
      const docker = await deps.docker(server)
      // The answer waits only for what refuses at once (not a manager, no such machine): one round of two calls.
      const [manager, read] = await Promise.allSettled([requireManager(docker, server), inspectNode(docker, server, node)])
      if (manager.status === 'rejected') throw manager.reason
      if (read.status === 'rejected') throw read.reason
      const found = read.value
      const machine = found.Description?.Hostname ?? node
      const steps = [t('nodes.step.set', { machine }), ...(availability === 'drain' ? [t('nodes.step.move')] : [])]
      const job = deps.jobs.start({ kind: 'node-availability', title: t(`nodes.title.${availability}`, { machine }), target: server, steps }, async (j) => {
        // Read inside the job: the version to write is the one the swarm has
        // now, and the drain waits for what runs there now.
        const [before, view] = await Promise.all([inspectNode(docker, server, node), availability === 'drain' ? requireSwarm(docker, server) : undefined])
        const plan = view ? planDrain(node, view.nodes.map(toSwarmNode), view.services, view.tasks) : undefined
        const movable = new Map((plan?.moving ?? []).map((s) => [s.id, s.name]))
        const was = (before.Spec?.Availability ?? 'active') as NodeAvailability
        if (was === availability) {
          j.log(`${t('nodes.already', { machine, availability: t(`nodes.availability.${availability}`) })}\n`)
          return
        }
        let changed = false
        try {
          await updateNode(docker, before, { ...specOf(before), Availability: availability })
          changed = true
          j.log(`${t('nodes.set', { machine, availability: t(`nodes.availability.${availability}`) })}\n`)
          if (availability !== 'drain') return
          j.step(1)
          await waitForDrain(docker, node, movable, j, drainWait)
          if (j.signal.aborted) throw new ApiError('cancelled', t('nodes.cancelled'))
          j.log(`${t('nodes.drained', { machine, count: movable.size })}\n`)
        } catch (err) {
          // Leave it as it was found: a cancelled or failed change sets the machine back.
          if (changed) {
            try {
              const now = await inspectNode(docker, server, node)
              await updateNode(docker, now, { ...specOf(now), Availability: was })
              j.log(`${t('nodes.setBack', { machine, availability: t(`nodes.availability.${was}`) })}\n`)
            } catch (restoreErr) {
              throw new ApiError('node-restore-failed', t('nodes.restoreFailed', { machine, availability: t(`nodes.availability.${was}`), message: errorWords(restoreErr) }))
            }
          }
          if (j.signal.aborted) return
          throw err
        }
      })
      return { jobId: job.id }
    },
    'nodes.setLabels': async ({ server, node, labels }) => {
      const docker = await deps.docker(server)
      await requireSwarm(docker, server)
      const found = await inspectNode(docker, server, node)
      await updateNode(docker, found, { ...specOf(found), Labels: labels })
      const after = await inspectNode(docker, server, node)
      return { labels: after.Spec?.Labels ?? {} }
    },
    'nodes.remove': async ({ server, node }) => {
      const docker = await deps.docker(server)
      await requireSwarm(docker, server)
      const found = toSwarmNode(await inspectNode(docker, server, node))
      if (found.role === 'manager') throw new ApiError('node-is-manager', t('nodes.removeManager', { machine: found.hostname }))
      if (found.state === 'ready') throw new ApiError('node-is-up', t('nodes.removeUp', { machine: found.hostname }))
      await call(docker.getNode(node).remove({}))
      return { removed: found.hostname || node }
    }
  }
}
