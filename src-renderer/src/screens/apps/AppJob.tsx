import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { JobProgress } from '../../components/JobProgress'
import { useNavigate } from '../../navigation'
import { forgetApp, reloadApps } from '../../state/apps'
import { useJob } from '../../state/jobs'

export interface AppJobInfo {
  jobId: string
  kind: 'undeploy' | 'remove'
  server: string
  domain: string
}

// Undeploying and removing run as jobs; they show on the app's page, under
// its heading, rather than in a dialog that would block the rest of the app.
export function AppJob({ info, onClose }: { info: AppJobInfo; onClose: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const job = useJob(info.jobId)
  const ended = job !== undefined && job.status !== 'running'
  const removed = info.kind === 'remove' && job?.status === 'done'

  useEffect(() => {
    if (!ended) return
    if (removed) forgetApp(info.server, info.domain)
    void reloadApps()
  }, [ended, removed, info.server, info.domain])

  return (
    <section className="app-job" data-testid={`app-job-${info.kind}`}>
      <JobProgress job={job} />
      {removed && (
        <p className="panel panel--ok" role="status">
          {t('apps.job.removed', { domain: info.domain })}
        </p>
      )}
      {ended && (
        <div className="actions">
          {removed ? (
            <button type="button" className="btn btn--primary" onClick={() => navigate({ screen: 'apps' })}>
              {t('apps.job.backToAll')}
            </button>
          ) : (
            <button type="button" className="btn btn--secondary" onClick={onClose}>
              {t('common.actions.close')}
            </button>
          )}
        </div>
      )}
    </section>
  )
}
