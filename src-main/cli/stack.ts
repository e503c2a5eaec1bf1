import path from 'node:path'
import type { Core } from '../core/core'
import { parse } from './args'
import { UsageError } from './errors'
import { t } from '../i18n/i18n'
import { followJob } from './jobs'
import { call, print } from './io'

export const stackUsage = (): string => `  coopcloud-desktop stack render <recipe-dir> --env <file> [--stack NAME] [--domain D]
                                      (${t('cli.usage.stackRender')})
  coopcloud-desktop stack deploy <recipe-dir> --env <file> --server NAME [--stack NAME] [--domain D]
                                      [--recipe NAME --recipe-version V [--chaos COMMIT]]`

export async function stackCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'render':
      return render(core, rest)
    case 'deploy':
      return deploy(core, rest)
    case undefined:
      throw new UsageError(t('cli.stack.sayWhat'))
    default:
      throw new UsageError(t('cli.stack.notCommand', { sub }))
  }
}

const common = {
  env: { type: 'string' },
  stack: { type: 'string' },
  domain: { type: 'string' }
} as const

function source(values: { env?: string; stack?: string; domain?: string }, positionals: string[]) {
  if (positionals.length === 0) throw new UsageError(t('cli.stack.giveFolder'))
  if (positionals.length > 1) throw new UsageError(t('cli.stack.onlyOneFolder', { got: positionals.join(' ') }))
  if (!values.env) throw new UsageError(t('cli.stack.giveEnv'))
  return { recipeDir: path.resolve(positionals[0]), envFile: path.resolve(values.env), stackName: values.stack, domain: values.domain }
}

// Plain words, one per line: "Error: compose.yml line 12: …".
async function printDiagnostics(diagnostics: { severity: string; message: string }[]): Promise<void> {
  if (diagnostics.length === 0) return
  await print(diagnostics.map((d) => d.severity === 'error' ? t('cli.stack.error', { message: d.message }) : t('cli.common.warning', { message: d.message })).join('\n'), process.stderr)
}

async function render(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, common)
  const result = await call(core, 'stacks.render', source(values, positionals))
  await printDiagnostics(result.diagnostics)
  if (result.diagnostics.some((d) => d.severity === 'error') || result.objects === undefined) return 1
  await print(JSON.stringify(result.objects, null, 2))
  return 0
}

async function deploy(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...common,
    server: { type: 'string' },
    recipe: { type: 'string' },
    'recipe-version': { type: 'string' },
    chaos: { type: 'string' }
  })
  const src = source(values, positionals)
  if (!values.server) throw new UsageError(t('cli.stack.giveServer'))
  if ((values.recipe === undefined) !== (values['recipe-version'] === undefined)) throw new UsageError(t('cli.stack.recipeVersionTogether'))
  if (values.chaos !== undefined && values.recipe === undefined) throw new UsageError(t('cli.stack.chaosWithRecipe'))
  const abra =
    values.recipe !== undefined
      ? { recipe: values.recipe, version: values['recipe-version'] ?? '', chaos: values.chaos !== undefined, chaosVersion: values.chaos }
      : undefined

  // Render first so problems in the recipe are shown in full, not as one line.
  const rendered = await call(core, 'stacks.render', src)
  await printDiagnostics(rendered.diagnostics)
  if (rendered.diagnostics.some((d) => d.severity === 'error')) return 1

  let stackName = ''
  await followJob(
    core,
    async () => {
      const started = await call(core, 'stacks.deploy', { ...src, server: values.server!, abra })
      stackName = started.stackName
      return started
    },
    // Warnings were printed in full above.
    { hideLine: (line) => line.startsWith(t('compose.warning', { message: '' })), failure: t('cli.stack.deployFailed') }
  )
  await print(t('cli.stack.deployed', { stack: stackName, server: values.server }))
  return 0
}
