// Limits on reading outside input, shared by every feature: a file or a
// download from someone else is read only up to a size that real ones stay
// far below, and refused past it, so one crafted file can't fill the memory
// or freeze the app. (The compose pipeline's own budgets are in
// compose/budgets.ts.)
import fs from 'node:fs'
import { t } from '../i18n/i18n'

/** Characters of an env file (an app's .env, a service's env_file, abra.sh); real ones are under 10 kB. */
export const ENV_FILE_LIMIT = 1024 * 1024

/** "256 kB", "1.5 MB": a size in plain words. */
export function sizeWords(n: number): string {
  if (n < 1024) return t('core.size.bytes', { n })
  if (n < 1024 * 1024) return t('core.size.kB', { n: Math.round(n / 1024) })
  const mb = (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')
  return t('core.size.MB', { n: t('core.size.decimal') === ',' ? mb.replace('.', ',') : mb })
}

/**
 * A file's bytes, read only up to `limit`: a bigger file is refused (code
 * E2BIG) without reading the rest, and anything but a regular file (a
 * folder, a pipe that would never end, /dev/zero behind a symlink) is refused
 * (code EISDIR or ENOTREG) before reading. Opened non-blocking, so a pipe
 * with no writer can't hang the open.
 */
export function readBounded(file: string, limit: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
  try {
    const st = fs.fstatSync(fd)
    if (st.isDirectory()) throw Object.assign(new Error(t('core.limits.folder')), { code: 'EISDIR' })
    if (!st.isFile()) throw Object.assign(new Error(t('core.limits.notOrdinary')), { code: 'ENOTREG' })
    const tooBig = (): Error => Object.assign(new Error(t('core.limits.tooBig', { size: sizeWords(limit) })), { code: 'E2BIG' })
    if (st.size > limit) throw tooBig()
    const chunks: Buffer[] = []
    let total = 0
    const buf = Buffer.allocUnsafe(64 * 1024)
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null)
      if (n === 0) break
      total += n
      // The file may have grown since fstat.
      if (total > limit) throw tooBig()
      chunks.push(Buffer.from(buf.subarray(0, n)))
    }
    return Buffer.concat(chunks)
  } finally {
    fs.closeSync(fd)
  }
}

/** readBounded as UTF-8 text. */
export function readTextBounded(file: string, limit: number): string {
  return readBounded(file, limit).toString('utf8')
}
