// Where each assignment sits in an env file's text, so edits can touch one
// value and leave every other byte alone. The rules follow compose/env.ts
// (godotenv): a later line wins, ` #` starts an inline comment on unquoted
// values, quoted values may span lines.

export interface EnvAssignment {
  key: string
  /** 1-based line of the key. */
  line: number
  /** Offsets into the text: the whole statement, then just the value (quotes included). */
  start: number
  end: number
  valueStart: number
  valueEnd: number
  quote: '"' | "'" | ''
  /** What follows the value on its last line, e.g. " # length=128". */
  trailing: string
}

export interface TextLine {
  /** 1-based. */
  number: number
  start: number
  /** Content end, before any "\r\n" or "\n". */
  end: number
  text: string
}

export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = []
  let start = 0
  let number = 1
  while (start <= text.length) {
    const nl = text.indexOf('\n', start)
    const stop = nl === -1 ? text.length : nl
    const end = stop > start && text[stop - 1] === '\r' ? stop - 1 : stop
    if (nl === -1 && start === text.length) break
    lines.push({ number, start, end, text: text.slice(start, end) })
    if (nl === -1) break
    start = nl + 1
    number++
  }
  return lines
}

const assignmentHead = /^([ \t]*(?:export[ \t]+)?)([\p{L}\p{N}_.-]+)([ \t]*[=:][ \t]*)/u

/** Active (uncommented) assignments in file order. Lines it can't read are skipped; envProblems reports them. */
export function scanAssignments(text: string): EnvAssignment[] {
  const out: EnvAssignment[] = []
  const lines = splitLines(text)
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]
    const m = assignmentHead.exec(l.text)
    if (!m) continue
    const valueStart = l.start + m[0].length
    const first = text[valueStart]
    if (first === '"' || first === "'") {
      let close = -1
      for (let k = valueStart + 1; k < text.length; k++) {
        if (text[k] === first && text[k - 1] !== '\\') {
          close = k
          break
        }
      }
      if (close === -1) break
      while (i < lines.length && lines[i].end < close) i++
      const last = lines[i]
      out.push({
        key: m[2],
        line: l.number,
        start: l.start,
        end: last.end,
        valueStart,
        valueEnd: close + 1,
        quote: first,
        trailing: text.slice(close + 1, last.end)
      })
      continue
    }
    const raw = text.slice(valueStart, l.end)
    let cut = raw.length
    for (let k = raw.length - 1; k > 0; k--) {
      if (raw[k] === '#' && (raw[k - 1] === ' ' || raw[k - 1] === '\t')) {
        cut = k
        break
      }
    }
    let valueLen = cut
    while (valueLen > 0 && (raw[valueLen - 1] === ' ' || raw[valueLen - 1] === '\t')) valueLen--
    out.push({
      key: m[2],
      line: l.number,
      start: l.start,
      end: l.end,
      valueStart,
      valueEnd: valueStart + valueLen,
      quote: '',
      trailing: raw.slice(valueLen)
    })
  }
  return out
}

/** `#KEY=value` or `# KEY=value`: the comment marker and the assignment behind it. */
export function commentedAssignment(line: string): { prefix: string; body: string; key: string } | undefined {
  const m = /^([ \t]*#+[ \t]*)((?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=.*)$/.exec(line)
  return m ? { prefix: m[1], body: m[2], key: m[3] } : undefined
}

/** `key=value` words in an inline comment: "# length=128 charset=special-chars". */
export function commentModifiers(trailing: string): Record<string, string> {
  const out: Record<string, string> = {}
  const hash = trailing.indexOf('#')
  if (hash === -1) return out
  for (const word of trailing.slice(hash + 1).split(/[\s#]+/)) {
    const eq = word.indexOf('=')
    if (eq > 0) out[word.slice(0, eq).toLowerCase()] = word.slice(eq + 1)
  }
  return out
}
