// Freeing a server's disk, as `abra server prune` does, but shown first:
// servers.cleanupPreview reads Docker's disk usage and says what would go;
// servers.cleanup (a job) removes exactly that, by ID, planning again first
// so that anything started or put to use since stays (and is said). Volumes
// are never removed: containers go without their volumes (v=0), and no
// volume call is made at all. Removals can't be undone, so a cancelled or
// failed job stops where it is and says what it removed.
import type Docker from 'dockerode'
import type { Handlers } from '../../api/dispatch'
import type { CleanupPreview, CleanupResult } from '../../contract/cleanup'
import { ApiError, toErrorBody } from '../../contract/errors'
import type { Jobs } from '../../core/jobs'
import { withTimeout } from '../../core/shell'
import { sizeText, t } from '../../i18n/i18n'
import { planCleanup, type DiskUsage, type Plan } from './plan'
import { previewWords } from './words'

/** Docker adds everything up to answer /system/df; past this, the preview says so and nothing is removed. */
const DF_TIMEOUT_MS = 90_000
/** Each removal; a stuck one fails that item, not the job. */
const REMOVE_TIMEOUT_MS = 60_000
/** How many finished clean-ups' results are kept for servers.cleanupResult. */
const KEEP_RESULTS = 20

export interface CleanupDeps {
  jobs: Jobs
  /** The server's Docker, connection ready. */
  docker: (server: string) => Promise<Docker>
}

type ImagesMode = 'unused' | 'dangling'

async function diskUsage(docker: Docker, server: string): Promise<DiskUsage> {
  const controller = new AbortController()
  // Newer engines skip sizing volumes when asked for these types only (we never touch volumes); older ones size everything.
  const df = new Promise<DiskUsage>((resolve, reject) =>
    docker.modem.dial(
      { path: '/system/df?', method: 'GET', options: { type: ['container', 'image', 'build-cache'] }, abortSignal: controller.signal, statusCodes: { 200: true, 500: 'server error' } },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as DiskUsage))
    )
  )
  return withTimeout(df, DF_TIMEOUT_MS, () => (controller.abort(), new ApiError('cleanup-slow', t('cleanup.slow', { server, seconds: DF_TIMEOUT_MS / 1000 }))))
}

/** The images the swarm's services ask for (none when this node is no swarm manager). */
async function serviceImages(docker: Docker): Promise<string[]> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable) return []
  const services = (await docker.listServices()) as Array<{ Spec?: { TaskTemplate?: { ContainerSpec?: { Image?: string } } } }>
  return services.map((s) => s.Spec?.TaskTemplate?.ContainerSpec?.Image).filter((x): x is string => Boolean(x))
}

async function plan(docker: Docker, server: string, images: ImagesMode): Promise<{ df: DiskUsage; plan: Plan }> {
  const [df, wanted] = await Promise.all([diskUsage(docker, server), serviceImages(docker)])
  return { df, plan: planCleanup(df, { images, serviceImages: wanted }) }
}

export async function cleanupPreview(docker: Docker, server: string, images: ImagesMode): Promise<CleanupPreview> {
  const [{ plan: p }, volumes] = await Promise.all([plan(docker, server, images), docker.listVolumes().then((v) => (v.Volumes ?? []).length)])
  const preview = { server, images, ...p, volumes }
  return { ...preview, words: previewWords(preview) }
}

const imageName = (img: { id: string; tags: string[] }): string => img.tags[0] ?? t('cleanup.noName', { id: img.id.replace(/^sha256:/, '').slice(0, 12) })
const late = (): Error => new ApiError('cleanup-timeout', t('cleanup.timeout', { seconds: REMOVE_TIMEOUT_MS / 1000 }))
const isStatus = (err: unknown, code: number): boolean => (err as { statusCode?: number }).statusCode === code

/**
 * Removes an image nothing uses: by ID, which Docker refuses while any
 * container uses it; with several names it needs force, given only once no
 * container (running or stopped) is made from it.
 */
async function removeImage(docker: Docker, id: string): Promise<'removed' | 'gone' | 'in-use'> {
  try {
    await withTimeout(docker.getImage(id).remove({ noprune: false }), REMOVE_TIMEOUT_MS, late)
    return 'removed'
  } catch (err) {
    if (isStatus(err, 404)) return 'gone'
    if (!isStatus(err, 409)) throw err
  }
  const users = await docker.listContainers({ all: true, filters: JSON.stringify({ ancestor: [id] }) })
  if (users.some((c) => c.ImageID === id)) return 'in-use'
  try {
    await withTimeout(docker.getImage(id).remove({ force: true, noprune: false }), REMOVE_TIMEOUT_MS, late)
    return 'removed'
  } catch (err) {
    if (isStatus(err, 404)) return 'gone'
    if (isStatus(err, 409)) return 'in-use'
    throw err
  }
}

