import { describe, expect, it } from 'vitest'
import { en as coreEn } from '../../src-main/i18n/en'
import { fr as coreFr } from '../../src-main/i18n/fr'
import { t as coreT, setLanguage } from '../../src-main/i18n/i18n'
import { pickLanguage, withPluralForms } from '../../src-main/contract/settings'
import { en as uiEn } from '../../src-renderer/src/i18n/en'
import { fr as uiFr } from '../../src-renderer/src/i18n/fr'

// The type checker already refuses a missing or stray key (Translation<T>);
// these check what types can't: no empty text, the same {{slots}} as English
// (a translation that drops {{domain}} would hide which app a message is
// about), and plural forms for every count the language's rules name.
type Tree = { [k: string]: string | Tree }
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`)))
}
const slots = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort()

describe.each([
  ['core', coreEn, coreFr],
  ['page', uiEn, uiFr]
])('%s messages in French', (_name, en, fr) => {
  const english = new Map(leaves(en as Tree))
  const french = new Map(leaves(fr as Tree))
  it('has every English key and no other', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort())
  })
  it('fills the same slots, and none is empty', () => {
    for (const [key, text] of english) {
      const translated = french.get(key) ?? ''
      expect(translated.trim(), key).not.toBe('')
      expect(slots(translated), key).toEqual(slots(text))
    }
  })
  it('has every plural form French uses once filled', () => {
    const filled = new Map(leaves(withPluralForms(fr, 'fr') as Tree))
    for (const key of english.keys()) {
      if (!key.endsWith('_other')) continue
      const base = key.slice(0, -'_other'.length)
      for (const form of new Intl.PluralRules('fr').resolvedOptions().pluralCategories) expect(filled.has(`${base}_${form}`), `${base}_${form}`).toBe(true)
    }
  })
})

describe('the core speaks the chosen language', () => {
  it('switches, and falls back to English for nothing', () => {
    setLanguage('fr')
    expect(coreT('common.cancelled')).toBe('Annulé.')
    setLanguage('en')
    expect(coreT('common.cancelled')).toBe('Cancelled.')
  })
  it('picks the first language it knows from locale tags', () => {
    expect(pickLanguage(['C.UTF-8', 'fr_FR.UTF-8'])).toBe('fr')
    expect(pickLanguage(['de-DE', 'en-GB', 'fr'])).toBe('en')
    expect(pickLanguage([undefined, 'pt-BR'])).toBe('en')
    expect(pickLanguage(['FR-ca'])).toBe('fr')
  })
})
