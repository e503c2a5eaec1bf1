// apps.preview: what a deploy, upgrade, rollback or redeploy would change,
// sending nothing. The recipe is checked out and rendered as startDeploy
// (deploy.ts) does it, under the same recipe lock, with the same labels
// (abra's, and the earlier version); the server is only read: the stack's
// services, and the secrets, configs, networks and volumes it would use.
// The comparison itself is deploy-preview-compare.ts.
import crypto from 'node:crypto'
import type Docker from 'dockerode'
import type { DeployPreview } from '../contract/deploy-preview'
import { ApiError } from '../contract/errors'
import { abraLabelKeys, MAIN_SERVICE, withAbraLabels } from '../compose/abra-labels'
import { ComposeError } from '../compose/diagnostics'
import { renderFromFiles } from '../compose/stacks'
import { t } from '../i18n/i18n'
import { loadApp, type AppContext } from './context'
import { versionToDeploy, type DeployKind } from './deploy'
import { comparePreview, type EngineServiceLike, type PreviewReads } from './deploy-preview-compare'
import { previewWords } from './deploy-preview-words'
import { earlierVersionFor, withEarlierVersion } from './earlier-version'
import { envProblems } from './env-file'
import type { HandlersFor } from './handlers-types'
import { stackFilter } from './list-docker'
import { refuseIncompleteRecipe } from './recipe-gaps'
import { withCheckout, withWorkingCopy } from './recipes-service'

/** Changes whenever a service of the stack is created, changed or removed. */
function serverStateOf(services: EngineServiceLike[]): string {
  const ids = services.map((s) => `${s.ID ?? ''}@${s.Version?.Index ?? ''}`).sort()
  return crypto.createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)
}

/** What the comparison needs from the server: the stack's services (read by the caller) and the names of what exists there. */
export async function readServer(docker: Docker, services: EngineServiceLike[]): Promise<PreviewReads> {
  const [networks, secrets, configs, volumes] = await Promise.all([docker.listNetworks(), docker.listSecrets(), docker.listConfigs(), docker.listVolumes()])
  return {
    services,
    networkNames: new Map(networks.map((n) => [n.Id, n.Name])),
    networks: new Set(networks.map((n) => n.Name)),
    secrets: new Set(secrets.map((s) => s.Spec?.Name ?? '')),
    configs: new Set(configs.map((c) => c.Spec?.Name ?? '')),
    volumes: new Set((volumes.Volumes ?? []).map((v) => v.Name))
  }
}

export async function previewDeploy(ctx: AppContext, req: { server: string; domain: string; kind: DeployKind; version?: string; chaos?: boolean }): Promise<DeployPreview> {
  const chaos = req.chaos === true
  if (chaos && (req.version !== undefined || (req.kind !== 'deploy' && req.kind !== 'redeploy'))) throw new ApiError('invalid-request', t('apps.deploy.chaosNoVersion'))
  const app = await loadApp(ctx, req.server, req.domain)
  const errors = envProblems(app.envText).filter((p) => p.severity === 'error')
  if (errors.length) throw new ApiError('env-invalid', t('apps.deploy.envInvalid', { domain: app.domain, problems: errors.map((e) => e.message).join(' ') }), undefined, { problems: errors })
  if (!app.recipe) throw new ApiError('env-invalid', t('apps.deploy.noRecipe', { domain: app.domain }))
  const recipe = app.recipe
  const render = async (dir: string, version: string) => ({
    version,
    dir,
    r: renderFromFiles({ recipeDir: dir, envFile: app.envFile, domain: app.domain, stackName: app.stackName })
  })
  const { r, version, dir } = chaos ? await withWorkingCopy(ctx, recipe, render) : await withCheckout(ctx, recipe, versionToDeploy(req.kind, app, req.version), render)
  refuseIncompleteRecipe({ recipe, version, diagnostics: r.diagnostics, recipeDir: dir, outcome: t('apps.deploy.nothingSent', { domain: app.domain }) })
  if (!r.objects || r.diagnostics.some((d) => d.severity === 'error')) throw new ComposeError(r.diagnostics)
  const stackName = r.objects.namespace
  const objects = withAbraLabels(r.objects, { stackName, recipe, version, chaos, ...(chaos ? { chaosVersion: version } : {}) })
  const labelled = objects.services.find((s) => s.name === `${stackName}_${MAIN_SERVICE}`)?.spec.Labels as Record<string, string> | undefined
  const versionLabel = chaos ? (labelled?.[abraLabelKeys(stackName).version] ?? '') : version

  const conn = await ctx.open(app.server)
  await conn.ready()
  const docker = conn.docker()
  const services = (await docker.listServices({ filters: stackFilter(stackName) })) as EngineServiceLike[]
  const mainBefore = services.find((s) => s.Spec?.Name === `${stackName}_${MAIN_SERVICE}`)
  const sent = withEarlierVersion(objects, earlierVersionFor(mainBefore?.Spec?.Labels, stackName, versionLabel))
  const data = comparePreview(sent, await readServer(docker, services))
  return {
    ...data,
    server: app.server,
    domain: app.domain,
    kind: req.kind,
    serverState: serverStateOf(services),
    words: previewWords(data, { domain: app.domain, kind: req.kind, chaos })
  }
}

export function previewHandlers(ctx: AppContext): HandlersFor<'apps.preview'> {
  return {
    'apps.preview': ({ server, domain, kind, version, chaos }) => previewDeploy(ctx, { server, domain, kind, version, chaos })
  }
}
