import { useCallback, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { BackupList } from '../../components/BackupList'
import { Busy } from '../../components/Busy'
import { RetryPanel } from '../../components/RetryPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { groupByApp } from '../../lib/backups'
import { useNavigate } from '../../navigation'
import { reloadApps, useApps, useRefresh } from '../../state/apps'
import { reloadBackups, useBackups } from '../../state/backups'
import { useServers } from '../../state/servers'
import { NightlyBackups } from '../nightly/NightlyBackups'
import { BotSnapshots } from './BotSnapshots'
import { RetentionSetting } from './RetentionSetting'
import '../../styles/apps.css'
import '../../styles/backups.css'

// Every app's backups on this computer, grouped by app; or one app's, when
// opened from its page.
export function Backups({ domain }: { domain?: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { loaded, backups, error } = useBackups()
  const { apps } = useApps()
  const { servers } = useServers()
  const refresh = useCallback(() => {
    void reloadBackups()
    void reloadApps()
  }, [])
  useRefresh(refresh)

  const shown = domain ? backups.filter((b) => b.domain === domain) : backups
  const groups = groupByApp(shown)
  const serverOf = (d: string): string | undefined => apps.find((a) => a.domain === d)?.server
  // One app's tab, on a server with nightly backups: its nightly snapshots, and not the bot's list too (the same snapshots twice).
  const appServer = domain ? serverOf(domain) : undefined
  const [nightlyOn, setNightlyOn] = useState<{ server: string; on: boolean }>()
  const knowNightly = useCallback(
    (on: boolean) => {
      if (appServer) setNightlyOn({ server: appServer, on })
    },
    [appServer]
  )
  const botListShown = (server: string): boolean => server !== appServer || (nightlyOn?.server === server && !nightlyOn.on)

  return (
    <div className="page page--wide" data-testid="backups-screen">
      {domain && (
        <button type="button" className="btn btn--ghost btn--small back" onClick={() => navigate({ screen: 'backups' })}>
          <Icon name="back" /> {t('backups.screen.back')}
        </button>
      )}
      <header className="page__head">
        <PageTitle>{domain ? t('backups.screen.titleOf', { domain }) : t('backups.screen.title')}</PageTitle>
      </header>
      <p className="page__intro">
        <Trans i18nKey="backups.screen.intro" components={{ path: <span className="mono" /> }} />
      </p>

      {!loaded && <Busy>{t('backups.screen.looking')}</Busy>}
      {error && <RetryPanel error={error} title={t('backups.screen.listError')} onRetry={refresh} primary />}

      {loaded && !error && groups.length === 0 && (
        <div className="empty" data-testid="backups-empty">
          <Icon name="backups" className="empty__icon" />
          <h2 className="empty__title">
            {domain && nightlyOn?.on ? t('nightly.snapshots.emptyLocalTitle', { domain }) : domain ? t('backups.screen.emptyTitleOf', { domain }) : t('backups.screen.emptyTitle')}
          </h2>
          <p>
            <Trans i18nKey="backups.screen.emptyText" components={{ path: <span className="mono" /> }} />
          </p>
          <p>{t('backups.screen.emptyHow')}</p>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => navigate(domain && serverOf(domain) ? { screen: 'app', server: serverOf(domain) ?? '', domain } : { screen: 'apps' })}
          >
            {domain ? t('backups.screen.openDomain', { domain }) : t('backups.screen.goToApps')}
          </button>
        </div>
      )}

      {groups.map((g) => {
        const server = serverOf(g.domain)
        return (
          <section key={g.domain} className="backup-group" aria-labelledby={`backup-group-${g.domain}`} data-testid={`backup-group-${g.domain}`}>
            <div className="backup-group__head">
              <h2 className="section-title" id={`backup-group-${g.domain}`}>
                {g.domain}
              </h2>
              <span className="muted">{t('backups.screen.count', { count: g.backups.length })}</span>
              {server && (
                <button type="button" className="btn btn--ghost btn--small" onClick={() => navigate({ screen: 'app', server, domain: g.domain })}>
                  {t('backups.openApp')}
                </button>
              )}
            </div>
            {!server && apps.length > 0 && (
              <p className="muted">{t('backups.screen.noServer')}</p>
            )}
            <BackupList backups={g.backups} server={server} />
          </section>
        )
      })}

      {domain && appServer && <NightlyBackups key={appServer} server={appServer} domain={domain} onKnown={knowNightly} />}

      <RetentionSetting />

      {servers.filter((s) => botListShown(s.name)).map((s) => (
        <BotSnapshots key={s.name} server={s.name} />
      ))}
    </div>
  )
}
