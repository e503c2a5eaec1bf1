import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { ConfirmDialog } from './ConfirmDialog'
import { TypeToConfirm, typedMatches } from './TypeToConfirm'

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
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const matches = typedMatches(typed, domain)

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
      title={t('apps.remove.title', { domain })}
      confirmLabel={t('apps.remove.confirm')}
      busyLabel={t('apps.remove.busy')}
      danger
      busy={busy}
      disabled={!matches}
      error={error}
      errorTitle={t('apps.remove.failed')}
      onConfirm={confirm}
      testId="remove-app-dialog"
      confirmTestId="remove-app-confirm"
    >
      <div className="panel panel--bad">
        <p className="panel__title">{t('apps.remove.warning')}</p>
        <ul className="dialog__list">
          {deployed && <li>{t('apps.remove.stopped', { server })}</li>}
          <li>{t('apps.remove.data', { server })}</li>
          <li>{t('apps.remove.secrets')}</li>
          <li>{t('apps.remove.settings')}</li>
        </ul>
      </div>
      <p className="dialog__text">{t('apps.remove.backupFirst')}</p>
      <TypeToConfirm id="remove-app-input" expected={domain} value={typed} onChange={setTyped} onEnter={confirm} disabled={busy} testId="remove-app-input" />
    </ConfirmDialog>
  )
}
