import type { SecretInfo } from '../../../../src-main/contract/apps'

export { newDomainProblem } from '../../../../src-main/contract/domain'

// The core leaves these out of the form's layout; the file keeps them.
export { isManagedKey } from '../../../../src-main/contract/env-layout'

/** What the form starts from: the recipe's sample, or text the person typed into the file editor. */
export type EnvBase = { kind: 'sample' } | { kind: 'raw'; text: string }

export interface EnvEdits {
  base: EnvBase
  /** Values typed into fields, applied on top of the base. */
  set: Record<string, string>
  /** Optional parts switched on or off, by overlay id. */
  overlays: Record<string, boolean>
  /** Whether each edited variable was commented out before its first edit. */
  wasCommented: Record<string, boolean>
}

export const NO_EDITS: EnvEdits = { base: { kind: 'sample' }, set: {}, overlays: {}, wasCommented: {} }

/** The person's own text becomes the base; edits made before it are already in it. */
export function rawEdits(text: string): EnvEdits {
  return { base: { kind: 'raw', text }, set: {}, overlays: {}, wasCommented: {} }
}

export function envFormInput(recipe: string, version: string | undefined, domain: string | undefined, edits: EnvEdits) {
  return {
    recipe,
    ...(version ? { version } : {}),
    ...(domain ? { domain } : {}),
    ...(edits.base.kind === 'raw' ? { envText: edits.base.text } : {}),
    ...(Object.keys(edits.set).length > 0 ? { set: edits.set } : {}),
    ...(Object.keys(edits.overlays).length > 0 ? { overlays: edits.overlays } : {})
  }
}

/**
 * A field's new value as an edit. Clearing a field the sample leaves
 * commented out (the recipe's default applies) drops the edit, so the line
 * goes back to commented rather than becoming an empty value.
 */
export function withValue(edits: EnvEdits, key: string, value: string, commentedNow: boolean): EnvEdits {
  const wasCommented = key in edits.wasCommented ? edits.wasCommented : { ...edits.wasCommented, [key]: commentedNow }
  const set = { ...edits.set }
  if (value === '' && wasCommented[key]) delete set[key]
  else set[key] = value
  return { ...edits, set, wasCommented }
}

/** Secrets the person must type: the recipe says so, or they chose to type them all. */
export function secretsToType(secrets: readonly SecretInfo[], typeAll: boolean): SecretInfo[] {
  return secrets.filter((s) => typeAll || !s.generate)
}

export function missingSecretValues(secrets: readonly SecretInfo[], typeAll: boolean, values: Record<string, string>): string[] {
  return secretsToType(secrets, typeAll)
    .filter((s) => !values[s.name])
    .map((s) => s.name)
}
