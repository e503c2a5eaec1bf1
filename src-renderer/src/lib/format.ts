import type { Job, ServerSummary } from '../../../src-main/contract'
import { i18n } from '../i18n'

// Times, sizes and counts in the page's language (i18n.language), so "1.5 GB"
// reads "1,5 Go" in French. Functions take `locale` where the unit tests pin it.
const lang = (locale?: string): string => locale ?? i18n.language

/** English-only counts, for screens not yet translated; translated text uses x_one/x_other keys with { count }. */
export function plural(n: number, one: string, many: string = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`
}

export function serverAddress(s: Pick<ServerSummary, 'kind' | 'user' | 'hostname' | 'port'>): string {
  if (s.kind === 'local') return i18n.t('common.thisComputer')
  return `${s.user ? s.user + '@' : ''}${s.hostname}:${s.port}`
}

export function swarmText(s: Pick<ServerSummary, 'swarmRole' | 'nodeCount'>): string {
  switch (s.swarmRole) {
    case 'manager':
      return (s.nodeCount ?? 1) === 1 ? i18n.t('servers.swarm.alone') : i18n.t('servers.swarm.manager', { nodes: s.nodeCount })
    case 'worker':
      return i18n.t('servers.swarm.worker')
    case 'none':
      return i18n.t('servers.swarm.off')
    default:
      return i18n.t('servers.swarm.unknown')
  }
}

export function appCountText(n: number): string {
  return n === 0 ? i18n.t('servers.noApps') : i18n.t('servers.apps', { count: n })
}

/** How often, in the page's language: "every 30 seconds", "every minute", "every 5 minutes", "every hour". */
export function everyText(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return i18n.t('common.time.everyHours', { count: seconds / 3600 })
  if (seconds > 0 && seconds % 60 === 0) return i18n.t('common.time.everyMinutes', { count: seconds / 60 })
  return i18n.t('common.time.everySeconds', { count: seconds })
}

// The core counts steps from 0 and sets stepIndex = stepCount when done.
export function jobStepText(job: Pick<Job, 'stepIndex' | 'stepCount'>): string {
  if (job.stepCount <= 0) return ''
  return i18n.t('common.step', { step: Math.min(job.stepIndex + 1, job.stepCount), count: job.stepCount })
}

// Times, as people read them: local and short, the exact time on hover (title).
// `now` and `locale` are parameters so the unit tests are stable.
const DAY = 24 * 60 * 60 * 1000
const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()

/** "today 14:32", "yesterday 09:05", "3 days ago", else "1 Dec 2026, 14:32". */
export function timeText(iso: string, now: Date = new Date(), locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const clock = d.toLocaleTimeString(lang(locale), { hour: '2-digit', minute: '2-digit' })
  const days = Math.round((startOfDay(now) - startOfDay(d)) / DAY)
  if (days === 0) return i18n.t('common.time.today', { clock, lng: lang(locale) })
  if (days === 1) return i18n.t('common.time.yesterday', { clock, lng: lang(locale) })
  if (days > 1 && days < 7) return i18n.t('common.time.daysAgo', { count: days, lng: lang(locale) })
  return d.toLocaleString(lang(locale), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** The exact local time, to the millisecond: "Tuesday 1 December 2026, 23:21:17.983". */
export function exactTimeText(iso: string, locale?: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleString(lang(locale), {
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
  const clock = d.toLocaleTimeString(lang(locale), { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  if (startOfDay(d) === startOfDay(now)) return clock
  return `${d.toLocaleDateString(lang(locale), { day: 'numeric', month: 'short' })} ${clock}`
}

const SIZE_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const

/** A size as people read it, in the page's language: "1 byte", "12.3 kB", "1,5 Go". */
export function bytesText(n: number, locale?: string): string {
  if (!Number.isFinite(n) || n < 0) return i18n.t('common.unknownSize', { lng: lang(locale) })
  if (n < 1000) return new Intl.NumberFormat(lang(locale), { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(Math.round(n))
  let value = n / 1000
  let unit = 0
  while (value >= 1000 && unit < SIZE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return new Intl.NumberFormat(lang(locale), { style: 'unit', unit: SIZE_UNITS[unit], maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)
}
