import { useEffect, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, ResolvedHost, ServerSummary } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Choice } from '../../components/Choice'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { PageTitle } from '../../components/PageTitle'
import { TextField } from '../../components/TextField'
import { DEFAULT_SOCKET, sshAddInput, sshSettingsNote, whereFields, type SshAddInput, type WhereForm } from '../../lib/addServer'
import { errorBody } from '../../lib/errors'
import { fieldErrorsFromIssues, issuesOf, unplacedIssues, type FieldErrors } from '../../lib/fieldErrors'

const RESOLVE_DELAY_MS = 400
// Same rule as the contract's HostInput: only ask about hosts it would accept.
const plausibleHost = /^[A-Za-z0-9._:%[\]-]+$/
// probeHostKey and resolve call the address "hostname"; the form calls it "host".
const rename = { hostname: 'host' }

export function WhereStep({
  form,
  setForm,
  errors,
  setErrors,
  onSsh,
  onLocalAdded,
  onCancel
}: {
  form: WhereForm
  setForm: Dispatch<SetStateAction<WhereForm>>
  errors: FieldErrors
  setErrors: (e: FieldErrors) => void
  onSsh: (input: SshAddInput, target: { hostname: string; port: number }) => void
  onLocalAdded: (server: ServerSummary) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const [resolved, setResolved] = useState<ResolvedHost>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const [advanced, setAdvanced] = useState(errors.socketPath !== undefined || form.socketPath !== DEFAULT_SOCKET)

  // Fill user and port from ~/.ssh/config while the user types the address,
  // unless they already typed their own.
  const host = form.host.trim()
  useEffect(() => {
    if (form.kind !== 'ssh' || !host || !plausibleHost.test(host)) return
    let live = true
    const timer = setTimeout(() => {
      api.call('servers.resolve', { host }).then(
        (r) => {
          if (!live) return
          setResolved(r)
          setForm((f) => ({
            ...f,
            user: f.userTouched ? f.user : r.user,
            port: f.portTouched ? f.port : String(r.port)
          }))
        },
        () => {
          // Silent: the address is checked properly when the user presses Next.
        }
      )
    }, RESOLVE_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [form.kind, host, setForm])

  const set = (patch: Partial<WhereForm>): void => {
    setForm((f) => ({ ...f, ...patch }))
    // An error about a field goes away once the user changes that field.
    const stale = Object.keys(patch).filter((k) => errors[k])
    if (stale.length > 0) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !stale.includes(k))))
  }

  const showIssues = (body: ApiErrorBody): void => {
    const issues = issuesOf(body)
    setErrors(fieldErrorsFromIssues(issues, rename))
    if (issues.length === 0 || unplacedIssues(issues, whereFields, rename).length > 0) setError(body)
    const fields = fieldErrorsFromIssues(issues, rename)
    if (fields.socketPath) setAdvanced(true)
    focusFirstInvalid(fields)
  }

  const next = (e: FormEvent): void => {
    e.preventDefault()
    setError(undefined)
    if (form.kind === 'local') {
      setErrors({})
      setBusy(true)
      const socketPath = form.socketPath.trim()
      api.call('servers.add', { kind: 'local', ...(socketPath ? { socketPath } : {}) }).then(
        (server) => {
          setBusy(false)
          onLocalAdded(server)
        },
        (err: unknown) => {
          setBusy(false)
          const body = errorBody(err)
          if (body.code === 'invalid-request') showIssues(body)
          else setError(body)
        }
      )
      return
    }
    const { input, errors: found } = sshAddInput(form)
    setErrors(found)
    if (!input) {
      if (found.socketPath) setAdvanced(true)
      focusFirstInvalid(found)
      return
    }
    // Resolve again rather than trust the debounced result: the user may
    // have pressed Next before it arrived.
    setBusy(true)
    api.call('servers.resolve', { host: input.host, ...(input.user ? { user: input.user } : {}), ...(input.port ? { port: input.port } : {}) }).then(
      (r) => {
        setBusy(false)
        onSsh(input, { hostname: r.hostname, port: r.port })
      },
      (err: unknown) => {
        setBusy(false)
        const body = errorBody(err)
        if (body.code === 'invalid-request') showIssues(body)
        else setError(body)
      }
    )
  }

  const note = resolved && resolved.fromSshConfig && resolved.alias === host ? sshSettingsNote(resolved) : undefined

  return (
    <section className="step" data-testid="wizard-step-where" aria-labelledby="step-where-title">
      <PageTitle level={2} id="step-where-title">
        {t('wizard.steps.where')}
      </PageTitle>
      <form className="form" onSubmit={next} noValidate>
        <fieldset className="choices">
          <legend className="sr-only">{t('wizard.where.kind')}</legend>
          <Choice
            id="kind-ssh"
            name="server-kind"
            checked={form.kind === 'ssh'}
            onSelect={() => set({ kind: 'ssh' })}
            title={t('wizard.where.sshTitle')}
            text={t('wizard.where.sshText')}
          />
          <Choice
            id="kind-local"
            name="server-kind"
            checked={form.kind === 'local'}
            onSelect={() => set({ kind: 'local' })}
            title={t('wizard.where.localTitle')}
            text={t('wizard.where.localText')}
          />
        </fieldset>

        {form.kind === 'ssh' && (
          <div className="form__group">
            <TextField
              id="where-host"
              label={t('wizard.where.address')}
              value={form.host}
              onChange={(v) => set({ host: v })}
              hint={t('wizard.where.addressHint')}
              error={errors.host}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              required
            />
            {note && (
              <p className="field__note" role="status" data-testid="ssh-settings-note">
                {note}
              </p>
            )}
            <div className="form__row">
              <TextField
                id="where-user"
                label={t('wizard.where.user')}
                value={form.user}
                onChange={(v) => set({ user: v, userTouched: true })}
                hint={t('wizard.where.userHint')}
                error={errors.user}
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="off"
              />
              <TextField
                id="where-port"
                label={t('wizard.where.port')}
                value={form.port}
                onChange={(v) => set({ port: v, portTouched: true })}
                hint={t('wizard.where.portHint')}
                error={errors.port}
                inputMode="numeric"
                autoComplete="off"
                className="input input--short"
              />
            </div>
            <TextField
              id="where-name"
              label={t('wizard.where.name')}
              optional
              value={form.name}
              onChange={(v) => set({ name: v })}
              placeholder={host || undefined}
              hint={t('wizard.where.nameHint')}
              error={errors.name}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        )}

        <details className="disclosure" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
          <summary>{t('wizard.where.advanced')}</summary>
          <TextField
            id="where-socketPath"
            label={t('wizard.where.socket')}
            value={form.socketPath}
            onChange={(v) => set({ socketPath: v })}
            hint={t('wizard.where.socketHint')}
            error={errors.socketPath}
            autoComplete="off"
            spellCheck={false}
          />
        </details>

        {busy && <Busy>{form.kind === 'local' ? t('wizard.where.connectingLocal') : t('wizard.where.lookingUp')}</Busy>}
        {error && <ErrorPanel error={error} title={form.kind === 'local' ? t('wizard.where.localError') : t('common.didNotWork')} />}

        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {form.kind === 'local' ? t('wizard.where.addLocal') : t('common.actions.next')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            {t('common.actions.cancel')}
          </button>
        </div>
      </form>
    </section>
  )
}

function focusFirstInvalid(errors: FieldErrors): void {
  const first = whereFields.find((f) => errors[f])
  // After React has shown the field (it may sit in the closed Advanced part).
  if (first) setTimeout(() => document.getElementById(`where-${first}`)?.focus(), 0)
}
