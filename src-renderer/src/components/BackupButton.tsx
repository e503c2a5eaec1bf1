import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { BackupPlan } from '../../../src-main/contract/backups'
import { api } from '../api/client'
import { buttonClass } from '../lib/appActions'
import { backupDateText, isBackupJob, jobOfApp, verifiedStatus } from '../lib/backups'
import { errorBody } from '../lib/errors'
import { useNavigate } from '../navigation'
import { BackupJob } from '../screens/backups/BackupJob'
import { backupJobOf, forgetBackupJob, reloadBackups, rememberBackupJob, useBackups } from '../state/backups'
import { useJob, useJobs } from '../state/jobs'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { StatusBadge } from './StatusBadge'

// The app page's "Backup" button: one click takes a backup, checks it and
// keeps it on this computer. A recipe without backup labels gets a plain
// explanation instead, never a silent empty backup. `children` are the other
// buttons of the same row (the Backups link, Move).
export function BackupButton({
  server,
  domain,
  locked = false,
  primary = true,
  children
}: {
  server: string
  domain: string
  locked?: boolean
  /** The app's main action (lib/appActions.ts); not when it must be deployed or fixed first. */
  primary?: boolean
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [plan, setPlan] = useState<BackupPlan>()
  const [starting, setStarting] = useState(false)
  const [startError, setStartError] = useState<ApiErrorBody>()
  const [jobId, setJobId] = useState(() => backupJobOf(domain))
  const explanationRef = useRef<HTMLDivElement>(null)
  const jobs = useJobs()
  // A backup started elsewhere (the command line, an earlier visit) shows too.
  const earlier = jobOfApp(jobs, domain, (j) => isBackupJob(j) && j.status === 'running')?.id
  const shownId = jobId ?? earlier
  const job = useJob(shownId)
  const running = job?.status === 'running' || (shownId !== undefined && !job)
  const { backups, loaded, error: listError } = useBackups()
  const newest = backups.filter((b) => b.domain === domain).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]

  useEffect(() => {
    let live = true
    api.call('backups.plan', { server, domain }).then(
      (p) => live && setPlan(p),
      // Without a plan the button still works: the backup itself says what is wrong.
      () => {}
    )
    if (!loaded) void reloadBackups()
    return () => {
      live = false
    }
  }, [server, domain, loaded])

  // Held on to, so its result stays on the page once it ends.
  if (!jobId && earlier) setJobId(earlier)

  const ended = job !== undefined && job.status !== 'running'
  useEffect(() => {
    if (ended) void reloadBackups()
  }, [ended])

  const explanation = plan?.explanation
  const start = (): void => {
    if (explanation) {
      explanationRef.current?.focus()
      return
    }
    setStarting(true)
    setStartError(undefined)
    api.call('backups.create', { server, domain }).then(
      ({ jobId: id }) => {
        setStarting(false)
        rememberBackupJob(domain, id)
        setJobId(id)
      },
      (err: unknown) => {
        setStarting(false)
        setStartError(errorBody(err))
      }
    )
  }
  const close = (): void => {
    forgetBackupJob(domain)
    setJobId(undefined)
  }
  const openList = (): void => navigate({ screen: 'backups', domain })

  return (
    <div className="backup-box">
      <div className="actions">
        <button
          type="button"
          className={buttonClass(primary)}
          onClick={start}
          disabled={starting || running || locked}
          aria-disabled={explanation ? true : undefined}
          aria-describedby={explanation ? 'backup-explanation' : undefined}
          data-testid="backup-button"
        >
          <Icon name="backups" /> {starting ? t('backups.starting') : running ? t('backups.button.backingUp') : t('backups.button.backup')}
        </button>
        {children}
      </div>

      {explanation && (
        <div className="panel panel--info" id="backup-explanation" ref={explanationRef} tabIndex={-1} data-testid="backup-explanation" role="note">
          <div className="panel__head">
            <Icon name="info" className="panel__icon" />
            <h3 className="panel__title">{t('backups.button.nothingTitle')}</h3>
          </div>
          <p>{explanation}</p>
        </div>
      )}

      {!explanation && !shownId && (
        <p className="muted backup-box__last" data-testid="backup-last">
          {newest ? (
            <>
              {t('backups.button.last', { when: backupDateText(newest.createdAt) })} <StatusBadge status={verifiedStatus(newest)} />
            </>
          ) : loaded && !listError ? (
            t('backups.button.none')
          ) : null}
        </p>
      )}

      {startError && <ErrorPanel error={startError} title={t('backups.button.startError')} />}

      {shownId && (
        <BackupJob job={job} testId="backup-progress" cancelTestId="backup-cancel" doneTitle={t('backups.button.doneTitle')} failedTitle={t('backups.button.failedTitle')}>
          {job?.status === 'done' && <p>{t('backups.button.doneText')}</p>}
          {job?.status === 'failed' && <p>{t('backups.button.failedText')}</p>}
          <div className="actions">
            {job?.status === 'done' && (
              <button type="button" className="btn btn--primary" onClick={openList} data-testid="backup-open-list">
                {t('backups.button.seeList', { domain })}
              </button>
            )}
            {job?.status === 'failed' && (
              <button type="button" className="btn btn--primary" onClick={start} disabled={starting}>
                {t('common.actions.tryAgain')}
              </button>
            )}
            {ended && (
              <button type="button" className="btn btn--secondary" onClick={close}>
                {t('common.actions.close')}
              </button>
            )}
          </div>
        </BackupJob>
      )}
    </div>
  )
}
