import type { z } from 'zod'
import type { ServiceStatus, TaskInfo } from '../../../src-main/contract/apps'
import { healthStatus, replicasText, restartsText, serviceHealthText } from '../lib/appStatus'
import { StatusBadge } from './StatusBadge'

type Task = z.infer<typeof TaskInfo>

// One row per service: its state in words first, the numbers after, and the
// swarm's own words (tasks, nodes) folded under "Show details".
export function ServiceList({
  services,
  tasks,
  testIdPrefix = 'service',
  restart
}: {
  services: ServiceStatus[]
  tasks?: Task[]
  testIdPrefix?: string
  restart?: { busy?: string; onRestart: (name: string) => void }
}) {
  if (services.length === 0) return <p className="muted">No services are running for this app.</p>
  return (
    <ul className="services" aria-label="Services">
      {services.map((s) => {
        const own = tasks?.filter((t) => t.service === s.name || t.service === s.fullName) ?? []
        return (
          <li key={s.name} className="service" data-testid={`${testIdPrefix}-${s.name}`} data-status={s.status}>
            <div className="service__head">
              <h3 className="service__name">{s.name}</h3>
              <div className="service__state">
                <StatusBadge status={healthStatus(s.status)} />
                {restart && (
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    onClick={() => restart.onRestart(s.name)}
                    disabled={restart.busy !== undefined}
                    data-testid={`service-restart-${s.name}`}
                  >
                    {restart.busy === s.name ? 'Restarting…' : 'Restart'}
                    <span className="sr-only"> {s.name}</span>
                  </button>
                )}
              </div>
            </div>
            <p className="service__words">{s.words}</p>
            <ul className="service__facts" aria-label={`About ${s.name}`}>
              <li>{replicasText(s)}</li>
              <li>{serviceHealthText(s.health)}</li>
              <li>{restartsText(s.restarts)}</li>
            </ul>
            {s.error && (
              <p className="service__error">
                <span className="service__error-label">Last error: </span>
                <span className="mono">{s.error}</span>
              </p>
            )}
            {(own.length > 0 || s.updateState || s.image) && (
              <details className="details">
                <summary>
                  Show details<span className="sr-only"> of {s.name}</span>
                </summary>
                <div className="details__text service__details">
                  <p>
                    Service <span className="mono">{s.fullName}</span>, image <span className="mono">{s.image}</span>
                  </p>
                  {s.updateState && (
                    <p>
                      Last update: {s.updateState}
                      {s.updateMessage ? ` — ${s.updateMessage}` : ''}
                    </p>
                  )}
                  {own.length > 0 && (
                    <table className="tasks">
                      <caption className="sr-only">Tasks of {s.name}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Task</th>
                          <th scope="col">Node</th>
                          <th scope="col">State</th>
                          <th scope="col">Since</th>
                          <th scope="col">Message</th>
                        </tr>
                      </thead>
                      <tbody>
                        {own.map((t) => (
                          <tr key={t.id}>
                            <td className="mono">{t.slot !== undefined ? `${s.name}.${t.slot}` : t.id.slice(0, 12)}</td>
                            <td>{t.node}</td>
                            <td>
                              {t.state}
                              {t.desiredState !== t.state ? ` (wanted: ${t.desiredState})` : ''}
                              {t.health ? `, ${t.health}` : ''}
                            </td>
                            <td>{t.since}</td>
                            <td>{t.error ?? t.message ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              </details>
            )}
          </li>
        )
      })}
    </ul>
  )
}
