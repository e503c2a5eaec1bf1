import { z } from 'zod'
import { LANGUAGES } from './languages'

export const Language = z.enum(LANGUAGES)
export type Language = z.infer<typeof Language>

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

export { LANGUAGE_NAMES, pickLanguage, withPluralForms } from './languages'
