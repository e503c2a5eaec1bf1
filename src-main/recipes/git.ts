import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import http from 'isomorphic-git/http/node'
import { ApiError } from '../contract/errors'
import { confinedPath, excerpt } from '../core/confine'
import { peelToCommit, status } from './status'
import { sortVersionsNewestFirst } from './versions'
import { t } from '../i18n/i18n'

// Recipes are git repos under ~/.abra/recipes/<name>, as abra keeps them.
// isomorphic-git, not the git CLI: laptops may not have git installed.

export { status } from './status'
export type { RecipeChange, RecipeStatus } from './status'

export interface RecipeProgress {
  phase: string
  loaded: number
  total?: number
}

export interface CloneOrFetchOptions {
  url: string
  dir: string
  onProgress?: (progress: RecipeProgress) => void
}

/** Where recipe `name` is checked out, refusing names that would leave the recipes folder. */
export function recipeDir(recipesDir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes('..')) {
    throw new ApiError('recipe-name-invalid', t('recipes.badName', { name: excerpt(name) }))
  }
  return confinedPath(recipesDir, name)
}

/**
 * Clones `url` into `dir`, or, when `dir` is already a clone, fetches its
 * branches and new tags. Never touches the working tree of an existing clone.
 */
export async function cloneOrFetch({ url, dir, onProgress }: CloneOrFetchOptions): Promise<{ action: 'cloned' | 'fetched' }> {
  const progress = onProgress && ((e: { phase: string; loaded: number; total?: number }) => onProgress({ phase: e.phase, loaded: e.loaded, total: e.total }))
  const name = path.basename(dir)
  if (fs.existsSync(path.join(dir, '.git'))) {
    try {
      await git.fetch({ fs, http, dir, url, remote: 'origin', tags: true, onProgress: progress })
    } catch (err) {
      throw new ApiError('recipe-fetch-failed', t('recipes.fetchFailed', { name, url }), errText(err))
    }
    return { action: 'fetched' }
  }
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new ApiError('recipe-not-a-repo', t('recipes.notRepo', { dir, name }))
  }
  // Clone beside the target and move it in at the end, so a failed download
  // never leaves a half-made recipe that later looks like a real one.
  fs.mkdirSync(path.dirname(dir), { recursive: true })
  const partial = fs.mkdtempSync(path.join(path.dirname(dir), `.${name}.partial-`))
  try {
    await git.clone({ fs, http, dir: partial, url, onProgress: progress })
    fs.rmSync(dir, { recursive: true, force: true }) // only ever an empty folder here
    fs.renameSync(partial, dir)
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true })
    throw new ApiError('recipe-clone-failed', t('recipes.cloneFailed', { name, url }), errText(err))
  }
  return { action: 'cloned' }
}

/** The recipe's versions (its git tags), newest first as abra lists them. */
export async function listVersions(dir: string): Promise<string[]> {
  return sortVersionsNewestFirst(await git.listTags({ fs, dir }))
}

/**
 * Checks out version `tag` (HEAD detached at it, as abra does). Refuses when
 * local edits or local commits would be lost.
 */
export async function checkoutVersion(dir: string, tag: string): Promise<void> {
  const name = path.basename(dir)
  await tagCommit(dir, tag)
  const st = await status(dir)
  if (st.dirty) {
    const files = st.changes.map((c) => c.path)
    const shown = files.length > 5 ? t('recipes.andMore', { files: files.slice(0, 5).join(', '), more: files.length - 5 }) : files.join(', ')
    throw new ApiError(
      'recipe-dirty',
      t('recipes.dirty', { name, files: shown, tag }),
      st.changes.map((c) => `${c.change}: ${c.path}`).join('\n'),
      { files, changes: st.changes }
    )
  }
  if (st.diverged) {
    throw new ApiError(
      'recipe-diverged',
      t('recipes.diverged', { name, refs: st.divergedRefs.join(', '), tag }),
      undefined,
      { refs: st.divergedRefs }
    )
  }
  await git.checkout({ fs, dir, ref: `refs/tags/${tag}` })
}

/** One file's bytes as of version `tag`, without touching the checkout. */
export async function readFileAtVersion(dir: string, tag: string, filepath: string): Promise<Buffer> {
  const clean = path.posix.normalize(filepath.replace(/\\/g, '/')).replace(/^\.\//, '')
  if (clean.startsWith('/') || clean === '..' || clean.startsWith('../')) {
    throw new ApiError('recipe-file-invalid', t('recipes.badPath', { path: filepath }))
  }
  const oid = await tagCommit(dir, tag)
  try {
    const { blob } = await git.readBlob({ fs, dir, oid, filepath: clean })
    return Buffer.from(blob)
  } catch (err) {
    throw new ApiError('recipe-file-not-found', t('recipes.noFile', { tag, name: path.basename(dir), file: clean }), errText(err))
  }
}

async function tagCommit(dir: string, tag: string): Promise<string> {
  let oid: string | undefined
  try {
    oid = await peelToCommit(dir, await git.resolveRef({ fs, dir, ref: `refs/tags/${tag}` }))
  } catch { /* unknown tag: reported below */ }
  if (!oid) {
    const known = await listVersions(dir).catch(() => [])
    throw new ApiError(
      'recipe-version-unknown',
      known.length ? t('recipes.noVersionKnown', { name: path.basename(dir), tag, known: known.join(', ') }) : t('recipes.noVersion', { name: path.basename(dir), tag })
    )
  }
  return oid
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
