import { hasFeature, type FeatureKey } from './badges'
import type { Recipe } from './format'

// Search runs on every keystroke over a few hundred recipes, so everything
// that does not depend on the query (folded text, feature answers) is worked
// out once in buildIndex().

export interface FeatureFilter {
  backups?: boolean
  email?: boolean
  healthcheck?: boolean
  sso?: boolean
  tests?: boolean
  // Keep recipes whose status is at least this (0-5).
  minStatus?: number
}

export interface SearchQuery {
  text?: string
  category?: string
  features?: FeatureFilter
}

interface Entry {
  recipe: Recipe
  name: string
  category: string
  description: string
  features: Record<FeatureKey, boolean>
}

export interface SearchIndex {
  entries: Entry[]
  // Every category, sorted, for the filter menu.
  categories: string[]
}

// Case- and accent-insensitive: "Édition" and "edition" match.
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

const FEATURE_KEYS: FeatureKey[] = ['backups', 'email', 'healthcheck', 'sso', 'tests']

export function buildIndex(recipes: readonly Recipe[]): SearchIndex {
  const entries = [...recipes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((recipe) => ({
      recipe,
      name: fold(recipe.name),
      category: fold(recipe.category),
      description: fold(recipe.description),
      features: Object.fromEntries(FEATURE_KEYS.map((k) => [k, hasFeature(recipe.features, k)])) as Record<FeatureKey, boolean>
    }))
  const categories = [...new Set(recipes.map((r) => r.category).filter((c) => c !== ''))].sort((a, b) => a.localeCompare(b))
  return { entries, categories }
}

// Where a word is found decides the rank: start of the name, then anywhere in
// the name, then the category, then the description.
function wordScore(e: Entry, word: string): number {
  if (e.name.startsWith(word)) return 1000
  if (e.name.includes(word)) return 500
  if (e.category.includes(word)) return 100
  if (e.description.includes(word)) return 10
  return 0
}

// Recipes matching every word of the query and every filter, best first
// (ties by name). An empty query lists everything that passes the filters.
export function searchIndex(index: SearchIndex, query: SearchQuery = {}): Recipe[] {
  const words = fold(query.text ?? '').split(/\s+/).filter((w) => w !== '')
  const whole = words.join(' ')
  const category = query.category ? fold(query.category) : undefined
  const f = query.features ?? {}
  const required = FEATURE_KEYS.filter((k) => f[k] === true)
  const minStatus = f.minStatus ?? 0

  const hits: { recipe: Recipe; score: number; order: number }[] = []
  index.entries.forEach((e, order) => {
    if (category !== undefined && e.category !== category) return
    if (e.recipe.features.status < minStatus) return
    for (const k of required) if (!e.features[k]) return
    let score = 0
    for (const w of words) {
      const s = wordScore(e, w)
      if (s === 0) return
      score += s
    }
    if (whole !== '' && e.name === whole) score += 10_000
    hits.push({ recipe: e.recipe, score, order })
  })
  return hits.sort((a, b) => b.score - a.score || a.order - b.order).map((h) => h.recipe)
}
