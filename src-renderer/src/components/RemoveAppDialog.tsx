import { useState } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { ConfirmDialog } from './ConfirmDialog'

// Removing deletes data for good, so the person types the domain first:
// a click alone is too easy to make by mistake.
export function RemoveAppDialog({
  server,
  domain,
  deployed,
  open,
  onOpenChange,
  onStarted
}: {
  server: string
  domain: string
  deployed: boolean
  open: boolean
  onOpenChange: (open: boolean) => void
  onStarted: (jobId: string) => void
}) {
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const matches = typed.trim() === domain

  const confirm = (): void => {
    if (!matches) return
    setBusy(true)
    setError(undefined)
    api.call('apps.remove', { server, domain, confirm: typed.trim() }).then(
      ({ jobId }) => {
        setBusy(false)
        setTyped('')
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
        if (!o) setTyped('')
      }}
      title={`Remove ${domain} and delete its data?`}
      confirmLabel="Delete everything"
      busyLabel="Removing…"
      danger
      busy={busy}
      disabled={!matches}
      error={error}
      errorTitle="The app could not be removed"
      onConfirm={confirm}
      testId="remove-app-dialog"
      confirmTestId="remove-app-confirm"
    >
      <div className="panel panel--bad">
        <p className="panel__title">This will DELETE the app’s data. It cannot be undone.</p>
        <ul className="dialog__list">
          {deployed && <li>The app is stopped and removed from {server}.</li>}
          <li>Its data (volumes) on {server} is deleted.</li>
          <li>Its secrets (passwords the app uses) are deleted.</li>
          <li>Its settings (the .env file on this computer) are deleted.</li>
        </ul>
      </div>
      <p className="dialog__text">If you may need the data later, make a backup first.</p>
      <div className="field">
        <label className="field__label" htmlFor="remove-app-input">
          Type <span className="mono">{domain}</span> to confirm
        </label>
        <input
          id="remove-app-input"
          className="input mono"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          disabled={busy}
          data-testid="remove-app-input"
          onKeyDown={(e) => {
            if (e.key === 'Enter') confirm()
          }}
        />
      </div>
    </ConfirmDialog>
  )
}
