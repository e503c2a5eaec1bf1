import { useNavigate, sectionOf, type Route, type Section } from '../navigation'
import { Icon, type IconName } from './Icon'
import { JobsIndicator } from './JobsIndicator'

const main: { section: Section; label: string; icon: IconName; route: Route }[] = [
  { section: 'apps', label: 'Apps', icon: 'apps', route: { screen: 'apps' } },
  { section: 'catalogue', label: 'Catalogue', icon: 'catalogue', route: { screen: 'catalogue' } },
  { section: 'servers', label: 'Servers', icon: 'servers', route: { screen: 'servers' } },
  { section: 'backups', label: 'Backups', icon: 'backups', route: { screen: 'backups' } }
]

export function Sidebar({ route }: { route: Route }) {
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
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <Icon name="cloud" className="brand__logo" />
        <span className="brand__name">Co-op Cloud</span>
      </div>
      <ul className="nav">
        {main.map((m) => (
          <li key={m.section}>{item(m.section, m.label, m.icon, m.route)}</li>
        ))}
      </ul>
      <JobsIndicator route={route} />
      <div className="sidebar__bottom">{item('settings', 'Settings', 'settings', { screen: 'settings' })}</div>
    </nav>
  )
}
