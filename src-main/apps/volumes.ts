// An app's volumes, as `abra app volume ls|rm` has them: the Docker volumes
// labelled with its stack (com.docker.stack.namespace=<stack>), with their
// size, when they were made and which containers mount them; and removing
// the chosen ones. Removing never happens while the app is deployed, takes
// only the app's own volumes, and only after its domain was typed.
import type Docker from 'dockerode'
import type { AppVolumes } from '../contract/volumes'
import { ApiError, toErrorBody } from '../contract/errors'
import { t } from '../i18n/i18n'
import { loadApp, refuseWhileBusy, type AppContext } from './context'
import type { HandlersFor } from './handlers-types'
import { NAMESPACE_LABEL, stackFilter } from './list-docker'
import { removeVolume } from './remove'
import { isDeployed } from './undeploy'
import { localityHandlers } from './volume-locality'

/** Sizes from Docker's disk usage answer (monitoring/volumes.ts, handed in by core.ts); rejects with onTimeout() when too slow. */
export type VolumeSizes = (docker: Docker, stack: string, timeoutMs: number, onTimeout: () => Error) => Promise<Array<{ volume: string; bytes?: number }>>

/** Docker adds up every volume to answer; past this, the list shows without sizes. */
const SIZES_TIMEOUT_MS = 20_000

const SERVICE_LABEL = 'com.docker.swarm.service.name'

const shortName = (stack: string, full: string): string => (full.startsWith(`${stack}_`) ? full.slice(stack.length + 1) : full)

export async function listVolumes(docker: Docker, server: string, stack: string, sizes: VolumeSizes): Promise<AppVolumes> {
  const sized = sizes(docker, stack, SIZES_TIMEOUT_MS, () => new ApiError('volumes-timeout', t('health.app.volumesSlow', { server, seconds: SIZES_TIMEOUT_MS / 1000 }))).then(
    (list): { list: typeof list; error?: string } => ({ list }),
    (err: unknown) => ({ list: [], error: toErrorBody(err).message })
  )
  const [found, deployed] = await Promise.all([docker.listVolumes({ filters: stackFilter(stack) }), isDeployed(docker, stack)])
  const volumes = (found.Volumes ?? []).filter((v) => v.Name && v.Labels?.[NAMESPACE_LABEL] === stack)
  const names = volumes.map((v) => v.Name)
  // One call for every container, running or stopped, that mounts any of them.
  const containers = names.length ? await docker.listContainers({ all: true, filters: JSON.stringify({ volume: names }) }) : []
  const { list, error } = await sized
  const bytesOf = new Map(list.map((s) => [s.volume, s.bytes]))
  return {
    stack,
    deployed,
    volumes: volumes
      .map((v) => {
        const bytes = bytesOf.get(v.Name)
        const createdAt = (v as { CreatedAt?: string }).CreatedAt
        const usedBy = containers
          .filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === v.Name))
          .map((c) => {
            const owner = c.Labels?.[NAMESPACE_LABEL]
            const service = c.Labels?.[SERVICE_LABEL]
            return {
              container: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
              ...(service ? { service: owner ? shortName(owner, service) : service } : {}),
              ...(owner ? { stack: owner } : {}),
              running: c.State === 'running'
            }
          })
          .sort((a, b) => a.container.localeCompare(b.container))
        return {
          name: shortName(stack, v.Name),
          volume: v.Name,
          ...(bytes !== undefined ? { bytes } : {}),
          ...(createdAt && !Number.isNaN(Date.parse(createdAt)) ? { createdAt: new Date(createdAt).toISOString() } : {}),
          usedBy
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    ...(error && volumes.length ? { sizesMissing: error } : {})
  }
}

/** Who holds a volume, in words: "blog_example_org_app.1.x (app of blog_example_org)". */
const usersText = (users: AppVolumes['volumes'][number]['usedBy']): string =>
  users.map((u) => (u.service ? t('volumes.user', { container: u.container, service: u.service, stack: u.stack ?? '' }) : u.container)).join(', ')

export async function startRemoveVolumes(ctx: AppContext, sizes: VolumeSizes, server: string, domain: string, names: string[], confirm: string): Promise<{ jobId: string }> {
  if (confirm.trim() !== domain) throw new ApiError('confirm-mismatch', t('volumes.remove.confirmMismatch', { domain }))
  const app = await loadApp(ctx, server, domain)
  refuseWhileBusy(ctx, server, domain)
  const docker = (await ctx.open(server)).docker()
  const stack = app.stackName
  const { deployed, volumes } = await listVolumes(docker, server, stack, async () => [])
  // Only the app's own volumes, by their recipe or Docker name; one that isn't refuses the whole request.
  const chosen = new Map<string, (typeof volumes)[number]>()
  for (const name of names) {
    const v = volumes.find((x) => x.volume === name || x.name === name)
    if (!v) {
      throw new ApiError('volume-not-of-app', t('volumes.remove.notOfApp', { name, domain, names: volumes.map((x) => x.name).join(', ') || t('volumes.none') }))
    }
    chosen.set(v.volume, v)
  }
  if (deployed) throw new ApiError('app-deployed', t('volumes.remove.deployed', { domain }))
  const busy = [...chosen.values()].find((v) => v.usedBy.length > 0)
  if (busy) throw new ApiError('volume-in-use', t('volumes.remove.inUse', { name: busy.volume, users: usersText(busy.usedBy) }))

  const job = ctx.jobs.start(
    { kind: 'app-volumes-remove', title: t('volumes.remove.title', { domain }), target: domain, app: { server, domain }, steps: [t('volumes.remove.step')] },
    async (j) => {
      const all = [...chosen.keys()]
      let removed = 0
      for (const [i, name] of all.entries()) {
        if (j.signal.aborted) return
        j.percent(Math.round((i / all.length) * 100))
        const failed = (message: string) => new ApiError('remove-failed', t('volumes.remove.failed', { name, message }))
        if (await removeVolume(docker, name, j, failed)) removed++
        else j.log(`${t('volumes.remove.alreadyGone', { name })}\n`)
      }
      j.percent(100)
      j.log(`${t('volumes.remove.done', { count: removed, domain })}\n`)
    }
  )
  return { jobId: job.id }
}

export function volumeHandlers(ctx: AppContext, sizes: VolumeSizes): HandlersFor<'apps.volumes' | 'apps.removeVolumes' | 'apps.volumeLocality' | 'apps.pinService'> {
  return {
    ...localityHandlers(ctx),
    'apps.volumes': async ({ server, domain }) => {
      const app = await loadApp(ctx, server, domain)
      return listVolumes((await ctx.open(server)).docker(), server, app.stackName, sizes)
    },
    'apps.removeVolumes': ({ server, domain, names, confirm }) => startRemoveVolumes(ctx, sizes, server, domain, names, confirm)
  }
}
