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
// When no byte moves for a minute either way (stall.ts), the transfer is
// stopped, its streams ended and whatever half-arrived removed, as a failure
// that says so.
import crypto from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import tarStream from 'tar-stream'
import { ApiError } from '../contract/errors'
import type { Input } from '../contract/contract'
import { loadApp, type AppContext } from '../apps/context'
import type { MachineDocker } from '../apps/exec-terminal'
import { Progress } from '../backups/stream-progress'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'
import { downloadName, inContainer, innerPath, numberedName } from './paths'
import { reachVolume, volumeScript, type Reached } from './reach'
import { STALL_MS, Stalled, watchStall } from './stall'

export interface FilesContext extends Pick<AppContext, 'paths' | 'env' | 'jobs' | 'open' | 'machineDocker'> {
  /** The command line names any file on this computer; the window's are confined (see localFor). */
  anyLocalPath: boolean
  /** How long a transfer may move no bytes before it is stopped (STALL_MS unless a test says). */
  stallMs?: number
}

const FREE_NAMES = 1000

/** Another machine of the server's swarm, opened when the volume's service runs there (none without machineDocker). */
export function machineOf(ctx: Pick<FilesContext, 'machineDocker'>, server: string): MachineDocker | undefined {
  const open = ctx.machineDocker
  return open ? (m) => open(server, m) : undefined
}

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

const shownPath = (r: Pick<Reached, 'volume'>, inner: string): string => `${r.volume.name}:/${inner}`

function fields(out: Buffer): string[] {
  return out.toString('utf8').split('\0').slice(0, -1)
}

async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true }).catch(() => undefined)
}

/** Ends a stream and waits until its file is closed. */
async function closeQuietly(s: fs.WriteStream | fs.ReadStream | undefined): Promise<void> {
  if (!s || s.closed) return
  const closed = once(s, 'close').catch(() => undefined)
  s.destroy()
  await closed
}

export interface SaveOptions {
  /** A folder's tar is kept, gzipped; a file is taken out of it. */
  folder: boolean
  file: string
  temp: string
  signal: AbortSignal
  stallMs: number
  onBytes(n: number): void
  /** The error when the tar holds no file. */
  notAFile(): Error
}

/**
 * Docker's tar from `open` saved as `file`, through `temp`. When it fails, is
 * cancelled or stalls (rejecting with a Stalled), the stream is ended and the
 * temporary file closed and removed before the promise settles.
 */
export async function saveArchive(open: (signal: AbortSignal) => Promise<Readable>, o: SaveOptions): Promise<void> {
  const watch = watchStall(o.stallMs, o.signal)
  let raw: Readable | undefined
  let out: fs.WriteStream | undefined
  const writeTemp = (): fs.WriteStream => (out = fs.createWriteStream(o.temp, { mode: 0o600 }))
  try {
    raw = await open(watch.signal)
    const meter = watch.meter(o.onBytes)
    if (o.folder) {
      // Docker's tar names the folder's entries under its own name, as `tar czf name.tar.gz name` would.
      await pipeline(raw, meter, zlib.createGzip(), writeTemp(), { signal: watch.signal })
    } else {
      let wrote: Promise<void> | undefined
      const extract = tarStream.extract()
      extract.on('entry', (header, stream, next) => {
        if (!wrote && header.type === 'file') {
          wrote = pipeline(stream, writeTemp(), { signal: watch.signal })
          wrote.then(() => next(), next)
        } else {
          stream.on('end', () => next())
          stream.resume()
        }
      })
      await pipeline(raw, meter, extract, { signal: watch.signal })
      if (!wrote) throw o.notAFile()
      await wrote
    }
    watch.stop()
    await fs.promises.rename(o.temp, o.file)
  } catch (err) {
    watch.stop()
    raw?.destroy()
    await closeQuietly(out)
    await removeQuietly(o.temp)
    throw watch.stalled ? (watch.signal.reason as Stalled) : err
  }
}

export interface SendOptions {
  /** Each local file and the name it goes in under. */
  entries: Array<{ local: string; name: string; size: number; mtime: Date }>
  signal: AbortSignal
  stallMs: number
  onBytes(n: number): void
}

/**
 * The files as one tar, made as they are read, handed to `put`. When it
 * fails, is cancelled or stalls (rejecting with a Stalled), the tar and the
 * file being read are ended before the promise settles.
 */
export async function sendArchive(put: (tar: Readable, signal: AbortSignal) => Promise<unknown>, o: SendOptions): Promise<void> {
  const watch = watchStall(o.stallMs, o.signal)
  const pack = tarStream.pack()
  const packClosed = new Promise<void>((resolve) => pack.once('close', () => resolve()))
  // The pack's errors are said by the file that failed or by put.
  pack.on('error', () => undefined)
  // Ended on a stall, a cancel, a file that can't be read or a put that failed.
  const quit = new AbortController()
  const signal = AbortSignal.any([watch.signal, quit.signal])
  let reading: fs.ReadStream | undefined
  let failed: unknown
  // The files go into the tar one after another as they are read.
  const fill = (async () => {
    for (const e of o.entries) {
      signal.throwIfAborted()
      const entry = pack.entry({ name: e.name, size: e.size, mode: 0o644, mtime: e.mtime })
      reading = fs.createReadStream(e.local)
      await pipeline(reading, watch.meter(o.onBytes), entry, { signal })
    }
    pack.finalize()
  })().catch((err: unknown) => {
    failed ??= err
    quit.abort()
  })
  try {
    await put(pack as unknown as Readable, signal)
    await fill
    if (failed) throw failed
    watch.stop()
  } catch (err) {
    watch.stop()
    quit.abort()
    pack.destroy()
    await fill
    await closeQuietly(reading)
    await packClosed
    throw watch.stalled ? (watch.signal.reason as Stalled) : (failed ?? err)
  }
}

