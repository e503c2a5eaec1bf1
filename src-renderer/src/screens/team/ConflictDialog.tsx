import { useState, type FormEvent } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { TeamConflict, TeamStatus } from '../../../../src-main/contract/team'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { DialogBackdrop } from '../../components/DialogBackdrop'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useReturnFocus } from '../../components/returnFocus'
import { errorBody } from '../../lib/errors'
import { conflictApp, envLineWords, missingChoice } from './teamText'

type Side = 'mine' | 'theirs'

// One app's settings file where you and the team changed the same lines: for
// each place, your lines and the team's, each as written (KEY=value) and in
// words, and a choice per place; then team.resolve writes the file, commits
// the merge and shares it. Env files hold settings only (abra keeps
// passwords in the swarm), so showing both versions shows no secret.
export function ConflictDialog({ conflict: asked, onClose, onResolved }: { conflict?: TeamConflict; onClose: () => void; onResolved: (s: TeamStatus, domain: string) => void }) {
  const { t } = useTranslation()
  const open = !!asked
  const returnFocus = useReturnFocus(open)
  const [choices, setChoices] = useState<Array<Side | undefined>>([])
  const [missing, setMissing] = useState<number>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()

  // Each opening starts with nothing chosen (set while drawing, as React
  // advises); the last conflict stays drawn while the dialog closes, so Radix
  // can hand the focus back to what opened it.
  const [shown, setShown] = useState<TeamConflict>()
  if (asked && asked !== shown) {
    if (asked.file !== shown?.file) {
      setChoices([])
      setMissing(undefined)
      setError(undefined)
    }
    setShown(asked)
  }
  const conflict = asked ?? shown
  if (!conflict) return null
  const { domain } = conflictApp(conflict.file)
  const count = conflict.hunks.length

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    const first = missingChoice(choices, count)
    setMissing(first)
    setError(undefined)
    if (first) {
      document.getElementById(`team-place-${first}-mine`)?.focus()
      return
    }
    setBusy(true)
    api.call('team.resolve', { file: conflict.file, choices: choices.slice(0, count) as Side[] }).then(
      (s) => {
        setBusy(false)
        onResolved(s, domain)
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  const choose = (i: number, side: Side): void => {
    setChoices((c) => {
      const next = [...c]
      next[i] = side
      return next
    })
    if (missing === i + 1) setMissing(undefined)
  }

  return (
    <Dialog.Root open={open} onOpenChange={(o) => !o && !busy && onClose()}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog dialog--wide" data-testid="team-conflict-dialog" onCloseAutoFocus={returnFocus} aria-modal="true">
          <Dialog.Title className="dialog__title">{t('team.dialog.title', { domain })}</Dialog.Title>
          <Dialog.Description className="dialog__text">{t('team.dialog.intro')}</Dialog.Description>
          <p className="team__file mono">{conflict.file}</p>
          <form className="form" onSubmit={submit} noValidate>
            {conflict.hunks.map((h, i) => {
              const n = i + 1
              const errorId = `team-place-${n}-error`
              return (
                <fieldset key={`${h.line}-${i}`} className="team__place" data-testid="team-place" disabled={busy} aria-describedby={missing === n ? errorId : undefined}>
                  <legend className="field__label">{t('team.dialog.place', { n, count, line: h.line })}</legend>
                  <div className="team__sides">
                    <SideChoice id={`team-place-${n}-mine`} name={`team-place-${n}`} checked={choices[i] === 'mine'} onSelect={() => choose(i, 'mine')} title={t('team.dialog.mine')} action={t('team.dialog.keepMine')} lines={h.mine} />
                    <SideChoice
                      id={`team-place-${n}-theirs`}
                      name={`team-place-${n}`}
                      checked={choices[i] === 'theirs'}
                      onSelect={() => choose(i, 'theirs')}
                      title={conflict.theirsBy ? t('team.dialog.theirsBy', { name: conflict.theirsBy }) : t('team.dialog.theirs')}
                      action={t('team.dialog.keepTheirs')}
                      lines={h.theirs}
                    />
                  </div>
                  {missing === n && (
                    <p className="field__error" id={errorId} role="alert">
                      {t('team.dialog.missing', { n })}
                    </p>
                  )}
                </fieldset>
              )
            })}
            {busy && <Busy>{t('team.dialog.busy')}</Busy>}
            {error && <ErrorPanel error={error} title={t('team.dialog.error')} />}
            <div className="actions actions--end">
              <Dialog.Close asChild>
                <button type="button" className="btn btn--secondary" disabled={busy}>
                  {t('common.actions.cancel')}
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn--primary" disabled={busy} data-testid="team-resolve">
                {t('team.dialog.submit')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/** One side of a place: a radio card with the lines as written (KEY=value) and in words. */
function SideChoice({ id, name, checked, onSelect, title, action, lines }: { id: string; name: string; checked: boolean; onSelect: () => void; title: string; action: string; lines: string[] }) {
  const { t } = useTranslation()
  return (
    <div className={`choice team__side${checked ? ' choice--checked' : ''}`} data-testid={id}>
      <input type="radio" id={id} name={name} checked={checked} onChange={onSelect} aria-describedby={`${id}-lines`} />
      <label htmlFor={id} className="choice__label">
        {t('team.dialog.side', { title, action })}
      </label>
      <div className="choice__text" id={`${id}-lines`}>
        {lines.length === 0 ? (
          <p>{t('team.dialog.noLines')}</p>
        ) : (
          <ul className="team__lines">
            {lines.map((l, j) => (
              <li key={j}>
                <code className="mono team__line">{l === '' ? '\u00a0' : l}</code>
                <span className="team__line-words">{envLineWords(l, (k, v) => t(k as 'team.title', v))}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
