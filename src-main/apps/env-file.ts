// The app's env file, ~/.abra/servers/<server>/<domain>.env, as abra writes
// it. `abra app new` copies the recipe's .env.sample byte for byte, replaces
// every "<recipe>.example.com" with the app's domain, and (when a version is
// chosen) turns the TYPE=/RECIPE= line into "TYPE=<recipe>:<version>". Edits
// here change values in place so the file stays the one abra users know.

import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { Mutex } from 'async-mutex'
import { ApiError } from '../contract/errors'
import type { Diagnostic } from '../compose/diagnostics'
import { parseEnvFile } from '../compose/env'
import { ENV_FILE_LIMIT, sizeWords } from '../core/limits'
import { confinedPath } from '../core/confine'
import { writeFileAtomic } from '../core/files'
import type { Paths } from '../core/paths'
import { domainProblem } from '../contract/domain'
import { commentedAssignment, scanAssignments, splitLines } from './env-lines'
import { t } from '../i18n/i18n'

export interface NewEnvOptions {
  recipe: string
  domain: string
  /** The recipe version (git tag) chosen; abra records it on the TYPE/RECIPE line. */
  version?: string
}

export function newEnvFile(sampleText: string, { recipe, domain, version }: NewEnvOptions): string {
  let text = sampleText.replaceAll(`${recipe}.example.com`, domain)

  // Samples whose DOMAIN isn't "<recipe>.example.com" would keep a wrong
  // domain under abra's rule alone; the app would then deploy elsewhere.
  const values = parseQuietly(text)
  if (values.DOMAIN !== domain) text = setEnvValues(text, { DOMAIN: domain })

  const hasRecipeLine = scanAssignments(text).some((a) => a.key === 'RECIPE' || a.key === 'TYPE')
  if (!hasRecipeLine) text = `RECIPE=${recipe}\n${text}`

  return version ? withRecipeVersion(text, version) : text
}

// abra's WriteRecipeVersion: every line starting "RECIPE=" or "TYPE=" keeps
// what is before its first ":" and gets ":<version>"; a line that already
// mentions the version is left alone.
export function withRecipeVersion(text: string, version: string): string {
  let out = ''
  let from = 0
  for (const l of splitLines(text)) {
    if (!/^(RECIPE|TYPE)=/.test(l.text) || l.text.includes(version)) continue
    out += text.slice(from, l.start) + `${l.text.split(':')[0]}:${version}`
    from = l.end
  }
  return out + text.slice(from)
}

/** The recipe and version recorded in the env (RECIPE wins over the older TYPE). */
export function recipeOf(text: string): { recipe?: string; version?: string } {
  const values = parseQuietly(text)
  const raw = values.RECIPE || values.TYPE
  if (!raw) return {}
  const colon = raw.indexOf(':')
  return colon === -1 ? { recipe: raw } : { recipe: raw.slice(0, colon), version: raw.slice(colon + 1) }
}

/**
 * Sets values in place: the last active line for each key (the one that
 * wins), keeping its quotes and any inline comment such as "# length=128";
 * else a commented-out "#KEY=…" line becomes active where it stands; else
 * the key is added at the end. Values are literal: "$" is never expanded.
 */
export function setEnvValues(text: string, values: Record<string, string>): string {
  let out = text
  for (const [key, value] of Object.entries(values)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw new ApiError('env-invalid', t('apps.env.badKey', { key }))
    const current = scanAssignments(out).filter((a) => a.key === key).pop()
    if (current) {
      out = out.slice(0, current.valueStart) + formatValue(key, value, current.quote) + out.slice(current.valueEnd)
      continue
    }
    const commented = splitLines(out)
      .filter((l) => commentedAssignment(l.text)?.key === key)
      .pop()
    if (commented) {
      out = out.slice(0, commented.start) + `${key}=${formatValue(key, value, '')}` + out.slice(commented.end)
      continue
    }
    const sep = out === '' || out.endsWith('\n') ? '' : '\n'
    out += `${sep}${key}=${formatValue(key, value, '')}\n`
  }
  return out
}

const plainValue = /^[A-Za-z0-9_.,:/@%+=~^*?![\]{}()<>|&;-]*$/

