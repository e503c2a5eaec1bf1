import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import git from 'isomorphic-git'
import type { EventBus } from '../api/events'
import type { Handlers } from '../api/dispatch'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import type { TeamConflict, TeamStatus } from '../contract/team'
import type { Paths } from '../core/paths'
import { t } from '../i18n/i18n'
import type { Keychain } from '../keychain/keychain'
import { conflictLines, conflicts, lines, merge3, settle, type Segment } from './merge'
import { listWords, newestServersChoice, type CommitInfo, normalServers, pullMayTouch, repoInternal, sameServers, withServersTrailer } from './servers'
import {
  authArgs,
  authorOf,
  blobAt,
  commitChanges,
  commitsNotIn,
  filesAt,
  gitError,
  isShared,
  network,
  resolve,
  writeWorkFile,
  type Remote
} from './repo'

// Sharing ~/.abra/servers with a team (issue 14). core.ts wraps the app
// changes (new, config, deploy, upgrade, secret rotation, remove) with
// beforeChange/afterChange: pull first, then commit in plain words under the
// member's name and push. Offline, commits wait and are counted; a pull that
// meets a conflicting edit keeps this computer's file in place, records both
// versions and refuses changes to that app until the person chooses.

interface TeamConfig {
  remote: string
  branch: string
  name: string
  servers?: string[]
  lastSync?: number
  /** The team's tip whose history was last read for a `Shared-servers:` line: a pull reads only the commits after it. */
  serversSeen?: string
  /** For each server this computer stopped sharing: the commit its work files were at then (the base when it is shared again). */
  heldAt?: Record<string, string>
}

interface MergeState {
  /** The team's commit being merged. */
  theirs: string
  theirsBy?: string
  /** Files the merge changed, staged with it. */
  touched: string[]
  /** Each conflicting file's three versions (null: the file is absent there). */
  files: Record<string, { base: string | null; mine: string | null; theirs: string | null }>
}

export type ChangeAction = 'new' | 'config' | 'deploy' | 'secrets' | 'remove' | 'move'

export interface TeamSync {
  /**
   * Before a change to an app: pulls; refuses when the app's file has a
   * conflict. Says why the team's copy could not be fetched, when it couldn't
   * (the change goes ahead, warned).
   */
  beforeChange(app: { server: string; domain: string; action: ChangeAction }): Promise<{ notFetched?: string }>
  /** After it: commits with `message` and pushes; offline, the commit waits. Never throws. */
  afterChange(message: string): Promise<void>
}

export interface TeamDeps {
  paths: Paths
  keychain: Keychain
  events: EventBus
}

/** How long a change waits for the team's copy before it goes ahead warned. */
const HOOK_TIMEOUT_MS = 15_000

const tokenAccount = (remote: string): string => `team-token:${remote}`

/** Two versions of a file (undefined: absent) are the same bytes. */
const sameBytes = (x?: Buffer, y?: Buffer): boolean => (x === undefined ? y === undefined : y !== undefined && x.equals(y))

/** A refused token (401/403) or one that is missing. */
const TOKEN_CODES = new Set(['team-token-wrong', 'team-token-needed'])

