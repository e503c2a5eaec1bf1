import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { SwarmMachine } from '../../../../src-main/contract/nodes'
import { api } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { TypeToConfirm, typedMatches } from '../../components/TypeToConfirm'
import { errorBody } from '../../lib/errors'

// Taking a worker that is down out of the swarm's list, for good: the
// person types the machine's name first, as removing an app asks for its domain.
export function RemoveMachineDialog({
  server,
  machine,
  open,
  onOpenChange,
  onRemoved
}: {
  server: string
  machine: SwarmMachine
  open: boolean
  onOpenChange: (open: boolean) => void
  onRemoved: () => void
}) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const name = machine.hostname
  const matches = typedMatches(typed, name)

  const confirm = (): void => {
    if (!matches || busy) return
    setBusy(true)
    setError(undefined)
    api.call('nodes.remove', { server, node: machine.id }).then(
      () => {
        setBusy(false)
        setTyped('')
        onRemoved()
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o)
        setError(undefined)
        if (!o) setTyped('')
      }}
      title={t('machines.remove.title', { machine: name })}
      confirmLabel={t('machines.remove.confirm')}
      busyLabel={t('machines.remove.busy')}
      danger
      busy={busy}
      disabled={!matches}
      error={error}
      onConfirm={confirm}
      testId="remove-machine-dialog"
      confirmTestId="remove-machine-confirm"
    >
      <p className="dialog__text">{t('machines.remove.lead', { machine: name })}</p>
      <p className="dialog__text">{t('machines.remove.back')}</p>
      <TypeToConfirm
        id={`remove-machine-${machine.id}`}
        expected={name}
        value={typed}
        onChange={setTyped}
        onEnter={confirm}
        disabled={busy}
        testId="remove-machine-input"
        labelKey="machines.remove.typeName"
      />
    </ConfirmDialog>
  )
}
