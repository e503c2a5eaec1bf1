// Judging a deploy as the swarm converges: one look at the stack's services
// and tasks in, a phase out. Pure, so the rules can be tested without a swarm;
// converge-watch.ts does the polling.
//
// The rules:
// - The swarm is rolling back (UpdateStatus rollback_started) → rolling-back;
//   once it says rollback_completed → rolled-back. A rollback can start and
//   finish between two looks, so rollbackBegan() tells the watcher that one
//   happened even when rollback_started was never seen. Swarm says
//   rollback_completed once it has restarted the previous version, which may
//   still be starting: `ok` says whether it runs, so the watcher can wait for it.
// - An update the swarm paused (failure_action pause, Docker's default), or a
//   rollback it paused → failed.
// - A service that keeps crashing or failing its health check → failed,
//   except while the swarm is still updating a service whose failure_action
//   is rollback: it is about to roll back, and that is the better outcome to
//   report.
// - Done when every service runs as many tasks as it wants, all on its current
//   spec, none starting or unhealthy, and its update (if one began with this
//   deploy) says completed; stable for STABLE_POLLS looks in a row.
import type { ServiceStatus } from '../contract/apps'
import { onCurrentSpec, serviceStatus, type SwarmService, type SwarmTask } from './status'

export interface StackLook {
  services: Array<{ service: SwarmService; tasks: SwarmTask[] }>
}

/** What the services looked like before the deploy, so stale update states are not read as this deploy's. */
export type UpdateBaseline = Map<string, string | undefined>

export type Verdict =
  | { phase: 'converging' | 'rolling-back'; services: ServiceStatus[]; ok: false }
  | { phase: 'converging'; services: ServiceStatus[]; ok: true }
  | { phase: 'failed'; services: ServiceStatus[]; ok: false; problem?: ServiceStatus }
  | { phase: 'rolled-back'; services: ServiceStatus[]; ok: boolean; problem?: ServiceStatus }

export const STABLE_POLLS = 3

/** The service's update state, unless it is left over from before this deploy. */
export function freshUpdate(service: SwarmService, baseline: UpdateBaseline): SwarmService['UpdateStatus'] {
  const u = service.UpdateStatus
  if (!u?.State) return undefined
  const name = service.Spec?.Name ?? service.ID
  if (baseline.has(name) && baseline.get(name) === u.StartedAt) return undefined
  return u
}

/**
 * Whether the swarm began rolling back a service in this deploy: its fresh
 * update state is rollback_started, rollback_completed or rollback_paused (the
 * last two can only follow the first).
 */
export function rollbackBegan(look: StackLook, baseline: UpdateBaseline): boolean {
  return look.services.some(({ service }) => freshUpdate(service, baseline)?.State?.startsWith('rollback_') ?? false)
}

export function judge(look: StackLook, stackName: string, baseline: UpdateBaseline): Verdict {
  const services = look.services.map(({ service, tasks }) => {
    const fresh = freshUpdate(service, baseline)
    // A stale update state would say "completed" or "rolled back" about an older deploy.
    const s = fresh === service.UpdateStatus ? service : { ...service, UpdateStatus: fresh }
    return { service: s, tasks, status: serviceStatus(s, tasks, stackName) }
  })
  const statuses = services.map((s) => s.status)
  const states = services.map((s) => s.service.UpdateStatus?.State)

  if (states.includes('rollback_started')) return { phase: 'rolling-back', services: statuses, ok: false }
  const rolledBack = services.find((s) => s.service.UpdateStatus?.State === 'rollback_completed')
  if (rolledBack) return { phase: 'rolled-back', services: statuses, ok: settled(services), problem: rolledBack.status }
  const paused = services.find((s) => s.service.UpdateStatus?.State === 'paused' || s.service.UpdateStatus?.State === 'rollback_paused')
  if (paused) return { phase: 'failed', services: statuses, ok: false, problem: paused.status }

  const broken = services.find(({ service, status }) => {
    if (status.status !== 'failed') return false
    const willRollBack = service.UpdateStatus?.State === 'updating' && service.Spec?.UpdateConfig?.FailureAction === 'rollback'
    return !willRollBack
  })
  if (broken) return { phase: 'failed', services: statuses, ok: false, problem: broken.status }

  return settled(services) ? { phase: 'converging', services: statuses, ok: true } : { phase: 'converging', services: statuses, ok: false }
}

/** Every service runs as many tasks as it wants, on its current spec, none starting or unhealthy, its update (or rollback) finished. */
function settled(services: Array<{ service: SwarmService; tasks: SwarmTask[]; status: ServiceStatus }>): boolean {
  return services.every(({ service, tasks, status }) => {
    if (status.desired === 0) return status.running === 0
    const state = service.UpdateStatus?.State
    if (state && state !== 'completed' && state !== 'rollback_completed') return false
    if (status.running < status.desired || status.health === 'starting' || status.health === 'unhealthy') return false
    const live = tasks.filter((t) => (t.DesiredState ?? 'running') === 'running' && (!t.ServiceID || t.ServiceID === service.ID))
    return live.every((t) => t.Status?.State === 'running' && onCurrentSpec(service, t))
  })
}
