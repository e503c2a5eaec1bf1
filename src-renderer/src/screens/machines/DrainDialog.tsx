import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { DrainPlanOut, SwarmMachine } from '../../../../src-main/contract/nodes'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Icon } from '../../components/Icon'
import { errorBody } from '../../lib/errors'

type Planned = DrainPlanOut['moving'][number]

// Before a machine's apps are moved off it, what will happen to each: where
// it goes, what can't go anywhere (it stops until the machine is back), what
// runs everywhere, and, loudest, each service whose data (a local volume)
// stays behind and so starts empty on the other machine. The plan is asked
// for each time the dialog opens: what runs there changes.
export function DrainDialog({
  server,
  machine,
  open,
  starting,
  error,
  onConfirm,
  onOpenChange
}: {
  server: string
  machine: SwarmMachine
  open: boolean
  starting: boolean
  error?: ApiErrorBody
  onConfirm: () => void
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useTranslation()
  const [plan, setPlan] = useState<DrainPlanOut>()
  const [planError, setPlanError] = useState<ApiErrorBody>()
  const name = machine.hostname

  // Each opening reads the plan again: what was shown before may be stale.
  const [shownOpen, setShownOpen] = useState(false)
  if (open !== shownOpen) {
    setShownOpen(open)
    setPlan(undefined)
    setPlanError(undefined)
  }
  useEffect(() => {
    if (!open) return
    let live = true
    api.call('nodes.drainPlan', { server, node: machine.id }).then(
      (p) => live && setPlan(p),
      (err: unknown) => live && setPlanError(errorBody(err))
    )
    return () => {
      live = false
    }
  }, [open, server, machine.id])

  const list = new Intl.ListFormat(undefined, { type: 'conjunction' })
  const to = (s: Planned): string => (s.movesTo.length ? list.format(s.movesTo) : t('machines.drain.anyOther'))
  const empty = plan && !plan.moving.length && !plan.stuck.length && !plan.everywhere.length

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('machines.drain.title', { machine: name })}
      confirmLabel={t('machines.drain.confirm')}
      busyLabel={t('machines.drain.busy')}
      danger
      busy={starting}
      disabled={!plan}
      error={error ?? planError}
      onConfirm={onConfirm}
      testId="drain-dialog"
      confirmTestId="drain-confirm"
    >
      {!plan && !planError && <Busy>{t('machines.drain.reading', { machine: name })}</Busy>}
      {plan && (
        <div data-testid="drain-plan">
          <p className="dialog__text">{t('machines.drain.lead', { machine: name })}</p>
          {empty && <p className="dialog__text">{t('machines.drain.nothing', { machine: name })}</p>}
          {plan.moving.length > 0 && (
            <>
              <p className="dialog__text">{t('machines.drain.moving')}</p>
              <ul className="dialog__list" data-testid="drain-moving">
                {plan.moving.map((s) => (
                  <li key={s.id} data-service={s.name}>
                    {t('machines.drain.movesTo', { service: s.name, to: to(s) })}
                    {s.localData.length > 0 && (
                      <p className="machines__data-warn" data-testid="drain-data-warning">
                        <Icon name="alert" /> {t('machines.drain.dataStays', { volumes: list.format(s.localData), machine: name, to: to(s) })}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.stuck.length > 0 && (
            <>
              <p className="dialog__text">{t('machines.drain.stuck', { machine: name })}</p>
              <ul className="dialog__list" data-testid="drain-stuck">
                {plan.stuck.map((s) => (
                  <li key={s.id} data-service={s.name}>
                    {s.name}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.everywhere.length > 0 && (
            <>
              <p className="dialog__text">{t('machines.drain.everywhere', { machine: name })}</p>
              <ul className="dialog__list" data-testid="drain-everywhere">
                {plan.everywhere.map((s) => (
                  <li key={s.id} data-service={s.name}>
                    {s.name}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted">{t('machines.drain.cancelNote', { machine: name })}</p>
        </div>
      )}
    </ConfirmDialog>
  )
}
