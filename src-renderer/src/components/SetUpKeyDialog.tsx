import { api } from '../api/client'
import { useCall } from '../lib/useCall'
import { ConfirmDialog } from './ConfirmDialog'

// For a server the app signs in to with a password: make a key (or use the
// one the app made before) and put it on the server through the connection
// the app already has. Nothing is taken away: the password still works.
export function SetUpKeyDialog({ name, onOpenChange, onDone }: { name: string; onOpenChange: (open: boolean) => void; onDone: () => void }) {
  const { busy, error, run } = useCall()
  const start = (): void =>
    run(
      () => api.call('keys.create', {}).then(({ keyFile }) => api.call('servers.addKey', { name, keyFile })),
      () => onDone()
    )
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      title={`Set up a key for ${name}?`}
      confirmLabel="Set up a key"
      busyLabel="Putting your key on the server…"
      busy={busy}
      error={error}
      errorTitle="The key could not be set up"
      onConfirm={start}
      testId="set-up-key-dialog"
    >
      <p>
        The app makes a key on this computer (or uses the one it made before), keeps its passphrase in this computer’s keychain, and adds it to{' '}
        {name}’s list of allowed keys. Then it checks that the key signs in, and uses it from now on.
      </p>
      <p>Your password keeps working until you choose to turn password sign-in off.</p>
    </ConfirmDialog>
  )
}
