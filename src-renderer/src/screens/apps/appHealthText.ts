import type { AppIncident, UptimeStrip } from '../../../../src-main/contract/health-app'
import { i18n } from '../../i18n'
import { timeText } from '../../lib/format'

// The words of an app's Health tab, in the page's language. `now` and
// `locale` are parameters so the unit tests are stable.
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const lang = (locale?: string): string => locale ?? i18n.language
const startOfDay = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()

type SlotState = UptimeStrip['slots'][number]['state']

/** "99.3 %": rounded down, so a stretch with any downtime never reads 100 %. */
export function pctText(pct: number, locale?: string): string {
  const shown = Math.floor(pct * 10) / 10
  return new Intl.NumberFormat(lang(locale), { style: 'percent', maximumFractionDigits: 1 }).format(shown / 100)
}

/** "7 minutes", "2 hours", "3 days", "less than a minute". */
export function durationText(ms: number): string {
  if (ms < MINUTE) return i18n.t('appHealth.duration.lessThanMinute')
  if (ms < HOUR) return i18n.t('appHealth.duration.minutes', { count: Math.round(ms / MINUTE) })
  if (ms < DAY) return i18n.t('appHealth.duration.hours', { count: Math.round(ms / HOUR) })
  return i18n.t('appHealth.duration.days', { count: Math.round(ms / DAY) })
}

/** A time that keeps its clock however old it is: "today 14:02", "yesterday 09:05", "Tue 1 Dec, 14:02". */
export function clockTimeText(iso: string, now: Date = new Date(), locale?: string): string {
  const d = new Date(iso)
  const days = Math.round((startOfDay(now) - startOfDay(d)) / DAY)
  if (days === 0 || days === 1) return timeText(iso, now, locale)
  return d.toLocaleString(lang(locale), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
}

/** The end of a span: its clock alone when it ends the day it began. */
function endText(startIso: string, endIso: string, now: Date, locale?: string): string {
  const a = new Date(startIso)
  const b = new Date(endIso)
  if (startOfDay(a) === startOfDay(b)) return b.toLocaleTimeString(lang(locale), { hour: '2-digit', minute: '2-digit' })
  return clockTimeText(endIso, now, locale)
}

/** "Up 99.3 % of the time it was checked. Went down once." or "Not checked in this time…". */
export function stripText(strip: UptimeStrip, locale?: string): { up?: string; down: string } {
  if (strip.upPct === undefined) return { down: i18n.t('appHealth.notChecked') }
  return { up: i18n.t('appHealth.upPct', { pct: pctText(strip.upPct, locale) }) + '.', down: i18n.t('appHealth.downTimes', { count: strip.downTimes }) }
}

/** What screen readers hear for a strip: the period, the share up, the times down. */
export function stripSummary(period: string, strip: UptimeStrip, locale?: string): string {
  const s = stripText(strip, locale)
  return s.up ? i18n.t('appHealth.summary', { period, up: s.up, down: s.down }) : i18n.t('appHealth.summaryNone', { period })
}

export interface SlotRun {
  from: string
  to: string
  state: SlotState
  downMinutes: number
}

/** Next slots in the same state, as one stretch: a list a screen reader can go through ("14:00 to 18:30: Up"). */
export function slotRuns(strip: UptimeStrip): SlotRun[] {
  const step = strip.slotMinutes * MINUTE
  const runs: SlotRun[] = []
  for (const s of strip.slots) {
    const to = new Date(Date.parse(s.from) + step).toISOString()
    const last = runs.at(-1)
    if (last && last.state === s.state) {
      last.to = to
      last.downMinutes += s.downMinutes
    } else runs.push({ from: s.from, to, state: s.state, downMinutes: s.downMinutes })
  }
  return runs
}

/** "today 14:00 to 14:30: Some downtime (3 minutes down)". */
export function slotText(slot: { from: string; to: string; state: SlotState; downMinutes: number }, now: Date = new Date(), locale?: string): string {
  const from = clockTimeText(slot.from, now, locale)
  const to = endText(slot.from, slot.to, now, locale)
  const state = i18n.t(`appHealth.state.${slot.state}`)
  const minutes = Math.round(slot.downMinutes)
  return slot.state === 'partial' && minutes > 0
    ? i18n.t('appHealth.slotDown', { from, to, state, minutes: i18n.t('appHealth.downMinutes', { count: minutes }) })
    : i18n.t('appHealth.slot', { from, to, state })
}

const WHY = new Set(['app-down', 'app-restarting', 'app-unhealthy', 'cert-expiring', 'cert-invalid', 'site-unreachable', 'domain-elsewhere', 'domain-missing'])

function whatOf(reason: string): string {
  switch (reason) {
    case 'app-down':
    case 'app-restarting':
      return i18n.t('appHealth.what.down')
    case 'app-unhealthy':
      return i18n.t('appHealth.what.unhealthy')
    case 'cert-expiring':
    case 'cert-invalid':
      return i18n.t('appHealth.what.certificate')
    case 'site-unreachable':
      return i18n.t('appHealth.what.unreachable')
    case 'domain-elsewhere':
    case 'domain-missing':
      return i18n.t('appHealth.what.domain')
    default:
      return i18n.t('appHealth.what.other')
  }
}

/** "Down from today 14:02 to 14:09 (7 minutes): the app kept crashing and being started again." */
export function incidentText(i: AppIncident, now: Date = new Date(), locale?: string): string {
  const why = i18n.t(`appHealth.why.${WHY.has(i.reason) ? (i.reason as 'app-down') : 'other'}`)
  const from = clockTimeText(i.start, now, locale)
  const what = whatOf(i.reason)
  if (!i.end) return i18n.t('appHealth.incident.ongoing', { what, from, duration: durationText(now.getTime() - Date.parse(i.start)), why })
  return i18n.t('appHealth.incident.ended', { what, from, to: endText(i.start, i.end, now, locale), duration: durationText(Date.parse(i.end) - Date.parse(i.start)), why })
}
