// One app's page: its uptime and incidents (from the history the background
// monitor writes), its CPU and memory (measured only while a page asks, so
// nothing is measured for an app nobody looks at: the page's periodic call is
// the owner, and there is nothing to stop when it goes), and its volumes.
import type Docker from 'dockerode'
import type { Handlers } from '../api/dispatch'
import type { AppIncident, UptimeStrip } from '../contract/health-app'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'
import type { History, Point } from './history'
import { sampleStack, type ServiceUsage } from './stats'
import { uptimeStrip, type Strip } from './uptime'
import { volumeSizes } from './volumes'

export interface AppViewDeps {
  /** The health service's readHistory: undefined when there is no history. */
  readHistory<T>(read: (h: History) => Promise<T>): Promise<T | undefined>
  /** The server's Docker (its one connection, opened and ready). */
  docker(server: string): Promise<Docker>
  /** The app's stack name (from its env file; `app-unknown` when there is none). */
  stackName(server: string, domain: string): Promise<string>
  now?: () => number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** 24 hours in 48 slots of 30 minutes; 7 days in 42 of 4 hours. */
export const DAY_SLOT_MS = 30 * MINUTE
export const WEEK_SLOT_MS = 4 * HOUR
/** Measured at most this often per app, however many pages ask. */
export const MEASURE_EVERY_MS = 30_000
const STATS_TIMEOUT_MS = 10_000
/** How long the page waits to learn when the app's stack was made before showing all its history. */
const SINCE_TIMEOUT_MS = 3_000
const VOLUMES_TIMEOUT_MS = 20_000
/** The history's incident kinds about whether the app works (not backups or upgrades). */
const LISTED_KINDS = new Set(['app', 'cert', 'dns'])

export const subjectOfApp = (server: string, domain: string): string => `app:${server}/${domain}`

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * When the app's stack, as the server runs it now, was made: its oldest
 * service's CreatedAt (an upgrade or a setting changed updates a service; it
 * is made anew only when the app was taken down or removed and deployed
 * again). The history is kept by server and domain, so an app removed and made
 * again under the same domain would otherwise show the old app's down minutes
 * as its own ("Up 50 %" two minutes after it was deployed). Undefined when not
 * deployed or the server can't say.
 */
export async function stackMadeAt(docker: Docker, stack: string): Promise<number | undefined> {
  const services = await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) } as Docker.ServiceListOptions)
  const made = services.map((s) => Date.parse(s.CreatedAt ?? '')).filter((n) => Number.isFinite(n))
  return made.length ? Math.min(...made) : undefined
}

/** Only what the history holds from the minute `since` falls in: earlier minutes (or hours) were another app's, or none. */
export function pointsSince(points: readonly Point[], since: number | undefined): Point[] {
  if (since === undefined) return [...points]
  const minute = Math.floor(since / MINUTE) * MINUTE
  // An hour roll-up holding the start stays (its minutes can't be told apart); one that ended before goes.
  return points.filter((p) => p.at + (p.step === 'hour' ? HOUR : MINUTE) > minute)
}

function stripOut(s: Strip, downTimes: number): UptimeStrip {
  return {
    from: iso(s.from),
    to: iso(s.to),
    slotMinutes: s.slotMs / MINUTE,
    slots: s.slots.map((x) => ({ from: iso(x.from), state: x.state, checkedMinutes: round(x.checkedMinutes), downMinutes: round(x.downMinutes) })),
    ...(s.upPct !== undefined ? { upPct: s.upPct } : {}),
    checkedMinutes: round(s.checkedMinutes),
    downMinutes: round(s.downMinutes),
    downTimes
  }
}

const round = (n: number): number => Math.round(n * 100) / 100

/** The samples a measure adds to the history: per service, `cpu.pct:<service>` and `mem.bytes:<service>`. */
export function usageSamples(subject: string, usage: readonly ServiceUsage[], at: number) {
  return usage.flatMap((u) => [
    { subject, metric: `cpu.pct:${u.service}`, value: u.cpuPct, at },
    { subject, metric: `mem.bytes:${u.service}`, value: u.memBytes, at }
  ])
}

