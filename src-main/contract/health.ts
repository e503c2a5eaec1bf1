import { z } from 'zod'
import { ServerName } from './schemas'

// The Health overview: everything that needs attention on every server and
// app, most serious first, in plain words (src-main/monitoring).

export const AttentionKind = z.enum([
  'server-unreachable',
  'disk-full',
  'memory-full',
  'app-down',
  'app-restarting',
  'app-unhealthy',
  'backup-never',
  'backup-stale',
  // The server's nightly backups (backup-bot-two): the run due most recently failed or didn't happen.
  'nightly-missed',
  'upgrade',
  'cert-expiring',
  'cert-invalid',
  'site-unreachable',
  'domain-elsewhere',
  'domain-missing',
  'node-down'
])

export const Attention = z.object({
  /** One per thing: "app:<server>/<domain>", "disk:<server>:<mount>"… */
  key: z.string(),
  kind: AttentionKind,
  severity: z.enum(['critical', 'warning', 'notice']),
  server: z.string(),
  domain: z.string().optional(),
  /** "cloud.example.org is down" */
  title: z.string(),
  /** What was seen: "The service app is not running. Docker says: …" */
  detail: z.string(),
  /** What to do next. */
  next: z.string(),
  /** When it was first seen (ISO), for "for 25 minutes". */
  since: z.string()
})

export const HealthReport = z.object({
  items: z.array(Attention),
  /** "All 12 apps on 3 servers are fine", or how many things need attention. */
  summary: z.string(),
  servers: z.number(),
  apps: z.number(),
  /** When the newest check finished (ISO); absent before the first. */
  checkedAt: z.string().optional(),
  /** Said when certificates and domains could not be checked from this computer (it seems offline). */
  cantCheckFromHere: z.string().optional()
})

export const healthMethods = {
  /**
   * What needs attention. With the background monitor running (the window,
   * browser mode) its latest view; otherwise (the CLI) every server is
   * checked now, twice when anything is found, as one failed look is not
   * a problem yet.
   */
  'health.get': { input: z.strictObject({ server: ServerName.optional() }), output: HealthReport }
} as const

/**
 * A desktop notification to raise: a problem was confirmed (became) or is
 * fixed (cleared), of a kind the person left on in Settings. Sent once per
 * change; who raises it is the door's choice (Electron's main process, or
 * one page in browser mode).
 */
export const HealthAlert = z.object({
  change: z.enum(['became', 'cleared']),
  item: Attention,
  /** The notification's words, in the app's language. */
  title: z.string(),
  body: z.string()
})

export const healthEvents = {
  /** The overview changed: a check finished with something new, or a problem cleared. */
  'health.changed': HealthReport,
  'health.alert': HealthAlert,
  /** Electron's window is asked to show an alert's app or server (its notification was clicked). */
  'health.show': z.object({ item: Attention })
} as const

export type Attention = z.infer<typeof Attention>
export type HealthReport = z.infer<typeof HealthReport>
export type HealthAlert = z.infer<typeof HealthAlert>
