// Budgets for parsing a recipe's compose files, which come from other
// people. Without a cap, one crafted file can freeze the app (a YAML alias
// chain that expands to billions of nodes, thousands of nested brackets that
// overflow the parser's stack) or fill the memory. Each limit is far above
// what real recipes use: the largest compose file of the shared recipes is
// about 4 kB, 6 levels deep, 130 nodes. Limits on other input (env files,
// any file read) are in core/limits.ts.
import { Parser } from 'yaml'

export const COMPOSE_LIMITS = {
  /** Characters of one compose file. */
  bytes: 256 * 1024,
  /** Levels of nesting (mappings, lists, aliases followed). */
  depth: 64,
  /** Nodes one compose file may produce, every alias expansion counted again. */
  nodes: 100_000
}

/**
 * The deepest nesting in a YAML text and the line where it is reached,
 * measured on the `yaml` package's syntax tokens, whose parser keeps its own
 * stack instead of recursing; the walk below does the same. Run before
 * parseDocument, whose composer recurses once per level.
 */
export function nestingEstimate(text: string): { depth: number; line: number } {
  let max = 0
  let at = 0
  type Tok = { type: string; offset?: number; value?: Tok; key?: Tok | null; items?: Array<{ key?: Tok | null; value?: Tok }> }
  for (const doc of new Parser().parse(text) as Iterable<Tok>) {
    const stack: Array<[Tok | null | undefined, number]> = [[doc, 0]]
    while (stack.length > 0) {
      const [t, d] = stack.pop()!
      if (!t) continue
      if (d > max) {
        max = d
        at = t.offset ?? at
      }
      if (t.type === 'document') stack.push([t.value, d])
      else if (Array.isArray(t.items)) {
        for (const item of t.items) {
          stack.push([item.key, d + 1])
          stack.push([item.value, d + 1])
        }
      }
    }
  }
  let line = 1
  for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return { depth: max, line }
}
