// Polls a stack's services and tasks until judge() says it is done, failed,
// rolled back, or the time is up, reporting each change on the way.
import type Docker from 'dockerode'
import type { ServiceStatus } from '../contract/apps'
import { judge, rollbackBegan, STABLE_POLLS, type StackLook, type UpdateBaseline } from './converge'
import { explainPulls } from './pull-check'
import type { SwarmService, SwarmTask } from './status'
import { t } from '../i18n/i18n'

export const NAMESPACE_LABEL = 'com.docker.stack.namespace'

export type WatchEnd =
  | { phase: 'done'; services: ServiceStatus[] }
  | { phase: 'failed' | 'rolled-back'; services: ServiceStatus[]; problem?: ServiceStatus }
  | { phase: 'timed-out' | 'cancelled'; services: ServiceStatus[] }
  /** The server could not be reached when the time was up (lost: why the last look failed). */
  | { phase: 'unreachable'; services: ServiceStatus[]; lost: unknown }

export interface WatchOptions {
  stackName: string
  baseline: UpdateBaseline
  timeoutSeconds: number
  signal: AbortSignal
  intervalMs?: number
  onChange(phase: 'converging' | 'rolling-back', services: ServiceStatus[]): void
  /**
   * Ride out a lost connection or a restarting engine until the time is up,
   * looking again once the server answers, instead of failing at once: the
   * server carries on with what it was sent, so only the watch was cut off.
   * Called when the server stops answering (lost) and when it answers again (back).
   */
  outages?: { lost(err: unknown): void; back(): void }
}

/**
 * Whether a failed look means the server (or its engine) could not be
 * reached for now, rather than that it refused: a dropped or cut link, sshd
 * or dockerd restarting, or a swarm not yet back as a manager after a restart.
 */
export function isOutage(err: unknown): boolean {
  if (err instanceof OutOfTime) return true
  const e = err as { name?: unknown; code?: unknown; statusCode?: unknown; message?: unknown } | null
  if (!e || typeof e !== 'object') return false
  // Told by name: apps/ does not reach into ssh/. These are the link's codes that a reconnect can mend.
  if (e.name === 'SshError') return typeof e.code === 'string' && ['timeout', 'refused', 'network', 'closed'].includes(e.code)
  if (e.name === 'DockerAccessError') return e.code === 'docker-not-running' || e.code === 'docker-unreachable'
  if (e.statusCode === 503) return true
  if (typeof e.code === 'string' && ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT'].includes(e.code)) return true
  // The last two: the engine's swarm still starting after a restart (its raft not yet answering).
  return /not a swarm manager|cannot connect to the docker daemon|socket hang up|connection (is |was )?(closed|reset|refused)|rpc error: code = (Unavailable|DeadlineExceeded)|no leader/i.test(String(e.message ?? ''))
}

/** A look that got no answer in the time left (a call waits for a reconnecting link on its own, for longer). */
class OutOfTime extends Error {}

/** A look that gives up once the time is up (but allows a few seconds to any look) or the watch is cancelled. */
function lookWithin(docker: Docker, stackName: string, end: number, signal: AbortSignal): Promise<StackLook> {
  const look = lookAtStack(docker, stackName)
  look.catch(() => undefined)
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const giveUp = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new OutOfTime(t('apps.misc.noAnswer'))), Math.max(end - Date.now(), 5000))
    onAbort = () => reject(new OutOfTime('cancelled'))
    signal.addEventListener('abort', onAbort, { once: true })
  })
  return Promise.race([look, giveUp]).finally(() => {
    clearTimeout(timer)
    if (onAbort) signal.removeEventListener('abort', onAbort)
  })
}

export async function lookAtStack(docker: Docker, stackName: string): Promise<StackLook> {
  const filters = JSON.stringify({ label: [`${NAMESPACE_LABEL}=${stackName}`] })
  const [services, tasks] = await Promise.all([docker.listServices({ filters }) as Promise<SwarmService[]>, docker.listTasks({ filters }) as Promise<SwarmTask[]>])
  return {
    services: services
      .sort((a, b) => (a.Spec?.Name ?? '').localeCompare(b.Spec?.Name ?? ''))
      .map((service) => ({ service, tasks: tasks.filter((t) => t.ServiceID === service.ID) }))
  }
}

