// Which servers a team shares (issue 14), with no git in it: the
// `Shared-servers:` trailer line, which files a commit or a pull may touch,
// and the walk that finds the newest line among the commits a pull brings.
//
// The choice travels in commit messages, below the sentence, so the files
// stay abra's byte for byte: `Shared-servers: a.example.org b.example.net`
// names the servers shared from then on; `Shared-servers: *` says all of
// them; a history with no such line shares all of them. The newest line
// wins, and each teammate's app follows it on its next pull.

export const SERVERS_TRAILER = 'Shared-servers:'
/** The trailer's value meaning "every server" (no server is called that: names start with a letter or digit). */
export const ALL_SERVERS = '*'

/** A choice read from a message: `undefined` when the message has no trailer line, `{ servers: undefined }` for all of them. */
export type ServersChoice = { servers: string[] | undefined }

/** The trailer line for a choice (absent or empty: all of them). Names sorted, unique. */
export function formatServersTrailer(servers: readonly string[] | undefined): string {
  const names = normalServers(servers)
  return `${SERVERS_TRAILER} ${names ? names.join(' ') : ALL_SERVERS}`
}

/** The message's `Shared-servers:` line, read (the last one when there are several), or undefined when it has none. */
export function parseServersTrailer(message: string): ServersChoice | undefined {
  let found: ServersChoice | undefined
  for (const raw of message.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (!line.startsWith(SERVERS_TRAILER)) continue
    const words = line.slice(SERVERS_TRAILER.length).split(/\s+/).filter(Boolean)
    found = { servers: words.length === 0 || words.includes(ALL_SERVERS) ? undefined : normalServers(words) }
  }
  return found
}

/** A commit's message: the sentence, a blank line, the trailer. */
export function withServersTrailer(sentence: string, servers: readonly string[] | undefined): string {
  return `${sentence}\n\n${formatServersTrailer(servers)}`
}

/** Sorted, without repeats; undefined (all) stays undefined. */
export function normalServers(servers: readonly string[] | undefined): string[] | undefined {
  return servers ? [...new Set(servers)].sort() : undefined
}

export function sameServers(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = normalServers(a)
  const y = normalServers(b)
  return x === undefined || y === undefined ? x === y : x.length === y.length && x.every((s, i) => s === y[i])
}

/** The server a repository path belongs to (its first folder), or undefined for a file at the top. */
export function serverOfFile(file: string): string | undefined {
  const slash = file.indexOf('/')
  return slash > 0 ? file.slice(0, slash) : undefined
}

/**
 * Whether a commit made here may carry this file: abra's app files,
 * <server>/<domain>.env, and nothing else (no keys, no backups, no hidden
 * files), of the shared servers only when some were chosen. Secrets never
 * are in these files: abra keeps them in the swarm.
 */
export function commitMayTouch(file: string, servers: readonly string[] | undefined): boolean {
  const m = /^([^./][^/]*)\/([^/]+\.env)$/.exec(file)
  if (!m || m[2].startsWith('.')) return false
  return !servers || servers.includes(m[1])
}

/**
 * Whether a path from a commit's tree names something inside a `.git`
 * folder (any case: some disks don't tell them apart). git itself refuses
 * such trees, but a forge need not check what is pushed; a pull must never
 * write the repository's own config or hooks from the team's copy.
 */
export function repoInternal(file: string): boolean {
  return file.split('/').some((part) => part.toLowerCase() === '.git')
}

/**
 * Whether a pull may write or delete this work file: anything but the files
 * of a server this computer does not share, which stay exactly as they are
 * (the team's copy of them goes on in git only).
 */
export function pullMayTouch(file: string, servers: readonly string[] | undefined): boolean {
  if (repoInternal(file)) return false
  const server = serverOfFile(file)
  return !servers || server === undefined || servers.includes(server)
}

/** The servers in `next` that `before` did not share (all of `next` when `before` shared all: none). */
export function newlyShared(before: readonly string[] | undefined, next: readonly string[] | undefined, known: readonly string[]): string[] {
  if (!before) return []
  return (next ?? known).filter((s) => !before.includes(s))
}

/** What the walk needs of a commit. */
export interface CommitInfo {
  parents: string[]
  /** Committer time (seconds). */
  time: number
  message: string
}

/**
 * The newest `Shared-servers:` line among the commits of `tip` that `seen`
 * (the team's tip at the last pull, whose line was read then) does not have:
 * git's own walk for `tip ^seen`, commits taken newest first, those below
 * `seen` painted old as it is reached, stopping once only old ones are left.
 * So a pull reads only the commits it brings, not the whole history. Without
 * `seen` (the first time), the whole history is read once.
 * Returns undefined when none of those commits carries the line.
 */
export async function newestServersChoice(tip: string, seen: string | undefined, read: (oid: string) => Promise<CommitInfo>): Promise<ServersChoice | undefined> {
  if (tip === seen) return undefined
  const info = new Map<string, CommitInfo>()
  const old = new Set<string>()
  const queued = new Set<string>()
  const queue: string[] = []
  const get = async (oid: string): Promise<CommitInfo> => {
    let c = info.get(oid)
    if (!c) info.set(oid, (c = await read(oid)))
    return c
  }
  const push = async (oid: string, isOld: boolean): Promise<void> => {
    if (isOld) old.add(oid)
    if (queued.has(oid)) return
    queued.add(oid)
    const time = (await get(oid)).time
    // Newest first; ties keep the order they came in.
    let at = queue.length
    while (at > 0 && info.get(queue[at - 1])!.time < time) at--
    queue.splice(at, 0, oid)
  }
  await push(tip, false)
  if (seen) await push(seen, true)
  while (queue.some((oid) => !old.has(oid))) {
    const oid = queue.shift()!
    const c = info.get(oid)!
    const isOld = old.has(oid)
    if (!isOld) {
      const choice = parseServersTrailer(c.message)
      if (choice) return choice
    }
    for (const p of c.parents) {
      if (isOld) old.add(p)
      await push(p, isOld)
    }
  }
  return undefined
}

/** Names in a sentence: "a", "a and b", "a, b and c" (`and` is the language's word, spaced: " and "). */
export function listWords(names: readonly string[], and: string): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]}`
}
