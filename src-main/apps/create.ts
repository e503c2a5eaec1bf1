// New apps and their settings: the env form, apps.new, saving an edited env
// file, and what an upgrade would bring. The env file is the app: it is
// written whole or not at all, and a failed apps.new leaves nothing behind.
import fs from 'node:fs/promises'
import type { EnvForm } from '../contract/apps'
import { ApiError, toErrorBody } from '../contract/errors'
import { stackNameFor } from '../compose/env'
import { loadApp, type AppContext } from './context'
import { newDomainProblem } from '../contract/domain'
import { appEnvPath, envProblems, mergeEnvSave, newEnvFile, recipeOf, setEnvValues, updateEnvFile, writeAppEnv } from './env-file'
import { buildForm, envVariables } from './form'
import type { HandlersFor } from './handlers-types'
import { setOverlay } from './overlays'
import { recipeFilesAt, type RecipeFiles } from './recipe-files'
import { missingRecipeFiles, recipeIncompleteWords, refuseIncompleteRecipe } from './recipe-gaps'
import { checkoutRecipe, ensureRecipe, pickVersion, versionsWithNotes } from './recipes-service'
import { createSecrets } from './secret-ops'
import { t } from '../i18n/i18n'

interface RecipeAt {
  dir: string
  version?: string
  versions: string[]
  files: RecipeFiles
}

/** The recipe's files at `version`; without one, the version the env records when the recipe has it, else the newest. */
async function recipeAt(ctx: AppContext, recipe: string, version: string | undefined, envText?: string): Promise<RecipeAt> {
  const { dir, versions } = await ensureRecipe(ctx, recipe)
  const recorded = envText === undefined ? undefined : recipeOf(envText).version
  const chosen = version !== undefined ? pickVersion(recipe, versions, version) : recorded && versions.includes(recorded) ? recorded : versions[0]
  return { dir, version: chosen, versions, files: await recipeFilesAt(dir, chosen ?? 'HEAD') }
}

function sampleOf(recipe: string, at: RecipeAt): string {
  const sample = at.files.get('.env.sample')
  if (sample === undefined) throw new ApiError('recipe-no-sample', at.version ? t('apps.create.noSampleVersion', { recipe, version: at.version }) : t('apps.create.noSample', { recipe }))
  return sample
}

/** The form for an app's env text at a recipe version (reads that version from git; the checkout is left alone). */
export async function formFor(ctx: AppContext, req: { recipe: string; version?: string; envText: string; domain?: string }): Promise<EnvForm> {
  const at = await recipeAt(ctx, req.recipe, req.version, req.envText)
  return withGaps(buildForm({ envText: req.envText, recipeDir: at.dir, files: at.files, domain: req.domain }), req.recipe, at.version)
}

/** The form, with the recipe's missing files said in plain words when it has any. */
function withGaps(form: EnvForm, recipe: string, version?: string): EnvForm {
  const files = missingRecipeFiles(form.problems)
  return files.length === 0 ? form : { ...form, recipeIncomplete: { files, ...recipeIncompleteWords(recipe, version, files) } }
}

/** Refuses env text that would not load, naming the lines. */
function assertLoads(text: string, domain: string): void {
  const errors = envProblems(text).filter((p) => p.severity === 'error')
  if (errors.length === 0) return
  throw new ApiError('env-invalid', t('apps.create.unreadable', { domain, problems: errors.map((e) => e.message).join(' ') }), undefined, { problems: errors })
}

