import { useState } from 'react'
import type { ApiErrorBody, Job } from '../../../src-main/contract'
import { errorBody } from '../lib/errors'
import { useJob } from '../state/jobs'

export interface StartedJob {
  /** The call that starts the job is under way. */
  starting: boolean
  /** Why the job could not start. */
  startError?: ApiErrorBody
  jobId?: string
  /** The job as the jobs store has it (undefined until the store has heard of it). */
  job?: Job
  /** It has ended: done, failed or cancelled. */
  ended: boolean
  /** Started and not ended yet. */
  running: boolean
  /**
   * Calls the core method that starts the job; `started` sees its whole
   * answer (a recovery kit, say) just before the job is shown.
   */
  start<R extends { jobId: string }>(call: () => Promise<R>, started?: (r: R) => void): void
  /** Back to before the start: no job, no start error. */
  reset(): void
}

// A dialog that starts a job in the core and then shows it (a restore, a
// move, the nightly backups' setup): the call, its error, and the job it
// started, read from the jobs store.
export function useStartJob(): StartedJob {
  const [starting, setStarting] = useState(false)
  const [startError, setStartError] = useState<ApiErrorBody>()
  const [jobId, setJobId] = useState<string>()
  const job = useJob(jobId)
  const ended = job !== undefined && job.status !== 'running'
  return {
    starting,
    startError,
    jobId,
    job,
    ended,
    running: jobId !== undefined && !ended,
    start(call, started) {
      setStarting(true)
      setStartError(undefined)
      call().then(
        (r) => {
          setStarting(false)
          started?.(r)
          setJobId(r.jobId)
        },
        (err: unknown) => {
          setStarting(false)
          setStartError(errorBody(err))
        }
      )
    },
    reset() {
      setStartError(undefined)
      setJobId(undefined)
    }
  }
}
