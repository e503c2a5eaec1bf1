import { useEffect, useRef, useState } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { DialogBackdrop } from '../../components/DialogBackdrop'
import { ErrorPanel } from '../../components/ErrorPanel'
import { JobActions, StartActions } from '../../components/JobDialogActions'
import { TextField } from '../../components/TextField'
import { useReturnFocus } from '../../components/returnFocus'
import { useStartJob } from '../../components/useStartJob'
import { BackupJob } from '../backups/BackupJob'
import { NightlyDestinationFields } from './NightlyDestinationFields'
import { RecoveryKit } from './RecoveryKit'
import { checkNightlyForm, computerTimeZone, emptyNightlyForm, FIELD_ORDER, hasErrors, localToUtc, nightlySetupInput, type NightlyErrors, type NightlyField, type NightlyForm, type RecoveryKitData } from './nightlyText'
import '../../styles/apps.css'

// Setting up nightly backups: where they go, when, how many to keep; then
// the nightly.setup job with its progress. The dialog can't be closed while
// the job runs (Cancel undoes it). The core hands the recovery kit over when
// the job starts; it is held here and shown only once the job has succeeded,
// and the dialog closes only after "I have saved it" is ticked. A setup that
// failed or was cancelled was undone by the core: its kit is dropped unseen.
// Closed after a setup that worked, the button that opened it is gone (the
// server's section now shows the nightly backups): `onClosedSetUp` takes the
// focus instead.
export function NightlySetupDialog({
  server,
  open,
  onOpenChange,
  onSetUp,
  onClosedSetUp
}: {
  server: string
  open: boolean
  onOpenChange: (open: boolean) => void
  onSetUp: () => void
  onClosedSetUp: () => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const [form, setForm] = useState<NightlyForm>(emptyNightlyForm)
  const [errors, setErrors] = useState<NightlyErrors>({})
  const [tried, setTried] = useState(false)
  const setup = useStartJob()
  const { starting, startError, jobId, job } = setup
  const [kit, setKit] = useState<RecoveryKitData>()
  const [saved, setSaved] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  // Whether the dialog was last closed after a setup that worked (read once it has closed).
  const closedDone = useRef(false)
  // The pure checks take keys as plain strings.
  const say = (k: string, v?: Record<string, unknown>): string => t(k as 'nightly.server.title', v)

  const status = jobId ? (job?.status ?? 'running') : undefined
  const running = starting || status === 'running'
  const done = status === 'done'
  const ended = status !== undefined && status !== 'running'

  // A failed or cancelled setup was undone: its password protects nothing and is never shown.
  if (ended && !done && kit) setKit(undefined)
  // The server's section reads its state again once the job has ended, whatever the outcome.
  useEffect(() => {
    if (ended) onSetUp()
  }, [ended, onSetUp])

  const closable = !running && !(done && kit && !saved)
  const reset = (): void => {
    setForm(emptyNightlyForm())
    setErrors({})
    setTried(false)
    setup.reset()
    setKit(undefined)
    setSaved(false)
  }
  const change = (o: boolean): void => {
    if (!o && !closable) return
    onOpenChange(o)
    if (!o) {
      closedDone.current = done
      reset()
    }
  }
  const closeFocus = (e: Event): void => {
    if (!closedDone.current) {
      returnFocus(e)
      return
    }
    closedDone.current = false
    e.preventDefault()
    onClosedSetUp()
  }
  const hold = (e: Event): void => {
    if (!closable) e.preventDefault()
  }

  const set = (field: NightlyField | 'kind', value: string): void => {
    const next = { ...form, [field]: value } as NightlyForm
    setForm(next)
    // After a first try, the messages follow what is typed.
    if (tried) setErrors(checkNightlyForm(next, say))
  }

  const submit = (): void => {
    const found = checkNightlyForm(form, say)
    setErrors(found)
    setTried(true)
    if (hasErrors(found)) {
      const first = FIELD_ORDER.find((f) => found[f])
      const field = formRef.current?.querySelector<HTMLElement>(`#nightly-${first}`)
      const folded = field?.closest('details')
      if (folded) folded.open = true
      field?.focus()
      return
    }
    setup.start(
      () => api.call('nightly.setup', nightlySetupInput(form, server)),
      (r) => setKit(r.recoveryKit)
    )
  }

  const zone = computerTimeZone()
  const utc = localToUtc(form.time)
  return (
    <Dialog.Root open={open} onOpenChange={change}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content
          className="dialog dialog--wide"
          data-testid="nightly-setup-dialog"
          onCloseAutoFocus={closeFocus}
          onEscapeKeyDown={hold}
          onPointerDownOutside={hold}
          onInteractOutside={hold}
        >
          <Dialog.Title className="dialog__title">{t('nightly.setup.title', { server })}</Dialog.Title>
          <Dialog.Description className="dialog__text">{t('nightly.setup.intro', { server })}</Dialog.Description>

          {!jobId && (
            <form
              ref={formRef}
              className="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault()
                submit()
              }}
            >
              <NightlyDestinationFields server={server} form={form} errors={errors} set={set} disabled={starting} />
              <div className="form__row">
                <TextField
                  id="nightly-time"
                  type="time"
                  label={t('nightly.setup.time')}
                  hint={utc && zone ? t('nightly.setup.timeHint', { zone, utc }) : utc ? t('nightly.setup.timeHintNoZone', { utc }) : undefined}
                  value={form.time}
                  onChange={(v) => set('time', v)}
                  error={errors.time}
                  disabled={starting}
                  data-testid="nightly-time"
                />
                <TextField
                  id="nightly-keep"
                  className="input input--short"
                  label={t('nightly.setup.keep')}
                  hint={t('nightly.setup.keepHint')}
                  value={form.keep}
                  onChange={(v) => set('keep', v)}
                  error={errors.keep}
                  disabled={starting}
                  inputMode="numeric"
                  autoComplete="off"
                  data-testid="nightly-keep"
                />
              </div>
              <details className="disclosure" open={Boolean(errors.domain)}>
                <summary>{t('nightly.setup.more')}</summary>
                <TextField
                  id="nightly-domain"
                  label={t('nightly.setup.domain')}
                  hint={t('nightly.setup.domainHint', { domain: `backups.${server}` })}
                  value={form.domain}
                  onChange={(v) => set('domain', v)}
                  error={errors.domain}
                  disabled={starting}
                  placeholder={`backups.${server}`}
                  spellCheck={false}
                  autoComplete="off"
                />
              </details>
              {tried && hasErrors(errors) && (
                <p className="field__error" role="alert">
                  {t('nightly.setup.fixFirst')}
                </p>
              )}
              {startError && <ErrorPanel error={startError} title={t('nightly.setup.startError')} />}
              <StartActions starting={starting} label={t('nightly.setup.submit')} startingLabel={t('nightly.setup.starting')} testId="nightly-setup-confirm" />
            </form>
          )}

          {jobId && (
            <>
              <BackupJob
                job={job}
                testId="nightly-setup-progress"
                title={t('nightly.setup.jobTitle')}
                cancelTestId="nightly-setup-cancel"
                doneTitle={t('nightly.setup.doneTitle')}
                failedTitle={t('nightly.setup.failedTitle')}
              >
                {ended && !done && (
                  <p data-testid="nightly-setup-undone">
                    {t('nightly.setup.nothingSetUp', { server })} {status === 'failed' ? t('nightly.setup.failedNext') : t('nightly.setup.cancelledNext')}
                  </p>
                )}
              </BackupJob>
              {running && <p className="muted">{t('nightly.setup.runningNote')}</p>}
              {done && kit && <RecoveryKit kit={kit} saved={saved} onSaved={setSaved} />}
              {ended && (
                <JobActions closeLabel={t('common.actions.close')} closeDisabled={!closable} closeTestId="nightly-setup-close">
                  {!done && (
                    <button
                      type="button"
                      className="btn btn--secondary"
                      onClick={() => {
                        setup.reset()
                        setTried(false)
                      }}
                    >
                      {t('nightly.setup.change')}
                    </button>
                  )}
                </JobActions>
              )}
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
