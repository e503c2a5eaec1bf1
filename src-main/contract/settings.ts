import { z } from 'zod'

// The languages the app speaks. Adding one: its message files in
// src-main/i18n/<code>/ and src-renderer/src/i18n/<code>/ (the type checker
// then lists every missing key), and its name here.
export const Language = z.enum(['en', 'fr'])
export type Language = z.infer<typeof Language>

/** Each language named in itself, as language pickers do. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' }

/** 'system' follows the computer's language; the others are a person's own choice. */
export const LanguageChoice = z.enum(['system', ...Language.options])
export type LanguageChoice = z.infer<typeof LanguageChoice>

export const Settings = z.object({
  language: LanguageChoice,
  /** What 'system' means on this computer right now. */
  systemLanguage: Language,
  /** The language the app speaks: the choice, or the system's. */
  effectiveLanguage: Language
})
export type Settings = z.infer<typeof Settings>

export const settingsMethods = {
  'settings.get': { input: z.strictObject({}), output: Settings },
  'settings.set': { input: z.strictObject({ language: LanguageChoice }), output: Settings }
}

/** The first supported language among locale tags ("fr-CA", "fr_FR.UTF-8", "en"), else English. */
export function pickLanguage(tags: readonly (string | undefined)[]): Language {
  for (const tag of tags) {
    const code = tag?.trim().toLowerCase().split(/[-_.@]/)[0]
    const found = Language.options.find((l) => l === code)
    if (found) return found
  }
  return 'en'
}

/**
 * Messages with every plural form the language's rules use: where a
 * translation gives only x_one and x_other, x_many (French for a million) and
 * the rest are x_other, since i18next would otherwise fall back to English.
 */
export function withPluralForms<T extends object>(messages: T, language: Language): T {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories
  const fill = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) out[k] = typeof v === 'string' ? v : fill(v as Record<string, unknown>)
    for (const [k, v] of Object.entries(node)) {
      const base = k.endsWith('_other') ? k.slice(0, -'_other'.length) : undefined
      if (base === undefined || typeof v !== 'string') continue
      for (const f of forms) if (!(`${base}_${f}` in out)) out[`${base}_${f}`] = v
    }
    return out
  }
  return fill(messages as Record<string, unknown>) as T
}
