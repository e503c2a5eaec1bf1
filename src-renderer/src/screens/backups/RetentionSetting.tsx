import { useEffect, useState, type FormEvent } from 'react'
import type { ApiErrorBody } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { keepLastText, parseKeepLast } from '../../lib/backups'
import { errorBody } from '../../lib/errors'
import { reloadBackups } from '../../state/backups'

// "Keep the last N backups of each app": empty keeps them all.
export function RetentionSetting() {
  const [saved, setSaved] = useState<number | undefined | null>(null)
  const [text, setText] = useState('')
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<ApiErrorBody>()
  const [fieldError, setFieldError] = useState<string>()
  const [done, setDone] = useState(false)

  useEffect(() => {
    let live = true
    api.call('backups.getSettings', {}).then(
      (s) => {
        if (!live) return
        setSaved(s.keepLast)
        setText(s.keepLast === undefined ? '' : String(s.keepLast))
      },
      (err: unknown) => live && setLoadError(errorBody(err))
    )
    return () => {
      live = false
    }
  }, [])

  const save = (e: FormEvent): void => {
    e.preventDefault()
    const parsed = parseKeepLast(text)
    setDone(false)
    if (!parsed.ok) {
      setFieldError(parsed.error)
      return
    }
    setFieldError(undefined)
    setSaving(true)
    setSaveError(undefined)
    api.call('backups.setSettings', parsed.keepLast === undefined ? {} : { keepLast: parsed.keepLast }).then(
      (s) => {
        setSaving(false)
        setSaved(s.keepLast)
        setText(s.keepLast === undefined ? '' : String(s.keepLast))
        setDone(true)
        // Lowering the number can delete older backups.
        void reloadBackups()
      },
      (err: unknown) => {
        setSaving(false)
        setSaveError(errorBody(err))
      }
    )
  }

  return (
    <section className="card" aria-labelledby="retention-title" data-testid="backups-retention">
      <h2 className="card__title" id="retention-title">
        How many backups to keep
      </h2>
      {loadError && <ErrorPanel error={loadError} title="The setting could not be read" />}
      <form className="retention" onSubmit={save} noValidate>
        <label className="field__label" htmlFor="backups-keep-last">
          Number of backups to keep for each app (the newest ones)
        </label>
        <div className="retention__row">
          <input
            id="backups-keep-last"
            className="input input--short"
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setDone(false)
            }}
            inputMode="numeric"
            placeholder="All"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'backups-keep-last-error backups-keep-last-hint' : 'backups-keep-last-hint'}
            disabled={saved === null && !loadError}
            data-testid="backups-keep-last"
          />
          <button type="submit" className="btn btn--secondary" disabled={saving || (saved === null && !loadError)} data-testid="backups-keep-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
          {done && (
            <span className="retention__saved" role="status">
              <Icon name="check" /> Saved
            </span>
          )}
        </div>
        {fieldError && (
          <p className="field__error" id="backups-keep-last-error">
            <Icon name="alert" />
            <span>{fieldError}</span>
          </p>
        )}
        <p className="field__hint" id="backups-keep-last-hint">
          Leave it empty to keep every backup.
        </p>
      </form>
      {saved !== null && <p className="muted" data-testid="backups-keep-now">{keepLastText(saved)}</p>}
      {saveError && <ErrorPanel error={saveError} title="The setting could not be saved" />}
    </section>
  )
}
