// ~/.abra/backups/<domain>/: each backup is <id>.tar.gz with a sidecar
// <id>.json written only after the archive verified, so listing never has to
// open an archive and an interrupted backup (a .partial) is never listed.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { BackupInfo } from '../contract/backups'
import { ApiError } from '../contract/errors'
import { confinedPath, excerpt } from '../core/confine'
import { writeFileAtomic } from '../core/files'
import type { Paths } from '../core/paths'
import { t } from '../i18n/i18n'

/** What the sidecar holds: the listing's fields plus what "Verify" checks against. */
export interface Sidecar extends BackupInfo {
  stackName: string
  /** sha256 of the whole .tar.gz as written. */
  archiveSha256: string
  /** Per volume: what it holds, for the Backups screen and the restore plan. */
  volumes: { service: string; volume: string; mountPath: string; paths?: string[]; files: number; bytes: number }[]
  hooks: { service: string; kind: 'pre' | 'post'; exitCode: number }[]
  /** Set by a failed "Verify": what was wrong. */
  problems?: string[]
}

export const ARCHIVE_EXT = '.tar.gz'
export const PARTIAL_EXT = '.tar.gz.partial'
const DAY_MS = 24 * 60 * 60 * 1000

/** The folder of one app's backups; refuses a domain that would leave ~/.abra/backups. */
export function backupDir(paths: Paths, domain: string): string {
  if (!domain || /[/\\\0]/.test(domain) || domain === '.' || domain === '..') {
    throw new ApiError('backup-unknown', t('backups.store.notApp', { domain: excerpt(domain) }))
  }
  return confinedPath(paths.backupsDir, domain)
}

/**
 * Creates ~/.abra/backups and `dir` inside it (an app's folder) private to
 * the person (0700), and narrows them when an older version or another tool
 * left them readable by others: backups hold the apps' data.
 */
export async function ensurePrivateDir(paths: Paths, dir = paths.backupsDir): Promise<void> {
  const folders = [paths.backupsDir]
  if (path.resolve(dir) !== path.resolve(paths.backupsDir)) folders.push(confinedPath(paths.backupsDir, path.relative(paths.backupsDir, dir)))
  for (const folder of folders) {
    await fs.mkdir(folder, { recursive: true, mode: 0o700 })
    const { mode } = await fs.stat(folder)
    if ((mode & 0o077) !== 0) await fs.chmod(folder, mode & 0o700)
  }
}

export const archivePath = (paths: Paths, domain: string, id: string): string => confinedPath(backupDir(paths, domain), id + ARCHIVE_EXT)
export const sidecarPath = (paths: Paths, domain: string, id: string): string => confinedPath(backupDir(paths, domain), `${id}.json`)
export const partialPath = (paths: Paths, domain: string, id: string): string => confinedPath(backupDir(paths, domain), id + PARTIAL_EXT)

/** A backup's time in words for job titles and logs: this machine's local time, to the minute ("1 Dec 2026, 23:21"), never the raw id. */
export function localTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** A new backup's id: its UTC time, safe in file names and sorted by time. */
export function newBackupId(now = new Date()): string {
  return now.toISOString().replace(/:/g, '-')
}

export async function writeSidecar(paths: Paths, sidecar: Sidecar): Promise<void> {
  await writeFileAtomic(sidecarPath(paths, sidecar.domain, sidecar.id), JSON.stringify(sidecar, null, 2) + '\n', 0o600)
}

export async function readSidecar(paths: Paths, domain: string, id: string): Promise<Sidecar | undefined> {
  let text: string
  try {
    text = await fs.readFile(sidecarPath(paths, domain, id), 'utf8')
  } catch {
    return undefined
  }
  try {
    const s = JSON.parse(text) as Sidecar
    // The archive is the backup; a sidecar left without one is not.
    await fs.access(archivePath(paths, domain, id))
    return { ...s, id, domain, file: archivePath(paths, domain, id) }
  } catch {
    return undefined
  }
}

export function toInfo(s: Sidecar): BackupInfo {
  return {
    id: s.id,
    domain: s.domain,
    server: s.server,
    file: s.file,
    createdAt: s.createdAt,
    size: s.size,
    ...(s.recipe ? { recipe: s.recipe } : {}),
    ...(s.version ? { version: s.version } : {}),
    services: s.services,
    verified: s.verified,
    ...(s.verifiedAt ? { verifiedAt: s.verifiedAt } : {})
  }
}

async function entriesOf(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir)
  } catch {
    return []
  }
}

// Partials a crash left behind are kept a day (one may still be being written)
// and then removed, so they don't fill the disk unseen.
async function sweepPartials(dir: string, names: string[]): Promise<void> {
  for (const name of names.filter((n) => n.endsWith(PARTIAL_EXT))) {
    const file = path.join(dir, name)
    const stat = await fs.stat(file).catch(() => undefined)
    if (stat && Date.now() - stat.mtimeMs > DAY_MS) await fs.rm(file, { force: true })
  }
}

/** One app's sidecars (or every app's), newest first. */
export async function listSidecars(paths: Paths, domain?: string): Promise<Sidecar[]> {
  const domains = domain ? [domain] : (await entriesOf(paths.backupsDir)).filter((d) => d !== 'settings.json' && !d.startsWith('.'))
  const out: Sidecar[] = []
  for (const d of domains) {
    let dir: string
    try {
      dir = backupDir(paths, d)
    } catch (err) {
      // Asked for by name: say why. While listing them all: skip it.
      if (domain && err instanceof ApiError && err.code === 'forbidden-path') throw err
      continue
    }
    const names = await entriesOf(dir)
    await sweepPartials(dir, names)
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue
      const s = await readSidecar(paths, d, name.slice(0, -'.json'.length))
      if (s) out.push(s)
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1))
}

export async function listBackups(paths: Paths, domain?: string): Promise<BackupInfo[]> {
  return (await listSidecars(paths, domain)).map(toInfo)
}

export async function findSidecar(paths: Paths, domain: string, id: string): Promise<Sidecar> {
  // A backups folder (or file) that leads outside ~/.abra/backups is refused in
  // words (forbidden-path), not taken for a missing backup.
  sidecarPath(paths, domain, id)
  archivePath(paths, domain, id)
  const s = await readSidecar(paths, domain, id)
  if (!s) throw new ApiError('backup-unknown', t('backups.store.unknown', { id, domain }))
  return s
}

/** One backup; `backup-unknown` when there is no such (good) backup. */
export async function findBackup(paths: Paths, domain: string, id: string): Promise<BackupInfo> {
  return toInfo(await findSidecar(paths, domain, id))
}

/** Deletes the archive and its sidecar (sidecar first: a half-deleted backup is then simply not listed). */
export async function removeBackup(paths: Paths, domain: string, id: string): Promise<void> {
  await findSidecar(paths, domain, id)
  await fs.rm(sidecarPath(paths, domain, id), { force: true })
  await fs.rm(archivePath(paths, domain, id), { force: true })
}
