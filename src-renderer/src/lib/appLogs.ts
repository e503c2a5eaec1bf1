// Logs arrive as chunks of text that may end mid-line; the view wants whole
// lines it can search. Pure, so the splitting and searching are unit tested.

export interface LogLine {
  id: number
  text: string
  service?: string
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

// Splits a chunk into finished lines, keeping the unfinished rest per service.
export function appendChunk(buf: LineBuffer, data: string, service?: string): { buffer: LineBuffer; lines: LogLine[] } {
  const key = service ?? ''
  const parts = ((buf.partial[key] ?? '') + data).split(/\r?\n/)
  const rest = parts.pop() ?? ''
  let nextId = buf.nextId
  const lines = parts.map((raw) => ({ id: nextId++, text: stripAnsi(raw).replace(/\r/g, ''), ...(service ? { service } : {}) }))
  return { buffer: { partial: { ...buf.partial, [key]: rest }, nextId }, lines }
}

// What is left when the stream ends: unfinished lines are still lines.
export function flushPartial(buf: LineBuffer): { buffer: LineBuffer; lines: LogLine[] } {
  let nextId = buf.nextId
  const lines: LogLine[] = []
  for (const [key, rest] of Object.entries(buf.partial)) {
    if (rest !== '') lines.push({ id: nextId++, text: stripAnsi(rest), ...(key ? { service: key } : {}) })
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
