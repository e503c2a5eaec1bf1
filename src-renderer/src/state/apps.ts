import { useEffect, useSyncExternalStore } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { AppSummary } from '../../../src-main/contract/apps'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'

// The apps of every server, shared by the Apps list and the app screens so a
// deploy or removal shows everywhere at once.

export interface ServerReach {
  name: string
  ok: boolean
  error?: string
}

export interface AppsState {
  loaded: boolean
  loading: boolean
  apps: readonly AppSummary[]
  servers: readonly ServerReach[]
  error?: ApiErrorBody
}

let state: AppsState = { loaded: false, loading: false, apps: [], servers: [] }
const listeners = new Set<() => void>()
let inFlight: Promise<void> | null = null

function set(next: AppsState): void {
  state = next
  for (const l of listeners) l()
}

export function reloadApps(): Promise<void> {
  if (inFlight) return inFlight
  set({ ...state, loading: true })
  inFlight = api.call('apps.list', {}).then(
    (list) => {
      inFlight = null
      set({ loaded: true, loading: false, apps: list.apps, servers: list.servers })
    },
    (err: unknown) => {
      inFlight = null
      set({ ...state, loaded: true, loading: false, error: errorBody(err) })
    }
  )
  return inFlight
}

// The list is dropped from the store at once, before the next refresh says so.
export function forgetApp(server: string, domain: string): void {
  set({ ...state, apps: state.apps.filter((a) => !(a.server === server && a.domain === domain)) })
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

const snapshot = (): AppsState => state

export function useApps(): AppsState {
  return useSyncExternalStore(subscribe, snapshot)
}

export const REFRESH_MS = 10_000

// Calls `refresh` now, every `ms` while the page is visible, and whenever the
// window gets focus back (the person may have used abra meanwhile).
export function useRefresh(refresh: () => void, ms: number = REFRESH_MS): void {
  useEffect(() => {
    refresh()
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh()
    }, ms)
    const onFocus = (): void => refresh()
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') refresh()
    }
    window.addEventListener('focus', onFocus)
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', onFocus)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [refresh, ms])
}

export interface StreamHandlers {
  onData(data: string, service?: string): void
  onEnd(end: { exitCode?: number; error?: string }): void
  onError(error: ApiErrorBody): void
  onStarted?(streamId: string): void
}

export interface StreamHandle {
  /** Undefined until the core has answered. */
  id(): string | undefined
  stop(): void
}

// Logs and terminals: the core's events can arrive before its answer says
// which stream is ours, so they wait in a queue until the id is known.
export function openStream(start: () => Promise<{ streamId: string }>, h: StreamHandlers): StreamHandle {
  let streamId: string | undefined
  let stopped = false
  const early: Array<{ kind: 'data'; data: string; service?: string } | { kind: 'end'; exitCode?: number; error?: string; id: string }> = []
  const earlyIds: string[] = []

  const offData = api.on('stream.data', (e) => {
    if (stopped) return
    if (streamId === undefined) {
      earlyIds.push(e.streamId)
      early.push({ kind: 'data', data: e.data, service: e.service })
      return
    }
    if (e.streamId === streamId) h.onData(e.data, e.service)
  })
  const offEnd = api.on('stream.end', (e) => {
    if (stopped) return
    if (streamId === undefined) {
      earlyIds.push(e.streamId)
      early.push({ kind: 'end', exitCode: e.exitCode, error: e.error, id: e.streamId })
      return
    }
    if (e.streamId === streamId) finish({ exitCode: e.exitCode, error: e.error })
  })

  const unhook = (): void => {
    offData()
    offEnd()
  }
  const finish = (end: { exitCode?: number; error?: string }): void => {
    unhook()
    stopped = true
    h.onEnd(end)
  }

  start().then(
    (r) => {
      if (stopped) {
        // Left before the core answered: close what it opened for us.
        void api.call('streams.stop', { streamId: r.streamId }).catch(() => {})
        return
      }
      streamId = r.streamId
      h.onStarted?.(r.streamId)
      early.forEach((ev, i) => {
        if (earlyIds[i] !== r.streamId || stopped) return
        if (ev.kind === 'data') h.onData(ev.data, ev.service)
        else finish({ exitCode: ev.exitCode, error: ev.error })
      })
      early.length = 0
    },
    (err: unknown) => {
      if (stopped) return
      unhook()
      stopped = true
      h.onError(errorBody(err))
    }
  )

  return {
    id: () => streamId,
    stop() {
      if (stopped) return
      stopped = true
      unhook()
      if (streamId) void api.call('streams.stop', { streamId }).catch(() => {})
    }
  }
}
