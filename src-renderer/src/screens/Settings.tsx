import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGE_NAMES, LanguageChoice, type ApiErrorBody, type Output, type Settings as AppSettings } from '../../../src-main/contract'
import { api } from '../api/client'
import { ErrorPanel } from '../components/ErrorPanel'
import { PageTitle } from '../components/PageTitle'
import { AlertSettings } from './AlertSettings'
import { TeamSharing } from './team/TeamSharing'
import { applySettings } from '../i18n'
import { errorBody } from '../lib/errors'

export function Settings() {
  const { t } = useTranslation()
  const [info, setInfo] = useState<Output<'app.info'>>()
  const [error, setError] = useState<ApiErrorBody>()
  const [settings, setSettings] = useState<AppSettings>()
  const [saveError, setSaveError] = useState<ApiErrorBody>()
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    let live = true
    api.call('app.info', {}).then(
      (i) => live && setInfo(i),
      (err: unknown) => live && setError(errorBody(err))
    )
    api.call('settings.get', {}).then(
      (s) => live && setSettings(s),
      (err: unknown) => live && setSaveError(errorBody(err))
    )
    // A choice made in another window or tab shows here too.
    const stop = api.on('settings.changed', (s) => live && setSettings(s))
    return () => {
      live = false
      stop()
    }
  }, [])

  const choose = (value: string) => {
    const language = LanguageChoice.parse(value)
    setSaved(false)
    setSaveError(undefined)
    api.call('settings.set', { language }).then(
      async (s) => {
        setSettings(s)
        await applySettings(s)
        setSaved(true)
      },
      (err: unknown) => setSaveError(errorBody(err))
    )
  }

  return (
    <div className="page" data-testid="settings">
      <header className="page__head">
        <PageTitle>{t('settings.title')}</PageTitle>
      </header>
      <section className="card" aria-labelledby="settings-language">
        <h2 className="card__title" id="settings-language">
          {t('settings.language')}
        </h2>
        {settings && (
          <div className="field">
            <label className="field__label" htmlFor="settings-language-choice">
              {t('settings.languageLabel')}
            </label>
            <select
              id="settings-language-choice"
              className="input"
              value={settings.language}
              onChange={(e) => choose(e.target.value)}
              aria-describedby="settings-language-help"
              data-testid="settings-language"
            >
              <option value="system">{t('settings.languageSystem', { language: LANGUAGE_NAMES[settings.systemLanguage] })}</option>
              {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
            <p className="field__hint" id="settings-language-help">
              {t('settings.languageHelp')}
            </p>
          </div>
        )}
        <p role="status" className="field__note">
          {saved && settings ? t('settings.languageSaved', { language: LANGUAGE_NAMES[settings.effectiveLanguage] }) : ''}
        </p>
        {saveError && <ErrorPanel error={saveError} title={t('settings.languageError')} />}
      </section>
      {settings && <AlertSettings settings={settings} onSaved={setSettings} />}
      <TeamSharing />
      <section className="card">
        <h2 className="card__title">{t('settings.about')}</h2>
        {error && <ErrorPanel error={error} title={t('settings.aboutError')} />}
        {info && (
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>{info.version}</dd>
            <dt>{t('settings.abraDir')}</dt>
            <dd className="mono">{info.abraDir}</dd>
          </dl>
        )}
      </section>
      <section className="card">
        <h2 className="card__title">{t('settings.appearance')}</h2>
        <p>{t('settings.appearanceText')}</p>
      </section>
    </div>
  )
}