export function teamService(deps: TeamDeps) {
  const dir = deps.paths.serversDir
  const configFile = path.join(deps.paths.dataDir, 'team.json')
  const mergeFile = path.join(deps.paths.dataDir, 'team-merge.json')
  let warning: string | undefined
  let problem: string | undefined
  let problemCode: TeamStatus['problemCode']
  // One git operation at a time: hooks, sync and resolve all change the same repository.
  let queue: Promise<unknown> = Promise.resolve()
  const locked = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work)
    queue = run.catch(() => undefined)
    return run
  }

  const readJson = async <T>(file: string): Promise<T | undefined> => {
    try {
      return JSON.parse(await fsp.readFile(file, 'utf8')) as T
    } catch {
      return undefined
    }
  }
  const writeJson = async (file: string, value: unknown): Promise<void> => {
    await fsp.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    await fsp.writeFile(tmp, JSON.stringify(value, null, 2), { mode: 0o600 })
    await fsp.rename(tmp, file)
  }
  const config = (): Promise<TeamConfig | undefined> => readJson<TeamConfig>(configFile)
  const mergeState = (): Promise<MergeState | undefined> => readJson<MergeState>(mergeFile)
  const remoteOf = async (cfg: TeamConfig): Promise<Remote> => ({ url: cfg.remote, token: (await deps.keychain.get(tokenAccount(cfg.remote))) || undefined })
  const remoteRef = (cfg: TeamConfig): string => `refs/remotes/origin/${cfg.branch}`

  function conflictWords(file: string, c: MergeState['files'][string], by: string | undefined): TeamConflict {
    const segments = merge3(lines(c.base ?? ''), lines(c.mine ?? ''), lines(c.theirs ?? ''))
    const places = conflicts(segments)
    const at = conflictLines(segments)
    const show = (ls: string[]): string => (ls.length ? ls.join(' / ') : t('team.nothing'))
    const hunks = places.map((p, i) => ({ line: at[i], mine: p.mine, theirs: p.theirs }))
    return {
      file,
      ...(by ? { theirsBy: by } : {}),
      hunks,
      words: hunks.map((h) => t('team.conflictWords', { line: h.line, mine: show(h.mine), theirs: show(h.theirs), by: by ? t('team.by', { name: by }) : '' })).join('\n')
    }
  }

  /** Records why the last exchange failed, in words that say what to do next; the error, for a caller that throws it. */
  function noteProblem(err: unknown, remote: Remote): ApiError {
    const e = gitError(err, remote)
    problemCode = TOKEN_CODES.has(e.code) ? 'token-refused' : e.code === 'team-offline' ? 'offline' : 'other'
    problem = problemCode === 'token-refused' ? t('team.tokenRefused', { remote: remote.url }) : e.message
    return e
  }
  const clearProblem = (): void => {
    problem = undefined
    problemCode = undefined
  }

  async function status(): Promise<TeamStatus> {
    const cfg = await config()
    const folders = await serverFolders()
    // Absent when there are none.
    const allServers = folders.length ? { allServers: folders } : {}
    if (!cfg) return { connected: false, unshared: 0, conflicts: [], ...allServers }
    const unshared = await commitsNotIn(dir, `refs/heads/${cfg.branch}`, await resolve(dir, remoteRef(cfg)))
    const merging = await mergeState()
    return {
      connected: true,
      remote: cfg.remote,
      branch: cfg.branch,
      name: cfg.name,
      ...(cfg.servers ? { servers: cfg.servers } : {}),
      ...allServers,
      unshared,
      ...(unshared ? { unsharedWords: t('team.unshared', { count: unshared }) } : {}),
      conflicts: merging ? Object.entries(merging.files).map(([file, c]) => conflictWords(file, c, merging.theirsBy)) : [],
      ...(cfg.lastSync ? { lastSync: cfg.lastSync } : {}),
      ...(warning ? { warning } : {}),
      ...(problem ? { problem, problemCode: problemCode ?? 'other' } : {})
    }
  }

  async function announce(): Promise<TeamStatus> {
    const s = await status()
    deps.events.emit('team.changed', s)
    return s
  }

  async function fetchTeam(cfg: TeamConfig, remote: Remote, timeoutMs?: number): Promise<void> {
    await network(remote, () => git.fetch({ fs, dir, remote: 'origin', ref: cfg.branch, singleBranch: true, tags: false, ...authArgs(remote) }), timeoutMs)
    const now = (await config()) ?? cfg
    await writeJson(configFile, { ...now, lastSync: Date.now() })
    clearProblem()
  }

  /**
   * Brings the team's commits in: fast-forward, or a merge that may stop on
   * conflicts. The files of a server this computer does not share are never
   * written, deleted or brought back (the team's copy of them moves on in git
   * only). Then follows the newest `Shared-servers:` line the pull brought.
   */
  async function pull(cfg: TeamConfig, remote: Remote, timeoutMs?: number): Promise<void> {
    if (await mergeState()) return
    await commitChanges(dir, { message: t('team.message.outside'), name: cfg.name, servers: cfg.servers })
    await fetchTeam(cfg, remote, timeoutMs)
    const theirs = await resolve(dir, remoteRef(cfg))
    const mine = await resolve(dir, `refs/heads/${cfg.branch}`)
    if (!theirs) return
    if (theirs !== mine && !(mine && (await git.isDescendent({ fs, dir, oid: mine, ancestor: theirs, depth: -1 })))) {
      if (!mine || (await git.isDescendent({ fs, dir, oid: theirs, ancestor: mine, depth: -1 }))) await fastForward(cfg, mine, theirs)
      else await mergeDiverged(cfg, mine, theirs)
    }
    // A merge waiting for a choice: the line is read again once it is settled.
    if (!(await mergeState())) await followServers(theirs)
  }

  /**
   * Moves the branch to the team's commit, writing only the files a pull may
   * touch; the others change in the index only. (isomorphic-git's forced
   * checkout would rewrite every file that differs from the team's, this
   * computer's own servers' included.)
   */
  async function fastForward(cfg: TeamConfig, mine: string | undefined, theirs: string): Promise<void> {
    for (const [file, was, next] of await treeChanges(mine, theirs)) {
      if (pullMayTouch(file, cfg.servers)) {
        // Every shared file was committed before the fetch, so nothing of this computer's is overwritten.
        writeWorkFile(dir, file, next ? await blobAt(dir, theirs, file) : undefined)
        if (next) await git.add({ fs, dir, filepath: file })
        else if (was) await git.remove({ fs, dir, filepath: file })
      } else await indexOnly(file, next)
    }
    await git.writeRef({ fs, dir, ref: `refs/heads/${cfg.branch}`, value: theirs, force: true })
  }

  /** Every file that differs between two commits: [file, its blob in `a`, its blob in `b`]. */
  async function treeChanges(a: string | undefined, b: string): Promise<Array<[string, string | undefined, string | undefined]>> {
    const trees = a ? [git.TREE({ ref: a }), git.TREE({ ref: b })] : [git.TREE({ ref: b })]
    const out: Array<[string, string | undefined, string | undefined]> = []
    await git.walk({
      fs,
      dir,
      trees,
      map: async (file, entries) => {
        if (file === '.') return true
        const types = await Promise.all(entries.map((e) => e?.type()))
        if (types.every((x) => x !== 'blob')) return true
        const oids = await Promise.all(entries.map(async (e, i) => (types[i] === 'blob' ? e!.oid() : undefined)))
        const [x, y] = a ? oids : [undefined, oids[0]]
        // Nothing inside a .git folder is ever written or indexed from the team's copy.
        if (x !== y && !repoInternal(file)) out.push([file, x, y])
        return true
      }
    })
    return out
  }

  /** Sets a file's index entry to a blob (or takes it out) without touching the work file. */
  async function indexOnly(file: string, oid: string | undefined): Promise<void> {
    if (oid) await git.updateIndex({ fs, dir, filepath: file, oid, add: true })
    else await git.updateIndex({ fs, dir, filepath: file, remove: true, force: true }).catch(() => undefined)
  }

  /** What the walk for the newest `Shared-servers:` line needs of a commit. */
  const commitInfo = async (oid: string): Promise<CommitInfo> => {
    const { commit } = await git.readCommit({ fs, dir, oid })
    return { parents: commit.parent, time: commit.committer.timestamp, message: commit.message }
  }

  /**
   * Reads the team's commits since the last pull for the newest
   * `Shared-servers:` line and follows it: a server dropped keeps its files
   * as they are (its commit is remembered as their base); a server shared
   * again takes the team's changes where this computer didn't change it.
   */
  async function followServers(theirs: string): Promise<void> {
    const cfg = await config()
    if (!cfg || cfg.serversSeen === theirs) return
    const choice = await newestServersChoice(theirs, cfg.serversSeen, commitInfo)
    let next: TeamConfig = { ...cfg, serversSeen: theirs }
    if (choice && !sameServers(choice.servers, cfg.servers)) next = await applyServers(next, normalServers(choice.servers))
    await writeJson(configFile, next)
  }

  /** The config with `servers` shared from now on: bases remembered for the ones dropped, the team's changes taken for the ones shared again. */
  async function applyServers(cfg: TeamConfig, servers: string[] | undefined): Promise<TeamConfig> {
    const head = await resolve(dir, 'HEAD')
    const heldAt = { ...(cfg.heldAt ?? {}) }
    const wasShared = (s: string): boolean => !cfg.servers || cfg.servers.includes(s)
    const nowShared = (s: string): boolean => !servers || servers.includes(s)
    const known = new Set([...(await serverFolders()), ...(cfg.servers ?? []), ...(servers ?? []), ...Object.keys(heldAt)])
    for (const f of await filesAt(dir, head)) if (f.includes('/')) known.add(f.slice(0, f.indexOf('/')))
    for (const s of [...known].sort()) {
      if (wasShared(s) && !nowShared(s) && head) heldAt[s] = head
      if (!wasShared(s) && nowShared(s)) {
        if (head) await takeTeamFiles(s, heldAt[s], head)
        delete heldAt[s]
      }
    }
    const { servers: _was, ...rest } = cfg
    return { ...rest, ...(servers ? { servers } : {}), heldAt }
  }

  /**
   * A server shared again: each of its files takes the team's version where
   * this computer's is still what it had when it stopped sharing (`base`);
   * changes on both sides are merged line by line, and where they meet, this
   * computer's version stays (and is shared with its next change).
   */
  async function takeTeamFiles(server: string, base: string | undefined, head: string): Promise<void> {
    const prefix = `${server}/`
    const files = new Set([...(await filesAt(dir, head)), ...(await filesAt(dir, base))].filter((f) => f.startsWith(prefix)))
    for (const file of files) {
      const b = await blobAt(dir, base, file)
      const o = await blobAt(dir, head, file)
      const m = await fsp.readFile(confinedPath(dir, ...file.split('/'))).catch(() => undefined)
      if (sameBytes(m, o) || sameBytes(o, b)) continue
      if (sameBytes(m, b)) {
        writeWorkFile(dir, file, o)
        continue
      }
      const segments = merge3(lines(b?.toString('utf8') ?? ''), lines(m?.toString('utf8') ?? ''), lines(o?.toString('utf8') ?? ''))
      if (m && o && conflicts(segments).length === 0) writeWorkFile(dir, file, Buffer.from(settle(segments, []) ?? '', 'utf8'))
    }
  }

  async function mergeDiverged(cfg: TeamConfig, mine: string, theirs: string): Promise<void> {
    const [base] = await git.findMergeBase({ fs, dir, oids: [mine, theirs] })
    const files = new Set([...(await filesAt(dir, base)), ...(await filesAt(dir, mine)), ...(await filesAt(dir, theirs))])
    const state: MergeState = { theirs, theirsBy: await authorOf(dir, theirs), touched: [], files: {} }
    for (const file of [...files].sort()) {
      const b = await blobAt(dir, base, file)
      const m = await blobAt(dir, mine, file)
      const o = await blobAt(dir, theirs, file)
      if (sameBytes(m, o) || sameBytes(o, b)) continue
      if (!pullMayTouch(file, cfg.servers)) {
        // A server not shared here: its work file stays as it is; the merge commit carries the team's version.
        await indexOnly(file, o ? await git.writeBlob({ fs, dir, blob: o }) : undefined)
        continue
      }
      if (sameBytes(m, b)) {
        writeWorkFile(dir, file, o)
        state.touched.push(file)
        continue
      }
      const segments = merge3(lines(b?.toString('utf8') ?? ''), lines(m?.toString('utf8') ?? ''), lines(o?.toString('utf8') ?? ''))
      if (m && o && conflicts(segments).length === 0) {
        writeWorkFile(dir, file, Buffer.from(settle(segments, []) ?? '', 'utf8'))
        state.touched.push(file)
        continue
      }
      // This computer's version stays in place (no conflict markers: a deploy must never read them).
      state.files[file] = { base: b?.toString('utf8') ?? null, mine: m?.toString('utf8') ?? null, theirs: o?.toString('utf8') ?? null }
      state.touched.push(file)
    }
    if (Object.keys(state.files).length) {
      await writeJson(mergeFile, state)
      return
    }
    await commitChanges(dir, { message: t('team.message.merge'), name: cfg.name, servers: cfg.servers, also: state.touched, parents: [mine, theirs] })
  }

  async function push(cfg: TeamConfig, remote: Remote, timeoutMs?: number): Promise<void> {
    if (await mergeState()) return
    const unshared = await commitsNotIn(dir, `refs/heads/${cfg.branch}`, await resolve(dir, remoteRef(cfg)))
    if (!unshared) return
    try {
      await pushOnce(cfg.branch, remote, timeoutMs)
    } catch (err) {
      const e = err as ApiError
      // Someone pushed meanwhile: take their changes in, then try once more.
      if (!/PushRejected|not a simple fast-forward|fast-forward/i.test(`${e.detail ?? ''} ${e.message}`)) throw err
      await pull(cfg, remote, timeoutMs)
      if (await mergeState()) return
      await pushOnce(cfg.branch, remote, timeoutMs)
    }
  }

  async function pushOnce(branch: string, remote: Remote, timeoutMs?: number): Promise<void> {
    const result = await network(remote, () => git.push({ fs, dir, remote: 'origin', ref: branch, ...authArgs(remote) }), timeoutMs)
    if (!result.ok) {
      const why = Object.values(result.refs ?? {}).map((r) => r.error).filter(Boolean).join('; ') || result.error || 'refused'
      throw gitError(Object.assign(new Error(`PushRejected: ${why}`), { code: 'PushRejectedError' }), remote)
    }
  }

  async function requireConfig(): Promise<TeamConfig> {
    const cfg = await config()
    if (!cfg) throw new ApiError('team-not-connected', t('team.notConnected'))
    return cfg
  }

  async function sync(): Promise<TeamStatus> {
    const cfg = await requireConfig()
    const remote = await remoteOf(cfg)
    try {
      await pull(cfg, remote)
      await push(cfg, remote)
      warning = undefined
    } catch (err) {
      const e = noteProblem(err, remote)
      await announce()
      throw e
    }
    return announce()
  }

  /** The remote's branches (none: an empty repository, as a forge makes it). */
  const branchesOf = (remote: Remote): Promise<unknown[]> => network(remote, () => git.listServerRefs({ ...authArgs(remote), prefix: 'refs/heads/' }))

  /** The branch to follow: the remote's HEAD when it names one it has (a bare repo made by `git init` may point at a branch never pushed), else main, master or the first. */
  async function branchToFollow(remote: Remote): Promise<string | undefined> {
    const refs = await network(remote, () => git.listServerRefs({ ...authArgs(remote), symrefs: true }))
    const heads = refs.filter((r) => r.ref.startsWith('refs/heads/')).map((r) => r.ref.slice('refs/heads/'.length))
    const head = refs.find((r) => r.ref === 'HEAD')?.target?.replace(/^refs\/heads\//, '')
    return [head, 'main', 'master', heads[0]].find((b): b is string => !!b && heads.includes(b))
  }

  async function serverFolders(): Promise<string[]> {
    try {
      return (await fsp.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort()
    } catch {
      return []
    }
  }

  async function originUrl(): Promise<string | undefined> {
    try {
      return (await git.getConfig({ fs, dir, path: 'remote.origin.url' })) as string | undefined
    } catch {
      return undefined
    }
  }

  /**
   * The first commit says which servers the person who shared chose (a
   * trailer below its sentence: the files stay abra's, byte for byte), so a
   * teammate who joins shares the same ones; none said: all of them.
   */
  const shareMessage = (servers?: string[]): string => (servers ? withServersTrailer(t('team.message.share'), servers) : t('team.message.share'))
  /** The servers the newest `Shared-servers:` line of the whole history names (none: all), read once when joining. */
  async function sharedServers(ref: string): Promise<{ servers?: string[]; serversSeen?: string }> {
    const tip = await resolve(dir, ref)
    if (!tip) return {}
    const choice = await newestServersChoice(tip, undefined, commitInfo).catch(() => undefined)
    return { ...(choice?.servers ? { servers: choice.servers } : {}), serversSeen: tip }
  }

  /** Servers not shared here: their files are held at `head` (what a clone or the last pull left), the base when shared again. */
  async function heldFrom(servers: string[] | undefined, head: string | undefined): Promise<Record<string, string>> {
    if (!servers || !head) return {}
    const held: Record<string, string> = {}
    for (const s of await serverFolders()) if (!servers.includes(s)) held[s] = head
    return held
  }

  async function connect(input: { remote: string; token?: string; name: string; servers?: string[] }): Promise<TeamStatus> {
    const existing = await config()
    if (existing) throw new ApiError('team-already-connected', t('team.already', { remote: existing.remote }))
    const remote: Remote = { url: input.remote, token: input.token || undefined }
    const folders = await serverFolders()
    for (const s of input.servers ?? []) if (!folders.includes(s)) throw new ApiError('team-server-unknown', t('team.unknownServer', { server: s }))
    if (!folders.length) throw new ApiError('team-no-servers', t('team.noServers'))
    if ((await branchesOf(remote)).length) throw new ApiError('team-remote-not-empty', t('team.notEmpty', { remote: remote.url }))
    const hadRepo = fs.existsSync(path.join(dir, '.git'))
    const other = hadRepo ? await originUrl() : undefined
    if (other && other !== remote.url) throw new ApiError('team-other-repository', t('team.otherRepo', { dir, other }))
    try {
      if (!hadRepo) await git.init({ fs, dir, defaultBranch: 'main' })
      const branch = (await git.currentBranch({ fs, dir })) || 'main'
      await git.addRemote({ fs, dir, remote: 'origin', url: remote.url, force: true })
      await commitChanges(dir, { message: shareMessage(input.servers), name: input.name, servers: input.servers })
      await pushOnce(branch, remote)
      await git.setConfig({ fs, dir, path: `branch.${branch}.remote`, value: 'origin' })
      await git.setConfig({ fs, dir, path: `branch.${branch}.merge`, value: `refs/heads/${branch}` })
      if (remote.token) await deps.keychain.set(tokenAccount(remote.url), remote.token)
      const head = await resolve(dir, 'HEAD')
      const servers = normalServers(input.servers)
      const cfg: TeamConfig = { remote: remote.url, branch, name: input.name, ...(servers ? { servers } : {}), lastSync: Date.now(), ...(head ? { serversSeen: head } : {}) }
      await writeJson(configFile, cfg)
    } catch (err) {
      // Nothing shared: a repository made here is taken away again (the files stay).
      if (!hadRepo) await fsp.rm(path.join(dir, '.git'), { recursive: true, force: true })
      throw gitError(err, remote)
    }
    clearProblem()
    return announce()
  }

  /** Files under the servers folder (not .git) that a clone would hide or overwrite. */
  async function filesIn(folder: string, prefix = ''): Promise<string[]> {
    let entries: fs.Dirent[]
    try {
      entries = await fsp.readdir(folder, { withFileTypes: true })
    } catch {
      return []
    }
    const out: string[] = []
    for (const e of entries) {
      if (!prefix && e.name === '.git') continue
      if (e.isDirectory()) out.push(...(await filesIn(path.join(folder, e.name), `${prefix}${e.name}/`)))
      else out.push(`${prefix}${e.name}`)
    }
    return out
  }

  async function join(input: { remote: string; token?: string; name: string }): Promise<TeamStatus> {
    const existing = await config()
    if (existing) throw new ApiError('team-already-connected', t('team.already', { remote: existing.remote }))
    const remote: Remote = { url: input.remote, token: input.token || undefined }
    if (fs.existsSync(path.join(dir, '.git'))) {
      const other = await originUrl()
      if (other !== remote.url) throw new ApiError('team-other-repository', t('team.otherRepo', { dir, other: other ?? dir }))
      // Sharing again after stopping: the repository is still here, following that remote; take it up again.
      const branch = (await git.currentBranch({ fs, dir })) || (await branchToFollow(remote)) || 'main'
      const { servers, serversSeen } = await sharedServers(`refs/heads/${branch}`)
      const cfg: TeamConfig = { remote: remote.url, branch, name: input.name, ...(servers ? { servers } : {}), serversSeen, heldAt: await heldFrom(servers, serversSeen) }
      await pull(cfg, remote)
      await push(cfg, remote)
      if (remote.token) await deps.keychain.set(tokenAccount(remote.url), remote.token)
      await writeJson(configFile, { ...cfg, lastSync: Date.now() } satisfies TeamConfig)
      clearProblem()
      return announce()
    }
    const present = await filesIn(dir)
    if (present.length) {
      const shown = present.length > 5 ? `${present.slice(0, 5).join(', ')}, …` : present.join(', ')
      throw new ApiError('team-folder-not-empty', t('team.dirHasFiles', { dir, files: shown }), undefined, { files: present })
    }
    const branch = await branchToFollow(remote)
    if (!branch) throw new ApiError('team-remote-empty', t('team.emptyRemote', { remote: remote.url }))
    // Cloned beside the folder and moved in at the end: a failed download leaves nothing half-made.
    await fsp.mkdir(path.dirname(dir), { recursive: true })
    const partial = await fsp.mkdtemp(path.join(path.dirname(dir), '.servers.team-'))
    try {
      await network(remote, () => git.clone({ fs, dir: partial, ref: branch, singleBranch: true, ...authArgs(remote) }))
      await fsp.mkdir(dir, { recursive: true })
      for (const name of await fsp.readdir(partial)) {
        const target = path.join(dir, name)
        // Only empty folders can be in the way here (checked above): the clone's take their place.
        if (fs.existsSync(target)) await fsp.rm(target, { recursive: true })
        await fsp.rename(path.join(partial, name), target)
      }
      if (remote.token) await deps.keychain.set(tokenAccount(remote.url), remote.token)
      const { servers, serversSeen } = await sharedServers(`refs/heads/${branch}`)
      const cfg: TeamConfig = { remote: remote.url, branch, name: input.name, ...(servers ? { servers } : {}), lastSync: Date.now(), serversSeen, heldAt: await heldFrom(servers, serversSeen) }
      await writeJson(configFile, cfg)
    } catch (err) {
      throw gitError(err, remote)
    } finally {
      await fsp.rm(partial, { recursive: true, force: true })
    }
    clearProblem()
    return announce()
  }

  async function resolveConflict(input: { file: string; choices: Array<'mine' | 'theirs'> }): Promise<TeamStatus> {
    const cfg = await requireConfig()
    const state = await mergeState()
    const c = state?.files[input.file]
    if (!state || !c) throw new ApiError('team-no-conflict', t('team.noConflict', { file: input.file }))
    const segments: Segment[] = merge3(lines(c.base ?? ''), lines(c.mine ?? ''), lines(c.theirs ?? ''))
    const expected = conflicts(segments).length
    const text = settle(segments, input.choices)
    if (text === undefined) throw new ApiError('team-choices-count', t('team.choicesCount', { file: input.file, expected, got: input.choices.length }))
    // A side where the file was absent, chosen whole, removes it.
    const gone = (c.mine === null && input.choices.every((x) => x === 'mine')) || (c.theirs === null && input.choices.every((x) => x === 'theirs'))
    writeWorkFile(dir, input.file, gone ? undefined : Buffer.from(text, 'utf8'))
    delete state.files[input.file]
    if (Object.keys(state.files).length) {
      await writeJson(mergeFile, state)
      return announce()
    }
    const mine = await resolve(dir, `refs/heads/${cfg.branch}`)
    await commitChanges(dir, { message: t('team.message.merge'), name: cfg.name, servers: cfg.servers, also: state.touched, parents: [mine!, state.theirs] })
    await fsp.rm(mergeFile, { force: true })
    const remote = await remoteOf(cfg)
    try {
      await push(cfg, remote)
    } catch (err) {
      noteProblem(err, remote)
    }
    return announce()
  }

  async function disconnect(): Promise<TeamStatus> {
    const cfg = await config()
    if (cfg) await deps.keychain.delete(tokenAccount(cfg.remote))
    await fsp.rm(configFile, { force: true })
    await fsp.rm(mergeFile, { force: true })
    warning = undefined
    clearProblem()
    return announce()
  }

  /**
   * Changes which servers are shared (absent: all): pulls first, then one
   * commit in plain words with the `Shared-servers:` line, pushed like any
   * change (offline, it waits and is counted). A server no longer shared
   * loses nothing, here or in the team's copy: its files just stop being
   * updated by this computer.
   */
  async function setServers(input: { servers?: string[] }): Promise<TeamStatus> {
    const start = await requireConfig()
    const folders = await serverFolders()
    for (const s of input.servers ?? []) if (!folders.includes(s)) throw new ApiError('team-server-unknown', t('team.unknownServer', { server: s }))
    if (!folders.length) throw new ApiError('team-no-servers', t('team.noServers'))
    if (input.servers && !input.servers.length) throw new ApiError('team-no-servers', t('team.noneChosen'))
    const remote = await remoteOf(start)
    try {
      await pull(start, remote)
    } catch (err) {
      // Offline (or refused): the change is made here and waits to be shared, like any other.
      noteProblem(err, remote)
    }
    if (await mergeState()) throw new ApiError('team-conflict', t('team.settleFirst'))
    const cfg = (await config()) ?? start
    const next = normalServers(input.servers)
    if (sameServers(next, cfg.servers)) return announce()
    const before = cfg.servers ?? folders
    const added = (next ?? folders).filter((s) => !before.includes(s))
    const dropped = before.filter((s) => next && !next.includes(s))
    const sentence = !next
      ? t('team.message.serversAll')
      : !added.length
        ? t('team.message.serversStopped', { list: listWords(dropped, t('team.and')) })
        : t('team.message.servers', { list: listWords(next, t('team.and')) })
    const updated = await applyServers(cfg, next)
    await commitChanges(dir, { message: withServersTrailer(sentence, next), name: cfg.name, servers: next, always: true })
    await writeJson(configFile, updated)
    try {
      await push(updated, remote)
    } catch (err) {
      noteProblem(err, remote)
    }
    return announce()
  }

  const hooks: TeamSync = {
    beforeChange: (app) =>
      locked(async () => {
        const cfg = await config()
        if (!cfg) return {}
        const remote = await remoteOf(cfg)
        const file = `${app.server}/${app.domain}.env`
        let notFetched: string | undefined
        try {
          // A change waits for the team's copy a short while only: offline, it goes ahead with the warning.
          await pull(cfg, remote, HOOK_TIMEOUT_MS)
          warning = undefined
        } catch (err) {
          const words = gitError(err, remote).message
          noteProblem(err, remote)
          // What the last fetch knew: the team had commits this computer hasn't merged.
          const theirs = await resolve(dir, remoteRef(cfg))
          const mine = await resolve(dir, `refs/heads/${cfg.branch}`)
          const knownBehind = !!theirs && theirs !== mine && !(mine && (await git.isDescendent({ fs, dir, oid: mine, ancestor: theirs, depth: -1 }).catch(() => false)))
          warning = t(knownBehind ? 'team.behindKnown' : 'team.behind', { domain: app.domain, problem: words })
          notFetched = warning
        }
        const merging = await mergeState()
        await announce()
        if (merging?.files[file]) {
          throw new ApiError('team-conflict', t(app.action === 'deploy' ? 'team.conflictDeploy' : 'team.conflictChange', { domain: app.domain, file }), undefined, { file })
        }
        return notFetched ? { notFetched } : {}
      }),
    afterChange: (message) =>
      locked(async () => {
        const cfg = await config()
        if (!cfg) return
        const remote = await remoteOf(cfg)
        try {
          // While a conflict waits for a choice, the change is kept in the work tree and goes in with the merge.
          if (!(await mergeState())) await commitChanges(dir, { message, name: cfg.name, servers: cfg.servers })
          await push(cfg, remote, HOOK_TIMEOUT_MS)
        } catch (err) {
          noteProblem(err, remote)
        }
        await announce()
      }).catch(() => undefined)
  }

  const handlers: Pick<Handlers, 'team.status' | 'team.connect' | 'team.join' | 'team.sync' | 'team.resolve' | 'team.setServers' | 'team.disconnect'> = {
    'team.status': () => locked(status),
    'team.connect': (input) => locked(() => connect(input)),
    'team.join': (input) => locked(() => join(input)),
    'team.sync': () => locked(sync),
    'team.resolve': (input) => locked(() => resolveConflict(input)),
    'team.setServers': (input) => locked(() => setServers(input)),
    'team.disconnect': () => locked(disconnect)
  }

  /** The app's file in the repository (<server>/<domain>.env), when the servers folder is one. */
  const repoFile = (server: string, domain: string): string => `${server}/${domain}.env`
  const hasRepo = (): boolean => fs.existsSync(path.join(dir, '.git'))

  const record = {
    /** Who deploys and from which settings commit (the last one that changed the app's file), when sharing is connected. */
    deployRecord: (server: string, domain: string): Promise<{ by: string; commit?: string } | undefined> =>
      locked(async () => {
        const cfg = await config()
        if (!cfg) return undefined
        const head = await resolve(dir, 'HEAD')
        if (!head) return { by: cfg.name }
        const [last] = await git.log({ fs, dir, ref: head, filepath: repoFile(server, domain), depth: 1 }).catch(() => [])
        return { by: cfg.name, ...(last ? { commit: last.oid } : {}) }
      }),
    /** Whether this computer's settings hold that commit (it is this branch's, or one before it). */
    hasCommit: (oid: string): Promise<boolean> =>
      locked(async () => {
        if (!hasRepo()) return false
        const head = await resolve(dir, 'HEAD')
        if (!head) return false
        if (head === oid) return true
        return git.isDescendent({ fs, dir, oid: head, ancestor: oid, depth: -1 }).catch(() => false)
      }),
    /** The app file's history, newest first: who, when, the commit's words (abra users' commits too), and whether it is shared yet. */
    history: (server: string, domain: string, max = 50): Promise<Array<{ oid: string; by: string; at: number; message: string; unshared: boolean }>> =>
      locked(async () => {
        if (!hasRepo()) return []
        const head = await resolve(dir, 'HEAD')
        if (!head) return []
        const log = await git.log({ fs, dir, ref: head, filepath: repoFile(server, domain), depth: max }).catch(() => [])
        const cfg = await config()
        const theirs = cfg ? await resolve(dir, remoteRef(cfg)) : undefined
        const shared = new Set(theirs ? (await git.log({ fs, dir, ref: theirs }).catch(() => [])).map((c) => c.oid) : [])
        return log.map((c) => ({
          oid: c.oid,
          by: c.commit.author.name,
          at: c.commit.author.timestamp * 1000,
          message: c.commit.message.trim(),
          unshared: !!cfg && !shared.has(c.oid)
        }))
      })
  }

  return { handlers, hooks, isShared, record, idle: () => locked(async () => undefined) }
}
