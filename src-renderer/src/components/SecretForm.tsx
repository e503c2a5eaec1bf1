import type { FormEvent, ReactNode } from 'react'
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
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    onSubmit()
  }
  const isPassphrase = secret.kind === 'passphrase'
  const label = isPassphrase ? `Passphrase for key ${keyFile ?? ''}`.trim() : `Password for ${who ?? 'this user'}`
  const hint = isPassphrase
    ? 'Your SSH key is locked with a passphrase. The app needs it to sign in to the server.'
    : 'The server asks for this user’s password.'
  return (
    <form className="form" onSubmit={submit} noValidate data-testid={`secret-form-${secret.kind}`}>
      <TextField
        id={`${idPrefix}-${secret.kind}`}
        label={label}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={secret.value}
        onChange={(value) => onChange({ ...secret, value })}
        hint={hint}
        error={error}
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
        <label htmlFor={`${idPrefix}-remember`}>Remember in this computer’s keychain</label>
        <p className="field__hint" id={`${idPrefix}-remember-hint`}>
          Then the app will not ask again on this computer.
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy || secret.value === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {children}
      </div>
    </form>
  )
}
