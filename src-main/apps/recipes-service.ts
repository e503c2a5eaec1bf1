// Recipes for the app lifecycle: the checkout under ~/.abra/recipes/<name>,
// its versions, notes and README. Deploys and forms run at the same time, so
// everything that changes a checkout (clone, fetch, version switch) takes
// that recipe's turn in a queue.
import fs from 'node:fs/promises'
import path from 'node:path'
import { ApiError } from '../contract/errors'
import { sizeWords } from '../core/limits'
import { checkoutVersion, cloneOrFetch, listVersions, recipeDir, status } from '../recipes/git'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'
import { recipeFilesAt } from './recipe-files'
import { t } from '../i18n/i18n'

const queues = new Map<string, Promise<unknown>>()

/** Runs `fn` after every earlier call for the same recipe folder has settled. */
export function withRecipeLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(dir) ?? Promise.resolve()
  const run = prev.then(fn, fn)
  const tail = run.catch(() => undefined)
  queues.set(dir, tail)
  void tail.then(() => {
    if (queues.get(dir) === tail) queues.delete(dir)
  })
  return run
}

async function ensureUnlocked(ctx: AppContext, recipe: string, dir: string, refresh: boolean): Promise<string[]> {
  let versions: string[] = []
  try {
    versions = await listVersions(dir)
  } catch {
    // not cloned yet
  }
  const cloned = versions.length > 0 || (await isClone(dir))
  if (!cloned || refresh) {
    await cloneOrFetch({ url: await ctx.recipeUrl(recipe), dir })
    versions = await listVersions(dir)
  }
  return versions
}

async function isClone(dir: string): Promise<boolean> {
  try {
    await fs.access(path.join(dir, '.git'))
    return true
  } catch {
    return false
  }
}

/** Clones (or, with refresh, fetches) the recipe; its versions newest first. */
export async function ensureRecipe(ctx: AppContext, recipe: string, opts: { refresh?: boolean } = {}): Promise<{ dir: string; versions: string[] }> {
  const dir = recipeDir(ctx.paths.recipesDir, recipe)
  const versions = await withRecipeLock(dir, () => ensureUnlocked(ctx, recipe, dir, opts.refresh === true))
  return { dir, versions }
}

/** `version` when the recipe has it, else its newest; `version-unknown` names the ones there are. */
export function pickVersion(recipe: string, versions: string[], version?: string): string | undefined {
  if (version === undefined) return versions[0]
  if (versions.includes(version)) return version
  const known = versions.length ? t('apps.recipe.versionsAre', { versions: versions.join(', ') }) : t('apps.recipe.noVersionsYet')
  throw new ApiError('version-unknown', t('apps.recipe.noSuchVersion', { recipe, version, known }), undefined, { versions })
}

/** Checks out `version` (default: newest) for a deploy; refuses unknown tags and dirty checkouts. Returns the checkout folder and the version used. */
export async function checkoutRecipe(ctx: AppContext, recipe: string, version?: string): Promise<{ dir: string; version: string }> {
  return withCheckout(ctx, recipe, version, async (dir, chosen) => ({ dir, version: chosen }))
}

/**
 * Checks out `version` and runs `use` while still holding the recipe's lock,
 * so another deploy of the same recipe can't switch the files underneath
 * (a render reads them after the checkout).
 */
export async function withCheckout<T>(ctx: AppContext, recipe: string, version: string | undefined, use: (dir: string, version: string) => Promise<T>): Promise<T> {
  const dir = recipeDir(ctx.paths.recipesDir, recipe)
  return withRecipeLock(dir, async () => {
    const versions = await ensureUnlocked(ctx, recipe, dir, false)
    const chosen = pickVersion(recipe, versions, version)
    if (!chosen) throw new ApiError('version-unknown', t('apps.recipe.nothingToDeploy', { recipe }))
    await checkoutVersion(dir, chosen)
    return use(dir, chosen)
  })
}

/**
 * Runs `use` on the recipe's working copy as it is (abra's --chaos): no
 * version is checked out and local changes are kept, holding the recipe's
 * lock so no other deploy switches the files while they are read. A recipe
 * not cloned yet is cloned first.
 */
export async function withWorkingCopy<T>(ctx: AppContext, recipe: string, use: (dir: string, chaosVersion: string) => Promise<T>): Promise<T> {
  const dir = recipeDir(ctx.paths.recipesDir, recipe)
  return withRecipeLock(dir, async () => {
    await ensureUnlocked(ctx, recipe, dir, false)
    return use(dir, await chaosVersionOf(dir))
  })
}

/** abra's chaos version: the checkout's short commit (8 characters), with "+U" when it has changes not committed. */
export async function chaosVersionOf(dir: string): Promise<string> {
  const st = await status(dir)
  return `${st.head.slice(0, 8)}${st.dirty ? '+U' : ''}`
}

// Release notes are a few paragraphs; every version's notes go to the screen
// at once, so a recipe's huge file is cut here, with a note saying so.
export const RELEASE_NOTES_LIMIT = 64 * 1024

/** The text of release/<version> at that version, when the recipe has notes for it; cut past RELEASE_NOTES_LIMIT. */
export async function releaseNotes(dir: string, version: string): Promise<string | undefined> {
  const files = await recipeFilesAt(dir, version)
  const notes = files.get(`release/${version}`)
  if (notes === undefined || notes.length <= RELEASE_NOTES_LIMIT) return notes
  return `${notes.slice(0, RELEASE_NOTES_LIMIT)}\n\n${t('apps.recipe.notesCut', { size: sizeWords(RELEASE_NOTES_LIMIT) })}`
}

export async function versionsWithNotes(dir: string, versions: string[]): Promise<Array<{ version: string; notes?: string }>> {
  return Promise.all(
    versions.map(async (version) => {
      const notes = await releaseNotes(dir, version)
      return notes === undefined ? { version } : { version, notes }
    })
  )
}

async function checkoutProblem(recipe: string, dir: string): Promise<string | undefined> {
  const st = await status(dir)
  if (st.dirty) {
    const files = st.changes.map((c) => c.path)
    const shown = files.length > 5 ? t('apps.recipe.andMore', { files: files.slice(0, 5).join(', '), more: files.length - 5 }) : files.join(', ')
    return t('apps.recipe.localChanges', { recipe, files: shown })
  }
  if (st.diverged) {
    return t('apps.recipe.localCommits', { recipe, refs: st.divergedRefs.join(', ') })
  }
  return undefined
}

export function recipeHandlers(ctx: AppContext): HandlersFor<'recipes.get'> {
  return {
    'recipes.get': async ({ recipe, refresh }) => {
      const { dir, versions } = await ensureRecipe(ctx, recipe, { refresh })
      const readme = (await recipeFilesAt(dir, versions[0] ?? 'HEAD')).get('README.md')
      const problem = await checkoutProblem(recipe, dir)
      return {
        recipe,
        dir,
        versions: await versionsWithNotes(dir, versions),
        ...(readme === undefined ? {} : { readme }),
        ...(problem ? { problem } : {})
      }
    }
  }
}