/**
 * Refuses names that are folders in the target folder (a file can't replace
 * one, and mv would put it inside). A link is followed: to a folder it is
 * refused too, out of the volume it is refused as outside.
 */
async function refuseFolders(r: Reached, folder: string, where: string, names: string[]): Promise<void> {
  let kinds: Map<string, number> | undefined
  try {
    kinds = new Map(
      fields(await volumeScript(r, folder, where, 'list')).flatMap((record) => {
        const nl = record.indexOf('\n')
        const mode = parseInt(record.slice(0, nl).trim().split(' ')[2] ?? '', 16)
        return nl < 0 ? [] : [[record.slice(nl + 1), mode & S_IFMT] as const]
      })
    )
  } catch (err) {
    // A folder too big to list: each name is asked about.
    if (!(err instanceof ApiError && err.code === 'files-too-many')) throw err
  }
  for (const name of names) {
    const kind = kinds?.get(name)
    const isFolder = new ApiError('files-is-folder', t('files.upload.isFolder', { name, where }))
    if (kind === S_IFDIR) throw isFolder
    if (kinds && kind !== S_IFLNK) continue
    try {
      await volumeScript(r, path.posix.join(folder, name), `${where.replace(/\/$/, '')}/${name}`, 'folder')
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'files-not-found' || err.code === 'files-not-folder')) continue
      throw err
    }
    throw isFolder
  }
}

const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000

export async function startDownload(ctx: FilesContext, req: Input<'apps.files.download'>): Promise<{ jobId: string; file: string }> {
  const app = await loadApp(ctx, req.server, req.domain)
  const inner = innerPath(req.path)
  const docker = (await ctx.open(req.server)).docker()
  // Reached and looked at before the job starts, so a wrong path is said at once.
  const reached = await reachVolume(docker, app, req.volume, { write: false, machine: machineOf(ctx, req.server) })
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
  const stallMs = ctx.stallMs ?? STALL_MS
  const job = ctx.jobs.start(
    { kind: 'app-files-download', title: t('files.download.title', { name, domain: req.domain }), target: req.domain, steps: [t('files.download.step', { name })] },
    async (j) => {
      const temp = path.join(path.dirname(file), `.${name}.${crypto.randomBytes(4).toString('hex')}.part`)
      try {
        const progress = new Progress(j, 0)
        progress.expect(name, total)
        progress.copying(name)
        await saveArchive((signal) => reached.container.getArchive({ path: resolved, abortSignal: signal }) as unknown as Promise<Readable>, {
          folder,
          file,
          temp,
          signal: j.signal,
          stallMs,
          onBytes: (n) => progress.add(n),
          notAFile: () => new ApiError('files-not-file', t('files.notAFile', { path: shownPath(reached, inner) }))
        })
        j.percent(100)
        j.log(`${t('files.download.done', { file })}\n`)
      } catch (err) {
        if (j.signal.aborted) throw new ApiError('cancelled', t('files.download.cancelled'))
        if (err instanceof Stalled) throw new ApiError('files-stalled', t('files.download.stalled', { name, seconds: Math.round(stallMs / 1000) }))
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
  const reached = await reachVolume(docker, app, req.volume, { write: true, machine: machineOf(ctx, req.server) })
  const where = shownPath(reached, inner)
  let folder: string
  try {
    ;[folder] = fields(await volumeScript(reached, inContainer(reached.mountPath, inner), where, 'folder'))
    // Said before anything is sent.
    await refuseFolders(reached, folder, where, files.map((f) => f.name))
  } catch (err) {
    await reached.release()
    throw err
  }
  const total = files.reduce((a, f) => a + f.size, 0)
  const stallMs = ctx.stallMs ?? STALL_MS
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
        sent = true
        await sendArchive((tar, signal) => reached.container.putArchive(tar as unknown as NodeJS.ReadableStream, { path: folder, abortSignal: signal }), {
          entries: files.map((f, i) => ({ local: f.local, name: temps[i], size: f.size, mtime: f.mtime })),
          signal: j.signal,
          stallMs,
          onBytes: (n) => progress.add(n)
        })
        j.step(1)
        const pairs = files.flatMap((f, i) => [temps[i], f.name])
        await volumeScript(reached, folder, where, 'mv', pairs, j.signal)
        j.percent(100)
        j.log(`${t('files.upload.done', { count: files.length, where })}\n`)
      } catch (err) {
        // Whatever arrived under the temporary names goes; the folder is as it was.
        if (sent) for (const temp of temps) await volumeScript(reached, path.posix.join(folder, temp), where, 'rm').catch(() => undefined)
        if (j.signal.aborted) throw new ApiError('cancelled', t('files.upload.cancelled'))
        if (err instanceof Stalled) throw new ApiError('files-stalled', t('files.upload.stalled', { where, seconds: Math.round(stallMs / 1000) }))
        if (err instanceof ApiError) throw err
        throw new ApiError('files-upload-failed', t('files.upload.failed', { where }), err instanceof Error ? err.message : String(err))
      } finally {
        await reached.release()
      }
    }
  )
  return { jobId: job.id }
}
