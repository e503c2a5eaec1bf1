import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZodType } from 'zod'
import { AlertGroup, BACKUP_AGE, CHECK_INTERVAL, type ApiErrorBody, type Settings as AppSettings } from '../../../src-main/contract'
import { BackupMaxAgeDays, CheckIntervalSeconds, type AlertSettingsInput } from '../../../src-main/contract/alerts'
import { api } from '../api/client'
import { ErrorPanel } from '../components/ErrorPanel'
import { Icon } from '../components/Icon'
import { TextField } from '../components/TextField'
import { errorBody } from '../lib/errors'
import { askNotificationPermission, notificationState, type NotificationState } from '../state/alerts'
import '../styles/settings.css'

// Settings' "Alerts" card: whether this browser may show notifications (asked
// only from the button here), which kinds of trouble raise one, how often
// Health checks, and how old a backup may be. Each change is saved at once
// (the numbers when "Save" is pressed); the core checks every value again.
export function AlertSettings({ settings, onSaved }: { settings: AppSettings; onSaved: (s: AppSettings) => void }) {
  const { t } = useTranslation()
  const alerts = settings.alerts
  const [interval, setInterval_] = useState(String(alerts.checkIntervalSeconds))
  const [backupDays, setBackupDays] = useState(String(alerts.backupMaxAgeDays))
  const [errors, setErrors] = useState<{ interval?: string; backupDays?: string }>({})
  const [saved, setSaved] = useState('')
  const [saveError, setSaveError] = useState<ApiErrorBody>()

  // A change saved here or in another window shows in the fields (set while drawing, as React advises, not in an effect).
  const [shown, setShown] = useState({ interval: alerts.checkIntervalSeconds, backupDays: alerts.backupMaxAgeDays })
  if (shown.interval !== alerts.checkIntervalSeconds || shown.backupDays !== alerts.backupMaxAgeDays) {
    setShown({ interval: alerts.checkIntervalSeconds, backupDays: alerts.backupMaxAgeDays })
    setInterval_(String(alerts.checkIntervalSeconds))
    setBackupDays(String(alerts.backupMaxAgeDays))
  }

  const save = (change: AlertSettingsInput, said: string): void => {
    setSaved('')
    setSaveError(undefined)
    api.call('settings.set', { alerts: change }).then(
      (s) => {
        onSaved(s)
        setSaved(said)
      },
      (err: unknown) => setSaveError(errorBody(err))
    )
  }

  const submitTimes = (e: FormEvent): void => {
    e.preventDefault()
    // The contract's own rules, with its words, before anything is sent.
    const i = wholeNumber(CheckIntervalSeconds, interval)
    const b = wholeNumber(BackupMaxAgeDays, backupDays)
    setErrors({ interval: i.error?.issues[0]?.message, backupDays: b.error?.issues[0]?.message })
    if (!i.success || !b.success) {
      setSaved('')
      return
    }
    save({ checkIntervalSeconds: i.data, backupMaxAgeDays: b.data }, t('settings.alerts.timesSaved'))
  }

  return (
    <section className="card" aria-labelledby="settings-alerts" data-testid="settings-alerts">
      <h2 className="card__title" id="settings-alerts">
        {t('settings.alerts.title')}
      </h2>
      <p>{t('settings.alerts.intro')}</p>
      <NotificationPermission />

      <fieldset className="settings-alerts__groups" aria-describedby="settings-alerts-groups-hint">
        <legend className="field__label">{t('settings.alerts.groupsLegend')}</legend>
        {AlertGroup.options.map((group) => (
          <div className="check-field" key={group}>
            <input
              type="checkbox"
              id={`settings-alert-${group}`}
              data-testid={`settings-alert-${group}`}
              checked={alerts.groups[group]}
              aria-describedby={`settings-alert-${group}-hint`}
              onChange={(e) => save({ groups: { [group]: e.target.checked } }, t(e.target.checked ? 'settings.alerts.groupOn' : 'settings.alerts.groupOff', { group: t(`settings.alerts.group.${group}.label`) }))}
            />
            <label htmlFor={`settings-alert-${group}`}>{t(`settings.alerts.group.${group}.label`)}</label>
            <p className="field__hint" id={`settings-alert-${group}-hint`}>
              {t(`settings.alerts.group.${group}.hint`)}
            </p>
          </div>
        ))}
        <p className="field__hint" id="settings-alerts-groups-hint">
          {t('settings.alerts.groupsHint')}
        </p>
      </fieldset>

      <form className="settings-alerts__times" onSubmit={submitTimes} noValidate>
        <WholeNumberField
          id="settings-check-interval"
          label={t('settings.alerts.interval')}
          hint={t('settings.alerts.intervalHint', { min: CHECK_INTERVAL.min, max: CHECK_INTERVAL.max, default: CHECK_INTERVAL.default })}
          error={errors.interval}
          value={interval}
          onChange={setInterval_}
          limits={CHECK_INTERVAL}
        />
        <WholeNumberField
          id="settings-backup-age"
          label={t('settings.alerts.backupAge')}
          hint={t('settings.alerts.backupAgeHint', { default: BACKUP_AGE.default })}
          error={errors.backupDays}
          value={backupDays}
          onChange={setBackupDays}
          limits={BACKUP_AGE}
        />
        <div className="actions">
          <button type="submit" className="btn btn--primary" data-testid="settings-alerts-save">
            {t('settings.alerts.save')}
          </button>
        </div>
      </form>
      <p role="status" className="field__note settings-alerts__status" data-testid="settings-alerts-status">
        {saved}
      </p>
      {saveError && <ErrorPanel error={saveError} title={t('settings.alerts.saveError')} />}
    </section>
  )
}

/** A number field's text checked by the contract's rule (with its words): an empty field is no number, not 0. */
const wholeNumber = (rule: ZodType<number>, text: string) => rule.safeParse(text.trim() === '' ? NaN : Number(text))

/** A setting that is a whole number between limits (the check interval, the backup age): its label, hint and error tied to it by id. */
function WholeNumberField(props: { id: string; label: string; hint: string; error?: string; value: string; onChange: (value: string) => void; limits: { min: number; max: number } }) {
  const { limits, ...field } = props
  return <TextField {...field} data-testid={props.id} inputMode="numeric" type="number" min={limits.min} max={limits.max} />
}

/** Whether this browser may show notifications, and the button that asks (never asked on its own). */
function NotificationPermission() {
  const { t } = useTranslation()
  const [state, setState] = useState<NotificationState>(notificationState)
  // Allowed or blocked from the browser's own site settings meanwhile: follow it.
  useEffect(() => {
    const onFocus = (): void => setState(notificationState())
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [])
  const ask = (): void => void askNotificationPermission().then(setState)

  if (state === 'desktop') return <p className="settings-alerts__permission">{t('settings.alerts.permission.desktop')}</p>
  return (
    <div className={`settings-alerts__permission settings-alerts__permission--${state}`} data-testid="settings-notifications" data-state={state}>
      <p>
        <Icon name={state === 'granted' ? 'check' : state === 'default' ? 'info' : 'alert'} className="settings-alerts__icon" />
        <span>{t(`settings.alerts.permission.${state}`)}</span>
      </p>
      {state === 'default' && (
        <button type="button" className="btn btn--secondary" onClick={ask} data-testid="settings-notifications-allow">
          {t('settings.alerts.permission.allow')}
        </button>
      )}
    </div>
  )
}
