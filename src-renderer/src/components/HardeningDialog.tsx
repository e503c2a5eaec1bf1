import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { useCall } from '../lib/useCall'
import { ConfirmDialog } from './ConfirmDialog'

export type HardeningAction = 'firewall-on' | 'auto-updates-on'

// Asked before the optional hardening changes the server: what it does, why,
// and what could go wrong, in plain words. The work itself runs as a job
// whose progress the checks screen shows.
export function HardeningDialog({
  name,
  action,
  onOpenChange,
  onStarted
}: {
  name: string
  action: HardeningAction
  onOpenChange: (open: boolean) => void
  onStarted: (jobId: string) => void
}) {
  const { t } = useTranslation()
  const { busy, error, run } = useCall()
  const area = action === 'firewall-on' ? 'firewall' : 'autoUpdates'
  const start = (): void =>
    run(
      () => (action === 'firewall-on' ? api.call('servers.firewallOn', { name }) : api.call('servers.autoUpdatesOn', { name })),
      ({ jobId }) => onStarted(jobId)
    )
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      title={t(`hardening.${area}.title`, { name })}
      confirmLabel={t(`hardening.${area}.confirm`)}
      busyLabel={t('hardening.starting')}
      busy={busy}
      error={error}
      errorTitle={t('hardening.couldNotStart')}
      onConfirm={start}
      testId={action === 'firewall-on' ? 'firewall-dialog' : 'auto-updates-dialog'}
    >
      <p>
        <strong>{t('hardening.whatItDoes')}</strong> {t(`hardening.${area}.what`)}
      </p>
      <p>
        <strong>{t('hardening.why')}</strong> {t(`hardening.${area}.why`)}
      </p>
      <p>
        <strong>{t('hardening.whatCouldGoWrong')}</strong> {t(`hardening.${area}.risk`)}
      </p>
      <p>{t(`hardening.${area}.safe`)}</p>
    </ConfirmDialog>
  )
}
