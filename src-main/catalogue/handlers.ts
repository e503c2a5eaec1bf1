import type { Handlers } from '../api/dispatch'
import type { Paths } from '../core/paths'
import { recipeBadges } from './badges'
import { buildIndex, searchIndex, type SearchIndex } from './search'
import { loadCatalogue, type LoadedCatalogue } from './store'

type CatalogueHandlers = Pick<Handlers, Extract<keyof Handlers, `catalogue.${string}`>>

// Downloaded again after this long, so a long-running app picks up new recipes.
const KEEP_MS = 60 * 60 * 1000

// The list is loaded once and kept with its index, so each keystroke is a
// search in memory, not a download.
export function catalogueHandlers(deps: { paths: Paths; env: NodeJS.ProcessEnv; fetch?: typeof fetch; bundled?: string }): CatalogueHandlers {
  return catalogueService(deps).handlers
}

export function catalogueService(deps: { paths: Paths; env: NodeJS.ProcessEnv; fetch?: typeof fetch; bundled?: string }): {
  handlers: CatalogueHandlers
  /** The recipe's git repository as the catalogue lists it; undefined when the catalogue can't be read or lacks it. */
  repositoryOf(recipe: string): Promise<string | undefined>
  /** The same, from the list only when this run already has it: never downloads. */
  knownRepositoryOf(recipe: string): string | undefined
} {
  let current: { loaded: LoadedCatalogue; index: SearchIndex; at: number } | undefined
  let loading: Promise<NonNullable<typeof current>> | undefined

  const load = (refresh: boolean): Promise<NonNullable<typeof current>> => {
    if (current && !refresh && Date.now() - current.at < KEEP_MS) return Promise.resolve(current)
    loading ??= loadCatalogue({
      abraDir: deps.paths.abraDir,
      url: deps.env.COOPCLOUD_CATALOGUE_URL || undefined,
      fetch: deps.fetch,
      bundled: deps.bundled
    })
      .then((loaded) => (current = { loaded, index: buildIndex(loaded.catalogue.recipes), at: Date.now() }))
      .finally(() => (loading = undefined))
    return loading
  }

  const handlers: CatalogueHandlers = {
    'catalogue.list': async (input) => {
      const { loaded, index } = await load(input.refresh === true)
      const recipes = searchIndex(index, { text: input.search, category: input.category, features: input.features })
      return {
        recipes: recipes.map((r) => ({ ...r, badges: recipeBadges(r) })),
        categories: index.categories,
        total: index.entries.length,
        source: loaded.source,
        fetchedAt: loaded.fetchedAt,
        warning: loaded.warning
      }
    }
  }
  const repositoryOf = async (recipe: string): Promise<string | undefined> => {
    try {
      const { index } = await load(false)
      return index.entries.find((e) => e.recipe.name === recipe)?.recipe.repository || undefined
    } catch {
      return undefined
    }
  }
  const knownRepositoryOf = (recipe: string): string | undefined => current?.index.entries.find((e) => e.recipe.name === recipe)?.recipe.repository || undefined
  return { handlers, repositoryOf, knownRepositoryOf }
}
