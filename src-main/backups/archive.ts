// The backup archive: one .tar.gz that `tar xzf` opens into plain files.
//
//   volumes/<service>/<volume>.json      the volume's ManifestVolume (files still empty), first
//   volumes/<service>/<volume>/...       its files, named relative to the volume's root
//   manifest.json                        last: hooks, byte counts, a sha256 for every file
//
// Files are stored flat (not as a tar inside the tar) because a tar entry must
// state its size before its body, and the size of Docker's archive stream is
// only known at its end; each file's own size is known from its header, so the
// data streams straight through without a temp copy.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PassThrough, Readable, Transform } from 'node:stream'
import zlib from 'node:zlib'
import * as tar from 'tar-stream'
import { t } from '../i18n/i18n'

type Sink = ReturnType<tar.Pack['entry']>
type HeaderArgument = Parameters<tar.Pack['entry']>[0]

export interface ManifestFile {
  /** Path inside the volume, e.g. keep/hooks.log */
  path: string
  size: number
  sha256: string
}

export interface ManifestVolume {
  service: string
  /** Compose name (data) and Docker name (<stack>_data). */
  volume: string
  dockerName: string
  mountPath: string
  paths?: string[]
  /** Folder of its files inside the archive: volumes/<service>/<volume>/ */
  entry: string
  bytes: number
  files: ManifestFile[]
}

export interface ManifestHook {
  service: string
  kind: 'pre' | 'post'
  command: string
  exitCode: number
  output?: string
}

export interface Manifest {
  format: 1
  app: { server: string; domain: string; stackName: string; recipe?: string; version?: string }
  createdAt: string
  services: string[]
  volumes: ManifestVolume[]
  hooks: ManifestHook[]
  bytes: number
}

export const MANIFEST_ENTRY = 'manifest.json'

export const volumeEntry = (service: string, volume: string): string => `volumes/${service}/${volume}/`

/** A problem with the archive itself (damaged, truncated, not one of ours). */
export class ArchiveError extends Error {
  override name = 'ArchiveError'
}

// Only extended attributes survive a copy: path/size records describe the
// header being rewritten and would contradict the new name.
function keptPax(pax: unknown): Record<string, string> | undefined {
  if (!pax || typeof pax !== 'object') return undefined
  const kept = Object.entries(pax as Record<string, string>).filter(([k]) => k.startsWith('SCHILY.xattr.') || k.startsWith('LIBARCHIVE.xattr.'))
  return kept.length ? Object.fromEntries(kept) : undefined
}

function waitWritable(w: {
  once(e: string, f: (...a: unknown[]) => void): unknown
  off?(e: string, f: (...a: unknown[]) => void): unknown
  destroyed?: boolean
  destroying?: boolean
}): Promise<void> {
  return new Promise((resolve, reject) => {
    // Destroyed already (a cancel between write() and here): no event will ever come.
    if (w.destroyed || w.destroying) {
      reject(new Error('stream closed'))
      return
    }
    const done = (err?: unknown): void => {
      w.off?.('drain', ok)
      w.off?.('error', bad)
      w.off?.('close', closed)
      if (err) reject(err instanceof Error ? err : new Error(String(err)))
      else resolve()
    }
    const ok = (): void => done()
    const bad = (e: unknown): void => done(e ?? new Error('stream failed'))
    const closed = (): void => done(new Error('stream closed'))
    w.once('drain', ok)
    w.once('error', bad)
    w.once('close', closed)
  })
}

/** Copies one tar entry's body into a pack sink, hashing it on the way. */
async function copyBody(body: AsyncIterable<Buffer>, sink: Sink | undefined, onChunk?: (n: number) => void): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256')
  let size = 0
  for await (const chunk of body) {
    hash.update(chunk)
    size += chunk.length
    onChunk?.(chunk.length)
    if (sink && !sink.write(chunk)) await waitWritable(sink as never)
  }
  return { size, sha256: hash.digest('hex') }
}

// The Sink type from tar-stream's typings lacks end(); streamx has it.
const endSink = (sink: Sink): void => (sink as unknown as { end(): void }).end()

function entryDone(pack: tar.Pack, header: HeaderArgument): { sink: Sink; done: Promise<void> } {
  let sink!: Sink
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry(header, (err) => (err ? reject(err) : resolve()))
  })
  // A failure reaches the caller through `done` (or the write that stalls);
  // these keep the same failure from also surfacing as "unhandled".
  sink.on('error', () => {})
  done.catch(() => {})
  return { sink, done }
}

