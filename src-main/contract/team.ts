import { z } from 'zod'
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
  problem: z.string().optional()
})
export type TeamStatus = z.infer<typeof TeamStatus>
export type TeamConflict = z.infer<typeof TeamConflict>

const connect = {
  remote: TeamRemote,
  /** An access token of the forge (Gitea, GitLab…): kept in the keychain only. Empty for a remote that needs none. */
  token: Secret.optional(),
  name: MemberName
}

export const teamMethods = {
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
  /** Stops sharing: the files and their history stay; the token leaves the keychain. */
  'team.disconnect': { input: z.strictObject({}), output: TeamStatus }
} as const

export const teamEvents = {
  /** Sharing's state changed (a pull, a push, a queued change, a conflict, a warning). */
  'team.changed': TeamStatus
} as const
