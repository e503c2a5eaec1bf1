import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { useCall } from '../lib/useCall'
import { ConfirmDialog } from './ConfirmDialog'

// For a server the app signs in to with a password: make a key (or use the
// one the app made before) and put it on the server through the connection
// the app already has. Nothing is taken away: the password still works.
export function SetUpKeyDialog({ name, onOpenChange, onDone }: { name: string; onOpenChange: (open: boolean) => void; onDone: () => void }) {
  const { t } = useTranslation()
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
      title={t('servers.setUpKey.title', { name })}
      confirmLabel={t('servers.setUpKey.confirm')}
      busyLabel={t('servers.setUpKey.busy')}
      busy={busy}
      error={error}
      errorTitle={t('servers.setUpKey.error')}
      onConfirm={start}
      testId="set-up-key-dialog"
    >
      <p>{t('servers.setUpKey.text', { name })}</p>
      <p>{t('servers.setUpKey.passwordStays')}</p>
    </ConfirmDialog>
  )
}
