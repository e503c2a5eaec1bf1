// Stopping a service's containers for a restore and bringing them back.
// What each service ran is recorded BEFORE it is changed, so that whatever
// stops the restore afterwards (Cancel, the stop timeout, a dropped
// connection) the service is still brought back to what it was.
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import { asDockerError, dockerRequest } from '../apps/list-docker'
import { t } from '../i18n/i18n'

export const STOP_TIMEOUT_MS = 90_000

export interface Scaled {
  name: string
  /** Replicated is the only mode a restore can stop (a global service runs on every node). */
  mode: 'replicated'
  replicas: number
}

async function setReplicas(docker: Docker, name: string, replicas: number): Promise<void> {
  // The spec's version changes with every update, so a conflict is retried with a fresh one.
  for (let attempt = 0; ; attempt++) {
    const info = (await docker.getService(name).inspect()) as Docker.Service
    const spec = info.Spec as Docker.ServiceSpec
    if (!spec.Mode?.Replicated) throw new ApiError('restore-global-service', t('backups.restore.global', { name }))
    const next = { ...spec, Mode: { Replicated: { Replicas: replicas } } }
    try {
      await dockerRequest(docker, 'POST', `/services/${info.ID}/update`, { query: { version: info.Version?.Index ?? 0 }, body: next })
      return
    } catch (err) {
      if (attempt >= 2 || !/out of sequence|update out of sequence/i.test(asDockerError(err).message)) throw err
    }
  }
}

/** What the service runs now: read before anything is changed, to bring it back to. */
export async function recordService(docker: Docker, name: string): Promise<Scaled> {
  const info = (await docker.getService(name).inspect()) as Docker.Service
  const spec = info.Spec as Docker.ServiceSpec
  if (!spec.Mode?.Replicated) throw new ApiError('restore-global-service', t('backups.restore.global', { name }))
  return { name, mode: 'replicated', replicas: spec.Mode.Replicated.Replicas ?? 1 }
}

/**
 * Scales to 0 and waits (bounded) until the service has no container left
 * on this engine, nor on `machine` (the engine of the swarm machine whose
 * volume the restore writes, when it is another one).
 */
export async function scaleDown(docker: Docker, s: Scaled, signal: AbortSignal, timeoutMs = STOP_TIMEOUT_MS, machine?: Docker): Promise<void> {
  if (signal.aborted) throw new ApiError('cancelled', t('backups.restore.cancelledBefore'))
  await setReplicas(docker, s.name, 0)
  const end = Date.now() + timeoutMs
  const left = { filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${s.name}`], status: ['running', 'restarting', 'paused', 'created'] }) }
  for (;;) {
    const [tasks, containers, there] = await Promise.all([
      docker.listTasks({ filters: JSON.stringify({ service: [s.name], 'desired-state': ['running'] }) }),
      docker.listContainers(left),
      machine ? machine.listContainers(left) : []
    ])
    if (tasks.length === 0 && containers.length === 0 && there.length === 0) return
    if (Date.now() > end) {
      throw new ApiError('restore-stop-timeout', t('backups.restore.stopTimeout', { name: s.name, seconds: Math.round(timeoutMs / 1000) }))
    }
    if (signal.aborted) throw new ApiError('cancelled', t('backups.restore.cancelledBefore'))
    await new Promise((r) => setTimeout(r, 500))
  }
}

export async function scaleUp(docker: Docker, s: Scaled): Promise<void> {
  await setReplicas(docker, s.name, s.replicas)
}

/** Containers of the service that run now, and the latest task problem in the engine's words. */
export async function runningNow(docker: Docker, name: string): Promise<{ running: number; problem?: string }> {
  const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [name], 'desired-state': ['running'] }) })) as Array<{
    Status?: { State?: string; Err?: string; Message?: string }
    UpdatedAt?: string
  }>
  const running = tasks.filter((t) => t.Status?.State === 'running').length
  const latest = [...tasks].sort((a, b) => (b.UpdatedAt ?? '').localeCompare(a.UpdatedAt ?? ''))[0]
  const problem = latest && latest.Status?.State !== 'running' ? latest.Status?.Err || `${latest.Status?.State ?? 'unknown'}: ${latest.Status?.Message ?? ''}`.trim() : undefined
  return { running, ...(problem ? { problem } : {}) }
}
