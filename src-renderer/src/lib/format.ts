import type { Job, ServerSummary } from '../../../src-main/contract'

export function plural(n: number, one: string, many: string = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`
}

export function serverAddress(s: Pick<ServerSummary, 'kind' | 'user' | 'hostname' | 'port'>): string {
  if (s.kind === 'local') return 'This computer'
  return `${s.user ? s.user + '@' : ''}${s.hostname}:${s.port}`
}

export function swarmText(s: Pick<ServerSummary, 'swarmRole' | 'nodeCount'>): string {
  switch (s.swarmRole) {
    case 'manager':
      return (s.nodeCount ?? 1) === 1 ? 'Runs apps on its own (Swarm manager, 1 node)' : `In charge of ${s.nodeCount} servers (Swarm manager, ${s.nodeCount} nodes)`
    case 'worker':
      return 'Swarm worker'
    case 'none':
      return 'Swarm is off'
    default:
      return 'Swarm: not known yet'
  }
}

export function appCountText(n: number): string {
  return n === 0 ? 'No apps' : plural(n, 'app')
}

// The core counts steps from 0 and sets stepIndex = stepCount when done.
export function jobStepText(job: Pick<Job, 'stepIndex' | 'stepCount'>): string {
  if (job.stepCount <= 0) return ''
  return `Step ${Math.min(job.stepIndex + 1, job.stepCount)} of ${job.stepCount}`
}

// Times, as people read them: local and short, the exact time on hover (title).
// `now` and `locale` are parameters so the unit tests are stable.
const DAY = 24 * 60 * 60 * 1000
const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()

/** "today 14:32", "yesterday 09:05", "3 days ago", else "1 Dec 2026, 14:32". */
export function timeText(iso: string, now: Date = new Date(), locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const clock = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  const days = Math.round((startOfDay(now) - startOfDay(d)) / DAY)
  if (days === 0) return `today ${clock}`
  if (days === 1) return `yesterday ${clock}`
  if (days > 1 && days < 7) return `${days} days ago`
  return d.toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** The exact local time, to the millisecond: "Tuesday 1 December 2026, 23:21:17.983". */
export function exactTimeText(iso: string, locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3
  })
}

/** A log line's time: "14:32:05" today, "1 Dec 14:32:05" on another day. */
export function logTimeText(iso: string, now: Date = new Date(), locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const clock = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  if (startOfDay(d) === startOfDay(now)) return clock
  return `${d.toLocaleDateString(locale, { day: 'numeric', month: 'short' })} ${clock}`
}
