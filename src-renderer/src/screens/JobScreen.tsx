import { useTranslation } from 'react-i18next'
import { Icon } from '../components/Icon'
import { JobProgress } from '../components/JobProgress'
import { PageTitle } from '../components/PageTitle'
import { useNavigate } from '../navigation'
import { useJob } from '../state/jobs'
import { useServers } from '../state/servers'
import { DeployScreen } from './apps/DeployScreen'

// Where the sidebar's jobs indicator leads.
export function JobScreen({ jobId }: { jobId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const job = useJob(jobId)
  const { servers } = useServers()
  const server = job && !job.app ? servers.find((s) => s.name === job.target) : undefined
  // A deploy has its own live view of the app's services.
  if (job?.app && job.kind === 'app-deploy') return <DeployScreen jobId={job.id} server={job.app.server} domain={job.app.domain} />
  const app = job?.app
  const appGone = job?.kind === 'app-remove' && job.status === 'done'
  return (
    <div className="page" data-testid="job-screen">
      {app && !appGone ? (
        <button type="button" className="btn btn--ghost btn--small back" onClick={() => navigate({ screen: 'app', server: app.server, domain: app.domain })}>
          <Icon name="back" /> {app.domain}
        </button>
      ) : (
        <button type="button" className="btn btn--ghost btn--small back" onClick={() => navigate({ screen: app ? 'apps' : 'servers' })}>
          <Icon name="back" /> {app ? t('common.nav.apps') : t('servers.title')}
        </button>
      )}
      <header className="page__head">
        <PageTitle>{job ? job.title : t('jobs.job')}</PageTitle>
      </header>
      {job ? (
        <JobProgress job={job} showTitle={false} />
      ) : (
        <p>{t('jobs.unknown')}</p>
      )}
      {job && job.status !== 'running' && server && (
        <div className="actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => navigate({ screen: 'server-checks', name: server.name })}
          >
            {t('jobs.checkAgain', { name: server.name })}
          </button>
        </div>
      )}
    </div>
  )
}
