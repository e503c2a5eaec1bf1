// Why a deploy failed, sorted into the few causes a person can act on, read
// from what the swarm says about the tasks (their state and Status.Err). Pure.
//
// What the swarm says, as seen on Docker 20.10+ (test/integration/deploy-causes.test.ts
// builds each one on the rig):
// - an image it can't pull: tasks "rejected", Err "No such image: <image>"
//   (the same words whether the name, the tag or the registry is wrong);
// - a full disk: Err "… no space left on device";
// - no node fits: tasks stay "pending", Err "no suitable node (scheduling
//   constraints not satisfied on 1 node)" or "(insufficient resources on 1 node)";
// - a container that exits: "failed", Err "task: non-zero exit (3)", or
//   "complete" with no Err when it exits 0;
// - a failing health check: "failed", Err "… unhealthy container".
import type { DeployCause, ServiceStatus } from '../contract/apps'
import { t } from '../i18n/i18n'

const DISK_FULL = /no space left on device|disk quota exceeded/i
const DOWNLOAD =
  /no such image|pull access denied|manifest unknown|manifest for .* not found|not found: manifest|repository does not exist|failed to resolve reference|error pulling image|toomanyrequests|invalid reference format/i
const PLACEMENT = /no suitable node|insufficient resources|scheduling constraints|max replicas per node/i
const UNHEALTHY = /unhealthy/i
const EXITS = /non-zero exit|exit code|oomkilled|task: .*exit/i

/** The cause one task error names, when it names one. */
export function causeOfError(err: string | undefined): DeployCause | undefined {
  if (!err) return undefined
  if (DISK_FULL.test(err)) return 'disk-full'
  if (DOWNLOAD.test(err)) return 'download'
  if (PLACEMENT.test(err)) return 'placement'
  if (UNHEALTHY.test(err)) return 'health'
  if (EXITS.test(err)) return 'exits'
  return undefined
}

/** The service that failed the deploy: the one the swarm named, else the first one not running. */
export function failedService(services: ServiceStatus[], problem?: ServiceStatus): ServiceStatus | undefined {
  if (problem) return problem
  const short = services.filter((s) => s.desired > 0 && s.running < s.desired)
  return short.find((s) => causeOfError(s.error)) ?? short[0]
}

/** Why a deploy that ended in `phase` failed; undefined when it did not fail. */
export function deployCause(phase: string, services: ServiceStatus[], problem?: ServiceStatus): DeployCause | undefined {
  if (phase !== 'failed' && phase !== 'rolled-back' && phase !== 'timed-out') return undefined
  const s = failedService(services, problem)
  const named = causeOfError(s?.error ?? s?.updateMessage)
  if (named) return named
  if (s?.health === 'unhealthy') return 'health'
  if (phase === 'timed-out') return 'timeout'
  // Crashed again and again with no error: it exits 0 ("complete"), which the swarm restarts too.
  if (s && s.restarts > 0) return 'exits'
  return 'unknown'
}

/** Where an image is downloaded from, in words: its registry host, or Docker Hub. */
export function registryOf(image: string): string {
  const first = image.split('/')[0]
  const hasHost = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
  return hasHost ? first : 'Docker Hub'
}

/** The exit code in "task: non-zero exit (3)". */
export function exitCodeOf(err: string | undefined): number | undefined {
  const m = /exit \((\d+)\)|exit code:? (\d+)/i.exec(err ?? '')
  return m ? Number(m[1] ?? m[2]) : undefined
}

export interface CauseContext {
  service?: ServiceStatus
  timeoutSeconds: number
  /** The version a rollback could return to, when one ran before. */
  previous?: string
}

/**
 * What happened (to follow "did not start") and a next step that can work,
 * for one cause. Never logs where nothing started, never settings for what
 * settings can't fix.
 */
export function causeWords(cause: DeployCause, c: CauseContext): { why: string; next: string } {
  const name = c.service?.name ?? t('apps.causes.theApp')
  const image = c.service?.image
  const orBack = c.previous ? ` ${t('apps.causes.orBack', { previous: c.previous })}` : ''
  switch (cause) {
    case 'download':
      // The registry, asked why (apps/pull-check.ts), said which of the two it is.
      if (image && c.service?.pull) {
        const key = c.service.pull.problem === 'missing' ? 'missing' : 'unreachable'
        return {
          why: t(`apps.causes.download.${key}.why`, { name, image, registry: registryOf(image), detail: c.service.pull.detail }),
          next: t(`apps.causes.download.${key}.next`, { registry: registryOf(image) }) + orBack
        }
      }
      return {
        why: image ? t('apps.causes.download.whyImage', { name, image, registry: registryOf(image) }) : t('apps.causes.download.why', { name }),
        next: t('apps.causes.download.next') + orBack
      }
    case 'disk-full':
      return {
        why: t('apps.causes.diskFull.why', { name }),
        next: t('apps.causes.diskFull.next') + orBack
      }
    case 'placement': {
      const resources = /insufficient resources/i.test(c.service?.error ?? '')
      return resources
        ? {
            why: t('apps.causes.resources.why', { name }),
            next: t('apps.causes.resources.next') + orBack
          }
        : {
            why: t('apps.causes.placement.why', { name }),
            next: t('apps.causes.placement.next') + orBack
          }
    }
    case 'exits': {
      const code = exitCodeOf(c.service?.error)
      return {
        why: code !== undefined ? t('apps.causes.exits.whyCode', { name, code }) : t('apps.causes.exits.why', { name }),
        next: t('apps.causes.exits.next') + orBack
      }
    }
    case 'health':
      return {
        why: t('apps.causes.health.why', { name }),
        next: t('apps.causes.health.next') + orBack
      }
    case 'timeout':
      return {
        why: t('apps.causes.timeout.why', { seconds: c.timeoutSeconds }),
        next: t('apps.causes.timeout.next')
      }
    case 'unknown':
      return {
        why: t('apps.causes.unknown.why', { name }),
        next: t('apps.causes.unknown.next') + orBack
      }
  }
}
