// What a deploy's end screen says: what happened and what to do next. Pure.
import type { DeployCause, ServiceStatus } from '../contract/apps'
import { causeWords, deployCause, failedService } from './deploy-causes'
import { t } from '../i18n/i18n'

export interface Outcome {
  phase: 'done' | 'failed' | 'rolled-back' | 'timed-out' | 'cancelled' | 'unreachable'
  domain: string
  version?: string
  /** The version that ran before this deploy, when one did. */
  previous?: string
  timeoutSeconds: number
  services: ServiceStatus[]
  problem?: ServiceStatus
}

const v = (version?: string): string => (version ? t('apps.outcome.version', { version }) : t('apps.outcome.newVersion'))

function dockerSaid(s?: ServiceStatus): string {
  const raw = s?.error ?? s?.updateMessage
  return raw ? ` ${t('apps.outcome.dockerSaid', { raw })}` : ''
}

export function outcomeWords(o: Outcome): { summary: string; next: string; cause?: DeployCause } {
  const notRunning = o.services.filter((s) => s.desired > 0 && s.running < s.desired)
  const cause = deployCause(o.phase, o.services, o.problem)
  const words = cause ? causeWords(cause, { service: failedService(o.services, o.problem), timeoutSeconds: o.timeoutSeconds, previous: o.previous }) : undefined
  // Docker's own words only where no cause was recognised; otherwise they sit in the log ("Show details").
  const raw = cause === 'unknown' ? dockerSaid(failedService(o.services, o.problem)) : ''
  const slots = { Version: capital(v(o.version)), version: v(o.version), domain: o.domain, seconds: o.timeoutSeconds }
  switch (o.phase) {
    case 'done':
      // "Healthy" only when a healthcheck said so.
      return {
        summary: t(o.services.some((s) => s.health === 'healthy') ? 'apps.outcome.doneHealthy' : 'apps.outcome.done', slots),
        next: t('apps.outcome.doneNext', slots)
      }
    case 'rolled-back': {
      const back = o.previous ? t('apps.outcome.version', { version: o.previous }) : t('apps.outcome.versionBefore')
      const summary = t(notRunning.length === 0 ? 'apps.outcome.rolledBack' : 'apps.outcome.rolledBackNotRunning', { ...slots, back })
      // The rollback option is spent: the server is already back.
      const next = words ? causeWords(cause!, { service: failedService(o.services, o.problem), timeoutSeconds: o.timeoutSeconds }).next : ''
      return {
        summary: `${summary}${words && cause !== 'unknown' ? ` ${t('apps.outcome.why', { why: words.why })}` : raw}`,
        next: `${t('apps.outcome.rolledBackNext', { back })} ${next}`.trim(),
        cause
      }
    }
    case 'failed':
      return { summary: `${t('apps.outcome.failed', { ...slots, why: words!.why })}${raw}`, next: words!.next, cause }
    case 'timed-out': {
      const which = notRunning.map((s) => `${s.name} (${s.words.toLowerCase()})`).join(', ')
      if (cause !== 'timeout' && words) return { summary: t('apps.outcome.timedOutWhy', { ...slots, why: words.why }), next: words.next, cause }
      return {
        summary: which ? t('apps.outcome.timedOutWhich', { ...slots, which }) : t('apps.outcome.timedOut', slots),
        next: words?.next ?? '',
        cause
      }
    }
    case 'unreachable':
      // The deploy was sent before the link went: the server carries on with
      // it, so "failed" would make the person believe nothing changed.
      return {
        summary: t('apps.outcome.unreachable', slots),
        next: t('apps.outcome.unreachableNext')
      }
    case 'cancelled':
      return {
        summary: t('apps.outcome.cancelled', slots),
        next: t('apps.outcome.cancelledNext')
      }
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The new version runs, but the laptop's disk was full when its version was
 * to be written into the app's settings. A plain redeploy would send the
 * version still recorded there, so the advice names the version to send again.
 * `verb` is the kind of deploy: deploy, upgrade, roll back or redeploy.
 */
export function notRecordedWords(o: { domain: string; version: string; verb: string }): { summary: string; next: string } {
  const kind = o.verb === 'roll back' ? 'rollback' : o.verb
  const next = (['deploy', 'upgrade', 'rollback', 'redeploy'] as const).find((k) => k === kind) ?? 'deploy'
  return {
    summary: t('apps.outcome.notRecorded', o),
    next: t(`apps.outcome.notRecordedNext.${next}`, o)
  }
}
