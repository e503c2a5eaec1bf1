import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { LANGUAGES, pickLanguage, withPluralForms, type Language } from '../../../src-main/contract/languages'
import type { Settings } from '../../../src-main/contract/settings'
import { setContractLanguage } from '../../../src-main/contract/words'
import { en } from './en'

// The page's language. English is bundled; another language's words are a
// chunk of their own, fetched before the page shows in it. The core keeps the
// person's choice (settings.get/set) and speaks the same language in its own
// messages; the page remembers the last language in localStorage only to
// start in it without waiting for the core.
export const i18n = i18next.createInstance()

const STORE_KEY = 'ccd.language'

void i18n.use(initReactI18next).init({
  resources: { en: { ui: en } },
  partialBundledLanguages: true,
  ns: ['ui'],
  defaultNS: 'ui',
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes what it renders
  react: { bindI18n: 'languageChanged loaded' },
  showSupportNotice: false
})

const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ fr: unknown }>> = {
  fr: () => import('./fr')
}

/** Loads a language's words if needed, then switches the page (and <html lang>) to it. */
export async function switchLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'ui')) {
    const mod = (await loaders[language]()) as Record<string, object>
    i18n.addResourceBundle(language, 'ui', withPluralForms(mod[language], language), true, true)
  }
  await i18n.changeLanguage(language)
  // The contract's own messages (form checks done in the page) follow too.
  setContractLanguage(language)
  document.documentElement.lang = language
  try {
    localStorage.setItem(STORE_KEY, language)
  } catch {
    // Private windows may refuse storage: the core's setting still holds.
  }
}

/** The language to start in: the last one shown here, else the browser's (the system's, in the desktop app). */
export function firstLanguage(): Language {
  let saved: string | undefined
  try {
    saved = localStorage.getItem(STORE_KEY) ?? undefined
  } catch {
    // No storage: start from the browser's languages.
  }
  return pickLanguage([saved, ...navigator.languages, navigator.language])
}

/** Follows the core's settings: its choice wins over the guess made at start. */
export async function applySettings(s: Settings): Promise<void> {
  if (s.effectiveLanguage !== i18n.language) await switchLanguage(s.effectiveLanguage)
}
