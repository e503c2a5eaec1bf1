import { useState, type FormEvent } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { TextField } from './TextField'
import { useReturnFocus } from './returnFocus'

// The reverse proxy is an app like any other (Co-op Cloud's "traefik"
// recipe); it needs the two answers its settings can't guess.
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

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!domain.trim()) return
    setBusy(true)
    setError(undefined)
    api.call('servers.deployProxy', { name, domain: domain.trim(), ...(email.trim() ? { email: email.trim() } : {}) }).then(
      ({ jobId }) => {
        setBusy(false)
        onStarted(jobId)
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  return (
    <Dialog.Root open onOpenChange={(o) => !busy && onOpenChange(o)}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog" data-testid="proxy-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title className="dialog__title">{t('servers.proxyDialog.title')}</Dialog.Title>
          <Dialog.Description className="dialog__text">
            {t('servers.proxyDialog.text')}
          </Dialog.Description>
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
                {busy ? t('common.starting') : t('servers.proxyDialog.confirm')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
