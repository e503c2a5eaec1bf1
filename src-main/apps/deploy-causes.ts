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
  const name = c.service?.name ?? 'the app'
  const image = c.service?.image
  const orBack = c.previous ? ` Your app can go back to version ${c.previous} meanwhile (Roll back).` : ''
  switch (cause) {
    case 'download':
      return {
        why: `the server could not download the software ${name} needs${image ? ` (${image}, from ${registryOf(image)})` : ''}. Either that name or version does not exist, or the server could not reach the place it is downloaded from.`,
        next: `Nothing started, so there are no logs, and the app's settings can't change this. If the server's internet connection works, this version of the recipe names software that can't be found: choose another version, and tell the recipe's maintainers. If the server was offline, try again once it is back.${orBack}`
      }
    case 'disk-full':
      return {
        why: `the server's disk is full, so it could not download or start ${name}.`,
        next: `Free some space on the server (remove apps you no longer use, or ask your hosting provider for a bigger disk), then try again.${orBack}`
      }
    case 'placement': {
      const resources = /insufficient resources/i.test(c.service?.error ?? '')
      return resources
        ? {
            why: `no server has enough free memory or processor for ${name} (the recipe reserves more than is free).`,
            next: `Stop or remove another app on this server to free memory and processor, or move the app to a bigger server; then try again.${orBack}`
          }
        : {
            why: `no server is allowed to run ${name}: the recipe says it may only run on a server marked in a certain way (a placement constraint), and none is.`,
            next: `Whoever runs the server can add that mark (a node label, with docker node update --label-add), or the recipe's maintainers can change where it may run. Then try again.${orBack}`
          }
    }
    case 'exits': {
      const code = exitCodeOf(c.service?.error)
      return {
        why: `${name} starts and then stops${code !== undefined ? ` (exit code ${code})` : ''}, again and again.`,
        next: `Its logs usually say why: open them on the app's page. Often a setting is missing or wrong; fix it in the app's settings and deploy again.${orBack}`
      }
    }
    case 'health':
      return {
        why: `${name} starts, but its health check keeps failing, so the server stops it and tries again.`,
        next: `Its logs usually say what is wrong: open them on the app's page. If it only needs longer to start, try again; otherwise fix what the logs point at in the app's settings.${orBack}`
      }
    case 'timeout':
      return {
        why: `it did not finish starting within ${c.timeoutSeconds} seconds.`,
        next: "It may still be starting: the first start of a big app takes longer while the server downloads its software. Check the app's page in a minute; if it still does not run, its logs say why."
      }
    case 'unknown':
      return {
        why: `${name} did not start, and the server did not say why.`,
        next: `Look at the app's logs to see why, then fix its settings and deploy again.${orBack}`
      }
  }
}
