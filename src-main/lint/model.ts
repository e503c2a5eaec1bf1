// abra's recipe lint (`abra recipe lint`): the rule set, with abra's ids so
// a maintainer can read this app's results and abra's side by side. Every
// rule is a pure function of what a recipe holds (its files, parsed once in
// recipe.ts) plus facts read outside it (its versions, whether its tags are
// annotated, whether it has a repository, the registry's answers), which
// the caller gathers and hands in, so the rules run the same on a git
// version, a folder on disk and a test fixture.
import type { ImageRef } from './images'

export type LintLevel = 'warn' | 'error'
/** ok: the rule holds; fails: it doesn't; skipped: it doesn't apply or couldn't be checked (not a failure). */
export type LintStatus = 'ok' | 'fails' | 'skipped'

export interface ParsedService {
  name: string
  /** The compose file that (last) defines it. */
  file: string
  image?: string
  hasHealthcheck: boolean
  /** deploy.labels as key → value (list form "k=v" split at the first "="). */
  deployLabels: Record<string, string>
  /** Names of the configs the service uses. */
  configs: string[]
}

export interface ParsedRecipe {
  /** Recipe-relative path → text, as read (compose files, .env.sample, README.md, abra.sh...). */
  files: ReadonlyMap<string, string>
  /** Every compose*.yml at the top of the recipe, as abra loads them for lint. */
  composeFiles: Array<{ file: string; version: string }>
  services: ParsedService[]
  /** Top-level secrets (name as the recipe writes it). */
  secrets: string[]
  /** Top-level configs: name → its `name:` after interpolation ('' when none), and the variables the raw one uses. */
  configs: Array<{ key: string; versionVars: string[] }>
  /** Variables abra.sh exports. */
  abraShExports: string[]
  /** Compose files that could not be read at all, with why. */
  unreadable: Array<{ file: string; why: string }>
}

/** What a rule is told besides the recipe's files. */
export interface LintFacts {
  recipe: string
  /** Published versions (git tags that are versions). */
  versions: string[]
  /** Version tags that are lightweight (not annotated). Undefined: unknown (no git). */
  lightweightTags?: string[]
  /** Whether the recipe has a repository (the catalogue lists one, or the folder is a git clone with a remote). */
  hasRepository: boolean
  /** Each image's answer from its registry; absent when the check was not asked for. */
  registry?: Map<string, RegistryAnswer>
}

export type RegistryAnswer = 'present' | 'absent' | 'unreachable'

export interface RuleOutcome {
  status: LintStatus
  /** What fails, named (services, images, secrets, files), for the details line. */
  items?: string[]
}

export interface LintRule {
  id: string
  level: LintLevel
  check: (recipe: ParsedRecipe, facts: LintFacts) => RuleOutcome
}

/** One rule's result as it goes on the wire (contract/lint.ts). */
export interface LintResult {
  id: string
  level: LintLevel
  status: LintStatus
  /** What the rule checks, in plain words. */
  title: string
  /** How to make it pass (empty when it passes). */
  fix: string
  /** What fails or why it was skipped. */
  detail?: string
  items?: string[]
}

export type { ImageRef }
