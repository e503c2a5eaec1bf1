import { useTranslation } from 'react-i18next'
import type { UiMessages } from '../i18n/en'
import { useNavigate, sectionOf, type Route, type Section } from '../navigation'
import { attentionCount, useHealth } from '../state/health'
import { Icon, type IconName } from './Icon'
import { JobsIndicator } from './JobsIndicator'

const main: { section: Section; label: keyof UiMessages['common']['nav']; icon: IconName; route: Route }[] = [
  { section: 'apps', label: 'apps', icon: 'apps', route: { screen: 'apps' } },
  { section: 'catalogue', label: 'catalogue', icon: 'catalogue', route: { screen: 'catalogue' } },
  { section: 'servers', label: 'servers', icon: 'servers', route: { screen: 'servers' } },
  { section: 'backups', label: 'backups', icon: 'backups', route: { screen: 'backups' } }
]
const healthItem: { section: Section; icon: IconName; route: Route } = { section: 'health', icon: 'health', route: { screen: 'health' } }
const settingsItem: { section: Section; icon: IconName; route: Route } = { section: 'settings', icon: 'settings', route: { screen: 'settings' } }

// `ready`: the first screen is drawn. Only then does the sidebar ask how the
// servers are (health.get, then health.changed), so the first screen never
// waits for it.
export function Sidebar({ route, ready = true }: { route: Route; ready?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const active = sectionOf(route)
  const item = (section: Section, label: string, icon: IconName, target: Route) => (
    <button
      type="button"
      className="nav__item"
      aria-current={active === section ? 'page' : undefined}
      onClick={() => navigate(target)}
    >
      <Icon name={icon} />
      <span>{label}</span>
    </button>
  )
  return (
    <nav className="sidebar" aria-label={t('common.nav.label')}>
      <div className="brand">
        <Icon name="cloud" className="brand__logo" />
        <span className="brand__name">{t('common.brand')}</span>
      </div>
      <ul className="nav">
        <li>
          {ready ? (
            <HealthItem current={active === healthItem.section} />
          ) : (
            item(healthItem.section, t('health.nav'), healthItem.icon, healthItem.route)
          )}
        </li>
        {main.map((m) => (
          <li key={m.section}>{item(m.section, t(`common.nav.${m.label}`), m.icon, m.route)}</li>
        ))}
      </ul>
      <JobsIndicator route={route} />
      <div className="sidebar__bottom">{item(settingsItem.section, t('common.nav.settings'), settingsItem.icon, settingsItem.route)}</div>
    </nav>
  )
}

// "Health", with how many things need attention (urgent or not) as a badge.
// The badge's number is followed by words only screen readers get, so the
// button's name ("Health 3 things need attention") still holds the text seen
// on it ("Health 3"), as speech-input users say what they see.
function HealthItem({ current }: { current: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const count = attentionCount(useHealth().report)
  return (
    <button type="button" className="nav__item" aria-current={current ? 'page' : undefined} onClick={() => navigate(healthItem.route)} data-testid="nav-health">
      <Icon name={healthItem.icon} />
      <span>{t('health.nav')}</span>{' '}
      {count > 0 && (
        <b className="nav__count" data-testid="nav-health-count">
          {count}
          <span className="sr-only"> {t('health.navCountWords', { count })}</span>
        </b>
      )}
    </button>
  )
}
