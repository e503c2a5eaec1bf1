// The compose pipeline, front to back, in docker stack deploy's order:
// environment → load every file → per file: forbidden keys, interpolate,
// schema, normalize → merge → references → convert. Every stage reports
// diagnostics instead of throwing; the first stage that reports an error
// ends the run and no objects are returned, so nothing reaches a server.
// Variables come from the app environment only (env file, abra.sh,
// STACK_NAME), never from this process's environment: the same render on
// any machine.
//
// Files the recipe names (compose files, env_file, config and secret files)
// must stay inside the recipe folder unless `outsideFiles` says 'warn' (the
// CLI): see outside-files.ts. Every message leaves with its quoted input cut
// short (boundedMessage), so a 100 kB value is never echoed whole.

import { boundedMessage, type Diagnostic } from './diagnostics'
import { convertStack } from './convert'
import { appEnvironment } from './env'
import { interpolateFile } from './interpolate'
import { loadComposeFiles } from './load'
import { mergeConfigs } from './merge'
import type { Config } from './model'
import { ignoredOptionWarnings, normalizeFile } from './normalize'
import type { StackObjects } from './objects'
import type { OutsideFiles } from './outside-files'
import { checkForbidden, checkVersions, validateReferences, validateSchema } from './validate'
import path from 'node:path'

export interface RenderInput {
  /** The recipe checkout (compose files, config templates). */
  recipeDir: string
  /** The app's env file contents. */
  envText: string
  /** Its name, for messages and as the app name when no domain is given. */
  envFile?: string
  /** The recipe's abra.sh, for its `export` lines. */
  abraShText?: string
  domain?: string
  /** Overrides STACK_NAME. */
  stackName?: string
  /** Reads a file (compose files, env_file); defaults to the disk. */
  readText?: (abs: string) => string
  /** A file named by the recipe that resolves outside recipeDir: refused (the default) or read with a warning. */
  outsideFiles?: OutsideFiles
}

export interface StackConfigResult {
  config?: Config
  /** True when no stage reported an error (config may be present without it). */
  ok?: boolean
  env?: Record<string, string>
  stackName?: string
  diagnostics: Diagnostic[]
}

export interface RenderResult extends StackConfigResult {
  objects?: StackObjects
}

const hasError = (ds: Diagnostic[]): boolean => ds.some((d) => d.severity === 'error')

/** Every message with its quoted input cut short. */
function bounded<T extends { diagnostics: Diagnostic[] }>(r: T): T {
  return { ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, message: boundedMessage(d.message), ...(d.path ? { path: boundedMessage(d.path) } : {}) })) }
}

/** Everything up to the merged, normalized model (no convert). */
export function loadStackConfig(input: RenderInput): StackConfigResult {
  return bounded(loadUnbounded(input))
}

function loadUnbounded(input: RenderInput): StackConfigResult {
  const diagnostics: Diagnostic[] = []
  const app = appEnvironment(input)
  diagnostics.push(...app.diagnostics)
  if (hasError(diagnostics)) return { diagnostics }
  const base = { env: app.env, stackName: app.stackName }

  const loaded = loadComposeFiles(input.recipeDir, app.composeFiles, input.readText, { outsideFiles: input.outsideFiles, composeFileAt: app.composeFileAt })
  diagnostics.push(...loaded.diagnostics)
  if (hasError(diagnostics) || loaded.files.length === 0) return { ...base, diagnostics }

  const versions = checkVersions(loaded.files)
  diagnostics.push(...versions.diagnostics)
  for (const f of loaded.files) diagnostics.push(...checkForbidden(f))
  if (hasError(diagnostics)) return { ...base, diagnostics }

  // docker takes relative paths from the first compose file's folder.
  const workingDir = path.dirname(loaded.files[0].path)
  const configs: Config[] = []
  for (const f of loaded.files) {
    const interpolated = interpolateFile(f, app.env)
    diagnostics.push(...interpolated.diagnostics)
    if (hasError(interpolated.diagnostics)) continue
    const schemaErrors = validateSchema(interpolated.data, f, versions.version)
    diagnostics.push(...schemaErrors)
    if (hasError(schemaErrors)) continue
    const n = normalizeFile(interpolated.data, f, {
      workingDir,
      env: app.env,
      version: versions.version,
      readText: input.readText,
      recipeDir: input.recipeDir,
      outsideFiles: input.outsideFiles
    })
    diagnostics.push(...n.diagnostics)
    configs.push(n.config)
  }
  if (hasError(diagnostics)) return { ...base, diagnostics }
  diagnostics.push(...ignoredOptionWarnings(loaded.files))

  const merged = mergeConfigs(configs)
  diagnostics.push(...merged.diagnostics)
  const refs = validateReferences(merged.config)
  diagnostics.push(...refs)
  // The merged model is complete even when a reference is wrong, so it is
  // returned for display; `ok` says whether it may go on to convert.
  return { ...base, config: merged.config, ok: !hasError(diagnostics), diagnostics }
}

/** The whole pipeline: the Docker objects `docker stack deploy` would send. */
export function renderStack(input: RenderInput): RenderResult {
  const loaded = loadStackConfig(input)
  if (!loaded.ok || !loaded.config || !loaded.stackName) return loaded
  const converted = bounded(convertStack(loaded.config, { namespace: loaded.stackName, recipeDir: input.recipeDir, outsideFiles: input.outsideFiles }))
  const diagnostics = [...loaded.diagnostics, ...converted.diagnostics]
  if (hasError(converted.diagnostics)) return { ...loaded, diagnostics }
  return { ...loaded, objects: converted.objects, diagnostics }
}
