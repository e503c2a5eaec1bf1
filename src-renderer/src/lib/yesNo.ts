import type { EnvField } from '../../../src-main/contract/env-layout'

// A setting every known value of which is true or false (ENABLE_BACKUPS=true,
// "#MAIL_SSL=true") is a yes/no question: the form shows a switch, not a text
// box to type "true" into. Only the words true and false, as recipes write
// them: "1", "yes" or "on" may mean something else to the software.
const WORDS = new Set(['true', 'false'])

export function isYesNo(f: Pick<EnvField, 'value' | 'defaultValue' | 'suggestions'>, value: string): boolean {
  const known = [value, f.value, f.defaultValue ?? '', ...f.suggestions.map((s) => s.value)].filter((v) => v !== '')
  return known.length > 0 && known.every((v) => WORDS.has(v))
}

/** On or off as the app will run: the value written, else the recipe's default; undefined when neither says. */
export function yesNoState(f: Pick<EnvField, 'defaultValue'>, value: string): boolean | undefined {
  if (value === 'true' || value === 'false') return value === 'true'
  if (f.defaultValue === 'true' || f.defaultValue === 'false') return f.defaultValue === 'true'
  return undefined
}
