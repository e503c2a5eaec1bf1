// Undeploying an app: what `docker stack rm` does, then waiting for the
// containers to be gone as abra's `app undeploy` does. Volumes and secrets
// are kept, as abra keeps them: they hold the app's data and passwords, and
// a later deploy picks them up again. Only `apps.remove` deletes them.
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { t } from '../i18n/i18n'
import { loadApp, refuseWhileBusy, type AppContext } from './context'
import { asDockerError, isNotFound, stackFilter } from './list-docker'

/** The undeploy job's steps, in the current language. */
export const undeploySteps = (): string[] => [t('apps.undeploy.steps.stop'), t('apps.undeploy.steps.wait'), t('apps.undeploy.steps.networks')]

/** How long containers get to stop before the networks are removed anyway. */
const STOP_TIMEOUT_MS = 90_000
/** Networks may still have endpoints for a few seconds after the containers exit. */
const NETWORK_RETRY_MS = 30_000

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const t = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })

export async function isDeployed(docker: Docker, stack: string): Promise<boolean> {
  return (await docker.listServices({ filters: stackFilter(stack) })).length > 0
}

/**
 * Removes the stack's services, waits (bounded) until their tasks and
 * containers are gone, then removes its networks and configs. `first` is the
 * job step the three steps start at, so a longer job can include them.
 */
export async function takeDown(docker: Docker, stack: string, job: JobContext, first = 0): Promise<void> {
  const filters = stackFilter(stack)
  job.step(first)
  const services = await docker.listServices({ filters })
  for (const s of services) {
    try {
      await docker.getService(s.ID).remove()
      job.log(`${t('apps.undeploy.removedService', { name: s.Spec?.Name ?? s.ID })}\n`)
    } catch (err) {
      if (!isNotFound(err)) throw new ApiError('undeploy-failed', t('apps.undeploy.serviceFailed', { name: s.Spec?.Name ?? s.ID, message: asDockerError(err).message }))
    }
  }
  if (job.signal.aborted) return

  job.step(first + 1)
  const end = Date.now() + STOP_TIMEOUT_MS
  for (;;) {
    const [tasks, containers] = await Promise.all([docker.listTasks({ filters }), docker.listContainers({ all: true, filters })])
    if (tasks.length === 0 && containers.length === 0) {
      if (services.length > 0) job.log(`${t('apps.undeploy.allStopped')}\n`)
      break
    }
    if (Date.now() > end) {
      job.log(`${t('apps.undeploy.stillStopping', { count: containers.length || tasks.length, seconds: STOP_TIMEOUT_MS / 1000 })}\n`)
      break
    }
    if (job.signal.aborted) return
    await sleep(500, job.signal)
  }

  job.step(first + 2)
  const networks = await docker.listNetworks({ filters })
  for (const n of networks) {
    for (const retryEnd = Date.now() + NETWORK_RETRY_MS; ; ) {
      try {
        await docker.getNetwork(n.Id).remove()
        job.log(`${t('apps.undeploy.removedNetwork', { name: n.Name })}\n`)
        break
      } catch (err) {
        if (isNotFound(err)) break
        if (Date.now() > retryEnd || job.signal.aborted) throw new ApiError('undeploy-failed', t('apps.undeploy.networkFailed', { name: n.Name, message: asDockerError(err).message }))
        await sleep(1000, job.signal)
      }
    }
  }
  const configs = await docker.listConfigs({ filters })
  for (const c of configs) {
    try {
      await docker.getConfig(c.ID).remove()
      job.log(`${t('apps.undeploy.removedConfig', { name: c.Spec?.Name ?? c.ID })}\n`)
    } catch (err) {
      if (!isNotFound(err)) throw new ApiError('undeploy-failed', t('apps.undeploy.configFailed', { name: c.Spec?.Name ?? c.ID, message: asDockerError(err).message }))
    }
  }
}

export async function startUndeploy(ctx: AppContext, server: string, domain: string): Promise<{ jobId: string }> {
  const app = await loadApp(ctx, server, domain)
  refuseWhileBusy(ctx, server, domain)
  const docker = (await ctx.open(server)).docker()
  if (!(await isDeployed(docker, app.stackName))) {
    throw new ApiError('not-deployed', t('apps.undeploy.notDeployed', { domain, server }))
  }
  const job = ctx.jobs.start({ kind: 'app-undeploy', title: t('apps.undeploy.title', { domain }), target: domain, app: { server, domain }, steps: undeploySteps() }, async (j) => {
    await takeDown(docker, app.stackName, j)
    if (!j.signal.aborted) j.log(`${t('apps.undeploy.done', { domain })}\n`)
  })
  return { jobId: job.id }
}
