// Shared state of one conversion: the namespace, where the recipe lives, and
// the diagnostics collected so far (convert never throws on bad input).

import type { Diagnostic } from '../diagnostics'
import { describeAt } from '../diagnostics'
import type { Config, Position } from '../model'
import type { OutsideFiles } from '../outside-files'

export class ConvertContext {
  readonly diagnostics: Diagnostic[] = []

  constructor(
    readonly config: Config,
    readonly namespace: string,
    readonly recipeDir: string,
    /** A secret or config file outside recipeDir: refused (the default) or read with a warning. */
    readonly outsideFiles?: OutsideFiles
  ) {}

  /** Where the key at `path` (or its nearest written parent) came from. */
  position(path: string): Position | undefined {
    const positions = this.config.positions
    if (!positions) return undefined
    let p = path
    for (;;) {
      const pos = positions.get(p)
      if (pos) return pos
      const dot = p.lastIndexOf('.')
      if (dot < 0) return undefined
      p = p.slice(0, dot)
    }
  }

  error(path: string, text: string): void {
    this.report('error', path, text)
  }

  warn(path: string, text: string): void {
    this.report('warning', path, text)
  }

  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error')
  }

  private report(severity: Diagnostic['severity'], path: string, text: string): void {
    const pos = this.position(path)
    const file = pos?.file ?? this.config.filename
    const line = pos?.line
    this.diagnostics.push({
      severity,
      ...(file ? { file } : {}),
      ...(line ? { line } : {}),
      path,
      message: `${describeAt({ file, line })}${text}`
    })
  }
}
