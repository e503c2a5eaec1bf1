import { z } from 'zod'
import { Domain } from './apps'
import { ServerName } from './schemas'

// One app's health on its page (src-main/monitoring/app-view.ts): uptime
// strips and incidents from the monitor's history, CPU and memory measured
// while the page shows the app, and the sizes of its volumes.

const appRef = { server: ServerName, domain: Domain }

export const UptimeSlot = z.object({
  /** Start of the slot (ISO); it lasts the strip's slotMinutes. */
  from: z.string(),
  /** up: every look saw it up; partial: some down minutes; down: every look saw it down; none: never checked. */
  state: z.enum(['up', 'partial', 'down', 'none']),
  checkedMinutes: z.number(),
  downMinutes: z.number()
})

export const UptimeStrip = z.object({
  from: z.string(),
  to: z.string(),
  slotMinutes: z.number(),
  slots: z.array(UptimeSlot),
  /** Share of the checked time it was up (0-100); absent when it was never checked. */
  upPct: z.number().optional(),
  checkedMinutes: z.number(),
  downMinutes: z.number(),
  /** Times it went down (its incidents of kind 'app' that began in the range). */
  downTimes: z.number()
})

export const AppIncident = z.object({
  /** What the history calls it: 'app' (down, restarting, unhealthy), 'cert', 'dns'. */
  kind: z.string(),
  /** The problem seen when it began (monitoring/problems.ts's kinds: app-down, app-restarting…). */
  reason: z.string(),
  start: z.string(),
  /** Absent while it is still going on. */
  end: z.string().optional()
})

export const AppHealth = z.object({
  day: UptimeStrip,
  week: UptimeStrip,
  /** Newest first, over the last 7 days. */
  incidents: z.array(AppIncident),
  /** False when there is no history to read (no file, or it can't be opened): the strips are all "no data". */
  history: z.boolean()
})

export const UsagePoint = z.object({ at: z.string(), value: z.number() })

export const ServiceUsage = z.object({
  /** The recipe's name for the service ("app", "db"). */
  service: z.string(),
  /** CPU, as `docker stats` shows it: 100 is one processor fully busy. */
  cpu: z.array(UsagePoint),
  /** Memory in bytes, without the cache the kernel can drop. */
  memory: z.array(UsagePoint),
  /** The latest measure, when this call could take one. */
  now: z.object({ cpuPct: z.number(), memBytes: z.number() }).optional()
})

export const AppUsage = z.object({
  services: z.array(ServiceUsage),
  /** When the latest measure was taken (ISO). */
  measuredAt: z.string().optional(),
  /** Why nothing could be measured now, in words (the charts still show what was measured before). */
  error: z.string().optional()
})

export const AppVolume = z.object({
  name: z.string(),
  volume: z.string(),
  bytes: z.number().optional()
})

export const healthAppMethods = {
  /** Uptime over 24 hours and 7 days, and the incidents, from the history the monitor keeps. */
  'health.app': { input: z.strictObject(appRef), output: AppHealth },
  /**
   * Measures the app's containers now (at most every 30 s per app; Docker's
   * stats API, once per container), keeps the measure in the history, and
   * answers with the last `hours`. The page calls it while it shows the
   * app: nothing is measured for an app nobody is looking at.
   */
  'health.appUsage': { input: z.strictObject({ ...appRef, hours: z.number().int().min(1).max(24).default(6) }), output: AppUsage },
  /** The sizes of the app's volumes (Docker's disk usage, asked now, within a time limit). */
  'health.appVolumes': { input: z.strictObject(appRef), output: z.object({ volumes: z.array(AppVolume) }) }
} as const

export type AppHealth = z.infer<typeof AppHealth>
export type AppUsage = z.infer<typeof AppUsage>
export type UptimeStrip = z.infer<typeof UptimeStrip>
export type AppIncident = z.infer<typeof AppIncident>
export type AppVolume = z.infer<typeof AppVolume>
