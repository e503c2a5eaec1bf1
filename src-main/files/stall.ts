// A watchdog for bytes that stop moving. A transfer through Docker can hang
// with no error at all (a wedged engine, a dead link that TCP has not noticed
// yet): the stream is open and nothing comes. The watch's signal aborts when
// no byte went through its meter for `ms`, with a Stalled reason, so the
// pipelines and requests given that signal end and let go of what they hold.
import { Transform } from 'node:stream'

/** How long a transfer may move no bytes before it is stopped. */
export const STALL_MS = 60_000

export class Stalled extends Error {
  constructor(readonly ms: number) {
    super(`no bytes moved for ${Math.round(ms / 1000)} s`)
    this.name = 'Stalled'
  }
}

export interface StallWatch {
  /** Aborts when nothing moved for `ms` (reason: a Stalled), or when the parent signal does. */
  readonly signal: AbortSignal
  /** True once the watch, not the parent, stopped things. */
  readonly stalled: boolean
  /** Bytes moved: the wait starts again. */
  touch(): void
  /** A pass-through that touches on every chunk (and reports its size). */
  meter(onBytes?: (n: number) => void): Transform
  /** Stops watching (the timer goes); safe to call again. */
  stop(): void
}

export function watchStall(ms: number, parent?: AbortSignal): StallWatch {
  const own = new AbortController()
  let stopped = false
  const timer = setTimeout(() => {
    stopped = true
    own.abort(new Stalled(ms))
  }, ms)
  const stop = (): void => {
    stopped = true
    clearTimeout(timer)
    parent?.removeEventListener('abort', stop)
  }
  if (parent?.aborted) stop()
  else parent?.addEventListener('abort', stop, { once: true })
  const touch = (): void => {
    if (!stopped) timer.refresh()
  }
  return {
    signal: parent ? AbortSignal.any([parent, own.signal]) : own.signal,
    get stalled() {
      return own.signal.aborted
    },
    touch,
    meter: (onBytes) =>
      new Transform({
        transform(chunk: Buffer, _enc, cb) {
          touch()
          onBytes?.(chunk.length)
          cb(null, chunk)
        }
      }),
    stop
  }
}
