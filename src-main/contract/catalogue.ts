import { z } from 'zod'

// The catalogue's shapes on the wire (catalogue.list). Kept apart from
// schemas.ts so the catalogue can grow without touching the shared file.
// Like the rest of this folder, free of Node APIs.

export const CatalogueFeatureFilter = z.strictObject({
  backups: z.boolean().optional(),
  email: z.boolean().optional(),
  healthcheck: z.boolean().optional(),
  sso: z.boolean().optional(),
  tests: z.boolean().optional(),
  minStatus: z.number().int().min(0).max(5).optional()
})

export const CatalogueListInput = z.strictObject({
  search: z.string().max(200).optional(),
  category: z.string().max(100).optional(),
  features: CatalogueFeatureFilter.optional(),
  // Download again even if this run already has the list.
  refresh: z.boolean().optional()
})

export const CatalogueBadge = z.object({
  key: z.enum(['status', 'backups', 'email', 'healthcheck', 'tests', 'sso', 'lint']),
  text: z.string(),
  tone: z.enum(['good', 'caution', 'warning', 'neutral', 'unknown']),
  detail: z.string().optional()
})

export const CatalogueRecipe = z.object({
  name: z.string(),
  category: z.string(),
  description: z.string(),
  repository: z.string(),
  sshUrl: z.string().optional(),
  defaultBranch: z.string().optional(),
  icon: z.string().optional(),
  website: z.string().optional(),
  features: z.object({
    backups: z.string(),
    email: z.string(),
    healthcheck: z.string(),
    tests: z.string(),
    sso: z.string(),
    status: z.number(),
    image: z.object({ image: z.string(), rating: z.string(), source: z.string(), url: z.string() })
  }),
  versions: z.array(
    z.object({
      version: z.string(),
      services: z.array(z.object({ name: z.string(), image: z.string(), tag: z.string(), digest: z.string().optional() }))
    })
  ),
  badges: z.array(CatalogueBadge)
})

export const CatalogueList = z.object({
  recipes: z.array(CatalogueRecipe),
  // Every category in the catalogue (not just the results), for the filter.
  categories: z.array(z.string()),
  total: z.number(),
  source: z.enum(['network', 'cache', 'bundled']),
  fetchedAt: z.string().optional(),
  warning: z.string().optional()
})
