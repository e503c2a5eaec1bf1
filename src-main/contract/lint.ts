import { z } from 'zod'
import { RecipeName } from './apps'
import { CatalogueBadge } from './catalogue'
import { FilePath } from './schemas'
import { say } from './zod-words'

// Recipe lint (abra recipe lint) on the wire. Free of Node APIs.

export const LintResult = z.object({
  /** abra's rule id (R001…R015), or D001 for this app's own registry check. */
  id: z.string(),
  level: z.enum(['warn', 'error']),
  /** skipped: doesn't apply here or couldn't be checked, never a failure. */
  status: z.enum(['ok', 'fails', 'skipped']),
  title: z.string(),
  fix: z.string(),
  detail: z.string().optional(),
  items: z.array(z.string()).optional()
})
export type LintResult = z.infer<typeof LintResult>

export const LintReport = z.object({
  recipe: z.string(),
  version: z.string().optional(),
  results: z.array(LintResult),
  /** Failing error-level rules: what makes `recipe lint` exit non-zero and the catalogue say "has problems". */
  errors: z.number(),
  warnings: z.number(),
  /** The same counts as a catalogue badge ("Has problems: 2"), shown on the recipe's page and the new-app form. */
  badge: CatalogueBadge
})
export type LintReport = z.infer<typeof LintReport>

export const LintBadgeEntry = z.object({
  recipe: z.string(),
  /** The version linted; absent when the recipe has no version yet. */
  version: z.string().optional(),
  badge: CatalogueBadge
})
export type LintBadgeEntry = z.infer<typeof LintBadgeEntry>

export const lintMethods = {
  // A recipe by name (cloned like recipes.get; its newest version), or a
  // folder: anywhere from the command line, else only under ~/.abra/recipes.
  // registry: false skips asking the image registries.
  'recipes.lint': {
    input: z
      .strictObject({ recipe: RecipeName.optional(), dir: FilePath.optional(), registry: z.boolean().optional() })
      .refine((v) => (v.recipe === undefined) !== (v.dir === undefined), say('recipe.lintWhich')),
    output: LintReport
  },
  // The catalogue cards' badges: only recipes already checked out under
  // ~/.abra/recipes (all of them, or those named), linted as their page
  // lints them but offline (no clone, no fetch, no registry), kept per
  // checkout until it changes. A recipe not checked out gets no badge.
  'recipes.lintBadges': {
    input: z.strictObject({ recipes: z.array(RecipeName).max(5000).optional() }),
    output: z.object({ badges: z.array(LintBadgeEntry) })
  }
} as const
