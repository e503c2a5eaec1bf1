import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { AppDetail as Detail, ServiceStatus, TaskInfo } from '../../../../src-main/contract/apps'
import type { z } from 'zod'
import { api } from '../../api/client'
import { BackupButton } from '../../components/BackupButton'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { DomainCheckPanel } from '../../components/DomainCheckPanel'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { MoveAppDialog } from '../../components/MoveAppDialog'
import { RemoveAppDialog } from '../../components/RemoveAppDialog'
import { ServiceList } from '../../components/ServiceList'
import { UndeployDialog } from '../../components/UndeployDialog'
import { UpgradeDialog } from '../../components/UpgradeDialog'
import { buttonClass, mainAction } from '../../lib/appActions'
import { appStatus } from '../../lib/appStatus'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'
import { useRefresh } from '../../state/apps'
import type { AppJobInfo } from './AppJob'
import { AppActivity } from './AppActivity'
import { LocalCopyDeploy } from './LocalCopyDeploy'

type Task = z.infer<typeof TaskInfo>

export function AppOverview({
  detail,
  onChanged,
  onJob,
  locked = false
}: {
  detail: z.infer<typeof Detail>
  /** An undeploy or removal is running: starting anything else now would fight it. */
  locked?: boolean
  onChanged: () => void
  onJob: (job: AppJobInfo) => void
}) {
  const { app } = detail
  const { server, domain } = app
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [ps, setPs] = useState<{ services: ServiceStatus[]; tasks: Task[] }>()
  const [psError, setPsError] = useState<ApiErrorBody>()
  const [dialog, setDialog] = useState<'upgrade' | 'rollback' | 'undeploy' | 'remove' | 'move'>()
  // The deploy waiting for its preview to be confirmed.
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const deploying = previewing !== undefined
  const [restarting, setRestarting] = useState<string>()
  const [actionError, setActionError] = useState<{ title: string; error: ApiErrorBody }>()

  const loadPs = useCallback(() => {
    if (!app.deployed) return
    api.call('apps.ps', { server, domain }).then(
      (r) => {
        setPs(r)
        setPsError(undefined)
      },
      (err: unknown) => setPsError(errorBody(err))
    )
  }, [server, domain, app.deployed])
  useRefresh(loadPs)

  const deploy = (): void => {
    setActionError(undefined)
    setPreviewing({ server, domain, kind: app.deployed ? 'redeploy' : 'deploy' })
  }

  const restart = (service: string): void => {
    setRestarting(service)
    setActionError(undefined)
    api.call('apps.restart', { server, domain, service }).then(
      () => {
        setRestarting(undefined)
        loadPs()
        onChanged()
      },
      (err: unknown) => {
        setRestarting(undefined)
        setActionError({ title: t('apps.overview.restartFailed', { service }), error: errorBody(err) })
      }
    )
  }

  const services = ps?.services ?? app.services
  const status = appStatus(app)
  const main = mainAction(app)
  // Offered only when this app ran an older version before, and named by it.
  const goBack = app.earlierVersion && (
    <button type="button" className={buttonClass(main === 'go-back')} onClick={() => setDialog('rollback')} disabled={locked} data-testid="app-rollback">
      {t('apps.overview.goBackTo', { version: app.earlierVersion })}
    </button>
  )
  const started = (kind: AppJobInfo['kind']) => (jobId: string) => onJob({ jobId, kind, server, domain })

  return (
    <div className="overview">
      {/* The header already has the status badge; here the sentence leads, with the same icon. */}
      <div className={`health health--${status.tone}`} data-testid="app-health">
        <Icon name={status.icon} className={`health__icon${status.icon === 'sync' ? ' icon--spin' : ''}`} />
        <p className="health__words">
          <span className="sr-only">{t('apps.overview.statusWord', { word: status.word })}</span>
          {app.words}
        </p>
      </div>

      <div className="actions">
        {main === 'go-back' && goBack}
        <button type="button" className={buttonClass(main === 'deploy' || main === 'redeploy')} onClick={deploy} disabled={deploying || locked} data-testid="app-deploy">
          {deploying ? t('apps.overview.starting') : app.deployed ? t('apps.overview.redeploy') : t('apps.overview.deploy')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={() => setDialog('upgrade')} disabled={locked} data-testid="app-upgrade">
          {app.upgrade ? t('apps.overview.upgradeTo', { version: app.upgrade }) : t('apps.overview.upgrade')}
        </button>
        {main !== 'go-back' && goBack}
        {app.deployed && (
          <button type="button" className="btn btn--secondary" onClick={() => setDialog('undeploy')} disabled={locked} data-testid="app-undeploy">
            {t('apps.overview.undeploy')}
          </button>
        )}
        <button type="button" className="btn btn--ghost btn--danger-text" onClick={() => setDialog('remove')} disabled={locked} data-testid="app-remove">
          {t('apps.overview.remove')}
        </button>
      </div>
      <p className="muted overview__hint">
        {app.deployed
          ? t('apps.overview.hintDeployed')
          : t('apps.overview.hintNotDeployed')}
      </p>
      {actionError && <ErrorPanel error={actionError.error} title={actionError.title} />}
      {/* Before the first deploy it says which DNS record to make; after, whether the domain still leads here. It never blocks the deploy. */}
      <DomainCheckPanel server={server} domain={domain} beforeDeploy={!app.deployed} />

      <section aria-labelledby="backups-title" className="overview__backups">
        <h2 id="backups-title" className="section-title">
          {t('apps.overview.backupsTitle')}
        </h2>
        <BackupButton server={server} domain={domain} locked={locked} primary={main === 'backup'}>
          <button type="button" className="btn btn--secondary" onClick={() => navigate({ screen: 'backups', domain })} data-testid="app-backups-link">
            {t('apps.overview.seeBackups')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => setDialog('move')} disabled={locked} data-testid="move-app-button">
            {t('apps.overview.move')}
          </button>
        </BackupButton>
      </section>

      <section aria-labelledby="services-title" className="overview__services">
        <h2 id="services-title" className="section-title">
          {t('apps.overview.servicesTitle')}
        </h2>
        {!app.deployed && <p className="muted">{t('apps.overview.nothingRunning')}</p>}
        {app.deployed && (
          <ServiceList services={services} tasks={ps?.tasks} restart={{ busy: locked ? '' : restarting, onRestart: restart }} />
        )}
        {psError && (
          <ErrorPanel error={psError} title={t('apps.overview.servicesFailed')}>
            <button type="button" className="btn btn--secondary" onClick={loadPs}>
              <Icon name="sync" /> {t('common.actions.tryAgain')}
            </button>
          </ErrorPanel>
        )}
      </section>

      {/* Who changed what and when: the settings' git history and the deploy the server records (issue 14). */}
      <AppActivity server={server} domain={domain} refreshKey={detail} />

      <LocalCopyDeploy app={app} locked={locked} />

      <UpgradeDialog
        server={server}
        domain={domain}
        mode="upgrade"
        open={dialog === 'upgrade'}
        onOpenChange={(o) => setDialog(o ? 'upgrade' : undefined)}
      />
      <UpgradeDialog
        server={server}
        domain={domain}
        mode="rollback"
        initial={app.earlierVersion}
        open={dialog === 'rollback'}
        onOpenChange={(o) => setDialog(o ? 'rollback' : undefined)}
      />
      <MoveAppDialog server={server} domain={domain} open={dialog === 'move'} onOpenChange={(o) => setDialog(o ? 'move' : undefined)} />
      <DeployPreviewDialog
        request={previewing}
        onClose={() => setPreviewing(undefined)}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          navigate({ screen: 'deploy', jobId, server, domain })
        }}
        onPreviewError={(error) => setActionError({ title: t('apps.overview.deployFailed'), error })}
      />
      <UndeployDialog
        server={server}
        domain={domain}
        open={dialog === 'undeploy'}
        onOpenChange={(o) => setDialog(o ? 'undeploy' : undefined)}
        onStarted={started('undeploy')}
      />
      <RemoveAppDialog
        server={server}
        domain={domain}
        deployed={app.deployed}
        open={dialog === 'remove'}
        onOpenChange={(o) => setDialog(o ? 'remove' : undefined)}
        onStarted={started('remove')}
      />
    </div>
  )
}
