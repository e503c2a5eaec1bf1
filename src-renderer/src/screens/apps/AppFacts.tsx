import { useTranslation } from 'react-i18next'
import type { AppSummary } from '../../../../src-main/contract/apps'
import { Icon } from '../../components/Icon'
import { versionText } from '../../lib/appStatus'

// Server, app type, version and the badges, the same in the list and on the app's page.
export function AppFacts({ app, server, label }: { app?: AppSummary; server: string; label: string }) {
  const { t } = useTranslation()
  return (
    <ul className="app-row__facts" aria-label={label}>
      <li>
        <Icon name="servers" />
        <span className="sr-only">{t('apps.facts.server')}</span>
        {server}
      </li>
      {app && (
        <li>
          <span className="fact__label">{t('apps.facts.appType')}</span> {app.recipe ?? t('apps.facts.notKnown')}
        </li>
      )}
      {app && (
        <li>
          <span className="fact__label">{t('apps.facts.version')}</span> <span className="mono">{app.version ?? versionText(undefined)}</span>
        </li>
      )}
      {app?.upgrade && (
        <li className="badge badge--info" data-testid={`app-upgrade-badge-${app.domain}`}>
          {t('apps.facts.upgradeAvailable', { version: app.upgrade })}
        </li>
      )}
      {app?.chaos && (
        <li className="badge badge--warn" title={t('apps.facts.chaosTitle')} data-testid={`app-chaos-badge-${app.domain}`}>
          {app.chaosVersion
            ? t('apps.facts.chaos', {
                words: app.chaosVersion.endsWith('+U') ? t('apps.facts.chaosUnsaved', { commit: app.chaosVersion.slice(0, -2) }) : app.chaosVersion
              })
            : t('apps.facts.chaosNoCommit')}
        </li>
      )}
    </ul>
  )
}
