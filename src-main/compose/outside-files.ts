// Files a recipe names: compose files (COMPOSE_FILE), env_file entries,
// config and secret `file:` entries, abra.sh. Their content goes to the
// server, where the recipe's containers can read it, so a recipe that names
// `../../../.ssh/id_ed25519` (or ships a symlink to it) would send the
// person's SSH key to whoever wrote the recipe. From the window and the
// browser page such a file is refused; the CLI reads it, with a warning, as
// docker stack deploy reads any path it is given.
import { confinedPath } from '../core/confine'
import { excerpt } from './diagnostics'
import { t } from '../i18n/i18n'

/** What to do with a file that resolves outside the recipe folder. */
export type OutsideFiles = 'refuse' | 'warn'

/** The default: a render that is not told otherwise stays inside the recipe. */
export const DEFAULT_OUTSIDE_FILES: OutsideFiles = 'refuse'

/** Whether `abs`, every symlink on its way resolved, lies inside `root` (resolved the same way). */
export function insideFolder(root: string, abs: string): boolean {
  try {
    confinedPath(root, abs)
    return true
  } catch {
    // Outside, a loop of symlinks, or a folder that can't be read: not provably inside.
    return false
  }
}

/**
 * The words for a reference to `named` (as written in the recipe) that leads
 * outside the recipe folder: an error when refused, a warning otherwise.
 */
export function outsideWords(what: string, named: string, mode: OutsideFiles): string {
  const shown = excerpt(named)
  if (mode === 'refuse') {
    return t('compose.outsideRefused', { what, file: shown })
  }
  return t('compose.outsideWarned', { what, file: shown })
}
