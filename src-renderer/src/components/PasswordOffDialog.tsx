import { Trans, useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { useCall } from '../lib/useCall'
import { ConfirmDialog } from './ConfirmDialog'

// Asked before changing how people sign in to a server: after it, nobody
// signs in with a password, the member included.
export function PasswordOffDialog({ name, onOpenChange, onStarted }: { name: string; onOpenChange: (open: boolean) => void; onStarted: (jobId: string) => void }) {
  const { t } = useTranslation()
  const { busy, error, run } = useCall()
  const start = (): void => run(() => api.call('servers.passwordOff', { name }), ({ jobId }) => onStarted(jobId))
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      title={t('servers.passwordOff.title', { name })}
      confirmLabel={t('servers.passwordOff.confirm')}
      busyLabel={t('common.starting')}
      busy={busy}
      error={error}
      errorTitle={t('servers.passwordOff.error')}
      onConfirm={start}
      testId="password-off-dialog"
    >
      <p>{t('servers.passwordOff.text', { name })}</p>
      <p>
        <Trans i18nKey="servers.passwordOff.keepKey" components={{ mono: <span className="mono" /> }} />
      </p>
      <p>{t('servers.passwordOff.safe')}</p>
    </ConfirmDialog>
  )
}
