import { useState, type FormEvent, type ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { NewKey } from '../../../../src-main/contract'
import { CopyButton } from '../../components/CopyButton'
import { Icon } from '../../components/Icon'
import { TextField } from '../../components/TextField'

// "I don't have a key", once the app has made one: put it on the server with
// the password (used once, not kept), or, for servers that take no
// passwords, copy the public key to the hosting provider's page.
export function NewKeyPanel({
  newKey,
  who,
  busy,
  passwordError,
  pastedError,
  takesPassword,
  onInstall,
  onPasted,
  children
}: {
  newKey: NewKey
  who: string
  busy: boolean
  passwordError?: string
  /** Why "I've added it" did not sign in. */
  pastedError?: string
  /** False when the server said it takes no passwords: only the copy way is left. */
  takesPassword: boolean
  onInstall: (password: string) => void
  onPasted: () => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const install = (e: FormEvent): void => {
    e.preventDefault()
    onInstall(password)
  }
  return (
    <div className="new-key" data-testid="new-key">
      <p>
        <Trans i18nKey="wizard.newKey.ready" values={{ file: newKey.keyFile }} components={{ mono: <span className="mono" /> }} />
      </p>
      {takesPassword && (
        <form className="form" onSubmit={install} noValidate data-testid="new-key-install">
          <h3>{t('wizard.newKey.putTitle')}</h3>
          <TextField
            id="new-key-password"
            label={t('wizard.newKey.password', { who })}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={setPassword}
            hint={t('wizard.newKey.passwordHint')}
            error={passwordError}
            autoFocus
            readOnly={busy}
          />
          <div className="actions">
            <button type="submit" className="btn btn--primary" disabled={busy || password === ''} aria-describedby={password === '' ? 'new-key-why-disabled' : undefined}>
              {busy ? t('wizard.newKey.putting') : t('wizard.newKey.put')}
            </button>
            {password === '' && !busy && (
              <span className="muted" id="new-key-why-disabled">
                {t('wizard.newKey.passwordFirst')}
              </span>
            )}
          </div>
        </form>
      )}
      <section className="new-key__copy" aria-labelledby="new-key-copy-title">
        <h3 id="new-key-copy-title">{takesPassword ? t('wizard.newKey.noPassword') : t('wizard.newKey.onProvider')}</h3>
        <p>{t('wizard.newKey.copyText')}</p>
        <label className="field__label" htmlFor="new-key-public">
          {t('wizard.newKey.publicKey')}
        </label>
        <textarea id="new-key-public" className="input mono new-key__public" readOnly rows={3} value={newKey.publicKey} data-testid="new-key-public" />
        <p className="field__hint">{t('wizard.newKey.fingerprint', { fingerprint: newKey.fingerprint })}</p>
        {pastedError && (
          <p className="field__error" role="alert">
            <Icon name="alert" />
            <span>{pastedError}</span>
          </p>
        )}
        <div className="actions">
          <CopyButton value={newKey.publicKey} what={t('wizard.newKey.copyWhat')} testId="new-key-copy" />
          <button type="button" className={`btn ${takesPassword ? 'btn--secondary' : 'btn--primary'}`} onClick={onPasted} disabled={busy}>
            {t('wizard.newKey.added')}
          </button>
          {children}
        </div>
      </section>
    </div>
  )
}
