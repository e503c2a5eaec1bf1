import type { Attention } from '../../../../src-main/contract/health'
import { i18n } from '../../i18n'
import type { Tone } from '../../lib/status'
import type { IconName } from '../../components/Icon'

// How long ago, and for how long, in the page's language: minutes below an
// hour, hours below a day, then days (rounded down, as "for 25 minutes" is
// read). `now` is a parameter so the unit tests are stable.
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Span = { unit: 'minutes' | 'hours' | 'days'; count: number } | undefined

function span(iso: string, now: number): Span {
  const ms = now - Date.parse(iso)
  if (!Number.isFinite(ms) || ms < MINUTE) return undefined
  if (ms < HOUR) return { unit: 'minutes', count: Math.floor(ms / MINUTE) }
  if (ms < DAY) return { unit: 'hours', count: Math.floor(ms / HOUR) }
  return { unit: 'days', count: Math.floor(ms / DAY) }
}

/** "Checked just now", "Checked 3 minutes ago". */
export function checkedText(iso: string, now: number = Date.now()): string {
  const s = span(iso, now)
  return s ? i18n.t(`health.checkedAgo.${s.unit}`, { count: s.count }) : i18n.t('health.checkedNow')
}

/** "for less than a minute", "for 25 minutes", "for 2 days". */
export function sinceText(iso: string, now: number = Date.now()): string {
  const s = span(iso, now)
  return s ? i18n.t(`health.since.${s.unit}`, { count: s.count }) : i18n.t('health.since.now')
}

/** Colour, icon and word for how serious an item is: ✗ Urgent, ! Needs attention, · Good to know. */
export function severityStatus(severity: Attention['severity']): { tone: Tone; icon: IconName; word: string } {
  switch (severity) {
    case 'critical':
      return { tone: 'bad', icon: 'cross', word: i18n.t('health.severity.critical') }
    case 'warning':
      return { tone: 'warn', icon: 'alert', word: i18n.t('health.severity.warning') }
    default:
      return { tone: 'info', icon: 'dot', word: i18n.t('health.severity.notice') }
  }
}

/** Where the app can help with an item: an app's page, a server's page, a backup, the upgrade. */
export type HealthAction = 'open-app' | 'open-server' | 'back-up' | 'open-backups' | 'see-upgrade'

export function actionsFor(item: Pick<Attention, 'kind' | 'domain'>): HealthAction[] {
  switch (item.kind) {
    case 'server-unreachable':
    case 'disk-full':
    case 'memory-full':
      return ['open-server']
    case 'backup-never':
      return ['back-up']
    case 'backup-stale':
      return ['back-up', 'open-backups']
    // The server's page shows its nightly backups and the backup app's own words.
    case 'nightly-missed':
      return ['open-server']
    case 'upgrade':
      return ['see-upgrade']
    default:
      // The app's own troubles (down, restarting, unhealthy) and anything about its address.
      return item.domain ? ['open-app'] : ['open-server']
  }
}
