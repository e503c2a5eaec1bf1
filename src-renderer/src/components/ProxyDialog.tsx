import { useState, type FormEvent } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { DeployPreviewDialog, type DeployRequest } from './DeployPreviewDialog'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { TextField } from './TextField'
import { useReturnFocus } from './returnFocus'

// The reverse proxy is an app like any other (Co-op Cloud's "traefik"
// recipe); it needs the two answers its settings can't guess. The proxy app
// is made first (servers.prepareProxy, nothing deployed), then its deploy is
// previewed and confirmed like any app's (DeployPreviewDialog): what is
// deployed is what the preview showed.
export function ProxyDialog({
  name,
  onOpenChange,
  onStarted
}: {
  name: string
  onOpenChange: (open: boolean) => void
  onStarted: (jobId: string) => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(true) // open for as long as it is mounted
  const [domain, setDomain] = useState('')
  const [email, setEmail] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  // The proxy app is ready: this dialog closes, then (once focus is back on its opener) the preview opens.
  const [prepared, setPrepared] = useState<DeployRequest>()
  const [previewing, setPreviewing] = useState<DeployRequest>()

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!domain.trim()) return
    setBusy(true)
    setError(undefined)
    api.call('servers.prepareProxy', { name, domain: domain.trim(), ...(email.trim() ? { email: email.trim() } : {}) }).then(
      (ready) => {
        setBusy(false)
        setPrepared({ server: name, domain: ready.domain, kind: 'deploy' })
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  return (
    <>
      <Dialog.Root open={!prepared} onOpenChange={(o) => !busy && onOpenChange(o)}>
        <Dialog.Portal>
          <DialogBackdrop />
          <Dialog.Content
            className="dialog"
            data-testid="proxy-dialog"
            onCloseAutoFocus={(e) => {
              returnFocus(e)
              if (prepared) setPreviewing(prepared)
            }}
          >
            <Dialog.Title className="dialog__title">{t('servers.proxyDialog.title')}</Dialog.Title>
            <Dialog.Description className="dialog__text">
              {t('servers.proxyDialog.text')}
            </Dialog.Description>
            <p className="dialog__text">{t('servers.proxyDialog.previewNext')}</p>
            <form className="form" onSubmit={submit} noValidate>
              <TextField
                id="proxy-domain"
                label={t('servers.proxyDialog.domain')}
                value={domain}
                onChange={setDomain}
                hint={t('servers.proxyDialog.domainHint')}
                spellCheck={false}
                disabled={busy}
              />
              <TextField
                id="proxy-email"
                label={t('servers.proxyDialog.email')}
                optional
                value={email}
                onChange={setEmail}
                hint={t('servers.proxyDialog.emailHint')}
                spellCheck={false}
                disabled={busy}
              />
              {error && <ErrorPanel error={error} title={t('servers.proxyDialog.error')} />}
              <div className="actions actions--end">
                <Dialog.Close asChild>
                  <button type="button" className="btn btn--secondary" disabled={busy}>
                    {t('common.actions.cancel')}
                  </button>
                </Dialog.Close>
                <button type="submit" className="btn btn--primary" disabled={busy || !domain.trim()}>
                  {busy ? t('servers.proxyDialog.preparing') : t('servers.proxyDialog.confirm')}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <DeployPreviewDialog
        request={previewing}
        onClose={() => onOpenChange(false)}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          onStarted(jobId)
        }}
      />
    </>
  )
}
