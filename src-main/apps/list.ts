// The apps list: every ~/.abra/servers/<server>/*.env, with what each
// server's swarm says about it. A server is asked a fixed number of questions
// however many apps it has (its services and its tasks, filtered by the stack
// label), and every server is asked at the same time.
import { lstatSync, statSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { AppSummary } from '../contract/apps'
import { ApiError, knownErrorBody } from '../contract/errors'
import { confinedPath } from '../core/confine'
import type { Paths } from '../core/paths'
import { listVersions, recipeDir } from '../recipes/git'
import { listServerNames } from '../servers/store'
import { loadApp, type AppContext } from './context'
import { countCalls, dockerBytes, stackFilter } from './list-docker'
import { groupByStack, summarize, upgradeFrom, type AppFile, type StackState } from './list-match'
import type { SwarmService, SwarmTask } from './status'
import { currentLanguage, t } from '../i18n/i18n'

export interface ServerAnswer {
  name: string
  ok: boolean
  error?: string
  calls: number
  stacks: Map<string, StackState>
}

/**
 * What readAppFiles took from each env file, kept while the file looks the
 * same (Health lists every app of every server each round; reading and
 * confining 50 files cost ~14 ms of CPU a server): a regular file, not a
 * symlink (lstat), in the server folder confined this time, by inode, size
 * and change times. A file changed in the last RACY_MS is read again next
 * time too, as git does for its index: a second write within the file
 * system's timestamp tick, of the same size, would look unchanged.
 */
const appFilesKept = new Map<string, { stamp: string; app: AppFile }>()
const RACY_MS = 2000

/** The apps whose env files are kept for `server`, sorted by domain. */
export async function readAppFiles(paths: Paths, server: string): Promise<AppFile[]> {
  let names: string[]
  let folder: string
  try {
    // A server folder that leads outside ~/.abra/servers is read as empty.
    folder = confinedPath(paths.serversDir, server)
    names = await fs.readdir(folder)
  } catch {
    return []
  }
  const domains = names.filter((n) => n.endsWith('.env') && !n.startsWith('.') && n.length > 4).map((n) => n.slice(0, -4))
  const seen = new Set<string>()
  const apps = await Promise.all(
    domains.sort().map(async (domain): Promise<AppFile | undefined> => {
      const file = path.join(folder, `${domain}.env`)
      seen.add(file)
      try {
        // One lstat system call, made at once: the promise form costs a trip
        // through libuv's thread pool and a wake-up of the event loop each,
        // which for Health's 500 files a round (10 servers of 50 apps) was
        // more than the look itself (measured with perf on the rig).
        const st = lstatSync(file, { throwIfNoEntry: false })
        if (!st) {
          // Removed while we were reading the folder.
          appFilesKept.delete(file)
          return undefined
        }
        const stamp = st.isFile() ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : undefined
        const kept = appFilesKept.get(file)
        if (stamp !== undefined && kept?.stamp === stamp) return kept.app
        // Read after the stamp: a change in between only makes the next look read again.
        const a = await loadApp({ paths }, server, domain)
        const app: AppFile = { server, domain, envFile: a.envFile, stackName: a.stackName, recipe: a.recipe, version: a.version }
        if (stamp !== undefined && Date.now() - Math.max(st.mtimeMs, st.ctimeMs) > RACY_MS) appFilesKept.set(file, { stamp, app })
        else appFilesKept.delete(file)
        return app
      } catch {
        // Removed, or made unreadable, while we were reading it.
        appFilesKept.delete(file)
        return undefined
      }
    })
  )
  // Forget the files gone from this folder.
  for (const file of appFilesKept.keys()) if (path.dirname(file) === folder && !seen.has(file)) appFilesKept.delete(file)
  return apps.filter((a): a is AppFile => a !== undefined)
}

/**
 * The last answers of each server (and stack) with what they were grouped
 * into, so an answer that comes back byte for byte the same is not parsed
 * and grouped again: the same StackState objects come back, and the
 * summaries made from them are kept too (summaryOf). Bounded: a server is
 * asked for all its stacks and for one app's stack at a time.
 */
const answersKept = new Map<string, { services: Buffer; tasks: Buffer; stacks: Map<string, StackState> }>()
const ANSWERS_KEPT_MAX = 64

function grouped(key: string, services: Buffer, tasks: Buffer): Map<string, StackState> {
  const kept = answersKept.get(key)
  if (kept && kept.services.equals(services) && kept.tasks.equals(tasks)) return kept.stacks
  const stacks = groupByStack(JSON.parse(services.toString('utf8')) as SwarmService[], JSON.parse(tasks.toString('utf8')) as SwarmTask[])
  answersKept.delete(key)
  if (answersKept.size >= ANSWERS_KEPT_MAX) answersKept.delete(answersKept.keys().next().value as string)
  answersKept.set(key, { services, tasks, stacks })
  return stacks
}

/** One server's services and tasks: two Docker API calls, for one stack or for all. */
export async function askServer(ctx: Pick<AppContext, 'open'>, server: string, stack?: string): Promise<ServerAnswer> {
  let counted: ReturnType<typeof countCalls> | undefined
  try {
    const conn = await ctx.open(server)
    await conn.ready()
    counted = countCalls(conn.docker())
    const filters = stackFilter(stack)
    const [services, tasks] = await Promise.all([dockerBytes(counted.docker, '/services', { filters, status: true }), dockerBytes(counted.docker, '/tasks', { filters })])
    return { name: server, ok: true, calls: counted.calls(), stacks: grouped(`${server}\n${stack ?? ''}`, services, tasks) }
  } catch (err) {
    return { name: server, ok: false, error: unreachableWords(server, err), calls: counted?.calls() ?? 0, stacks: new Map() }
  }
}

/**
 * An app's summary, kept while its env file (the same AppFile object, see
 * readAppFiles), its stack's share of the server's answer (the same
 * StackState, see grouped) and the language are the same: status words
 * depend on nothing else.
 */
const summariesKept = new WeakMap<StackState, { file: AppFile; language: string; summary: AppSummary }>()

export function summaryOf(file: AppFile, state: StackState | undefined, reachable: boolean): AppSummary {
  if (!reachable || !state) return summarize(file, state, reachable)
  const kept = summariesKept.get(state)
  const language = currentLanguage()
  if (kept && kept.file === file && kept.language === language) return kept.summary
  const summary = summarize(file, state, reachable)
  summariesKept.set(state, { file, language, summary })
  return summary
}

function unreachableWords(server: string, err: unknown): string {
  const known = knownErrorBody(err)
  if (known) return known.message
  const raw = err instanceof Error ? err.message : String(err)
  return t('apps.list.noDocker', { server, raw })
}

/** The newest tag of each local recipe checkout, read once per refresh; no network. */
export function newestVersions(paths: Paths): (recipe: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>()
  return (recipe) => {
    let p = cache.get(recipe)
    if (!p) {
      p = newestTag(recipeDir(paths.recipesDir, recipe))
      cache.set(recipe, p)
    }
    return p
  }
}

/**
 * Each checkout's newest tag, kept from one refresh to the next (Health
 * lists every server's apps each round, and so read every recipe's tags
 * once per server per round) for as long as the places git keeps tag names
 * look the same: the folder .git/refs/tags (a tag made or deleted changes
 * it) and the file .git/packed-refs (fetch, pack-refs), by inode, size and
 * change times; a missing one counts as missing. A checkout laid out any
 * other way (.git a file) is read every time.
 */
const newestKept = new Map<string, { stamp: string; newest: Promise<string | undefined> }>()

async function newestTag(dir: string): Promise<string | undefined> {
  const stamp = tagsStamp(dir)
  const kept = newestKept.get(dir)
  if (stamp !== undefined && kept?.stamp === stamp) return kept.newest
  // Read after the stamp: a tag made in between only makes the next look read again.
  const newest = listVersions(dir).then(
    (versions) => versions[0],
    () => undefined
  )
  if (stamp === undefined) newestKept.delete(dir)
  else newestKept.set(dir, { stamp, newest })
  return newest
}

// Plain stats: the promise form's trips through the thread pool cost more than the stats.
function tagsStamp(dir: string): string | undefined {
  try {
    return ['refs/tags', 'packed-refs']
      .map((p) => {
        const s = statSync(path.join(dir, '.git', p), { throwIfNoEntry: false })
        return s ? `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}` : '-'
      })
      .join('/')
  } catch {
    return undefined
  }
}

/** Each app with its upgrade, if any; each recipe's newest version is asked for once. */
export async function withUpgrades(apps: AppSummary[], newest: (recipe: string) => Promise<string | undefined>): Promise<AppSummary[]> {
  const recipes = [...new Set(apps.map((a) => a.recipe).filter((r): r is string => !!r))]
  const newestOf = new Map(await Promise.all(recipes.map(async (r) => [r, await newest(r)] as const)))
  return apps.map((a) => {
    const upgrade = a.recipe ? upgradeFrom(a.version, newestOf.get(a.recipe)) : undefined
    return upgrade ? { ...a, upgrade } : a
  })
}

export async function listApps(ctx: AppContext, server?: string): Promise<{ apps: AppSummary[]; servers: Array<Omit<ServerAnswer, 'stacks'>> }> {
  const all = await listServerNames(ctx.paths)
  if (server && !all.includes(server)) throw new ApiError('server-unknown', t('apps.list.noServer', { server }))
  const names = server ? [server] : all
  const newest = newestVersions(ctx.paths)
  const perServer = await Promise.all(
    names.map(async (name) => {
      const [files, answer] = await Promise.all([readAppFiles(ctx.paths, name), askServer(ctx, name)])
      const apps = files.map((f) => summaryOf(f, answer.stacks.get(f.stackName), answer.ok))
      return { apps: await withUpgrades(apps, newest), server: { name, ok: answer.ok, error: answer.error, calls: answer.calls } }
    })
  )
  return { apps: perServer.flatMap((p) => p.apps), servers: perServer.map((p) => p.server) }
}

/** One app's summary: the same questions as the list, for its stack only. */
export async function appSummary(ctx: AppContext, server: string, domain: string): Promise<AppSummary> {
  const app = await loadApp(ctx, server, domain)
  const file: AppFile = { server, domain, envFile: app.envFile, stackName: app.stackName, recipe: app.recipe, version: app.version }
  const answer = await askServer(ctx, server, app.stackName)
  const [summary] = await withUpgrades([summarize(file, answer.stacks.get(app.stackName), answer.ok)], newestVersions(ctx.paths))
  return summary
}
