// apps.preview: what a deploy, upgrade, rollback or redeploy would change,
// sending nothing. The recipe is checked out and rendered as startDeploy
// (deploy.ts) does it, under the same recipe lock, with the same labels
// (abra's, and the earlier version); the server is only read: the stack's
// services, and the secrets, configs, networks and volumes it would use.
// The comparison itself is deploy-preview-compare.ts.
import type Docker from 'dockerode'
import { resolveImages, RESOLVE_IMAGE_DEFAULT } from '../compose/apply'
import type { DeployPreview, PreviewProgress } from '../contract/deploy-preview'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'
import { loadApp, type AppContext } from './context'
import { refuseBrokenEnv, versionToDeploy, type DeployKind } from './deploy'
import { comparePreview, type EngineServiceLike, type PreviewReads } from './deploy-preview-compare'
import { previewWords } from './deploy-preview-words'
import { objectsToSend, pinsOf, renderForDeploy, serverStateOf } from './deploy-render'
import type { HandlersFor } from './handlers-types'
import { stackFilter } from './list-docker'
import { stackVolumesElsewhere } from './volume-locality'

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

export async function previewDeploy(
  ctx: AppContext,
  req: { server: string; domain: string; kind: DeployKind; version?: string; chaos?: boolean; progressId?: string }
): Promise<DeployPreview> {
  const chaos = req.chaos === true
  if (chaos && (req.version !== undefined || (req.kind !== 'deploy' && req.kind !== 'redeploy'))) throw new ApiError('invalid-request', t('apps.deploy.chaosNoVersion'))
  const app = await loadApp(ctx, req.server, req.domain)
  refuseBrokenEnv(app)
  // Each step in plain words, for the caller that asked (a registry that hangs can take a while).
  const tell = (p: Omit<PreviewProgress, 'progressId' | 'server' | 'domain' | 'words'>): void => {
    if (req.progressId === undefined) return
    const words = p.step === 'registry' ? t('preview.progress.registry', { image: p.image, n: p.n, of: p.of }) : t(`preview.progress.${p.step}`)
    ctx.events.emit('preview.progress', { progressId: req.progressId, server: app.server, domain: app.domain, ...p, words })
  }
  const rendered = await renderForDeploy(ctx, app, { version: chaos ? undefined : versionToDeploy(req.kind, app, req.version), chaos })
  tell({ step: 'reading' })
  const conn = await ctx.open(app.server)
  await conn.ready()
  const docker = conn.docker()
  const services = (await docker.listServices({ filters: stackFilter(rendered.stackName) })) as EngineServiceLike[]
  const sent = objectsToSend(rendered, services)
  // The registries are asked as the deploy will ask them, so an image whose tag now names a new build shows as a restart.
  const stored = new Map(services.filter((s) => s.Spec?.Name).map((s) => [s.Spec!.Name!, s]))
  const [reads, images, elsewhere] = await Promise.all([
    readServer(docker, services),
    resolveImages(docker, sent.services, stored, RESOLVE_IMAGE_DEFAULT, undefined, ({ image, n, of }) => tell({ step: 'registry', image, n, of })),
    // Volumes are kept on each machine: on a swarm of several, one on another machine is not new (issue 13).
    stackVolumesElsewhere(ctx, app.server, docker, rendered.stackName)
  ])
  for (const v of elsewhere) reads.volumes.add(v)
  tell({ step: 'comparing' })
  const data = comparePreview(sent, { ...reads, images })
  // Given back to apps.deploy, the pins spare it the registries; the fingerprint covers them.
  const pins = pinsOf(images)
  return {
    ...data,
    server: app.server,
    domain: app.domain,
    kind: req.kind,
    serverState: serverStateOf(services, sent, pins),
    pins,
    words: previewWords(data, { domain: app.domain, kind: req.kind, chaos })
  }
}

export function previewHandlers(ctx: AppContext): HandlersFor<'apps.preview'> {
  return {
    'apps.preview': ({ server, domain, kind, version, chaos, progressId }) => previewDeploy(ctx, { server, domain, kind, version, chaos, progressId })
  }
}
