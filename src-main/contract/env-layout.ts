import { z } from 'zod'

// How an app's settings are laid out as a form (apps/form-layout.ts makes
// it): the few that must be decided first, then the recipe's own sections.
// Free of Node APIs: the renderer imports it.

/**
 * Lines the rest of the screen already controls: the app type and version,
 * the domain, the optional parts and the secret versions. They stay
 * editable in the file itself.
 */
export function isManagedKey(key: string): boolean {
  return key === 'TYPE' || key === 'RECIPE' || key === 'DOMAIN' || key === 'COMPOSE_FILE' || /^SECRET_.+_VERSION$/.test(key)
}

export const EnvField = z.object({
  key: z.string(),
  /** "DB memory limit" for DB_MEMORY_LIMIT. */
  label: z.string(),
  /** The value the file sets; "" when the line is commented out. */
  value: z.string(),
  /** Commented out (#KEY=...) everywhere in the file: the recipe's default applies. */
  commented: z.boolean(),
  /** The first line the key is on. */
  line: z.number(),
  /** The recipe's comment, kept only where it reads as help, in calm words. */
  help: z.string().optional(),
  /** What applies when it is left unset: the compose files' ${KEY:-default}. */
  defaultValue: z.string().optional(),
  /** Other values the sample offers (a key commented out twice with different values is one field). */
  suggestions: z.array(z.object({ value: z.string(), note: z.string().optional() })),
  /** Set in the file with nothing after "=", and no default: it must be filled in. */
  required: z.boolean()
})

export const EnvPart = z.object({
  /** The overlay's id in EnvForm.overlays. */
  id: z.string(),
  composeFile: z.string(),
  /** "Basic auth", "OpenID Connect". */
  label: z.string(),
  /** What turning it on adds, in words: the sample's, the README's and the services it brings. */
  adds: z.string(),
  /** The services it brings with it, e.g. "search (valeriansaliou/sonic:v1.7.4)". */
  services: z.array(z.string()),
  fields: z.array(EnvField)
})

export const EnvGroup = z.object({
  /** The section's title as the sample's "# =====" comment names it, readable: "Database config". */
  title: z.string(),
  fields: z.array(EnvField),
  parts: z.array(EnvPart)
})

export const EnvLayout = z.object({
  /** The recipe's own words about DOMAIN, which the screen asks for itself: "Do not change the domain after deployment…". */
  domainHelp: z.string().optional(),
  /** What must be set before the app can work; shown before "More settings". */
  essentials: z.array(EnvField),
  groups: z.array(EnvGroup)
})

export type EnvField = z.infer<typeof EnvField>
export type EnvPart = z.infer<typeof EnvPart>
export type EnvGroup = z.infer<typeof EnvGroup>
export type EnvLayout = z.infer<typeof EnvLayout>