function formatValue(key: string, value: string, preferred: '"' | "'" | ''): string {
  const candidates: string[] = []
  if (preferred === '"') candidates.push(`"${value}"`)
  if (preferred === "'") candidates.push(`'${value}'`)
  if (plainValue.test(value)) candidates.push(value)
  candidates.push(`'${value}'`)
  candidates.push(`"${value.replace(/[\\"$]/g, (c) => `\\${c}`).replaceAll('\n', '\\n').replaceAll('\r', '\\r')}"`)
  // Keep the first spelling that reads back as exactly this value.
  for (const c of candidates) if (parseQuietly(`${key}=${c}`)[key] === value) return c
  throw new ApiError('env-invalid', t('apps.env.badValue', { key }))
}

function parseQuietly(text: string): Record<string, string> {
  return parseEnvFile(text, '.env', [])
}

export interface EnvProblem {
  line?: number
  severity: 'error' | 'warning'
  message: string
}

/** What is wrong in a hand-edited env file, with its line, in plain words. */
export function envProblems(text: string): EnvProblem[] {
  const diagnostics: Diagnostic[] = []
  const values = parseEnvFile(text, '.env', diagnostics)
  const problems: EnvProblem[] = diagnostics.map((d) => ({
    line: d.line,
    severity: d.severity,
    message: d.line ? t('apps.env.line', { line: d.line, message: d.message.replace(/^\.env line \d+: /, '') }) : d.message
  }))
  if (problems.some((p) => p.severity === 'error')) return problems

  if (!values.RECIPE && !values.TYPE) problems.push({ severity: 'error', message: t('apps.env.noRecipe') })
  if (!values.DOMAIN) problems.push({ severity: 'error', message: t('apps.env.noDomain') })
  const seen = new Map<string, number>()
  for (const a of scanAssignments(text)) {
    const earlier = seen.get(a.key)
    // COMPOSE_FILE="$COMPOSE_FILE:…" builds on the earlier value on purpose.
    const buildsOn = new RegExp(`\\$\\{?${a.key.replace(/[.-]/g, '\\$&')}\\b`).test(text.slice(a.valueStart, a.valueEnd))
    if (earlier !== undefined && !buildsOn) {
      problems.push({ line: a.line, severity: 'warning', message: t('apps.env.setAgain', { line: a.line, key: a.key, first: earlier }) })
    }
    if (/^SECRET_.+_VERSION$/.test(a.key) && !/^v\d+$/.test(values[a.key] ?? '')) {
      problems.push({ line: a.line, severity: 'warning', message: t('apps.env.notVersion', { line: a.line, key: a.key }) })
    }
    seen.set(a.key, seen.get(a.key) ?? a.line)
  }
  return problems
}

export { domainProblem } from '../contract/domain'

/** ~/.abra/servers/<server>/<domain>.env, refused (forbidden-path) if the names or a symlink would lead outside ~/.abra/servers. */
export function appEnvPath(paths: Paths, server: string, domain: string): string {
  return confinedPath(paths.serversDir, server, `${domain}.env`)
}

/**
 * Creates the app's env file. Refuses an invalid domain, an unknown server,
 * and a domain already used by an app on any server (abra finds apps by
 * domain alone, so two would clash).
 */
export async function writeAppEnv(paths: Paths, server: string, domain: string, text: string): Promise<string> {
  const problem = domainProblem(domain)
  if (problem) throw new ApiError('invalid-domain', problem)
  const serverDir = confinedPath(paths.serversDir, server)
  if (!(await isDirectory(serverDir))) throw new ApiError('server-unknown', t('apps.env.noServer', { server }))
  const owner = await serverWithApp(paths, domain)
  if (owner) throw new ApiError('app-exists', t('apps.env.appExists', { domain, server: owner }))

  const file = appEnvPath(paths, server, domain)
  const tmp = path.join(serverDir, `.${domain}.env.${crypto.randomBytes(6).toString('hex')}.tmp`)
  // Private to the person: env files name the app's settings, and sometimes hold passwords.
  await fs.writeFile(tmp, text, { mode: 0o600 })
  try {
    // link() never replaces an existing file, so a racing create fails here
    // rather than overwriting; the full file appears at once.
    await fs.link(tmp, file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ApiError('app-exists', t('apps.env.appExists', { domain, server }))
    throw err
  } finally {
    await fs.rm(tmp, { force: true })
  }
  return file
}

// Every change to an existing env file (saveEnv, deploy's version write,
// secret rotation, the proxy's email) goes through updateEnvFile: one lock per
// file, so two changes never both start from the same old text and the later
// write never drops the earlier one's edit.
const envLocks = new Map<string, { mutex: Mutex; users: number }>()

/** Runs fn while holding the env file's lock (one per file, so one per app). */
export async function withEnvFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file)
  let entry = envLocks.get(key)
  if (!entry) envLocks.set(key, (entry = { mutex: new Mutex(), users: 0 }))
  entry.users++
  try {
    return await entry.mutex.runExclusive(fn)
  } finally {
    // Forget the lock once nobody holds or waits for it, so the map stays small.
    if (--entry.users === 0) envLocks.delete(key)
  }
}

