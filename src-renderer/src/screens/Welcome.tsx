import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'
import { PageTitle } from '../components/PageTitle'
import { useNavigate } from '../navigation'

export function Welcome() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <div className="welcome" data-testid="welcome">
      <Icon name="cloud" className="welcome__logo" />
      <PageTitle>{t('wizard.welcome.title')}</PageTitle>
      <p className="lead">{t('wizard.welcome.lead')}</p>
      <p>{t('wizard.welcome.text')}</p>
      <div className="actions actions--center">
        <button type="button" className="btn btn--primary btn--large" onClick={() => navigate({ screen: 'add-server' })}>
          <Icon name="plus" /> {t('servers.addFirst')}
        </button>
      </div>
      <p className="welcome__need">{t('wizard.welcome.need')}</p>
    </div>
  )
}
