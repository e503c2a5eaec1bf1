import i18next from 'i18next'
import { pickLanguage, withPluralForms } from '../contract/languages'
import { Language } from '../contract/settings'
import { setContractLanguage } from '../contract/words'
import { en, type CoreMessages } from './en'
import { fr } from './fr'
import type { KeysOf } from './keys'

// The core's words (errors, job steps, checks) in the person's language. One
// person uses the app at a time, so the language is the process's: every
// door's messages follow the Settings choice (see settings.ts), and the CLI
// follows LANG like other command-line tools.
const instance = i18next.createInstance()
void instance.init({
  resources: { en: { core: en }, fr: { core: withPluralForms(fr, 'fr') } },
  ns: ['core'],
  defaultNS: 'core',
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: Language.options,
  initAsync: false, // resources are in memory: ready before the first message
  interpolation: { escapeValue: false }, // messages are plain text, never HTML
  returnNull: false,
  showSupportNotice: false
})

export type CoreKey = KeysOf<CoreMessages>

// Messages without slots, per language: the same few are asked for again and
// again (each app's status words, for every app in every Health round), and
// i18next takes 4-13 µs to look one up. The resources never change at run time.
const plain = new Map<string, string>()

/** A core message in the current language; `vars` fill {{name}} slots, `count` picks a plural. */
export function t(key: CoreKey, vars?: Record<string, unknown>): string {
  // The renderer's i18next types (src-renderer/src/i18n) describe the page's
  // messages, not these; KeysOf checks the key instead.
  if (vars !== undefined) return instance.t(key as never, vars as never) as unknown as string
  const kept = `${instance.language}\n${key}`
  let words = plain.get(kept)
  if (words === undefined) plain.set(kept, (words = instance.t(key as never) as unknown as string))
  return words
}

/** A size in decimal units, as file managers show it, in the current language: "1.5 GB", "1,5 Go". */
export function sizeText(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return new Intl.NumberFormat(instance.language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value)
}

/** A whole percentage in the current language, without the sign (the sentence places it). */
export function percentText(pct: number): string {
  return new Intl.NumberFormat(instance.language, { maximumFractionDigits: 0 }).format(Math.floor(pct))
}

/** The language messages are in now (what a cached sentence was worded in). */
export function currentLanguage(): string {
  return instance.language
}

export function setLanguage(language: Language): void {
  if (instance.language !== language) void instance.changeLanguage(language)
  // The contract's schema messages and zod's generic ones, which the
  // dispatch reports when a request is refused.
  setContractLanguage(language)
}

/** The computer's language as a command-line tool sees it: LC_ALL, LC_MESSAGES, LANG, then the runtime's. */
export function systemLanguageFromEnv(env: NodeJS.ProcessEnv): Language {
  return pickLanguage([env.LC_ALL, env.LC_MESSAGES, env.LANG, Intl.DateTimeFormat().resolvedOptions().locale])
}
