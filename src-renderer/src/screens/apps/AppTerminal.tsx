import { useState } from 'react'
import { Terminal } from '../../components/Terminal'

// "app" is the main service in Co-op Cloud recipes, so it comes first.
function firstService(services: string[]): string {
  return services.includes('app') ? 'app' : (services[0] ?? '')
}

export function AppTerminal({ server, domain, services, deployed }: { server: string; domain: string; services: string[]; deployed: boolean }) {
  const [service, setService] = useState(() => firstService(services))
  if (!deployed) return <p className="muted">The app is not deployed, so there is nothing to open a terminal in. Deploy it first.</p>
  if (!service) return <p className="muted">The app has no running service to open a terminal in.</p>
  return (
    <div className="app-terminal">
      <p className="page__intro">
        A command line inside one of the app’s containers, for when you know what you are doing. Changes you make there
        are lost when the container restarts.
      </p>
      {services.length > 1 && (
        <div className="field">
          <label className="field__label" htmlFor="terminal-service">
            Service
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
