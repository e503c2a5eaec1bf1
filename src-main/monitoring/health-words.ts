// The Health overview's items in plain words, in the core's language: what
// needs attention (the title), what was seen, and what to do next.
import { CHECK_INTERVAL } from '../contract/alerts'
import type { Attention, HealthReport } from '../contract/health'
import { percentText, sizeText, t } from '../i18n/i18n'
import type { Incident } from './debounce'
import { severityOf, type Problem } from './problems'

const DAY = 24 * 60 * 60 * 1000
const DEFAULT_INTERVAL_MS = CHECK_INTERVAL.default * 1000

/** How often the monitor looks, in words: "every minute", "every 90 seconds", "every hour" (whole seconds, at least one). */
export function everyText(intervalMs: number): string {
  const s = Math.max(1, Math.round(intervalMs / 1000))
  if (s % 3600 === 0) return t('health.every.hours', { count: s / 3600 })
  if (s % 60 === 0) return t('health.every.minutes', { count: s / 60 })
  return t('health.every.seconds', { count: s })
}

function words(p: Problem, now: number, intervalMs: number): Pick<Attention, 'title' | 'detail' | 'next'> {
  const said = (error?: string): string => (error ? ` ${t('health.dockerSays', { error })}` : '')
  const fromHereNext = (): string => t('health.fromHere.next', { every: everyText(intervalMs) })
  switch (p.kind) {
    case 'server-unreachable':
      return {
        title: t('health.serverUnreachable.title', { server: p.server }),
        detail: p.error ? t('health.serverUnreachable.detailError', { error: p.error }) : t('health.serverUnreachable.detail'),
        next: t('health.serverUnreachable.next')
      }
    case 'disk-full':
      return {
        title: t('health.diskFull.title', { server: p.server, pct: percentText(p.usedPct) }),
        detail: t('health.diskFull.detail', { free: sizeText(p.freeBytes), total: sizeText(p.totalBytes), paths: p.paths.join(', ') }),
        next: t('health.diskFull.next')
      }
    case 'memory-full':
      return {
        title: t('health.memoryFull.title', { server: p.server, pct: percentText(p.usedPct) }),
        detail: t('health.memoryFull.detail', { free: sizeText(p.availableBytes), total: sizeText(p.totalBytes) }),
        next: t('health.memoryFull.next')
      }
    case 'node-down': {
      const known = ['down', 'unknown', 'disconnected', 'unreachable'].includes(p.state)
      const state = known ? t(`health.nodeDown.state.${p.state as 'down'}`) : p.state
      const role = t(p.role === 'manager' ? 'health.nodeDown.roleManager' : 'health.nodeDown.roleWorker')
      return {
        title: t('health.nodeDown.title', { node: p.node, server: p.server, state }),
        detail: t('health.nodeDown.detail', { server: p.server, state, role }) + (p.message ? ` ${t('health.nodeDown.said', { message: p.message })}` : ''),
        next: t(p.role === 'manager' ? 'health.nodeDown.nextManager' : 'health.nodeDown.next')
      }
    }
    case 'app-down':
      return { title: t('health.appDown.title', { domain: p.domain }), detail: t('health.appDown.detail', { service: p.service }) + said(p.error), next: t('health.appDown.next') }
    case 'app-restarting':
      return {
        title: t('health.appRestarting.title', { domain: p.domain }),
        detail: t(p.failingHealth ? 'health.appRestarting.detailHealth' : 'health.appRestarting.detail', { service: p.service, count: p.restarts }) + said(p.error),
        next: t('health.appRestarting.next')
      }
    case 'app-unhealthy':
      return { title: t('health.appUnhealthy.title', { domain: p.domain }), detail: t('health.appUnhealthy.detail', { service: p.service }) + said(p.error), next: t('health.appUnhealthy.next') }
    case 'backup-never':
      return { title: t('health.backupNever.title', { domain: p.domain }), detail: t(p.nightly ? 'health.backupNever.detailNightly' : 'health.backupNever.detail'), next: t('health.backupNever.next') }
    case 'backup-stale':
      return {
        title: t('health.backupStale.title', { domain: p.domain, count: Math.floor((now - p.lastGood) / DAY) }),
        detail: t('health.backupStale.detail', { count: p.limitDays }),
        next: t('health.backupStale.next')
      }
    case 'nightly-missed': {
      const said = p.said ? ` ${t('health.nightlyMissed.said', { said: p.said })}` : ''
      switch (p.why) {
        case 'failed':
          return { title: t('health.nightlyMissed.titleFailed', { server: p.server }), detail: t('health.nightlyMissed.detailFailed', { bot: p.bot }) + said, next: t('health.nightlyMissed.nextFailed') }
        case 'missed':
          return { title: t('health.nightlyMissed.titleMissed', { server: p.server }), detail: t('health.nightlyMissed.detailMissed', { bot: p.bot }), next: t('health.nightlyMissed.nextMissed', { bot: p.bot }) }
        case 'not-running':
          return { title: t('health.nightlyMissed.titleNotRunning', { server: p.server }), detail: t('health.nightlyMissed.detailNotRunning', { bot: p.bot }), next: t('health.nightlyMissed.nextNotRunning', { bot: p.bot }) }
      }
      break
    }
    case 'upgrade':
      return {
        title: t(p.security ? 'health.upgrade.titleSecurity' : 'health.upgrade.title', { domain: p.domain, to: p.to }),
        detail: p.from ? t('health.upgrade.detail', { from: p.from }) : t('health.upgrade.detailUnknown'),
        next: t(p.security ? 'health.upgrade.nextSecurity' : 'health.upgrade.next')
      }
    // The check's own sentence says what was seen and what to do; the next step says the rest.
    case 'cert-expiring':
      return { title: t('health.fromHere.certExpiring', { domain: p.domain, count: p.daysLeft }), detail: p.detail, next: fromHereNext() }
    case 'cert-invalid':
      return { title: t('health.fromHere.certInvalid', { domain: p.domain }), detail: p.detail, next: fromHereNext() }
    case 'site-unreachable':
      return { title: t('health.fromHere.siteUnreachable', { domain: p.domain }), detail: p.detail, next: fromHereNext() }
    case 'domain-elsewhere':
      return { title: t('health.fromHere.domainElsewhere', { domain: p.domain }), detail: p.detail, next: fromHereNext() }
    case 'domain-missing':
      return { title: t('health.fromHere.domainMissing', { domain: p.domain }), detail: p.detail, next: fromHereNext() }
  }
}

