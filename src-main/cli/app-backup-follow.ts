import type { Job } from '../contract/schemas'
import type { Core } from '../core/core'
import { CliError } from './errors'
import { t } from '../i18n/i18n'
import { followJob } from './jobs'

/**
 * followJob, plus what a long copy needs on a terminal: a percent line that
 * redraws in place, and Ctrl-C cancelling the job instead of killing the
 * process, so the core still runs the post-hooks and leaves no half-written
 * archive behind.
 */
export async function followLongJob(core: Core, start: () => Promise<{ jobId: string }>, words: { failure: string; cancelled: string }): Promise<Job> {
  const tty = Boolean(process.stderr.isTTY)
  let jobId: string | undefined
  let drawn = false
  const clear = (): void => {
    if (drawn) process.stderr.write('\r\x1b[K')
    drawn = false
  }
  // Subscribed before followJob, so the line is cleared before it prints and
  // redrawn after, once the event has been handled.
  const off = core.events.subscribe((event, payload) => {
    if (!tty || event !== 'job.update') return
    const job = payload as Job
    if (job.id !== jobId) return
    clear()
    if (job.status === 'running' && job.percent !== undefined) {
      // The step's words carry the live bytes and rate ("12 MB of 157 MB (20 MB/s)").
      const line = `    ${bar(job.percent)}  ${job.step}`
      queueMicrotask(() => {
        // Never wider than the terminal: a wrapped line can't be redrawn in place.
        process.stderr.write(line.slice(0, Math.max(20, (process.stderr.columns || 80) - 1)))
        drawn = true
      })
    }
  })
  let cancelling = false
  const onInterrupt = (): void => {
    if (jobId === undefined || cancelling) process.exit(130)
    cancelling = true
    clear()
    process.stderr.write(`${t('cli.backup.cancelling')}\n`)
    try {
      core.jobs.cancel(jobId)
    } catch {
      // The job ended meanwhile; followJob reports how.
    }
  }
  process.on('SIGINT', onInterrupt)
  try {
    return await followJob(
      core,
      async () => {
        const started = await start()
        jobId = started.jobId
        return started
      },
      { failure: words.failure }
    )
  } catch (err) {
    if (cancelling && core.jobs.get(jobId!)?.status === 'cancelled') throw new CliError({ code: 'cancelled', message: words.cancelled })
    throw err
  } finally {
    clear()
    off()
    process.off('SIGINT', onInterrupt)
  }
}

function bar(percent: number): string {
  const p = Math.max(0, Math.min(100, percent))
  const filled = Math.round(p / 5)
  return `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${p.toFixed(0)}%`
}

// Decimal units, as file managers show them to people.
export function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['kB', 'MB', 'GB', 'TB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${units[unit]}`
}

// UTC and to the minute: the same on every machine, and enough to tell backups apart by eye.
export function when(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
