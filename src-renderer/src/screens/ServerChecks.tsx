import { useTranslation } from 'react-i18next'
import { ChecksView } from '../components/ChecksView'
import { Icon } from '../components/Icon'
import { PageTitle } from '../components/PageTitle'
import { ServerHealth } from './server-health/ServerHealth'
import { Machines } from './machines/Machines'
import { AddMachine } from './machines/AddMachine'
import { NightlyServer } from './nightly/NightlyServer'
import { useNavigate } from '../navigation'

export function ServerChecks({ name }: { name: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const back = () => navigate({ screen: 'servers' })
  return (
    <div className="page" data-testid="server-checks">
      <button type="button" className="btn btn--ghost btn--small back" onClick={back}>
        <Icon name="back" /> {t('servers.title')}
      </button>
      <header className="page__head">
        <PageTitle>{t('servers.checks.title', { name })}</PageTitle>
      </header>
      <p className="page__intro">{t('servers.checks.intro')}</p>
      <ChecksView
        name={name}
        finish={{ onFinish: back, readyLabel: t('servers.checks.readyLabel'), laterLabel: t('servers.checks.laterLabel') }}
      />
      <ServerHealth name={name} />
      <NightlyServer name={name} />
      <Machines name={name} addMachine={AddMachine} />
    </div>
  )
}
