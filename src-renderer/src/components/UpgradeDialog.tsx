import { useEffect, useState } from 'react'
import { Dialog } from 'radix-ui'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { z } from 'zod'
import type { UpgradeInfo } from '../../../src-main/contract/apps'
import type { BackupPlan } from '../../../src-main/contract/backups'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { useNavigate } from '../navigation'
import { Busy } from './Busy'
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
  const returnFocus = useReturnFocus(open)
  const navigate = useNavigate()
  const [base, setBase] = useState<Loaded>()
  const [picked, setPicked] = useState<string>()
  const [detail, setDetail] = useState<Loaded & { target: string }>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  // Take a backup first: on by default, off (and said why) when the app has
  // nothing a backup could take.
  const [backupFirst, setBackupFirst] = useState(true)
  const [backupPlan, setBackupPlan] = useState<BackupPlan>()

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

  const change = (o: boolean): void => {
    if (busy) return
    onOpenChange(o)
    if (!o) {
      setBase(undefined)
      setPicked(undefined)
      setDetail(undefined)
      setError(undefined)
      setBackupFirst(true)
      setBackupPlan(undefined)
    }
  }

  const confirm = (): void => {
    if (!target) return
    setBusy(true)
    setError(undefined)
    api.call('apps.deploy', { server, domain, kind: mode, version: target, backupFirst }).then(
      ({ jobId }) => {
        setBusy(false)
        change(false)
        navigate({ screen: 'deploy', jobId, server, domain })
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
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
    <Dialog.Root open={open} onOpenChange={change}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog dialog--wide" data-testid="upgrade-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title className="dialog__title">{upgrade ? `Upgrade ${domain}` : `Go back to an earlier version of ${domain}`}</Dialog.Title>
          <Dialog.Description className="dialog__text">
            {upgrade
              ? 'Choose the newer version to move to. The app restarts on it; if it does not start properly, the server goes back to the version it has now.'
              : 'Choose the earlier version to go back to. Use this when a new version causes trouble.'}{' '}
            {current ? `It runs ${current} now.` : ''}
          </Dialog.Description>

          {!base && <Busy>Looking up the versions…</Busy>}
          {base?.error && <ErrorPanel error={base.error} title="The versions could not be looked up" />}
          {base?.data && choices.length === 0 && (
            <p className="panel" data-testid="upgrade-none">
              {upgrade
                ? 'There is no newer version. The app already runs the newest one this computer knows.'
                : 'There is no earlier version to go back to.'}
            </p>
          )}

          {choices.length > 0 && (
            <div className="field">
              <label className="field__label" htmlFor="upgrade-version">
                {upgrade ? 'New version' : 'Go back to version'}
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
                    {upgrade ? (i === 0 ? ' (newest)' : '') : c.version === initial ? ' (the one it ran before)' : ''}
                  </option>
                ))}
              </select>
            </div>
          )}

          {/* An older version's notes say what it added back then, not what going back changes. */}
          {target && upgrade && (
            <section className="upgrade__section" aria-labelledby="upgrade-notes-title">
              <h3 id="upgrade-notes-title">What’s new</h3>
              <div data-testid="upgrade-notes" className="upgrade__notes">
                {notes.length === 0 ? (
                  <p className="muted">The recipe has no release notes for {target}.</p>
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
              <h3 id="upgrade-vars-title">New settings</h3>
              <div data-testid="upgrade-new-vars">
                {!shown && <Busy>Comparing the settings…</Busy>}
                {shown?.error && <ErrorPanel error={shown.error} title="The settings could not be compared" />}
                {shown?.data && shown.data.newVariables.length === 0 && (
                  <p className="muted">{target} needs no settings your app doesn’t already have.</p>
                )}
                {shown?.data && shown.data.newVariables.length > 0 && (
                  <>
                    <p>
                      {target} adds these settings. Your app will get the recipe’s defaults shown here, unless you set
                      them in Config before you continue.
                    </p>
                    <ul className="upgrade__vars">
                      {shown.data.newVariables.map((v) => (
                        <li key={v.key}>
                          <span className="mono upgrade__var-key">{v.key}</span>
                          <span className="mono muted">{v.commented ? '(not set: the recipe’s default)' : `= ${v.value}`}</span>
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
              <label htmlFor="upgrade-backup-first">Take a backup first</label>
              <p className="field__hint" id="upgrade-backup-first-hint">
                {backupPlan?.explanation
                  ? `There is nothing to back up: ${backupPlan.explanation}`
                  : backupFirst
                    ? `A copy of the app’s data is taken and checked before anything changes. If the backup fails, the ${upgrade ? 'upgrade' : 'change of version'} does not happen and the app keeps running as it is.`
                    : `No backup is taken. If the ${upgrade ? 'new' : 'earlier'} version changes the app’s data, there is no copy to go back to.`}
              </p>
            </div>
          )}

          {error && <ErrorPanel error={error} title={upgrade ? 'The upgrade could not start' : 'Going back could not start'} />}
          <div className="actions actions--end">
            <Dialog.Close asChild>
              <button type="button" className="btn btn--secondary" disabled={busy}>
                Cancel
              </button>
            </Dialog.Close>
            <button
              type="button"
              className="btn btn--primary"
              onClick={confirm}
              disabled={busy || !target}
              data-testid="upgrade-confirm"
            >
              {busy ? 'Starting…' : upgrade ? `Upgrade to ${target ?? '…'}` : `Go back to ${target ?? '…'}`}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