/** One confirmed problem as the overview lists it; `intervalMs`, how often the monitor looks (what it says it does). */
export function attention(i: Incident<Problem>, now: number, intervalMs = DEFAULT_INTERVAL_MS): Attention {
  const p = i.problem
  return {
    key: i.key,
    kind: p.kind,
    severity: severityOf(p),
    server: p.server,
    ...('domain' in p ? { domain: p.domain } : {}),
    ...words(p, now, intervalMs),
    since: new Date(i.since).toISOString()
  }
}

/** The whole overview: the items, most serious first, and one sentence for all of it; `intervalMs`, how often the monitor looks. */
export function healthReport(
  view: { problems: Incident<Problem>[]; servers: number; apps: number; checkedAt?: number; offline?: boolean },
  now: number,
  intervalMs = DEFAULT_INTERVAL_MS
): HealthReport {
  const items = view.problems.map((i) => attention(i, now, intervalMs))
  const order = ['critical', 'warning', 'notice']
  items.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || a.key.localeCompare(b.key))
  const servers = t('health.servers', { count: view.servers })
  // What is only good to know (an upgrade) doesn't make things "need attention"; the sidebar's count agrees.
  const needing = items.filter((i) => i.severity !== 'notice').length
  const notices = items.length - needing
  const fine = view.apps === 0 ? t('health.noApps', { servers }) : t('health.allFine', { count: view.apps, servers })
  const summary =
    view.servers === 0
      ? t('health.noServers')
      : view.checkedAt === undefined
        ? t('health.notChecked')
        : needing > 0
          ? t('health.needAttention', { count: needing })
          : notices > 0
            ? `${fine} ${t('health.goodToKnow', { count: notices })}`
            : fine
  return {
    items,
    summary,
    servers: view.servers,
    apps: view.apps,
    ...(view.checkedAt !== undefined ? { checkedAt: new Date(view.checkedAt).toISOString() } : {}),
    ...(view.offline ? { cantCheckFromHere: t('health.fromHere.cantCheck', { every: everyText(intervalMs) }) } : {})
  }
}
