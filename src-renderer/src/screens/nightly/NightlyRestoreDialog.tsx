import { useEffect, useState } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { AppDetail } from '../../../../src-main/contract/apps'
import type { NightlySnapshot } from '../../../../src-main/contract/nightly'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { DialogBackdrop } from '../../components/DialogBackdrop'
import { ErrorPanel } from '../../components/ErrorPanel'
import { AfterRestore } from '../../components/RestoreDialog'
import { TypeToConfirm, typedMatches } from '../../components/TypeToConfirm'
import { useReturnFocus } from '../../components/returnFocus'
import { backupDateText } from '../../lib/backups'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'
import { reloadApps } from '../../state/apps'
import { useJob } from '../../state/jobs'
import { BackupJob } from '../backups/BackupJob'

type App = z.infer<typeof AppDetail>['app']
type Snapshot = z.infer<typeof NightlySnapshot>
type Plan = { overwrites: string[]; stops: string[] }

// Restoring an app from a nightly snapshot writes over its data: the dialog
// says what is overwritten and what stops (nightly.restorePlan), asks for
// the app's domain typed, then runs nightly.restore with its progress and
// ends with the app's state.
export function NightlyRestoreDialog({
  server,
  domain,
  snapshot,
  open,
  onOpenChange
}: {
  server: string
  domain: string
  snapshot: Snapshot
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const navigate = useNavigate()
  const [plan, setPlan] = useState<{ data?: Plan; error?: ApiErrorBody }>()
  const [typed, setTyped] = useState('')
  const [starting, setStarting] = useState(false)
  const [startError, setStartError] = useState<ApiErrorBody>()
  const [jobId, setJobId] = useState<string>()
  const job = useJob(jobId)
  const [after, setAfter] = useState<{ app?: App; error?: ApiErrorBody }>()

  useEffect(() => {
    if (!open || jobId) return
    let live = true
    api.call('nightly.restorePlan', { server, domain, snapshot: snapshot.id }).then(
      (r) => live && setPlan({ data: { overwrites: r.overwrites, stops: r.stops } }),
      (err: unknown) => live && setPlan({ error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [open, server, domain, snapshot.id, jobId])

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
      setTyped('')
      setStartError(undefined)
      setJobId(undefined)
      setAfter(undefined)
    }
  }

  const matches = typedMatches(typed, domain)
  const confirm = (): void => {
    if (!matches || !plan?.data || starting) return
    setStarting(true)
    setStartError(undefined)
    api.call('nightly.restore', { server, domain, snapshot: snapshot.id, confirm: domain }).then(
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

  const when = backupDateText(snapshot.time)
  const p = plan?.data
  return (
    <Dialog.Root open={open} onOpenChange={change}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog dialog--wide" data-testid="nightly-restore-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title className="dialog__title">{t('nightly.restore.title', { domain })}</Dialog.Title>
          <Dialog.Description className="dialog__text">{t('nightly.restore.description', { when, server })}</Dialog.Description>

          {!jobId && (
            <>
              {!plan && <Busy>{t('nightly.restore.reading')}</Busy>}
              {plan?.error && <ErrorPanel error={plan.error} title={t('nightly.restore.planError')} />}
              {p && (
                <div className="restore__what">
                  <h3 className="restore__heading">{t('backups.restore.overwritten')}</h3>
                  <ul className="restore__list" data-testid="nightly-restore-overwrites">
                    {p.overwrites.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                  <p>{t('backups.restore.lost', { when })}</p>
                  {p.stops.length > 0 && (
                    <>
                      <h3 className="restore__heading">{t('backups.restore.stopped')}</h3>
                      <ul className="restore__list">
                        {p.stops.map((s) => (
                          <li key={s}>{t('backups.restore.service', { name: s })}</li>
                        ))}
                      </ul>
                      <p>{t('backups.restore.stoppedText')}</p>
                    </>
                  )}
                  <p>{t('nightly.restore.botPaused')}</p>
                </div>
              )}
              {p && <TypeToConfirm id="nightly-restore-input" expected={domain} value={typed} onChange={setTyped} onEnter={confirm} disabled={starting} testId="nightly-restore-input" />}
              {startError && <ErrorPanel error={startError} title={t('backups.restore.startError')} />}
              <div className="actions actions--end">
                <Dialog.Close asChild>
                  <button type="button" className="btn btn--secondary" disabled={starting}>
                    {t('common.actions.cancel')}
                  </button>
                </Dialog.Close>
                <button type="button" className="btn btn--danger" onClick={confirm} disabled={starting || !p || !matches} data-testid="nightly-restore-confirm">
                  {starting ? t('backups.starting') : t('nightly.restore.confirm')}
                </button>
              </div>
            </>
          )}

          {jobId && (
            <>
              <BackupJob
                job={job}
                testId="nightly-restore-progress"
                title={t('nightly.restore.jobTitle')}
                cancelTestId="nightly-restore-cancel"
                doneTitle={t('backups.restore.doneTitle')}
                failedTitle={t('backups.restore.failedTitle')}
              >
                <AfterRestore app={after?.app} error={after?.error} loading={ended && !after} />
                {job?.status === 'failed' && <p>{t('backups.restore.failedText')}</p>}
              </BackupJob>
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
                  <button type="button" className="btn btn--primary" data-testid="nightly-restore-close">
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
