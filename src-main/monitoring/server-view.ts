// One server's page: its disks, memory and load over the last hours, read
// from the history the background monitor writes (nothing is asked of the
// server here), and its Docker and swarm as the monitor's latest round saw them.
import type { Handlers } from '../api/dispatch'
import type { SeriesPoint, ServerHealth } from '../contract/health-server'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'
import type { History, Point } from './history'
import type { ServerCheck } from './monitor'

export interface ServerViewDeps {
  /** The health service's readHistory: undefined when there is no history. */
  readHistory<T>(read: (h: History) => Promise<T>): Promise<T | undefined>
  /** The servers this computer knows (~/.abra/servers). */
  servers(): Promise<string[]>
  /** The background monitor's latest round of a server, and when (ms). */
  latestRound(server: string): { check: ServerCheck; at: number } | undefined
  now?: () => number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DISK_PREFIX = 'disk.used.pct:'

export const subjectOfServer = (server: string): string => `server:${server}`

/** History points as the contract has them: a minute's measure, or an hour's average with its lowest and highest. */
export function seriesPoints(points: readonly Point[]): SeriesPoint[] {
  return points.map((p) => (p.step === 'hour' ? { at: p.at, value: p.value, min: p.min, max: p.max, spanMs: HOUR } : { at: p.at, value: p.value, spanMs: MINUTE }))
}

/** The disks to chart: every mount the history has for the server in the range, "/" first, then those the latest round read. */
export function diskMounts(metrics: readonly string[], latest: readonly string[] = []): string[] {
  const mounts = new Set([...metrics.filter((m) => m.startsWith(DISK_PREFIX)).map((m) => m.slice(DISK_PREFIX.length)), ...latest])
  return [...mounts].sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a.localeCompare(b)))
}

export function serverViewHandlers(deps: ServerViewDeps) {
  const now = deps.now ?? Date.now
  const handlers: Pick<Handlers, 'health.server'> = {
    'health.server': async ({ server, hours }) => {
      if (!(await deps.servers()).includes(server)) throw new ApiError('server-unknown', t('health.server.unknown', { server }))
      const to = now()
      const from = to - hours * HOUR
      const range = { from, to }
      const subject = subjectOfServer(server)
      const round = deps.latestRound(server)
      const usage = round?.check.usage
      const read = await deps.readHistory(async (h) => {
        const mounts = diskMounts(await h.metrics(subject), usage?.disks.map((d) => d.mount))
        return {
          disks: await Promise.all(mounts.map(async (mount) => ({ mount, points: seriesPoints(await h.series(subject, `${DISK_PREFIX}${mount}`, range)) }))),
          memory: seriesPoints(await h.series(subject, 'memory.used.pct', range)),
          load: seriesPoints(await h.series(subject, 'load.1', range))
        }
      })
      const disks = (read?.disks ?? diskMounts([], usage?.disks.map((d) => d.mount)).map((mount) => ({ mount, points: [] }))).map((d) => {
        const seen = usage?.disks.find((x) => x.mount === d.mount)
        return { ...d, paths: seen?.paths ?? [], ...(seen ? { freeBytes: seen.freeBytes, totalBytes: seen.totalBytes } : {}) }
      })
      const swarm = round?.check.swarm
      const answer: ServerHealth = {
        from,
        to,
        disks,
        memory: read?.memory ?? [],
        load: read?.load ?? [],
        history: read !== undefined,
        ...(round ? { checkedAt: round.at } : {}),
        ...(round && !round.check.reached ? { unreachable: round.check.error ?? t('health.serverUnreachable.detail') } : {}),
        ...(usage?.memory ? { memoryTotalBytes: usage.memory.totalBytes } : {}),
        ...(usage?.load ? { cpus: usage.load.cpus } : {}),
        ...(swarm ? { docker: { ...(swarm.dockerVersion ? { version: swarm.dockerVersion } : {}), swarm: swarm.swarm, nodes: swarm.nodes } } : {})
      }
      return answer
    }
  }
  return { handlers }
}