/**
 * Joins the small chunks a stream over SSH arrives in (32 kB packets) into
 * ~1 MB ones: every chunk costs a round through the tar parser, the hashes
 * and the zlib thread, and at 32 kB that overhead, not the network, set the pace.
 */
function coalesce(size = 1024 * 1024): Transform {
  let parts: Buffer[] = []
  let held = 0
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      parts.push(chunk)
      held += chunk.length
      if (held < size) return cb()
      const out = Buffer.concat(parts, held)
      parts = []
      held = 0
      cb(null, out)
    },
    flush(cb) {
      cb(null, held ? Buffer.concat(parts, held) : undefined)
    }
  })
}

/**
 * Maps a name from Docker's archive of `<mountPath>/<part>` (its first
 * component is the basename of what was asked for) to a path relative to the
 * volume's root; '' is the root itself.
 */
export function relativeToVolume(dockerName: string, part?: string): string {
  const clean = dockerName.replace(/^\.\//, '').replace(/\/+$/, '')
  const slash = clean.indexOf('/')
  const rest = slash === -1 ? '' : clean.slice(slash + 1)
  if (!part) return rest
  const base = path.posix.normalize(part).replace(/^\/+|\/+$/g, '')
  return rest ? `${base}/${rest}` : base
}

const WINDOW = 4 * 1024 * 1024
const PROBE_EVERY = 128 * 1024 * 1024

/**
 * gzip that stops compressing while the data doesn't compress (photos,
 * videos, already-compressed dumps): deflating those gains nothing and takes
 * most of a backup's time. It switches by starting a new gzip member (a .gz
 * may hold several one after the other; gunzip and tar read them as one
 * stream). Every so often it tries compressing again, so text later in the
 * archive is still compressed.
 */
export class AdaptiveGzip extends Transform {
  private z!: zlib.Gzip
  private level: number = zlib.constants.Z_BEST_SPEED
  private inBytes = 0
  private outBytes = 0
  private windowIn = 0
  private windowOut = 0
  private storedSince = 0

  constructor() {
    super()
    this.z = this.member(this.level)
  }

  private member(level: number): zlib.Gzip {
    // Big output chunks: each one is a round trip to the zlib thread, and small ones left the copy waiting.
    const z = zlib.createGzip({ level, chunkSize: 1024 * 1024 })
    z.on('data', (d: Buffer) => {
      this.outBytes += d.length
      if (!this.push(d)) z.pause()
    })
    z.on('error', (e) => this.destroy(e))
    return z
  }

  override _read(size: number): void {
    this.z.resume()
    super._read(size)
  }

  private nextLevel(): number {
    if (this.level !== 0 && this.inBytes - this.windowIn >= WINDOW) {
      // Output lags input a little inside zlib; over 16 MB that is noise.
      const ratio = (this.outBytes - this.windowOut) / (this.inBytes - this.windowIn)
      this.windowIn = this.inBytes
      this.windowOut = this.outBytes
      if (ratio > 0.97) {
        this.storedSince = this.inBytes
        return 0
      }
    } else if (this.level === 0 && this.inBytes - this.storedSince >= PROBE_EVERY) {
      this.windowIn = this.inBytes
      this.windowOut = this.outBytes
      return zlib.constants.Z_BEST_SPEED
    }
    return this.level
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.inBytes += chunk.length
    const write = (): void => {
      if (this.z.write(chunk)) cb()
      else this.z.once('drain', () => cb())
    }
    const next = this.nextLevel()
    if (next === this.level) return write()
    this.level = next
    const old = this.z
    old.once('end', () => {
      this.z = this.member(next)
      write()
    })
    old.end()
    old.resume()
  }

  override _flush(cb: (err?: Error | null) => void): void {
    this.z.once('end', () => cb())
    this.z.end()
    this.z.resume()
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.z.destroy()
    cb(err)
  }
}

/**
 * Writes an archive to `file`: volumes one after the other, then the
 * manifest. The archive's own sha256 and size are measured as it is written.
 */
export class ArchiveWriter {
  private pack = tar.pack()
  private hash = crypto.createHash('sha256')
  private size = 0
  private failed: Error | undefined
  private extracting: tar.Extract | undefined
  private readonly written: Promise<void>

  constructor(readonly file: string) {
    const gzip = new AdaptiveGzip()
    const tap = new Transform({
      transform: (chunk: Buffer, _enc, cb) => {
        this.hash.update(chunk)
        this.size += chunk.length
        cb(null, chunk)
      }
    })
    const out = fs.createWriteStream(file, { mode: 0o600, highWaterMark: 1024 * 1024 })
    this.written = new Promise<void>((resolve, reject) => {
      const fail = (err: Error): void => {
        if (!this.failed) this.failed = err
        this.pack.destroy(err)
        gzip.destroy(err)
        tap.destroy(err)
        out.destroy(err)
        reject(err)
      }
      gzip.on('error', fail)
      tap.on('error', fail)
      out.on('error', fail)
      this.pack.on('error', (e: Error) => fail(e))
      out.on('finish', () => resolve())
    })
    this.written.catch(() => {})
    this.pack.pipe(gzip as never)
    gzip.pipe(tap).pipe(out)
  }

  /** Rejects as soon as writing the file fails (a full disk), so a stalled copy stops too. */
  get failure(): Promise<never> {
    return this.written.then(() => new Promise<never>(() => {}))
  }

  private check(): void {
    if (this.failed) throw this.failed
  }

  /**
   * Streams one of Docker's archives (of the volume's mount, or of one path
   * inside it) into the archive under the volume's folder, hashing each file.
   */
  async addTar(volume: Pick<ManifestVolume, 'entry'>, dockerTar: Readable, part: string | undefined, onBytes?: (n: number) => void): Promise<ManifestFile[]> {
    this.check()
    const files: ManifestFile[] = []
    const extract = tar.extract()
    this.extracting = extract
    let ended = false
    dockerTar.on('end', () => (ended = true))
    dockerTar.on('error', (e) => extract.destroy(e))
    // Some streams (an HTTP answer over SSH) only close when destroyed or cut: without this the copy would wait forever.
    dockerTar.on('close', () => {
      if (!ended) extract.destroy(new Error('the data stream closed before its end'))
    })
    dockerTar.pipe(coalesce()).pipe(extract as never)
    try {
      for await (const entry of extract) {
        this.check()
        const h = entry.header
        const rel = relativeToVolume(h.name, part)
        if (!rel && (h.type !== 'directory' || part)) {
          entry.resume()
          continue
        }
        const header: HeaderArgument = {
          ...h,
          name: volume.entry + rel,
          linkname: h.type === 'link' ? volume.entry + relativeToVolume(h.linkname, part) : h.linkname,
          pax: keptPax(h.pax)
        }
        if (!header.pax) delete header.pax
        const isFile = h.type === 'file' || h.type === 'contiguous-file'
        const { sink, done } = entryDone(this.pack, header)
        if (isFile) {
          const sum = await copyBody(entry as unknown as AsyncIterable<Buffer>, sink, onBytes)
          endSink(sink)
          files.push({ path: rel, size: sum.size, sha256: sum.sha256 })
        } else {
          entry.resume()
        }
        await Promise.race([done, this.failure])
      }
    } catch (err) {
      extract.destroy(err as Error)
      dockerTar.destroy()
      throw this.failed ?? err
    } finally {
      this.extracting = undefined
    }
    return files
  }

  /** Describes a volume before its files, so a reader knows where they go without waiting for the manifest. */
  async startVolume(volume: ManifestVolume): Promise<void> {
    const name = `${volume.entry.replace(/\/$/, '')}.json`
    await this.addBuffer(name, Buffer.from(JSON.stringify({ ...volume, files: [], bytes: 0 }, null, 2)))
  }

  async addBuffer(name: string, body: Buffer): Promise<void> {
    this.check()
    const done = new Promise<void>((resolve, reject) => {
      this.pack.entry({ name, type: 'file', mode: 0o644, mtime: new Date() }, body, (err) => (err ? reject(err) : resolve()))
    })
    await Promise.race([done, this.failure])
  }

  /** Writes the manifest last and closes the file; resolves to its size and sha256. */
  async finish(manifest: Manifest): Promise<{ size: number; sha256: string }> {
    await this.addBuffer(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)))
    this.pack.finalize()
    await this.written
    return { size: this.size, sha256: this.hash.digest('hex') }
  }

  /** Stops writing (cancel or failure); the caller deletes the file. */
  async abort(err: Error = new Error('cancelled')): Promise<void> {
    if (!this.failed) this.failed = err
    this.extracting?.destroy(err)
    this.pack.destroy(err)
    await this.written.catch(() => {})
  }
}

