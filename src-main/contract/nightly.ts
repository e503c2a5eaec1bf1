import { z } from 'zod'
import { Domain, NewDomain } from './apps'
import { BotSnapshotId } from './backups'
import { ServerName } from './schemas'

// Nightly backups on the server (issue 14): Co-op Cloud's backup-bot-two
// recipe deployed as an app through the normal deploy flow, its restic
// snapshots per app, and a restore from them. Credentials and the restic
// password only ever go to the server as swarm secrets; the password comes
// back once, in nightly.setup's answer, for the recovery kit.

const HostName = z.string().min(1).max(253).regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$/)
const RemotePath = z.string().min(1).max(1024).regex(/^[^\0\n\r'"`$\\]+$/)
const Token = z.string().min(1).max(1024).regex(/^[^\0\n\r]+$/)

/** Where the snapshots go. */
export const NightlyDestination = z.discriminatedUnion('kind', [
  // The recipe's own `backups` volume on the server (RESTIC_REPOSITORY=/backups/restic).
  z.strictObject({ kind: z.literal('server') }),
  // restic's sftp: backend; the private key becomes the `ssh_key` secret.
  z.strictObject({
    kind: z.literal('sftp'),
    host: HostName,
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
    path: RemotePath,
    privateKey: z.string().min(1).max(4096),
    /** The destination's host key line (`host ssh-ed25519 AAAA…`), as the recipe's SSH_HOST_KEY wants it. */
    hostKey: z.string().min(1).max(8 * 1024).regex(/^[^\0\n\r]+$/)
  }),
  // restic's s3: backend; the secret key becomes the `aws_secret_access_key` secret.
  z.strictObject({
    kind: z.literal('s3'),
    endpoint: z.string().url().max(1024).regex(/^https?:\/\/[^\s'"`$\\]+$/),
    bucket: z.string().min(3).max(255).regex(/^[A-Za-z0-9._/-]+$/),
    accessKeyId: Token,
    secretAccessKey: z.string().min(1).max(4096).regex(/^[^\0\n\r]+$/)
  })
])
export type NightlyDestination = z.infer<typeof NightlyDestination>

/** Where the snapshots go, without anything secret: what status shows. */
export const NightlyWhere = z.object({ kind: z.enum(['server', 'sftp', 's3']), words: z.string() })

export const NightlySnapshot = z.object({
  id: z.string(),
  time: z.string(),
  /** Bytes the app's data takes when restored (restic's restore-size), when known. */
  size: z.number().optional()
})

export const NightlyApp = z.object({
  /** The app's stack name; its domain when an env file on this computer names it. */
  stack: z.string(),
  domain: z.string().optional(),
  /** Newest first. */
  snapshots: z.array(NightlySnapshot)
})

export const NightlyRun = z.object({
  /** When it ran (its newest snapshot, or the bot's log line saying it failed). */
  time: z.string().optional(),
  ok: z.boolean(),
  /** Bytes of the newest snapshots, all apps together, when known. */
  size: z.number().optional(),
  /** Plain words for a run that failed or didn't happen, with the bot's own words under details. */
  problem: z.string().optional(),
  details: z.string().optional()
})

export const NightlyStatus = z.object({
  server: z.string(),
  configured: z.boolean(),
  /** The bot's app (its env file is ~/.abra/servers/<server>/<domain>.env). */
  domain: z.string().optional(),
  running: z.boolean(),
  where: NightlyWhere.optional(),
  /** Local time of day on the server, HH:MM, and how many snapshots of each app are kept. */
  time: z.string().optional(),
  keep: z.number().optional(),
  /** The run that was due most recently (last night), or undefined before the first one was due. */
  lastRun: NightlyRun.optional(),
  /** Set when last night's run failed or didn't happen: plain words for the Backups screen and Health. */
  warning: z.string().optional(),
  apps: z.array(NightlyApp)
})
export type NightlyStatus = z.infer<typeof NightlyStatus>

/**
 * A server's nightly backups as one look saw them (backup-bot-two, read on
 * the server by the core: backups/nightly-watch.ts), for Health
 * (monitoring/problems.ts): each app's newest snapshot, and the run due most
 * recently. Only for a server that has them set up. Not sent to the window.
 */
export interface NightlySeen {
  /** The bot's app (its domain). */
  bot: string
  /** Each app's newest nightly snapshot (ms), by its stack name: from the latest read that worked. */
  newest: ReadonlyMap<string, number>
  /** This look could read it (or what it read before still holds); false: `run` is not known now and `newest` may be behind. */
  known: boolean
  /** The run due most recently, when `known` and one was due: fine, or why not (with the bot's own words, short). */
  run?: { ok: true } | { ok: false; why: 'failed' | 'missed' | 'not-running'; said?: string }
}

const HHMM = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)

export const nightlyMethods = {
  // A job: makes the backup-bot-two app (apps.new), writes its settings and
  // secrets, deploys it through the normal deploy, waits until it runs.
  // Anything made is removed again if a step fails or it is cancelled.
  // recoveryKit.password is the restic password, shown this once only.
  'nightly.setup': {
    input: z.strictObject({
      server: ServerName,
      /** The bot's app domain; default backups.<server>. */
      domain: NewDomain.optional(),
      destination: NightlyDestination,
      time: HHMM.default('03:30'),
      keep: z.number().int().min(1).max(365).default(7)
    }),
    output: z.object({
      jobId: z.string(),
      domain: z.string(),
      recoveryKit: z.object({ server: z.string(), domain: z.string(), repository: z.string(), password: z.string() })
    })
  },
  'nightly.status': { input: z.strictObject({ server: ServerName }), output: NightlyStatus },
  // One app's nightly snapshots, newest first.
  'nightly.snapshots': { input: z.strictObject({ server: ServerName, domain: Domain }), output: z.array(NightlySnapshot) },
  // What a restore from a snapshot would do: the same words as backups.restorePlan.
  'nightly.restorePlan': {
    input: z.strictObject({ server: ServerName, domain: Domain, snapshot: BotSnapshotId }),
    output: z.object({ snapshot: NightlySnapshot, overwrites: z.array(z.string()), stops: z.array(z.string()) })
  },
  // A job: the restore flow (stop, restore pre-hook, write back, post-hook,
  // bring back). `confirm` must equal the domain: the person agreed to lose
  // what changed since the snapshot.
  'nightly.restore': {
    input: z.strictObject({ server: ServerName, domain: Domain, snapshot: BotSnapshotId.default('latest'), confirm: z.string().max(253) }),
    output: z.object({ jobId: z.string() })
  }
} as const
