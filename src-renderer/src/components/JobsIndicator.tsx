import { useTranslation } from 'react-i18next'
import type { Route } from '../navigation'
import { useNavigate } from '../navigation'
import { jobStepText } from '../lib/format'
import { jobStatus } from '../lib/status'
import { sortJobs, useJobs } from '../state/jobs'
import { Icon } from './Icon'

const SHOWN = 4

// Jobs keep running when the user leaves their screen; this brings them back.
export function JobsIndicator({ route }: { route: Route }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const jobs = sortJobs(useJobs())
  if (jobs.length === 0) return null
  const running = jobs.filter((j) => j.status === 'running').length
  return (
    <section className="jobs" aria-labelledby="jobs-heading" data-testid="jobs-indicator">
      <h2 className="sidebar__heading" id="jobs-heading">
        {t('jobs.heading')}
        {running > 0 && <span className="jobs__count">{t('jobs.running', { count: running })}</span>}
      </h2>
      <ul className="jobs__list">
        {jobs.slice(0, SHOWN).map((job) => {
          const status = jobStatus(job.status)
          const current = route.screen === 'job' && route.jobId === job.id
          return (
            <li key={job.id}>
              <button
                type="button"
                className={`jobs__item tone--${status.tone}`}
                onClick={() => navigate({ screen: 'job', jobId: job.id })}
                aria-current={current ? 'page' : undefined}
                data-testid={`job-indicator-${job.id}`}
              >
                <Icon name={status.icon} className={status.icon === 'sync' ? 'icon--spin' : undefined} />
                <span className="jobs__text">
                  <span className="jobs__title" title={job.title}>
                    {job.title}
                  </span>
                  <span className="jobs__state">
                    <span className="jobs__word">{status.word}</span>
                    {job.status === 'running' && job.stepCount > 1 && <span className="jobs__step"> · {jobStepText(job)}</span>}
                  </span>
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
