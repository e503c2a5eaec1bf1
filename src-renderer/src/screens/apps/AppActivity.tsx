import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { AppActivity as Activity } from '../../../../src-main/contract/team'
import { api } from '../../api/client'
import { ErrorPanel } from '../../components/ErrorPanel'
import { exactTimeText, timeText } from '../../lib/format'
import { errorBody } from '../../lib/errors'
import '../../styles/activity.css'

// An app's activity (issue 14): who changed its settings and when, from the
// git history of its env file (the team's shared copy, or a folder kept in
// git by hand as abra's docs suggest), with the deploy the server records
// (who deployed, from which settings). apps.activity does the joining.

export function AppActivity({ server, domain, refreshKey }: { server: string; domain: string; refreshKey?: unknown }) {
  const { t } = useTranslation()
  const [activity, setActivity] = useState<Activity>()
  const [error, setError] = useState<ApiErrorBody>()

  const load = useCallback(() => {
    api.call('apps.activity', { server, domain }).then(
      (a) => {
        setActivity(a)
        setError(undefined)
      },
      (err: unknown) => setError(errorBody(err))
    )
  }, [server, domain])

  useEffect(() => {
    load()
    // Sharing's state changed (a pull, a push): the history may have too.
    return api.on('team.changed', () => load())
  }, [load, refreshKey])

  return (
    <section aria-labelledby="activity-title" className="overview__activity" data-testid="app-activity">
      <h2 id="activity-title" className="section-title">
        {t('apps.activity.title')}
      </h2>
      {error && <ErrorPanel error={error} title={t('apps.activity.loadFailed')} />}
      {!activity && !error && <p className="muted">{t('apps.activity.loading')}</p>}
      {activity && activity.items.length === 0 && <p className="muted" data-testid="app-activity-empty">{t(activity.history ? 'apps.activity.none' : 'apps.activity.noHistory')}</p>}
      {activity && activity.items.length > 0 && (
        <ol className="activity" data-testid="app-activity-list">
          {activity.items.map((i) => {
            const iso = new Date(i.at).toISOString()
            return (
              <li key={`${i.kind}:${i.commit ?? ''}:${i.at}`} className="activity__item" data-testid={`app-activity-${i.kind}`}>
                <span className="activity__what">
                  {i.by ? t('apps.activity.byWho', { who: i.by, what: i.words }) : i.words}
                </span>{' '}
                <time className="muted activity__when" dateTime={iso} title={exactTimeText(iso)}>
                  {timeText(iso)}
                </time>
                {i.running && <span className="badge badge--info activity__badge">{t('apps.activity.running')}</span>}
                {i.unshared && <span className="badge badge--warn activity__badge">{t('apps.activity.unshared')}</span>}
              </li>
            )
          })}
        </ol>
      )}
      {activity?.serverProblem && <p className="muted" data-testid="app-activity-server-problem">{t('apps.activity.serverProblem', { problem: activity.serverProblem })}</p>}
      {activity && !activity.history && activity.items.length > 0 && <p className="muted">{t('apps.activity.noHistory')}</p>}
    </section>
  )
}
