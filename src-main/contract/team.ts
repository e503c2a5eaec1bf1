import { z } from 'zod'
import { AppRef } from './apps'
import { Secret, ServerName } from './schemas'

// Sharing ~/.abra/servers with a team through a git remote over HTTPS (issue
// 14): the folder stays exactly abra's, so abra users on the team keep using
// plain git. The token lives only in the OS keychain.

/** An HTTPS (or, for a test or a LAN forge, HTTP) git remote. No credentials in it: the token is asked for apart. */
export const TeamRemote = z
  .string()
  .min(8)
  .max(2000)
  .regex(/^https?:\/\/[^\s@/]+(\/[^\s]*)?$/, 'an address starting with https:// (and no name or password in it)')

export const MemberName = z.string().trim().min(1).max(200)

/** One place where both you and the team changed the same lines. */
export const ConflictHunk = z.object({
  /** The line where it starts in your copy (1 = the first line). */
  line: z.number(),
  mine: z.array(z.string()),
  theirs: z.array(z.string())
})

export const TeamConflict = z.object({
  /** The file, relative to ~/.abra/servers (<server>/<domain>.env). */
  file: z.string(),
  /** Who made the team's change, when known. */
  theirsBy: z.string().optional(),
  hunks: z.array(ConflictHunk),
  /** In words: what differs, line by line. */
  words: z.string()
})

export const TeamStatus = z.object({
  connected: z.boolean(),
  remote: z.string().optional(),
  branch: z.string().optional(),
  name: z.string().optional(),
  /** The servers shared; absent: all of them. */
  servers: z.array(z.string()).optional(),
  /** Every server folder on this computer (shared or not), sorted: the window's choice list. */
  allServers: z.array(z.string()).optional(),
  /** Changes made here and not pushed yet. */
  unshared: z.number(),
  /** "3 changes not shared yet", or undefined when none. */
  unsharedWords: z.string().optional(),
  conflicts: z.array(TeamConflict),
  /** The last time the shared copy answered (ms since epoch). */
  lastSync: z.number().optional(),
  /** A warning the window shows: e.g. a deploy ran while the team's latest changes could not be fetched. */
  warning: z.string().optional(),
  /** Why the last exchange with the shared copy failed, in words. */
  problem: z.string().optional(),
  /** Why `problem` happened, so the window can offer the right next step. */
  problemCode: z.enum(['token-refused', 'offline', 'other']).optional()
})
export type TeamStatus = z.infer<typeof TeamStatus>
export type TeamConflict = z.infer<typeof TeamConflict>

const connect = {
  remote: TeamRemote,
  /** An access token of the forge (Gitea, GitLab…): kept in the keychain only. Empty for a remote that needs none. */
  token: Secret.optional(),
  name: MemberName
}

/**
 * The labels a deploy made from this app puts on the app's main service
 * (beside abra's coop-cloud.<STACK_NAME>.version and friends; abra reads
 * only the keys it knows and ignores these), when sharing is connected:
 *   coop-cloud.<STACK_NAME>.deployed-by      = the member's name (team settings)
 *   coop-cloud.<STACK_NAME>.settings-commit  = the commit that last changed the app's env file
 * When it was deployed is the service's own UpdatedAt.
 */
export function deployRecordKeys(stackName: string): { by: string; commit: string } {
  const p = `coop-cloud.${stackName}`
  return { by: `${p}.deployed-by`, commit: `${p}.settings-commit` }
}

/** One line of an app's activity: a change to its settings (git history) or a deploy recorded on the server. */
export const ActivityItem = z.object({
  kind: z.enum(['change', 'deploy']),
  /** When (ms since epoch). */
  at: z.number(),
  /** Who, when known (the member's name). */
  by: z.string().optional(),
  /** In words: the commit's message, or what the server says was deployed. */
  words: z.string(),
  /** The settings commit. */
  commit: z.string().optional(),
  /** A change made here and not shared with the team yet. */
  unshared: z.boolean().optional(),
  /** The deploy that runs now. */
  running: z.boolean().optional()
})
export type ActivityItem = z.infer<typeof ActivityItem>

export const AppActivity = z.object({
  items: z.array(ActivityItem),
  /** Whether the settings are shared with a team (or at least kept in git). */
  history: z.boolean(),
  /** Why the server's part is missing, in words (the server couldn't be reached…). */
  serverProblem: z.string().optional()
})
export type AppActivity = z.infer<typeof AppActivity>

export const teamMethods = {
  /** Who changed what and when: the app file's git history merged with the deploy recorded on the server, newest first. */
  'apps.activity': { input: AppRef, output: AppActivity },
  'team.status': { input: z.strictObject({}), output: TeamStatus },
  /** Shares this computer's servers (all, or those named) into an empty remote repository. */
  'team.connect': { input: z.strictObject({ ...connect, servers: z.array(ServerName).max(500).optional() }), output: TeamStatus },
  /** Joins a shared repository: clones it into an empty or absent ~/.abra/servers. */
  'team.join': { input: z.strictObject(connect), output: TeamStatus },
  /** Pulls the team's changes and pushes this computer's. */
  'team.sync': { input: z.strictObject({}), output: TeamStatus },
  /** Settles a conflict: for each place (in the order team.status lists them), keep mine or take theirs. */
  'team.resolve': {
    input: z.strictObject({ file: z.string().min(1).max(600), choices: z.array(z.enum(['mine', 'theirs'])).min(1).max(1000) }),
    output: TeamStatus
  },
  /** Changes which servers are shared (absent: all of them). One commit in plain words with a `Shared-servers:` trailer line (absent trailer = all), pushed like any change; each teammate's app follows the newest such line on its next pull. */
  'team.setServers': { input: z.strictObject({ servers: z.array(ServerName).max(500).optional() }), output: TeamStatus },
  /** Stops sharing: the files and their history stay; the token leaves the keychain. */
  'team.disconnect': { input: z.strictObject({}), output: TeamStatus }
} as const

export const teamEvents = {
  /** Sharing's state changed (a pull, a push, a queued change, a conflict, a warning). */
  'team.changed': TeamStatus
} as const
