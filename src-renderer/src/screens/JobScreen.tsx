import { Icon } from '../components/Icon'
import { JobProgress } from '../components/JobProgress'
import { PageTitle } from '../components/PageTitle'
import { useNavigate } from '../navigation'
import { useJob } from '../state/jobs'
import { useServers } from '../state/servers'

// Where the sidebar's jobs indicator leads.
export function JobScreen({ jobId }: { jobId: string }) {
  const navigate = useNavigate()
  const job = useJob(jobId)
  const { servers } = useServers()
  const server = job && servers.find((s) => s.name === job.target)
  return (
    <div className="page" data-testid="job-screen">
      <button type="button" className="btn btn--ghost btn--small back" onClick={() => navigate({ screen: 'servers' })}>
        <Icon name="back" /> Servers
      </button>
      <header className="page__head">
        <PageTitle>{job ? job.title : 'Job'}</PageTitle>
      </header>
      {job ? (
        <JobProgress job={job} showTitle={false} />
      ) : (
        <p>This job is not known to the app. It may have ended before the app was restarted.</p>
      )}
      {job && job.status !== 'running' && server && (
        <div className="actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => navigate({ screen: 'server-checks', name: server.name })}
          >
            Check {server.name} again
          </button>
        </div>
      )}
    </div>
  )
}
