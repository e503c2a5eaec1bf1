import { useState, type FormEvent } from 'react'
import { Dialog } from 'radix-ui'
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
          <Dialog.Title className="dialog__title">Deploy the reverse proxy</Dialog.Title>
          <Dialog.Description className="dialog__text">
            The reverse proxy (Traefik) sends each visitor to the right app and gets HTTPS certificates for them. It is
            installed from Co-op Cloud’s “traefik” recipe, like any other app.
          </Dialog.Description>
          <form className="form" onSubmit={submit} noValidate>
            <TextField
              id="proxy-domain"
              label="Address of the proxy’s dashboard"
              value={domain}
              onChange={setDomain}
              hint="A name that points at this server, like traefik.example.org."
              spellCheck={false}
              disabled={busy}
            />
            <TextField
              id="proxy-email"
              label="Email for HTTPS certificates"
              optional
              value={email}
              onChange={setEmail}
              hint="Let’s Encrypt writes here when a certificate is about to expire."
              spellCheck={false}
              disabled={busy}
            />
            {error && <ErrorPanel error={error} title="The proxy could not be deployed" />}
            <div className="actions actions--end">
              <Dialog.Close asChild>
                <button type="button" className="btn btn--secondary" disabled={busy}>
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn--primary" disabled={busy || !domain.trim()}>
                {busy ? 'Starting…' : 'Deploy the proxy'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
