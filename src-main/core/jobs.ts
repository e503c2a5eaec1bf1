import crypto from 'node:crypto'
import type { EventBus } from '../api/events'
import { ApiError, toErrorBody } from '../contract/errors'
import { t } from '../i18n/i18n'
import type { Job } from '../contract/schemas'

// Long work runs as a job so it survives the screen that started it: the
// renderer can leave and come back through jobs.list and job.update events.

export interface JobContext {
  step(index: number, words?: string): void
  log(text: string): void
  percent(value: number | undefined): void
  signal: AbortSignal
}

const MAX_LOG_LINES = 2000
// Finished jobs stay listed so a screen opened later can still show how they
// ended; only the most recent ones, or the map would grow for as long as the
// app runs. Running jobs are never dropped.
export const MAX_FINISHED_JOBS = 100

export class Jobs {
  private jobs = new Map<string, { job: Job; abort: AbortController }>()

  constructor(
    private events: EventBus,
    private maxFinished = MAX_FINISHED_JOBS
  ) {}

  start(spec: { kind: string; title: string; target: string; steps: string[]; app?: { server: string; domain: string } }, run: (ctx: JobContext) => Promise<void>): Job {
    const job: Job = {
      id: crypto.randomUUID(),
      kind: spec.kind,
      title: spec.title,
      target: spec.target,
      ...(spec.app ? { app: spec.app } : {}),
      status: 'running',
      step: spec.steps[0] ?? '',
      stepIndex: 0,
      stepCount: spec.steps.length,
      log: [],
      startedAt: Date.now()
    }
    const abort = new AbortController()
    this.jobs.set(job.id, { job, abort })
    const publish = (): void => this.events.emit('job.update', { ...job, log: [...job.log] })
    let partial = ''
    const ctx: JobContext = {
      signal: abort.signal,
      step: (index, words) => {
        job.stepIndex = index
        job.step = words ?? spec.steps[index] ?? job.step
        job.percent = undefined
        publish()
      },
      log: (text) => {
        const lines = (partial + text).split(/\r?\n/)
        partial = lines.pop() ?? ''
        if (lines.length === 0) return
        job.log.push(...lines)
        if (job.log.length > MAX_LOG_LINES) job.log.splice(0, job.log.length - MAX_LOG_LINES)
        publish()
      },
      percent: (value) => {
        job.percent = value
        publish()
      }
    }
    publish()
    void run(ctx).then(
      () => {
        if (partial) job.log.push(partial)
        job.status = abort.signal.aborted ? 'cancelled' : 'done'
        job.stepIndex = job.stepCount
        job.endedAt = Date.now()
        publish()
        this.prune()
      },
      (err: unknown) => {
        if (partial) job.log.push(partial)
        job.status = abort.signal.aborted ? 'cancelled' : 'failed'
        job.error = abort.signal.aborted ? undefined : toErrorBody(err, `job ${spec.kind}`)
        job.endedAt = Date.now()
        publish()
        this.prune()
      }
    )
    return { ...job, log: [...job.log] }
  }

  /** Forgets the oldest finished jobs beyond the limit. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter(({ job }) => job.status !== 'running')
    if (finished.length <= this.maxFinished) return
    finished.sort((a, b) => (a.job.endedAt ?? 0) - (b.job.endedAt ?? 0))
    for (const { job } of finished.slice(0, finished.length - this.maxFinished)) this.jobs.delete(job.id)
  }

  list(): Job[] {
    return [...this.jobs.values()].map(({ job }) => ({ ...job, log: [...job.log] }))
  }

  get(id: string): Job | undefined {
    const j = this.jobs.get(id)?.job
    return j && { ...j, log: [...j.log] }
  }

  cancel(id: string): void {
    const entry = this.jobs.get(id)
    if (!entry) throw new ApiError('not-found', t('core.jobs.unknown'))
    if (entry.job.status === 'running') entry.abort.abort()
  }

  // Resolves when the job ends; for the CLI, tests and the team's commit after a job. `signal` stops the wait (it rejects).
  wait(id: string, signal?: AbortSignal): Promise<Job> {
    return new Promise((resolve, reject) => {
      if (!this.jobs.has(id)) return reject(new ApiError('not-found', t('core.jobs.unknownLongAgo')))
      if (signal?.aborted) return reject(signal.reason)
      const check = (): boolean => {
        const j = this.get(id)
        if (j && j.status !== 'running') {
          resolve(j)
          return true
        }
        return false
      }
      if (check()) return
      const stop = (): void => {
        off()
        reject(signal?.reason)
      }
      const off = this.events.subscribe((name) => {
        if (name === 'job.update' && check()) {
          off()
          signal?.removeEventListener('abort', stop)
        }
      })
      signal?.addEventListener('abort', stop, { once: true })
    })
  }
}
