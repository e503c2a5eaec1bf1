import path from 'node:path'
import type { Core } from '../core/core'
import { parse } from './args'
import { UsageError } from './errors'
import { followJob } from './jobs'
import { call, print } from './io'

export const stackUsage = `  coopcloud-desktop stack render <recipe-dir> --env <file> [--stack NAME] [--domain D]
                                      (the Docker objects, as JSON; exit code 1 if the recipe has errors)
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
      throw new UsageError('Say what to do with the stack: render or deploy.')
    default:
      throw new UsageError(`"stack ${sub}" is not a command.`)
  }
}

const common = {
  env: { type: 'string' },
  stack: { type: 'string' },
  domain: { type: 'string' }
} as const

function source(values: { env?: string; stack?: string; domain?: string }, positionals: string[]) {
  if (positionals.length === 0) throw new UsageError('Give the recipe folder.')
  if (positionals.length > 1) throw new UsageError(`Give only one recipe folder; got "${positionals.join(' ')}".`)
  if (!values.env) throw new UsageError("Give the app's env file with --env.")
  return { recipeDir: path.resolve(positionals[0]), envFile: path.resolve(values.env), stackName: values.stack, domain: values.domain }
}

// Plain words, one per line: "Error: compose.yml line 12: …".
async function printDiagnostics(diagnostics: { severity: string; message: string }[]): Promise<void> {
  if (diagnostics.length === 0) return
  await print(diagnostics.map((d) => `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`).join('\n'), process.stderr)
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
  if (!values.server) throw new UsageError('Give the server to deploy to with --server (see: coopcloud-desktop server ls).')
  if ((values.recipe === undefined) !== (values['recipe-version'] === undefined)) throw new UsageError('--recipe and --recipe-version go together.')
  if (values.chaos !== undefined && values.recipe === undefined) throw new UsageError('--chaos goes with --recipe and --recipe-version.')
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
    { hideLine: (line) => line.startsWith('Warning: '), failure: 'The deploy did not finish.' }
  )
  await print(`Deployed ${stackName} to ${values.server}.`)
  return 0
}
