import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { ServerDisk, ServerHealth as Health, SwarmNode } from '../../../../src-main/contract/health-server'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { LineChart } from '../../components/charts/LineChart'
import { RetryPanel } from '../../components/RetryPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { bytesText, everyText, exactTimeText, timeText } from '../../lib/format'
import type { Status } from '../../lib/status'
import { usePolled } from '../../lib/usePolled'
import { useCheckIntervalSeconds } from '../../state/alerts'
import '../../styles/server-health.css'
import { ServerCleanup } from './ServerCleanup'

// A server's page, below its checks: disk, memory and load over the last day
// (from the history the background monitor writes: asking costs the server
// nothing), and its Docker and swarm as the latest check saw them. Read
// again every minute while shown, as the monitor adds a minute at a time.

const EVERY_MS = 60_000
/** The lines drawn on the charts: Health's own limits (monitoring/problems.ts DEFAULT_LIMITS). */
const DISK_LIMIT = 85
const MEMORY_LIMIT = 90

export function ServerHealth({ name }: { name: string }) {
  const { t } = useTranslation()
  const read = useCallback(() => api.call('health.server', { server: name }), [name])
  const { value: health, error, load } = usePolled(read, EVERY_MS)
  const checkSeconds = useCheckIntervalSeconds()

  return (
    <section className="server-health" aria-labelledby="server-health-title" data-testid="server-health">
      <h2 id="server-health-title" className="server-health__title">
        {t('serverHealth.title', { name })}
      </h2>
      <p className="muted">
        {t('serverHealth.intro', { every: everyText(checkSeconds) })}{' '}
        {health?.checkedAt !== undefined ? (
          <span title={exactTimeText(new Date(health.checkedAt).toISOString())}>{t('serverHealth.checked', { when: timeText(new Date(health.checkedAt).toISOString()) })}</span>
        ) : health ? (
          t('serverHealth.notChecked')
        ) : null}
      </p>
      {!health && !error && <Busy>{t('serverHealth.loading')}</Busy>}
      {error && <RetryPanel error={error} onRetry={load} />}
      {health && <Charts health={health} />}
      {health && <Docker health={health} />}
      <ServerCleanup name={name} />
    </section>
  )
}

function Charts({ health }: { health: Health }) {
  const { t, i18n } = useTranslation()
  const pct = (v: number): string => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(v / 100)
  const load = (v: number): string => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(v)
  const range = { from: health.from, to: health.to }
  return (
    <>
      {!health.history && <p className="muted">{t('serverHealth.noHistory')}</p>}
      {health.unreachable && (
        <p className="server-health__warn" role="status">
          {t('serverHealth.unreachable', { error: health.unreachable })}
        </p>
      )}
      <div className="server-health__charts">
        {health.disks.map((d) => (
          <div key={d.mount} className="server-health__chart" data-testid={`server-chart-disk-${d.mount}`}>
            <LineChart title={t('serverHealth.diskTitle', { mount: d.mount })} points={d.points} range={range} min={0} max={100} format={pct} threshold={{ value: DISK_LIMIT, label: t('serverHealth.diskThreshold', { pct: pct(DISK_LIMIT) }) }} />
            <DiskNote disk={d} />
          </div>
        ))}
        <div className="server-health__chart" data-testid="server-chart-memory">
          <LineChart title={t('serverHealth.memoryTitle')} points={health.memory} range={range} min={0} max={100} format={pct} threshold={{ value: MEMORY_LIMIT, label: t('serverHealth.memoryThreshold', { pct: pct(MEMORY_LIMIT) }) }} />
          {health.memoryTotalBytes !== undefined && <p className="muted server-health__note">{t('serverHealth.memoryTotal', { total: bytesText(health.memoryTotalBytes) })}</p>}
        </div>
        <div className="server-health__chart" data-testid="server-chart-load">
          <LineChart title={t('serverHealth.loadTitle')} points={health.load} range={range} min={0} format={load} threshold={{ value: 1, label: t('serverHealth.loadThreshold') }} />
          <p className="muted server-health__note">{t('serverHealth.loadHelp', { count: health.cpus ?? 1 })}</p>
        </div>
      </div>
    </>
  )
}

