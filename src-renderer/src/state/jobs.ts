import { useSyncExternalStore } from 'react'
import type { Job } from '../../../src-main/contract'
import { api } from '../api/client'

// Jobs outlive the screen that started them, so they live in a module-level
// store fed by jobs.list once and job.update events after that.

let jobs: readonly Job[] = []
const listeners = new Set<() => void>()
let started = false

function emit(): void {
  for (const l of listeners) l()
}

function upsert(job: Job): void {
  const i = jobs.findIndex((j) => j.id === job.id)
  jobs = i === -1 ? [...jobs, job] : jobs.map((j) => (j.id === job.id ? job : j))
  emit()
}

// An event may arrive before the list does; events are newer, so keep them.
function merge(list: Job[]): void {
  const known = new Set(jobs.map((j) => j.id))
  const fresh = list.filter((j) => !known.has(j.id))
  if (fresh.length === 0) return
  jobs = [...jobs, ...fresh]
  emit()
}

export function refreshJobs(): void {
  api.call('jobs.list', {}).then(merge, () => {
    // The indicator is a convenience; the job view shows its own errors.
  })
}

function start(): void {
  if (started) return
  started = true
  api.on('job.update', upsert)
  refreshJobs()
}

function subscribe(cb: () => void): () => void {
  start()
  listeners.add(cb)
  return () => listeners.delete(cb)
}

const snapshot = (): readonly Job[] => jobs

export function useJobs(): readonly Job[] {
  return useSyncExternalStore(subscribe, snapshot)
}

export function useJob(id: string | undefined): Job | undefined {
  const all = useJobs()
  return id ? all.find((j) => j.id === id) : undefined
}

// Running first, then the newest; the sidebar shows only the top few.
export function sortJobs(list: readonly Job[]): Job[] {
  return [...list].sort((a, b) => {
    const ra = a.status === 'running' ? 0 : 1
    const rb = b.status === 'running' ? 0 : 1
    return ra - rb || b.startedAt - a.startedAt
  })
}
