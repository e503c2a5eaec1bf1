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

// Turning on Swarm needs one decision from the user: which of the server's
// addresses other servers would use to reach it. The first is usually right.
export function SwarmDialog({
  name,
  addresses,
  open,
  onOpenChange,
  onDone
}: {
  name: string
  addresses: string[]
  open: boolean
  onOpenChange: (open: boolean) => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const OTHER = '\u0000other'
  const [picked, setPicked] = useState(addresses[0] ?? OTHER)
  const [typed, setTyped] = useState('')
  // Only for servers that share a machine or network with another swarm.
  const [listenAddr, setListenAddr] = useState('')
  const [dataPathPort, setDataPathPort] = useState('')
  const chosen = picked === OTHER ? typed : picked
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!chosen.trim()) return
    setBusy(true)
    setError(undefined)
    const port = dataPathPort.trim() ? Number(dataPathPort.trim()) : undefined
    api
      .call('servers.swarmInit', {
        name,
        advertiseAddr: chosen.trim(),
        ...(listenAddr.trim() ? { listenAddr: listenAddr.trim() } : {}),
        ...(port !== undefined ? { dataPathPort: port } : {})
      })
      .then(
      () => {
        setBusy(false)
        onDone()
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  return (
    <Dialog.Root open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog" data-testid="swarm-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title className="dialog__title">{t('servers.swarmDialog.title')}</Dialog.Title>
          <Dialog.Description className="dialog__text">
            {t('servers.swarmDialog.text')}
          </Dialog.Description>
          <form className="form" onSubmit={submit} noValidate>
            <fieldset className="radios">
              <legend className="field__label">{t('servers.swarmDialog.address')}</legend>
              {addresses.map((addr, i) => (
                <div className="radio" key={addr}>
                  <input
                    type="radio"
                    id={`swarm-addr-${i}`}
                    name="swarm-addr"
                    value={addr}
                    checked={picked === addr}
                    onChange={() => setPicked(addr)}
                    disabled={busy}
                  />
                  <label htmlFor={`swarm-addr-${i}`} className="mono">
                    {addr}
                  </label>
                </div>
              ))}
              <div className="radio">
                <input
                  type="radio"
                  id="swarm-addr-other"
                  name="swarm-addr"
                  checked={picked === OTHER}
                  onChange={() => setPicked(OTHER)}
                  disabled={busy}
                />
                <label htmlFor="swarm-addr-other">{t('servers.swarmDialog.another')}</label>
              </div>
            </fieldset>
            {picked === OTHER && (
              <TextField
                id="swarm-addr-typed"
                label={t('servers.swarmDialog.other')}
                value={typed}
                onChange={setTyped}
                hint={
                  addresses.length === 0
                    ? t('servers.swarmDialog.otherHintNone')
                    : t('servers.swarmDialog.otherHint')
                }
                spellCheck={false}
                disabled={busy}
              />
            )}
            <details className="disclosure">
              <summary>{t('servers.swarmDialog.advanced')}</summary>
              <TextField
                id="swarm-listen-addr"
                label={t('servers.swarmDialog.listen')}
                optional
                value={listenAddr}
                onChange={setListenAddr}
                hint={t('servers.swarmDialog.listenHint')}
                spellCheck={false}
                disabled={busy}
              />
              <TextField
                id="swarm-data-path-port"
                label={t('servers.swarmDialog.dataPort')}
                optional
                inputMode="numeric"
                value={dataPathPort}
                onChange={setDataPathPort}
                hint={t('servers.swarmDialog.dataPortHint')}
                disabled={busy}
              />
            </details>
            {error && <ErrorPanel error={error} title={t('servers.swarmDialog.error')} />}
            <div className="actions actions--end">
              <Dialog.Close asChild>
                <button type="button" className="btn btn--secondary" disabled={busy}>
                  {t('common.actions.cancel')}
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn--primary" disabled={busy || !chosen.trim()}>
                {busy ? t('servers.swarmDialog.busy') : t('servers.swarmDialog.confirm')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
