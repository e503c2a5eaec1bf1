// recipes.lint: a recipe from the catalogue (cloned as recipes.get does,
// its newest version linted) or, from the command line, a folder on disk.
import path from 'node:path'
import fs from 'node:fs'
import type { Handlers } from '../api/dispatch'
import type { AppContext } from '../apps/context'
import { recipeFilesAt } from '../apps/recipe-files'
import { ensureRecipe } from '../apps/recipes-service'
import { lintBadge, type Badge } from '../catalogue/badges'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'
import { listVersions } from '../recipes/git'
import { imagesOf, registryKey } from './image-rules'
import { lintParsed, lintSummary } from './lint'
import type { LintFacts, LintResult } from './model'
import { parseRecipe } from './recipe'
import { askRegistries, type RegistryChecker } from './registry'
import { gitFacts, lintFiles, readRecipeFolder } from './source'

export interface LintReport {
  recipe: string
  /** The version linted; absent for a folder or a recipe with no version yet (its HEAD). */
  version?: string
  results: LintResult[]
  errors: number
  warnings: number
  badge: Badge
}

/** Lints files already read, with facts gathered by the caller; asks the registries when a checker is given. */
export async function lintRecipeFiles(
  recipe: string,
  files: ReadonlyMap<string, string>,
  facts: Omit<LintFacts, 'recipe' | 'registry'>,
  registry?: RegistryChecker
): Promise<Omit<LintReport, 'version'>> {
  const parsed = parseRecipe(recipe, files)
  const answers = registry
    ? await askRegistries(
        imagesOf(parsed).map((i) => i.image),
        registry,
        registryKey
      )
    : undefined
  const results = lintParsed(parsed, { ...facts, recipe, ...(answers ? { registry: answers } : {}) })
  const summary = lintSummary(results)
  return { recipe, results, ...summary, badge: lintBadge(summary) }
}

/** A folder on disk, as it is. */
export async function lintFolder(dir: string, registry?: RegistryChecker): Promise<LintReport> {
  const files = readRecipeFolder(dir)
  const g = await gitFacts(dir)
  return lintRecipeFiles(path.basename(dir), files, { versions: g.versions, ...(g.lightweightTags ? { lightweightTags: g.lightweightTags } : {}), hasRepository: g.hasRemote }, registry)
}

export interface LintDeps {
  ctx: AppContext
  registry: RegistryChecker
  /** The catalogue's repository for a recipe, when it lists one. */
  repositoryOf: (recipe: string) => Promise<string | undefined>
  /** Folders may be linted from anywhere (the command line); else only under ~/.abra/recipes. */
  anyFolder: boolean
}

export function lintHandlers(deps: LintDeps): Pick<Handlers, 'recipes.lint'> {
  return {
    'recipes.lint': async (input) => {
      const registry = input.registry === false ? undefined : deps.registry
      if (input.dir !== undefined) {
        const root = deps.anyFolder ? path.resolve(input.dir) : deps.ctx.paths.recipesDir
        const dir = deps.anyFolder ? realFolder(root) : confinedPath(root, path.resolve(root, input.dir))
        return lintFolder(dir, registry)
      }
      const recipe = input.recipe as string
      const { dir, versions } = await ensureRecipe(deps.ctx, recipe)
      return lintCheckout(dir, recipe, { versions, listed: await deps.repositoryOf(recipe) }, registry)
    }
  }
}

/**
 * A recipe's checkout (a git clone under ~/.abra/recipes) at its newest
 * version, or HEAD when it has none: what its page, the new-app form and the
 * catalogue's cards (lint/badges.ts) all show. Reads git objects only, never
 * the working tree, so local edits not committed and tagged change nothing.
 */
export async function lintCheckout(
  dir: string,
  recipe: string,
  known: { versions?: string[]; listed?: string },
  registry?: RegistryChecker
): Promise<LintReport> {
  const versions = known.versions ?? (await listVersions(dir))
  const version = versions[0]
  const files = lintFiles(await recipeFilesAt(dir, version ?? 'HEAD'))
  const g = await gitFacts(dir)
  const report = await lintRecipeFiles(recipe, files, { versions: g.versions, ...(g.lightweightTags ? { lightweightTags: g.lightweightTags } : {}), hasRepository: Boolean(known.listed) || g.hasRemote }, registry)
  return { ...report, ...(version ? { version } : {}) }
}

function realFolder(p: string): string {
  try {
    return fs.realpathSync(p)
  } catch {
    throw new ApiError('not-found', t('lint.notFolder', { path: p }))
  }
}
