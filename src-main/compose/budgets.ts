// Budgets for parsing a recipe's compose files, which come from other
// people. Without a cap, one crafted file can freeze the app (a YAML alias
// chain that expands to billions of nodes, thousands of nested brackets that
// overflow the parser's stack) or fill the memory. Each limit is far above
// what real recipes use: the largest compose file of the shared recipes is
// about 4 kB, 6 levels deep, 130 nodes. Limits on other input (env files,
// any file read) are in core/limits.ts.

export const COMPOSE_LIMITS = {
  /** Characters of one compose file. */
  bytes: 256 * 1024,
  /** Levels of nesting (mappings, lists, aliases followed). */
  depth: 64,
  /** Nodes one compose file may produce, every alias expansion counted again. */
  nodes: 25_000
}

/**
 * The deepest nesting among a YAML text's syntax tokens (the `yaml`
 * package's Parser, which keeps its own stack instead of recursing) and the
 * offset where it is reached. The walk keeps its own stack too. Checked
 * before the tokens are composed into a document, which recurses once per
 * level: thousands of levels overflow the stack, and a stack overflow in the
 * wrong place can take the whole process down.
 */
export function deepestNesting(tokens: Iterable<unknown>): { depth: number; offset: number } {
  let max = 0
  let at = 0
  type Tok = { type: string; offset?: number; value?: Tok; key?: Tok | null; items?: Array<{ key?: Tok | null; value?: Tok }> }
  for (const doc of tokens as Iterable<Tok>) {
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
  return { depth: max, offset: at }
}
