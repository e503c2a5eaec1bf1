// recipes.lintBadges: the catalogue cards' "Recipe checks" badges, for the
// recipes already checked out under ~/.abra/recipes. Nothing is cloned,
// fetched or asked of a registry (D001 stays "not checked"), so the cards
// never wait on the network; the list (catalogue.list) doesn't wait on this.
// Each checkout is linted as its page lints it (lintCheckout, lintBadge) and
// its counts kept for the session (the words are made when asked, in the
// language of the moment), keyed by what the lint reads: the git refs
// (HEAD, every tag and the object it names, the remotes) and the
// catalogue's repository for it. A new commit, tag or remote re-lints it.
import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import type { Handlers } from '../api/dispatch'
import { lintBadge, type Badge } from '../catalogue/badges'
import { recipeDir } from '../recipes/git'
import { lintCheckout, type LintReport } from './service'

export interface LintBadge {
  recipe: string
  /** The version linted; absent when the recipe has no version yet (its HEAD). */
  version?: string
  badge: Badge
}

export interface LintBadgeDeps {
  recipesDir: string
  /** The catalogue's repository for a recipe, only when the list is already loaded (never downloads it). */
  knownRepositoryOf: (recipe: string) => string | undefined
  /** How one checkout is linted; lintCheckout without the registries unless a test counts the calls. */
  lint?: (dir: string, recipe: string, listed: string | undefined) => Promise<LintReport>
}

const offlineLint = (dir: string, recipe: string, listed: string | undefined): Promise<LintReport> => lintCheckout(dir, recipe, { listed })

/** What the lint of a checkout depends on, read from its refs alone (no object is read). */
export async function checkoutFingerprint(dir: string): Promise<string> {
  const head = await git.resolveRef({ fs, dir, ref: 'HEAD' })
  const tags = (await git.listTags({ fs, dir })).sort()
  const tagOids = await Promise.all(tags.map(async (tag) => `${tag}=${await git.resolveRef({ fs, dir, ref: `refs/tags/${tag}` })}`))
  const remotes = (await git.listRemotes({ fs, dir })).map((r) => `${r.remote}=${r.url}`).sort()
  return JSON.stringify([head, tagOids, remotes])
}

/** The names of the folders under `recipesDir` that are git clones, sorted. */
function checkedOut(recipesDir: string): string[] {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(recipesDir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(recipesDir, e.name, '.git')))
    .map((e) => e.name)
    .sort()
}

export function lintBadgeHandlers(deps: LintBadgeDeps): Pick<Handlers, 'recipes.lintBadges'> {
  const lint = deps.lint ?? offlineLint
  // The counts are kept, not the badge: its words are made when asked, in the language of the moment.
  type Kept = { version?: string; errors: number; warnings: number }
  const cache = new Map<string, { key: string; result: Promise<Kept> }>()

  const badgeFor = async (recipe: string): Promise<LintBadge | undefined> => {
    let dir: string
    try {
      dir = recipeDir(deps.recipesDir, recipe)
    } catch {
      return undefined
    }
    if (!fs.existsSync(path.join(dir, '.git'))) {
      cache.delete(dir)
      return undefined
    }
    const listed = deps.knownRepositoryOf(recipe)
    let result: Promise<Kept> | undefined
    try {
      const key = JSON.stringify([await checkoutFingerprint(dir), Boolean(listed)])
      const hit = cache.get(dir)
      if (hit?.key === key) result = hit.result
      else {
        result = lint(dir, recipe, listed).then((r) => ({ ...(r.version ? { version: r.version } : {}), errors: r.errors, warnings: r.warnings }))
        cache.set(dir, { key, result })
      }
      const { version, errors, warnings } = await result
      return { recipe, ...(version ? { version } : {}), badge: lintBadge({ errors, warnings }) }
    } catch {
      // Half cloned, no commit yet, or unreadable: no badge, and tried again next time.
      if (result === undefined || cache.get(dir)?.result === result) cache.delete(dir)
      return undefined
    }
  }

  return {
    'recipes.lintBadges': async (input) => {
      const names = input.recipes ?? checkedOut(deps.recipesDir)
      const badges: LintBadge[] = []
      // One checkout at a time: a few hundred local reads, never a burst of them.
      for (const recipe of [...new Set(names)]) {
        const b = await badgeFor(recipe)
        if (b) badges.push(b)
      }
      return { badges }
    }
  }
}
