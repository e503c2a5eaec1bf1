import { useSyncExternalStore } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { BackupInfo } from '../../../src-main/contract/backups'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'

// Every app's backups in one store, so a backup taken on an app's page, or
// deleted on the Backups screen, shows everywhere at once.

export interface BackupsState {
  loaded: boolean
  loading: boolean
  backups: readonly BackupInfo[]
  error?: ApiErrorBody
}

let state: BackupsState = { loaded: false, loading: false, backups: [] }
const listeners = new Set<() => void>()
let inFlight: Promise<void> | null = null

function set(next: BackupsState): void {
  state = next
  for (const l of listeners) l()
}

export function reloadBackups(): Promise<void> {
  if (inFlight) return inFlight
  set({ ...state, loading: true })
  inFlight = api.call('backups.list', {}).then(
    (backups) => {
      inFlight = null
      set({ loaded: true, loading: false, backups })
    },
    (err: unknown) => {
      inFlight = null
      set({ ...state, loaded: true, loading: false, error: errorBody(err) })
    }
  )
  return inFlight
}

export function forgetBackup(domain: string, id: string): void {
  set({ ...state, backups: state.backups.filter((b) => !(b.domain === domain && b.id === id)) })
}

// "Verify" updates one backup's mark without reloading the rest.
export function markVerified(domain: string, id: string, verified: boolean): void {
  set({
    ...state,
    backups: state.backups.map((b) => (b.domain === domain && b.id === id ? { ...b, verified, verifiedAt: new Date().toISOString() } : b))
  })
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

const snapshot = (): BackupsState => state

export function useBackups(): BackupsState {
  return useSyncExternalStore(subscribe, snapshot)
}

// The backup an app's page started, kept by domain so the page shows it again
// after the person went elsewhere and came back.
const started = new Map<string, string>()
export const rememberBackupJob = (domain: string, jobId: string): void => void started.set(domain, jobId)
export const backupJobOf = (domain: string): string | undefined => started.get(domain)
export const forgetBackupJob = (domain: string): void => void started.delete(domain)
