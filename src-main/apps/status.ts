// Plain-word status of a service from Docker's service object and its tasks.
//
// How health is read without inspecting containers: a swarm task whose
// service has a healthcheck stays in state "starting" until its container is
// healthy, and only then becomes "running"; a container that turns unhealthy
// is stopped by the swarm (task state "failed", Err "…unhealthy container…")
// and replaced. So a running task of a service with a healthcheck is healthy,
// a live task still starting is "starting", and a recent failure whose error
// says unhealthy is "unhealthy". Without a healthcheck in the spec the answer
// is "none" (an image's own HEALTHCHECK is invisible here, but it still holds
// the task in "starting" the same way).
import { isDeepStrictEqual } from 'node:util'
import type Docker from 'dockerode'
import type { AppSummary, DeployCause, ServiceStatus } from '../contract/apps'
import { causeOfError } from './deploy-causes'
import { t } from '../i18n/i18n'

/** The fields of a task from GET /tasks this reads (dockerode types them as `any`). */
export interface SwarmTask {
  ID: string
  ServiceID?: string
  NodeID?: string
  Slot?: number
  CreatedAt?: string
  UpdatedAt?: string
  DesiredState?: string
  Spec?: { ContainerSpec?: Docker.ContainerSpec; ForceUpdate?: number }
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } }
}

export type SwarmService = Pick<Docker.Service, 'ID' | 'Spec' | 'UpdateStatus' | 'ServiceStatus' | 'CreatedAt' | 'UpdatedAt'>

// Ended without being asked to: the swarm replaces these. "shutdown" is the
// orchestrator stopping a task on purpose (update, scale down), not a crash.
const CRASHED = new Set(['failed', 'rejected', 'complete', 'orphaned'])
const NOT_YET_RUNNING = new Set(['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting'])

/** Restarts from this many on mean the service is crash-looping, not just unlucky. */
export const CRASH_LOOP = 3

const time = (s?: string): number => (s ? Date.parse(s) || 0 : 0)
const taskTime = (t: SwarmTask): number => time(t.Status?.Timestamp) || time(t.UpdatedAt) || time(t.CreatedAt)
const newest = (tasks: SwarmTask[]): SwarmTask | undefined => [...tasks].sort((a, b) => taskTime(b) - taskTime(a))[0]
const live = (t: SwarmTask): boolean => (t.DesiredState ?? 'running') === 'running'

function hasHealthcheck(service: SwarmService): boolean {
  // The API spells it "Healthcheck"; dockerode's types say "HealthCheck".
  const c = (service.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined)?.ContainerSpec as { Healthcheck?: { Test?: string[] }; HealthCheck?: { Test?: string[] } } | undefined
  const test = (c?.Healthcheck ?? c?.HealthCheck)?.Test
  return Array.isArray(test) && test.length > 0 && test[0] !== 'NONE'
}

function desiredCount(service: SwarmService, tasks: SwarmTask[]): number {
  const mode = service.Spec?.Mode
  if (mode?.Replicated) return mode.Replicated.Replicas ?? 1
  // Global (one per eligible node): the swarm's own count when listed with
  // status=true, else the tasks it wants running.
  if (service.ServiceStatus) return service.ServiceStatus.DesiredTasks
  return tasks.filter(live).length
}

/**
 * Whether a task was made from the service's current spec. A task carries a
 * copy of the TaskTemplate it was made from (without the service-level
 * Runtime field), so its container spec and ForceUpdate tell.
 */
export function onCurrentSpec(service: SwarmService, task: SwarmTask): boolean {
  const want = service.Spec?.TaskTemplate as (Docker.ContainerTaskSpec & { ForceUpdate?: number }) | undefined
  const have = task.Spec as (Docker.ContainerTaskSpec & { ForceUpdate?: number }) | undefined
  if (!want?.ContainerSpec || !have?.ContainerSpec) return true
  // Compared in place, whatever the keys' order: Health compares every
  // running task of every app each round, and two sorted copies turned into
  // JSON were a large part of a round's CPU.
  return (want.ForceUpdate ?? 0) === (have.ForceUpdate ?? 0) && isDeepStrictEqual(want.ContainerSpec, have.ContainerSpec)
}

