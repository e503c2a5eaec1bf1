import { useState, type FormEvent, type ReactNode } from 'react'
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
  const [password, setPassword] = useState('')
  const install = (e: FormEvent): void => {
    e.preventDefault()
    onInstall(password)
  }
  return (
    <div className="new-key" data-testid="new-key">
      <p>
        Your new key is ready. It is saved in the <span className="mono">.ssh</span> folder of your home folder (
        <span className="mono">{newKey.keyFile}</span>), where the app and other SSH tools such as abra find it. Its passphrase is kept in this
        computer’s keychain.
      </p>
      {takesPassword && (
        <form className="form" onSubmit={install} noValidate data-testid="new-key-install">
          <h3>Put the key on the server</h3>
          <TextField
            id="new-key-password"
            label={`Password for ${who}`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={setPassword}
            hint="Used once to sign in and add your key to the server. The app does not keep it."
            error={passwordError}
            autoFocus
            readOnly={busy}
          />
          <div className="actions">
            <button type="submit" className="btn btn--primary" disabled={busy || password === ''} aria-describedby={password === '' ? 'new-key-why-disabled' : undefined}>
              {busy ? 'Putting your key on the server…' : 'Put my key on the server'}
            </button>
            {password === '' && !busy && (
              <span className="muted" id="new-key-why-disabled">
                Type the password first.
              </span>
            )}
          </div>
        </form>
      )}
      <section className="new-key__copy" aria-labelledby="new-key-copy-title">
        <h3 id="new-key-copy-title">{takesPassword ? 'No password for this server?' : 'Add the key on your hosting provider’s page'}</h3>
        <p>
          Copy your public key below and paste it into your hosting provider’s “SSH keys” page (or send it to your server’s administrator). It is safe
          to share: it only lets the server recognise you. Then sign in.
        </p>
        <label className="field__label" htmlFor="new-key-public">
          Your public key
        </label>
        <textarea id="new-key-public" className="input mono new-key__public" readOnly rows={3} value={newKey.publicKey} data-testid="new-key-public" />
        <p className="field__hint">Fingerprint {newKey.fingerprint}</p>
        {pastedError && (
          <p className="field__error" role="alert">
            <Icon name="alert" />
            <span>{pastedError}</span>
          </p>
        )}
        <div className="actions">
          <CopyButton value={newKey.publicKey} what="your public key" testId="new-key-copy" />
          <button type="button" className={`btn ${takesPassword ? 'btn--secondary' : 'btn--primary'}`} onClick={onPasted} disabled={busy}>
            I’ve added it: sign in
          </button>
          {children}
        </div>
      </section>
    </div>
  )
}
