import fs from 'node:fs'
import path from 'node:path'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'

// The one place the core turns names that came from outside (a server name,
// an app's domain, a recipe, a backup, a volume) into a path under one of its
// own folders. Every such path goes through confinedPath, so a name like
// "../../projects/shop" or a symlink planted in ~/.abra can never make the app
// read, write or delete a file elsewhere on the computer.

// Linux allows 4096 bytes for a path and 255 for one name; longer input is
// refused in words rather than failing later with ENAMETOOLONG.
const MAX_PATH = 4096
const MAX_NAME = 255
// Symlinks followed while resolving, as the kernel's own limit (ELOOP).
const MAX_LINKS = 40
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A short, printable excerpt of outside input for an error message. */
export function excerpt(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, '?')
  return printable.length > max ? `${printable.slice(0, max)}…` : printable
}

type Refusal = 'notName' | 'control' | 'broken' | 'tooLong' | 'nameTooLong' | 'loop' | 'outside'

function refuse(root: string, parts: string[], why: Refusal): never {
  const asked = excerpt(parts.join('/'))
  throw new ApiError('forbidden-path', t(`core.confine.${why}`, { root, asked }))
}

/**
 * The real location of `p` even when its end does not exist yet: the realpath
 * of its deepest existing ancestor, with the rest appended. Symlinks on the
 * way, dangling ones included, are followed, as opening the path would.
 */
export function realLocation(p: string): string {
  let rest: string[] = []
  let current = path.resolve(p)
  for (let links = 0; ; ) {
    try {
      // The system's realpath: one call, where Node's own lstats every part
      // of the path (Health's rounds confine a path per app every minute).
      return path.join(fs.realpathSync.native(current), ...rest)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err
    }
    let target: string | undefined
    try {
      if (fs.lstatSync(current).isSymbolicLink()) target = fs.readlinkSync(current)
    } catch {
      // does not exist at all: look at its parent
    }
    if (target !== undefined) {
      // A dangling symlink: writing through it would create its target.
      if (++links > MAX_LINKS) throw Object.assign(new Error(`Too many symbolic links at ${p}`), { code: 'ELOOP' })
      current = path.resolve(path.dirname(current), target)
      continue
    }
    const parent = path.dirname(current)
    if (parent === current) return path.join(current, ...rest)
    rest = [path.basename(current), ...rest]
    current = parent
  }
}

/**
 * `parts` joined under `root`, refused (ApiError 'forbidden-path') unless the
 * result, with every symlink resolved, stays inside root's real location.
 * Returns the joined path (not the resolved one), as callers show it to people.
 * An absolute part is refused unless it already points inside root.
 */
export function confinedPath(root: string, ...parts: string[]): string {
  for (const part of parts) {
    if (typeof part !== 'string' || part === '') refuse(root, parts.map(String), 'notName')
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(part)) refuse(root, parts, 'control')
    // A lone surrogate can't be written as a file name; Node would store U+FFFD,
    // so two different names would open the same file.
    if (LONE_SURROGATE.test(part)) refuse(root, parts, 'broken')
  }
  const joined = path.resolve(root, ...parts)
  if (Buffer.byteLength(joined) > MAX_PATH) refuse(root, parts, 'tooLong')
  if (joined.split(path.sep).some((name) => Buffer.byteLength(name) > MAX_NAME)) refuse(root, parts, 'nameTooLong')

  let realRoot: string
  let real: string
  try {
    realRoot = realLocation(root)
    real = realLocation(joined)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ELOOP') refuse(root, parts, 'loop')
    throw err
  }
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep)) {
    refuse(root, parts, 'outside')
  }
  return joined
}
