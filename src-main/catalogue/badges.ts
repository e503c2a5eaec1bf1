import type { Recipe, RecipeFeatures } from './format'
import { t } from '../i18n/i18n'

// What a feature line in a recipe README says, in one of four words. The
// lines are free text written by hand: "Yes", "No", "N/A", "?", ratings like
// "❷💛" or "3", and notes in brackets ("? (Keycloak)", "Yes (OAuth)").
export type FeatureAnswer = 'yes' | 'no' | 'not-applicable' | 'unknown'

// The renderer picks both colour and icon from the tone, so colour is never
// the only signal.
export type Tone = 'good' | 'caution' | 'warning' | 'neutral' | 'unknown'

export interface Badge {
  key: 'status' | 'backups' | 'email' | 'healthcheck' | 'tests' | 'sso' | 'lint'
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

const ANSWER_KEYS = { yes: 'yes', no: 'no', 'not-applicable': 'notApplicable', unknown: 'unknown' } as const
const ANSWER_TONES: Record<FeatureAnswer, Tone> = { yes: 'good', no: 'neutral', 'not-applicable': 'neutral', unknown: 'unknown' }

// Co-op Cloud rates a recipe's status from 0 (not rated yet) to 5; READMEs
// write it as "1, alpha". The words follow that scale, from early to stable.
const STATUS_LEVELS = {
  0: { word: 'unrated', tone: 'unknown' },
  1: { word: 'alpha', tone: 'warning' },
  2: { word: 'beta', tone: 'caution' },
  3: { word: 'usable', tone: 'caution' },
  4: { word: 'mostlyStable', tone: 'good' },
  5: { word: 'stable', tone: 'good' }
} as const satisfies Record<number, { word: string; tone: Tone }>

export function statusBadge(status: number): Badge {
  const s = STATUS_LEVELS[status as keyof typeof STATUS_LEVELS] ?? STATUS_LEVELS[0]
  return {
    key: 'status',
    text: t('catalogue.status.badge', { status: t(`catalogue.status.${s.word}`) }),
    tone: s.tone,
    detail: t(`catalogue.status.${s.word}Detail`)
  }
}

export function featureBadge(key: FeatureKey, raw: string): Badge {
  const { answer, note } = readFeature(raw)
  const detail = [raw.trim() === '' ? undefined : t('catalogue.readmeSays', { raw: raw.trim() }), note].filter(Boolean).join('; ') || undefined
  const text = t('catalogue.featureBadge', { feature: t(`catalogue.features.${key}`), answer: t(`catalogue.answers.${ANSWER_KEYS[answer]}`) })
  return { key, text, tone: ANSWER_TONES[answer], ...(detail ? { detail } : {}) }
}

// The badges for a recipe card, in the order they are shown.
export function recipeBadges(recipe: Recipe): Badge[] {
  const f = recipe.features
  return [statusBadge(f.status), ...(['backups', 'email', 'healthcheck', 'sso', 'tests'] as const).map((k) => featureBadge(k, f[k]))]
}

// The recipe's lint (src-main/lint/) as one badge, for its page and the
// new-app form: made from the same counts `recipe lint` exits on.
export function lintBadge(summary: { errors: number; warnings: number }): Badge {
  if (summary.errors > 0) return { key: 'lint', text: t('lint.badge.problems', { count: summary.errors }), tone: 'warning' }
  if (summary.warnings > 0) return { key: 'lint', text: t('lint.badge.warnings', { count: summary.warnings }), tone: 'caution' }
  return { key: 'lint', text: t('lint.badge.ok'), tone: 'good' }
}
