// "Keep the last N": applied after each successful backup, per app.
import type { Paths } from '../core/paths'
import { listSidecars, removeBackup } from './store'

/** The ids to delete so that only the newest `keepLast` remain. */
export function beyondKeepLast(idsNewestFirst: string[], keepLast: number | undefined): string[] {
  if (keepLast === undefined || keepLast < 1) return []
  return idsNewestFirst.slice(keepLast)
}

/** Deletes the app's oldest backups beyond keepLast; resolves to the ids removed. */
export async function applyRetention(paths: Paths, domain: string, keepLast: number | undefined): Promise<string[]> {
  const doomed = beyondKeepLast((await listSidecars(paths, domain)).map((s) => s.id), keepLast)
  for (const id of doomed) await removeBackup(paths, domain, id)
  return doomed
}
