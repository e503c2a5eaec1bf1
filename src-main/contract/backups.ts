import { z } from 'zod'
import { say } from './zod-words'
import { AppRef, Domain, NewDomain } from './apps'
import { ServerName } from './schemas'

// Backups on the wire: what would be backed up (from the recipe's
// backupbot.* labels), the archives under ~/.abra/backups/<domain>/, restore,
// moving an app, and Co-op Cloud's backup-bot-two snapshots. Free of Node APIs.

// <timestamp> of ~/.abra/backups/<domain>/<timestamp>.tar.gz, e.g. 2026-11-30T12-00-00Z
export const BackupId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, say('backup.notName'))
  .refine((s) => !s.includes('..'), say('backup.notName'))

// A restic snapshot id of backup-bot-two (short or full hex), or "latest";
// it names a file under ~/.abra/backups, so nothing else gets through.
export const BotSnapshotId = z.string().regex(/^([A-Fa-f0-9]{8,64}|latest)$/, say('backup.notSnapshot'))

export const BackupVolumePlan = z.object({
  /** The compose volume name (data), and the Docker volume (<stack>_data). */
  name: z.string(),
  dockerName: z.string(),
  /** Where the service mounts it. */
  mountPath: z.string(),
  /** From backupbot.backup.volumes.<vol>.path: only these paths inside the volume. */
  paths: z.array(z.string()).optional(),
  /** backupbot.backup.volumes.<vol>=false */
  excluded: z.boolean()
})

export const BackupServicePlan = z.object({
  /** Compose service name: app, db */
  service: z.string(),
  preHook: z.string().optional(),
  postHook: z.string().optional(),
  restorePreHook: z.string().optional(),
  restorePostHook: z.string().optional(),
  volumes: z.array(BackupVolumePlan)
})

export const BackupPlan = z.object({
  server: z.string(),
  domain: z.string(),
  stackName: z.string(),
  services: z.array(BackupServicePlan),
  /** Plain words when there is nothing to back up (no backupbot labels, not deployed…). */
  explanation: z.string().optional()
})

export const BackupInfo = z.object({
  id: BackupId,
  domain: z.string(),
  /** The server the app was on when it was backed up. */
  server: z.string(),
  file: z.string(),
  createdAt: z.string(),
  /** Bytes of the .tar.gz */
  size: z.number(),
  recipe: z.string().optional(),
  version: z.string().optional(),
  services: z.array(z.string()),
  /** Checked against its manifest when it was written (and at the last "Verify"). */
  verified: z.boolean(),
  verifiedAt: z.string().optional()
})

export const VerifyResult = z.object({
  ok: z.boolean(),
  /** Plain words, one per problem found: "files/photo.jpg: its contents changed". */
  problems: z.array(z.string()),
  files: z.number(),
  bytes: z.number()
})

export const RestorePlan = z.object({
  backup: BackupInfo,
  /** What will be overwritten, in words: "the volume data of the service app". */
  overwrites: z.array(z.string()),
  /** Set when the app's recipe version differs from the backup's. */
  versionWarning: z.string().optional(),
  /** Services that will be stopped while their data is written back. */
  stops: z.array(z.string())
})

export const BackupSettings = z.object({
  /** Keep the newest N backups of each app; undefined keeps all. */
  keepLast: z.number().int().min(1).max(1000).optional()
})

export const BotSnapshot = z.object({ id: z.string(), time: z.string(), paths: z.array(z.string()), tags: z.array(z.string()) })

const backupRef = { domain: Domain, id: BackupId }

export const backupMethods = {
  'backups.plan': { input: AppRef, output: BackupPlan },
  // A job: progress in bytes and rate, cancellable. The archive appears in
  // backups.list only once it has been verified.
  'backups.create': { input: AppRef, output: z.object({ jobId: z.string() }) },
  'backups.list': { input: z.strictObject({ domain: Domain.optional() }), output: z.array(BackupInfo) },
  'backups.verify': { input: z.strictObject(backupRef), output: VerifyResult },
  'backups.remove': { input: z.strictObject(backupRef), output: z.object({}) },
  'backups.restorePlan': { input: z.strictObject({ ...backupRef, server: ServerName }), output: RestorePlan },
  // A job: stops what it must, writes the data back, runs the restore hooks,
  // brings the app back and waits for it to be healthy.
  'backups.restore': { input: z.strictObject({ ...backupRef, server: ServerName }), output: z.object({ jobId: z.string() }) },
  'backups.getSettings': { input: z.strictObject({}), output: BackupSettings },
  'backups.setSettings': { input: BackupSettings.strict(), output: BackupSettings },
  // Creates the same app (settings and secrets) on another server, deploys
  // it, and restores the newest backup into it. `remove` undeploys the old one after.
  'apps.move': {
    // A clone needs its own domain (`newDomain`): abra finds apps by domain
    // alone, so one domain on two servers would clash. A move keeps it.
    input: z.strictObject({ ...AppRef.shape, toServer: ServerName, mode: z.enum(['move', 'clone']).default('clone'), newDomain: NewDomain.optional() }),
    output: z.object({ jobId: z.string() })
  },
  // Co-op Cloud's backup-bot-two, when the server runs it.
  'backups.botSnapshots': { input: z.strictObject({ server: ServerName }), output: z.object({ running: z.boolean(), snapshots: z.array(BotSnapshot) }) },
  'backups.botDownload': { input: z.strictObject({ server: ServerName, snapshot: BotSnapshotId }), output: z.object({ jobId: z.string() }) }
} as const

export type BackupInfo = z.infer<typeof BackupInfo>
export type BackupPlan = z.infer<typeof BackupPlan>
export type RestorePlan = z.infer<typeof RestorePlan>
