import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, Job } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { ProgressBar } from '../../components/JobProgress'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { jobStepText } from '../../lib/format'
import { jobStatus } from '../../lib/status'
import '../../styles/backups.css'

// A backup, restore or move as it runs: the step in words (the core puts the
// bytes copied and the rate there), a bar for that step when its size is
// known (the copy: the bar and the bytes agree), Cancel, and at the end one plain
// sentence with what to do next. The caller passes that sentence and buttons.
export function BackupJob({
  job,
  testId,
  cancelTestId,
  canCancel = true,
  doneTitle,
  failedTitle,
  title,
  children
}: {
  job: Job | undefined
  /** Instead of the job's own title, where the screen around it already says which app and backup. */
  title?: string
  testId: string
  cancelTestId?: string
  canCancel?: boolean
  doneTitle: string
  failedTitle: string
  /** Shown once the job has ended: the result and the next step. */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const [cancelling, setCancelling] = useState(false)
  const [cancelError, setCancelError] = useState<ApiErrorBody>()

  if (!job) {
    return (
      <section className="job backup-job" data-testid={testId} data-status="running">
        <Busy>{t('backups.starting')}</Busy>
      </section>
    )
  }

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
    <section className="job backup-job" data-testid={testId} data-status={job.status} aria-labelledby={`job-title-${job.id}`}>
      <div className="job__head">
        <h3 className="job__title" id={`job-title-${job.id}`}>
          {title ?? job.title}
        </h3>
        <StatusBadge status={jobStatus(job.status)} />
      </div>

      {running && (
        <>
          <p className="job__step" aria-live="polite">
            <span className="job__step-words" data-testid={`${testId}-step`}>
              {job.step}
            </span>
            {job.stepCount > 1 && <span className="job__step-count">{jobStepText(job)}</span>}
          </p>
          <ProgressBar percent={job.percent} label={t('backups.job.progress', { title: title ?? job.title })} />
        </>
      )}

      {job.status === 'done' && (
        <div className="panel panel--ok" role="status">
          <div className="panel__head">
            <Icon name="check" className="panel__icon" />
            <h4 className="panel__title">{doneTitle}</h4>
          </div>
          {children}
        </div>
      )}
      {job.status === 'cancelled' && (
        <div className="panel panel--warn" role="status">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h4 className="panel__title">{t('backups.job.cancelled')}</h4>
          </div>
          <p>{t('backups.job.cancelledText')}</p>
          {children}
        </div>
      )}
      {job.status === 'failed' && (
        <>
          <ErrorPanel
            error={job.error ? { ...job.error, detail: undefined } : { code: 'failed', message: t('backups.job.failedUnknown') }}
            title={failedTitle}
          />
          {children}
        </>
      )}

      <JobLog lines={job.error?.detail ? [...job.log, job.error.detail] : job.log} />

      {running && canCancel && (
        <div className="actions">
          <button type="button" className="btn btn--secondary" onClick={cancel} disabled={cancelling} data-testid={cancelTestId}>
            {cancelling ? t('backups.job.cancelling') : t('common.actions.cancel')}
          </button>
        </div>
      )}
      {cancelError && <ErrorPanel error={cancelError} title={t('backups.job.cancelError')} />}
    </section>
  )
}

function JobLog({ lines }: { lines: string[] }) {
  const { t } = useTranslation()
  const pre = useRef<HTMLPreElement>(null)
  useEffect(() => {
    const el = pre.current
    if (el) el.scrollTop = el.scrollHeight
  }, [lines.length])
  return (
    <details className="details">
      <summary>{t('common.actions.showDetails')}</summary>
      <pre className="details__text details__text--log" ref={pre} tabIndex={0} aria-label={t('backups.job.log')}>
        {lines.length > 0 ? lines.join('\n') : t('backups.job.noLog')}
      </pre>
    </details>
  )
}
