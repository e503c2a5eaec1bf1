import { describe, expect, it } from 'vitest'
import { catalogueFrom } from '../../src-main/catalogue/format'
import { buildIndex, searchIndex } from '../../src-main/catalogue/search'

const recipe = (category: string, description: string, features: Record<string, unknown> = {}) => ({ category, description, features })

const { recipes } = catalogueFrom({
  nextcloud: recipe('Apps', 'Files, calendars and contacts', { backups: 'Yes', email: 'Yes', sso: 'Yes', status: 5 }),
  'cloud-files': recipe('Apps', 'A small file drop', { backups: 'No', status: 2 }),
  keycloak: recipe('Utilities', 'Single sign-on for your cloud apps', { sso: 'N/A', healthcheck: 'Yes', status: 4 }),
  traefik: recipe('Utilities', 'The reverse proxy', { healthcheck: 'Yes', tests: '❷💛' }),
  'cloudron-ish': recipe('Clouds', 'Hosting panel'),
  écrit: recipe('Apps', 'Écriture collaborative, éditeur de texte', { status: 1 })
})
const index = buildIndex(recipes)
const names = (q: Parameters<typeof searchIndex>[1]) => searchIndex(index, q).map((r) => r.name)

describe('catalogue search', () => {
  it('ranks name prefix, then name substring, then category, then description', () => {
    expect(names({ text: 'cloud' })).toEqual(['cloud-files', 'cloudron-ish', 'nextcloud', 'keycloak'])
    // "cloudron-ish" matches by category ("Clouds") too, but its name ranks it already.
    expect(names({ text: 'util' })).toEqual(['keycloak', 'traefik'])
  })

  it('is case- and accent-insensitive, and needs every word', () => {
    expect(names({ text: 'ECRIT' })).toEqual(['écrit'])
    expect(names({ text: 'editeur' })).toEqual(['écrit'])
    expect(names({ text: 'cloud sign' })).toEqual(['keycloak'])
    expect(names({ text: 'nothing-like-this' })).toEqual([])
  })

  it('puts an exact name first', () => {
    expect(names({ text: 'Traefik' })[0]).toBe('traefik')
  })

  it('lists everything by name when the query is empty', () => {
    expect(names({})).toEqual(['cloud-files', 'cloudron-ish', 'écrit', 'keycloak', 'nextcloud', 'traefik'])
    expect(index.categories).toEqual(['Apps', 'Clouds', 'Utilities'])
  })

  it('filters by category and features', () => {
    expect(names({ category: 'utilities' })).toEqual(['keycloak', 'traefik'])
    expect(names({ features: { backups: true } })).toEqual(['nextcloud'])
    // "N/A" is not single sign-on.
    expect(names({ features: { sso: true } })).toEqual(['nextcloud'])
    expect(names({ features: { healthcheck: true, tests: true } })).toEqual(['traefik'])
    expect(names({ features: { minStatus: 4 } })).toEqual(['keycloak', 'nextcloud'])
    expect(names({ text: 'cloud', category: 'Apps', features: { minStatus: 2 } })).toEqual(['cloud-files', 'nextcloud'])
  })

  it('answers a keystroke over 300 recipes quickly', () => {
    const big = catalogueFrom(
      Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`recipe-${i}`, recipe(i % 2 ? 'Apps' : 'Utilities', `Description number ${i} with some words`)]))
    )
    const bigIndex = buildIndex(big.recipes)
    const start = performance.now()
    for (const q of ['r', 're', 'rec', 'reci', 'recip', 'recipe', 'recipe-', 'recipe-2', 'recipe-29', 'words']) searchIndex(bigIndex, { text: q })
    // Ten keystrokes; generous so a slow CI machine does not flake.
    expect(performance.now() - start).toBeLessThan(200)
  })
})
