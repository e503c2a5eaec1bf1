import type { AppSummary } from '../../../../src-main/contract/apps'
import { Icon } from '../../components/Icon'
import { versionText } from '../../lib/appStatus'

// Server, app type, version and the badges, the same in the list and on the app's page.
export function AppFacts({ app, server, label }: { app?: AppSummary; server: string; label: string }) {
  return (
    <ul className="app-row__facts" aria-label={label}>
      <li>
        <Icon name="servers" />
        <span className="sr-only">Server: </span>
        {server}
      </li>
      {app && (
        <li>
          <span className="fact__label">App type</span> {app.recipe ?? 'not known'}
        </li>
      )}
      {app && (
        <li>
          <span className="fact__label">Version</span> <span className="mono">{app.version ?? versionText(undefined)}</span>
        </li>
      )}
      {app?.upgrade && (
        <li className="badge badge--info" data-testid={`app-upgrade-badge-${app.domain}`}>
          Upgrade available: {app.upgrade}
        </li>
      )}
      {app?.chaos && (
        <li className="badge badge--warn" title="Deployed from local, unreleased changes to the recipe (chaos mode)">
          Chaos: local changes
        </li>
      )}
    </ul>
  )
}
