// Writing one volume's files back from a backup. A short-lived helper
// container (the service's own image, no network) mounts the volume where the
// service does; the volume is emptied first (or, for a volume backed up by
// path, only those paths are removed) so files deleted since the backup don't
// linger; then Docker's archive API unpacks the tar into it. forEachVolume
// hands a tar whose names are relative to the volume's root, so it is put at
// the mount path itself.
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import { execIn } from './restore-exec'
import { t } from '../i18n/i18n'

export const HELPER_LABEL = 'coop-cloud-desktop.restore-helper'

export interface VolumeTarget {
  image: string
  /** The Docker volume to write into (the target app's own). */
  dockerName: string
  mountPath: string
  /** Only these paths inside the volume are replaced. */
  paths?: string[]
  stackName: string
}

/** A path from a backupbot label, refused if it could leave the volume. */
export function safeInnerPath(p: string): string {
  const clean = path.posix.normalize(p.replace(/^\/+/, '')).replace(/\/+$/, '')
  if (!clean || clean === '.' || clean.startsWith('..') || clean.includes('/../')) {
    throw new ApiError('restore-bad-path', t('backups.restore.badPath', { path: p }))
  }
  return clean
}

/** The shell command that clears what the restore replaces. */
export function clearCommand(mountPath: string, paths?: string[]): string[] {
  if (paths && paths.length) {
    return ['rm', '-rf', '--', ...paths.map((p) => path.posix.join(mountPath, safeInnerPath(p)))]
  }
  // Dotfiles too; patterns that match nothing are passed on literally and rm -f ignores them.
  return ['sh', '-c', 'cd "$1" && rm -rf -- * .[!.]* ..?*', 'sh', mountPath]
}

/** Counts the bytes going through, for the progress bar. */
function counted(input: Readable, onBytes?: (n: number) => void): Readable {
  if (!onBytes) return input
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      onBytes(chunk.length)
      cb(null, chunk)
    }
  })
  input.on('error', (err) => t.destroy(err))
  return input.pipe(t)
}

export async function writeVolume(docker: Docker, target: VolumeTarget, tarStream: Readable, onBytes?: (n: number) => void, signal?: AbortSignal): Promise<void> {
  if (!target.mountPath.startsWith('/') || target.mountPath === '/') throw new ApiError('restore-bad-path', t('backups.restore.badMount', { volume: target.dockerName, path: target.mountPath }))
  const helper = await docker.createContainer({
    Image: target.image,
    Entrypoint: ['sleep'],
    Cmd: ['3600'],
    User: '0:0',
    Labels: { [HELPER_LABEL]: target.stackName },
    // Should removing it below fail (the connection dropped), it goes by itself once its sleep ends.
    HostConfig: { AutoRemove: true, NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: target.dockerName, Target: target.mountPath }] }
  })
  try {
    await helper.start()
    const cleared = await execIn(helper, clearCommand(target.mountPath, target.paths))
    if (cleared.exitCode !== 0) {
      throw new ApiError('restore-write-failed', t('backups.restore.notEmptied', { volume: target.dockerName, why: cleared.output.trim() || t('backups.restore.exitCode', { code: cleared.exitCode }) }))
    }
    try {
      if (signal?.aborted) throw new ApiError('cancelled', t('backups.restore.cancelled'))
      // Cancelling aborts the upload; the engine then stops unpacking.
      await helper.putArchive(counted(tarStream, onBytes) as unknown as NodeJS.ReadableStream, { path: target.mountPath, abortSignal: signal })
    } catch (err) {
      if (signal?.aborted) throw new ApiError('cancelled', t('backups.restore.cancelled'))
      throw err
    }
  } finally {
    await helper.remove({ force: true }).catch(() => undefined)
  }
}

/** Removes helper containers a restore of this stack left (one whose removal failed when the connection dropped). */
export async function removeLeftHelpers(docker: Docker, stackName: string): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${HELPER_LABEL}=${stackName}`] }) })
  for (const c of left) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
}
