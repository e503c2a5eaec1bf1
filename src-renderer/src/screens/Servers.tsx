import { useEffect, useState } from 'react'
import { AlertDialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, ServerSummary } from '../../../src-main/contract'
import { api } from '../api/client'
import { DialogBackdrop } from '../components/DialogBackdrop'
import { ErrorPanel } from '../components/ErrorPanel'
import { RetryPanel } from '../components/RetryPanel'
import { Icon } from '../components/Icon'
import { PageTitle } from '../components/PageTitle'
import { StatusBadge } from '../components/StatusBadge'
import { Busy } from '../components/Busy'
import { errorBody } from '../lib/errors'
import { appCountText, serverAddress, swarmText } from '../lib/format'
import { connectionStatus } from '../lib/status'
import { useNavigate } from '../navigation'
import { reloadServers, useServers } from '../state/servers'

export function Servers() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { loaded, servers, error } = useServers()
  // Versions and swarm state change behind our back (checks, fixes, abra),
  // so every visit asks again.
  useEffect(() => {
    void reloadServers()
  }, [])
  const add = () => navigate({ screen: 'add-server' })
  return (
    <div className="page" data-testid="servers">
      <header className="page__head">
        <PageTitle>{t('servers.title')}</PageTitle>
        {servers.length > 0 && (
          <button type="button" className="btn btn--primary" onClick={add}>
            <Icon name="plus" /> {t('servers.add')}
          </button>
        )}
      </header>
      <p className="page__intro">{t('servers.intro')}</p>

      {!loaded && <Busy>{t('servers.loading')}</Busy>}
      {error && <RetryPanel error={error} title={t('servers.loadError')} onRetry={() => void reloadServers()} primary />}

      {loaded && servers.length === 0 && !error && (
        <div className="empty">
          <Icon name="servers" className="empty__icon" />
          <h2 className="empty__title">{t('servers.emptyTitle')}</h2>
          <p>{t('servers.emptyText')}</p>
          <button type="button" className="btn btn--primary" onClick={add}>
            <Icon name="plus" /> {t('servers.addFirst')}
          </button>
        </div>
      )}

      {servers.length > 0 && (
        <ul className="server-list" aria-label={t('servers.listLabel')}>
          {servers.map((s) => (
            <ServerRow key={s.name} server={s} />
          ))}
        </ul>
      )}
    </div>
  )
}

function ServerRow({ server }: { server: ServerSummary }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <li className="server" data-testid={`server-row-${server.name}`} data-state={server.state}>
      <div className="server__id">
        <h2 className="server__name">{server.name}</h2>
        <p className={`server__address${server.kind === 'ssh' ? ' mono' : ''}`}>{serverAddress(server)}</p>
      </div>
      <div className="server__state">
        <StatusBadge status={connectionStatus(server.state)} />
        {server.error && server.state !== 'connected' && <p className="server__error">{server.error.message}</p>}
      </div>
      <ul className="server__facts" aria-label={t('servers.about', { name: server.name })}>
        <li>{server.dockerVersion ? t('servers.docker', { version: server.dockerVersion }) : t('servers.dockerUnknown')}</li>
        <li>{swarmText(server)}</li>
        <li>{appCountText(server.appCount)}</li>
      </ul>
      <div className="server__actions">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => navigate({ screen: 'server-checks', name: server.name })}
        >
          {t('servers.check')}
          <span className="sr-only"> {server.name}</span>
        </button>
        <RemoveServer name={server.name} appCount={server.appCount} />
      </div>
    </li>
  )
}

// Removing only forgets the server; the dialog says so, since "remove" next
// to a server sounds like it could wipe it.
function RemoveServer({ name, appCount }: { name: string; appCount: number }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()

  const remove = (): void => {
    setBusy(true)
    setError(undefined)
    api.call('servers.remove', { name }).then(
      () => {
        setBusy(false)
        setOpen(false)
        void reloadServers()
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(o) => {
        if (busy) return
        setOpen(o)
        setError(undefined)
      }}
    >
      <AlertDialog.Trigger asChild>
        <button type="button" className="btn btn--ghost btn--small">
          {t('servers.remove.button')}
          <span className="sr-only"> ({name})</span>
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <DialogBackdrop />
        <AlertDialog.Content className="dialog" data-testid="remove-server-dialog" aria-modal="true">
          <AlertDialog.Title className="dialog__title">{t('servers.remove.title', { name })}</AlertDialog.Title>
          <AlertDialog.Description className="dialog__text">
            {t('servers.remove.text')}
          </AlertDialog.Description>
          <p className="dialog__text">{t('servers.remove.keepRunning')}</p>
          {appCount > 0 && (
            <p className="dialog__text" data-testid="remove-server-apps-kept">
              {t('servers.remove.appsKept', { count: appCount })}
            </p>
          )}
          {error && <ErrorPanel error={error} title={t('servers.remove.error')} />}
          <div className="actions actions--end">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn--secondary" disabled={busy}>
                {t('common.actions.cancel')}
              </button>
            </AlertDialog.Cancel>
            <button type="button" className="btn btn--danger" onClick={remove} disabled={busy}>
              {busy ? t('servers.remove.busy') : t('servers.remove.button')}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
