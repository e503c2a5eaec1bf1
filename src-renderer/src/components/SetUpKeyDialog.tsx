import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NewKey } from '../../../src-main/contract'
import { api } from '../api/client'
import { useCall } from '../lib/useCall'
import { ConfirmDialog } from './ConfirmDialog'
import { CopyButton } from './CopyButton'

// When the server won't take the key this way, the way left is the hosting
// provider's "SSH keys" page: the error says so, and this shows what to paste.
const PASTE_IT_YOURSELF = new Set(['key-install-failed', 'key-not-accepted'])

// For a server the app signs in to with a password: make a key (or use the
// one the app made before) and put it on the server through the connection
// the app already has. Nothing is taken away: the password still works.
export function SetUpKeyDialog({ name, onOpenChange, onDone }: { name: string; onOpenChange: (open: boolean) => void; onDone: () => void }) {
  const { t } = useTranslation()
  const { busy, error, run } = useCall()
  const [key, setKey] = useState<NewKey>()
  const start = (): void =>
    run(
      () =>
        api.call('keys.create', {}).then((made) => {
          setKey(made)
          return api.call('servers.addKey', { name, keyFile: made.keyFile })
        }),
      () => onDone()
    )
  const offerKey = key && error && PASTE_IT_YOURSELF.has(error.code)
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
      {offerKey && (
        <div className="field" data-testid="set-up-key-public">
          <label className="field__label" htmlFor="set-up-key-public">
            {t('servers.setUpKey.publicKey')}
          </label>
          <textarea id="set-up-key-public" className="input mono new-key__public" readOnly rows={3} value={key.publicKey} />
          <CopyButton value={key.publicKey} what={t('servers.setUpKey.copyWhat')} testId="set-up-key-copy" />
        </div>
      )}
    </ConfirmDialog>
  )
}