/** apps.new as a function (servers.deployProxy uses it too): writes the env file, optionally creates secrets, undoes all on failure. */
export async function createApp(
  ctx: AppContext,
  req: { server: string; domain: string; recipe: string; version?: string; envText?: string; secrets: 'none' | 'generate'; secretValues?: Record<string, string> }
): Promise<{ envFile: string; stackName: string; secrets: Array<{ name: string; swarmName: string; value?: string }> }> {
  const { server, domain, recipe } = req
  const problem = newDomainProblem(domain)
  if (problem) throw new ApiError('invalid-domain', problem)
  // Refused (forbidden-path) before anything is downloaded when the server's
  // folder or the file's name is a symlink leading outside ~/.abra.
  appEnvPath(ctx.paths, server, domain)

  const at = await recipeAt(ctx, recipe, req.version)
  let text: string
  if (req.envText === undefined) {
    text = newEnvFile(sampleOf(recipe, at), { recipe, domain, version: at.version })
  } else {
    text = req.envText
    assertLoads(text, domain)
  }
  // A recipe missing files can't start, whatever is set: refused before anything is written or made on the server.
  const form = buildForm({ envText: text, recipeDir: at.dir, files: at.files, domain })
  refuseIncompleteRecipe({ recipe, version: at.version, diagnostics: form.problems, outcome: t('apps.create.nothingCreated', { domain }) })

  // The checkout the secrets are read from is switched before anything is
  // written, so a recipe with local edits stops here with nothing to undo.
  const checkout = req.secrets === 'generate' ? await checkoutRecipe(ctx, recipe, at.version) : undefined
  const envFile = await writeAppEnv(ctx.paths, server, domain, text)
  let secrets: Array<{ name: string; swarmName: string; value?: string }> = []
  if (checkout) {
    try {
      secrets = await createSecrets(ctx, await loadApp(ctx, server, domain), { values: req.secretValues, recipeDir: checkout.dir })
    } catch (err) {
      await fs.rm(envFile, { force: true })
      const body = toErrorBody(err)
      const why = body.code === 'internal' ? (err instanceof Error ? err.message : String(err)) : body.message
      throw new ApiError(
        body.code === 'internal' ? 'app-new-failed' : body.code,
        t('apps.create.secretsFailed', { domain, why }),
        body.detail ?? why,
        body.data
      )
    }
  }
  const values = await loadApp(ctx, server, domain)
  return { envFile, stackName: values.stackName || stackNameFor(domain), secrets }
}

async function envFormHandler(
  ctx: AppContext,
  req: { recipe: string; version?: string; envText?: string; domain?: string; set?: Record<string, string>; overlays?: Record<string, boolean> }
): Promise<EnvForm> {
  const at = await recipeAt(ctx, req.recipe, req.version, req.envText)
  const sample = at.files.get('.env.sample')
  let text = req.envText ?? newEnvFile(sampleOf(req.recipe, at), { recipe: req.recipe, domain: req.domain ?? `${req.recipe}.example.com`, version: at.version })
  for (const [id, on] of Object.entries(req.overlays ?? {})) text = setOverlay(text, id, on, { sample })
  if (req.set && Object.keys(req.set).length) text = setEnvValues(text, req.set)
  return withGaps(buildForm({ envText: text, recipeDir: at.dir, files: at.files, domain: req.domain }), req.recipe, at.version)
}

async function saveEnv(ctx: AppContext, req: { server: string; domain: string; envText: string; baseText?: string }): Promise<EnvForm> {
  const app = await loadApp(ctx, req.server, req.domain)
  assertLoads(req.envText, req.domain)
  const { recipe } = recipeOf(req.envText)
  if (!recipe) throw new ApiError('env-invalid', t('apps.create.noRecipe'))
  // Under the app's env lock; with the text the edit started from, what a
  // deploy or a rotation changed meanwhile is kept rather than overwritten.
  const base = req.baseText
  const { after } = await updateEnvFile(app.envFile, (current) => (base === undefined ? req.envText : mergeEnvSave(base, req.envText, current)))
  return formFor(ctx, { recipe, envText: after, domain: req.domain })
}

async function upgradeInfo(ctx: AppContext, req: { server: string; domain: string; target?: string }) {
  const app = await loadApp(ctx, req.server, req.domain)
  if (!app.recipe) throw new ApiError('recipe-unknown', t('apps.create.noRecipeYet', { domain: req.domain }))
  const { dir, versions } = await ensureRecipe(ctx, app.recipe)
  const at = app.version ? versions.indexOf(app.version) : -1
  // An app whose version the recipe doesn't know could move to any of them.
  const newer = at === -1 ? versions : versions.slice(0, at)
  const older = at === -1 ? [] : versions.slice(at + 1)
  const target = req.target !== undefined ? pickVersion(app.recipe, versions, req.target) : newer[0]

  let newVariables: EnvForm['variables'] = []
  if (target) {
    const sample = (await recipeFilesAt(dir, target)).get('.env.sample') ?? ''
    const have = new Set(Object.keys(app.values))
    newVariables = envVariables(sample).filter((v) => !v.commented && !have.has(v.key))
  }
  return {
    ...(app.version ? { current: app.version } : {}),
    newer: await versionsWithNotes(dir, newer),
    older: await versionsWithNotes(dir, older),
    newVariables,
    ...(target ? { target } : {})
  }
}

export function createHandlers(ctx: AppContext): HandlersFor<'apps.envForm' | 'apps.new' | 'apps.saveEnv' | 'apps.upgradeInfo'> {
  return {
    'apps.envForm': (req) => envFormHandler(ctx, req),
    'apps.new': (req) => createApp(ctx, req),
    'apps.saveEnv': (req) => saveEnv(ctx, req),
    'apps.upgradeInfo': (req) => upgradeInfo(ctx, req)
  }
}
