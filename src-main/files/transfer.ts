// Downloads and uploads between this computer and an app's volume, as jobs
// with progress (bytes done of the total) that can be cancelled. Docker's
// archive API moves the bytes: GET /containers/{id}/archive for a download
// (a file is taken out of the tar, a folder is kept as a .tar.gz), PUT for an
// upload (a tar made here as the files are read).
//
// Nothing is left half-done under its final name: a download is written to a
// hidden temporary name beside it and renamed at the end; an upload goes in
// under temporary names and is renamed over the old files only once all of it
// arrived, so a cancelled or failed upload leaves the folder as it was.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import tarStream from 'tar-stream'
import { ApiError } from '../contract/errors'
import type { Input } from '../contract/contract'
import { loadApp, type AppContext } from '../apps/context'
import { Progress } from '../backups/stream-progress'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'
import { downloadName, inContainer, innerPath, numberedName } from './paths'
import { reachVolume, volumeScript, type Reached } from './reach'

export interface FilesContext extends Pick<AppContext, 'paths' | 'env' | 'jobs' | 'open'> {
  /** The command line names any file on this computer; the window's are confined (see localFor). */
  anyLocalPath: boolean
}

const FREE_NAMES = 1000

/** The folder the window's downloads go to: XDG_DOWNLOAD_DIR, else ~/Downloads. */
export function downloadsDir(ctx: Pick<FilesContext, 'paths' | 'env'>): string {
  return ctx.env.XDG_DOWNLOAD_DIR || path.join(ctx.paths.home, 'Downloads')
}

/** Where a download is saved: the command line's `to` (a folder: the name inside it), else a free name in Downloads. */
export function destinationFor(ctx: FilesContext, to: string | undefined, name: string): string {
  if (to !== undefined) {
    if (!ctx.anyLocalPath) throw new ApiError('files-local-refused', t('files.localRefused'))
    const target = path.resolve(to)
    const isDir = fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()
    if (isDir) return path.join(target, name)
    if (!fs.statSync(path.dirname(target), { throwIfNoEntry: false })?.isDirectory()) throw new ApiError('files-local-missing', t('files.localFolderMissing', { path: path.dirname(target) }))
    return target
  }
  const dir = downloadsDir(ctx)
  fs.mkdirSync(dir, { recursive: true })
  for (let n = 1; n <= FREE_NAMES; n++) {
    const candidate = confinedPath(dir, numberedName(name, n))
    if (!fs.existsSync(candidate)) return candidate
  }
  throw new ApiError('files-local-full', t('files.noFreeName', { name, dir }))
}

/** A file to upload: the command line's any; the window's only in the home folder, and not in its hidden folders (~/.ssh). */
function localFor(ctx: FilesContext, p: string): string {
  if (ctx.anyLocalPath) return path.resolve(p)
  const inside = confinedPath(ctx.paths.home, p)
  if (path.relative(ctx.paths.home, inside).split(path.sep).some((part) => part.startsWith('.'))) throw new ApiError('files-local-refused', t('files.hiddenRefused', { path: p }))
  return inside
}

/** Counts the bytes going through. */
function counter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      onBytes(chunk.length)
      cb(null, chunk)
    }
  })
}

const shownPath = (r: Pick<Reached, 'volume'>, inner: string): string => `${r.volume.name}:/${inner}`

function fields(out: Buffer): string[] {
  return out.toString('utf8').split('\0').slice(0, -1)
}

async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true }).catch(() => undefined)
}

