import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, KeyFileInfo } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { TextField } from '../../components/TextField'
import { errorBody } from '../../lib/errors'

const OTHER = ''
// An example path, the same in every language.
const EXAMPLE_PATH = '~/.ssh/id_ed25519'

// "Use a key file on this computer": the keys found in ~/.ssh, or any other
// file in the home folder typed by hand. The core checks the file is a
// private key; a locked one then asks for its passphrase as before.
export function KeyFilePicker({ busy, error, onPick, children }: { busy: boolean; error?: string; onPick: (keyFile: string) => void; children?: ReactNode }) {
  const { t } = useTranslation()
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
      setTypedError(t('wizard.keyFile.typeWhere'))
      document.getElementById('key-file-path')?.focus()
      return
    }
    setTypedError(undefined)
    onPick(file)
  }

  if (!keys) return <p className="muted">{t('wizard.keyFile.looking')}</p>
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="key-file-picker">
      <fieldset className="radios">
        <legend>{t('wizard.keyFile.which')}</legend>
        {keys.map((k, i) => (
          <div className="radio" key={k.file}>
            <input type="radio" id={`key-file-${i}`} name="key-file" checked={picked === k.file} onChange={() => setPicked(k.file)} disabled={busy} />
            <label htmlFor={`key-file-${i}`}>
              <span className="mono">{k.file}</span>
              <span className="radio__hint">
                {[k.type?.replace(/^ssh-/, ''), k.locked ? t('wizard.keyFile.locked') : undefined, k.comment].filter(Boolean).join(' · ')}
              </span>
            </label>
          </div>
        ))}
        <div className="radio">
          <input type="radio" id="key-file-other" name="key-file" checked={picked === OTHER} onChange={() => setPicked(OTHER)} disabled={busy} />
          <label htmlFor="key-file-other">{keys.length ? t('wizard.keyFile.another') : t('wizard.keyFile.inHome')}</label>
        </div>
      </fieldset>
      {keys.length === 0 && !listError && <p className="muted">{t('wizard.keyFile.none')}</p>}
      {picked === OTHER && (
        <TextField
          id="key-file-path"
          label={t('wizard.keyFile.where')}
          value={typed}
          onChange={setTyped}
          spellCheck={false}
          autoComplete="off"
          placeholder={EXAMPLE_PATH}
          hint={t('wizard.keyFile.whereHint')}
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
          {busy ? t('wizard.keyFile.signingIn') : t('wizard.keyFile.signIn')}
        </button>
        {children}
      </div>
    </form>
  )
}
