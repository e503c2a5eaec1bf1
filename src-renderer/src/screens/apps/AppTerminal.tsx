import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Terminal } from '../../components/Terminal'

// "app" is the main service in Co-op Cloud recipes, so it comes first.
function firstService(services: string[]): string {
  return services.includes('app') ? 'app' : (services[0] ?? '')
}

export function AppTerminal({ server, domain, services, deployed }: { server: string; domain: string; services: string[]; deployed: boolean }) {
  const { t } = useTranslation()
  const [service, setService] = useState(() => firstService(services))
  if (!deployed) return <p className="muted">{t('apps.terminalTab.notDeployed')}</p>
  if (!service) return <p className="muted">{t('apps.terminalTab.noService')}</p>
  return (
    <div className="app-terminal">
      <p className="page__intro">{t('apps.terminalTab.intro')}</p>
      {services.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor="terminal-service">
            {t('apps.terminalTab.service')}
          </label>
          <select id="terminal-service" className="input" value={service} onChange={(e) => setService(e.target.value)} data-testid="terminal-service">
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      )}
      <Terminal server={server} domain={domain} service={service} />
    </div>
  )
}
