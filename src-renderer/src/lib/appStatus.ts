import type { AppSummary, DeployProgress, ServiceStatus } from '../../../src-main/contract/apps'
import type { Job } from '../../../src-main/contract'
import { i18n } from '../i18n'
import type { Status } from './status'

export type AppHealth = AppSummary['health']
export type DeployPhase = DeployProgress['phase']

// The same words and icons as every other status in the app (lib/status.ts).
export function healthStatus(health: AppHealth): Status {
  switch (health) {
    case 'running':
      return { tone: 'ok', icon: 'check', word: i18n.t('apps.health.running') }
    case 'updating':
      return { tone: 'busy', icon: 'sync', word: i18n.t('apps.health.updating') }
    case 'attention':
      return { tone: 'warn', icon: 'alert', word: i18n.t('apps.health.attention') }
    case 'failed':
      return { tone: 'bad', icon: 'cross', word: i18n.t('apps.health.failed') }
    case 'stopped':
      return { tone: 'neutral', icon: 'dash', word: i18n.t('apps.health.stopped') }
    default:
      return { tone: 'neutral', icon: 'info', word: i18n.t('apps.health.unknown') }
  }
}

// An app with settings but nothing on the server reads "Not deployed" rather
// than "Stopped": the person never started it.
export function appStatus(app: Pick<AppSummary, 'deployed' | 'health'>): Status {
  if (!app.deployed && (app.health === 'stopped' || app.health === 'unknown')) {
    return { tone: 'neutral', icon: 'dash', word: i18n.t('apps.health.notDeployed') }
  }
  return healthStatus(app.health)
}

export function versionText(version: string | undefined): string {
  return version ? version : i18n.t('apps.versionUnknown')
}

export function replicasText(s: Pick<ServiceStatus, 'desired' | 'running'>): string {
  if (s.desired === 0) return s.running === 0 ? i18n.t('apps.replicas.none') : i18n.t('apps.replicas.stopping', { count: s.running })
  return i18n.t('apps.replicas.running', { running: s.running, desired: s.desired })
}

export function serviceHealthText(health: ServiceStatus['health']): string {
  return i18n.t(`apps.serviceHealth.${health}`)
}

/** "Restarted 2 times"; tries that never got the app running are said as such (a missing image is not a crash). */
export function restartsText(n: number, failedStarts = 0): string {
  const ran = n - failedStarts
  if (ran > 0) return i18n.t('apps.restarts.some', { count: ran })
  if (failedStarts > 0) return i18n.t('apps.restarts.neverStarted', { count: failedStarts })
  return i18n.t('apps.restarts.none')
}

// ----- deploys -----

const FINAL: ReadonlySet<DeployPhase> = new Set(['done', 'failed', 'rolled-back', 'timed-out', 'cancelled'])

export function isFinalPhase(phase: DeployPhase): boolean {
  return FINAL.has(phase)
}

export function phaseStatus(phase: DeployPhase): Status {
  switch (phase) {
    case 'preparing':
      return { tone: 'busy', icon: 'sync', word: i18n.t('apps.phase.preparing') }
    case 'deploying':
      return { tone: 'busy', icon: 'sync', word: i18n.t('apps.phase.deploying') }
    case 'converging':
      return { tone: 'busy', icon: 'sync', word: i18n.t('apps.phase.converging') }
    case 'rolling-back':
      return { tone: 'warn', icon: 'sync', word: i18n.t('apps.phase.rollingBack') }
    case 'done':
      return { tone: 'ok', icon: 'check', word: i18n.t('apps.phase.done') }
    case 'rolled-back':
      return { tone: 'warn', icon: 'alert', word: i18n.t('apps.phase.rolledBack') }
    case 'timed-out':
      return { tone: 'bad', icon: 'cross', word: i18n.t('apps.phase.timedOut') }
    case 'cancelled':
      return { tone: 'neutral', icon: 'dash', word: i18n.t('apps.phase.cancelled') }
    default:
      return { tone: 'bad', icon: 'cross', word: i18n.t('apps.phase.failed') }
  }
}

// The sentence under the heading while the deploy runs.
export function phaseSentence(phase: DeployPhase): string {
  switch (phase) {
    case 'preparing':
      return i18n.t('apps.phaseSentence.preparing')
    case 'deploying':
      return i18n.t('apps.phaseSentence.deploying')
    case 'converging':
      return i18n.t('apps.phaseSentence.converging')
    case 'rolling-back':
      return i18n.t('apps.phaseSentence.rollingBack')
    case 'done':
      return i18n.t('apps.phaseSentence.done')
    case 'rolled-back':
      return i18n.t('apps.phaseSentence.rolledBack')
    case 'timed-out':
      return i18n.t('apps.phaseSentence.timedOut')
    case 'cancelled':
      return i18n.t('apps.phaseSentence.cancelled')
    default:
      return i18n.t('apps.phaseSentence.failed')
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
  return i18n.t('apps.converged', { ready: n, count: services.length })
}

export function secondsText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return i18n.t('apps.seconds', { count: s })
  const m = Math.floor(s / 60)
  const rest = s % 60
  const minutes = i18n.t('apps.minutes', { count: m })
  return rest === 0 ? minutes : i18n.t('apps.minutesSeconds', { minutes, seconds: i18n.t('apps.seconds', { count: rest }) })
}

export function elapsedText(elapsedSeconds: number, timeoutSeconds: number): string {
  return i18n.t('apps.elapsed', { elapsed: secondsText(elapsedSeconds), timeout: i18n.t('apps.seconds', { count: Math.round(timeoutSeconds) }) })
}

const DEPLOY_KINDS = ['deploy', 'upgrade', 'rollback', 'redeploy'] as const
export type DeployKind = (typeof DEPLOY_KINDS)[number]

// "Try again" repeats what the job did; the job's kind says what that was.
export function deployKindOf(jobKind: string | undefined): DeployKind {
  const tail = (jobKind ?? '').split(/[.:/]/).pop() ?? ''
  return (DEPLOY_KINDS as readonly string[]).includes(tail) ? (tail as DeployKind) : 'deploy'
}

export function deployTitle(kind: DeployKind, domain: string, version?: string): string {
  switch (kind) {
    case 'upgrade':
      return version ? i18n.t('apps.deployTitle.upgradeTo', { domain, version }) : i18n.t('apps.deployTitle.upgrade', { domain })
    case 'rollback':
      return version ? i18n.t('apps.deployTitle.rollbackTo', { domain, version }) : i18n.t('apps.deployTitle.rollback', { domain })
    case 'redeploy':
      return i18n.t('apps.deployTitle.redeploy', { domain })
    default:
      return i18n.t('apps.deployTitle.deploy', { domain })
  }
}
