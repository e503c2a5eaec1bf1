import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { BackupInfo } from '../../../src-main/contract/backups'
import type { z } from 'zod'
import type { VerifyResult } from '../../../src-main/contract/backups'
import { api } from '../api/client'
import { backupDateText, bytesText, verifiedStatus } from '../lib/backups'
import { errorBody } from '../lib/errors'
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
  const { t } = useTranslation()
  return (
    <ul className="backup-list" aria-label={t('backups.row.listLabel')}>
      {backups.map((b) => (
        <BackupRow key={b.id} backup={b} server={server ?? b.server} />
      ))}
    </ul>
  )
}

function BackupRow({ backup, server }: { backup: BackupInfo; server: string }) {
  const { t } = useTranslation()
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
      <ul className="backup-row__facts" aria-label={t('backups.row.factsLabel')}>
        <li>{bytesText(backup.size)}</li>
        <li>{backup.version ? t('backups.row.version', { version: backup.version }) : t('backups.row.versionUnknown')}</li>
        <li>{t('backups.row.from', { server: backup.server })}</li>
        {backup.services.length > 0 && <li>{t('backups.row.services', { count: backup.services.length })}</li>}
      </ul>
      {!backup.verified && (
        <p className="backup-row__warn">
          <Icon name="alert" /> {t('backups.row.notPassed')}
        </p>
      )}
      <div className="actions backup-row__actions">
        <button type="button" className="btn btn--secondary btn--small" onClick={runVerify} disabled={verifying} data-testid={`backup-verify-${id}`}>
          {verifying ? t('backups.row.verifying') : t('backups.row.verify')}
        </button>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => setDialog('restore')}
          data-testid={`backup-restore-${id}`}
        >
          {t('backups.row.restore')}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small btn--danger-text"
          onClick={() => setDialog('delete')}
          data-testid={`backup-delete-${id}`}
        >
          {t('backups.row.delete')}
        </button>
      </div>

      {verifying && <p className="muted" role="status">{t('backups.row.verifyingText')}</p>}
      {verify?.result && <VerifyPanel result={verify.result} />}
      {verify?.error && <ErrorPanel error={verify.error} title={t('backups.row.verifyError')} />}

      <RestoreDialog backup={backup} server={server} open={dialog === 'restore'} onOpenChange={(o) => setDialog(o ? 'restore' : undefined)} />
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(o) => {
          setDialog(o ? 'delete' : undefined)
          setDeleteError(undefined)
        }}
        title={t('backups.row.deleteTitle', { when })}
        confirmLabel={t('backups.row.deleteConfirm')}
        busyLabel={t('backups.row.deleting')}
        danger
        busy={deleting}
        error={deleteError}
        errorTitle={t('backups.row.deleteError')}
        onConfirm={remove}
        testId="backup-delete-dialog"
        confirmTestId="backup-delete-confirm"
      >
        <p className="dialog__text">{t('backups.row.deleteText', { domain, size: bytesText(backup.size) })}</p>
        <p className="dialog__text">{t('backups.row.deleteKeeps')}</p>
      </ConfirmDialog>
    </li>
  )
}

function VerifyPanel({ result }: { result: Verify }) {
  const { t } = useTranslation()
  if (result.ok) {
    return (
      <div className="panel panel--ok" role="status" data-testid="backup-verify-result" data-ok="true">
        <div className="panel__head">
          <Icon name="check" className="panel__icon" />
          <h4 className="panel__title">{t('backups.row.goodTitle')}</h4>
        </div>
        <p>{t('backups.row.goodText', { count: result.files, size: bytesText(result.bytes) })}</p>
      </div>
    )
  }
  return (
    <div className="panel panel--bad" role="alert" data-testid="backup-verify-result" data-ok="false">
      <div className="panel__head">
        <Icon name="cross" className="panel__icon" />
        <h4 className="panel__title">{t('backups.row.damagedTitle')}</h4>
      </div>
      <p>{t('backups.row.damagedText')}</p>
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
