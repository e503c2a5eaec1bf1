import { useEffect, useState } from 'react'
import { Dialog } from 'radix-ui'
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
          <Dialog.Title className="dialog__title">Restore {domain}</Dialog.Title>
          <Dialog.Description className="dialog__text">
            Puts back the data from the backup of {when}
            {backup.version ? ` (version ${backup.version})` : ''}, {bytesText(backup.size)}, into the app on {server}.
          </Dialog.Description>

          {!jobId && (
            <>
              {!plan && <Busy>Reading the backup and the app…</Busy>}
              {plan?.error && <ErrorPanel error={plan.error} title="This backup can’t be restored" />}
              {p?.versionWarning && (
                <div className="panel panel--warn" role="alert" data-testid="restore-version-warning">
                  <div className="panel__head">
                    <Icon name="alert" className="panel__icon" />
                    <h3 className="panel__title">The backup is from another version</h3>
                  </div>
                  <p>{p.versionWarning}</p>
                </div>
              )}
              {p && (
                <div className="restore__what">
                  <h3 className="restore__heading">This will be overwritten</h3>
                  <ul className="restore__list" data-testid="restore-overwrites">
                    {p.overwrites.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                  <p>Anything changed in it since {when} is lost. To keep it, take a backup first.</p>
                  {p.stops.length > 0 && (
                    <>
                      <h3 className="restore__heading">Stopped while the data is written back</h3>
                      <ul className="restore__list" data-testid="restore-stops">
                        {p.stops.map((s) => (
                          <li key={s}>The service {s}</li>
                        ))}
                      </ul>
                      <p>People can’t use the app during the restore. It is started again afterwards.</p>
                    </>
                  )}
                </div>
              )}
              {startError && <ErrorPanel error={startError} title="The restore could not start" />}
              <div className="actions actions--end">
                <Dialog.Close asChild>
                  <button type="button" className="btn btn--secondary" disabled={starting}>
                    Cancel
                  </button>
                </Dialog.Close>
                <button type="button" className="btn btn--danger" onClick={confirm} disabled={starting || !p} data-testid="restore-confirm">
                  {starting ? 'Starting…' : 'Restore and overwrite'}
                </button>
              </div>
            </>
          )}

          {jobId && (
            <>
              <BackupJob
                job={job}
                testId="restore-progress"
                title="Restoring the data"
                cancelTestId="restore-cancel"
                doneTitle="The data is back"
                failedTitle="The restore failed"
              >
                <AfterRestore app={after?.app} error={after?.error} loading={ended && !after} />
                {job?.status === 'failed' && (
                  <p>Look at the app’s page to see what state it is in. The backup itself is unchanged and can be restored again.</p>
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
                    Open the app
                  </button>
                )}
                <Dialog.Close asChild>
                  <button type="button" className="btn btn--primary">
                    {ended ? 'Close' : 'Hide (it keeps going)'}
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
function AfterRestore({ app, error, loading }: { app?: App; error?: ApiErrorBody; loading: boolean }) {
  if (loading) return <Busy>Checking the app…</Busy>
  if (error) return <ErrorPanel error={error} title="The app’s state could not be read" />
  if (!app) return null
  return (
    <div className="restore__after" data-testid="restore-result" data-health={app.health}>
      <StatusBadge status={appStatus(app)} />
      <span>{app.words}</span>
      {app.health !== 'running' && <p>Open the app to see what needs attention; its logs often say why.</p>}
    </div>
  )
}
