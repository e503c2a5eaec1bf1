import { z } from 'zod'
import { compareRecipeVersions as compareVersions } from '../recipes/versions'
import { t } from '../i18n/i18n'

// Co-op Cloud's catalogue (`recipes.json`) exactly as abra writes and reads it
// (abra's pkg/recipe RecipeMeta, Features, Image and ServiceMeta). Every object
// is loose: the catalogue is published by others and gains fields over time,
// and an unknown field must never make the app refuse a whole catalogue.

const text = z.string().nullish().transform((v) => v ?? '')

export const RawServiceMeta = z.looseObject({
  image: text,
  tag: text,
  digest: z.string().nullish()
})

export const RawImage = z.looseObject({ image: text, rating: text, source: text, url: text })

// abra writes status as an int; hand-edited catalogues sometimes quote it.
const status = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    const n = typeof v === 'number' ? v : Number.parseInt(String(v ?? '').trim(), 10)
    return Number.isFinite(n) ? Math.max(0, Math.min(5, Math.trunc(n))) : 0
  })

export const RawFeatures = z.looseObject({
  backups: text,
  email: text,
  healthcheck: text,
  image: RawImage.nullish().transform((v) => v ?? { image: '', rating: '', source: '', url: '' }),
  status,
  tests: text,
  sso: text
})

// Go writes a nil slice as null, so a recipe without tags has "versions": null.
export const RawVersions = z
  .array(z.record(z.string(), z.record(z.string(), RawServiceMeta).nullish()))
  .nullish()
  .transform((v) => v ?? [])

export const RawRecipe = z.looseObject({
  name: text,
  category: text,
  default_branch: text,
  description: text,
  features: RawFeatures.nullish().transform((v) => v ?? RawFeatures.parse({})),
  icon: text,
  repository: text,
  ssh_url: text,
  versions: RawVersions,
  website: text
})

export type RawRecipe = z.input<typeof RawRecipe>
export type RawServiceMeta = z.input<typeof RawServiceMeta>
// The whole file: recipe name → recipe.
export type RawCatalogue = Record<string, RawRecipe>

// The shape the rest of the app uses: versions in order (oldest first), each
// with its services as a list.
export interface RecipeService {
  name: string
  image: string
  tag: string
  digest?: string
}

export interface RecipeVersion {
  version: string
  services: RecipeService[]
}

export interface RecipeImage {
  image: string
  rating: string
  source: string
  url: string
}

// Feature values are free text in recipe READMEs ("Yes", "No", "N/A", "?",
// "❷💛", "? (Keycloak)"); badges.ts reads them into plain words.
export interface RecipeFeatures {
  backups: string
  email: string
  healthcheck: string
  tests: string
  sso: string
  // 0 (not rated) to 5; see badges.ts for the words.
  status: number
  image: RecipeImage
}

export interface Recipe {
  name: string
  category: string
  description: string
  repository: string
  sshUrl?: string
  defaultBranch?: string
  icon?: string
  website?: string
  features: RecipeFeatures
  versions: RecipeVersion[]
}

export interface Catalogue {
  // Sorted by name.
  recipes: Recipe[]
  // Entries that were skipped, in plain words; the rest of the catalogue stays usable.
  problems: string[]
}

export class CatalogueFormatError extends Error {}

const optional = (s: string): string | undefined => (s === '' ? undefined : s)

export function normalizeRecipe(key: string, raw: z.output<typeof RawRecipe>): Recipe {
  const versions: RecipeVersion[] = []
  for (const entry of raw.versions) {
    for (const [version, services] of Object.entries(entry)) {
      versions.push({
        version,
        services: Object.entries(services ?? {})
          .map(([name, s]) => ({ name, image: s.image, tag: s.tag, ...(s.digest ? { digest: s.digest } : {}) }))
          .sort((a, b) => a.name.localeCompare(b.name))
      })
    }
  }
  const f = raw.features
  return {
    name: raw.name || key,
    category: raw.category,
    description: raw.description,
    repository: raw.repository,
    sshUrl: optional(raw.ssh_url),
    defaultBranch: optional(raw.default_branch),
    icon: optional(raw.icon),
    website: optional(raw.website),
    features: { backups: f.backups, email: f.email, healthcheck: f.healthcheck, tests: f.tests, sso: f.sso, status: f.status, image: f.image },
    versions: versions.sort((a, b) => compareVersions(a.version, b.version))
  }
}

// Parses the text of a recipes.json. Not JSON, or not a map of recipes, is an
// error; a single malformed recipe is skipped and named in `problems`.
export function parseCatalogue(json: string): Catalogue {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (err) {
    throw new CatalogueFormatError(t('catalogue.notJson', { message: err instanceof Error ? err.message : String(err) }))
  }
  return catalogueFrom(data)
}

export function catalogueFrom(data: unknown): Catalogue {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CatalogueFormatError(t('catalogue.notObject'))
  }
  const recipes: Recipe[] = []
  const problems: string[] = []
  for (const [key, value] of Object.entries(data)) {
    const parsed = RawRecipe.safeParse(value)
    if (parsed.success) {
      recipes.push(normalizeRecipe(key, parsed.data))
    } else {
      const issue = parsed.error.issues[0]
      problems.push(
        issue.path.length > 0 ? t('catalogue.skippedAt', { key, message: issue.message, path: issue.path.join('.') }) : t('catalogue.skipped', { key, message: issue.message })
      )
    }
  }
  recipes.sort((a, b) => a.name.localeCompare(b.name))
  return { recipes, problems }
}

// Recipe versions are "<recipe semver>+<upstream version>" (abra's
// convention), or bare tags in older recipes like "v2.4.8". Compare the parts
// before "+" numerically, then fall back to plain text so the order is total.
// One version order for the whole app (recipes/versions.ts), oldest first.
export { compareVersions }

export function latestVersion(recipe: Recipe): RecipeVersion | undefined {
  return recipe.versions.at(-1)
}