export function appViewHandlers(deps: AppViewDeps) {
  const now = deps.now ?? Date.now
  /** Per app: when it was last measured, the services seen, and a measure under way. */
  const measures = new Map<string, { at: number; services: string[]; latest: ServiceUsage[]; pending?: Promise<void>; error?: string }>()
  /** Per app: when its stack was last seen made, kept for a server that doesn't answer the next time. */
  const madeAt = new Map<string, number>()

  async function since(server: string, domain: string, stack: string): Promise<number | undefined> {
    const key = subjectOfApp(server, domain)
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const asked = (async () => stackMadeAt(await deps.docker(server), stack))()
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), SINCE_TIMEOUT_MS)))
      const made = await Promise.race([asked, late])
      if (made === 'late') {
        asked.catch(() => undefined)
        return madeAt.get(key)
      }
      if (made === undefined) madeAt.delete(key)
      else madeAt.set(key, made)
      return made
    } catch {
      // The server can't be reached: the history alone, from when the stack was last seen made.
      return madeAt.get(key)
    } finally {
      clearTimeout(timer)
    }
  }

  async function measure(server: string, domain: string, stack: string): Promise<void> {
    const key = subjectOfApp(server, domain)
    const seen = measures.get(key) ?? { at: 0, services: [], latest: [] }
    measures.set(key, seen)
    if (seen.pending) return seen.pending
    if (now() - seen.at < MEASURE_EVERY_MS) return
    seen.pending = (async () => {
      try {
        const docker = await deps.docker(server)
        const usage = await sampleStack(docker, stack, STATS_TIMEOUT_MS)
        const at = now()
        seen.at = at
        seen.latest = usage
        seen.services = [...new Set([...usage.map((u) => u.service), ...seen.services])].sort()
        seen.error = usage.length ? undefined : t('health.app.nothingRunning', { domain })
        await deps.readHistory((h) => h.record(usageSamples(key, usage, at)))
      } catch (err) {
        // The server can't be reached, or Docker failed: said on the page, tried again at the next turn.
        seen.at = now()
        seen.latest = []
        seen.error = t('health.app.cantMeasure', { server, message: err instanceof Error ? err.message : String(err) })
      } finally {
        seen.pending = undefined
      }
    })()
    return seen.pending
  }

  const handlers: Pick<Handlers, 'health.app' | 'health.appUsage' | 'health.appVolumes'> = {
    'health.app': async ({ server, domain }) => {
      // Refuse an app this computer doesn't know, as the other app methods do.
      const stack = await deps.stackName(server, domain)
      const subject = subjectOfApp(server, domain)
      const at = now()
      const [read, made] = await Promise.all([
        deps.readHistory(async (h) => ({
          up: await h.series(subject, 'up', { from: at - 7 * DAY - WEEK_SLOT_MS, to: at }),
          incidents: await h.incidents(subject, { from: at - 7 * DAY, to: at })
        })),
        since(server, domain, stack)
      ])
      // Time before this app's stack was made is not this app's: no data, never down.
      const up: Point[] = pointsSince(read?.up ?? [], made)
      const fromMade = made === undefined ? -Infinity : Math.floor(made / MINUTE) * MINUTE
      const incidents = (read?.incidents ?? []).filter((i) => LISTED_KINDS.has(i.kind) && (i.end === null || i.end > fromMade))
      const day = uptimeStrip(up, at, DAY_SLOT_MS, DAY / DAY_SLOT_MS)
      const week = uptimeStrip(up, at, WEEK_SLOT_MS, (7 * DAY) / WEEK_SLOT_MS)
      const wentDown = (from: number) => incidents.filter((i) => i.kind === 'app' && i.start >= from).length
      const listed: AppIncident[] = incidents
        .map((i) => ({ kind: i.kind, reason: i.reason, start: iso(i.start), ...(i.end !== null ? { end: iso(i.end) } : {}) }))
        .reverse()
      return { day: stripOut(day, wentDown(day.from)), week: stripOut(week, wentDown(week.from)), incidents: listed, history: read !== undefined }
    },

    'health.appUsage': async ({ server, domain, hours }) => {
      // Refuses an app this computer doesn't know before anything is kept about it.
      await measure(server, domain, await deps.stackName(server, domain))
      const seen = measures.get(subjectOfApp(server, domain))
      const subject = subjectOfApp(server, domain)
      const to = now()
      const range = { from: to - hours * HOUR, to }
      const services = seen?.services ?? []
      const series = await deps.readHistory(async (h) =>
        Promise.all(
          services.map(async (service) => ({
            service,
            cpu: await h.series(subject, `cpu.pct:${service}`, range),
            memory: await h.series(subject, `mem.bytes:${service}`, range)
          }))
        )
      )
      const points = (ps: Point[]) => ps.map((p) => ({ at: iso(p.at), value: p.value }))
      return {
        services: services.map((service, i) => {
          const latest = seen?.latest.find((u) => u.service === service)
          const s = series?.[i]
          return {
            service,
            cpu: points(s?.cpu ?? []),
            memory: points(s?.memory ?? []),
            ...(latest ? { now: { cpuPct: latest.cpuPct, memBytes: latest.memBytes } } : {})
          }
        }),
        ...(seen?.latest.length ? { measuredAt: iso(seen.at) } : {}),
        ...(seen?.error ? { error: seen.error } : {})
      }
    },

    'health.appVolumes': async ({ server, domain }) => {
      const [docker, stack] = await Promise.all([deps.docker(server), deps.stackName(server, domain)])
      const volumes = await volumeSizes(docker, stack, VOLUMES_TIMEOUT_MS, () => new ApiError('volumes-timeout', t('health.app.volumesSlow', { server, seconds: VOLUMES_TIMEOUT_MS / 1000 })))
      return { volumes }
    }
  }
  return { handlers }
}
