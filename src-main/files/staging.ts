// Browser mode's uploads: a web page can't tell the core where a file is on
// this computer, so it sends the file's bytes first (POST /api/upload/<id>,
// browser/upload.ts) and they are kept here, under the app's data folder,
// until the upload job takes them (apps.files.uploadStaged).
//
// Every staged file has an owner and an end: the page that staged it (it goes
// when the page is closed or reloaded), then the upload job that took it (it
// goes when the job ends, whichever way), and at most 15 minutes unused.
// Every removal is finished before the promise that reports the outcome
// settles: a caller that saw a refusal or a job's end never finds the file
// still there.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Client } from '../api/client'
import { ApiError } from '../contract/errors'
import { STAGE_MAX_BYTES } from '../contract/files'
import { confinedPath } from '../core/confine'
import { t } from '../i18n/i18n'

export const STAGE_IDLE_MS = 15 * 60_000
/** A transfer with no bytes for this long is stopped. */
export const STAGE_STALL_MS = 60_000
const SWEEP_EVERY_MS = 60_000
/** Files one owner may have staged at once (the contract's 100 per upload, twice). */
const MAX_PER_OWNER = 200

type State = 'waiting' | 'receiving' | 'ready' | 'taken'

interface Entry {
  id: string
  name: string
  bytes: number
  owner?: Client
  state: State
  usedAt: number
  /** Stops a transfer under way (the owner went). */
  abort?: AbortController
  /** Settles once a transfer under way has ended and, if it failed, its file is gone. */
  received?: Promise<unknown>
}

export interface StagingOptions {
  /** Where staged files are kept: <dataDir>/uploads. */
  dir: string
  now?: () => number
  limitBytes?: number
  idleMs?: number
  stallMs?: number
}

export interface Taken {
  /** The staged files, in the order asked; each is named as it will be in the volume. */
  paths: string[]
  /** Deletes them; finished when the promise settles. */
  release(): Promise<void>
}

export class Staging {
  readonly dir: string
  private entries = new Map<string, Entry>()
  private forget = new Map<Client, () => void>()
  private now: () => number
  private limit: number
  private idleMs: number
  private stallMs: number
  private timer: NodeJS.Timeout | undefined
  private closed = false
  /** Clean-ups started by an event (a page went, the sweep's timer), not by a caller who waits for them. */
  private background = new Set<Promise<void>>()

  constructor(options: StagingOptions) {
    this.dir = options.dir
    this.now = options.now ?? Date.now
    this.limit = options.limitBytes ?? STAGE_MAX_BYTES
    this.idleMs = options.idleMs ?? STAGE_IDLE_MS
    this.stallMs = options.stallMs ?? STAGE_STALL_MS
  }

  /** Makes room for these files, owned by `owner` (a page), and gives each an id. Nothing is written yet. */
  create(files: { name: string; bytes: number }[], owner?: Client): { id: string; name: string }[] {
    if (owner?.gone) throw new ApiError('disconnected', t('files.staging.ownerGone'))
    const big = files.find((f) => f.bytes > this.limit)
    if (big) throw new ApiError('upload-too-big', t('files.staging.tooBig', { name: big.name, limit: gigabytes(this.limit) }))
    const mine = [...this.entries.values()].filter((e) => e.owner === owner && e.state !== 'taken').length
    if (mine + files.length > MAX_PER_OWNER) throw new ApiError('upload-too-many', t('files.staging.tooMany', { count: MAX_PER_OWNER }))
    if (owner && !this.forget.has(owner)) this.forget.set(owner, owner.onGone(() => this.inBackground(this.ownerGone(owner))))
    return files.map((f) => {
      const id = crypto.randomBytes(16).toString('base64url')
      this.entries.set(id, { id, name: f.name, bytes: f.bytes, ...(owner ? { owner } : {}), state: 'waiting', usedAt: this.now() })
      return { id, name: f.name }
    })
  }

  /**
   * Writes a staged file's bytes from `body`. `declared` is the length the
   * sender announced (Content-Length): it must be the size given to create,
   * and exactly that many bytes must come. On any failure the partial file is
   * deleted, and the id forgotten, before this rejects.
   */
  async receive(id: string, body: Readable, declared: number | undefined): Promise<void> {
    const entry = this.entries.get(id)
    if (!entry || entry.state === 'taken') throw new ApiError('upload-unknown', t('files.staging.unknown'))
    if (entry.state !== 'waiting') throw new ApiError('upload-busy', t('files.staging.busy', { name: entry.name }))
    if (declared === undefined) throw new ApiError('upload-length-required', t('files.staging.lengthRequired'))
    if (declared > this.limit) throw new ApiError('upload-too-big', t('files.staging.tooBig', { name: entry.name, limit: gigabytes(this.limit) }))
    if (declared !== entry.bytes) throw new ApiError('upload-length-mismatch', t('files.staging.mismatch', { name: entry.name }))
    entry.state = 'receiving'
    entry.abort = new AbortController()
    const received = this.write(entry, body)
    entry.received = received.catch(() => undefined)
    await received
  }

