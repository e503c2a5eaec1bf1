import type { Recipe, RecipeFeatures } from './format'

// What a feature line in a recipe README says, in one of four words. The
// lines are free text written by hand: "Yes", "No", "N/A", "?", ratings like
// "❷💛" or "3", and notes in brackets ("? (Keycloak)", "Yes (OAuth)").
export type FeatureAnswer = 'yes' | 'no' | 'not-applicable' | 'unknown'

// The renderer picks both colour and icon from the tone, so colour is never
// the only signal.
export type Tone = 'good' | 'caution' | 'warning' | 'neutral' | 'unknown'

export interface Badge {
  key: 'status' | 'backups' | 'email' | 'healthcheck' | 'tests' | 'sso'
  text: string
  tone: Tone
  // The README's own words, for a tooltip.
  detail?: string
}

export interface FeatureReading {
  answer: FeatureAnswer
  note?: string
}

const RATING = /^[❶❷❸❹❺➊➋➌➍➎①②③④⑤1-5]/u

export function readFeature(raw: string): FeatureReading {
  const text = raw.trim()
  const note = /\(([^)]*)\)/.exec(text)?.[1]?.trim() || undefined
  const head = text.replace(/\([^)]*\)/g, '').trim()
  const word = head.split(/[\s,;]+/)[0].toLowerCase()
  let answer: FeatureAnswer = 'unknown'
  if (['yes', 'y', 'true', '✅', '✔', '✔️'].includes(word)) answer = 'yes'
  else if (['no', 'n', 'false', '❌', '✖', '✖️'].includes(word)) answer = 'no'
  else if (['n/a', 'na', '⛔', 'not'].includes(word)) answer = 'not-applicable'
  // A rating (how well it is done) means it is there.
  else if (RATING.test(head)) answer = 'yes'
  return note ? { answer, note } : { answer }
}

export function hasFeature(features: RecipeFeatures, key: FeatureKey): boolean {
  return readFeature(features[key]).answer === 'yes'
}

export type FeatureKey = 'backups' | 'email' | 'healthcheck' | 'tests' | 'sso'

export const FEATURE_LABELS: Record<FeatureKey, string> = {
  backups: 'Backups',
  email: 'Email',
  healthcheck: 'Health check',
  tests: 'Tests',
  sso: 'Single sign-on'
}

const ANSWER_WORDS: Record<FeatureAnswer, string> = { yes: 'yes', no: 'no', 'not-applicable': 'not needed', unknown: 'not known' }
const ANSWER_TONES: Record<FeatureAnswer, Tone> = { yes: 'good', no: 'neutral', 'not-applicable': 'neutral', unknown: 'unknown' }

// Co-op Cloud rates a recipe's status from 0 (not rated yet) to 5; READMEs
// write it as "1, alpha". The words follow that scale, from early to stable.
export const STATUS_WORDS: Record<number, { text: string; tone: Tone; detail: string }> = {
  0: { text: 'Not rated', tone: 'unknown', detail: 'The maintainers have not rated this recipe yet.' },
  1: { text: 'Alpha', tone: 'warning', detail: 'Early work: expect things to break.' },
  2: { text: 'Beta', tone: 'caution', detail: 'Works for some, with rough edges.' },
  3: { text: 'Usable', tone: 'caution', detail: 'In use, but not yet considered stable.' },
  4: { text: 'Mostly stable', tone: 'good', detail: 'Stable for most uses.' },
  5: { text: 'Stable', tone: 'good', detail: 'Stable and well maintained.' }
}

export function statusBadge(status: number): Badge {
  const s = STATUS_WORDS[status] ?? STATUS_WORDS[0]
  return { key: 'status', text: `Status: ${s.text}`, tone: s.tone, detail: s.detail }
}

export function featureBadge(key: FeatureKey, raw: string): Badge {
  const { answer, note } = readFeature(raw)
  const detail = [raw.trim() === '' ? undefined : `README says "${raw.trim()}"`, note].filter(Boolean).join('; ') || undefined
  return { key, text: `${FEATURE_LABELS[key]}: ${ANSWER_WORDS[answer]}`, tone: ANSWER_TONES[answer], ...(detail ? { detail } : {}) }
}

// The badges for a recipe card, in the order they are shown.
export function recipeBadges(recipe: Recipe): Badge[] {
  const f = recipe.features
  return [statusBadge(f.status), ...(['backups', 'email', 'healthcheck', 'sso', 'tests'] as const).map((k) => featureBadge(k, f[k]))]
}
