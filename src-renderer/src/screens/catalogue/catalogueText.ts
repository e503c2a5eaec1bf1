import type { z } from 'zod'
import type { CatalogueBadge } from '../../../../src-main/contract/catalogue'
import { i18n } from '../../i18n'
import type { Status } from '../../lib/status'

// The catalogue screen's words, kept apart so they can be tested without a DOM.

export type RecipeBadge = z.infer<typeof CatalogueBadge>
export type FeatureKey = 'backups' | 'email' | 'healthcheck' | 'sso' | 'tests'

// Co-op Cloud's own names for the features (its README metadata says
// "Healthcheck"), so the catalogue reads the same here as on its website.
// Words are looked up when shown (the page's language can change).
export const featureName = (key: FeatureKey): string => i18n.t(`catalogue.features.${key}`)

export const FEATURE_KEYS: readonly FeatureKey[] = ['backups', 'email', 'healthcheck', 'sso', 'tests']

export function badgeText(badge: RecipeBadge): string {
  if (badge.key === 'status' || badge.key === 'lint') return badge.text
  const colon = badge.text.indexOf(': ')
  return colon < 0 ? badge.text : i18n.t('catalogue.badge', { feature: featureName(badge.key), answer: badge.text.slice(colon + 2) })
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
  if (!filtered || shown === total) return i18n.t('catalogue.count.all', { count: total })
  if (shown === 0) return i18n.t('catalogue.count.none', { count: total })
  return i18n.t('catalogue.count.some', { count: total, shown })
}

// Where the list came from, when it isn't a fresh download: people should
// know a recipe they heard about may be missing from an old copy.
export function sourceNote(list: { source: 'network' | 'cache' | 'bundled'; warning?: string }): { title: string; text: string } | undefined {
  if (list.source === 'network' && !list.warning) return undefined
  const title =
    list.source === 'cache'
      ? i18n.t('catalogue.source.cacheTitle')
      : list.source === 'bundled'
        ? i18n.t('catalogue.source.bundledTitle')
        : i18n.t('catalogue.source.otherTitle')
  const fallback = list.source === 'cache' ? i18n.t('catalogue.source.cacheText') : i18n.t('catalogue.source.bundledText')
  return { title, text: list.warning ?? fallback }
}
