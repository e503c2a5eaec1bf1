// Runs every rule over a parsed recipe and says each result in words.
import { t } from '../i18n/i18n'
import { composeRules } from './compose-rules'
import { imageRules } from './image-rules'
import type { LintFacts, LintResult, LintRule, ParsedRecipe, RuleOutcome } from './model'
import { recipeRules } from './recipe-rules'

/** abra's rules (R001…R015) in id order, then this app's own (D001: images in their registry). */
export const RULES: LintRule[] = [...composeRules, ...imageRules, ...recipeRules].sort((a, b) => (a.id[0] === b.id[0] ? a.id.localeCompare(b.id) : a.id[0] === 'R' ? -1 : 1))

export function lintParsed(recipe: ParsedRecipe, facts: LintFacts): LintResult[] {
  return RULES.map((rule) => describe(rule, rule.check(recipe, facts)))
}

type RuleId = 'R001' | 'R002' | 'R003' | 'R004' | 'R005' | 'R006' | 'R007' | 'R008' | 'R009' | 'R010' | 'R011' | 'R012' | 'R013' | 'R014' | 'R015' | 'D001'

function describe(rule: LintRule, o: RuleOutcome): LintResult {
  const id = rule.id as RuleId
  const result: LintResult = { id, level: rule.level, status: o.status, title: t(`lint.rules.${id}.title`), fix: o.status === 'fails' ? t(`lint.rules.${id}.fix`) : '' }
  const items = o.items ?? []
  if (o.status === 'fails' && items.length) result.detail = t('lint.failing', { list: items.join(', ') })
  if (o.status === 'skipped') result.detail = skipWords(id, items)
  if (items.length && !(id === 'D001' && items[0] === 'not-asked')) result.items = items
  return result
}

function skipWords(id: RuleId, items: string[]): string {
  if (id === 'R010') return t('lint.skipped.noWebsite')
  if (id === 'R014') return t('lint.skipped.noGit')
  if (id === 'D001' && items[0] === 'not-asked') return t('lint.skipped.notAsked')
  return t('lint.skipped.unreachable', { registries: items.join(', ') })
}

/** Counts of failing rules by level: what a badge or an exit code is made of. */
export function lintSummary(results: readonly Pick<LintResult, 'level' | 'status'>[]): { errors: number; warnings: number } {
  const failing = results.filter((r) => r.status === 'fails')
  return { errors: failing.filter((r) => r.level === 'error').length, warnings: failing.filter((r) => r.level === 'warn').length }
}
