import type { AppSummary, DeployProgress, ServiceStatus } from '../../../src-main/contract/apps'
import type { Job } from '../../../src-main/contract'
import { plural } from './format'
import type { Status } from './status'

export type AppHealth = AppSummary['health']
export type DeployPhase = DeployProgress['phase']

// The same words and icons as every other status in the app (lib/status.ts).
export function healthStatus(health: AppHealth): Status {
  switch (health) {
    case 'running':
      return { tone: 'ok', icon: 'check', word: 'Running' }
    case 'updating':
      return { tone: 'busy', icon: 'sync', word: 'Updating' }
    case 'attention':
      return { tone: 'warn', icon: 'alert', word: 'Needs attention' }
    case 'failed':
      return { tone: 'bad', icon: 'cross', word: 'Failed' }
    case 'stopped':
      return { tone: 'neutral', icon: 'dash', word: 'Stopped' }
    default:
      return { tone: 'neutral', icon: 'info', word: 'Unknown' }
  }
}

// An app with settings but nothing on the server reads "Not deployed" rather
// than "Stopped": the person never started it.
export function appStatus(app: Pick<AppSummary, 'deployed' | 'health'>): Status {
  if (!app.deployed && (app.health === 'stopped' || app.health === 'unknown')) {
    return { tone: 'neutral', icon: 'dash', word: 'Not deployed' }
  }
  return healthStatus(app.health)
}

export function versionText(version: string | undefined): string {
  return version ? version : 'Version not known'
}

export function replicasText(s: Pick<ServiceStatus, 'desired' | 'running'>): string {
  if (s.desired === 0) return s.running === 0 ? 'Not running (0 wanted)' : `${s.running} still stopping`
  return `${s.running} of ${s.desired} running`
}

const healthWords: Record<ServiceStatus['health'], string> = {
  healthy: 'Health check passes',
  unhealthy: 'Health check fails',
  starting: 'Health check starting',
  none: 'No health check'
}

export function serviceHealthText(health: ServiceStatus['health']): string {
  return healthWords[health]
}

export function restartsText(n: number): string {
  return n === 0 ? 'No restarts' : `Restarted ${plural(n, 'time')}`
}

// ----- deploys -----

const FINAL: ReadonlySet<DeployPhase> = new Set(['done', 'failed', 'rolled-back', 'timed-out', 'cancelled'])

export function isFinalPhase(phase: DeployPhase): boolean {
  return FINAL.has(phase)
}

export function phaseStatus(phase: DeployPhase): Status {
  switch (phase) {
    case 'preparing':
      return { tone: 'busy', icon: 'sync', word: 'Getting ready' }
    case 'deploying':
      return { tone: 'busy', icon: 'sync', word: 'Sending to the server' }
    case 'converging':
      return { tone: 'busy', icon: 'sync', word: 'Starting' }
    case 'rolling-back':
      return { tone: 'warn', icon: 'sync', word: 'Going back' }
    case 'done':
      return { tone: 'ok', icon: 'check', word: 'Deployed' }
    case 'rolled-back':
      return { tone: 'warn', icon: 'alert', word: 'Rolled back' }
    case 'timed-out':
      return { tone: 'bad', icon: 'cross', word: 'Took too long' }
    case 'cancelled':
      return { tone: 'neutral', icon: 'dash', word: 'Cancelled' }
    default:
      return { tone: 'bad', icon: 'cross', word: 'Failed' }
  }
}

// The sentence under the heading while the deploy runs.
export function phaseSentence(phase: DeployPhase): string {
  switch (phase) {
    case 'preparing':
      return 'Getting the app type (recipe) and its settings ready…'
    case 'deploying':
      return 'Sending the app (stack) to the server…'
    case 'converging':
      return 'Waiting for the app’s services to start and pass their health checks…'
    case 'rolling-back':
      return 'The new version did not start properly, so the server is going back to the previous one…'
    case 'done':
      return 'Your app is deployed and running.'
    case 'rolled-back':
      return 'The new version did not start properly. The server went back to the previous version.'
    case 'timed-out':
      return 'The app did not become ready in the time allowed.'
    case 'cancelled':
      return 'The deploy was cancelled.'
    default:
      return 'The deploy failed.'
  }
}

// A job that ended before any progress arrived still needs a phase to show.
export function phaseFromJob(status: Job['status']): DeployPhase {
  switch (status) {
    case 'done':
      return 'done'
    case 'failed':
      return 'failed'
    case 'cancelled':
      return 'cancelled'
    default:
      return 'preparing'
  }
}

export function isConverged(s: ServiceStatus): boolean {
  if (s.desired === 0) return s.running === 0
  return s.running >= s.desired && s.health !== 'unhealthy' && s.health !== 'starting'
}

// Services converged out of all: the bar's size. Unknown (undefined) before the
// services are listed, so the bar shows "working" rather than a false 0%.
export function convergedPercent(phase: DeployPhase, services: ServiceStatus[]): number | undefined {
  if (phase === 'done') return 100
  if (services.length === 0) return undefined
  return (services.filter(isConverged).length / services.length) * 100
}

export function convergedText(services: ServiceStatus[]): string {
  if (services.length === 0) return ''
  const n = services.filter(isConverged).length
  return `${n} of ${plural(services.length, 'service')} ready`
}

export function secondsText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return plural(s, 'second')
  const m = Math.floor(s / 60)
  const rest = s % 60
  return rest === 0 ? plural(m, 'minute') : `${plural(m, 'minute')} ${plural(rest, 'second')}`
}

export function elapsedText(elapsedSeconds: number, timeoutSeconds: number): string {
  return `${secondsText(elapsedSeconds)} so far; this can take up to ${plural(Math.round(timeoutSeconds), 'second')}`
}

const DEPLOY_KINDS = ['deploy', 'upgrade', 'rollback', 'redeploy'] as const
export type DeployKind = (typeof DEPLOY_KINDS)[number]

// "Try again" repeats what the job did; the job's kind says what that was.
export function deployKindOf(jobKind: string | undefined): DeployKind {
  const tail = (jobKind ?? '').split(/[.:/]/).pop() ?? ''
  return (DEPLOY_KINDS as readonly string[]).includes(tail) ? (tail as DeployKind) : 'deploy'
}

export function deployTitle(kind: DeployKind, domain: string, version?: string): string {
  const v = version ? ` to ${version}` : ''
  switch (kind) {
    case 'upgrade':
      return `Upgrading ${domain}${v}`
    case 'rollback':
      return `Rolling back ${domain}${v}`
    case 'redeploy':
      return `Deploying ${domain} again`
    default:
      return `Deploying ${domain}`
  }
}
