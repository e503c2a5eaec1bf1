import { useSyncExternalStore } from 'react'
import type { ApiErrorBody, ServerSummary } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'

// One shared list so the shell (first run or not), the Servers screen and the
// wizard never disagree; server.state events patch it live.

export interface ServersState {
  loaded: boolean
  servers: readonly ServerSummary[]
  error?: ApiErrorBody
}

let state: ServersState = { loaded: false, servers: [] }
const listeners = new Set<() => void>()
let started = false

function set(next: ServersState): void {
  state = next
  for (const l of listeners) l()
}

export function reloadServers(): Promise<void> {
  return api.call('servers.list', {}).then(
    (servers) => set({ loaded: true, servers }),
    (err: unknown) => set({ ...state, loaded: true, error: errorBody(err) })
  )
}

function start(): void {
  if (started) return
  started = true
  api.on('server.state', (e) => {
    if (!state.servers.some((s) => s.name === e.name)) return
    set({
      ...state,
      servers: state.servers.map((s) => (s.name === e.name ? { ...s, state: e.state, error: e.error } : s))
    })
  })
  void reloadServers()
}

function subscribe(cb: () => void): () => void {
  start()
  listeners.add(cb)
  return () => listeners.delete(cb)
}

const snapshot = (): ServersState => state

export function useServers(): ServersState {
  return useSyncExternalStore(subscribe, snapshot)
}
