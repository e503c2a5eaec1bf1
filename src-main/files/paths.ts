// Paths inside a volume and names on this computer, decided before anything
// reaches a server: a path is normalised here and refused when it would leave
// the volume ("../", an absolute path elsewhere). The server checks again,
// after symlinks (see VOLUME_SCRIPT in reach.ts).
import path from 'node:path'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'

/** "", "/", "./" are the volume's root (""); "a//b/" is "a/b"; anything with a ".." part is refused. */
export function innerPath(asked: string): string {
  const parts = asked.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.includes('..')) throw new ApiError('files-outside', t('files.outside', { path: asked }))
  return parts.join('/')
}

/** Where an inner path is inside the container: under the volume's mount point. */
export function inContainer(mountPath: string, inner: string): string {
  return inner ? path.posix.join(mountPath, inner) : mountPath
}

/** The name a download is saved under: the file's own, or the folder's (the volume's for its root) plus .tar.gz. */
export function downloadName(volumeName: string, inner: string, folder: boolean): string {
  const base = inner ? path.posix.basename(inner) : volumeName
  return folder ? `${base}.tar.gz` : base
}

/** "report.pdf" → "report (2).pdf", "site.tar.gz" → "site (2).tar.gz": the n-th free name in a folder. */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name
  const m = /^(.+?)((?:\.tar)?\.[^.\s]{1,8})?$/.exec(name)
  return m ? `${m[1]} (${n})${m[2] ?? ''}` : `${name} (${n})`
}
