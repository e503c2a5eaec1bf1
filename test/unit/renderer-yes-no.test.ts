import { describe, expect, it } from 'vitest'
import { isYesNo, yesNoState } from '../../src-renderer/src/lib/yesNo'

const field = (value: string, defaultValue?: string, suggestions: string[] = []) => ({ value, defaultValue, suggestions: suggestions.map((v) => ({ value: v })) })

describe('a true/false setting', () => {
  it('is one when every value known for it is true or false', () => {
    expect(isYesNo(field('true'), 'true')).toBe(true) // ENABLE_BACKUPS=true
    expect(isYesNo(field('', undefined, ['true']), '')).toBe(true) // #MAIL_SSL=true
    expect(isYesNo(field('', 'false'), '')).toBe(true) // ${X:-false}
  })
  it('is not one when anything else is known, or nothing is', () => {
    expect(isYesNo(field(''), '')).toBe(false)
    expect(isYesNo(field('true', undefined, ['1']), 'true')).toBe(false)
    expect(isYesNo(field('yes'), 'yes')).toBe(false)
    // Typed over by hand in the raw file: shown as text again, nothing hidden.
    expect(isYesNo(field('true'), 'maybe')).toBe(false)
  })
  it('is on or off as the app will run it: the written value first, then the default', () => {
    expect(yesNoState(field('true', 'false'), 'true')).toBe(true)
    expect(yesNoState(field('', 'true'), '')).toBe(true)
    expect(yesNoState(field('', 'false'), '')).toBe(false)
    expect(yesNoState(field(''), '')).toBeUndefined()
  })
})
