// Why an image could not be pulled, asked of the registry through the engine.
//
// A swarm task whose image can't be pulled only says "No such image: <image>",
// whether the tag doesn't exist or the registry can't be reached: the worker
// logs the pull error and then fails to create the container (swarmkit's
// container controller, Prepare). The manager's engine can ask the registry
// itself (GET /distribution/<image>/json, what `docker stack deploy` asks to
// pin digests), and its error tells the two apart: "manifest unknown" vs
// "dial tcp …: connection refused". Each look is bounded: an offline server
// must not hold the end of a deploy.
import type Docker from 'dockerode'
import type { ServiceStatus } from '../contract/apps'
import { causeOfError } from './deploy-causes'

export type PullProblem = NonNullable<ServiceStatus['pull']>['problem']

export const PULL_CHECK_TIMEOUT_MS = 10_000

const MISSING = /manifest unknown|name unknown|not found|does not exist|no such image|pull access denied|unauthorized|authentication required|denied/i
const UNREACHABLE =
  /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|dial tcp|tls handshake|server gave http response to https client|connection reset|timeout|deadline exceeded|temporary failure in name resolution|\bEOF\b/i

/** What the engine's error about a registry lookup means for a person; undefined when it says neither. */
export function pullProblemOf(message: string): PullProblem | undefined {
  // Unreachable first: "dial tcp … no such host" must not read as "no such (image)".
  if (UNREACHABLE.test(message)) return 'unreachable'
  if (MISSING.test(message)) return 'missing'
  return undefined
}

/** The short reason in the registry's error: "connection refused", "manifest unknown". */
function shortDetail(message: string): string {
  const m = /(connection refused|no such host|i\/o timeout|network is unreachable|no route to host|server gave http response to https client|manifest unknown|name unknown|pull access denied|unauthorized|authentication required)/i.exec(message)
  return (m ? m[1] : message).trim().slice(0, 200)
}

/** Asks the engine about one image; undefined when the registry has it (or the answer says nothing useful). */
export async function checkPull(docker: Docker, image: string, timeoutMs = PULL_CHECK_TIMEOUT_MS): Promise<ServiceStatus['pull']> {
  const signal = AbortSignal.timeout(timeoutMs)
  const message = await new Promise<string | undefined>((resolve) => {
    docker.modem.dial(
      { path: `/distribution/${image}/json`, method: 'GET', options: {}, abortSignal: signal, statusCodes: { 200: true, 401: 'unauthorized', 403: 'denied', 404: 'not found', 500: 'server error' } },
      (err: (Error & { json?: { message?: unknown } }) | null) => {
        if (!err) return resolve(undefined)
        if (signal.aborted) return resolve(`no answer within ${timeoutMs / 1000} seconds (timeout)`)
        resolve(typeof err.json?.message === 'string' ? err.json.message : err.message)
      }
    )
  })
  if (message === undefined) return undefined
  const problem = pullProblemOf(message)
  return problem ? { problem, detail: shortDetail(message) } : undefined
}

/**
 * `services` with `pull` set on each whose tasks failed to get their image,
 * one registry look per image, all at once. A look that fails leaves the
 * service as it was (the words then stay the general ones).
 */
export async function explainPulls(docker: Docker, services: ServiceStatus[]): Promise<ServiceStatus[]> {
  const images = [...new Set(services.filter(needsLook).map((s) => s.image))]
  if (images.length === 0) return services
  const found = new Map<string, ServiceStatus['pull']>()
  await Promise.all(images.map(async (image) => found.set(image, await checkPull(docker, image).catch(() => undefined))))
  return services.map((s) => {
    const pull = needsLook(s) ? found.get(s.image) : undefined
    return pull ? { ...s, pull } : s
  })
}

function needsLook(s: ServiceStatus): boolean {
  return !!s.image && causeOfError(s.error ?? s.updateMessage) === 'download'
}
