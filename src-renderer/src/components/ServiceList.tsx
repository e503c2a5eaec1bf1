import { Trans, useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
  if (services.length === 0) return <p className="muted">{t('apps.serviceList.none')}</p>
  return (
    <ul className="services" aria-label={t('apps.serviceList.label')}>
      {services.map((s) => {
        const own = tasks?.filter((k) => k.service === s.name || k.service === s.fullName) ?? []
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
                    {restart.busy === s.name ? t('apps.serviceList.restarting') : t('apps.serviceList.restart')}
                    <span className="sr-only"> {s.name}</span>
                  </button>
                )}
              </div>
            </div>
            <p className="service__words">{s.words}</p>
            <ul className="service__facts" aria-label={t('apps.serviceList.about', { name: s.name })}>
              <li>{replicasText(s)}</li>
              <li>{serviceHealthText(s.health)}</li>
              <li>{restartsText(s.restarts, s.failedStarts)}</li>
            </ul>
            {s.error && (
              <p className="service__error">
                <span className="service__error-label">{t('apps.serviceList.lastError')}</span>
                <span className="mono">{s.error}</span>
              </p>
            )}
            {(own.length > 0 || s.updateState || s.image) && (
              <details className="details">
                <summary>
                  {t('common.actions.showDetails')}
                  <span className="sr-only">{t('apps.serviceList.detailsOf', { name: s.name })}</span>
                </summary>
                <div className="details__text service__details">
                  <p>
                    <Trans i18nKey="apps.serviceList.serviceImage" values={{ service: s.fullName, image: s.image }} components={{ mono: <span className="mono" /> }} />
                  </p>
                  {s.updateState && (
                    <p>
                      {s.updateMessage
                        ? t('apps.serviceList.lastUpdateMessage', { state: s.updateState, message: s.updateMessage })
                        : t('apps.serviceList.lastUpdate', { state: s.updateState })}
                    </p>
                  )}
                  {own.length > 0 && (
                    <table className="tasks">
                      <caption className="sr-only">{t('apps.serviceList.tasksOf', { name: s.name })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('apps.serviceList.task')}</th>
                          <th scope="col">{t('apps.serviceList.node')}</th>
                          <th scope="col">{t('apps.serviceList.state')}</th>
                          <th scope="col">{t('apps.serviceList.since')}</th>
                          <th scope="col">{t('apps.serviceList.message')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {own.map((k) => (
                          <tr key={k.id}>
                            <td className="mono">{k.slot !== undefined ? `${s.name}.${k.slot}` : k.id.slice(0, 12)}</td>
                            <td>{k.node}</td>
                            <td>
                              {k.state}
                              {k.desiredState !== k.state ? t('apps.serviceList.wanted', { state: k.desiredState }) : ''}
                              {k.health ? `, ${k.health}` : ''}
                            </td>
                            <td>{k.since}</td>
                            <td>{k.error ?? k.message ?? ''}</td>
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
