import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NightlyStatus } from '../../../../src-main/contract/nightly'
import { Busy } from '../../components/Busy'
import { Icon } from '../../components/Icon'
import { RetryPanel } from '../../components/RetryPanel'
import { ShowDetails } from '../../components/ShowDetails'
import { StatusBadge } from '../../components/StatusBadge'
import { bytesText, exactTimeText, timeText } from '../../lib/format'
import type { Status } from '../../lib/status'
import { i18n } from '../../i18n'
import { useNavigate } from '../../navigation'
import { NightlySetupDialog } from './NightlySetupDialog'
import { utcToLocal } from './nightlyText'
import { useNightly } from './useNightly'
import '../../styles/server-health.css'
import '../../styles/nightly.css'

// A server's page: are its apps backed up every night on the server, did
// last night's run work, and what to do when it didn't. Read again every 5
// minutes while shown.
export function NightlyServer({ name }: { name: string }) {
  const { t } = useTranslation()
  const { value: status, error, load, at } = useNightly(name)
  const [setupOpen, setSetupOpen] = useState(false)
  // After a setup that worked, "Set up nightly backups" is gone: focus lands on the section's heading.
  const titleRef = useRef<HTMLHeadingElement>(null)
  const focusTitle = useCallback(() => titleRef.current?.focus(), [])

  return (
    <section className="server-health nightly" aria-labelledby="nightly-title" data-testid="nightly-server" data-configured={status ? String(status.configured) : ''}>
      <div className="nightly__head">
        <h2 id="nightly-title" className="server-health__title" tabIndex={-1} ref={titleRef}>
          {t('nightly.server.title')}
        </h2>
        {status?.configured && <StatusBadge status={overall(status)} />}
      </div>
      <p className="muted">{t('nightly.server.intro')}</p>
      {!status && !error && <Busy>{t('nightly.server.loading')}</Busy>}
      {error && <RetryPanel error={error} title={t('nightly.server.loadError')} onRetry={load} />}
      {status && !status.configured && (
        <div className="nightly__none" data-testid="nightly-not-set-up">
          <p>{t('nightly.server.notSetUp')}</p>
          <div className="actions">
            <button type="button" className="btn btn--primary" onClick={() => setSetupOpen(true)} data-testid="nightly-set-up">
              {t('nightly.server.setUp')}
            </button>
          </div>
        </div>
      )}
      {status?.configured && <Configured status={status} onCheck={load} checkedAt={at} />}
      <NightlySetupDialog server={name} open={setupOpen} onOpenChange={setSetupOpen} onSetUp={load} onClosedSetUp={focusTitle} />
    </section>
  )
}

function overall(s: NightlyStatus): Status {
  const t = i18n.t
  if (s.warning) return { tone: 'warn', icon: 'alert', word: t('nightly.server.statusAttention') }
  if (!s.lastRun) return { tone: 'info', icon: 'info', word: t('nightly.server.statusWaiting') }
  return { tone: 'ok', icon: 'check', word: t('nightly.server.statusOk') }
}

/** "a, b and c" in the page's language. */
function listText(items: string[]): string {
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' })
  return list.format(items)
}

function runWords(run: NonNullable<NightlyStatus['lastRun']>): string {
  const t = i18n.t
  const when = run.time ? timeText(run.time) : undefined
  if (!run.ok) return when ? t('nightly.server.lastRunFailedAt', { when }) : t('nightly.server.lastRunFailed')
  if (!when) return t('nightly.server.lastRunOkNoTime')
  return run.size !== undefined ? t('nightly.server.lastRunOkSize', { when, size: bytesText(run.size) }) : t('nightly.server.lastRunOk', { when })
}

function Configured({ status, onCheck, checkedAt }: { status: NightlyStatus; onCheck: () => void; checkedAt?: number }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const run = status.lastRun
  const local = status.time ? utcToLocal(status.time) : undefined
  const apps = status.apps.map((a) => a.domain ?? a.stack)
  const openBot = status.domain ? (): void => navigate({ screen: 'app', server: status.server, domain: status.domain ?? '' }) : undefined
  return (
    <>
      {status.warning && (
        <div className="panel panel--warn" role="alert" data-testid="nightly-warning">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">{t('nightly.server.warningTitle')}</h3>
          </div>
          <p>{status.warning}</p>
          <ShowDetails text={run?.details} />
          <BotActions openBot={openBot} onCheck={onCheck} openTone="primary" />
        </div>
      )}
      <dl className="server-health__facts" data-testid="nightly-facts">
        <dt>{t('nightly.server.lastRun')}</dt>
        <dd data-testid="nightly-last-run" data-ok={run ? String(run.ok) : ''}>
          {!run && t('nightly.server.lastRunNone')}
          {run && (
            <span className={`nightly__run nightly__run--${run.ok ? 'ok' : 'bad'}`} title={run.time ? exactTimeText(run.time) : undefined}>
              <Icon name={run.ok ? 'check' : 'cross'} />{' '}
              {runWords(run)}
            </span>
          )}
        </dd>
        <dt>{t('nightly.server.where')}</dt>
        <dd>{status.where?.words}</dd>
        <dt>{t('nightly.server.when')}</dt>
        <dd>{local ? t('nightly.server.everyNight', { time: local }) : t('nightly.server.ownSchedule')}</dd>
        {status.keep !== undefined && (
          <>
            <dt>{t('nightly.server.keep')}</dt>
            <dd>{t('nightly.server.keepCount', { count: status.keep })}</dd>
          </>
        )}
        <dt>{t('nightly.server.apps')}</dt>
        <dd data-testid="nightly-apps">{apps.length > 0 ? listText(apps) : t('nightly.server.appsNone')}</dd>
        {status.domain && (
          <>
            <dt>{t('nightly.server.botApp')}</dt>
            <dd className="mono">{status.domain}</dd>
          </>
        )}
      </dl>
      {checkedAt !== undefined && <p className="muted nightly__checked">{t('nightly.server.checked', { when: timeText(new Date(checkedAt).toISOString()) })}</p>}
      {!status.warning && <BotActions openBot={openBot} onCheck={onCheck} openTone="secondary" />}
    </>
  )
}

/** "Open the backup app" (when it has a domain here) and "Check again": the first is the way forward under a warning. */
function BotActions({ openBot, onCheck, openTone }: { openBot?: () => void; onCheck: () => void; openTone: 'primary' | 'secondary' }) {
  const { t } = useTranslation()
  return (
    <div className="actions">
      {openBot && (
        <button type="button" className={`btn btn--${openTone}`} onClick={openBot}>
          {t('nightly.server.openBot')}
        </button>
      )}
      <button type="button" className="btn btn--secondary" onClick={onCheck}>
        {t('nightly.server.checkAgain')}
      </button>
    </div>
  )
}