/**
 * Lock → re-read → change → write atomically (keeping the file's mode) →
 * unlock. `change` gets the file's text as it is now and returns the new text;
 * returning it unchanged writes nothing. A file that is gone (the app was
 * removed meanwhile) is refused rather than made again.
 */
export async function updateEnvFile(file: string, change: (text: string) => string | Promise<string>): Promise<{ before: string; after: string }> {
  return withEnvFileLock(file, async () => {
    let before: string
    let mode: number
    try {
      mode = (await fs.stat(file)).mode & 0o777
      before = await fs.readFile(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('app-unknown', t('apps.env.fileGone', { file: path.basename(file) }))
      throw err
    }
    const after = await change(before)
    if (after !== before) await writeFileAtomic(file, after, mode)
    return { before, after }
  })
}

/** updateEnvFile for the app `domain` on `server`. */
export function updateAppEnv(paths: Paths, server: string, domain: string, change: (text: string) => string | Promise<string>): Promise<{ before: string; after: string }> {
  return updateEnvFile(appEnvPath(paths, server, domain), change)
}

/**
 * A save of the whole file made from `base` (the text the person started
 * editing), applied onto the file as it is now: values that changed on disk
 * since `base` (a deploy recorded its version, a rotation bumped a secret)
 * and that the person left alone are kept. A value both changed differently
 * is a conflict: nothing is saved, and the person is asked to look again.
 */
export function mergeEnvSave(base: string, mine: string, current: string): string {
  if (current === base || current === mine) return mine
  const b = parseQuietly(base)
  const m = parseQuietly(mine)
  const c = parseQuietly(current)
  const theirs: Record<string, string> = {}
  const clashes: string[] = []
  for (const key of Object.keys(c)) {
    if (c[key] === b[key]) continue
    if (m[key] === b[key]) theirs[key] = c[key]
    else if (m[key] !== c[key]) clashes.push(key)
  }
  // A value removed on disk since base is left to the person's text.
  if (clashes.length) {
    throw new ApiError(
      'env-changed',
      t('apps.env.changed', { keys: clashes.join(', ') }),
      undefined,
      { keys: clashes }
    )
  }
  return Object.keys(theirs).length ? setEnvValues(mine, theirs) : mine
}

export async function readAppEnv(paths: Paths, server: string, domain: string): Promise<string> {
  try {
    const file = appEnvPath(paths, server, domain)
    // A settings file is a few kB; a huge one is refused unread rather than parsed and shown.
    const size = (await fs.stat(file)).size
    if (size > ENV_FILE_LIMIT) {
      throw new ApiError('env-invalid', t('apps.env.tooBig', { domain, size: sizeWords(size), limit: sizeWords(ENV_FILE_LIMIT), file }))
    }
    return await fs.readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ApiError('app-unknown', t('apps.env.noApp', { domain, server }))
    throw err
  }
}

async function serverWithApp(paths: Paths, domain: string): Promise<string | undefined> {
  let servers: string[]
  try {
    servers = await fs.readdir(paths.serversDir)
  } catch {
    return undefined
  }
  for (const s of servers.sort()) {
    try {
      await fs.access(appEnvPath(paths, s, domain))
      return s
    } catch {
      // not on this server
    }
  }
  return undefined
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory()
  } catch {
    return false
  }
}
