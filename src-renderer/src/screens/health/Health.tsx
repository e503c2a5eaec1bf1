import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { Attention } from '../../../../src-main/contract/health'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { RetryPanel } from '../../components/RetryPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { errorBody } from '../../lib/errors'
import { exactTimeText } from '../../lib/format'
import { useNavigate } from '../../navigation'
import { rememberBackupJob } from '../../state/backups'
import { reloadHealth, useHealth } from '../../state/health'
import { actionsFor, checkedText, severityStatus, sinceText, type HealthAction } from './healthText'
import '../../styles/health.css'

// Everything that needs attention on every server and app, most serious
// first (the core sorts them), each with what was seen, what to do, and a
// button where the app can do it. Kept up to date by the core's monitor.
export function Health() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { loaded, report, error } = useHealth()
  const now = useNow(30_000)

  return (
    <div className="page" data-testid="health-screen">
      <header className="page__head">
        <PageTitle>{t('health.title')}</PageTitle>
      </header>
      <p className="page__intro">{t('health.intro')}</p>

      {!loaded && <Busy>{t('health.loading')}</Busy>}
      {error && !report && <RetryPanel error={error} title={t('health.loadError')} onRetry={() => void reloadHealth()} primary />}

      {report && report.servers === 0 && (
        <div className="empty" data-testid="health-no-servers">
          <Icon name="servers" className="empty__icon" />
          <h2 className="empty__title">{t('health.noServersTitle')}</h2>
          <p>{t('health.noServersText')}</p>
          <button type="button" className="btn btn--primary" onClick={() => navigate({ screen: 'add-server' })}>
            <Icon name="plus" /> {t('health.addServer')}
          </button>
        </div>
      )}

      {report && report.servers > 0 && (
        <div className={`health-summary health-summary--${summaryTone(report.items, report.checkedAt)}`} data-testid="health-summary">
          <Icon name={report.checkedAt === undefined ? 'sync' : report.items.length === 0 ? 'check' : 'alert'} className="health-summary__icon" />
          <div>
            <p className="health-summary__text" role="status">
              {report.summary}
            </p>
            {report.checkedAt ? (
              <p className="health-summary__when">
                <time dateTime={report.checkedAt} title={exactTimeText(report.checkedAt)} data-testid="health-checked">
                  {checkedText(report.checkedAt, now)}
                </time>
              </p>
            ) : (
              <p className="health-summary__when">{t('health.checking')}</p>
            )}
          </div>
        </div>
      )}

      {/* Certificates and domains are checked from this computer: offline, they can't be, which says nothing about the apps. */}
      {report?.cantCheckFromHere && (
        <p className="health-note" data-testid="health-cant-check">
          <Icon name="info" className="health-note__icon" />
          <span>{report.cantCheckFromHere}</span>
        </p>
      )}

      {report && report.items.length > 0 && (
        <ul className="health-list" aria-label={t('health.listLabel')}>
          {report.items.map((item) => (
            <HealthCard key={item.key} item={item} now={now} />
          ))}
        </ul>
      )}
    </div>
  )
}

function summaryTone(items: Attention[], checkedAt: string | undefined): string {
  if (checkedAt === undefined) return 'neutral'
  if (items.some((i) => i.severity === 'critical')) return 'bad'
  if (items.some((i) => i.severity === 'warning')) return 'warn'
  return 'ok'
}

function HealthCard({ item, now }: { item: Attention; now: number }) {
  const { t } = useTranslation()
  const severity = severityStatus(item.severity)
  const titleId = `health-item-${item.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`
  return (
    <li className={`health-item health-item--${severity.tone}`} aria-labelledby={titleId} data-testid="health-item" data-kind={item.kind} data-key={item.key} data-severity={item.severity}>
      <div className="health-item__head">
        <span className={`status status--${severity.tone} health-item__severity`}>
          <Icon name={severity.icon} />
          <span>{severity.word}</span>
        </span>
        <h2 className="health-item__title" id={titleId}>
          {item.title}
        </h2>
        <time className="health-item__since" dateTime={item.since} title={t('health.sinceExact', { when: exactTimeText(item.since) })}>
          {sinceText(item.since, now)}
        </time>
      </div>
      <dl className="health-item__words">
        <dt>{t('health.seen')}</dt>
        <dd>{item.detail}</dd>
        <dt>{t('health.next')}</dt>
        <dd>{item.next}</dd>
      </dl>
      <HealthActions item={item} />
    </li>
  )
}

function HealthActions({ item }: { item: Attention }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const { server, domain } = item
  const backUp = (): void => {
    if (!domain) return
    setStarting(true)
    setError(undefined)
    api.call('backups.create', { server, domain }).then(
      ({ jobId }) => {
        // The app's page shows this backup's progress too.
        rememberBackupJob(domain, jobId)
        navigate({ screen: 'job', jobId })
      },
      (err: unknown) => {
        setStarting(false)
        setError(errorBody(err))
      }
    )
  }
  // Which app or server each button is about, for screen readers: the title says it, but several cards have the same buttons.
  const about = <span className="sr-only"> ({domain ?? server})</span>
  const button = (action: HealthAction, primary: boolean) => {
    const className = `btn btn--small ${primary ? 'btn--primary' : 'btn--secondary'}`
    switch (action) {
      case 'open-app':
      case 'see-upgrade':
        return (
          <button key={action} type="button" className={className} onClick={() => domain && navigate({ screen: 'app', server, domain })} data-action={action}>
            {action === 'open-app' ? t('health.actions.openApp') : t('health.actions.seeUpgrade')}
            {about}
          </button>
        )
      case 'open-server':
        return (
          <button key={action} type="button" className={className} onClick={() => navigate({ screen: 'server-checks', name: server })} data-action={action}>
            {t('health.actions.openServer')}
            {about}
          </button>
        )
      case 'back-up':
        return (
          <button key={action} type="button" className={className} onClick={backUp} disabled={starting} data-action={action}>
            <Icon name="backups" /> {starting ? t('health.actions.startingBackup') : t('health.actions.backUpNow')}
            {about}
          </button>
        )
      case 'open-backups':
        return (
          <button key={action} type="button" className={className} onClick={() => navigate({ screen: 'backups', domain })} data-action={action}>
            {t('health.actions.openBackups')}
            {about}
          </button>
        )
    }
  }
  const actions = actionsFor(item)
  return (
    <>
      <div className="actions">{actions.map((a, i) => button(a, i === 0 && item.severity !== 'notice'))}</div>
      {error && <ErrorPanel error={error} title={t('health.actions.backupError')} />}
    </>
  )
}

/** The time now, again every `everyMs`, so "for 25 minutes" and "Checked 3 minutes ago" move on by themselves. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
