import { z } from 'zod'
import { contractLanguage, words, type ContractWord } from './words'

// The schemas' side of words.ts: zod's generic messages follow the contract's
// language (the locale is picked when a message is made, so a change of
// language needs no z.config again), and a schema's own message is worded
// when a value is checked, never at import time.
const locales = { en: z.locales.en(), fr: z.locales.fr() }
z.config({ localeError: (issue) => locales[contractLanguage()].localeError(issue) })

/** A schema's message, worded when a value is checked: `.min(1, say('path.empty'))`. */
export function say(key: ContractWord): { error: () => string } {
  return { error: () => words(key) }
}
