import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { ConfirmDialog } from './ConfirmDialog'

// Undeploying stops the app but keeps everything it needs to start again;
// the dialog says so, since "undeploy" sounds like it could lose data.
export function UndeployDialog({
  server,
  domain,
  open,
  onOpenChange,
  onStarted
}: {
  server: string
  domain: string
  open: boolean
  onOpenChange: (open: boolean) => void
  onStarted: (jobId: string) => void
}) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()

  const confirm = (): void => {
    setBusy(true)
    setError(undefined)
    api.call('apps.undeploy', { server, domain }).then(
      ({ jobId }) => {
        setBusy(false)
        onOpenChange(false)
        onStarted(jobId)
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o)
        setError(undefined)
      }}
      title={t('apps.undeploy.title', { domain })}
      confirmLabel={t('apps.undeploy.confirm')}
      busyLabel={t('apps.undeploy.busy')}
      busy={busy}
      error={error}
      errorTitle={t('apps.undeploy.failed')}
      onConfirm={confirm}
      testId="undeploy-dialog"
      confirmTestId="undeploy-confirm"
    >
      <p className="dialog__text">{t('apps.undeploy.text', { server })}</p>
      <p className="dialog__text">{t('apps.undeploy.kept')}</p>
    </ConfirmDialog>
  )
}
