import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { UsageError } from './errors'

export function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
}

export function onePositional(positionals: string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`Give the ${what}.`)
  if (positionals.length > 1) throw new UsageError(`Give only one ${what}; got "${positionals.join(' ')}".`)
  return positionals[0]
}
