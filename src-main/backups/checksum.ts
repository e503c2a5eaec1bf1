// Reading an archive back against its manifest (and the sidecar's sha256 of
// the whole file): after writing it, and for "Verify". Never throws for a
// damaged archive: what is wrong comes back as words.
import type { z } from 'zod'
import type { VerifyResult } from '../contract/backups'
import { ArchiveError, compareWithManifest, readArchive, type Manifest } from './archive'
import { t } from '../i18n/i18n'

export type Verdict = z.infer<typeof VerifyResult> & { manifest?: Manifest; archiveSha256?: string }

export async function verifyArchive(file: string, expect: { archiveSha256?: string; size?: number } = {}): Promise<Verdict> {
  try {
    const read = await readArchive(file)
    const problems = compareWithManifest(read.manifest, read.seen)
    if (expect.archiveSha256 && read.archiveSha256 !== expect.archiveSha256) {
      problems.unshift(t('backups.check.changed'))
    }
    let files = 0
    let bytes = 0
    for (const v of read.seen.values()) {
      files++
      bytes += v.size
    }
    return { ok: problems.length === 0, problems, files, bytes, manifest: read.manifest, archiveSha256: read.archiveSha256 }
  } catch (err) {
    const why = err instanceof ArchiveError ? err.message : err instanceof Error ? err.message : String(err)
    return { ok: false, problems: [t('backups.check.unreadable', { why })], files: 0, bytes: 0 }
  }
}
