// The server side of a backup, all over the app's one connection: which
// container to read from, the hooks, how much data there is, and Docker's
// archive stream of each volume (GET /containers/{id}/archive).
import path from 'node:path'
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import type { ManifestHook } from './archive'
import { execIn } from './restore-exec'
import { t } from '../i18n/i18n'

export const BACKUP_HELPER_LABEL = 'coop-cloud-desktop.backup-helper'
const HOOK_TIMEOUT_MS = 30 * 60_000
const OUTPUT_KEPT = 4000

export interface Source {
  container: Docker.Container
  /** A short-lived container this backup made (removed afterwards), not the service's own. */
  helper: boolean
}

/** A running container of the service's task on the engine we are connected to. */
export async function runningLocalContainer(docker: Docker, nodeId: string | undefined, serviceName: string): Promise<Docker.Container | undefined> {
  const tasks = await docker.listTasks({ filters: JSON.stringify({ service: [serviceName], 'desired-state': ['running'] }) })
  for (const t of tasks) {
    const id = t.Status?.ContainerStatus?.ContainerID
    // A task with a healthcheck stays "starting" until healthy, yet its container runs and can be read.
    if (!id || !['running', 'starting'].includes(t.Status?.State ?? '') || (nodeId && t.NodeID !== nodeId)) continue
    try {
      const c = docker.getContainer(id)
      const info = await c.inspect()
      if (info.State?.Running) return c
    } catch {
      // Gone between the two calls: try the next task.
    }
  }
  return undefined
}

/**
 * Where no container of the service runs here (it is scaled to 0), a
 * short-lived helper reads its volumes: the service's own image (already on
 * the server, so nothing is pulled), no network, a command that only sleeps,
 * the volumes mounted where the service mounts them. It is removed when the
 * backup ends, whatever happens.
 */
export async function startHelper(
  docker: Docker,
  // readOnly: false for the file browser's uploads and deletes (files/reach.ts); a backup only reads.
  opts: { image: string; stackName: string; service: string; volumes: { dockerName: string; mountPath: string }[]; readOnly?: boolean }
): Promise<Docker.Container> {
  for (const v of opts.volumes) {
    try {
      await docker.getVolume(v.dockerName).inspect()
    } catch {
      throw new ApiError(
        'backup-volume-missing',
        t('backups.plan.notHere', { volume: v.dockerName, service: opts.service })
      )
    }
  }
  const helper = await docker.createContainer({
    Image: opts.image,
    Entrypoint: ['sleep'],
    Cmd: ['3600'],
    Labels: { [BACKUP_HELPER_LABEL]: opts.stackName },
    HostConfig: { NetworkMode: 'none', Mounts: opts.volumes.map((v) => ({ Type: 'volume' as const, Source: v.dockerName, Target: v.mountPath, ReadOnly: opts.readOnly ?? true })) }
  })
  // Docker can read the volumes of a stopped container too; running it only adds the size estimate.
  await helper.start().catch(() => undefined)
  return helper
}

export async function runHook(container: Docker.Container, service: string, kind: 'pre' | 'post', command: string): Promise<ManifestHook> {
  const r = await execIn(container, ['sh', '-c', command], { timeoutMs: HOOK_TIMEOUT_MS })
  const output = r.output.trim()
  return { service, kind, command, exitCode: r.exitCode, ...(output ? { output: output.length > OUTPUT_KEPT ? output.slice(-OUTPUT_KEPT) : output } : {}) }
}

/** Apparent size of what will be copied (du -sb), or undefined when the image can't tell. */
export async function measure(container: Docker.Container, paths: string[]): Promise<number | undefined> {
  try {
    const r = await execIn(container, ['du', '-sb', '--', ...paths], { timeoutMs: 120_000 })
    const sizes = r.stdout
      .toString('utf8')
      .split('\n')
      .map((l) => Number(l.split(/\s+/)[0]))
      .filter((n) => Number.isFinite(n) && n >= 0)
    return sizes.length ? sizes.reduce((a, b) => a + b, 0) : undefined
  } catch {
    return undefined
  }
}

/** The container paths to copy for a volume: its mount, or each labelled path inside it. */
export function copyPaths(mountPath: string, paths?: string[]): { part?: string; at: string }[] {
  if (!paths || paths.length === 0) return [{ at: mountPath }]
  return paths.map((p) => ({ part: p, at: path.posix.join(mountPath, p) }))
}

/** Docker's tar of one path; undefined when the path isn't there (a labelled path not created yet). */
export async function archiveOf(container: Docker.Container, at: string): Promise<Readable | undefined> {
  try {
    return (await container.getArchive({ path: at })) as unknown as Readable
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined
    throw err
  }
}
