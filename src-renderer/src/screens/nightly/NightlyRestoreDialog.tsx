import { useCallback, useState } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { NightlySnapshot } from '../../../../src-main/contract/nightly'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { DialogBackdrop } from '../../components/DialogBackdrop'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StartActions } from '../../components/JobDialogActions'
import { RestoreRun, RestoreWhat } from '../../components/RestoreDialog'
import { TypeToConfirm, typedMatches } from '../../components/TypeToConfirm'
import { useReturnFocus } from '../../components/returnFocus'
import { useRestoreJob } from '../../components/useRestoreJob'
import { backupDateText } from '../../lib/backups'

type Snapshot = z.infer<typeof NightlySnapshot>

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
  const [typed, setTyped] = useState('')
  const readPlan = useCallback(
    () => api.call('nightly.restorePlan', { server, domain, snapshot: snapshot.id }).then((r) => ({ overwrites: r.overwrites, stops: r.stops })),
    [server, domain, snapshot.id]
  )
  const restore = useRestoreJob({ open, server, domain, readPlan, onOpenChange, onReset: () => setTyped('') })
  const { plan, jobId, starting, startError } = restore

  const matches = typedMatches(typed, domain)
  const confirm = (): void => {
    if (!matches || !plan?.data || starting) return
    restore.start(() => api.call('nightly.restore', { server, domain, snapshot: snapshot.id, confirm: domain }))
  }

  const when = backupDateText(snapshot.time)
  const p = plan?.data
  return (
    <Dialog.Root open={open} onOpenChange={restore.change}>
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
                <RestoreWhat plan={p} when={when} testId="nightly-restore-overwrites">
                  <p>{t('nightly.restore.botPaused')}</p>
                </RestoreWhat>
              )}
              {p && <TypeToConfirm id="nightly-restore-input" expected={domain} value={typed} onChange={setTyped} onEnter={confirm} disabled={starting} testId="nightly-restore-input" />}
              {startError && <ErrorPanel error={startError} title={t('backups.restore.startError')} />}
              <StartActions
                starting={starting}
                disabled={!p || !matches}
                onStart={confirm}
                tone="danger"
                label={t('nightly.restore.confirm')}
                startingLabel={t('backups.starting')}
                testId="nightly-restore-confirm"
              />
            </>
          )}

          {jobId && <RestoreRun restore={restore} testId="nightly-restore-progress" title={t('nightly.restore.jobTitle')} cancelTestId="nightly-restore-cancel" closeTestId="nightly-restore-close" />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