function DiskNote({ disk }: { disk: ServerDisk }) {
  const { t } = useTranslation()
  const paths = disk.paths.map((p) => (p === '/' ? t('serverHealth.pathSystem') : t('serverHealth.pathDocker', { path: p })))
  const list = new Intl.ListFormat(undefined, { type: 'conjunction' })
  return (
    <p className="muted server-health__note">
      {disk.freeBytes !== undefined && disk.totalBytes !== undefined && t('serverHealth.diskFree', { free: bytesText(disk.freeBytes), total: bytesText(disk.totalBytes) })}{' '}
      {paths.length > 0 && t('serverHealth.diskHolds', { paths: list.format(paths) })}
    </p>
  )
}

const NODE_STATES = ['ready', 'down', 'unknown', 'disconnected', 'unreachable'] as const
type NodeState = (typeof NODE_STATES)[number]

/** A machine's state as colour, icon and word: only "ready" is fine. */
function nodeStatus(n: SwarmNode, word: (s: NodeState) => string): Status {
  const state = n.state === 'ready' && n.unreachable ? 'unreachable' : n.state
  const said = (NODE_STATES as readonly string[]).includes(state) ? word(state as NodeState) : state
  return state === 'ready' ? { tone: 'ok', icon: 'check', word: said } : { tone: 'bad', icon: 'cross', word: said }
}

function Docker({ health }: { health: Health }) {
  const { t } = useTranslation()
  const stateWord = (s: NodeState): string => t(`serverHealth.state.${s}`)
  const d = health.docker
  return (
    <div className="server-health__docker" data-testid="server-docker">
      <h3 className="server-health__subtitle">{t('serverHealth.dockerTitle')}</h3>
      <p className="muted">{t('serverHealth.dockerIntro')}</p>
      {!d ? (
        <p>{t('serverHealth.dockerUnknown')}</p>
      ) : (
        <>
          <dl className="server-health__facts">
            <dt>{t('serverHealth.dockerVersion')}</dt>
            <dd data-testid="server-docker-version">{d.version ?? t('serverHealth.unknownVersion')}</dd>
            <dt>{t('serverHealth.swarmLabel')}</dt>
            <dd data-testid="server-swarm">{t(`serverHealth.swarm.${d.swarm}`)}</dd>
          </dl>
          {d.swarm === 'manager' ? (
            <table className="server-health__nodes" data-testid="server-nodes">
              <caption>{t('serverHealth.nodesTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('serverHealth.col.name')}</th>
                  <th scope="col">{t('serverHealth.col.role')}</th>
                  <th scope="col">{t('serverHealth.col.state')}</th>
                  <th scope="col">{t('serverHealth.col.availability')}</th>
                </tr>
              </thead>
              <tbody>
                {d.nodes.map((n) => (
                  <tr key={n.id}>
                    <th scope="row" title={n.engineVersion ? t('serverHealth.thisDocker', { version: n.engineVersion }) : undefined}>
                      {n.hostname}
                    </th>
                    <td>{t(n.role === 'worker' ? 'serverHealth.role.worker' : n.leader ? 'serverHealth.role.leader' : 'serverHealth.role.manager')}</td>
                    <td>
                      <StatusBadge status={nodeStatus(n, stateWord)} />
                      {n.message && n.state !== 'ready' && <span className="muted server-health__said"> {n.message}</span>}
                    </td>
                    <td>{['active', 'pause', 'drain'].includes(n.availability) ? t(`serverHealth.availability.${n.availability as 'active'}`) : n.availability}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : d.swarm === 'worker' ? (
            <p>{t('serverHealth.nodesNone')}</p>
          ) : null}
        </>
      )}
    </div>
  )
}
