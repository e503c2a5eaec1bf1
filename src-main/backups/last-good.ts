// When each app's newest verified backup was made, for Health's rounds. A
// round asks this for every app on every server each minute, and reading an
// app's sidecars costs a file open and a JSON parse per backup (10 servers of
// 50 apps with a week of dailies: 3,500 files, about 1.5 s of CPU a round).
// An app's answer is kept until its backups folder changes: making,
// verifying or deleting a backup renames or removes a file in it, which moves
// the folder's mtime, whichever process did it (the window or the CLI).
import { statSync } from 'node:fs'
import type { Paths } from '../core/paths'
import { backupDir, listBackups } from './store'

/**
 * A change within one tick of the file system's clock can leave the mtime
 * where it was; an answer read this soon after the folder last changed is
 * read again next time (git's "racy" rule). Two seconds covers the coarsest
 * clocks in use (FAT, some network file systems).
 */
export const RACY_MS = 2000

interface Known {
  mtimeMs: number
  readAt: number
  at: Promise<number | undefined>
}

/** A cached `lastGoodBackup(domain)`: the newest verified backup's time (ms), or undefined. */
export function lastGoodBackups(paths: Paths, now: () => number = Date.now): (domain: string) => Promise<number | undefined> {
  const known = new Map<string, Known>()
  // Where each app's folder is, confined once: only its mtime is read through
  // it, and listBackups confines the folder again whenever it is read.
  const dirs = new Map<string, string>()
  return async (domain) => {
    let dir = dirs.get(domain)
    if (!dir) dirs.set(domain, (dir = backupDir(paths, domain)))
    // At once rather than through the thread pool (see apps/list.ts readAppFiles):
    // one cheap system call per app and round, where the promise form adds a
    // thread hand-off and an event-loop wake-up each.
    let stat: ReturnType<typeof statSync>
    try {
      stat = statSync(dir, { throwIfNoEntry: false })
    } catch {
      stat = undefined
    }
    if (!stat) {
      known.delete(domain)
      return undefined
    }
    const cached = known.get(domain)
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.readAt - stat.mtimeMs > RACY_MS) return cached.at
    const readAt = now()
    const at = listBackups(paths, domain).then((list) => {
      const good = list.filter((b) => b.verified).map((b) => Date.parse(b.createdAt))
      return good.length ? Math.max(...good) : undefined
    })
    known.set(domain, { mtimeMs: stat.mtimeMs, readAt, at })
    // A failed read is not kept.
    at.catch(() => {
      if (known.get(domain)?.at === at) known.delete(domain)
    })
    return at
  }
}
