import { useState } from 'react'
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
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">Your servers</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Connection</th>
                <th scope="col">Docker</th>
                <th scope="col">Swarm</th>
                <th scope="col">Apps</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {servers.map((s) => (
                <ServerRow key={s.name} server={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

function ServerRow({ server }: { server: ServerSummary }) {
  const navigate = useNavigate()
  return (
    <tr data-testid={`server-row-${server.name}`} data-state={server.state}>
      <th scope="row">
        <span className="server__name">{server.name}</span>
        <span className="server__address">{serverAddress(server)}</span>
      </th>
      <td>
        <StatusBadge status={connectionStatus(server.state)} />
        {server.error && server.state !== 'connected' && <p className="server__error">{server.error.message}</p>}
      </td>
      <td>{server.dockerVersion ?? <span className="muted">Not known yet</span>}</td>
      <td>{swarmText(server)}</td>
      <td>{appCountText(server.appCount)}</td>
      <td className="table__actions">
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => navigate({ screen: 'server-checks', name: server.name })}
        >
          Check<span className="sr-only"> {server.name}</span>
        </button>
        <RemoveServer name={server.name} />
      </td>
    </tr>
  )
}

// Removing only forgets the server; the dialog says so, since "remove" next
// to a server sounds like it could wipe it.
function RemoveServer({ name }: { name: string }) {
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
        <AlertDialog.Content className="dialog" data-testid="remove-server-dialog">
          <AlertDialog.Title className="dialog__title">Remove {name} from the list?</AlertDialog.Title>
          <AlertDialog.Description className="dialog__text">
            This only removes the server from this app (and from abra on this computer). Nothing on the server is
            changed.
          </AlertDialog.Description>
          <p className="dialog__text">Its apps keep running. You can add the server again later.</p>
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