/** What a reader sees for each entry of a volume, with its name relative to the volume. */
interface ReadHandlers {
  volumeStart?(volume: ManifestVolume): Promise<void> | void
  entry?(volume: ManifestVolume, header: tar.Header, body: Readable): Promise<void>
  volumeEnd?(volume: ManifestVolume): Promise<void> | void
}

export interface ReadResult {
  manifest: Manifest
  /** sha256 and size of every file as read, by "<service>/<volume>:<path>". */
  seen: Map<string, { size: number; sha256: string }>
  /** sha256 of the .tar.gz as a whole. */
  archiveSha256: string
}

async function collect(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const c of body) parts.push(c)
  return Buffer.concat(parts)
}

export const fileKey = (service: string, volume: string, file: string): string => `${service}/${volume}:${file}`

function describe(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err)
  const code = (err as { code?: unknown } | undefined)?.code
  if (/unexpected end of (file|data)/i.test(msg)) return t('backups.check.cutShort')
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code === 'ENOENT' ? t('backups.check.fileMissing') : t('backups.check.diskUnreadable')
  return t('backups.check.damaged', { message: msg })
}

/**
 * Reads an archive once, front to back, calling the handlers for each volume
 * and file; checksums every file and the archive as a whole.
 */
export async function readArchive(file: string, handlers: ReadHandlers = {}): Promise<ReadResult> {
  const hash = crypto.createHash('sha256')
  const input = fs.createReadStream(file, { highWaterMark: 1024 * 1024 })
  input.on('data', (c: string | Buffer) => hash.update(c))
  const gunzip = zlib.createGunzip({ chunkSize: 1024 * 1024 })
  const extract = tar.extract()
  let broken: ArchiveError | undefined
  const fail = (e: Error): void => {
    broken ??= new ArchiveError(describe(e))
    extract.destroy(broken)
  }
  // The loop below sees the error; this keeps it from also being "unhandled".
  extract.on('error', () => {})
  input.on('error', fail)
  gunzip.on('error', fail)
  input.pipe(gunzip).pipe(extract as never)

  const metas = new Map<string, ManifestVolume>()
  const seen = new Map<string, { size: number; sha256: string }>()
  let current: ManifestVolume | undefined
  let manifest: Manifest | undefined
  const finishVolume = async (): Promise<void> => {
    if (current) await handlers.volumeEnd?.(current)
    current = undefined
  }
  try {
    for await (const entry of extract) {
      // Its error also ends the loop; without a listener it would be "uncaught" as well.
      entry.on('error', () => {})
      const name = entry.header.name
      if (manifest) throw new ArchiveError(t('backups.check.dataAfter', { name }))
      if (name === MANIFEST_ENTRY) {
        await finishVolume()
        const text = (await collect(entry as unknown as AsyncIterable<Buffer>)).toString('utf8')
        try {
          manifest = JSON.parse(text) as Manifest
        } catch {
          throw new ArchiveError(t('backups.check.manifestUnreadable'))
        }
        continue
      }
      const meta = /^volumes\/([^/]+)\/([^/]+)\.json$/.exec(name)
      if (meta) {
        await finishVolume()
        const body = (await collect(entry as unknown as AsyncIterable<Buffer>)).toString('utf8')
        let v: ManifestVolume
        try {
          v = JSON.parse(body) as ManifestVolume
        } catch {
          throw new ArchiveError(t('backups.check.descriptionUnreadable', { volume: `${meta[1]}/${meta[2]}` }))
        }
        metas.set(v.entry, v)
        current = v
        await handlers.volumeStart?.(v)
        continue
      }
      const root = current?.entry.replace(/\/$/, '')
      if (!current || (name !== root && !name.startsWith(current.entry))) {
        throw new ArchiveError(t('backups.check.stray', { name }))
      }
      const rel = name === root ? '' : name.slice(current.entry.length)
      const header = { ...entry.header, name: rel ? rel : './' }
      if (header.type === 'link') header.linkname = header.linkname.startsWith(current.entry) ? header.linkname.slice(current.entry.length) : header.linkname
      const isFile = header.type === 'file' || header.type === 'contiguous-file'
      if (!isFile) {
        entry.resume()
        if (handlers.entry) await handlers.entry(current, header, Readable.from([]))
        continue
      }
      if (handlers.entry) {
        const body = new PassThrough()
        const h = crypto.createHash('sha256')
        let size = 0
        const using = handlers.entry(current, header, body)
        for await (const chunk of entry as unknown as AsyncIterable<Buffer>) {
          h.update(chunk)
          size += chunk.length
          if (!body.write(chunk)) await waitWritable(body as never)
        }
        body.end()
        await using
        seen.set(fileKey(current.service, current.volume, rel), { size, sha256: h.digest('hex') })
      } else {
        const sum = await copyBody(entry as unknown as AsyncIterable<Buffer>, undefined)
        seen.set(fileKey(current.service, current.volume, rel), sum)
      }
    }
  } catch (err) {
    input.destroy()
    extract.destroy()
    if (broken) throw broken
    if (err instanceof ArchiveError) throw err
    throw new ArchiveError(describe(err))
  }
  if (broken) throw broken
  await finishVolume()
  if (!manifest) throw new ArchiveError(t('backups.check.noManifest'))
  if (manifest.format !== 1) throw new ArchiveError(t('backups.check.unknownFormat', { format: String(manifest.format) }))
  return { manifest, seen, archiveSha256: hash.digest('hex') }
}

