// A recipe that lacks files its compose files name (a config template, an
// overlay) can't be deployed, whatever the person sets. That is known as soon
// as the form renders, so an app is refused before anything is made on the
// server (no env file, no secrets), in words that say whose fault it is.
import path from 'node:path'
import { ApiError } from '../contract/errors'
import type { Diagnostic } from '../compose/diagnostics'
import { t } from '../i18n/i18n'

// The messages the form (apps/form.ts fileChecks), the pipeline's validation
// (compose/validate.ts) and the loader (compose/load.ts) give for a file that isn't there.
const FILE_KEY = /^(secrets|configs)\.[^.]+\.file$/
const NOT_IN_VERSION = /is (.+), which this version of the recipe does not have\./
const NOT_ON_DISK = /is (.+), which does not exist\./
const NO_COMPOSE_FILE = /^(.+): this compose file, named in COMPOSE_FILE, does not exist in the recipe\./

/** The recipe-relative files the diagnostics say are missing (recipeDir: to shorten absolute paths). */
export function missingRecipeFiles(diagnostics: Diagnostic[], recipeDir?: string): string[] {
  const out = new Set<string>()
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue
    const m = d.path && FILE_KEY.test(d.path) ? (NOT_IN_VERSION.exec(d.message) ?? NOT_ON_DISK.exec(d.message)) : d.path === 'COMPOSE_FILE' ? NO_COMPOSE_FILE.exec(d.message) : null
    if (!m) continue
    const file = m[1]
    out.add(recipeDir && path.isAbsolute(file) ? path.relative(recipeDir, file).split(path.sep).join('/') : file)
  }
  return [...out]
}

const list = (files: string[]): string => (files.length === 1 ? files[0] : t('apps.recipe.and', { list: files.slice(0, -1).join(', '), last: files[files.length - 1] }))

/** Plain words: what is missing, that it isn't the person's doing, and who can fix it. */
export function recipeIncompleteWords(recipe: string, version: string | undefined, files: string[]): { message: string; next: string } {
  const slots = { recipe, version, count: files.length, files: list(files) }
  return {
    message: t(version ? 'apps.recipe.incompleteVersion' : 'apps.recipe.incomplete', slots),
    next: t('apps.recipe.incompleteNext', { count: files.length })
  }
}

/** Throws recipe-incomplete when the diagnostics name missing recipe files; `outcome` says what was (not) done. */
export function refuseIncompleteRecipe(o: { recipe: string; version?: string; diagnostics: Diagnostic[]; recipeDir?: string; outcome: string }): void {
  const files = missingRecipeFiles(o.diagnostics, o.recipeDir)
  if (files.length === 0) return
  const words = recipeIncompleteWords(o.recipe, o.version, files)
  const technical = o.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)
  throw new ApiError('recipe-incomplete', `${words.message} ${o.outcome} ${words.next}`, technical.join('\n'), { missingFiles: files, next: words.next })
}
