// Which secrets an app has, and what the server says about them. The compose
// files name the secrets a recipe really uses; the env file pins their
// versions. A missing or broken recipe checkout leaves only the env's
// SECRET_*_VERSION lines, which is what abra falls back to as well.
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { loadStackConfig } from '../compose/pipeline'
import { recipeDir } from '../recipes/git'
import type { LoadedApp } from './context'
import { findSecrets, type SecretSpec } from './secrets'

/** The compose files' top-level secret keys, or undefined when the checkout can't say. */
export function composeSecretsOf(app: LoadedApp, recipeDir: string | undefined): string[] | undefined {
  if (!recipeDir || !fs.existsSync(recipeDir)) return undefined
  const abraSh = path.join(recipeDir, 'abra.sh')
  try {
    const r = loadStackConfig({
      recipeDir,
      envText: app.envText,
      envFile: app.envFile,
      abraShText: fs.existsSync(abraSh) ? fs.readFileSync(abraSh, 'utf8') : undefined,
      domain: app.domain,
      stackName: app.stackName
    })
    return r.config ? Object.keys(r.config.secrets ?? {}) : undefined
  } catch {
    return undefined
  }
}

export function defaultRecipeDir(recipesDir: string, app: LoadedApp): string | undefined {
  if (!app.recipe) return undefined
  // RECIPE= comes from the env file: a name that would leave ~/.abra/recipes
  // counts as no checkout, never as a folder elsewhere.
  try {
    return recipeDir(recipesDir, app.recipe)
  } catch {
    return undefined
  }
}

export function appSecretSpecs(app: LoadedApp, recipeDir: string | undefined): SecretSpec[] {
  return findSecrets(app.envText, { composeSecrets: composeSecretsOf(app, recipeDir), stackName: app.stackName })
}

/** The stack's secrets on the server, by name, from one list call. */
export async function serverSecrets(docker: Docker, stackName: string): Promise<Map<string, Docker.Secret>> {
  const list = await docker.listSecrets({ filters: JSON.stringify({ name: [`${stackName}_`] }) })
  // The name filter matches anywhere in the name; keep only this stack's.
  const out = new Map<string, Docker.Secret>()
  for (const s of list) {
    const name = s.Spec?.Name
    if (name?.startsWith(`${stackName}_`)) out.set(name, s)
  }
  return out
}

/** The stack's services (what `docker stack deploy` labelled with its namespace). */
export async function stackServices(docker: Docker, stackName: string): Promise<Docker.Service[]> {
  return docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stackName}`] }) })
}
