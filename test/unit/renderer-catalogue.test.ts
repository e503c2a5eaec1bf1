import { describe, expect, it } from 'vitest'
import { featureBadge, recipeBadges, statusBadge } from '../../src-main/catalogue/badges'
import { badgeStatus, badgeText, countText, sourceNote } from '../../src-renderer/src/screens/catalogue/catalogueText'
import { withPluralForms } from '../../src-main/contract/settings'
import { i18n } from '../../src-renderer/src/i18n'
import { fr } from '../../src-renderer/src/i18n/fr'

describe('catalogue badges on screen', () => {
  it('pair every tone with an icon and a word', () => {
    const badges = [statusBadge(1), statusBadge(3), statusBadge(5), statusBadge(0), featureBadge('backups', 'No'), featureBadge('sso', '?')]
    const shown = badges.map((b) => badgeStatus(b))
    expect(shown.map((s) => [s.tone, s.icon])).toEqual([
      ['warn', 'alert'],
      ['info', 'info'],
      ['ok', 'check'],
      ['neutral', 'info'],
      ['neutral', 'dash'],
      ['neutral', 'info']
    ])
    for (const s of shown) expect(s.word).toMatch(/^[A-Z][a-z -]+: [a-z A-Z]+$/)
  })

  it('names features as Co-op Cloud does, whatever the core calls them', () => {
    const texts = recipeBadges({
      features: { backups: 'Yes', email: 'No', healthcheck: 'Yes', tests: '', sso: 'No', status: 2, image: { image: '', rating: '', source: '', url: '' } }
    } as Parameters<typeof recipeBadges>[0]).map(badgeText)
    expect(texts).toEqual(['Status: Beta', 'Backups: yes', 'Email: no', 'Healthcheck: yes', 'Single sign-on: no', 'Tests: not known'])
  })
})

describe('catalogue words', () => {
  it('counts what is shown', () => {
    expect(countText(3, 3, false)).toBe('3 app types in the catalogue')
    expect(countText(1, 3, true)).toBe('1 of 3 app types match')
    expect(countText(0, 1, true)).toBe('None of 1 app type match')
    expect(countText(3, 3, true)).toBe('3 app types in the catalogue')
  })

  it('says plainly when the list is not fresh', () => {
    expect(sourceNote({ source: 'network' })).toBeUndefined()
    expect(sourceNote({ source: 'cache', warning: 'Showing the copy saved on this computer.' })).toEqual({
      title: 'Showing a saved copy of the catalogue',
      text: 'Showing the copy saved on this computer.'
    })
    expect(sourceNote({ source: 'bundled' })?.text).toMatch(/came with the app\. It may be out of date\.$/)
  })
})

describe('catalogue words in French', () => {
  it('counts and names features in French when the page is in French', async () => {
    i18n.addResourceBundle('fr', 'ui', withPluralForms(fr, 'fr'), true, true)
    await i18n.changeLanguage('fr')
    try {
      expect(countText(3, 3, false)).toBe('3 types d’application dans le catalogue')
      expect(countText(1, 1, false)).toBe('1 type d’application dans le catalogue')
      expect(countText(2, 3, true)).toBe('2 types d’application sur 3 correspondent')
      expect(countText(0, 3, true)).toBe('Aucun type d’application ne correspond (sur 3)')
      expect(badgeText(featureBadge('sso', 'Yes'))).toMatch(/^Authentification unique : /)
      expect(sourceNote({ source: 'cache' })?.title).toBe('Voici une copie enregistrée du catalogue')
    } finally {
      await i18n.changeLanguage('en')
    }
    expect(countText(3, 3, false)).toBe('3 app types in the catalogue')
  })
})
