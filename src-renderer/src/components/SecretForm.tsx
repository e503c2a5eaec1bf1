import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from './TextField'

export type SecretKind = 'passphrase' | 'password'

export interface SecretValue {
  kind: SecretKind
  value: string
  remember: boolean
}

// The credential fields of servers.add and servers.connect.
export function secretInput(secret?: SecretValue): { passphrase?: string; password?: string; remember?: boolean } {
  if (!secret) return {}
  return secret.kind === 'passphrase'
    ? { passphrase: secret.value, remember: secret.remember }
    : { password: secret.value, remember: secret.remember }
}

// Asks for the one secret the server (or the key) needs; shared by the
// wizard's sign-in step and by "reconnect" on the checks view.
export function SecretForm({
  idPrefix,
  secret,
  onChange,
  keyFile,
  who,
  error,
  busy,
  onSubmit,
  children
}: {
  idPrefix: string
  secret: SecretValue
  onChange: (next: SecretValue) => void
  keyFile?: string
  who?: string
  error?: string
  busy: boolean
  onSubmit: () => void
  children?: ReactNode
}) {
  const { t } = useTranslation()
  // The button stays enabled: pressed with nothing typed, it says what is missing
  // instead of being greyed out with no reason given.
  const [tried, setTried] = useState(false)
  const isPassphrase = secret.kind === 'passphrase'
  const fieldId = `${idPrefix}-${secret.kind}`
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (secret.value === '') {
      setTried(true)
      document.getElementById(fieldId)?.focus()
      return
    }
    // The field may be emptied after a failed try: the server's answer shows then, not this hint.
    setTried(false)
    onSubmit()
  }
  const missing = tried && secret.value === '' ? (isPassphrase ? t('apps.secretForm.missingPassphrase') : t('apps.secretForm.missingPassword')) : undefined
  const label = isPassphrase
    ? keyFile
      ? t('apps.secretForm.passphraseFor', { keyFile })
      : t('apps.secretForm.passphrase')
    : who
      ? t('apps.secretForm.passwordFor', { who })
      : t('apps.secretForm.passwordForThisUser')
  const hint = isPassphrase ? t('apps.secretForm.passphraseHint') : t('apps.secretForm.passwordHint')
  return (
    <form className="form" onSubmit={submit} noValidate data-testid={`secret-form-${secret.kind}`}>
      <TextField
        id={fieldId}
        label={label}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={secret.value}
        onChange={(value) => onChange({ ...secret, value })}
        hint={hint}
        error={error ?? missing}
        autoFocus
        // Read-only rather than disabled, so focus stays in the field for the next try.
        readOnly={busy}
      />
      <div className="check-field">
        <input
          type="checkbox"
          id={`${idPrefix}-remember`}
          checked={secret.remember}
          onChange={(e) => onChange({ ...secret, remember: e.target.checked })}
          disabled={busy}
          aria-describedby={`${idPrefix}-remember-hint`}
        />
        <label htmlFor={`${idPrefix}-remember`}>{t('apps.secretForm.remember')}</label>
        <p className="field__hint" id={`${idPrefix}-remember-hint`}>
          {t('apps.secretForm.rememberHint')}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? t('apps.secretForm.signingIn') : t('apps.secretForm.signIn')}
        </button>
        {children}
      </div>
    </form>
  )
}
