import { aborted, untilAborted } from '../ssh/abort'
import type { ServerConn } from './connections'

// How Health reaches a server. A round asks each server three things at once
// (its apps, its disk and memory, its swarm): they share one open and one
// wait for the connection, and a later round joins a wait still under way
// instead of adding its own, so a server that doesn't answer holds one wait,
// not three more every round. Each caller stops waiting as soon as its
// signal aborts (the monitor gave up on that server at its time limit); the
// shared wait itself is released once nobody waits on it any more. A caller
// without a signal keeps it until it settles (at most the link's own bound).
export interface SharedReady {
  /**
   * The server's connection, whose ready() is the shared wait (with the
   * caller's signal): what a round's questions use.
   */
  open(name: string, signal?: AbortSignal): Promise<ServerConn>
}

interface Wait {
  done: Promise<void>
  release: AbortController
  /** Callers waiting with a signal; Infinity once one waits without. */
  holders: number
}

export function sharedReady(open: (name: string) => Promise<ServerConn>): SharedReady {
  const opening = new Map<string, Promise<ServerConn>>()
  const waits = new WeakMap<ServerConn, Wait>()

  const openOnce = (name: string): Promise<ServerConn> => {
    let p = opening.get(name)
    if (!p) {
      p = open(name)
      opening.set(name, p)
      const done = (): void => {
        if (opening.get(name) === p) opening.delete(name)
      }
      p.then(done, done)
    }
    return p
  }

  const ready = async (conn: ServerConn, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw aborted(signal)
    let wait = waits.get(conn)
    if (!wait) {
      const release = new AbortController()
      const w: Wait = { done: conn.ready(release.signal), release, holders: 0 }
      const clear = (): void => {
        if (waits.get(conn) === w) waits.delete(conn)
      }
      w.done.then(clear, clear)
      waits.set(conn, (wait = w))
    }
    if (!signal) {
      wait.holders = Infinity
      return wait.done
    }
    const w = wait
    w.holders++
    try {
      await untilAborted(w.done, signal)
    } finally {
      // The last one waiting gave up: nobody needs the wait any more.
      if (--w.holders === 0) {
        if (waits.get(conn) === w) waits.delete(conn)
        w.release.abort(new Error('Nobody waits for this connection any more'))
      }
    }
  }

  return {
    async open(name, signal) {
      const conn = await untilAborted(openOnce(name), signal)
      return { ...conn, ready: (own?: AbortSignal) => ready(conn, own ?? signal) }
    }
  }
}
