import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// WCAG AA for the colour tokens: 4.5:1 for text, 3:1 for borders, focus
// rings and icons. Reads the CSS itself so a colour change cannot skip this.
const css = readFileSync(new URL('../../src-renderer/src/styles/tokens.css', import.meta.url), 'utf8')

function tokens(block: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)) out[m[1]] = m[2]
  return out
}

const darkStart = css.indexOf('@media (prefers-color-scheme: dark)')
const light = tokens(css.slice(0, darkStart))
const dark = { ...light, ...tokens(css.slice(darkStart)) }

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const surfaces = ['bg', 'surface', 'surface-sunken', 'sidebar-bg']
const text: [string, string][] = [
  ...surfaces.flatMap((s) => [['text', s] as [string, string], ['text-muted', s] as [string, string]]),
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent', 'surface-sunken'],
  ['accent', 'accent-soft'],
  ['accent-text', 'accent'],
  ['accent-text', 'accent-hover'],
  ['bad-text', 'bad'],
  ['text', 'accent-soft'],
  ['text-muted', 'accent-soft'],
  ...['ok', 'bad', 'warn', 'busy', 'info', 'neutral'].flatMap((t) => [
    [t, `${t}-soft`] as [string, string],
    [t, 'surface'] as [string, string],
    [t, 'bg'] as [string, string]
  ]),
  ['text', 'ok-soft'],
  ['text', 'warn-soft'],
  ['text', 'bad-soft'],
  ['text-muted', 'bad-soft']
]
const nonText: [string, string][] = [
  ['border-strong', 'surface'],
  ['border-strong', 'bg'],
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['focus', 'sidebar-bg'],
  ['focus', 'bad-soft']
]

describe.each([
  ['light', light],
  ['dark', dark]
])('%s theme contrast', (_name, t) => {
  it.each(text)('%s on %s is readable text (4.5:1)', (fg, bg) => {
    expect(t[fg], fg).toBeDefined()
    expect(t[bg], bg).toBeDefined()
    expect(ratio(t[fg], t[bg])).toBeGreaterThanOrEqual(4.5)
  })
  it.each(nonText)('%s on %s is visible (3:1)', (fg, bg) => {
    expect(ratio(t[fg], t[bg])).toBeGreaterThanOrEqual(3)
  })
})
