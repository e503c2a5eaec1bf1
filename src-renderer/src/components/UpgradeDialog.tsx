import { useEffect, useState } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { z } from 'zod'
import type { UpgradeInfo } from '../../../src-main/contract/apps'
import type { BackupPlan } from '../../../src-main/contract/backups'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { useNavigate } from '../navigation'
import { Busy } from './Busy'
import { DeployPreviewDialog, type DeployRequest } from './DeployPreviewDialog'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { useReturnFocus } from './returnFocus'

type Info = z.infer<typeof UpgradeInfo>
type Loaded = { data?: Info; error?: ApiErrorBody }

// Upgrade and roll back are the same decision seen from two sides: pick a
// version, read what changes, then deploy it and watch.
export function UpgradeDialog({
  server,
  domain,
  mode,
  initial,
  open,
  onOpenChange
}: {
  server: string
  domain: string
  mode: 'upgrade' | 'rollback'
  /** The version chosen at first: for going back, the one the app ran before. */
  initial?: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const navigate = useNavigate()
  const [base, setBase] = useState<Loaded>()
  const [picked, setPicked] = useState<string>()
  const [detail, setDetail] = useState<Loaded & { target: string }>()
  // Take a backup first: on by default, off (and said why) when the app has
  // nothing a backup could take.
  const [backupFirst, setBackupFirst] = useState(true)
  const [backupPlan, setBackupPlan] = useState<BackupPlan>()
  // The preview of what the chosen version changes, confirmed before anything is sent.
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const busy = previewing !== undefined

  useEffect(() => {
    if (!open) return
    let live = true
    api.call('backups.plan', { server, domain }).then(
      (p) => {
        if (!live) return
        setBackupPlan(p)
        if (p.explanation) setBackupFirst(false)
      },
      // Without a plan the box stays on: the deploy's own backup says what is wrong.
      () => {}
    )
    return () => {
      live = false
    }
  }, [open, server, domain])

  useEffect(() => {
    if (!open) return
    let live = true
    api.call('apps.upgradeInfo', { server, domain }).then(
      (data) => live && setBase({ data }),
      (err: unknown) => live && setBase({ error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [open, server, domain])

  const choices = base?.data ? (mode === 'upgrade' ? base.data.newer : base.data.older) : []
  const target = picked ?? choices.find((c) => c.version === initial)?.version ?? choices[0]?.version

  useEffect(() => {
    if (!open || !target) return
    let live = true
    api.call('apps.upgradeInfo', { server, domain, target }).then(
      (data) => live && setDetail({ target, data }),
      (err: unknown) => live && setDetail({ target, error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [open, server, domain, target])

  const change = (o: boolean, force = false): void => {
    if (busy && !force) return
    onOpenChange(o)
    if (!o) {
      setBase(undefined)
      setPicked(undefined)
      setDetail(undefined)
      setBackupFirst(true)
      setBackupPlan(undefined)
    }
  }

  const confirm = (): void => {
    if (!target) return
    setPreviewing({ server, domain, kind: mode, version: target, backupFirst })
  }

  const started = (jobId: string): void => {
    setPreviewing(undefined)
    change(false, true)
    navigate({ screen: 'deploy', jobId, server, domain })
  }

  const current = base?.data?.current
  const shown = detail && detail.target === target ? detail : undefined
  // Upgrading passes through every version between the current one and the
  // target, so all their notes matter; going back, only the target's.
  const notes =
    mode === 'upgrade' && target
      ? choices.slice(choices.findIndex((c) => c.version === target)).filter((c) => c.notes)
      : choices.filter((c) => c.version === target && c.notes)
  const upgrade = mode === 'upgrade'

  return (
    <>
      <Dialog.Root open={open} onOpenChange={change}>
        <Dialog.Portal>
          <DialogBackdrop />
          <Dialog.Content className="dialog dialog--wide" data-testid="upgrade-dialog" onCloseAutoFocus={returnFocus}>
            <Dialog.Title className="dialog__title">{upgrade ? t('apps.upgrade.titleUpgrade', { domain }) : t('apps.upgrade.titleRollback', { domain })}</Dialog.Title>
            <Dialog.Description className="dialog__text">
              {upgrade ? t('apps.upgrade.textUpgrade') : t('apps.upgrade.textRollback')}{' '}
              {current ? t('apps.upgrade.runsNow', { version: current }) : ''}
            </Dialog.Description>

            {!base && <Busy>{t('apps.upgrade.loading')}</Busy>}
            {base?.error && <ErrorPanel error={base.error} title={t('apps.upgrade.loadFailed')} />}
            {base?.data && choices.length === 0 && (
              <p className="panel" data-testid="upgrade-none">
                {upgrade ? t('apps.upgrade.noneNewer') : t('apps.upgrade.noneOlder')}
              </p>
            )}

            {choices.length > 0 && (
              <div className="field">
                <label className="field__label" htmlFor="upgrade-version">
                  {upgrade ? t('apps.upgrade.newVersion') : t('apps.upgrade.goBackVersion')}
                </label>
                <select
                  id="upgrade-version"
                  className="input"
                  value={target}
                  onChange={(e) => setPicked(e.target.value)}
                  disabled={busy}
                  data-testid="upgrade-version"
                >
                  {choices.map((c, i) => (
                    <option key={c.version} value={c.version}>
                      {c.version}
                      {upgrade ? (i === 0 ? t('apps.upgrade.newest') : '') : c.version === initial ? t('apps.upgrade.ranBefore') : ''}
                    </option>
                  ))}
                </select>
              </div>
            )}

            {/* An older version's notes say what it added back then, not what going back changes. */}
            {target && upgrade && (
              <section className="upgrade__section" aria-labelledby="upgrade-notes-title">
                <h3 id="upgrade-notes-title">{t('apps.upgrade.whatsNew')}</h3>
                <div data-testid="upgrade-notes" className="upgrade__notes">
                  {notes.length === 0 ? (
                    <p className="muted">{t('apps.upgrade.noNotes', { version: target })}</p>
                  ) : (
                    notes.map((n) => (
                      <article key={n.version} className="upgrade__note">
                        <h4 className="upgrade__note-version">{n.version}</h4>
                        <p className="upgrade__note-text">{n.notes?.trim()}</p>
                      </article>
                    ))
                  )}
                </div>
              </section>
            )}

            {target && (
              <section className="upgrade__section" aria-labelledby="upgrade-vars-title">
                <h3 id="upgrade-vars-title">{t('apps.upgrade.newSettings')}</h3>
                <div data-testid="upgrade-new-vars">
                  {!shown && <Busy>{t('apps.upgrade.comparing')}</Busy>}
                  {shown?.error && <ErrorPanel error={shown.error} title={t('apps.upgrade.compareFailed')} />}
                  {shown?.data && shown.data.newVariables.length === 0 && (
                    <p className="muted">{t('apps.upgrade.noNewSettings', { version: target })}</p>
                  )}
                  {shown?.data && shown.data.newVariables.length > 0 && (
                    <>
                      <p>{t('apps.upgrade.addsSettings', { version: target })}</p>
                      <ul className="upgrade__vars">
                        {shown.data.newVariables.map((v) => (
                          <li key={v.key}>
                            <span className="mono upgrade__var-key">{v.key}</span>
                            <span className="mono muted">{v.commented ? t('apps.upgrade.notSet') : `= ${v.value}`}</span>
                            {v.comment && <span className="upgrade__var-comment">{v.comment}</span>}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              </section>
            )}

            {target && (
              <div className="check-field upgrade__backup">
                <input
                  type="checkbox"
                  id="upgrade-backup-first"
                  checked={backupFirst}
                  onChange={(e) => setBackupFirst(e.target.checked)}
                  disabled={busy || backupPlan?.explanation !== undefined}
                  aria-describedby="upgrade-backup-first-hint"
                  data-testid="upgrade-backup-first"
                />
                <label htmlFor="upgrade-backup-first">{t('apps.upgrade.backupFirst')}</label>
                <p className="field__hint" id="upgrade-backup-first-hint">
                  {backupPlan?.explanation
                    ? t('apps.upgrade.nothingToBackUp', { explanation: backupPlan.explanation })
                    : backupFirst
                      ? t(upgrade ? 'apps.upgrade.backupUpgrade' : 'apps.upgrade.backupRollback')
                      : t(upgrade ? 'apps.upgrade.noBackupUpgrade' : 'apps.upgrade.noBackupRollback')}
                </p>
              </div>
            )}

            <div className="actions actions--end">
              <Dialog.Close asChild>
                <button type="button" className="btn btn--secondary" disabled={busy}>
                  {t('common.actions.cancel')}
                </button>
              </Dialog.Close>
              <button
                type="button"
                className="btn btn--primary"
                onClick={confirm}
                disabled={busy || !target}
                data-testid="upgrade-confirm"
              >
                {t(upgrade ? 'apps.upgrade.confirmUpgrade' : 'apps.upgrade.confirmRollback', { version: target ?? '…' })}
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <DeployPreviewDialog request={previewing} onClose={() => setPreviewing(undefined)} onStarted={started} />
    </>
  )
}