/** Each service's UpdateStatus.StartedAt now, by service name. */
export async function updateBaseline(docker: Docker, stackName: string): Promise<{ baseline: UpdateBaseline; services: SwarmService[] }> {
  const look = await lookAtStack(docker, stackName)
  const baseline: UpdateBaseline = new Map(look.services.map(({ service }) => [service.Spec?.Name ?? service.ID, service.UpdateStatus?.StartedAt]))
  return { baseline, services: look.services.map((s) => s.service) }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/**
 * Watches the stack until it is done, failed, rolled back or out of time. A
 * deploy that ends without running because an image could not be pulled
 * says why the registry refused it (pull-check.ts): the task only says "No
 * such image", whether the tag is missing or the registry unreachable.
 */
export async function watchConvergence(docker: Docker, opts: WatchOptions): Promise<WatchEnd> {
  const end = await watchStack(docker, opts)
  if (end.phase !== 'failed' && end.phase !== 'rolled-back' && end.phase !== 'timed-out') return end
  try {
    const [services, problem] = await Promise.all([explainPulls(docker, end.services), 'problem' in end && end.problem ? explainPulls(docker, [end.problem]).then(([p]) => p) : undefined])
    return 'problem' in end ? { ...end, services, problem } : { ...end, services }
  } catch {
    return end
  }
}

async function watchStack(docker: Docker, opts: WatchOptions): Promise<WatchEnd> {
  const interval = opts.intervalMs ?? 1000
  const end = Date.now() + opts.timeoutSeconds * 1000
  let last = ''
  let stable = 0
  let services: ServiceStatus[] = []
  let saidRollingBack = false
  // Set once the swarm says it rolled back: why the new version failed, kept from that look.
  let rolledBack: { problem?: ServiceStatus } | undefined
  // Why the server stopped answering, while it does not.
  let lost: { err: unknown } | undefined
  for (;;) {
    if (opts.signal.aborted) return { phase: 'cancelled', services }
    let look: StackLook
    if (!opts.outages) look = await lookAtStack(docker, opts.stackName)
    else {
      try {
        look = await lookWithin(docker, opts.stackName, end, opts.signal)
      } catch (err) {
        if (opts.signal.aborted) return { phase: 'cancelled', services }
        if (!isOutage(err)) throw err
        if (!lost) opts.outages.lost(err)
        // What a look saw before the outage says nothing about "stable" after it.
        lost = { err: lost && err instanceof OutOfTime ? lost.err : err }
        stable = 0
        if (Date.now() >= end) return { phase: 'unreachable', services, lost: lost.err }
        await sleep(interval, opts.signal)
        continue
      }
      if (lost) {
        lost = undefined
        opts.outages.back()
      }
    }
    const verdict = judge(look, opts.stackName, opts.baseline)
    services = verdict.services
    // A quick rollback can start and finish between two looks. The person
    // should still hear that the server is going back before they hear it went back.
    if ((verdict.phase === 'failed' || verdict.phase === 'rolled-back') && !saidRollingBack && rollbackBegan(look, opts.baseline)) {
      saidRollingBack = true
      last = JSON.stringify(['rolling-back', services])
      opts.onChange('rolling-back', services)
    }
    if (verdict.phase === 'failed') return { phase: 'failed', services, problem: verdict.problem }
    if (verdict.phase === 'rolling-back') saidRollingBack = true
    if (verdict.phase === 'rolled-back' && !rolledBack) {
      rolledBack = { problem: verdict.problem }
      stable = 0
    }
    stable = verdict.ok ? stable + 1 : 0
    if (rolledBack) {
      // The swarm calls the rollback complete once it has restarted the
      // previous version, not once that runs: wait for it (within the time
      // allowed), so "went back to the previous version" comes with whether it runs.
      if (stable >= STABLE_POLLS || Date.now() >= end) return { phase: 'rolled-back', services, problem: rolledBack.problem }
    } else if (stable >= STABLE_POLLS) return { phase: 'done', services }
    // Until the previous version runs, the server is still going back.
    const phase = rolledBack || verdict.phase === 'rolled-back' ? 'rolling-back' : verdict.phase
    const key = JSON.stringify([phase, services])
    if (key !== last) {
      last = key
      opts.onChange(phase, services)
    }
    if (Date.now() >= end) return { phase: 'timed-out', services }
    await sleep(interval, opts.signal)
  }
}
