// A restore starts only from a backup that passes the same check as
// "Verify" (verifyArchive against the sidecar's checksum): a corrupted
// archive is refused before anything is touched, and the list loses its ✓.
import type { AppContext } from '../apps/context'
import type { BackupInfo } from '../contract/backups'
import { ApiError } from '../contract/errors'
import type { Manifest } from './archive'
import { verifyArchive } from './checksum'
import { findSidecar, writeSidecar } from './store'
import { t } from '../i18n/i18n'

export async function checkedManifest(ctx: AppContext, backup: Pick<BackupInfo, 'domain' | 'id'>): Promise<Manifest> {
  const sidecar = await findSidecar(ctx.paths, backup.domain, backup.id)
  const verdict = await verifyArchive(sidecar.file, { archiveSha256: sidecar.archiveSha256 })
  if (verdict.ok && verdict.manifest) return verdict.manifest
  const { problems: _old, ...rest } = sidecar
  await writeSidecar(ctx.paths, { ...rest, verified: false, problems: verdict.problems }).catch(() => undefined)
  const shown = verdict.problems.slice(0, 3).join(' ') + (verdict.problems.length > 3 ? ` ${t('backups.restore.moreProblems', { count: verdict.problems.length - 3 })}` : '')
  throw new ApiError(
    'backup-corrupt',
    t('backups.restore.corrupt', { domain: backup.domain, problems: shown }),
    undefined,
    { problems: verdict.problems }
  )
}
