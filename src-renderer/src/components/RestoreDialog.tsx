import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { AppDetail, DeployProgress } from '../../../src-main/contract/apps'
import type { BackupInfo } from '../../../src-main/contract/backups'
import type { z } from 'zod'
import { api } from '../api/client'
import { appStatus } from '../lib/appStatus'
import { backupDateText, bytesText } from '../lib/backups'
import { BackupJob } from '../screens/backups/BackupJob'
import { Busy } from './Busy'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { JobActions, StartActions } from './JobDialogActions'
import { ServiceList } from './ServiceList'
import { StatusBadge } from './StatusBadge'
import { useReturnFocus } from './returnFocus'
import { useRestoreJob, type RestoreJob } from './useRestoreJob'

type App = z.infer<typeof AppDetail>['app']

// Restoring writes over the app's data, so the dialog first says exactly what
// will be overwritten and what stops meanwhile, warns when the backup came
// from another version, and only then starts. The job runs in the dialog, and
// ends with the app's state: back and healthy, or what needs attention.
export function RestoreDialog({
  backup,
  server,
  open,
  onOpenChange
}: {
  backup: BackupInfo
  /** Where the app is now: the restore goes there. */
  server: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const { domain, id } = backup
  const [progress, setProgress] = useState<DeployProgress>()
  const readPlan = useCallback(() => api.call('backups.restorePlan', { domain, id, server }), [domain, id, server])
  const restore = useRestoreJob({ open, server, domain, readPlan, onOpenChange, onReset: () => setProgress(undefined) })
  const { plan, jobId, running, starting, startError } = restore

  // The restore brings the app back like a deploy does; if the core reports
  // that as deploy progress, the services show as they come up.
  useEffect(() => {
    if (!jobId) return
    return api.on('deploy.progress', (p) => {
      if (p.jobId === jobId) setProgress(p)
    })
  }, [jobId])

  const confirm = (): void => restore.start(() => api.call('backups.restore', { domain, id, server }))

  const when = backupDateText(backup.createdAt)
  const p = plan?.data
  return (
    <Dialog.Root open={open} onOpenChange={restore.change}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog dialog--wide" data-testid="restore-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title className="dialog__title">{t('backups.restore.title', { domain })}</Dialog.Title>
          <Dialog.Description className="dialog__text">
            {backup.version
              ? t('backups.restore.descriptionWithVersion', { when, version: backup.version, size: bytesText(backup.size), server })
              : t('backups.restore.description', { when, size: bytesText(backup.size), server })}
          </Dialog.Description>

          {!jobId && (
            <>
              {!plan && <Busy>{t('backups.restore.reading')}</Busy>}
              {plan?.error && <ErrorPanel error={plan.error} title={t('backups.restore.planError')} />}
              {p?.versionWarning && (
                <div className="panel panel--warn" role="alert" data-testid="restore-version-warning">
                  <div className="panel__head">
                    <Icon name="alert" className="panel__icon" />
                    <h3 className="panel__title">{t('backups.restore.otherVersion')}</h3>
                  </div>
                  <p>{p.versionWarning}</p>
                </div>
              )}
              {p && <RestoreWhat plan={p} when={when} testId="restore-overwrites" stopsTestId="restore-stops" />}
              {startError && <ErrorPanel error={startError} title={t('backups.restore.startError')} />}
              <StartActions starting={starting} disabled={!p} onStart={confirm} tone="danger" label={t('backups.restore.confirm')} startingLabel={t('backups.starting')} testId="restore-confirm" />
            </>
          )}

          {jobId && (
            <RestoreRun restore={restore} testId="restore-progress" title={t('backups.restore.jobTitle')} cancelTestId="restore-cancel">
              {running && progress && progress.services.length > 0 && <ServiceList services={progress.services} testIdPrefix="restore-service" />}
            </RestoreRun>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/** What a restore writes over and what stops meanwhile (a plan read before it starts). */
export function RestoreWhat({
  plan,
  when,
  testId,
  stopsTestId,
  children
}: {
  plan: { overwrites: string[]; stops: string[] }
  /** When the backup was made, in words. */
  when: string
  /** On the list of what is overwritten. */
  testId: string
  stopsTestId?: string
  /** Said after the rest. */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="restore__what">
      <h3 className="restore__heading">{t('backups.restore.overwritten')}</h3>
      <ul className="restore__list" data-testid={testId}>
        {plan.overwrites.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      <p>{t('backups.restore.lost', { when })}</p>
      {plan.stops.length > 0 && (
        <>
          <h3 className="restore__heading">{t('backups.restore.stopped')}</h3>
          <ul className="restore__list" data-testid={stopsTestId}>
            {plan.stops.map((s) => (
              <li key={s}>{t('backups.restore.service', { name: s })}</li>
            ))}
          </ul>
          <p>{t('backups.restore.stoppedText')}</p>
        </>
      )}
      {children}
    </div>
  )
}

/**
 * A restore as it runs, then the app's state once it has ended; `children`
 * stand between it and the buttons (Open the app, then Close, or Hide while
 * it runs).
 */
export function RestoreRun<P>({
  restore,
  testId,
  title,
  cancelTestId,
  closeTestId,
  children
}: {
  restore: RestoreJob<P>
  testId: string
  title: string
  cancelTestId: string
  closeTestId?: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const { job, ended, after } = restore
  return (
    <>
      <BackupJob job={job} testId={testId} title={title} cancelTestId={cancelTestId} doneTitle={t('backups.restore.doneTitle')} failedTitle={t('backups.restore.failedTitle')}>
        <AfterRestore app={after?.app} error={after?.error} loading={ended && !after} />
        {job?.status === 'failed' && <p>{t('backups.restore.failedText')}</p>}
      </BackupJob>
      {children}
      <JobActions closeLabel={ended ? t('common.actions.close') : t('backups.restore.hide')} closeTestId={closeTestId}>
        {ended && (
          <button type="button" className="btn btn--secondary" onClick={restore.openApp}>
            {t('backups.openApp')}
          </button>
        )}
      </JobActions>
    </>
  )
}

// Convergence, in the words the app pages use: is the app back and healthy?
export function AfterRestore({ app, error, loading }: { app?: App; error?: ApiErrorBody; loading: boolean }) {
  const { t } = useTranslation()
  if (loading) return <Busy>{t('backups.restore.checking')}</Busy>
  if (error) return <ErrorPanel error={error} title={t('backups.restore.stateError')} />
  if (!app) return null
  return (
    <div className="restore__after" data-testid="restore-result" data-health={app.health}>
      <StatusBadge status={appStatus(app)} />
      <span>{app.words}</span>
      {app.health !== 'running' && <p>{t('backups.restore.attention')}</p>}
    </div>
  )
}
