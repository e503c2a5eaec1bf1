// Stopping a service's containers for a restore and bringing them back:
// replicated services are scaled to 0 (the count is remembered) and back.
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import { asDockerError, dockerRequest } from '../apps/list-docker'

const STOP_TIMEOUT_MS = 90_000

export interface Scaled {
  name: string
  replicas: number
}

async function setReplicas(docker: Docker, name: string, replicas: number): Promise<void> {
  // The spec's version changes with every update, so a conflict is retried with a fresh one.
  for (let attempt = 0; ; attempt++) {
    const info = (await docker.getService(name).inspect()) as Docker.Service
    const spec = info.Spec as Docker.ServiceSpec
    if (!spec.Mode?.Replicated) throw new ApiError('restore-global-service', `The service ${name} runs on every server of the swarm (global mode), so it can't be stopped for a restore.`)
    const next = { ...spec, Mode: { Replicated: { Replicas: replicas } } }
    try {
      await dockerRequest(docker, 'POST', `/services/${info.ID}/update`, { query: { version: info.Version?.Index ?? 0 }, body: next })
      return
    } catch (err) {
      if (attempt >= 2 || !/out of sequence|update out of sequence/i.test(asDockerError(err).message)) throw err
    }
  }
}

export async function replicasOf(docker: Docker, name: string): Promise<number> {
  const info = (await docker.getService(name).inspect()) as Docker.Service
  const spec = info.Spec as Docker.ServiceSpec
  if (!spec.Mode?.Replicated) throw new ApiError('restore-global-service', `The service ${name} runs on every server of the swarm (global mode), so it can't be stopped for a restore.`)
  return spec.Mode.Replicated.Replicas ?? 1
}

/** Scales to 0 and waits (bounded) until the service has no container left on this engine. */
export async function scaleDown(docker: Docker, name: string, signal: AbortSignal): Promise<Scaled> {
  const replicas = await replicasOf(docker, name)
  await setReplicas(docker, name, 0)
  const end = Date.now() + STOP_TIMEOUT_MS
  for (;;) {
    const [tasks, containers] = await Promise.all([
      docker.listTasks({ filters: JSON.stringify({ service: [name], 'desired-state': ['running'] }) }),
      docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${name}`], status: ['running', 'restarting', 'paused', 'created'] }) })
    ])
    if (tasks.length === 0 && containers.length === 0) return { name, replicas }
    if (Date.now() > end) {
      throw new ApiError('restore-stop-timeout', `The containers of ${name} were still running ${STOP_TIMEOUT_MS / 1000} seconds after it was told to stop, so nothing was written.`)
    }
    if (signal.aborted) throw new ApiError('cancelled', 'The restore was cancelled before any data was written.')
    await new Promise((r) => setTimeout(r, 500))
  }
}

export async function scaleUp(docker: Docker, s: Scaled): Promise<void> {
  await setReplicas(docker, s.name, s.replicas)
}
