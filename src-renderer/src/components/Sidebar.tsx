import { useTranslation } from 'react-i18next'
import type { UiMessages } from '../i18n/en'
import { useNavigate, sectionOf, type Route, type Section } from '../navigation'
import { Icon, type IconName } from './Icon'
import { JobsIndicator } from './JobsIndicator'

const main: { section: Section; label: keyof UiMessages['common']['nav']; icon: IconName; route: Route }[] = [
  { section: 'apps', label: 'apps', icon: 'apps', route: { screen: 'apps' } },
  { section: 'catalogue', label: 'catalogue', icon: 'catalogue', route: { screen: 'catalogue' } },
  { section: 'servers', label: 'servers', icon: 'servers', route: { screen: 'servers' } },
  { section: 'backups', label: 'backups', icon: 'backups', route: { screen: 'backups' } }
]
const settingsItem: { section: Section; icon: IconName; route: Route } = { section: 'settings', icon: 'settings', route: { screen: 'settings' } }

export function Sidebar({ route }: { route: Route }) {
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
        {main.map((m) => (
          <li key={m.section}>{item(m.section, t(`common.nav.${m.label}`), m.icon, m.route)}</li>
        ))}
      </ul>
      <JobsIndicator route={route} />
      <div className="sidebar__bottom">{item(settingsItem.section, t('common.nav.settings'), settingsItem.icon, settingsItem.route)}</div>
    </nav>
  )
}