const isUnhealthy = (t?: SwarmTask): boolean => /unhealthy/i.test(`${t?.Status?.Err ?? ''} ${t?.Status?.Message ?? ''}`)

/** One service's status from its Docker service object and its tasks (any state). Pure. */
export function serviceStatus(service: SwarmService, tasks: SwarmTask[], stackName: string): ServiceStatus {
  const fullName = service.Spec?.Name ?? service.ID
  const name = fullName.startsWith(`${stackName}_`) ? fullName.slice(stackName.length + 1) : fullName
  const spec = service.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined
  const image = (spec?.ContainerSpec?.Image ?? '').replace(/@sha256:[0-9a-f]+$/, '')
  const own = tasks.filter((t) => !t.ServiceID || t.ServiceID === service.ID)

  const desired = desiredCount(service, own)
  const liveTasks = own.filter(live)
  const runningTasks = liveTasks.filter((t) => t.Status?.State === 'running')
  const running = runningTasks.length
  // Between a spec change and the swarm acting on it, the old tasks still run.
  const current = runningTasks.filter((t) => onCurrentSpec(service, t)).length

  // Since the current spec: the last update (or rollback) began, else the service was made.
  const since = time(service.UpdateStatus?.StartedAt) || time(service.CreatedAt)
  const crashed = own.filter((t) => CRASHED.has(t.Status?.State ?? '') && time(t.CreatedAt) >= since)
  const restarts = crashed.length
  // Rejected (or with no container at all): the swarm gave up before the app
  // ran, e.g. its image could not be downloaded. Not a restart of the app.
  const failedStarts = crashed.filter((t) => t.Status?.State === 'rejected' || !t.Status?.ContainerStatus?.ContainerID).length

  const lastCrash = newest(crashed)
  const newestLive = newest(liveTasks)
  const crashIsNewest = !!lastCrash && (!newestLive || taskTime(lastCrash) > taskTime(newestLive))
  const waiting = liveTasks.filter((t) => NOT_YET_RUNNING.has(t.Status?.State ?? ''))

  let health: ServiceStatus['health'] = 'none'
  if (crashIsNewest && isUnhealthy(lastCrash)) health = 'unhealthy'
  else if (hasHealthcheck(service)) {
    if (waiting.length > 0 || (running === 0 && desired > 0)) health = 'starting'
    else if (running > 0) health = 'healthy'
  }

  const withErr = own.filter((t) => t.Status?.Err)
  const error = newest(withErr)?.Status?.Err
  const updateState = service.UpdateStatus?.State
  const updateMessage = service.UpdateStatus?.Message

  const crashLoopUnhealthy = isUnhealthy(lastCrash)
  const crashCause = causeOfError(lastCrash?.Status?.Err)
  const { status, words } = describe({ desired, running, current, health, restarts, updateState, waiting, crashLoopUnhealthy, crashCause })
  return {
    name,
    fullName,
    image,
    desired,
    running,
    health,
    restarts,
    ...(failedStarts ? { failedStarts } : {}),
    ...(crashLoopUnhealthy ? { stoppedUnhealthy: true } : {}),
    ...(updateState ? { updateState } : {}),
    ...(updateMessage ? { updateMessage } : {}),
    ...(error ? { error } : {}),
    words,
    status
  }
}

interface Facts {
  desired: number
  running: number
  /** Running tasks made from the current spec. */
  current: number
  health: ServiceStatus['health']
  restarts: number
  updateState?: string
  waiting: SwarmTask[]
  /** The newest crash was the swarm stopping an unhealthy container. */
  crashLoopUnhealthy: boolean
  /** What the newest crash's error names (a missing image is not a crash of the app). */
  crashCause?: DeployCause
}

