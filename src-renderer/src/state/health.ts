import { useSyncExternalStore } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { HealthReport } from '../../../src-main/contract/health'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'

// What needs attention, shared by the sidebar's count and the Health screen:
// one health.get, then every health.changed the core's monitor sends. The
// sidebar starts it only once the first screen is drawn (Sidebar.tsx).

export interface HealthState {
  loaded: boolean
  report?: HealthReport
  error?: ApiErrorBody
}

let state: HealthState = { loaded: false }
const listeners = new Set<() => void>()
let started = false
// An event may arrive before health.get's answer; events are newer, so they win.
let heard = false

function set(next: HealthState): void {
  state = next
  for (const l of listeners) l()
}

export function reloadHealth(): Promise<void> {
  return api.call('health.get', {}).then(
    (report) => {
      if (!heard) set({ loaded: true, report })
    },
    (err: unknown) => set({ ...state, loaded: true, error: errorBody(err) })
  )
}

function start(): void {
  if (started) return
  started = true
  api.on('health.changed', (report) => {
    heard = true
    set({ loaded: true, report })
  })
  void reloadHealth()
}

function subscribe(cb: () => void): () => void {
  start()
  listeners.add(cb)
  return () => listeners.delete(cb)
}

const snapshot = (): HealthState => state

export function useHealth(): HealthState {
  return useSyncExternalStore(subscribe, snapshot)
}

/** What the sidebar counts: the urgent items and those that need attention, not the good-to-know ones. */
export function attentionCount(report: HealthReport | undefined): number {
  return report?.items.filter((i) => i.severity === 'critical' || i.severity === 'warning').length ?? 0
}
