import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { UsageError } from './errors'
import { t } from '../i18n/i18n'

export function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
}

/** What a command takes as its one positional argument, named in words. */
export type Positional = 'serverName' | 'serverAddress' | 'appDomain'

export function onePositional(positionals: string[], positional: Positional): string {
  const what = t(`cli.args.what.${positional}`)
  if (positionals.length === 0) throw new UsageError(t('cli.args.give', { what }))
  if (positionals.length > 1) throw new UsageError(t('cli.args.onlyOne', { what, got: positionals.join(' ') }))
  return positionals[0]
}
