import { Icon, type IconName } from '../components/Icon'
import { PageTitle } from '../components/PageTitle'
import { useNavigate } from '../navigation'

const texts = {
  apps: {
    title: 'Apps',
    icon: 'apps',
    text: 'Your apps will be listed here: see at a glance whether each one is running and healthy, update it and back it up.'
  },
  catalogue: {
    title: 'Catalogue',
    icon: 'catalogue',
    text: 'Browse the app types (recipes) you can install on your servers: chat, file sharing, websites and more.'
  },
  backups: {
    title: 'Backups',
    icon: 'backups',
    text: 'See the backups of your apps and restore one when something goes wrong.'
  }
} satisfies Record<string, { title: string; icon: IconName; text: string }>

// Placeholder screens so the sidebar shows where the app is going.
export function ComingSoon({ screen }: { screen: keyof typeof texts }) {
  const navigate = useNavigate()
  const t = texts[screen]
  return (
    <div className="placeholder" data-testid={`coming-soon-${screen}`}>
      <Icon name={t.icon} className="placeholder__icon" />
      <PageTitle>{t.title}</PageTitle>
      <p className="placeholder__soon">Coming soon</p>
      <p>{t.text}</p>
      <p>For now, you can add your servers and check that they are ready.</p>
      <div className="actions actions--center">
        <button type="button" className="btn btn--secondary" onClick={() => navigate({ screen: 'servers' })}>
          Go to Servers
        </button>
      </div>
    </div>
  )
}
