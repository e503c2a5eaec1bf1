// STUB — being written (recipes.get, ensureRecipe, checkoutRecipe).
import { ApiError } from '../contract/errors'
import type { AppContext } from './context'
import type { HandlersFor } from './handlers-types'

/** Clones (or, with refresh, fetches) the recipe; its versions newest first. */
export async function ensureRecipe(_ctx: AppContext, _recipe: string, _opts: { refresh?: boolean } = {}): Promise<{ dir: string; versions: string[] }> {
  throw new ApiError('not-ready', 'Not written yet.')
}

/** Checks out `version` (default: newest) for a deploy; refuses unknown tags and dirty checkouts. Returns the checkout folder and the version used. */
export async function checkoutRecipe(_ctx: AppContext, _recipe: string, _version?: string): Promise<{ dir: string; version: string }> {
  throw new ApiError('not-ready', 'Not written yet.')
}

export function recipeHandlers(_ctx: AppContext): HandlersFor<'recipes.get'> {
  return { 'recipes.get': async () => { throw new ApiError('not-ready', 'Not written yet.') } }
}
