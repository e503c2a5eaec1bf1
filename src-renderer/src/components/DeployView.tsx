import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, Job } from '../../../src-main/contract'
import type { DeployCause, DeployProgress } from '../../../src-main/contract/apps'
import { api } from '../api/client'
import {
  convergedPercent,
  convergedText,
  elapsedText,
  isFinalPhase,
  phaseSentence,
  phaseStatus,
  secondsText,
  type DeployPhase
} from '../lib/appStatus'
import { errorBody } from '../lib/errors'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { ProgressBar } from './JobProgress'
import { ServiceList } from './ServiceList'
import { SiteLink } from './SiteLink'
import { StatusBadge } from './StatusBadge'

// Seconds since the job started, ticking while it runs.
function useElapsed(startedAt: number | undefined, endedAt: number | undefined): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (endedAt !== undefined) return
    const t = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(t)
  }, [endedAt])
  if (startedAt === undefined) return 0
  return ((endedAt ?? now) - startedAt) / 1000
}

// A deploy as it happens: the phase in words, how far the services are, and
// at the end what happened and what to do next. It only shows; the screen
// decides where the buttons lead.
export function DeployView({
  phase,
  progress,
  job,
  ...actions
}: {
  phase: DeployPhase
  progress?: DeployProgress
  job?: Job
} & ActionProps) {
  const { t } = useTranslation()
  const services = progress?.services ?? []
  const final = isFinalPhase(phase)
  const status = phaseStatus(phase)
  const elapsed = useElapsed(job?.startedAt, final ? (job?.endedAt ?? job?.startedAt) : job?.endedAt)
  const percent = convergedPercent(phase, services)
  const counted = convergedText(services)
  const [cancelling, setCancelling] = useState(false)
  const [cancelError, setCancelError] = useState<ApiErrorBody>()

  // Going back to the earlier version can't be stopped halfway safely.
  const canCancel = !final && phase !== 'rolling-back' && job?.status === 'running'
  const cancel = (): void => {
    if (!job) return
    setCancelling(true)
    setCancelError(undefined)
    api.call('jobs.cancel', { jobId: job.id }).then(
      () => setCancelling(false),
      (err: unknown) => {
        setCancelling(false)
        setCancelError(errorBody(err))
      }
    )
  }

  const ok = phase === 'done'
  const panelTone = ok ? 'ok' : phase === 'rolled-back' || phase === 'cancelled' ? 'warn' : 'bad'

  return (
    <section className="deploy" data-testid="deploy-progress" data-phase={phase} aria-labelledby="deploy-phase">
      <div className="deploy__head">
        <StatusBadge status={status} />
        <p className={final || phase === 'rolling-back' ? 'sr-only' : 'deploy__sentence'} id="deploy-phase" aria-live="polite">
          {phaseSentence(phase)}
        </p>
      </div>

      {!final && (
        <div className="deploy__bar">
          <ProgressBar percent={percent} label={t('apps.deployView.progressLabel')} />
          <p className="deploy__numbers">
            {counted && <span>{counted}</span>}
            {progress && job && <span>{elapsedText(elapsed, progress.timeoutSeconds)}</span>}
          </p>
        </div>
      )}

      {phase === 'rolling-back' && (
        <div className="panel panel--warn" role="status">
          <div className="panel__head">
            <Icon name="sync" className="panel__icon icon--spin" />
            <h3 className="panel__title">{t('apps.deployView.goingBackTitle')}</h3>
          </div>
          <p>{t('apps.deployView.goingBackText')}</p>
        </div>
      )}

      {final && (
        <div className={`panel panel--${panelTone}`} data-testid="deploy-summary" role="status">
          <div className="panel__head">
            <Icon name={ok ? 'check' : 'alert'} className="panel__icon" />
            <h3 className="panel__title">{(phase === 'failed' || phase === 'timed-out') && progress?.cause ? t(`apps.deployView.causes.${progress.cause}`) : phaseSentence(phase)}</h3>
          </div>
          {progress?.summary && <p className="deploy__summary">{progress.summary}</p>}
          {!progress?.summary && job?.error && <p className="deploy__summary">{job.error.message}</p>}
          {progress?.next && (
            <p className="deploy__next">
              <strong>{t('apps.deployView.whatNext')}</strong>
              {progress.next}
            </p>
          )}
          {job?.startedAt !== undefined && <p className="muted">{t('apps.deployView.took', { time: secondsText(elapsed) })}</p>}
          <EndActions phase={phase} cause={progress?.cause} {...actions} />
        </div>
      )}

      {services.length > 0 && (
        <section className="deploy__services" aria-labelledby="deploy-services-title">
          <h2 id="deploy-services-title" className="section-title">
            {t('apps.deployView.servicesTitle')}
          </h2>
          <ServiceList services={services} testIdPrefix="deploy-service" />
        </section>
      )}

      {job && <DeployLog job={job} />}

      {canCancel && (
        <div className="actions">
          <button type="button" className="btn btn--secondary" onClick={cancel} disabled={cancelling}>
            {cancelling ? t('apps.deployView.cancelling') : t('common.actions.cancel')}
          </button>
        </div>
      )}
      {cancelError && <ErrorPanel error={cancelError} title={t('apps.deployView.cancelFailed')} />}
    </section>
  )
}

