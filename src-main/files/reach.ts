// Reaching an app's volume: through a running container of the service that
// mounts it, on whichever machine of the swarm it runs, or, when that service
// is stopped, through the same short-lived helper container backups use (the
// service's own image, no network, the volume mounted where the service
// mounts it), on the machine backups would choose, removed when the work is done. Every command run there is the
// one fixed script below; paths reach it as positional parameters, never as
// part of a script.
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import type { FileVolume } from '../contract/files'
import type { LoadedApp } from '../apps/context'
import { runningContainer, type MachineDocker } from '../apps/exec-terminal'
import { NAMESPACE_LABEL, stackFilter } from '../apps/list-docker'
import { stoppedServiceEngine } from '../backups/machines'
import { execIn, type ExecOutcome } from '../backups/restore-exec'
import { runningLocalContainer, startHelper } from '../backups/stream'
import { t } from '../i18n/i18n'

export interface VolumeOfApp extends FileVolume {
  /** The swarm service's full name and image, for the helper. */
  serviceName?: string
  image?: string
}

export interface Reached {
  container: Docker.Container
  via: 'container' | 'helper'
  volume: VolumeOfApp
  mountPath: string
  /** Removes the helper, if one was made. */
  release(): Promise<void>
}

const shortName = (stack: string, full: string): string => (full.startsWith(`${stack}_`) ? full.slice(stack.length + 1) : full)

/** How many machines the server's swarm has (1 when the engine is in no swarm or isn't a manager). */
export async function machineCount(docker: Docker): Promise<number> {
  try {
    return Math.max(1, (await docker.listNodes()).length)
  } catch {
    return 1
  }
}

type Mount = { Source?: string; Type?: string; Target?: string; VolumeOptions?: { Labels?: Record<string, string> } }

/**
 * The app's volumes, each with the service that mounts it and where (the
 * first one, by name). On a swarm of several machines a volume lives on the
 * machine its service runs on, so the app's volumes the services mount are
 * listed even when the manager has none of that name.
 */