  private async write(entry: Entry, body: Readable): Promise<void> {
    const { id } = entry
    const signal = (entry.abort ??= new AbortController()).signal
    let count = 0
    let stalled = false
    let stall: NodeJS.Timeout | undefined
    const watch = (): void => {
      clearTimeout(stall)
      stall = setTimeout(() => {
        stalled = true
        entry.abort?.abort()
      }, this.stallMs)
    }
    try {
      watch()
      const file = this.fileOf(entry)
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
      const limiter = new Transform({
        transform: (chunk: Buffer, _enc, cb) => {
          count += chunk.length
          watch()
          cb(count > entry.bytes ? new ApiError('upload-length-mismatch', t('files.staging.mismatch', { name: entry.name })) : null, chunk)
        }
      })
      await pipeline(body, limiter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }), { signal })
      if (count !== entry.bytes) throw new ApiError('upload-length-mismatch', t('files.staging.mismatch', { name: entry.name }))
      if (this.entries.get(id) !== entry) throw new ApiError('upload-unknown', t('files.staging.unknown'))
      entry.state = 'ready'
      entry.usedAt = this.now()
    } catch (err) {
      clearTimeout(stall)
      if (this.entries.get(id) === entry) this.entries.delete(id)
      await this.removeFiles(id)
      if (stalled) throw new ApiError('upload-incomplete', t('files.staging.incomplete', { name: entry.name }), `no bytes for ${this.stallMs / 1000} s`)
      if (signal.aborted) throw new ApiError('upload-unknown', t('files.staging.unknown'))
      if (err instanceof ApiError) throw err
      throw new ApiError('upload-incomplete', t('files.staging.incomplete', { name: entry.name }), err instanceof Error ? err.message : String(err))
    } finally {
      clearTimeout(stall)
    }
  }

  /**
   * Hands staged files to an upload: all must have arrived, and be `owner`'s.
   * From then on they belong to whoever calls release (the job), not the page.
   */
  take(ids: string[], owner?: Client): Taken {
    const entries = ids.map((id) => {
      const e = this.entries.get(id)
      if (!e || e.state === 'taken' || (e.owner !== undefined && e.owner !== owner)) throw new ApiError('upload-unknown', t('files.staging.unknown'))
      if (e.state !== 'ready') throw new ApiError('upload-not-ready', t('files.staging.notReady', { name: e.name }))
      return e
    })
    if (new Set(ids).size !== ids.length) throw new ApiError('upload-unknown', t('files.staging.unknown'))
    for (const e of entries) {
      e.state = 'taken'
      e.usedAt = this.now()
    }
    let released: Promise<void> | undefined
    return {
      paths: entries.map((e) => this.fileOf(e)),
      release: () => (released ??= this.discardEntries(entries))
    }
  }

  /** Deletes staged files the owner no longer wants (its upload was cancelled before it began). */
  async discard(ids: string[], owner?: Client): Promise<void> {
    const entries = ids.map((id) => this.entries.get(id)).filter((e): e is Entry => !!e && e.state !== 'taken' && (e.owner === undefined || e.owner === owner))
    await this.discardEntries(entries)
  }

  /** Deletes what has waited unused longer than the idle limit (a page that never finished). */
  async sweep(): Promise<void> {
    const old = [...this.entries.values()].filter((e) => (e.state === 'waiting' || e.state === 'ready') && this.now() - e.usedAt >= this.idleMs)
    await this.discardEntries(old)
  }

  /** The owner (a page) went: what it staged and no job took goes with it. Finished when the promise settles. */
  async ownerGone(owner: Client): Promise<void> {
    this.forget.get(owner)?.()
    this.forget.delete(owner)
    await this.discardEntries([...this.entries.values()].filter((e) => e.owner === owner && e.state !== 'taken'))
  }

  /** Settles once the clean-ups events started (a page that went, the sweep) have finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background])
  }

  private inBackground(work: Promise<void>): void {
    const tracked = work.catch(() => undefined).finally(() => this.background.delete(tracked))
    this.background.add(tracked)
  }

  /** Ids staged now (tests, and the sweep at start). */
  ids(): string[] {
    return [...this.entries.keys()]
  }

  /**
   * Sweeps every minute (the timer doesn't keep the process alive), after
   * deleting what an earlier run left behind and no one knows of any more,
   * once it is older than the idle limit (another process may be staging).
   * Returns a function that stops it.
   */
  async start(): Promise<() => void> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[])
    for (const name of names) {
      if (this.entries.has(name)) continue
      const at = confinedPath(this.dir, name)
      const st = await fs.promises.lstat(at).catch(() => undefined)
      if (st && this.now() - st.mtimeMs >= this.idleMs) await fs.promises.rm(at, { recursive: true, force: true }).catch(() => undefined)
    }
    clearInterval(this.timer)
    if (this.closed) return () => undefined
    this.timer = setInterval(() => this.inBackground(this.sweep()), SWEEP_EVERY_MS)
    this.timer.unref()
    return () => this.stop()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Stops the sweep and deletes everything staged, taken or not (the core closes). */
  async close(): Promise<void> {
    this.closed = true
    this.stop()
    for (const forget of this.forget.values()) forget()
    this.forget.clear()
    await this.discardEntries([...this.entries.values()])
    await this.idle()
  }

  private fileOf(e: Pick<Entry, 'id' | 'name'>): string {
    return confinedPath(this.dir, e.id, e.name)
  }

  private async discardEntries(entries: Entry[]): Promise<void> {
    for (const e of entries) {
      if (this.entries.get(e.id) !== e) continue
      this.entries.delete(e.id)
      // A transfer under way stops; its receive removes what it wrote, and that is waited for.
      if (e.state === 'receiving') {
        e.abort?.abort()
        await e.received
      } else await this.removeFiles(e.id)
    }
  }

  private async removeFiles(id: string): Promise<void> {
    await fs.promises.rm(confinedPath(this.dir, id), { recursive: true, force: true }).catch(() => undefined)
  }
}

function gigabytes(n: number): string {
  return `${Math.round(n / 1024 ** 3)} GB`
}
