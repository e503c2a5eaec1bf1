// Open logs and terminals by id. Each holds a Docker connection (over SSH, a
// channel of the server's one link, and sshd allows only so many), so their
// number is capped. Every stream ends exactly once with a 'stream.end'.
import crypto from 'node:crypto'
import type { EventBus } from '../api/events'
import { ApiError } from '../contract/errors'
import { t } from '../i18n/i18n'

export const MAX_STREAMS = 16

export interface StreamHandle {
  kind: 'logs' | 'exec' | 'command'
  write?(data: string): void
  resize?(cols: number, rows: number): Promise<void>
  /** Ends the stream; resolves once it has ended. */
  stop(): Promise<void>
}

export interface StreamEnd {
  exitCode?: number
  error?: string
}

export class StreamRegistry {
  private open = new Map<string, StreamHandle | undefined>()

  constructor(
    private readonly events: EventBus,
    private readonly max = MAX_STREAMS
  ) {}

  /** Holds a place before the (slow) opening starts, so the cap holds under concurrent requests. */
  reserve(): string {
    if (this.open.size >= this.max) {
      throw new ApiError('too-many-streams', t('apps.logs.tooMany', { max: this.max }))
    }
    const id = crypto.randomBytes(12).toString('hex')
    this.open.set(id, undefined)
    return id
  }

  /** False when the place was given up meanwhile (closeAll): the caller must stop what it opened. */
  attach(id: string, handle: StreamHandle): boolean {
    if (!this.open.has(id)) return false
    this.open.set(id, handle)
    return true
  }

  /** Gives the place back when opening failed (no stream.end: it never started). */
  release(id: string): void {
    this.open.delete(id)
  }

  /** The stream has ended on its own or was stopped; tells the screens once. */
  finish(id: string, end: StreamEnd = {}): void {
    if (!this.open.has(id)) return
    this.open.delete(id)
    this.events.emit('stream.end', { streamId: id, ...end })
  }

  /** Whether the stream is open (attached) now. */
  has(id: string): boolean {
    return this.open.get(id) !== undefined
  }

  get(id: string): StreamHandle {
    const h = this.open.get(id)
    if (!h) throw new ApiError('stream-closed', t('apps.logs.closed'))
    return h
  }

  get size(): number {
    return this.open.size
  }

  async closeAll(): Promise<void> {
    const handles = [...this.open.entries()]
    await Promise.all(handles.map(async ([id, h]) => {
      await h?.stop().catch(() => undefined)
      this.finish(id)
    }))
  }
}
