import { useEffect, useState } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { AppDetail, DeployProgress } from '../../../src-main/contract/apps'
import type { BackupInfo, RestorePlan } from '../../../src-main/contract/backups'
import type { z } from 'zod'
import { api } from '../api/client'
import { appStatus } from '../lib/appStatus'
import { backupDateText, bytesText } from '../lib/backups'
import { errorBody } from '../lib/errors'
import { useNavigate } from '../navigation'
import { BackupJob } from '../screens/backups/BackupJob'
import { reloadApps } from '../state/apps'
import { useJob } from '../state/jobs'
import { Busy } from './Busy'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { ServiceList } from './ServiceList'
import { StatusBadge } from './StatusBadge'
import { useReturnFocus } from './returnFocus'

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
  const navigate = useNavigate()
  const { domain, id } = backup
  const [plan, setPlan] = useState<{ data?: RestorePlan; error?: ApiErrorBody }>()
  const [starting, setStarting] = useState(false)
  const [startError, setStartError] = useState<ApiErrorBody>()
  const [jobId, setJobId] = useState<string>()
  const job = useJob(jobId)
  const [progress, setProgress] = useState<DeployProgress>()
  const [after, setAfter] = useState<{ app?: App; error?: ApiErrorBody }>()

  useEffect(() => {
    if (!open || jobId) return
    let live = true
    api.call('backups.restorePlan', { domain, id, server }).then(
      (data) => live && setPlan({ data }),
      (err: unknown) => live && setPlan({ error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [open, domain, id, server, jobId])

  // The restore brings the app back like a deploy does; if the core reports
  // that as deploy progress, the services show as they come up.
  useEffect(() => {
    if (!jobId) return
    return api.on('deploy.progress', (p) => {
      if (p.jobId === jobId) setProgress(p)
    })
  }, [jobId])

  const ended = job !== undefined && job.status !== 'running'
  useEffect(() => {
    if (!ended) return
    let live = true
    void reloadApps()
    api.call('apps.get', { server, domain }).then(
      (d) => live && setAfter({ app: d.app }),
      (err: unknown) => live && setAfter({ error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [ended, server, domain])

  const running = jobId !== undefined && !ended
  const change = (o: boolean): void => {
    if (starting) return
    onOpenChange(o)
    if (!o && !running) {
      setPlan(undefined)
      setStartError(undefined)
      setJobId(undefined)
      setProgress(undefined)
      setAfter(undefined)
    }
  }

  const confirm = (): void => {
    setStarting(true)
    setStartError(undefined)
    api.call('backups.restore', { domain, id, server }).then(
      (r) => {
        setStarting(false)
        setJobId(r.jobId)
      },
      (err: unknown) => {
        setStarting(false)
        setStartError(errorBody(err))
      }
    )
  }

  const when = backupDateText(backup.createdAt)
  const p = plan?.data
  return (
    <Dialog.Root open={open} onOpenChange={change}>
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
              {p && (
                <div className="restore__what">
                  <h3 className="restore__heading">{t('backups.restore.overwritten')}</h3>
                  <ul className="restore__list" data-testid="restore-overwrites">
                    {p.overwrites.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                  <p>{t('backups.restore.lost', { when })}</p>
                  {p.stops.length > 0 && (
                    <>
                      <h3 className="restore__heading">{t('backups.restore.stopped')}</h3>
                      <ul className="restore__list" data-testid="restore-stops">
                        {p.stops.map((s) => (
                          <li key={s}>{t('backups.restore.service', { name: s })}</li>
                        ))}
                      </ul>
                      <p>{t('backups.restore.stoppedText')}</p>
                    </>
                  )}
                </div>
              )}
              {startError && <ErrorPanel error={startError} title={t('backups.restore.startError')} />}
              <div className="actions actions--end">
                <Dialog.Close asChild>
                  <button type="button" className="btn btn--secondary" disabled={starting}>
                    {t('common.actions.cancel')}
                  </button>
                </Dialog.Close>
                <button type="button" className="btn btn--danger" onClick={confirm} disabled={starting || !p} data-testid="restore-confirm">
                  {starting ? t('backups.starting') : t('backups.restore.confirm')}
                </button>
              </div>
            </>
          )}

          {jobId && (
            <>
              <BackupJob
                job={job}
                testId="restore-progress"
                title={t('backups.restore.jobTitle')}
                cancelTestId="restore-cancel"
                doneTitle={t('backups.restore.doneTitle')}
                failedTitle={t('backups.restore.failedTitle')}
              >
                <AfterRestore app={after?.app} error={after?.error} loading={ended && !after} />
                {job?.status === 'failed' && (
                  <p>{t('backups.restore.failedText')}</p>
                )}
              </BackupJob>
              {running && progress && progress.services.length > 0 && <ServiceList services={progress.services} testIdPrefix="restore-service" />}
              <div className="actions actions--end">
                {ended && (
                  <button
                    type="button"
                    className="btn btn--secondary"
                    onClick={() => {
                      change(false)
                      navigate({ screen: 'app', server, domain })
                    }}
                  >
                    {t('backups.openApp')}
                  </button>
                )}
                <Dialog.Close asChild>
                  <button type="button" className="btn btn--primary">
                    {ended ? t('common.actions.close') : t('backups.restore.hide')}
                  </button>
                </Dialog.Close>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
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