export async function startDownload(ctx: FilesContext, req: Input<'apps.files.download'>): Promise<{ jobId: string; file: string }> {
  const app = await loadApp(ctx, req.server, req.domain)
  const inner = innerPath(req.path)
  const docker = (await ctx.open(req.server)).docker()
  // Reached and looked at before the job starts, so a wrong path is said at once.
  const reached = await reachVolume(docker, app.stackName, req.domain, req.volume, { write: false })
  let resolved: string, folder: boolean, total: number, file: string
  try {
    const [at, kind, bytes] = fields(await volumeScript(reached, inContainer(reached.mountPath, inner), shownPath(reached, inner), 'stat'))
    resolved = at
    folder = kind === 'folder'
    total = Number(bytes) || 0
    file = destinationFor(ctx, req.to, downloadName(reached.volume.name, inner, folder))
  } catch (err) {
    await reached.release()
    throw err
  }
  const name = path.basename(file)
  const job = ctx.jobs.start(
    { kind: 'app-files-download', title: t('files.download.title', { name, domain: req.domain }), target: req.domain, steps: [t('files.download.step', { name })] },
    async (j) => {
      const temp = path.join(path.dirname(file), `.${name}.${crypto.randomBytes(4).toString('hex')}.part`)
      try {
        const progress = new Progress(j, 0)
        progress.expect(name, total)
        progress.copying(name)
        const raw = (await reached.container.getArchive({ path: resolved })) as unknown as Readable
        const count = counter((n) => progress.add(n))
        if (folder) {
          // Docker's tar names the folder's entries under its own name, as `tar czf name.tar.gz name` would.
          await pipeline(raw, count, zlib.createGzip(), fs.createWriteStream(temp, { mode: 0o600 }), { signal: j.signal })
        } else {
          let wrote: Promise<void> | undefined
          const extract = tarStream.extract()
          extract.on('entry', (header, stream, next) => {
            if (!wrote && header.type === 'file') {
              wrote = pipeline(stream, fs.createWriteStream(temp, { mode: 0o600 }))
              wrote.then(() => next(), next)
            } else {
              stream.on('end', () => next())
              stream.resume()
            }
          })
          await pipeline(raw, count, extract, { signal: j.signal })
          if (!wrote) throw new ApiError('files-not-file', t('files.notAFile', { path: shownPath(reached, inner) }))
          await wrote
        }
        await fs.promises.rename(temp, file)
        j.percent(100)
        j.log(`${t('files.download.done', { file })}\n`)
      } catch (err) {
        await removeQuietly(temp)
        if (j.signal.aborted) throw new ApiError('cancelled', t('files.download.cancelled'))
        if (err instanceof ApiError) throw err
        throw new ApiError('files-download-failed', t('files.download.failed', { name }), err instanceof Error ? err.message : String(err))
      } finally {
        await reached.release()
      }
    }
  )
  return { jobId: job.id, file }
}

export async function startUpload(ctx: FilesContext, req: Input<'apps.files.upload'>): Promise<{ jobId: string }> {
  const app = await loadApp(ctx, req.server, req.domain)
  const inner = innerPath(req.path)
  const files = req.files.map((p) => {
    const local = localFor(ctx, p)
    const st = fs.statSync(local, { throwIfNoEntry: false })
    if (!st) throw new ApiError('files-local-missing', t('files.localMissing', { path: p }))
    if (!st.isFile()) throw new ApiError('files-local-not-file', t('files.localNotFile', { path: p }))
    return { local, name: path.basename(local), size: st.size, mtime: st.mtime }
  })
  const dup = files.find((f, i) => files.findIndex((g) => g.name === f.name) !== i)
  if (dup) throw new ApiError('files-same-name', t('files.sameName', { name: dup.name }))
  const docker = (await ctx.open(req.server)).docker()
  const reached = await reachVolume(docker, app.stackName, req.domain, req.volume, { write: true })
  let folder: string
  try {
    ;[folder] = fields(await volumeScript(reached, inContainer(reached.mountPath, inner), shownPath(reached, inner), 'folder'))
  } catch (err) {
    await reached.release()
    throw err
  }
  const total = files.reduce((a, f) => a + f.size, 0)
  const where = shownPath(reached, inner)
  const job = ctx.jobs.start(
    {
      kind: 'app-files-upload',
      title: t('files.upload.title', { count: files.length, domain: req.domain }),
      target: req.domain,
      steps: [t('files.upload.step', { count: files.length, where }), t('files.upload.finish')]
    },
    async (j) => {
      const tag = crypto.randomBytes(4).toString('hex')
      const temps = files.map((f, i) => `.ccd-upload-${tag}-${i}`)
      let sent = false
      try {
        const progress = new Progress(j, 0)
        progress.expect(where, total)
        progress.copying(files.length === 1 ? files[0].name : where)
        const pack = tarStream.pack()
        // The files go into the tar one after another as they are read.
        const fill = (async () => {
          for (const [i, f] of files.entries()) {
            const entry = pack.entry({ name: temps[i], size: f.size, mode: 0o644, mtime: f.mtime })
            await pipeline(fs.createReadStream(f.local), counter((n) => progress.add(n)), entry)
          }
          pack.finalize()
        })().catch((err: unknown) => pack.destroy(err instanceof Error ? err : new Error(String(err))))
        sent = true
        await reached.container.putArchive(pack as unknown as NodeJS.ReadableStream, { path: folder, abortSignal: j.signal })
        await fill
        j.step(1)
        const pairs = files.flatMap((f, i) => [temps[i], f.name])
        await volumeScript(reached, folder, where, 'mv', pairs, j.signal)
        j.percent(100)
        j.log(`${t('files.upload.done', { count: files.length, where })}\n`)
      } catch (err) {
        // Whatever arrived under the temporary names goes; the folder is as it was.
        if (sent) for (const temp of temps) await volumeScript(reached, path.posix.join(folder, temp), where, 'rm').catch(() => undefined)
        if (j.signal.aborted) throw new ApiError('cancelled', t('files.upload.cancelled'))
        if (err instanceof ApiError) throw err
        throw new ApiError('files-upload-failed', t('files.upload.failed', { where }), err instanceof Error ? err.message : String(err))
      } finally {
        await reached.release()
      }
    }
  )
  return { jobId: job.id }
}
