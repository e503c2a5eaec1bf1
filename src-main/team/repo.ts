import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import nodeHttp from 'isomorphic-git/http/node'
import type { HttpClient } from 'isomorphic-git'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'
import { commitMayTouch, repoInternal } from './servers'

// The git side of sharing: ~/.abra/servers is the work tree, as abra's docs
// have operators `git init` there, so a teammate's plain `git clone` holds
// the same files byte for byte. isomorphic-git, not the git CLI: laptops may
// not have git installed.

export const http: HttpClient = nodeHttp

/** How long one exchange with the remote may take before it counts as unreachable. */
export const NETWORK_TIMEOUT_MS = 60_000

/** What this app commits: abra's app files of the shared servers (see commitMayTouch in servers.ts). */
export const isShared = (file: string, servers?: string[]): boolean => commitMayTouch(file, servers)

export interface Remote {
  url: string
  token?: string
}

const onAuth = (remote: Remote) => () => (remote.token ? { username: 'oauth2', password: remote.token } : { cancel: true })
// A refused token is not asked again: the error says what to do.
const onAuthFailure = () => ({ cancel: true })

export const authArgs = (remote: Remote) => ({ http, url: remote.url, onAuth: onAuth(remote), onAuthFailure })

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'team-timeout'])

/** An exchange with the remote, given up after NETWORK_TIMEOUT_MS (isomorphic-git's node client has no timeout of its own). */
export async function network<T>(remote: Remote, work: () => Promise<T>, timeoutMs = NETWORK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'team-timeout' })), timeoutMs)
  })
  try {
    return await Promise.race([work(), late])
  } catch (err) {
    throw gitError(err, remote)
  } finally {
    clearTimeout(timer)
  }
}

/** An isomorphic-git or network failure in plain words, the token scrubbed from the details. */
export function gitError(err: unknown, remote: Remote): ApiError {
  if (err instanceof ApiError) return err
  const e = err as { code?: string; message?: string; data?: { statusCode?: number }; cause?: { code?: string } }
  const raw = scrub(String(e?.message ?? err), remote.token)
  const url = remote.url
  const status = e?.data?.statusCode
  const netCode = e?.code && NETWORK_CODES.has(e.code) ? e.code : e?.cause?.code && NETWORK_CODES.has(e.cause.code) ? e.cause.code : undefined
  if (e?.code === 'UserCanceledError' || status === 401 || status === 403) {
    return new ApiError(remote.token ? 'team-token-wrong' : 'team-token-needed', t(remote.token ? 'team.wrongToken' : 'team.noToken', { remote: url }), raw)
  }
  if (status === 404) return new ApiError('team-remote-not-found', t('team.notFound', { remote: url }), raw)
  if (netCode) return new ApiError('team-offline', t('team.offline', { remote: url }), raw)
  if (e?.code === 'SmartHttpError' || e?.code === 'EmptyServerResponseError' || e?.code === 'ParseError' || e?.code === 'UrlParseError') {
    return new ApiError('team-not-a-repository', t('team.notRepo', { remote: url }), raw)
  }
  return new ApiError('team-git-failed', t('team.failed', { remote: url, message: raw }), raw)
}

function scrub(text: string, token?: string): string {
  return token ? text.split(token).join('•••') : text
}

export async function resolve(dir: string, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs, dir, ref })
  } catch {
    return undefined
  }
}

/** Stages every shared file's change (and `also`'s) and commits when anything changed (or `always`); the new commit or undefined. */
export async function commitChanges(dir: string, opts: { message: string; name: string; servers?: string[]; also?: string[]; parents?: string[]; always?: boolean }): Promise<string | undefined> {
  const also = new Set(opts.also ?? [])
  const filter = (f: string): boolean => isShared(f, opts.servers) || also.has(f)
  for (const [file, head, work, stage] of await git.statusMatrix({ fs, dir, filter })) {
    if (head === 1 && work === 1 && stage === 1) continue
    if (work === 0) {
      if (stage !== 0) await git.remove({ fs, dir, filepath: file })
    } else await git.add({ fs, dir, filepath: file })
  }
  const changed = (await git.statusMatrix({ fs, dir, filter })).some(([, head, , stage]) => (head === 1 ? stage !== 1 : stage !== 0))
  if (!changed && !opts.parents && !opts.always) return undefined
  const head = await resolve(dir, 'HEAD')
  return git.commit({
    fs,
    dir,
    message: opts.message,
    author: { name: opts.name, email: '' },
    ...(opts.parents ? { parent: opts.parents } : head ? {} : { parent: [] })
  })
}

/** Commits in `ref` that `other` doesn't have. */
export async function commitsNotIn(dir: string, ref: string, other: string | undefined): Promise<number> {
  const mine = await resolve(dir, ref)
  if (!mine) return 0
  const log = await git.log({ fs, dir, ref: mine })
  if (!other) return log.length
  const theirs = new Set((await git.log({ fs, dir, ref: other })).map((c) => c.oid))
  return log.filter((c) => !theirs.has(c.oid)).length
}

/** The file's bytes at a commit, or undefined when it isn't there. */
export async function blobAt(dir: string, oid: string | undefined, filepath: string): Promise<Buffer | undefined> {
  if (!oid) return undefined
  try {
    return Buffer.from((await git.readBlob({ fs, dir, oid, filepath })).blob)
  } catch {
    return undefined
  }
}

/** A commit's files, but never one inside a `.git` folder (see repoInternal). */
export async function filesAt(dir: string, oid: string | undefined): Promise<string[]> {
  return oid ? (await git.listFiles({ fs, dir, ref: oid })).filter((f) => !repoInternal(f)) : []
}

export function writeWorkFile(dir: string, file: string, bytes: Buffer | undefined): void {
  // The last guard: the callers already leave such files out.
  if (repoInternal(file)) throw new Error(`refusing to write ${file}: it is inside a .git folder`)
  const full = confinedPath(dir, ...file.split('/'))
  if (bytes === undefined) {
    fs.rmSync(full, { force: true })
    return
  }
  fs.mkdirSync(path.dirname(full), { recursive: true })
  fs.writeFileSync(full, bytes)
}

export async function authorOf(dir: string, oid: string): Promise<string | undefined> {
  try {
    return (await git.readCommit({ fs, dir, oid })).commit.author.name || undefined
  } catch {
    return undefined
  }
}
