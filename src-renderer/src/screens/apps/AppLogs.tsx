import { useTranslation } from 'react-i18next'
import { LogView } from '../../components/LogView'

export function AppLogs({ server, domain, services, deployed }: { server: string; domain: string; services: string[]; deployed: boolean }) {
  const { t } = useTranslation()
  if (!deployed) return <p className="muted">{t('apps.logsTab.notDeployed')}</p>
  return <LogView server={server} domain={domain} services={services} />
}
