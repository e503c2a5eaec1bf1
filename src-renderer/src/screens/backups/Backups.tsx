import { useCallback } from 'react'
import { BackupList } from '../../components/BackupList'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { groupByApp } from '../../lib/backups'
import { plural } from '../../lib/format'
import { useNavigate } from '../../navigation'
import { reloadApps, useApps, useRefresh } from '../../state/apps'
import { reloadBackups, useBackups } from '../../state/backups'
import { useServers } from '../../state/servers'
import { BotSnapshots } from './BotSnapshots'
import { RetentionSetting } from './RetentionSetting'
import '../../styles/apps.css'
import '../../styles/backups.css'

// Every app's backups on this computer, grouped by app; or one app's, when
// opened from its page.
export function Backups({ domain }: { domain?: string }) {
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

  return (
    <div className="page page--wide" data-testid="backups-screen">
      {domain && (
        <button type="button" className="btn btn--ghost btn--small back" onClick={() => navigate({ screen: 'backups' })}>
          <Icon name="back" /> Every app’s backups
        </button>
      )}
      <header className="page__head">
        <PageTitle>{domain ? `Backups of ${domain}` : 'Backups'}</PageTitle>
      </header>
      <p className="page__intro">
        Copies of your apps’ data, kept on this computer in <span className="mono">~/.abra/backups</span>. Each one is
        checked when it is taken; a ✓ means every file in it was read back and matches.
      </p>

      {!loaded && <Busy>Looking for backups…</Busy>}
      {error && (
        <ErrorPanel error={error} title="The backups could not be listed">
          <button type="button" className="btn btn--primary" onClick={refresh}>
            Try again
          </button>
        </ErrorPanel>
      )}

      {loaded && !error && groups.length === 0 && (
        <div className="empty" data-testid="backups-empty">
          <Icon name="backups" className="empty__icon" />
          <h2 className="empty__title">{domain ? `No backups of ${domain} yet` : 'No backups yet'}</h2>
          <p>
            A backup is a copy of an app’s data (its files and database) taken from the server and kept on this
            computer, in <span className="mono">~/.abra/backups</span>. If something goes wrong on the server, you can
            put the data back from it.
          </p>
          <p>To take one, open an app and press Backup.</p>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => navigate(domain && serverOf(domain) ? { screen: 'app', server: serverOf(domain) ?? '', domain } : { screen: 'apps' })}
          >
            {domain ? `Open ${domain}` : 'Go to your apps'}
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
              <span className="muted">{plural(g.backups.length, 'backup')}</span>
              {server && (
                <button type="button" className="btn btn--ghost btn--small" onClick={() => navigate({ screen: 'app', server, domain: g.domain })}>
                  Open the app
                </button>
              )}
            </div>
            {!server && apps.length > 0 && (
              <p className="muted">This app is on none of your servers now. Its backups can still be restored into an app with the same address.</p>
            )}
            <BackupList backups={g.backups} server={server} />
          </section>
        )
      })}

      <RetentionSetting />

      {servers.map((s) => (
        <BotSnapshots key={s.name} server={s.name} />
      ))}
    </div>
  )
}