// The buttons a deploy's end offers, by what happened. Logs lead only where
// something ran and wrote them (it exited, or failed its health check).
/** Where the end's buttons lead; the screen decides. */
interface ActionProps {
  domain: string
  /** The app's page here. */
  onManage: () => void
  onOpenLogs: () => void
  onTryAgain: () => void
  tryingAgain?: boolean
}

function EndActions({ phase, cause, domain, onManage, onOpenLogs, onTryAgain, tryingAgain }: { phase: DeployPhase; cause?: DeployCause } & ActionProps) {
  const { t } = useTranslation()
  if (phase === 'done') {
    return (
      <div className="actions">
        <SiteLink domain={domain} label={t('apps.deployView.openSite', { domain })} className="btn btn--primary site-link--button" testId="deploy-open-site" />
        <button type="button" className="btn btn--secondary" onClick={onManage} data-testid="deploy-manage">
          {t('apps.deployView.manage')}
        </button>
      </div>
    )
  }
  const logs = cause === 'exits' || cause === 'health' || cause === 'unknown'
  return (
    <div className="actions">
      {logs && (
        <button type="button" className="btn btn--primary" onClick={onOpenLogs} data-testid="deploy-open-logs">
          {t('apps.deployView.openLogs')}
        </button>
      )}
      <button type="button" className={logs ? 'btn btn--secondary' : 'btn btn--primary'} onClick={onManage} data-testid="deploy-manage">
        {t('apps.deployView.manage')}
      </button>
      <button type="button" className="btn btn--secondary" onClick={onTryAgain} disabled={tryingAgain} data-testid="deploy-try-again">
        {tryingAgain ? t('apps.deployView.starting') : t('common.actions.tryAgain')}
      </button>
    </div>
  )
}

function DeployLog({ job }: { job: Job }) {
  const { t } = useTranslation()
  const pre = useRef<HTMLPreElement>(null)
  const lines = job.error?.detail ? [...job.log, job.error.detail] : job.log
  useEffect(() => {
    const el = pre.current
    if (el) el.scrollTop = el.scrollHeight
  }, [lines.length])
  return (
    <details className="details">
      <summary>{t('apps.deployView.logSummary')}</summary>
      <pre className="details__text details__text--log" ref={pre} tabIndex={0} aria-label={t('apps.deployView.logLabel')}>
        {lines.length > 0 ? lines.join('\n') : t('apps.deployView.nothingLogged')}
      </pre>
    </details>
  )
}
