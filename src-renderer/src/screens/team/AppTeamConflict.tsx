import { useTranslation } from 'react-i18next'
import { Icon } from '../../components/Icon'
import { useNavigate } from '../../navigation'
import { conflictOf } from './teamText'
import { useTeamStatus } from './useTeamStatus'

// On an app's page: when its settings file waits for a choice between this
// computer's version and the team's, its deploys are paused (the core refuses
// them), and the choice is made in Settings' team section.
export function AppTeamConflict({ server, domain }: { server: string; domain: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { status } = useTeamStatus()
  if (!conflictOf(status, server, domain)) return null
  return (
    <div className="panel panel--warn" role="alert" data-testid="app-team-conflict">
      <div className="panel__head">
        <Icon name="alert" className="panel__icon" />
        <h2 className="panel__title">{t('team.appNote.title')}</h2>
      </div>
      <p className="panel__body">{t('team.appNote.text')}</p>
      <div className="actions">
        <button type="button" className="btn btn--primary" onClick={() => navigate({ screen: 'settings' })} data-testid="app-team-conflict-go">
          {t('team.appNote.go')}
        </button>
      </div>
    </div>
  )
}