export async function volumesOf(docker: Docker, stack: string): Promise<VolumeOfApp[]> {
  const [found, services] = await Promise.all([docker.listVolumes({ filters: stackFilter(stack) }), docker.listServices({ filters: stackFilter(stack) })])
  const mounts = services
    .flatMap((s) => {
      const spec = (s.Spec?.TaskTemplate as { ContainerSpec?: { Image?: string; Mounts?: Mount[] } } | undefined)?.ContainerSpec
      return (spec?.Mounts ?? []).map((m) => ({ source: m.Source, type: m.Type, target: m.Target, labels: m.VolumeOptions?.Labels, serviceName: s.Spec?.Name ?? '', image: spec?.Image }))
    })
    .filter((m) => m.type === 'volume' && m.target)
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName))
  const here = (found.Volumes ?? []).filter((v) => v.Name && v.Labels?.[NAMESPACE_LABEL] === stack)
  const elsewhere =
    mounts.length > 0 && (await machineCount(docker)) > 1
      ? mounts
          .filter((m) => m.source && m.labels?.[NAMESPACE_LABEL] === stack && !here.some((v) => v.Name === m.source))
          .filter((m, i, all) => all.findIndex((x) => x.source === m.source) === i)
          .map((m) => ({ Name: m.source as string }))
      : []
  return [...here, ...elsewhere]
    .map((v) => {
      const m = mounts.find((x) => x.source === v.Name)
      return {
        name: shortName(stack, v.Name),
        volume: v.Name,
        ...(m ? { service: shortName(stack, m.serviceName), mountPath: m.target, serviceName: m.serviceName, ...(m.image ? { image: m.image } : {}) } : {})
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The volume by its recipe or Docker name; refused (naming the app's volumes) when it isn't one of them. */
export function pickVolume(volumes: VolumeOfApp[], name: string, domain: string): VolumeOfApp {
  const v = volumes.find((x) => x.name === name || x.volume === name)
  if (!v) throw new ApiError('files-no-volume', t('files.noVolume', { name, domain, names: volumes.map((x) => x.name).join(', ') || t('files.none') }))
  return v
}

/**
 * The volume through a running container of its service: on the engine we
 * are connected to, else (with `machine`) on the swarm machine where it runs,
 * whose engine does all the work. When it runs nowhere, the helper starts on
 * the machine that keeps its data, by the rule backups use
 * (backups/machines.ts stoppedServiceEngine); on a swarm of several machines
 * where nothing says which one, it is refused (a helper on the manager would
 * see the manager's own volume of that name, not the app's files).
 */
export async function reachVolume(docker: Docker, app: LoadedApp, name: string, opts: { write: boolean; machine?: MachineDocker }): Promise<Reached> {
  const stack = app.stackName
  const domain = app.domain
  const volume = pickVolume(await volumesOf(docker, stack), name, domain)
  if (!volume.serviceName || !volume.mountPath) throw new ApiError('files-no-service', t('files.noService', { name: volume.name, domain }))
  const mountPath = volume.mountPath
  const info = (await docker.info()) as { Swarm?: { NodeID?: string } }
  const running = await runningLocalContainer(docker, info.Swarm?.NodeID, volume.serviceName)
  if (running) return { container: running, via: 'container', volume, mountPath, release: async () => {} }
  const service = volume.service ?? volume.serviceName
  let engine = docker
  if ((await machineCount(docker)) > 1) {
    const tasks = await docker.listTasks({ filters: JSON.stringify({ service: [volume.serviceName], 'desired-state': ['running'] }) })
    if (tasks.some((task) => task.Status?.State === 'running' && task.Status.ContainerStatus?.ContainerID)) {
      const found = await runningContainer(docker, app, volume.serviceName, opts.machine)
      return { container: found.docker.getContainer(found.containerId), via: 'container', volume, mountPath, release: async () => {} }
    }
    // Stopped: backups' own rule says where its data is (the one machine its
    // past tasks ran on, else the one a node.hostname/node.id constraint pins
    // it to), and the helper starts there. Nothing that says: refused, never
    // a guess (the manager's own volume of that name would be empty).
    try {
      engine = (await stoppedServiceEngine(docker, volume.serviceName, { server: app.server, service, open: opts.machine, here: info.Swarm?.NodeID })).docker
    } catch (err) {
      if (err instanceof ApiError && err.code === 'backup-machine-unknown') throw new ApiError('files-not-running', t('files.notRunningSeveral', { service }), undefined, { service })
      throw err
    }
  }
  if (!volume.image) throw new ApiError('files-no-service', t('files.noService', { name: volume.name, domain }))
  const helper = await startHelper(engine, {
    image: volume.image,
    stackName: stack,
    service,
    volumes: [{ dockerName: volume.volume, mountPath }],
    readOnly: !opts.write
  })
  return { container: helper, via: 'helper', volume, mountPath, release: () => helper.remove({ force: true }).then(() => undefined, () => undefined) }
}

/** Runs `work` with the volume reached, and always lets the helper go. */
export async function withVolume<T>(docker: Docker, app: LoadedApp, name: string, opts: { write: boolean; machine?: MachineDocker }, work: (r: Reached) => Promise<T>): Promise<T> {
  const reached = await reachVolume(docker, app, name, opts)
  try {
    return await work(reached)
  } finally {
    await reached.release()
  }
}

/**
 * The one script run in the container. $1 the volume's mount point, $2 the
 * path, $3 what to do. The path and its folder, symlinks resolved, must be
 * the mount point or under it (exit 3), so a link inside the volume pointing
 * elsewhere is never followed out of it.
 *   list   the folder's entries: "size mtime rawmode\n" then the name and a NUL
 *   stat   the resolved path, file|folder and its size, each ending in NUL
 *   folder the resolved path of a folder (for an upload)
 *   rm     removes it (never the volume's root)
 *   mv     $4… pairs of names in the folder $2: each first renamed to the second
 */
export const VOLUME_SCRIPT = [
  // Both paths are absolute, so no option can hide in them (busybox's realpath takes no "--").
  'case "$1" in /*) ;; *) exit 2 ;; esac',
  'case "$2" in /*) ;; *) exit 2 ;; esac',
  'm=$(realpath "$1") || exit 4',
  '[ -e "$2" ] || [ -L "$2" ] || exit 5',
  't=$(realpath "$2" 2>/dev/null) || exit 5',
  'd=$(realpath "$(dirname "$2")") || exit 5',
  'case "$t" in "$m"|"$m"/*) ;; *) exit 3 ;; esac',
  'case "$d" in "$m"|"$m"/*) ;; *) [ "$t" = "$m" ] || exit 3 ;; esac',
  'case "$3" in',
  '  list) [ -d "$t" ] || exit 6; cd "$t" || exit 7',
  '    for f in * .[!.]* ..?*; do if [ -e "$f" ] || [ -L "$f" ]; then stat -c "%s %Y %f" "./$f" && printf "%s\\0" "$f"; fi; done ;;',
  '  stat) if [ -d "$t" ]; then b=$(du -sk "$t" | cut -f1); printf "%s\\0folder\\0%s\\0" "$t" "$((b * 1024))"',
  '    else printf "%s\\0file\\0%s\\0" "$t" "$(stat -c %s "$t")"; fi ;;',
  '  folder) [ -d "$t" ] || exit 6; printf "%s\\0" "$t" ;;',
  '  rm) [ "$t" = "$m" ] && exit 8; rm -rf "$2" ;;',
  '  mv) [ -d "$t" ] || exit 6; shift 3; while [ $# -gt 1 ]; do mv -f "$t/$1" "$t/$2" || exit 9; shift 2; done ;;',
  '  *) exit 2 ;;',
  'esac'
].join('\n')

const EXEC_TIMEOUT_MS = 120_000

/** What the script's exit code means, in words. */
function scriptError(code: number, path: string, outcome: ExecOutcome): ApiError {
  switch (code) {
    case 3:
      return new ApiError('files-outside', t('files.outside', { path }))
    case 5:
      return new ApiError('files-not-found', t('files.notFound', { path }))
    case 6:
      return new ApiError('files-not-folder', t('files.notFolder', { path }))
    case 8:
      return new ApiError('files-root', t('files.root'))
    default:
      return new ApiError('files-command-failed', t('files.commandFailed', { code }), outcome.output.trim() || undefined)
  }
}

/** Runs VOLUME_SCRIPT as root (any file of the volume can be read and deleted); stdout's NUL-separated fields. */
export async function volumeScript(r: Reached, at: string, shown: string, action: 'list' | 'stat' | 'folder' | 'rm' | 'mv', extra: string[] = [], signal?: AbortSignal): Promise<Buffer> {
  let outcome: ExecOutcome
  try {
    outcome = await execIn(r.container, ['sh', '-c', VOLUME_SCRIPT, 'ccd-files', r.mountPath, at, action, ...extra], { timeoutMs: EXEC_TIMEOUT_MS, user: '0:0', signal })
  } catch (err) {
    if (err instanceof ApiError) throw err
    throw new ApiError('files-command-failed', t('files.cantRun', { service: r.volume.service ?? '' }), err instanceof Error ? err.message : String(err))
  }
  if (outcome.exitCode !== 0) throw scriptError(outcome.exitCode, shown, outcome)
  if (outcome.stdoutCut) throw new ApiError('files-too-many', t('files.tooMany', { path: shown }))
  return outcome.stdout
}
