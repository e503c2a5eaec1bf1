import { api } from '../api/client'
import { useCall } from '../lib/useCall'
import { ConfirmDialog } from './ConfirmDialog'

// Asked before changing how people sign in to a server: after it, nobody
// signs in with a password, the member included.
export function PasswordOffDialog({ name, onOpenChange, onStarted }: { name: string; onOpenChange: (open: boolean) => void; onStarted: (jobId: string) => void }) {
  const { busy, error, run } = useCall()
  const start = (): void => run(() => api.call('servers.passwordOff', { name }), ({ jobId }) => onStarted(jobId))
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      title={`Turn off password sign-in on ${name}?`}
      confirmLabel="Turn off password sign-in"
      busyLabel="Starting…"
      busy={busy}
      error={error}
      errorTitle="This could not start"
      onConfirm={start}
      testId="password-off-dialog"
    >
      <p>After this, only someone with a key can sign in to {name} over SSH: passwords, yours included, stop working.</p>
      <p>
        Keep your key safe: it is in the <span className="mono">.ssh</span> folder of your home folder. If you also sign in from another computer, set
        up a key there first.
      </p>
      <p>
        The app proves that your key still signs in before it keeps the change. If that proof fails or the connection drops, the server turns
        password sign-in back on by itself within a minute.
      </p>
    </ConfirmDialog>
  )
}