function describe(f: Facts): Pick<ServiceStatus, 'status' | 'words'> {
  const count = { running: f.running, desired: f.desired }
  if (f.updateState === 'rollback_started') return { status: 'updating', words: t('apps.status.goingBack') }
  if (f.updateState === 'paused') return { status: 'failed', words: t('apps.status.updatePaused') }
  if (f.updateState === 'rollback_paused') return { status: 'failed', words: t('apps.status.rollbackPaused') }
  if (f.desired === 0 && f.running === 0) return { status: 'stopped', words: t('apps.status.stopped') }

  if (f.running < f.desired) {
    if (f.restarts >= CRASH_LOOP) {
      if (f.crashCause === 'download') return { status: 'failed', words: t('apps.status.cannotDownload') }
      if (f.crashCause === 'disk-full') return { status: 'failed', words: t('apps.status.diskFull') }
      return f.crashLoopUnhealthy ? { status: 'failed', words: t('apps.status.failingHealth') } : { status: 'failed', words: t('apps.status.crashing') }
    }
    // A task the swarm cannot place (no image, no suitable node) waits with an error.
    const stuck = f.waiting.find((t) => t.Status?.State === 'pending' && t.Status?.Err)
    if (stuck) return { status: 'attention', words: t('apps.status.waitingPlace', count) }
    if (f.updateState === 'updating') return { status: 'updating', words: t('apps.status.updating', count) }
    return { status: 'updating', words: t('apps.status.starting', count) }
  }

  if (f.updateState === 'updating' || f.current < f.running) return { status: 'updating', words: t('apps.status.updating', { running: Math.min(f.current, f.desired), desired: f.desired }) }
  if (f.health === 'unhealthy') return { status: 'attention', words: t('apps.status.healthFailedRecently') }
  if (f.restarts >= CRASH_LOOP) return { status: 'attention', words: t('apps.status.restarted', { restarts: f.restarts }) }
  const rolledBack = f.updateState === 'rollback_completed'
  if (f.health === 'healthy') return { status: 'running', words: t(rolledBack ? 'apps.status.runningHealthyRolledBack' : 'apps.status.runningHealthy') }
  if (f.health === 'starting') return { status: 'updating', words: t('apps.status.startingHealth') }
  return { status: 'running', words: t(rolledBack ? 'apps.status.runningRolledBack' : 'apps.status.running') }
}

const WORST_FIRST: ServiceStatus['status'][] = ['failed', 'attention', 'updating', 'unknown', 'running', 'stopped']

/** The app's overall health and sentence ("Your app is running and healthy") from its services. Pure. */
export function appHealth(services: ServiceStatus[], deployed: boolean): Pick<AppSummary, 'health' | 'words'> {
  if (!deployed) return { health: 'stopped', words: t('apps.status.app.notDeployed') }
  if (services.length === 0) return { health: 'unknown', words: t('apps.status.app.unreadable') }
  const health = WORST_FIRST.find((s) => services.some((x) => x.status === s)) ?? 'unknown'
  const worst = services.filter((s) => s.status === health)
  const which = (s: ServiceStatus) => (services.length > 1 ? `${s.name}: ` : '')
  const detail = worst.map((s) => `${which(s)}${s.words.charAt(0).toLowerCase()}${s.words.slice(1)}`).join('; ')
  switch (health) {
    case 'failed':
      return { health, words: t('apps.status.app.notWorking', { detail }) }
    case 'attention':
      return { health, words: t('apps.status.app.attention', { detail }) }
    case 'updating':
      return { health, words: services.some((s) => s.updateState === 'updating' || s.updateState === 'rollback_started') ? t('apps.status.app.updating') : t('apps.status.app.starting') }
    case 'unknown':
      return { health, words: t('apps.status.app.unreadable') }
    case 'stopped':
      return { health, words: t('apps.status.app.stopped') }
    default: {
      const running = services.filter((s) => s.status === 'running')
      const healthy = running.some((s) => s.health === 'healthy') && running.every((s) => s.health !== 'unhealthy')
      return { health, words: healthy ? t('apps.status.app.runningHealthy') : t('apps.status.app.running') }
    }
  }
}
