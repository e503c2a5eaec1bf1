import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UptimeStrip } from '../../../../src-main/contract/health-app'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { LineChart } from '../../components/charts/LineChart'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon, type IconName } from '../../components/Icon'
import { RetryPanel } from '../../components/RetryPanel'
import { bytesText, everyText, exactTimeText, timeText } from '../../lib/format'
import { useCheckIntervalSeconds } from '../../state/alerts'
import { incidentText, slotRuns, slotText, stripSummary, stripText } from './appHealthText'
import { usePolled } from '../../lib/usePolled'
import '../../styles/app-health.css'

// An app's Health tab: is it up (24 hours, 7 days), what went wrong and when,
// its processor and memory use, and its volumes. Uptime comes from the
// monitor's checks (as often as Settings > Alerts says); the core measures
// processor and memory only while this tab asks (once a minute while it is
// shown, and never more than every 30 s per app), so closing the tab or
// leaving the page stops the measuring.

const USAGE_EVERY_MS = 60_000
const USAGE_HOURS = 6
const HOUR = 60 * 60_000

type SlotState = UptimeStrip['slots'][number]['state']
const STATE_ICON: Record<SlotState, IconName> = { up: 'check', partial: 'alert', down: 'cross', none: 'dash' }
const STATES: SlotState[] = ['up', 'partial', 'down', 'none']

export function AppHealth(props: { server: string; domain: string; deployed: boolean }) {
  return (
    <div className="app-health" data-testid="app-health">
      <Uptime {...props} />
      <Usage {...props} />
      <Volumes {...props} />
    </div>
  )
}

