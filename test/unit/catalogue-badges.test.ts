import { describe, expect, it } from 'vitest'
import { featureBadge, readFeature, recipeBadges, statusBadge } from '../../src-main/catalogue/badges'
import { parseCatalogue } from '../../src-main/catalogue/format'

describe('catalogue badges', () => {
  it.each([
    ['Yes', 'yes', undefined],
    ['yes (OAuth)', 'yes', 'OAuth'],
    ['No', 'no', undefined],
    ['❌', 'no', undefined],
    ['N/A', 'not-applicable', undefined],
    ['?', 'unknown', undefined],
    ['', 'unknown', undefined],
    ['? (Keycloak)', 'unknown', 'Keycloak'],
    ['❷💛', 'yes', undefined],
    ['3', 'yes', undefined]
  ])('reads %j as %s', (raw, answer, note) => {
    expect(readFeature(raw)).toEqual(note ? { answer, note } : { answer })
  })

  it('words each badge plainly, with a tone for colour and icon', () => {
    expect(featureBadge('backups', 'Yes')).toMatchObject({ text: 'Backups: yes', tone: 'good' })
    expect(featureBadge('sso', 'No')).toMatchObject({ text: 'Single sign-on: no', tone: 'neutral' })
    expect(featureBadge('email', 'N/A')).toMatchObject({ text: 'Email: not needed', tone: 'neutral' })
    expect(featureBadge('sso', '? (Keycloak)')).toMatchObject({ text: 'Single sign-on: not known', tone: 'unknown', detail: 'README says "? (Keycloak)"; Keycloak' })
    expect(statusBadge(5)).toMatchObject({ text: 'Status: Stable', tone: 'good' })
    expect(statusBadge(1)).toMatchObject({ text: 'Status: Alpha', tone: 'warning' })
    expect(statusBadge(0).text).toBe('Status: Not rated')
    expect(statusBadge(42).text).toBe('Status: Not rated')
  })

  it('gives a card status first, then every feature', () => {
    const { recipes } = parseCatalogue(JSON.stringify({ x: { features: { status: 2, backups: 'Yes', email: 'No' } } }))
    expect(recipeBadges(recipes[0]).map((b) => b.text)).toEqual([
      'Status: Beta',
      'Backups: yes',
      'Email: no',
      'Health check: not known',
      'Single sign-on: not known',
      'Tests: not known'
    ])
  })
})
