import { z } from 'zod'
import { AlertSettings, AlertSettingsInput } from './alerts'
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
  effectiveLanguage: Language,
  /** Health's notifications, how often it checks, and how old a backup may be. */
  alerts: AlertSettings
})
export type Settings = z.infer<typeof Settings>

export const settingsMethods = {
  'settings.get': { input: z.strictObject({}), output: Settings },
  /** Changes what is given; the rest stays as it was. */
  'settings.set': { input: z.strictObject({ language: LanguageChoice.optional(), alerts: AlertSettingsInput.optional() }), output: Settings }
}

export { ALERT_GROUP_OF, AlertGroup, BACKUP_AGE, CHECK_INTERVAL, DEFAULT_ALERTS, type AlertSettings } from './alerts'
export { LANGUAGE_NAMES, pickLanguage, withPluralForms } from './languages'
