import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { generateCatalogue } from '../catalogue/generate'
import { writeFileAtomic } from '../core/files'
import type { Core } from '../core/core'
import { CliError, UsageError } from './errors'
import { call, print } from './io'

export const catalogueUsage = `  coopcloud-desktop catalogue generate <recipes-dir> [--out FILE]
                                      (recipes.json from recipe folders, as abra catalogue generate)
  coopcloud-desktop catalogue ls [--json] [--search Q] [--category C] [--refresh]
                                      (from COOPCLOUD_CATALOGUE_URL, default Co-op Cloud's)`

export async function catalogueCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'generate':
      return generate(rest)
    case 'ls':
    case 'list':
      return list(core, rest)
    case undefined:
      throw new UsageError('Say what to do with the catalogue: generate or ls.')
    default:
      throw new UsageError(`"catalogue ${sub}" is not a command.`)
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
  if (positionals.length !== 1) throw new UsageError('Give the one folder that holds the recipes.')
  const recipesDir = path.resolve(positionals[0])
  const entries = await fs.readdir(recipesDir, { withFileTypes: true }).catch(() => {
    throw new CliError({ code: 'not-found', message: `${recipesDir} is not a folder that can be read.` })
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
  if (warnings.length > 0) await print(warnings.map((w) => `Warning: ${w}`).join('\n'), process.stderr)
  const json = `${JSON.stringify(catalogue, null, 2)}\n`
  if (values.out === undefined) {
    await print(json)
  } else {
    const out = path.resolve(values.out)
    await fs.mkdir(path.dirname(out), { recursive: true })
    await writeFileAtomic(out, json, 0o644)
    await print(`Wrote ${Object.keys(catalogue).length} recipes to ${out}.`, process.stderr)
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
  if (positionals.length > 0) throw new UsageError(`"catalogue ls" takes no names; use --search.`)
  const result = await call(core, 'catalogue.list', { search: values.search, category: values.category, refresh: values.refresh })
  if (result.warning) await print(`Warning: ${result.warning}`, process.stderr)
  if (values.json) {
    await print(JSON.stringify(result, null, 2))
    return 0
  }
  if (result.recipes.length === 0) {
    await print('No recipes match.', process.stderr)
    return 0
  }
  const lines = result.recipes.map((r) => {
    const latest = r.versions.at(-1)?.version ?? 'no versions'
    return `${r.name} (${r.category || 'no category'}, ${latest})\n  ${r.description || 'No description.'}\n  ${r.badges.map((b) => b.text).join(', ')}`
  })
  await print(lines.join('\n'))
  return 0
}
