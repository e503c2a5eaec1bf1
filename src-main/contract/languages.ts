// The languages the app speaks, without zod: the page's first script needs
// these before anything else, and zod is big. Adding a language: its code
// here, its name below, and its message files in src-main/i18n/<code>/ and
// src-renderer/src/i18n/<code>/ (the type checker then lists every missing key).
export const LANGUAGES = ['en', 'fr'] as const
export type Language = (typeof LANGUAGES)[number]

/** Each language named in itself, as language pickers do. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français' }

/** The first supported language among locale tags ("fr-CA", "fr_FR.UTF-8", "en"), else English. */
export function pickLanguage(tags: readonly (string | undefined)[]): Language {
  for (const tag of tags) {
    const code = tag?.trim().toLowerCase().split(/[-_.@]/)[0]
    const found = LANGUAGES.find((l) => l === code)
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
