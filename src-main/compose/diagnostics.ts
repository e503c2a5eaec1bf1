// What every compose stage reports. A stage never throws on bad input: it
// returns diagnostics, and the pipeline stops before anything reaches a
// server when one of them is an error.

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
        .join('\n') || 'The recipe could not be read.'
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
