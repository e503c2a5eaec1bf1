// The file browser's methods (apps.files.*): an app's volumes, a folder's
// entries, deleting, and the download and upload jobs (transfer.ts).
import path from 'node:path'
import { ApiError } from '../contract/errors'
import type { FileEntry } from '../contract/files'
import type { HandlersFor } from '../apps/handlers-types'
import { loadApp } from '../apps/context'
import { t } from '../i18n/i18n'
import { inContainer, innerPath } from './paths'
import { volumesOf, volumeScript, withVolume } from './reach'
import type { Staging } from './staging'
import { machineOf, startDownload, startUpload, type FilesContext } from './transfer'

// S_IFMT bits of stat's raw mode (%f, hex).
const TYPE_MASK = 0o170000
const TYPES: Record<number, FileEntry['type']> = { 0o040000: 'folder', 0o100000: 'file', 0o120000: 'link' }

/** The list script's records: "size mtime rawmode\n" + name, each ending in NUL. */
export function parseListing(out: Buffer): FileEntry[] {
  const entries: FileEntry[] = []
  for (const record of out.toString('utf8').split('\0')) {
    const nl = record.indexOf('\n')
    if (nl < 0) continue
    const [size, mtime, mode] = record.slice(0, nl).trim().split(' ')
    const name = record.slice(nl + 1)
    if (!name) continue
    const seconds = Number(mtime)
    entries.push({
      name,
      type: TYPES[parseInt(mode, 16) & TYPE_MASK] ?? 'other',
      bytes: Number(size) || 0,
      ...(Number.isFinite(seconds) && seconds > 0 ? { modifiedAt: new Date(seconds * 1000).toISOString() } : {})
    })
  }
  // Folders first, then by name, as a file manager shows them.
  return entries.sort((a, b) => Number(b.type === 'folder') - Number(a.type === 'folder') || a.name.localeCompare(b.name))
}

const publicVolume = <V extends { serviceName?: string; image?: string }>(v: V): Omit<V, 'serviceName' | 'image'> => {
  const { serviceName: _s, image: _i, ...rest } = v
  return rest
}

type FileMethods = 'apps.files.volumes' | 'apps.files.list' | 'apps.files.download' | 'apps.files.upload' | 'apps.files.remove' | 'apps.files.stage' | 'apps.files.uploadStaged' | 'apps.files.discard'

/**
 * A context whose jobs run `after` once each job's own work has ended, and
 * before the job reports its end: what the job held is gone by then.
 */
function withAfterJob(ctx: FilesContext, after: () => Promise<void>): FilesContext {
  const jobs = Object.create(ctx.jobs) as FilesContext['jobs']
  jobs.start = (spec, run) =>
    ctx.jobs.start(spec, async (j) => {
      try {
        await run(j)
      } finally {
        await after()
      }
    })
  return { ...ctx, jobs }
}

export function fileHandlers(ctx: FilesContext & { staging: Staging }): HandlersFor<FileMethods> {
  const docker = async (server: string) => (await ctx.open(server)).docker()
  const machine = (server: string) => machineOf(ctx, server)
  return {
    'apps.files.volumes': async ({ server, domain }) => {
      const app = await loadApp(ctx, server, domain)
      return { volumes: (await volumesOf(await docker(server), app.stackName)).map(publicVolume) }
    },
    'apps.files.list': async ({ server, domain, volume, path: asked }) => {
      const inner = innerPath(asked)
      const app = await loadApp(ctx, server, domain)
      return withVolume(await docker(server), app, volume, { write: false, machine: machine(server) }, async (r) => ({
        volume: publicVolume(r.volume),
        path: inner,
        via: r.via,
        entries: parseListing(await volumeScript(r, inContainer(r.mountPath, inner), `${r.volume.name}:/${inner}`, 'list'))
      }))
    },
    'apps.files.download': (req) => startDownload(ctx, req),
    'apps.files.upload': (req) => startUpload(ctx, req),
    // Browser mode: the page's files were sent to the staging folder first (browser/upload.ts).
    'apps.files.stage': async ({ files }, client) => ({ staged: ctx.staging.create(files, client) }),
    'apps.files.discard': async ({ staged }, client) => {
      await ctx.staging.discard(staged, client)
      return {}
    },
    'apps.files.uploadStaged': async ({ staged, ...req }, client) => {
      const taken = ctx.staging.take(staged, client)
      try {
        // The staged paths are the core's own (named as the files will be), so they are taken as given;
        // they are deleted when the job ends, before it reports how.
        return await startUpload({ ...withAfterJob(ctx, taken.release), anyLocalPath: true }, { ...req, files: taken.paths })
      } catch (err) {
        await taken.release()
        throw err
      }
    },
    'apps.files.remove': async ({ server, domain, volume, path: asked, confirm }) => {
      const inner = innerPath(asked)
      if (!inner) throw new ApiError('files-root', t('files.root'))
      const name = path.posix.basename(inner)
      if (confirm !== name) throw new ApiError('confirm-mismatch', t('files.remove.confirmMismatch', { name }))
      const app = await loadApp(ctx, server, domain)
      return withVolume(await docker(server), app, volume, { write: true, machine: machine(server) }, async (r) => {
        await volumeScript(r, inContainer(r.mountPath, inner), `${r.volume.name}:/${inner}`, 'rm')
        return { removed: inner }
      })
    }
  }
}
