// STUB — being written: taking a backup.
import type { BackupInfo } from '../contract/backups'
import { ApiError } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import type { AppContext } from '../apps/context'

/**
 * Takes a backup of the app inside an existing job (the upgrade's too):
 * hooks, streaming, manifest, verification, rename. Resolves to the verified
 * backup; rejects (leaving nothing under a final name) on any failure.
 */
export async function runBackup(_ctx: AppContext, _req: { server: string; domain: string }, _job: JobContext): Promise<BackupInfo> {
  throw new ApiError('not-ready', 'Not written yet.')
}
