// What a deploy's end screen says: what happened and what to do next. Pure.
import type { DeployCause, ServiceStatus } from '../contract/apps'
import { causeWords, deployCause, failedService } from './deploy-causes'

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

const v = (version?: string): string => (version ? `version ${version}` : 'the new version')

function dockerSaid(s?: ServiceStatus): string {
  const raw = s?.error ?? s?.updateMessage
  return raw ? ` Docker said: "${raw}".` : ''
}

export function outcomeWords(o: Outcome): { summary: string; next: string; cause?: DeployCause } {
  const notRunning = o.services.filter((s) => s.desired > 0 && s.running < s.desired)
  const cause = deployCause(o.phase, o.services, o.problem)
  const words = cause ? causeWords(cause, { service: failedService(o.services, o.problem), timeoutSeconds: o.timeoutSeconds, previous: o.previous }) : undefined
  // Docker's own words only where no cause was recognised; otherwise they sit in the log ("Show details").
  const raw = cause === 'unknown' ? dockerSaid(failedService(o.services, o.problem)) : ''
  switch (o.phase) {
    case 'done':
      // "Healthy" only when a healthcheck said so.
      return { summary: `${o.domain} is running ${v(o.version)}${o.services.some((s) => s.health === 'healthy') ? ', and it is healthy' : ''}.`, next: `Open ${o.domain} to check it works as you expect.` }
    case 'rolled-back': {
      const back = o.previous ? `version ${o.previous}` : 'the version it had before'
      const running = notRunning.length === 0 ? ', which is running' : ', but it is not fully running yet'
      // The rollback option is spent: the server is already back.
      const next = words ? causeWords(cause!, { service: failedService(o.services, o.problem), timeoutSeconds: o.timeoutSeconds }).next : ''
      return {
        summary: `${capital(v(o.version))} of ${o.domain} did not start, so the server went back to ${back}${running}.${words && cause !== 'unknown' ? ` Why: ${words.why}` : raw}`,
        next: `Your app is still on ${back}. ${next}`.trim(),
        cause
      }
    }
    case 'failed':
      return { summary: `${capital(v(o.version))} of ${o.domain} did not start: ${words!.why}${raw}`, next: words!.next, cause }
    case 'timed-out': {
      const which = notRunning.map((s) => `${s.name} (${s.words.toLowerCase()})`).join(', ')
      if (cause !== 'timeout' && words) return { summary: `${capital(v(o.version))} of ${o.domain} did not start within ${o.timeoutSeconds} seconds: ${words.why}`, next: words.next, cause }
      return {
        summary: `${capital(v(o.version))} of ${o.domain} did not finish starting within ${o.timeoutSeconds} seconds${which ? `: ${which}` : ''}.`,
        next: words?.next ?? '',
        cause
      }
    }
    case 'unreachable':
      // The deploy was sent before the link went: the server carries on with
      // it, so "failed" would make the person believe nothing changed.
      return {
        summary: `${capital(v(o.version))} of ${o.domain} was sent to the server, but the connection to the server was lost while the app was starting and did not come back within ${o.timeoutSeconds} seconds. The server carries on with what it was sent, so it may have finished: ${o.domain} may now run ${v(o.version)}.`,
        next: "Check the app's page when the server can be reached again: it shows which version runs. Deploy again only if it is not running."
      }
    case 'cancelled':
      return {
        summary: `Stopped watching ${o.domain}. The server keeps going with what it was sent.`,
        next: "Check the app's status to see whether it started."
      }
  }
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/**
 * The new version runs, but the laptop's disk was full when its version was
 * to be written into the app's settings. A plain redeploy would send the
 * version still recorded there, so the advice names the version to send again.
 */
export function notRecordedWords(o: { domain: string; version: string; verb: string }): { summary: string; next: string } {
  return {
    summary: `${o.domain} is running version ${o.version} on the server, but your computer's disk is full, so version ${o.version} could not be recorded in the app's settings (they still name the version it ran before).`,
    next: `Free some space on your computer, then ${o.verb} ${o.domain} to version ${o.version} again: the server already runs it, so nothing changes there and the version is recorded.`
  }
}
