import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import type { ApiErrorBody, KeyFileInfo } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { TextField } from '../../components/TextField'
import { errorBody } from '../../lib/errors'

const OTHER = ''

// "Use a key file on this computer": the keys found in ~/.ssh, or any other
// file in the home folder typed by hand. The core checks the file is a
// private key; a locked one then asks for its passphrase as before.
export function KeyFilePicker({ busy, error, onPick, children }: { busy: boolean; error?: string; onPick: (keyFile: string) => void; children?: ReactNode }) {
  const [keys, setKeys] = useState<KeyFileInfo[]>()
  const [listError, setListError] = useState<ApiErrorBody>()
  const [picked, setPicked] = useState<string>()
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState<string>()

  useEffect(() => {
    let live = true
    api.call('keys.list', {}).then(
      (found) => {
        if (!live) return
        setKeys(found)
        setPicked((p) => p ?? found[0]?.file ?? OTHER)
      },
      (err: unknown) => live && (setListError(errorBody(err)), setKeys([]), setPicked(OTHER))
    )
    return () => {
      live = false
    }
  }, [])

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    const file = picked === OTHER ? typed.trim() : picked
    if (!file) {
      setTypedError('Type where the key file is, for example ~/.ssh/id_ed25519.')
      document.getElementById('key-file-path')?.focus()
      return
    }
    setTypedError(undefined)
    onPick(file)
  }

  if (!keys) return <p className="muted">Looking for keys on this computer…</p>
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="key-file-picker">
      <fieldset className="radios">
        <legend>Which key?</legend>
        {keys.map((k, i) => (
          <div className="radio" key={k.file}>
            <input type="radio" id={`key-file-${i}`} name="key-file" checked={picked === k.file} onChange={() => setPicked(k.file)} disabled={busy} />
            <label htmlFor={`key-file-${i}`}>
              <span className="mono">{k.file}</span>
              <span className="radio__hint">
                {[k.type?.replace(/^ssh-/, ''), k.locked ? 'locked with a passphrase' : undefined, k.comment].filter(Boolean).join(' · ')}
              </span>
            </label>
          </div>
        ))}
        <div className="radio">
          <input type="radio" id="key-file-other" name="key-file" checked={picked === OTHER} onChange={() => setPicked(OTHER)} disabled={busy} />
          <label htmlFor="key-file-other">{keys.length ? 'Another file' : 'A file in your home folder'}</label>
        </div>
      </fieldset>
      {keys.length === 0 && !listError && <p className="muted">There are no keys in the usual place (the .ssh folder in your home folder).</p>}
      {picked === OTHER && (
        <TextField
          id="key-file-path"
          label="Where the key file is"
          value={typed}
          onChange={setTyped}
          spellCheck={false}
          autoComplete="off"
          placeholder="~/.ssh/id_ed25519"
          hint="The private key: the file without “.pub” at the end. It must be in your home folder."
          error={typedError ?? error}
          readOnly={busy}
        />
      )}
      {picked !== OTHER && error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in with this key'}
        </button>
        {children}
      </div>
    </form>
  )
}
