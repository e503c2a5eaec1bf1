import type { ReactNode } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'

// The buttons at the foot of a dialog that starts a job (a restore, a move,
// the nightly backups' setup). Before the job: Cancel, and the button that
// starts it, which says so while the call is under way. Once it runs: the
// dialog's own next steps, then the button that closes (or hides) it.

export function StartActions({
  starting,
  disabled = false,
  onStart,
  tone = 'primary',
  label,
  startingLabel,
  testId
}: {
  starting: boolean
  /** Not yet: something is missing (on top of while it starts). */
  disabled?: boolean
  /** Without it, the button submits the form it stands in. */
  onStart?: () => void
  tone?: 'primary' | 'danger'
  label: string
  startingLabel: string
  testId: string
}) {
  const { t } = useTranslation()
  return (
    <div className="actions actions--end">
      <Dialog.Close asChild>
        <button type="button" className="btn btn--secondary" disabled={starting}>
          {t('common.actions.cancel')}
        </button>
      </Dialog.Close>
      <button type={onStart ? 'button' : 'submit'} className={`btn btn--${tone}`} onClick={onStart} disabled={starting || disabled} data-testid={testId}>
        {starting ? startingLabel : label}
      </button>
    </div>
  )
}

export function JobActions({
  children,
  closeLabel,
  closeTone = 'primary',
  closeDisabled,
  closeTestId
}: {
  /** The dialog's own buttons, before Close. */
  children?: ReactNode
  closeLabel: string
  closeTone?: 'primary' | 'secondary'
  closeDisabled?: boolean
  closeTestId?: string
}) {
  return (
    <div className="actions actions--end">
      {children}
      <Dialog.Close asChild>
        <button type="button" className={`btn btn--${closeTone}`} disabled={closeDisabled} data-testid={closeTestId}>
          {closeLabel}
        </button>
      </Dialog.Close>
    </div>
  )
}
