import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { generateCatalogue } from '../catalogue/generate'
import { writeFileAtomic } from '../core/files'
import type { Core } from '../core/core'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { call, print } from './io'

export const catalogueUsage = (): string => `  coopcloud-desktop catalogue generate <recipes-dir> [--out FILE]
                                      (${t('cli.usage.catalogueGenerate')})
  coopcloud-desktop catalogue ls [--json] [--search Q] [--category C] [--refresh]
                                      (${t('cli.usage.catalogueLs')})`

export async function catalogueCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'generate':
      return generate(rest)
    case 'ls':
    case 'list':
      return list(core, rest)
    case undefined:
      throw new UsageError(t('cli.catalogue.sayWhat'))
    default:
      throw new UsageError(t('cli.catalogue.notCommand', { sub }))
  }
}

function parse<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
}

async function generate(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError(t('cli.catalogue.giveFolder'))
  const recipesDir = path.resolve(positionals[0])
  const entries = await fs.readdir(recipesDir, { withFileTypes: true }).catch(() => {
    throw new CliError({ code: 'not-found', message: t('cli.catalogue.notFolder', { dir: recipesDir }) })
  })
  // Recipe checkouts (as in ~/.abra/recipes) give their versions as git
  // tags; folders laid out one per version are read as they are.
  const gitRepo = entries.some((e) => e.isDirectory() && existsSync(path.join(recipesDir, e.name, '.git')))
  const git = gitRepo ? await import('../recipes/git') : undefined
  const { catalogue, warnings } = await generateCatalogue({
    recipesDir,
    ...(git && {
      listVersions: git.listVersions,
      readFileAtVersion: async (dir: string, version: string, file: string) => (await git.readFileAtVersion(dir, version, file)).toString('utf8')
    })
  })
  if (warnings.length > 0) await print(warnings.map((w) => t('cli.common.warning', { message: w })).join('\n'), process.stderr)
  const json = `${JSON.stringify(catalogue, null, 2)}\n`
  if (values.out === undefined) {
    await print(json)
  } else {
    const out = path.resolve(values.out)
    await fs.mkdir(path.dirname(out), { recursive: true })
    await writeFileAtomic(out, json, 0o644)
    await print(t('cli.catalogue.wrote', { count: Object.keys(catalogue).length, out }), process.stderr)
  }
  return 0
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    search: { type: 'string' },
    category: { type: 'string' },
    refresh: { type: 'boolean' }
  })
  if (positionals.length > 0) throw new UsageError(t('cli.catalogue.lsNoNames'))
  const result = await call(core, 'catalogue.list', { search: values.search, category: values.category, refresh: values.refresh })
  if (result.warning) await print(t('cli.common.warning', { message: result.warning }), process.stderr)
  if (values.json) {
    await print(JSON.stringify(result, null, 2))
    return 0
  }
  if (result.recipes.length === 0) {
    await print(t('cli.catalogue.noMatch'), process.stderr)
    return 0
  }
  const lines = result.recipes.map((r) => {
    const latest = r.versions.at(-1)?.version ?? t('cli.catalogue.noVersions')
    return `${t('cli.catalogue.recipe', { name: r.name, category: r.category || t('cli.catalogue.noCategory'), latest })}\n  ${r.description || t('cli.catalogue.noDescription')}\n  ${r.badges.map((b) => b.text).join(', ')}`
  })
  await print(lines.join('\n'))
  return 0
}
