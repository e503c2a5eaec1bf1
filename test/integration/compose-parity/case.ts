// One parity case: the same recipe and env deployed by `docker stack deploy`
// (stack A) and by this engine (stack B), then compared.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { applyStack } from '../../../src-main/compose/apply'
import type { Diagnostic } from '../../../src-main/compose/diagnostics'
import type { StackObjects } from '../../../src-main/compose/objects'
import { renderStack } from '../../../src-main/compose/pipeline'
import { appEnv, composeFilesOf, withDomain } from './abra-env'
import { diffSnapshots, normalizeSnapshot } from './normalize'
import { externalSecretNames, prepareRecipeCopy, type RecipeVersion } from './recipes'
import { createSecrets, engineIds, oracleDeploy, removeSecrets, removeStack, removeStackServices, settledSnapshot, type StackSnapshot } from './swarm'

/** Short and unique per run, so stacks of concurrent runs never meet. */
export const RUN = crypto.randomBytes(2).toString('hex')

export interface Stacks {
  a: string
  b: string
}

export function stackNames(n: number): Stacks {
  return { a: `ccdpar-${RUN}${n}a`, b: `ccdpar-${RUN}${n}b` }
}

export interface AppSetup {
  rv: RecipeVersion
  /** The env file as written (DOMAIN set). */
  envText: string
  abraShText?: string
  /** Composes files for the oracle, from COMPOSE_FILE. */
  files: string[]
  envA: Record<string, string>
  envB: Record<string, string>
  dir: string
  secrets: string[]
}

export function setUpApp(rv: RecipeVersion, variantEnvText: string, domain: string, stacks: Stacks): AppSetup {
  const abraShPath = path.join(rv.dir, 'abra.sh')
  const abraShText = fs.existsSync(abraShPath) ? fs.readFileSync(abraShPath, 'utf8') : undefined
  const envText = withDomain(variantEnvText, domain)
  const envA = appEnv(envText, abraShText, stacks.a)
  const envB = appEnv(envText, abraShText, stacks.b)
  const files = composeFilesOf(envA)
  const dir = prepareRecipeCopy(rv, envA)
  const secrets = [...externalSecretNames(dir, files, envA), ...externalSecretNames(dir, files, envB)]
  return { rv, envText, abraShText, files, envA, envB, dir, secrets }
}

export function render(app: AppSetup, stackName: string): { objects?: StackObjects; diagnostics: Diagnostic[] } {
  return renderStack({ recipeDir: app.dir, envText: app.envText, envFile: `${app.envA.DOMAIN}.env`, abraShText: app.abraShText, stackName })
}

export const errorsOf = (diagnostics: Diagnostic[]): string[] => diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)

/** The names `docker stack deploy` quotes in its error, e.g. `undefined secret "x"`. */
export function quotedNames(message: string): string[] {
  return [...message.matchAll(/"([^"\s]+)"/g)].map((m) => m[1])
}

/** Unset variables the docker CLI warned about while interpolating. */
export function cliUnsetVariables(stderr: string): string[] {
  return [...new Set([...stderr.matchAll(/The \\?"?([A-Za-z0-9_]+)\\?"? variable is not set/g)].map((m) => m[1]))].sort()
}

/** Options the docker CLI said it ignores ("Ignoring unsupported options: a, b"). */
export function cliIgnoredOptions(stderr: string): string[] {
  const m = /Ignoring unsupported options: ([^\n]+)/.exec(stderr)
  return m ? m[1].split(',').map((s) => s.trim()).filter(Boolean) : []
}

export function publishesPorts(snap: StackSnapshot): boolean {
  return (snap.services as { Spec: { EndpointSpec?: { Ports?: unknown[] } } }[]).some((s) => (s.Spec.EndpointSpec?.Ports?.length ?? 0) > 0)
}

export async function compare(docker: Docker, a: StackSnapshot, b: StackSnapshot, stacks: Stacks): Promise<string[]> {
  const ids = await engineIds(docker)
  return diffSnapshots(normalizeSnapshot(a, ids, stacks.a, stacks.b), normalizeSnapshot(b, ids, stacks.b, stacks.b))
}

export { applyStack, createSecrets, oracleDeploy, removeSecrets, removeStack, removeStackServices, settledSnapshot }
