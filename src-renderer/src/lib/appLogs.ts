// Logs arrive as chunks of text that may end mid-line; the view wants whole
// lines it can search. Pure, so the splitting and searching are unit tested.

export interface LogLine {
  id: number
  text: string
  service?: string
  /** When Docker logged it (ISO, to the millisecond), from the stamp it puts first. */
  at?: string
}

export interface LineBuffer {
  /** The unfinished tail of each source (service), waiting for its newline. */
  partial: Record<string, string>
  nextId: number
}

export const emptyLineBuffer = (): LineBuffer => ({ partial: {}, nextId: 1 })

// Colour and cursor codes mean nothing in a searchable list.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

// Docker's `timestamps: true` puts an RFC 3339 stamp with nanoseconds first:
// "2026-12-01T22:21:17.983456789Z hello". The view shows it as a local time.
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d) ?/

/** The line's text without its leading stamp, and the stamp as ISO (milliseconds). */
export function splitStamp(raw: string): { text: string; at?: string } {
  const m = STAMP.exec(raw)
  if (!m) return { text: raw }
  const d = new Date(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}${m[3]}`)
  if (Number.isNaN(d.getTime())) return { text: raw }
  return { text: raw.slice(m[0].length), at: d.toISOString() }
}

function lineOf(id: number, raw: string, service?: string): LogLine {
  const { text, at } = splitStamp(stripAnsi(raw).replace(/\r/g, ''))
  return { id, text, ...(service ? { service } : {}), ...(at ? { at } : {}) }
}

// Splits a chunk into finished lines, keeping the unfinished rest per service.
export function appendChunk(buf: LineBuffer, data: string, service?: string): { buffer: LineBuffer; lines: LogLine[] } {
  const key = service ?? ''
  const parts = ((buf.partial[key] ?? '') + data).split(/\r?\n/)
  const rest = parts.pop() ?? ''
  let nextId = buf.nextId
  const lines = parts.map((raw) => lineOf(nextId++, raw, service))
  return { buffer: { partial: { ...buf.partial, [key]: rest }, nextId }, lines }
}

// What is left when the stream ends: unfinished lines are still lines.
export function flushPartial(buf: LineBuffer): { buffer: LineBuffer; lines: LogLine[] } {
  let nextId = buf.nextId
  const lines: LogLine[] = []
  for (const [key, rest] of Object.entries(buf.partial)) {
    if (rest !== '') lines.push(lineOf(nextId++, rest, key || undefined))
  }
  return { buffer: { partial: {}, nextId }, lines }
}

// Keeps the newest `max` lines, so a chatty app can't eat the memory.
export function keepLast<T>(list: T[], max: number): T[] {
  return list.length > max ? list.slice(list.length - max) : list
}

export function matchesQuery(line: LogLine, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return line.text.toLowerCase().includes(q) || (line.service ?? '').toLowerCase().includes(q)
}

export function filterLines(lines: LogLine[], query: string): LogLine[] {
  if (!query.trim()) return lines
  return lines.filter((l) => matchesQuery(l, query))
}

export interface Part {
  text: string
  match: boolean
}

// The line cut into plain and matching parts, for highlighting.
export function highlightParts(text: string, query: string): Part[] {
  const q = query.trim().toLowerCase()
  if (!q) return [{ text, match: false }]
  const lower = text.toLowerCase()
  const parts: Part[] = []
  let at = 0
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, at)) {
    if (i > at) parts.push({ text: text.slice(at, i), match: false })
    parts.push({ text: text.slice(i, i + q.length), match: true })
    at = i + q.length
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false })
  return parts.length > 0 ? parts : [{ text, match: false }]
}
