import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppSummary } from '../../../../src-main/contract/apps'
import { Busy } from '../../components/Busy'
import { RetryPanel } from '../../components/RetryPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { StatusBadge } from '../../components/StatusBadge'
import { appStatus } from '../../lib/appStatus'
import { useNavigate } from '../../navigation'
import { reloadApps, useApps, useRefresh } from '../../state/apps'
import { AppFacts } from './AppFacts'
import { SiteLink, siteUrl } from '../../components/SiteLink'
import '../../styles/apps.css'

export function Apps() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { loaded, apps, servers, error } = useApps()
  const refresh = useCallback(() => void reloadApps(), [])
  useRefresh(refresh)
  const unreachable = servers.filter((s) => !s.ok)
  const newApp = () => navigate({ screen: 'catalogue' })

  return (
    <div className="page page--wide" data-testid="apps-list">
      <header className="page__head">
        <PageTitle>{t('apps.list.title')}</PageTitle>
        {apps.length > 0 && (
          <button type="button" className="btn btn--primary" onClick={newApp}>
            <Icon name="plus" /> {t('apps.list.newApp')}
          </button>
        )}
      </header>
      <p className="page__intro">{t('apps.list.intro')}</p>

      {!loaded && <Busy>{t('apps.list.loading')}</Busy>}
      {error && <RetryPanel error={error} title={t('apps.list.loadFailed')} onRetry={refresh} primary />}

      {unreachable.map((s) => (
        <div className="panel panel--warn" key={s.name} data-testid={`apps-server-unreachable-${s.name}`} role="status">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h2 className="panel__title">{t('apps.list.unreachableTitle', { server: s.name })}</h2>
          </div>
          <p>
            {t('apps.list.unreachableText')}
            {s.error ? t('apps.list.serverSaid', { error: s.error }) : ''}
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => navigate({ screen: 'server-checks', name: s.name })}
            >
              {t('apps.list.checkServer', { server: s.name })}
            </button>
          </div>
        </div>
      ))}

      {loaded && apps.length === 0 && !error && (
        <div className="empty" data-testid="apps-empty">
          <Icon name="apps" className="empty__icon" />
          <h2 className="empty__title">{t('apps.list.emptyTitle')}</h2>
          <p>{t('apps.list.emptyText')}</p>
          <button type="button" className="btn btn--primary" onClick={newApp}>
            <Icon name="plus" /> {t('apps.list.createFirst')}
          </button>
        </div>
      )}

      {apps.length > 0 && (
        <ul className="app-list" aria-label={t('apps.list.listLabel')}>
          {apps.map((a) => (
            <AppRow key={`${a.server}/${a.domain}`} app={a} />
          ))}
        </ul>
      )}
    </div>
  )
}

function AppRow({ app }: { app: AppSummary }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const open = () => navigate({ screen: 'app', server: app.server, domain: app.domain })
  return (
    // The whole row opens the app for mouse users; the domain is the real
    // button for keyboards and screen readers.
    <li
      className="app-row"
      data-testid={`app-row-${app.domain}`}
      data-health={app.health}
      data-version={app.version ?? ''}
      data-upgrade={app.upgrade ?? ''}
      // A click on the website link opens the website only; anywhere else on the row opens the app's page.
      onClick={(e) => {
        if (!(e.target as Element).closest('a')) open()
      }}
    >
      <div className="app-row__id">
        <h2 className="app-row__name">
          <button
            type="button"
            className="linkish"
            onClick={(e) => {
              e.stopPropagation()
              open()
            }}
          >
            {app.domain}
          </button>
        </h2>
        <p className="app-row__words">{app.words}</p>
        {/* Its website, in the person's browser; the row itself opens the app's page here. */}
        <p className="app-row__site">
          <SiteLink domain={app.domain} label={siteUrl(app.domain)} testId={`app-site-${app.domain}`} />
        </p>
      </div>
      <div className="app-row__state">
        <StatusBadge status={appStatus(app)} />
      </div>
      <AppFacts app={app} server={app.server} label={t('apps.list.aboutApp', { domain: app.domain })} />
    </li>
  )
}
