// A line-based three-way merge (diff3), pure: the team's copy and this
// computer's, from the version both started from. Env files are short, so a
// plain LCS table is enough.

export type Segment = { kind: 'same'; lines: string[] } | { kind: 'conflict'; base: string[]; mine: string[]; theirs: string[] }

/** For each line of `a`, the index of the matching line in `b` (longest common subsequence), or -1. */
function matches(a: string[], b: string[]): number[] {
  const n = a.length
  const m = b.length
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1])
    }
  }
  const out = new Array<number>(n).fill(-1)
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out[i] = j
      i++
      j++
    } else if (table[i + 1][j] >= table[i][j + 1]) i++
    else j++
  }
  return out
}

const same = (x: string[], y: string[]): boolean => x.length === y.length && x.every((l, i) => l === y[i])

/** Splits `text` into lines; joining them with '\n' gives the text back. */
export const lines = (text: string): string[] => text.split('\n')

/** The merge of `mine` and `theirs` from `base`, as runs of agreed lines and conflicting places. */
export function merge3(base: string[], mine: string[], theirs: string[]): Segment[] {
  const inMine = matches(base, mine)
  const inTheirs = matches(base, theirs)
  const out: Segment[] = []
  const push = (ls: string[]): void => {
    if (!ls.length) return
    const last = out[out.length - 1]
    if (last?.kind === 'same') last.lines.push(...ls)
    else out.push({ kind: 'same', lines: [...ls] })
  }
  let i = 0
  let a = 0
  let b = 0
  for (;;) {
    while (i < base.length && inMine[i] === a && inTheirs[i] === b) {
      push([base[i]])
      i++
      a++
      b++
    }
    if (i >= base.length && a >= mine.length && b >= theirs.length) break
    let k = i
    while (k < base.length && (inMine[k] < 0 || inTheirs[k] < 0)) k++
    const aEnd = k < base.length ? inMine[k] : mine.length
    const bEnd = k < base.length ? inTheirs[k] : theirs.length
    const o = base.slice(i, k)
    const x = mine.slice(a, aEnd)
    const y = theirs.slice(b, bEnd)
    if (same(x, o)) push(y)
    else if (same(y, o) || same(x, y)) push(x)
    else out.push({ kind: 'conflict', base: o, mine: x, theirs: y })
    i = k
    a = aEnd
    b = bEnd
  }
  return out
}

export const conflicts = (segments: Segment[]): Extract<Segment, { kind: 'conflict' }>[] => segments.filter((s): s is Extract<Segment, { kind: 'conflict' }> => s.kind === 'conflict')

/** The text with each conflicting place settled by `choices` (in order); undefined when a choice is missing. */
export function settle(segments: Segment[], choices: Array<'mine' | 'theirs'>): string | undefined {
  const out: string[] = []
  let c = 0
  for (const s of segments) {
    if (s.kind === 'same') out.push(...s.lines)
    else {
      const choice = choices[c++]
      if (!choice) return undefined
      out.push(...(choice === 'mine' ? s.mine : s.theirs))
    }
  }
  return c === choices.length ? out.join('\n') : undefined
}

/** Where each conflicting place starts in `mine` (1-based line numbers). */
export function conflictLines(segments: Segment[]): number[] {
  const at: number[] = []
  let line = 1
  for (const s of segments) {
    if (s.kind === 'same') line += s.lines.length
    else {
      at.push(line)
      line += s.mine.length
    }
  }
  return at
}
