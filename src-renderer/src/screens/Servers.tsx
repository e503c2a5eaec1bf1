import { useEffect, useState } from 'react'
import { AlertDialog } from 'radix-ui'
import type { ApiErrorBody, ServerSummary } from '../../../src-main/contract'
import { api } from '../api/client'
import { DialogBackdrop } from '../components/DialogBackdrop'
import { ErrorPanel } from '../components/ErrorPanel'
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
        <PageTitle>Servers</PageTitle>
        {servers.length > 0 && (
          <button type="button" className="btn btn--primary" onClick={add}>
            <Icon name="plus" /> Add server
          </button>
        )}
      </header>
      <p className="page__intro">The machines your apps run on. The app keeps a connection to each of them.</p>

      {!loaded && <Busy>Loading your servers…</Busy>}
      {error && (
        <ErrorPanel error={error} title="The list of servers could not be loaded">
          <button type="button" className="btn btn--primary" onClick={() => void reloadServers()}>
            Try again
          </button>
        </ErrorPanel>
      )}

      {loaded && servers.length === 0 && !error && (
        <div className="empty">
          <Icon name="servers" className="empty__icon" />
          <h2 className="empty__title">No servers yet</h2>
          <p>Add a server you reach over SSH, or this computer, to start running apps.</p>
          <button type="button" className="btn btn--primary" onClick={add}>
            <Icon name="plus" /> Add your first server
          </button>
        </div>
      )}

      {servers.length > 0 && (
        <ul className="server-list" aria-label="Your servers">
          {servers.map((s) => (
            <ServerRow key={s.name} server={s} />
          ))}
        </ul>
      )}
    </div>
  )
}

function ServerRow({ server }: { server: ServerSummary }) {
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
      <ul className="server__facts" aria-label={`About ${server.name}`}>
        <li>{server.dockerVersion ? `Docker ${server.dockerVersion}` : 'Docker: not known yet'}</li>
        <li>{swarmText(server)}</li>
        <li>{appCountText(server.appCount)}</li>
      </ul>
      <div className="server__actions">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => navigate({ screen: 'server-checks', name: server.name })}
        >
          Check<span className="sr-only"> {server.name}</span>
        </button>
        <RemoveServer name={server.name} appCount={server.appCount} />
      </div>
    </li>
  )
}

// Removing only forgets the server; the dialog says so, since "remove" next
// to a server sounds like it could wipe it.
function RemoveServer({ name, appCount }: { name: string; appCount: number }) {
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
          Remove from list<span className="sr-only"> ({name})</span>
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <DialogBackdrop />
        <AlertDialog.Content className="dialog" data-testid="remove-server-dialog" aria-modal="true">
          <AlertDialog.Title className="dialog__title">Remove {name} from the list?</AlertDialog.Title>
          <AlertDialog.Description className="dialog__text">
            This only removes the server from this app (and from abra on this computer). Nothing on the server is
            changed.
          </AlertDialog.Description>
          <p className="dialog__text">Its apps keep running. You can add the server again later.</p>
          {appCount > 0 && (
            <p className="dialog__text" data-testid="remove-server-apps-kept">
              The settings of its {appCount === 1 ? 'app are' : `${appCount} apps are`} not deleted: they are moved to the
              “removed-servers” folder inside abra’s folder, where you can restore them.
            </p>
          )}
          {error && <ErrorPanel error={error} title="The server could not be removed from the list" />}
          <div className="actions actions--end">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn--secondary" disabled={busy}>
                Cancel
              </button>
            </AlertDialog.Cancel>
            <button type="button" className="btn btn--danger" onClick={remove} disabled={busy}>
              {busy ? 'Removing…' : 'Remove from list'}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
