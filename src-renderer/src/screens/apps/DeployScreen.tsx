import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { DeployProgress } from '../../../../src-main/contract/apps'
import { api } from '../../api/client'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { DeployView } from '../../components/DeployView'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { deployKindOf, deployTitle, isFinalPhase, phaseFromJob } from '../../lib/appStatus'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'
import { reloadApps } from '../../state/apps'
import { useJob } from '../../state/jobs'
import '../../styles/apps.css'

export function DeployScreen({ jobId, server, domain }: { jobId: string; server: string; domain: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const job = useJob(jobId)
  const [progress, setProgress] = useState<DeployProgress>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  // Trying again is a deploy like any other: previewed and confirmed first.
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const retrying = previewing !== undefined
  const [retryError, setRetryError] = useState<ApiErrorBody>()

  // Events first, then the snapshot: an event newer than the snapshot wins.
  useEffect(() => {
    let live = true
    let fromEvent = false
    const off = api.on('deploy.progress', (p) => {
      if (!live || p.jobId !== jobId) return
      fromEvent = true
      setProgress(p)
    })
    api.call('apps.deployProgress', { jobId }).then(
      (p) => {
        if (live && !fromEvent) setProgress(p)
      },
      (err: unknown) => live && setLoadError(errorBody(err))
    )
    return () => {
      live = false
      off()
    }
  }, [jobId])

  // The job can end without a last progress event (a crash, a cancel); its
  // status then decides what the screen says.
  const jobEnded = job !== undefined && job.status !== 'running'
  const phase =
    progress && (isFinalPhase(progress.phase) || !jobEnded) ? progress.phase : job ? phaseFromJob(job.status) : (progress?.phase ?? 'preparing')
  const final = isFinalPhase(phase)

  useEffect(() => {
    if (final) void reloadApps()
  }, [final])

  const kind = deployKindOf(job?.kind)
  const version = progress?.version
  const tryAgain = (): void => {
    setRetryError(undefined)
    // A deploy of the local copy is tried again as one: its "version" is the copy's commit, not a release.
    setPreviewing({ server, domain, kind, ...(progress?.chaos ? { chaos: true } : version ? { version } : {}) })
  }

  const openApp = (): void => navigate({ screen: 'app', server, domain })
  return (
    <div className="page" data-testid="deploy-screen">
      <button type="button" className="btn btn--ghost btn--small back" onClick={openApp}>
        <Icon name="back" /> {domain}
      </button>
      <header className="page__head">
        <PageTitle>{job?.title ?? deployTitle(kind, domain, version)}</PageTitle>
      </header>
      <p className="page__intro">{t('apps.deploy.intro', { server })}</p>
      {loadError && !progress && !job && (
        <ErrorPanel error={loadError} title={t('apps.deploy.progressFailed')}>
          <button type="button" className="btn btn--primary" onClick={openApp}>
            {t('apps.deploy.openApp')}
          </button>
        </ErrorPanel>
      )}
      {(progress || job || !loadError) && (
        <DeployView
          phase={phase}
          progress={progress}
          job={job}
          domain={domain}
          onManage={openApp}
          onOpenLogs={() => navigate({ screen: 'app', server, domain, tab: 'logs' })}
          onTryAgain={tryAgain}
          tryingAgain={retrying}
        />
      )}
      {retryError && <ErrorPanel error={retryError} title={t('apps.deploy.retryFailed')} />}
      <DeployPreviewDialog
        request={previewing}
        onClose={() => setPreviewing(undefined)}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          navigate({ screen: 'deploy', jobId, server, domain })
        }}
        onPreviewError={setRetryError}
      />
    </div>
  )
}