/** Problems, in words, where what was read differs from the manifest. */
export function compareWithManifest(manifest: Manifest, seen: ReadResult['seen']): string[] {
  const problems: string[] = []
  const expected = new Set<string>()
  for (const v of manifest.volumes) {
    for (const f of v.files) {
      const key = fileKey(v.service, v.volume, f.path)
      expected.add(key)
      const got = seen.get(key)
      const where = `${v.volume}/${f.path}`
      if (!got) problems.push(t('backups.check.missing', { path: where }))
      else if (got.size !== f.size) problems.push(t('backups.check.sizeChanged', { path: where, before: f.size, now: got.size }))
      else if (got.sha256 !== f.sha256) problems.push(t('backups.check.contentsChanged', { path: where }))
    }
  }
  for (const key of seen.keys()) {
    if (!expected.has(key)) problems.push(t('backups.check.extra', { path: key.replace(/^[^/]+\//, '').replace(':', '/') }))
  }
  return problems
}

/**
 * Reads an archive in one pass, handing each volume's files as a tar (names
 * relative to the volume's root, so it goes back with
 * container.putArchive(tar, { path: volume.mountPath })) to `use`; resolves
 * to the manifest. `volume.files` is filled in the manifest only, which comes
 * last: rejects (after the last `use`) when the archive is damaged or a file
 * differs from its checksum — verify first (backups.verify) to refuse a bad
 * archive before writing anything.
 */
export async function forEachVolume(file: string, use: (volume: ManifestVolume, tar: Readable) => Promise<void>): Promise<Manifest> {
  let pack: tar.Pack | undefined
  let using: Promise<void> | undefined
  let useFailed: Error | undefined
  let handed: Readable | undefined
  const end = async (): Promise<void> => {
    if (!pack) return
    pack.finalize()
    const u = using
    pack = undefined
    using = undefined
    await u
  }
  const result = await readArchive(file, {
    volumeStart: (v) => {
      pack = tar.pack()
      pack.on('error', () => {})
      handed = Readable.from(pack as unknown as AsyncIterable<Buffer>)
      // The consumer may only pipe it (pipe() forwards no errors); the failure reaches it by destroy.
      handed.on('error', () => {})
      using = use(v, handed).catch((e: Error) => {
        useFailed = e
        throw e
      })
      using.catch(() => {})
    },
    entry: async (_v, header, body) => {
      if (useFailed) throw useFailed
      const p = pack
      if (!p) return
      const isFile = header.type === 'file' || header.type === 'contiguous-file'
      const { sink, done } = entryDone(p, { ...header, pax: keptPax(header.pax) ?? undefined })
      if (isFile) {
        await copyBody(body as AsyncIterable<Buffer>, sink)
        endSink(sink)
      } else body.resume()
      const failed = (using ?? Promise.resolve()).then(() => new Promise<never>(() => {}))
      await Promise.race([done, failed])
    },
    volumeEnd: () => end()
  }).catch((err: unknown) => {
    // Not waiting for `use` to settle: a consumer that only piped the tar would never see it end.
    pack?.destroy(err as Error)
    handed?.destroy(err as Error)
    throw useFailed ?? err
  })
  const problems = compareWithManifest(result.manifest, result.seen)
  if (problems.length) throw new ArchiveError(t('backups.check.mismatch', { problems: problems.slice(0, 5).join('; ') }))
  return result.manifest
}