function Uptime({ server, domain }: { server: string; domain: string }) {
  const { t } = useTranslation()
  // The monitor adds a minute at a time: read again each minute while shown.
  const read = useCallback(() => api.call('health.app', { server, domain }), [server, domain])
  const { value: health, error, load } = usePolled(read, USAGE_EVERY_MS)
  const checkSeconds = useCheckIntervalSeconds()

  return (
    <section className="app-health__section" aria-labelledby="app-health-uptime">
      <h2 id="app-health-uptime" className="section-title">
        {t('appHealth.uptimeTitle')}
      </h2>
      <p className="muted">{t('appHealth.uptimeIntro', { every: everyText(checkSeconds) })}</p>
      {!health && !error && <Busy>{t('appHealth.loading')}</Busy>}
      {error && <RetryPanel error={error} onRetry={load} />}
      {health && (
        <>
          {!health.history && <p className="muted">{t('appHealth.noHistory')}</p>}
          <Strip id="day" period={t('appHealth.day')} strip={health.day} />
          <Strip id="week" period={t('appHealth.week')} strip={health.week} />
          <Legend />
          <h3 className="app-health__subtitle">{t('appHealth.incidentsTitle')}</h3>
          {health.incidents.length === 0 ? (
            <p data-testid="app-incidents-none">{t('appHealth.noIncidents')}</p>
          ) : (
            <ul className="app-incidents" data-testid="app-incidents">
              {health.incidents.map((i) => (
                <li
                  key={`${i.kind}-${i.start}`}
                  className={`app-incidents__item${i.end ? '' : ' app-incidents__item--open'}`}
                  title={i.end ? `${exactTimeText(i.start)} – ${exactTimeText(i.end)}` : exactTimeText(i.start)}
                  data-testid="app-incident"
                >
                  <Icon name={i.end ? 'check' : 'alert'} className="app-incidents__icon" />
                  <span>{incidentText(i)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}

function Strip({ id, period, strip }: { id: string; period: string; strip: UptimeStrip }) {
  const { t } = useTranslation()
  const words = stripText(strip)
  const now = new Date()
  const step = strip.slotMinutes * 60_000
  return (
    <div className="uptime" data-testid={`uptime-${id}`} data-up-pct={strip.upPct ?? ''}>
      <div className="uptime__head">
        <h3 className="uptime__period">{period}</h3>
        <p className="uptime__words">
          {words.up && <strong>{words.up}</strong>} {words.down}
        </p>
      </div>
      <div className="uptime__strip" role="img" aria-label={stripSummary(period, strip)}>
        {strip.slots.map((s) => (
          <span
            key={s.from}
            className={`uptime__slot uptime__slot--${s.state}`}
            data-state={s.state}
            title={slotText({ ...s, to: new Date(Date.parse(s.from) + step).toISOString() }, now)}
          />
        ))}
      </div>
      <div className="uptime__axis" aria-hidden="true">
        <span title={exactTimeText(strip.from)}>{timeText(strip.from, now)}</span>
        <span>{t('appHealth.now')}</span>
      </div>
      <ul className="sr-only" aria-label={t('appHealth.slotsList', { period })}>
        {slotRuns(strip).map((r) => (
          <li key={r.from}>{slotText(r, now)}</li>
        ))}
      </ul>
    </div>
  )
}

function Legend() {
  const { t } = useTranslation()
  return (
    <ul className="uptime-legend" aria-label={t('appHealth.legend')}>
      {STATES.map((s) => (
        <li key={s} className="uptime-legend__item">
          <span className={`uptime__slot uptime__slot--${s} uptime-legend__swatch`} aria-hidden="true" />
          <Icon name={STATE_ICON[s]} className={`uptime-legend__icon uptime-legend__icon--${s}`} />
          {t(`appHealth.state.${s}`)}
        </li>
      ))}
    </ul>
  )
}

function Usage({ server, domain, deployed }: { server: string; domain: string; deployed: boolean }) {
  const { t, i18n } = useTranslation()
  // This call is what keeps the core measuring: one now, then one a minute while the tab is shown.
  const read = useCallback(() => api.call('health.appUsage', { server, domain, hours: USAGE_HOURS }), [server, domain])
  const { value: usage, error, at, load } = usePolled(read, USAGE_EVERY_MS, deployed)
  const [shownAt] = useState(() => Date.now())
  const to = at ?? shownAt

  // Small shares keep two decimals, so a quiet app's chart doesn't label two ticks alike ("0.1 %", "0.1 %").
  const pct = (v: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: v < 1 ? 2 : v < 10 ? 1 : 0 }).format(v) + ' %'
  const range = { from: to - USAGE_HOURS * HOUR, to }
  return (
    <section className="app-health__section" aria-labelledby="app-health-usage" data-testid="app-usage">
      <h2 id="app-health-usage" className="section-title">
        {t('appHealth.usageTitle')}
      </h2>
      <p className="muted">{t('appHealth.usageIntro')}</p>
      {deployed && !usage && !error && <Busy>{t('appHealth.usageLoading')}</Busy>}
      {error && <RetryPanel error={error} title={t('appHealth.usageError')} onRetry={load} />}
      {usage?.error && <p className="app-health__note" data-testid="app-usage-error">{usage.error}</p>}
      {(!deployed || (usage && usage.services.length === 0 && !usage.error)) && <p>{t('appHealth.noUsage')}</p>}
      {usage?.services.map((s) => (
        <div key={s.service} className="app-usage__service" data-testid="app-usage-service" data-service={s.service} data-mem={s.now?.memBytes ?? ''}>
          {s.now && usage.measuredAt && (
            <p className="app-usage__now">
              {t('appHealth.usageNow', { service: s.service, cpu: pct(s.now.cpuPct), memory: bytesText(s.now.memBytes), when: timeText(usage.measuredAt) })}
            </p>
          )}
          <div className="app-usage__charts">
            <LineChart title={t('appHealth.cpuChart', { service: s.service })} points={s.cpu.map((p) => ({ at: Date.parse(p.at), value: p.value }))} range={range} stepMs={USAGE_EVERY_MS} min={0} format={pct} height={150} />
            <LineChart title={t('appHealth.memoryChart', { service: s.service })} points={s.memory.map((p) => ({ at: Date.parse(p.at), value: p.value }))} range={range} stepMs={USAGE_EVERY_MS} min={0} format={(v) => bytesText(v)} height={150} />
          </div>
        </div>
      ))}
    </section>
  )
}

function Volumes({ server, domain }: { server: string; domain: string }) {
  const { t } = useTranslation()
  // Docker adds every volume up to answer, so this is asked when the tab opens and when the button is pressed, not on a timer.
  const read = useCallback(async () => (await api.call('health.appVolumes', { server, domain })).volumes, [server, domain])
  const { value: volumes, error, busy, load: again } = usePolled(read, null)

  const label = (name: string) => name.charAt(0).toUpperCase() + name.slice(1)
  return (
    <section className="app-health__section" aria-labelledby="app-health-volumes" data-testid="app-volumes">
      <h2 id="app-health-volumes" className="section-title">
        {t('appHealth.volumesTitle')}
      </h2>
      <p className="muted">{t('appHealth.volumesIntro')}</p>
      {busy && !volumes && <Busy>{t('appHealth.volumesLoading')}</Busy>}
      {error && <ErrorPanel error={error} title={t('appHealth.volumesError')} />}
      {volumes && volumes.length === 0 && <p>{t('appHealth.noVolumes')}</p>}
      {volumes && volumes.length > 0 && (
        <ul className="app-volumes">
          {volumes.map((v) => (
            <li key={v.volume} data-testid="app-volume" data-volume={v.volume} data-bytes={v.bytes ?? ''}>
              {t('appHealth.volume', { name: label(v.name), volume: v.volume, size: v.bytes === undefined ? t('appHealth.sizeUnknown') : bytesText(v.bytes) })}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="btn btn--secondary" onClick={again} disabled={busy}>
          {t('appHealth.measureAgain')}
        </button>
      </div>
    </section>
  )
}
