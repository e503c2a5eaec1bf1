import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Core } from '../core/core'
import type { LintReport } from '../contract/lint'
import { t } from '../i18n/i18n'
import { table } from './app-find'
import { UsageError } from './errors'
import { call, print } from './io'

export const recipeUsage = (): string => `  coopcloud-desktop recipe lint <recipe|folder> [--offline] [--json]
                                      (${t('lint.cli.usage')})`

export async function recipeCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'lint') return lint(core, rest)
  if (sub === undefined) throw new UsageError(t('lint.cli.sayWhat'))
  throw new UsageError(t('lint.cli.notCommand', { sub }))
}

// A folder is written as a path ("./myrecipe", "~/code/x", "/abs"); a bare
// name is a recipe, as `abra recipe lint <recipe>` takes it.
const isFolder = (arg: string): boolean => arg.includes('/') || arg.includes(path.sep) || arg === '.' || arg === '..'

async function lint(core: Core, args: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args, options: { offline: { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new UsageError(t('lint.cli.giveOne'))
  const [arg] = positionals
  const registry = values.offline ? { registry: false } : {}
  const report = await call(core, 'recipes.lint', isFolder(arg) ? { dir: path.resolve(arg), ...registry } : { recipe: arg, ...registry })
  await print(values.json ? JSON.stringify(report, null, 2) : lintText(report))
  // As abra: a failing error-level rule fails the command; warnings don't.
  return report.errors > 0 ? 1 : 0
}

export function lintText(report: LintReport): string {
  const w = (k: 'id' | 'level' | 'result' | 'what' | 'fix' | 'ok' | 'fails' | 'skipped' | 'warn' | 'error'): string => t(`lint.table.${k}`)
  // Failing rules first, errors before warnings, as the window shows them.
  const order = { fails: 0, skipped: 1, ok: 2 } as const
  const rows = [...report.results]
    .sort((a, b) => order[a.status] - order[b.status] || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || a.id.localeCompare(b.id))
    .map((r) => [r.id, w(r.level), w(r.status), r.title, r.status === 'fails' ? [r.fix, r.detail].filter(Boolean).join(' ') : (r.detail ?? '')])
  const heading = report.version ? t('lint.cli.headingVersion', { recipe: report.recipe, version: report.version }) : t('lint.cli.heading', { recipe: report.recipe })
  const summary = report.errors || report.warnings ? t('lint.summary.problems', { errors: report.errors, warnings: report.warnings }) : t('lint.summary.ok')
  return `${heading}\n\n${table([w('id'), w('level'), w('result'), w('what'), w('fix')], rows)}\n\n${summary}`
}
