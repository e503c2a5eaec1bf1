// An app's services and tasks in detail (apps.ps), and restarting one
// service the way `docker service update --force` does.
import type Docker from 'dockerode'
import type { ServiceStatus } from '../contract/apps'
import { ApiError } from '../contract/errors'
import { loadApp, type AppContext } from './context'
import { asDockerError, dockerRequest, isNotFound, NAMESPACE_LABEL, stackFilter } from './list-docker'
import { containerHealth, nodeNames, taskRows, type ContainerLike, type NodeLike, type TaskRow } from './list-tasks'
import { serviceStatus, type SwarmService, type SwarmTask } from './status'
import { t } from '../i18n/i18n'

export async function appPs(ctx: AppContext, server: string, domain: string): Promise<{ services: ServiceStatus[]; tasks: TaskRow[] }> {
  const app = await loadApp(ctx, server, domain)
  const conn = await ctx.open(server)
  const docker = conn.docker()
  const filters = stackFilter(app.stackName)
  const [services, tasks, nodes, containers] = (await Promise.all([
    docker.listServices({ filters, status: true } as Docker.ServiceListOptions),
    docker.listTasks({ filters }),
    docker.listNodes(),
    // Health is a nicety: a refusal here must not hide the tasks.
    docker.listContainers({ all: true, filters }).catch(() => [])
  ])) as [SwarmService[], SwarmTask[], NodeLike[], ContainerLike[]]
  const sorted = [...services].sort((a, b) => (a.Spec?.Name ?? '').localeCompare(b.Spec?.Name ?? ''))
  const statuses = sorted.map((s) => serviceStatus(s, tasks.filter((t) => t.ServiceID === s.ID), app.stackName))
  const names = new Map(sorted.map((s, i) => [s.ID, statuses[i].name]))
  return { services: statuses, tasks: taskRows(tasks, names, nodeNames(nodes), containerHealth(containers)) }
}

interface InspectedService {
  ID: string
  Version: { Index: number }
  Spec: { Name?: string; Labels?: Record<string, string>; TaskTemplate?: { ForceUpdate?: number } & Record<string, unknown> } & Record<string, unknown>
}

// Another update landing between our read and our write makes the engine
// refuse ours ("update out of sequence"); reading again is enough.
const ATTEMPTS = 3

/** Restarts every task of one service: its spec is kept and ForceUpdate goes up by one. */
export async function restartService(ctx: AppContext, server: string, domain: string, service: string): Promise<void> {
  const app = await loadApp(ctx, server, domain)
  const fullName = service.startsWith(`${app.stackName}_`) ? service : `${app.stackName}_${service}`
  const docker = (await ctx.open(server)).docker()
  const unknown = (): ApiError =>
    new ApiError('service-unknown', t('apps.misc.noSuchService', { domain, service }))
  for (let attempt = 1; ; attempt++) {
    let info: InspectedService
    try {
      info = (await docker.getService(fullName).inspect()) as InspectedService
    } catch (err) {
      if (isNotFound(err)) throw unknown()
      throw err
    }
    if (info.Spec.Labels?.[NAMESPACE_LABEL] !== app.stackName) throw unknown()
    const spec = structuredClone(info.Spec)
    spec.TaskTemplate = { ...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1 }
    try {
      await dockerRequest(docker, 'POST', `/services/${info.ID}/update`, { query: { version: info.Version.Index }, body: spec })
      return
    } catch (err) {
      const e = asDockerError(err)
      if (attempt < ATTEMPTS && /out of sequence/i.test(e.message)) continue
      throw new ApiError('restart-failed', t('apps.misc.restartFailed', { service: fullName, message: e.message }), e.message)
    }
  }
}
