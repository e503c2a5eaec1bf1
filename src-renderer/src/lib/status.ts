import type { CheckResult, ConnectionState, Job } from '../../../src-main/contract'

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
const RECOMMENDED = new Set<CheckResult['id']>(['reverse-proxy', 'password-sign-in', 'firewall', 'auto-updates'])
export function isInformational(check: CheckResult): boolean {
  return RECOMMENDED.has(check.id) && check.ok === false
}

export function checkStatus(check: CheckResult): Status {
  if (check.ok === true) return { tone: 'ok', icon: 'check', word: 'Passed' }
  if (check.ok === null) return { tone: 'neutral', icon: 'dash', word: 'Not checked yet' }
  if (isInformational(check)) return check.fix ? { tone: 'warn', icon: 'alert', word: 'Recommended' } : { tone: 'info', icon: 'info', word: 'Comes later' }
  return { tone: 'bad', icon: 'cross', word: 'Failed' }
}

// A server is ready when every check passed, leaving out the informational ones.
export function checksAllPass(checks: CheckResult[]): boolean {
  return checks.length > 0 && checks.every((c) => c.ok === true || isInformational(c))
}

export function connectionStatus(state: ConnectionState): Status {
  switch (state) {
    case 'connected':
      return { tone: 'ok', icon: 'check', word: 'Connected' }
    case 'connecting':
      return { tone: 'busy', icon: 'sync', word: 'Connecting' }
    case 'reconnecting':
      return { tone: 'busy', icon: 'sync', word: 'Reconnecting' }
    case 'offline':
      return { tone: 'warn', icon: 'alert', word: 'Offline' }
    default:
      return { tone: 'neutral', icon: 'dash', word: 'Not connected yet' }
  }
}

export function jobStatus(status: Job['status']): Status {
  switch (status) {
    case 'running':
      return { tone: 'busy', icon: 'sync', word: 'Running' }
    case 'done':
      return { tone: 'ok', icon: 'check', word: 'Done' }
    case 'failed':
      return { tone: 'bad', icon: 'cross', word: 'Failed' }
    default:
      return { tone: 'neutral', icon: 'dash', word: 'Cancelled' }
  }
}
