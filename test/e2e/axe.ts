import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

// axe-core checks the screen as it is shown, in both themes and at the two
// window sizes the app supports. The page's strict CSP (script-src 'self')
// refuses a <script> tag, and it stays strict for the test: axe's source is
// evaluated through the DevTools protocol instead (page.evaluate), which runs
// in the page's own world without going through the CSP.

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

// The WCAG 2.0–2.2 A and AA rules: the bar the issue sets. axe's
// "best-practice" rules are left out on purpose (landmark and heading-order
// advice, not failures a user meets), and so are the AAA ones. One
// experimental rule is switched on because it is a real A failure users of
// voice control meet: a button whose name does not start with the words shown.
const OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations']
}

const SIZES = [
  { width: 1280, height: 800 },
  { width: 760, height: 560 }
] as const

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

async function violations(page: Page): Promise<Violation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!injected) await page.evaluate(axeSource)
  return page.evaluate(async (options) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: Violation[] }> } }).axe
    const result = await axe.run(document, options)
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
    }))
  }, OPTIONS)
}

function describe(label: string, found: Violation[]): string {
  return found
    .map((v) => `${label}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`).join('\n')}`)
    .join('\n')
}

/**
 * Runs axe on what is on screen now, in light and dark, at 1280×800 and
 * 760×560, and fails with every violation listed (rule, element, why). Puts
 * the window back to its size and the light theme afterwards.
 *
 * The failure is recorded (expect.soft) and the flow goes on, so one run
 * names the violations of every screen the test passes through; the test
 * still fails at its end.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const before = page.viewportSize()
  const report: string[] = []
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      for (const size of SIZES) {
        await page.setViewportSize(size)
        const found = await violations(page)
        if (found.length) report.push(describe(`${label}, ${colorScheme}, ${size.width}×${size.height}`, found))
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' })
    if (before) await page.setViewportSize(before)
  }
  expect.soft(report.join('\n'), `axe found violations on ${label}`).toBe('')
}
