// STUB — being written: ~/.abra/backups/<domain>/, listing, settings, retention.
import type { BackupInfo } from '../contract/backups'
import { ApiError } from '../contract/errors'
import type { Paths } from '../core/paths'

export async function listBackups(_paths: Paths, _domain?: string): Promise<BackupInfo[]> {
  throw new ApiError('not-ready', 'Not written yet.')
}

/** One backup; `backup-unknown` when there is no such (good) backup. */
export async function findBackup(_paths: Paths, _domain: string, _id: string): Promise<BackupInfo> {
  throw new ApiError('not-ready', 'Not written yet.')
}