export function cleanupHandlers(deps: CleanupDeps): Pick<Handlers, 'servers.cleanupPreview' | 'servers.cleanup' | 'servers.cleanupResult'> {
  const results = new Map<string, CleanupResult>()
  const keep = (jobId: string, r: CleanupResult): void => {
    results.set(jobId, r)
    for (const old of results.keys()) if (results.size > KEEP_RESULTS) results.delete(old)
  }
  return {
    'servers.cleanupPreview': async ({ server, images }) => cleanupPreview(await deps.docker(server), server, images),
    'servers.cleanup': async ({ server, images, containers, removeImages, buildCache }) => {
      const docker = await deps.docker(server)
      // Filled in as the job goes; read through servers.cleanupResult once it has ended.
      const skipped: string[] = []
      const result: CleanupResult = { containers: 0, images: 0, buildCacheBytes: 0, bytes: 0, skipped, words: '' }
      const steps = [t('cleanup.step.check'), t('cleanup.step.containers'), t('cleanup.step.images'), t('cleanup.step.buildCache')]
      const job = deps.jobs.start({ kind: 'server-cleanup', title: t('cleanup.title', { server }), target: server, steps }, async (j) => {
        const skip = (words: string): void => {
          skipped.push(words)
          j.log(`${words}\n`)
        }
        // Planned again now: only what is on both the preview and today's plan goes.
        const { df: before, plan: now } = await plan(docker, server, images)
        const all = new Map((before.Containers ?? []).map((c) => [c.Id, c]))
        const stillStopped = new Map(now.containers.map((c) => [c.id, c]))
        const stillUnused = new Map(now.removeImages.map((i) => [i.id, i]))
        const allImages = new Map((before.Images ?? []).map((i) => [i.Id, i]))
        const finish = (): void => {
          if (skipped.length) j.log(`${t('cleanup.skipped', { count: skipped.length })}\n`)
        }

        j.step(1)
        let containerBytes = 0
        for (const [i, id] of containers.entries()) {
          if (j.signal.aborted) return (j.log(`${t('cleanup.cancelled')}\n`), finish())
          j.percent(Math.round((i / Math.max(1, containers.length)) * 100))
          const c = stillStopped.get(id)
          const name = c?.name ?? (all.get(id)?.Names?.[0] ?? id.slice(0, 12)).replace(/^\//, '')
          if (!c) {
            skip(all.has(id) ? t('cleanup.skip.containerRunning', { name }) : t('cleanup.skip.containerGone', { name }))
            continue
          }
          try {
            // v: false keeps the container's volumes, anonymous ones included.
            await withTimeout(docker.getContainer(id).remove({ v: false, force: false }), REMOVE_TIMEOUT_MS, late)
            result.containers++
            containerBytes += c.bytes
            j.log(`${t('cleanup.removedContainer', { name })}\n`)
          } catch (err) {
            if (isStatus(err, 404)) skip(t('cleanup.skip.containerGone', { name }))
            else if (isStatus(err, 409)) skip(t('cleanup.skip.containerRunning', { name }))
            else skip(t('cleanup.skip.failed', { name, message: toErrorBody(err).message }))
          }
        }

        j.step(2)
        for (const [i, id] of removeImages.entries()) {
          if (j.signal.aborted) return (j.log(`${t('cleanup.cancelled')}\n`), finish())
          j.percent(Math.round((i / Math.max(1, removeImages.length)) * 100))
          const planned = stillUnused.get(id)
          const known = allImages.get(id)
          const name = imageName(planned ?? { id, tags: (known?.RepoTags ?? []).filter((x) => x !== '<none>:<none>') })
          if (!planned) {
            skip(t(known ? 'cleanup.skip.imageInUse' : 'cleanup.skip.imageGone', { name }))
            continue
          }
          try {
            const outcome = await removeImage(docker, id)
            if (outcome === 'removed') {
              result.images++
              j.log(`${t('cleanup.removedImage', { name })}\n`)
            } else skip(t(outcome === 'gone' ? 'cleanup.skip.imageGone' : 'cleanup.skip.imageInUse', { name }))
          } catch (err) {
            skip(t('cleanup.skip.failed', { name, message: toErrorBody(err).message }))
          }
        }

        j.step(3)
        if (buildCache && !j.signal.aborted) {
          const pruned = (await withTimeout(
            new Promise<{ SpaceReclaimed?: number }>((resolve, reject) =>
              docker.modem.dial(
                { path: '/build/prune?', method: 'POST', options: images === 'unused' ? { all: true } : {}, statusCodes: { 200: true, 500: 'server error' } },
                (err: unknown, data: unknown) => (err ? reject(err) : resolve((data ?? {}) as { SpaceReclaimed?: number }))
              )
            ),
            REMOVE_TIMEOUT_MS * 5,
            late
          )) as { SpaceReclaimed?: number }
          result.buildCacheBytes = Math.max(0, pruned.SpaceReclaimed ?? 0)
          if (result.buildCacheBytes > 0) j.log(`${t('cleanup.removedCache', { size: sizeText(result.buildCacheBytes) })}\n`)
        }
        const after = await diskUsage(docker, server)
        const layersFreed = Math.max(0, (before.LayersSize ?? 0) - (after.LayersSize ?? 0))
        result.bytes = containerBytes + layersFreed + result.buildCacheBytes
        j.percent(100)
        finish()
        result.words = doneWords(server, result)
        j.log(`${result.words}\n`)
      })
      keep(job.id, result)
      return { jobId: job.id }
    },
    'servers.cleanupResult': async ({ jobId }) => {
      const job = deps.jobs.list().find((j) => j.id === jobId)
      if (!job || job.status === 'running') return null
      return results.get(jobId) ?? null
    }
  }
}

/** What a clean-up freed, in a sentence (the core's language). */
function doneWords(server: string, r: CleanupResult): string {
  const containers = t('cleanup.doneContainers', { count: r.containers })
  const images = t('cleanup.doneImages', { count: r.images })
  const line = t('cleanup.done', { size: sizeText(r.bytes), server, containers, images })
  return r.buildCacheBytes > 0 ? `${line.replace(/\.$/, '')} ${t('cleanup.doneCache', { size: sizeText(r.buildCacheBytes) })}.` : line
}
