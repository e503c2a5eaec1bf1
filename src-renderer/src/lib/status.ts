import type { CheckResult, ConnectionState, Job } from '../../../src-main/contract'
import { i18n } from '../i18n'

// One vocabulary for status across every screen: colour + icon + word.
export type Tone = 'ok' | 'busy' | 'warn' | 'bad' | 'neutral' | 'info'
export type StatusIcon = 'check' | 'cross' | 'alert' | 'sync' | 'dash' | 'info'

export interface Status {
  tone: Tone
  icon: StatusIcon
  word: string
}

// Apps run without a reverse proxy (visitors just can't reach them from
// outside yet), on a server that still takes passwords, without a firewall
// and without automatic updates: so these are recommendations, not failures
// that keep the server from being called ready.
// The firewall and updates are extras: one the app can't look at (no root) is
// not checked, and that doesn't hold the server back either.
const RECOMMENDED = new Set<CheckResult['id']>(['reverse-proxy', 'password-sign-in', 'firewall', 'auto-updates'])
const EXTRAS = new Set<CheckResult['id']>(['firewall', 'auto-updates'])
export function isInformational(check: CheckResult): boolean {
  return RECOMMENDED.has(check.id) && (check.ok === false || (check.ok === null && EXTRAS.has(check.id)))
}

export function checkStatus(check: CheckResult): Status {
  if (check.ok === true) return { tone: 'ok', icon: 'check', word: i18n.t('servers.checks.status.passed') }
  if (check.ok === null) return { tone: 'neutral', icon: 'dash', word: i18n.t('servers.checks.status.notChecked') }
  if (isInformational(check)) return check.fix ? { tone: 'warn', icon: 'alert', word: i18n.t('servers.checks.status.recommended') } : { tone: 'info', icon: 'info', word: i18n.t('servers.checks.status.later') }
  return { tone: 'bad', icon: 'cross', word: i18n.t('servers.checks.status.failed') }
}

// A server is ready when every check passed, leaving out the informational ones.
export function checksAllPass(checks: CheckResult[]): boolean {
  return checks.length > 0 && checks.every((c) => c.ok === true || isInformational(c))
}

export function connectionStatus(state: ConnectionState): Status {
  switch (state) {
    case 'connected':
      return { tone: 'ok', icon: 'check', word: i18n.t('servers.connection.connected') }
    case 'connecting':
      return { tone: 'busy', icon: 'sync', word: i18n.t('servers.connection.connecting') }
    case 'reconnecting':
      return { tone: 'busy', icon: 'sync', word: i18n.t('servers.connection.reconnecting') }
    case 'offline':
      return { tone: 'warn', icon: 'alert', word: i18n.t('servers.connection.offline') }
    default:
      return { tone: 'neutral', icon: 'dash', word: i18n.t('servers.connection.unknown') }
  }
}

export function jobStatus(status: Job['status']): Status {
  switch (status) {
    case 'running':
      return { tone: 'busy', icon: 'sync', word: i18n.t('jobs.status.running') }
    case 'done':
      return { tone: 'ok', icon: 'check', word: i18n.t('jobs.status.done') }
    case 'failed':
      return { tone: 'bad', icon: 'cross', word: i18n.t('jobs.status.failed') }
    default:
      return { tone: 'neutral', icon: 'dash', word: i18n.t('jobs.status.cancelled') }
  }
}
