import { useState } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { BackupInfo } from '../../../src-main/contract/backups'
import type { z } from 'zod'
import type { VerifyResult } from '../../../src-main/contract/backups'
import { api } from '../api/client'
import { backupDateText, bytesText, verifiedStatus } from '../lib/backups'
import { errorBody } from '../lib/errors'
import { plural } from '../lib/format'
import { forgetBackup, markVerified, reloadBackups } from '../state/backups'
import { ConfirmDialog } from './ConfirmDialog'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { RestoreDialog } from './RestoreDialog'
import { StatusBadge } from './StatusBadge'

type Verify = z.infer<typeof VerifyResult>

// One app's backups, newest first. `server` is where the app runs now (a
// restore goes there); undefined when the app is on no known server.
export function BackupList({ backups, server }: { backups: BackupInfo[]; server?: string }) {
  return (
    <ul className="backup-list" aria-label="Backups">
      {backups.map((b) => (
        <BackupRow key={b.id} backup={b} server={server ?? b.server} />
      ))}
    </ul>
  )
}

function BackupRow({ backup, server }: { backup: BackupInfo; server: string }) {
  const { domain, id } = backup
  const [verifying, setVerifying] = useState(false)
  const [verify, setVerify] = useState<{ result?: Verify; error?: ApiErrorBody }>()
  const [dialog, setDialog] = useState<'restore' | 'delete'>()
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<ApiErrorBody>()
  const when = backupDateText(backup.createdAt)

  const runVerify = (): void => {
    setVerifying(true)
    setVerify(undefined)
    api.call('backups.verify', { domain, id }).then(
      (result) => {
        setVerifying(false)
        setVerify({ result })
        markVerified(domain, id, result.ok)
      },
      (err: unknown) => {
        setVerifying(false)
        setVerify({ error: errorBody(err) })
      }
    )
  }

  const remove = (): void => {
    setDeleting(true)
    setDeleteError(undefined)
    api.call('backups.remove', { domain, id }).then(
      () => {
        setDeleting(false)
        setDialog(undefined)
        forgetBackup(domain, id)
        void reloadBackups()
      },
      (err: unknown) => {
        setDeleting(false)
        setDeleteError(errorBody(err))
      }
    )
  }

  return (
    <li className="backup-row" data-testid={`backup-row-${id}`} data-verified={String(backup.verified)}>
      <div className="backup-row__main">
        <h3 className="backup-row__date">{when}</h3>
        <StatusBadge status={verifiedStatus(backup)} />
      </div>
      <ul className="backup-row__facts" aria-label="About this backup">
        <li>{bytesText(backup.size)}</li>
        <li>Version {backup.version ?? 'not known'}</li>
        <li>From {backup.server}</li>
        {backup.services.length > 0 && <li>{plural(backup.services.length, 'service')}</li>}
      </ul>
      {!backup.verified && (
        <p className="backup-row__warn">
          <Icon name="alert" /> This copy did not pass its last check. Don’t rely on it: press Verify to see why, or take a new backup.
        </p>
      )}
      <div className="actions backup-row__actions">
        <button type="button" className="btn btn--secondary btn--small" onClick={runVerify} disabled={verifying} data-testid={`backup-verify-${id}`}>
          {verifying ? 'Verifying…' : 'Verify'}
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => setDialog('restore')}
          data-testid={`backup-restore-${id}`}
        >
          Restore…
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small btn--danger-text"
          onClick={() => setDialog('delete')}
          data-testid={`backup-delete-${id}`}
        >
          Delete…
        </button>
      </div>

      {verifying && <p className="muted" role="status">Reading the whole archive and checking every file against its list of checksums…</p>}
      {verify?.result && <VerifyPanel result={verify.result} />}
      {verify?.error && <ErrorPanel error={verify.error} title="The backup could not be verified" />}

      <RestoreDialog backup={backup} server={server} open={dialog === 'restore'} onOpenChange={(o) => setDialog(o ? 'restore' : undefined)} />
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(o) => {
          setDialog(o ? 'delete' : undefined)
          setDeleteError(undefined)
        }}
        title={`Delete the backup of ${when}?`}
        confirmLabel="Delete this backup"
        busyLabel="Deleting…"
        danger
        busy={deleting}
        error={deleteError}
        errorTitle="The backup could not be deleted"
        onConfirm={remove}
        testId="backup-delete-dialog"
        confirmTestId="backup-delete-confirm"
      >
        <p className="dialog__text">
          The file of this backup of {domain} ({bytesText(backup.size)}) is deleted from this computer. It can’t be restored after that.
        </p>
        <p className="dialog__text">The app and its data on the server are not touched, nor are your other backups.</p>
      </ConfirmDialog>
    </li>
  )
}

function VerifyPanel({ result }: { result: Verify }) {
  const counted = `${plural(result.files, 'file')}, ${bytesText(result.bytes)}`
  if (result.ok) {
    return (
      <div className="panel panel--ok" role="status" data-testid="backup-verify-result" data-ok="true">
        <div className="panel__head">
          <Icon name="check" className="panel__icon" />
          <h4 className="panel__title">The backup is good ✓</h4>
        </div>
        <p>Every file ({counted}) was read back and matches the checksum written when it was taken.</p>
      </div>
    )
  }
  return (
    <div className="panel panel--bad" role="alert" data-testid="backup-verify-result" data-ok="false">
      <div className="panel__head">
        <Icon name="cross" className="panel__icon" />
        <h4 className="panel__title">The backup is damaged ✗</h4>
      </div>
      <p>It can’t be restored. Take a new backup, and delete this one.</p>
      {result.problems.length > 0 && (
        <ul className="verify__problems">
          {result.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
