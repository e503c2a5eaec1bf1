import { z } from 'zod'
import type { AttentionKind as Kinds } from './health'
import { say } from './zod-words'

type AttentionKind = z.infer<typeof Kinds>

// Alerts: the desktop notifications Health raises when something becomes
// wrong and when it is fixed. People choose them by the kind of trouble, in
// a few plain groups, not by the fourteen kinds the monitor tells apart.

export const AlertGroup = z.enum(['apps', 'servers', 'certificates', 'backups', 'upgrades'])
export type AlertGroup = z.infer<typeof AlertGroup>

/**
 * Which group each kind of problem belongs to: every AttentionKind is in
 * exactly one (a kind missing here fails the typecheck). A kind of problem
 * read from elsewhere that isn't listed counts as the servers'.
 */
export const ALERT_GROUP_OF: Record<AttentionKind, AlertGroup> & Record<string, AlertGroup | undefined> = {
  'app-down': 'apps',
  'app-restarting': 'apps',
  'app-unhealthy': 'apps',
  'server-unreachable': 'servers',
  'disk-full': 'servers',
  'memory-full': 'servers',
  // A machine of the server's swarm is down.
  'node-down': 'servers',
  'cert-expiring': 'certificates',
  'cert-invalid': 'certificates',
  'site-unreachable': 'certificates',
  'domain-elsewhere': 'certificates',
  'domain-missing': 'certificates',
  'backup-never': 'backups',
  'backup-stale': 'backups',
  'nightly-missed': 'backups',
  upgrade: 'upgrades'
}

/** Between two checks of a server (s): the default is a minute; faster costs the servers, slower is hardly monitoring. */
export const CHECK_INTERVAL = { min: 30, max: 3600, default: 60 } as const
/** How old the newest good backup may be (days). */
export const BACKUP_AGE = { min: 1, max: 365, default: 7 } as const

export const CheckIntervalSeconds = z
  .number(say('alerts.intervalWhole'))
  .int(say('alerts.intervalWhole'))
  .min(CHECK_INTERVAL.min, say('alerts.intervalRange'))
  .max(CHECK_INTERVAL.max, say('alerts.intervalRange'))

export const BackupMaxAgeDays = z
  .number(say('alerts.backupWhole'))
  .int(say('alerts.backupWhole'))
  .min(BACKUP_AGE.min, say('alerts.backupRange'))
  .max(BACKUP_AGE.max, say('alerts.backupRange'))

/** On or off for each group; every group is on unless turned off. */
export const AlertGroups = z.object(Object.fromEntries(AlertGroup.options.map((g) => [g, z.boolean()])) as Record<AlertGroup, z.ZodBoolean>)
export type AlertGroups = z.infer<typeof AlertGroups>

export const AlertSettings = z.object({
  groups: AlertGroups,
  checkIntervalSeconds: CheckIntervalSeconds,
  backupMaxAgeDays: BackupMaxAgeDays
})
export type AlertSettings = z.infer<typeof AlertSettings>

export const DEFAULT_ALERTS: AlertSettings = {
  groups: { apps: true, servers: true, certificates: true, backups: true, upgrades: true },
  checkIntervalSeconds: CHECK_INTERVAL.default,
  backupMaxAgeDays: BACKUP_AGE.default
}

/** What settings.set takes: any part of the alert settings; what isn't given stays as it was. */
export const AlertSettingsInput = z.strictObject({
  groups: z.strictObject(Object.fromEntries(AlertGroup.options.map((g) => [g, z.boolean().optional()])) as Record<AlertGroup, z.ZodOptional<z.ZodBoolean>>).optional(),
  checkIntervalSeconds: CheckIntervalSeconds.optional(),
  backupMaxAgeDays: BackupMaxAgeDays.optional()
})
export type AlertSettingsInput = z.infer<typeof AlertSettingsInput>

/** Whether a problem of this kind is announced. */
export function alertsOn(settings: Pick<AlertSettings, 'groups'>, kind: AttentionKind): boolean {
  return settings.groups[ALERT_GROUP_OF[kind] ?? 'servers']
}

/**
 * Alert settings as read from a file that may be old, hand-edited or broken:
 * each value that isn't valid is its default, so a bad line costs that value,
 * never the others (and never the app's start).
 */
export function readAlertSettings(raw: unknown): AlertSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as { groups?: unknown; checkIntervalSeconds?: unknown; backupMaxAgeDays?: unknown }
  const g = (r.groups && typeof r.groups === 'object' ? r.groups : {}) as Record<string, unknown>
  return {
    groups: Object.fromEntries(AlertGroup.options.map((k) => [k, typeof g[k] === 'boolean' ? g[k] : DEFAULT_ALERTS.groups[k]])) as AlertGroups,
    checkIntervalSeconds: CheckIntervalSeconds.safeParse(r.checkIntervalSeconds).data ?? DEFAULT_ALERTS.checkIntervalSeconds,
    backupMaxAgeDays: BackupMaxAgeDays.safeParse(r.backupMaxAgeDays).data ?? DEFAULT_ALERTS.backupMaxAgeDays
  }
}

/** The settings with a change applied. */
export function withAlertChange(current: AlertSettings, change: AlertSettingsInput): AlertSettings {
  const groups = { ...current.groups }
  for (const g of AlertGroup.options) {
    const on = change.groups?.[g]
    if (on !== undefined) groups[g] = on
  }
  return {
    groups,
    checkIntervalSeconds: change.checkIntervalSeconds ?? current.checkIntervalSeconds,
    backupMaxAgeDays: change.backupMaxAgeDays ?? current.backupMaxAgeDays
  }
}
