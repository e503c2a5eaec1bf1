import type { Job } from '../contract/schemas'
import type { Core } from '../core/core'
import { CliError } from './errors'
import { t } from '../i18n/i18n'

// Follows a job the way the progress view does: each step as it starts, then
// its output. Listening starts before the job does, so no early line is lost.
export async function followJob(
  core: Core,
  start: () => Promise<{ jobId: string }>,
  opts: { hideLine?: (line: string) => boolean; failure: string }
): Promise<Job> {
  let step = -1
  let printed = 0
  let jobId: string | undefined
  const early: Job[] = []
  const show = (job: Job): void => {
    if (job.stepIndex !== step && job.stepIndex < job.stepCount) {
      step = job.stepIndex
      process.stderr.write(`${t('cli.jobs.step', { step: job.step, n: step + 1, count: job.stepCount })}\n`)
    }
    for (const line of job.log.slice(printed)) if (!opts.hideLine?.(line)) process.stderr.write(`    ${line}\n`)
    printed = job.log.length
  }
  const off = core.events.subscribe((event, payload) => {
    if (event !== 'job.update') return
    const job = payload as Job
    if (jobId === undefined) early.push(job)
    else if (job.id === jobId) show(job)
  })
  try {
    jobId = (await start()).jobId
    for (const job of early.filter((j) => j.id === jobId)) show(job)
    const job = await core.jobs.wait(jobId)
    show(job)
    if (job.status !== 'done') throw new CliError(job.error ?? { code: 'job-failed', message: opts.failure })
    return job
  } finally {
    off()
  }
}
