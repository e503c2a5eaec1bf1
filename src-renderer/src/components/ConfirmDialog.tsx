import type { ReactNode } from 'react'
import { AlertDialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { useReturnFocus } from './returnFocus'

// A yes/no question before something that can't be taken back. The caller
// owns `open` so it can keep the dialog up while the work runs and on error.
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  busyLabel,
  danger = false,
  busy = false,
  disabled = false,
  error,
  errorTitle,
  onConfirm,
  testId,
  confirmTestId
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  children: ReactNode
  confirmLabel: string
  busyLabel?: string
  danger?: boolean
  busy?: boolean
  disabled?: boolean
  error?: ApiErrorBody
  errorTitle?: string
  onConfirm: () => void
  testId?: string
  confirmTestId?: string
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  return (
    <AlertDialog.Root open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <AlertDialog.Portal>
        <DialogBackdrop />
        {/* aria-modal: the rest of the page is out of reach (Radix traps focus and hides it), and says so. */}
        <AlertDialog.Content className="dialog" data-testid={testId} onCloseAutoFocus={returnFocus} aria-modal="true">
          <AlertDialog.Title className="dialog__title">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="dialog__body">{children}</div>
          </AlertDialog.Description>
          {error && <ErrorPanel error={error} title={errorTitle} />}
          <div className="actions actions--end">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn--secondary" disabled={busy}>
                {t('common.actions.cancel')}
              </button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`}
              onClick={onConfirm}
              disabled={busy || disabled}
              data-testid={confirmTestId}
            >
              {busy ? (busyLabel ?? t('common.working')) : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
