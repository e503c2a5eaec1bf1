import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { keepLastText, parseKeepLast } from '../../lib/backups'
import { errorBody } from '../../lib/errors'
import { reloadBackups } from '../../state/backups'

// "Keep the last N backups of each app": empty keeps them all.
export function RetentionSetting() {
  const { t } = useTranslation()
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
        {t('backups.retention.title')}
      </h2>
      {loadError && <ErrorPanel error={loadError} title={t('backups.retention.readError')} />}
      <form className="retention" onSubmit={save} noValidate>
        <label className="field__label" htmlFor="backups-keep-last">
          {t('backups.retention.label')}
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
            placeholder={t('backups.retention.placeholder')}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'backups-keep-last-error backups-keep-last-hint' : 'backups-keep-last-hint'}
            disabled={saved === null && !loadError}
            data-testid="backups-keep-last"
          />
          <button type="submit" className="btn btn--secondary" disabled={saving || (saved === null && !loadError)} data-testid="backups-keep-save">
            {saving ? t('backups.retention.saving') : t('common.actions.save')}
          </button>
          {done && (
            <span className="retention__saved" role="status">
              <Icon name="check" /> {t('backups.retention.saved')}
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
          {t('backups.retention.hint')}
        </p>
      </form>
      {saved !== null && <p className="muted" data-testid="backups-keep-now">{keepLastText(saved)}</p>}
      {saveError && <ErrorPanel error={saveError} title={t('backups.retention.saveError')} />}
    </section>
  )
}
