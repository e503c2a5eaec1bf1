// Rules about the recipe as a whole: a published version, annotated version
// tags, the README's metadata, and a repository.
import { readmeMetadata } from '../catalogue/readme'
import { parseRecipeVersion } from '../recipes/versions'
import type { LintRule, RuleOutcome } from './model'

const outcome = (failing: string[]): RuleOutcome => (failing.length ? { status: 'fails', items: failing } : { status: 'ok' })

export const recipeRules: LintRule[] = [
  {
    id: 'R006',
    level: 'warn',
    check: (_r, f) => (f.versions.some((v) => parseRecipeVersion(v)) ? { status: 'ok' } : { status: 'fails' })
  },
  {
    id: 'R007',
    level: 'warn',
    // The fields the catalogue's cards and filters are made of.
    check: (r, f) => {
      const readme = r.files.get('README.md')
      if (readme === undefined) return { status: 'fails', items: ['README.md'] }
      if (!readme.includes('<!-- metadata -->')) return { status: 'fails', items: ['<!-- metadata -->'] }
      const m = readmeMetadata(f.recipe, readme)
      const fields: Array<[string, string]> = [
        ['Category', m.category],
        ['Status', m.features.status > 0 ? String(m.features.status) : ''],
        ['Image', m.features.image.image],
        ['Backups', m.features.backups],
        ['Email', m.features.email],
        ['Healthcheck', m.features.healthcheck],
        ['Tests', m.features.tests],
        ['SSO', m.features.sso]
      ]
      return outcome(fields.filter(([, v]) => v.trim() === '' || v.trim() === '?').map(([k]) => k))
    }
  },
  {
    id: 'R013',
    level: 'warn',
    check: (_r, f) => (f.hasRepository ? { status: 'ok' } : { status: 'fails' })
  },
  {
    id: 'R014',
    level: 'error',
    // abra reads a release's notes and date from the tag itself; a lightweight tag has neither.
    check: (_r, f) => {
      if (f.lightweightTags === undefined) return { status: 'skipped' }
      return outcome(f.lightweightTags)
    }
  }
]
