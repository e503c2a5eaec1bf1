// The apps list and what can be done to an app that exists: open it, see
// its tasks, restart a service, undeploy, remove; and "Deploy the proxy".
import type { EnvForm } from '../contract/apps'
import { toErrorBody } from '../contract/errors'
import { listVersions, recipeDir } from '../recipes/git'
import { loadApp, type AppContext, type LoadedApp } from './context'
import { formFor } from './create'
import { envProblems } from './env-file'
import { envVariables } from './form'
import { layoutForm } from './form-layout'
import type { HandlersFor } from './handlers-types'
import { appSummary, listApps } from './list'
import { appPs, restartService } from './list-ps'
import { deployProxy, prepareProxy } from './proxy'
import { startRemove } from './remove'
import { startUndeploy } from './undeploy'
import { t } from '../i18n/i18n'

/**
 * The form for the app's env file. A file broken by hand, or whose recipe
 * can't be read, must still open so it can be fixed: then the form has the
 * text, its variables and the problems, without the recipe's parts.
 */
async function appForm(ctx: AppContext, app: LoadedApp): Promise<EnvForm> {
  let why: string
  if (app.recipe) {
    try {
      return await formFor(ctx, { recipe: app.recipe, version: app.version, envText: app.envText, domain: app.domain })
    } catch (err) {
      why = app.version
        ? t('apps.recipe.unreadableVersion', { recipe: app.recipe, version: app.version, message: toErrorBody(err).message })
        : t('apps.recipe.unreadable', { recipe: app.recipe, message: toErrorBody(err).message })
    }
  } else {
    why = t('apps.recipe.noRecipeNamed')
  }
  let variables: EnvForm['variables'] = []
  let layout: EnvForm['layout'] = { essentials: [], groups: [] }
  try {
    variables = envVariables(app.envText)
    // Without the recipe: its sections and labels, but no defaults or parts.
    layout = layoutForm({ envText: app.envText, variables, overlays: [], files: new Map() })
  } catch {
    // Even the variables can't be read: the text alone is still shown.
  }
  const problems = envProblems(app.envText).map((p) => ({ severity: p.severity, message: p.message, ...(p.line ? { line: p.line } : {}), file: app.envFile }))
  return {
    envText: app.envText,
    variables,
    overlays: [],
    secrets: [],
    problems: [...problems, { severity: 'warning' as const, file: app.envFile, message: why }],
    missing: [],
    stackName: app.stackName,
    layout
  }
}

async function localVersions(ctx: AppContext, recipe?: string): Promise<string[] | undefined> {
  if (!recipe) return undefined
  try {
    return await listVersions(recipeDir(ctx.paths.recipesDir, recipe))
  } catch {
    return undefined
  }
}

export function lifecycleHandlers(ctx: AppContext): HandlersFor<'apps.list' | 'apps.get' | 'apps.ps' | 'apps.restart' | 'apps.undeploy' | 'apps.remove' | 'servers.deployProxy' | 'servers.prepareProxy'> {
  return {
    'apps.list': ({ server }) => listApps(ctx, server),
    'apps.get': async ({ server, domain }) => {
      const app = await loadApp(ctx, server, domain)
      const [summary, form, recipeVersions] = await Promise.all([appSummary(ctx, server, domain), appForm(ctx, app), localVersions(ctx, app.recipe)])
      return { app: summary, form, ...(recipeVersions ? { recipeVersions } : {}) }
    },
    'apps.ps': ({ server, domain }) => appPs(ctx, server, domain),
    'apps.restart': async ({ server, domain, service }) => {
      await restartService(ctx, server, domain, service)
      return {}
    },
    'apps.undeploy': ({ server, domain }) => startUndeploy(ctx, server, domain),
    'apps.remove': ({ server, domain, confirm }) => startRemove(ctx, server, domain, confirm),
    'servers.deployProxy': ({ name, domain, email }) => deployProxy(ctx, { name, domain, email }),
    'servers.prepareProxy': ({ name, domain, email }) => prepareProxy(ctx, { name, domain, email })
  }
}
