import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { api } from '../api/client'
import { appendChunk, emptyLineBuffer, filterLines, flushPartial, highlightParts, keepLast, type LogLine } from '../lib/appLogs'
import { exactTimeText, logTimeText } from '../lib/format'
import { openStream } from '../state/apps'
import { ErrorPanel } from './ErrorPanel'

const MAX_LINES = 5000

// The app's logs as they come: pick a service, search, pause to read.
export function LogView({ server, domain, services }: { server: string; domain: string; services: string[] }) {
  const { t } = useTranslation()
  const [service, setService] = useState('')
  const [query, setQuery] = useState('')
  const [pausedAt, setPausedAt] = useState<number>()
  const [run, setRun] = useState(0)

  return (
    <div className="logs">
      <div className="logs__controls">
        <div className="field">
          <label className="field__label" htmlFor="logs-service">
            {t('apps.logView.service')}
          </label>
          <select
            id="logs-service"
            className="input"
            value={service}
            onChange={(e) => {
              setService(e.target.value)
              setPausedAt(undefined)
            }}
            data-testid="logs-service"
          >
            <option value="">{t('apps.logView.allServices')}</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field logs__search">
          <label className="field__label" htmlFor="logs-search">
            {t('apps.logView.search')}
          </label>
          <input
            id="logs-search"
            className="input"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('apps.logView.searchPlaceholder')}
            data-testid="logs-search"
          />
        </div>
      </div>
      <LogStream
        key={`${service}#${run}`}
        server={server}
        domain={domain}
        service={service || undefined}
        query={query}
        pausedAt={pausedAt}
        onPause={setPausedAt}
        onRestart={() => {
          setRun(run + 1)
          setPausedAt(undefined)
        }}
      />
    </div>
  )
}

function LogStream({
  server,
  domain,
  service,
  query,
  pausedAt,
  onPause,
  onRestart
}: {
  server: string
  domain: string
  service?: string
  query: string
  pausedAt?: number
  onPause: (at: number | undefined) => void
  onRestart: () => void
}) {
  const { t } = useTranslation()
  const [lines, setLines] = useState<LogLine[]>([])
  const [state, setState] = useState<'starting' | 'open' | 'ended'>('starting')
  const [error, setError] = useState<ApiErrorBody>()
  const [endError, setEndError] = useState<string>()
  const buffer = useRef(emptyLineBuffer())
  const box = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const add = (found: LogLine[]): void => {
      if (found.length > 0) setLines((prev) => keepLast([...prev, ...found], MAX_LINES))
    }
    const handle = openStream(() => api.call('apps.logs', { server, domain, ...(service ? { service } : {}), follow: true }), {
      onStarted: () => setState('open'),
      onData: (data, svc) => {
        const r = appendChunk(buffer.current, data, svc)
        buffer.current = r.buffer
        add(r.lines)
      },
      onEnd: (end) => {
        const r = flushPartial(buffer.current)
        buffer.current = r.buffer
        add(r.lines)
        setState('ended')
        if (end.error) setEndError(end.error)
      },
      onError: (err) => {
        setState('ended')
        setError(err)
      }
    })
    return () => handle.stop()
  }, [server, domain, service])

  const following = pausedAt === undefined
  const visible = filterLines(following ? lines : lines.filter((l) => l.id <= pausedAt), query)
  const waiting = following ? 0 : lines.filter((l) => l.id > pausedAt).length
  const last = lines.length > 0 ? lines[lines.length - 1].id : 0

  useEffect(() => {
    const el = box.current
    if (el && following) el.scrollTop = el.scrollHeight
  }, [visible.length, following])

  return (
    <>
      <div className="logs__status">
        <p className="muted" aria-live="polite">
          {state === 'starting' && t('apps.logView.connecting')}
          {state === 'open' && (following ? t('apps.logView.following') : t('apps.logView.paused', { count: waiting }))}
          {state === 'ended' && !error && t('apps.logView.ended')}
          {query.trim() && t('apps.logView.matches', { shown: visible.length, total: lines.length })}
        </p>
        <div className="actions">
          {state === 'open' && (
            <button type="button" className="btn btn--secondary btn--small" onClick={() => onPause(following ? last : undefined)} data-testid="logs-follow">
              {following ? t('apps.logView.pause') : t('apps.logView.followAgain')}
            </button>
          )}
          {state === 'ended' && (
            <button type="button" className="btn btn--secondary btn--small" onClick={onRestart}>
              {t('apps.logView.startAgain')}
            </button>
          )}
        </div>
      </div>
      {error && <ErrorPanel error={error} title={t('apps.logView.readFailed')} />}
      {endError && <p className="field__error">{endError}</p>}
      <div className="logs__lines" ref={box} data-testid="logs-view" role="log" aria-label={t('apps.logView.linesLabel')} tabIndex={0}>
        {visible.length === 0 && (
          <p className="logs__empty muted">
            {lines.length === 0 ? (state === 'ended' ? t('apps.logView.noLines') : t('apps.logView.noLinesYet')) : t('apps.logView.noMatch')}
          </p>
        )}
        {visible.map((l) => (
          <div className="log-line" key={l.id}>
            {l.at && (
              <time className="log-line__time" dateTime={l.at} title={exactTimeText(l.at)}>
                {logTimeText(l.at)}
              </time>
            )}
            {l.service && !service && <span className="log-line__service">{l.service}</span>}
            <span className="log-line__text">
              {highlightParts(l.text, query).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
            </span>
          </div>
        ))}
      </div>
    </>
  )
}
