import { useCallback, useEffect, useState } from 'react'
import { Tabs } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { AppDetail as Detail } from '../../../../src-main/contract/apps'
import type { z } from 'zod'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { StatusBadge } from '../../components/StatusBadge'
import { appStatus } from '../../lib/appStatus'
import { errorBody } from '../../lib/errors'
import { useNavigate, type AppTab } from '../../navigation'
import { useRefresh } from '../../state/apps'
import { useJob, useJobs } from '../../state/jobs'
import { AppConfig } from './AppConfig'
import { AppFacts } from './AppFacts'
import { AppHealth } from './AppHealth'
import { AppJob, type AppJobInfo } from './AppJob'
import { AppLogs } from './AppLogs'
import { AppOverview } from './AppOverview'
import { AppSecrets } from './AppSecrets'
import { AppCommands } from './AppCommands'
import { AppTerminal } from './AppTerminal'
import { AppVolumes } from './AppVolumes'
import { AppFiles } from './AppFiles'
import { SiteLink, siteUrl } from '../../components/SiteLink'
import { AppTeamConflict } from '../team/AppTeamConflict'
import '../../styles/apps.css'

type AppDetailData = z.infer<typeof Detail>

const TABS: AppTab[] = ['overview', 'health', 'config', 'secrets', 'volumes', 'files', 'logs', 'terminal', 'commands']

const isTab = (t: string | undefined): t is AppTab => TABS.some((x) => x === t)

export function AppDetail(props: { server: string; domain: string; tab?: string }) {
  const { server, domain } = props
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [detail, setDetail] = useState<AppDetailData>()
  const [error, setError] = useState<ApiErrorBody>()
  const [tab, setTab] = useState<AppTab>(isTab(props.tab) ? props.tab : 'overview')
  const [chosenJob, setJob] = useState<AppJobInfo>()
  // An undeploy or removal started earlier (the page was left and opened
  // again) still shows, and still locks the buttons, until it ends.
  const jobs = useJobs()
  const earlier = jobs.find((j) => j.status === 'running' && j.app?.server === server && j.app.domain === domain && (j.kind === 'app-undeploy' || j.kind === 'app-remove'))
  const job: AppJobInfo | undefined =
    chosenJob ?? (earlier ? { jobId: earlier.id, kind: earlier.kind === 'app-remove' ? 'remove' : 'undeploy', server, domain } : undefined)
  const [shownTab, setShownTab] = useState(props.tab)
  // A new route (the sidebar's or a link's) picks the tab again.
  if (props.tab !== shownTab) {
    setShownTab(props.tab)
    if (isTab(props.tab)) setTab(props.tab)
  }

  const reload = useCallback(() => {
    api.call('apps.get', { server, domain }).then(
      (d) => {
        setDetail(d)
        setError(undefined)
      },
      (err: unknown) => setError(errorBody(err))
    )
  }, [server, domain])
  useRefresh(reload)

  // Refresh as soon as an undeploy or removal ends.
  const jobKey = job?.jobId
  useEffect(() => {
    if (jobKey) reload()
  }, [jobKey, reload])

  const running = useJob(job?.jobId)
  const locked = running?.status === 'running'
  const removed = job?.kind === 'remove' && running?.status === 'done'
  const app = removed ? undefined : detail?.app
  const back = () => navigate({ screen: 'apps' })
  return (
    <div className="page page--wide" data-testid="app-detail" data-health={app?.health ?? ''}>
      <button type="button" className="btn btn--ghost btn--small back" onClick={back}>
        <Icon name="back" /> {t('apps.detail.allApps')}
      </button>
      <header className="page__head">
        <div className="app-head">
          <PageTitle>{domain}</PageTitle>
          <p className="app-head__site">
            <SiteLink domain={domain} label={siteUrl(domain)} testId="app-site" />
          </p>
          <AppFacts app={app} server={server} label={t('apps.detail.aboutThisApp')} />
        </div>
        {app && <StatusBadge status={appStatus(app)} className="status--large" />}
      </header>

      <AppTeamConflict server={server} domain={domain} />
      {!detail && !error && <Busy>{t('apps.detail.loading')}</Busy>}
      {error && !removed && (
        <ErrorPanel error={error} title={detail ? t('apps.detail.refreshFailed') : t('apps.detail.loadFailed')}>
          <button type="button" className="btn btn--primary" onClick={reload}>
            {t('common.actions.tryAgain')}
          </button>
          {!detail && (
            <button type="button" className="btn btn--secondary" onClick={back}>
              {t('apps.detail.backToAll')}
            </button>
          )}
        </ErrorPanel>
      )}

      {job && <AppJob info={job} onClose={() => setJob(undefined)} />}

      {detail && !removed && (
        <Tabs.Root className="tabs" value={tab} onValueChange={(v) => isTab(v) && setTab(v)}>
          <Tabs.List className="tabs__list" aria-label={t('apps.detail.aboutThisApp')}>
            {TABS.map((id) => (
              <Tabs.Trigger key={id} value={id} className="tabs__tab" data-testid={`tab-${id}`}>
                {t(`apps.detail.tabs.${id}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content value="overview" className="tabs__panel">
            <AppOverview detail={detail} onChanged={reload} onJob={setJob} locked={locked} />
          </Tabs.Content>
          <Tabs.Content value="health" className="tabs__panel">
            <AppHealth server={server} domain={domain} deployed={detail.app.deployed} />
          </Tabs.Content>
          <Tabs.Content value="config" className="tabs__panel">
            <AppConfig server={server} domain={domain} recipe={detail.app.recipe} form={detail.form} deployed={detail.app.deployed} onSaved={reload} />
          </Tabs.Content>
          <Tabs.Content value="secrets" className="tabs__panel">
            <AppSecrets server={server} domain={domain} deployed={detail.app.deployed} />
          </Tabs.Content>
          <Tabs.Content value="volumes" className="tabs__panel">
            <AppVolumes server={server} domain={domain} />
          </Tabs.Content>
          <Tabs.Content value="files" className="tabs__panel">
            <AppFiles server={server} domain={domain} />
          </Tabs.Content>
          <Tabs.Content value="logs" className="tabs__panel">
            <AppLogs server={server} domain={domain} services={detail.app.services.map((s) => s.name)} deployed={detail.app.deployed} />
          </Tabs.Content>
          <Tabs.Content value="terminal" className="tabs__panel">
            <AppTerminal server={server} domain={domain} services={detail.app.services.map((s) => s.name)} deployed={detail.app.deployed} />
          </Tabs.Content>
          <Tabs.Content value="commands" className="tabs__panel">
            <AppCommands server={server} domain={domain} services={detail.app.services.map((s) => s.name)} deployed={detail.app.deployed} />
          </Tabs.Content>
        </Tabs.Root>
      )}
    </div>
  )
}
