// What every compose stage reports. A stage never throws on bad input: it
// returns diagnostics, and the pipeline stops before anything reaches a
// server when one of them is an error.
import { t } from '../i18n/i18n'

export interface Diagnostic {
  severity: 'error' | 'warning'
  /** The recipe-relative file, e.g. "compose.postgres.yml" or ".env". */
  file?: string
  line?: number
  /** Dotted key path, e.g. "services.app.deploy.resources.limits.memory". */
  path?: string
  /** Plain words for people: "compose.postgres.yml line 12: `stop_grace_period` must be a duration like 2m". */
  message: string
}

export class ComposeError extends Error {
  readonly code = 'compose-invalid'
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => d.message)
        .join('\n') || t('compose.unreadable')
    )
    this.name = 'ComposeError'
  }

  toBody(): { code: string; message: string; data: Record<string, unknown> } {
    return { code: this.code, message: this.message, data: { diagnostics: this.diagnostics } }
  }
}

export function describeAt(d: Pick<Diagnostic, 'file' | 'line'>): string {
  if (!d.file) return ''
  return d.line ? `${d.file} line ${d.line}: ` : `${d.file}: `
}

/** Longest piece of a user's input quoted back in a message. */
export const EXCERPT_LIMIT = 80

/**
 * A piece of input as it may appear in a message: at most EXCERPT_LIMIT
 * characters, cut with an ellipsis. A 100 kB value is named, not echoed.
 */
export function excerpt(s: string, max = EXCERPT_LIMIT): string {
  if (s.length <= max) return s
  // Code points, so that a cut never splits an emoji; only the head is split.
  const head = Array.from(s.slice(0, 2 * max + 1))
  if (head.length <= max && s.length <= 2 * max) return s
  return `${head.slice(0, max - 1).join('')}…`
}

// Past these, the guard below cuts: a word longer than any real path, a
// message longer than a few lines.
const RUN_LIMIT = 200
const MESSAGE_LIMIT = 1000

/**
 * The last guard before a message leaves the pipeline: any run of text
 * without spaces longer than RUN_LIMIT is cut, and so is the message as a
 * whole past MESSAGE_LIMIT. Stages quote values with excerpt() already; this
 * catches a key, a path or a value they missed.
 */
export function boundedMessage(message: string): string {
  if (message.length <= RUN_LIMIT) return message
  const runs = message.replace(new RegExp(`\\S{${RUN_LIMIT + 1},}`, 'g'), (run) => excerpt(run, RUN_LIMIT))
  return excerpt(runs, MESSAGE_LIMIT)
}
