import { useState } from 'react'
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
      title={`Stop ${domain}?`}
      confirmLabel="Undeploy"
      busyLabel="Undeploying…"
      busy={busy}
      error={error}
      errorTitle="The app could not be undeployed"
      onConfirm={confirm}
      testId="undeploy-dialog"
      confirmTestId="undeploy-confirm"
    >
      <p className="dialog__text">
        The app stops and its services are removed from {server}. People can’t use it until you deploy it again.
      </p>
      <p className="dialog__text">
        Its data (volumes), its secrets (passwords the app uses) and its settings are kept, so deploying it again picks
        up where it left off.
      </p>
    </ConfirmDialog>
  )
}
