import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, Job } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { jobStepText } from '../lib/format'
import { jobStatus } from '../lib/status'
import { Busy } from './Busy'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { ShowDetails } from './ShowDetails'
import { StatusBadge } from './StatusBadge'

// With several steps the bar shows the whole job (finished steps plus the
// current one's share), so it never sits empty while work goes on.
function overallPercent(job: Job): number | undefined {
  if (job.stepCount <= 1) return job.percent
  return ((job.stepIndex + (job.percent ?? 0) / 100) / job.stepCount) * 100
}

// The one progress view for every long job (prepare now; deploy, backup and
// restore later). It only reads the job; the caller decides what happens after.
export function JobProgress({
  job,
  headingLevel = 2,
  showTitle = true
}: {
  job: Job | undefined
  headingLevel?: 2 | 3
  // Off when the page heading already names the job.
  showTitle?: boolean
}) {
  const { t } = useTranslation()
  const [cancelling, setCancelling] = useState(false)
  const [cancelError, setCancelError] = useState<ApiErrorBody>()

  if (!job) return <Busy>{t('common.starting')}</Busy>

  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const running = job.status === 'running'

  const cancel = (): void => {
    setCancelling(true)
    setCancelError(undefined)
    api.call('jobs.cancel', { jobId: job.id }).then(
      () => setCancelling(false),
      (err: unknown) => {
        setCancelling(false)
        setCancelError(errorBody(err))
      }
    )
  }

  return (
    <section className="job" data-testid={`job-${job.id}`} data-status={job.status} aria-labelledby={`job-title-${job.id}`}>
      <div className="job__head">
        <Heading className={showTitle ? 'job__title' : 'sr-only'} id={`job-title-${job.id}`}>
          {job.title}
        </Heading>
        <StatusBadge status={jobStatus(job.status)} />
      </div>

      {running && (
        <>
          <p className="job__step" aria-live="polite">
            <span className="job__step-words">{job.step}</span>
            {job.stepCount > 1 && <span className="job__step-count">{jobStepText(job)}</span>}
          </p>
          <ProgressBar percent={overallPercent(job)} label={t('jobs.progress', { title: job.title })} />
        </>
      )}

      {job.status === 'done' && (
        <p className="job__result job__result--ok" role="status">
          <Icon name="check" /> {t('jobs.finished')}
        </p>
      )}
      {job.status === 'cancelled' && (
        <p className="job__result" role="status">
          {t('jobs.cancelled')}
        </p>
      )}
      {/* The error's raw detail goes into the log below: one "Show details", not two. */}
      {job.status === 'failed' && job.error && (
        <ErrorPanel error={{ ...job.error, detail: undefined }} title={t('jobs.failedTitle', { title: job.title })} />
      )}
      {job.status === 'failed' && !job.error && <p className="job__result job__result--bad">{t('jobs.failed')}</p>}

      <JobLog lines={job.error?.detail ? [...job.log, job.error.detail] : job.log} />

      {running && (
        <div className="actions">
          <button type="button" className="btn btn--secondary" onClick={cancel} disabled={cancelling}>
            {cancelling ? t('jobs.cancelling') : t('common.actions.cancel')}
          </button>
        </div>
      )}
      {cancelError && <ErrorPanel error={cancelError} title={t('jobs.cancelError')} />}
    </section>
  )
}

export function ProgressBar({ percent, label }: { percent?: number; label: string }) {
  const { t } = useTranslation()
  const known = typeof percent === 'number' && Number.isFinite(percent)
  const value = known ? Math.max(0, Math.min(100, Math.round(percent))) : undefined
  return (
    <div
      className={`progress${known ? '' : ' progress--indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={known ? t('common.progressPercent', { value }) : t('common.progressWorking')}
    >
      <div className="progress__fill" style={known ? { width: `${value}%` } : undefined} />
    </div>
  )
}

// The log follows new lines while open, like a terminal would.
function JobLog({ lines }: { lines: string[] }) {
  const { t } = useTranslation()
  const pre = useRef<HTMLPreElement>(null)
  useEffect(() => {
    const el = pre.current
    if (el) el.scrollTop = el.scrollHeight
  }, [lines.length])
  if (lines.length === 0) return <ShowDetails text={t('jobs.nothingLogged')} />
  return (
    <details className="details">
      <summary>{t('common.actions.showDetails')}</summary>
      <pre className="details__text details__text--log" ref={pre} tabIndex={0} aria-label={t('jobs.log')}>
        {lines.join('\n')}
      </pre>
    </details>
  )
}
