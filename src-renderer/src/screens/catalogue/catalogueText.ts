import type { z } from 'zod'
import type { CatalogueBadge } from '../../../../src-main/contract/catalogue'
import type { Status } from '../../lib/status'

// The catalogue screen's words, kept apart so they can be tested without a DOM.

export type RecipeBadge = z.infer<typeof CatalogueBadge>
export type FeatureKey = 'backups' | 'email' | 'healthcheck' | 'sso' | 'tests'

// Co-op Cloud's own names for the features (its README metadata says
// "Healthcheck"), so the catalogue reads the same here as on its website.
export const FEATURE_NAMES: Record<FeatureKey, string> = {
  backups: 'Backups',
  email: 'Email',
  healthcheck: 'Healthcheck',
  sso: 'Single sign-on',
  tests: 'Tests'
}

export const FEATURES: ReadonlyArray<{ key: FeatureKey; label: string }> = (['backups', 'email', 'healthcheck', 'sso', 'tests'] as const).map(
  (key) => ({ key, label: FEATURE_NAMES[key] })
)

export function badgeText(badge: RecipeBadge): string {
  if (badge.key === 'status') return badge.text
  const colon = badge.text.indexOf(': ')
  return colon < 0 ? badge.text : `${FEATURE_NAMES[badge.key]}: ${badge.text.slice(colon + 2)}`
}

// The catalogue's tones in the app's one status vocabulary, so "Backups: no"
// never relies on grey alone.
export function badgeStatus(badge: RecipeBadge): Status {
  const word = badgeText(badge)
  switch (badge.tone) {
    case 'good':
      return { tone: 'ok', icon: 'check', word }
    case 'caution':
      return { tone: 'info', icon: 'info', word }
    case 'warning':
      return { tone: 'warn', icon: 'alert', word }
    case 'neutral':
      return { tone: 'neutral', icon: 'dash', word }
    default:
      return { tone: 'neutral', icon: 'info', word }
  }
}

export function countText(shown: number, total: number, filtered: boolean): string {
  const kinds = (n: number): string => (n === 1 ? '1 app type' : `${n} app types`)
  if (!filtered || shown === total) return `${kinds(total)} in the catalogue`
  return `${shown === 0 ? 'None' : `${shown}`} of ${kinds(total)} match`
}

// Where the list came from, when it isn't a fresh download: people should
// know a recipe they heard about may be missing from an old copy.
export function sourceNote(list: { source: 'network' | 'cache' | 'bundled'; warning?: string }): { title: string; text: string } | undefined {
  if (list.source === 'network' && !list.warning) return undefined
  const title =
    list.source === 'cache'
      ? 'Showing a saved copy of the catalogue'
      : list.source === 'bundled'
        ? 'Showing the catalogue that came with the app'
        : 'About this catalogue'
  const fallback =
    list.source === 'cache'
      ? 'The catalogue could not be downloaded just now, so this is the copy saved on this computer. It may be out of date.'
      : 'The catalogue could not be downloaded, so this is the list that came with the app. It may be out of date.'
  return { title, text: list.warning ?? fallback }
}
