import { useState, type FormEvent } from 'react'
import { Dialog } from 'radix-ui'
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
          <Dialog.Title className="dialog__title">Turn on Swarm</Dialog.Title>
          <Dialog.Description className="dialog__text">
            Swarm mode lets this server run Co-op Cloud apps. Choose the address other servers would use to reach this
            one. If you are not sure, keep the first one.
          </Dialog.Description>
          <form className="form" onSubmit={submit} noValidate>
            <fieldset className="radios">
              <legend className="field__label">Address</legend>
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
                <label htmlFor="swarm-addr-other">Another address</label>
              </div>
            </fieldset>
            {picked === OTHER && (
              <TextField
                id="swarm-addr-typed"
                label="Other address"
                value={typed}
                onChange={setTyped}
                hint={
                  addresses.length === 0
                    ? 'The app could not list the server’s addresses. Type the IP address other servers use to reach it.'
                    : 'An IP address of this server, optionally with a port (203.0.113.7:2377).'
                }
                spellCheck={false}
                disabled={busy}
              />
            )}
            <details className="disclosure">
              <summary>Advanced</summary>
              <TextField
                id="swarm-listen-addr"
                label="Listen address"
                optional
                value={listenAddr}
                onChange={setListenAddr}
                hint="Where Swarm listens for other servers. Leave empty for the usual 0.0.0.0:2377."
                spellCheck={false}
                disabled={busy}
              />
              <TextField
                id="swarm-data-path-port"
                label="Data path port"
                optional
                inputMode="numeric"
                value={dataPathPort}
                onChange={setDataPathPort}
                hint="The port for traffic between apps. Leave empty for the usual 4789."
                disabled={busy}
              />
            </details>
            {error && <ErrorPanel error={error} title="Swarm could not be turned on" />}
            <div className="actions actions--end">
              <Dialog.Close asChild>
                <button type="button" className="btn btn--secondary" disabled={busy}>
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn--primary" disabled={busy || !chosen.trim()}>
                {busy ? 'Turning on Swarm…' : 'Turn on Swarm'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
