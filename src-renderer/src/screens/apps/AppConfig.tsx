import { useState, type FormEvent } from 'react'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { EnvForm } from '../../../../src-main/contract/apps'
import { api } from '../../api/client'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'

// The app's settings as abra keeps them: the .env file, edited as text.
export function AppConfig({
  server,
  domain,
  form,
  deployed,
  onSaved
}: {
  server: string
  domain: string
  form: EnvForm
  deployed: boolean
  onSaved: () => void
}) {
  const navigate = useNavigate()
  const [text, setText] = useState(form.envText)
  const [saved, setSaved] = useState<EnvForm>()
  const [savedText, setSavedText] = useState(form.envText)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const [deployError, setDeployError] = useState<ApiErrorBody>()
  const current = saved ?? form
  const dirty = text !== savedText

  const save = (e: FormEvent): void => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    api.call('apps.saveEnv', { server, domain, envText: text, baseText: savedText }).then(
      (f) => {
        setBusy(false)
        setSaved(f)
        setSavedText(text)
        onSaved()
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  const redeploy = (): void => {
    setDeployError(undefined)
    api.call('apps.deploy', { server, domain, kind: deployed ? 'redeploy' : 'deploy' }).then(
      ({ jobId }) => navigate({ screen: 'deploy', jobId, server, domain }),
      (err: unknown) => setDeployError(errorBody(err))
    )
  }

  const errors = current.problems.filter((p) => p.severity === 'error')
  const warnings = current.problems.filter((p) => p.severity === 'warning')

  return (
    <form className="form config" onSubmit={save} noValidate>
      <div className="field field--full">
        <label className="field__label" htmlFor="env-raw">
          Settings (the app’s .env file)
        </label>
        <p className="field__hint" id="env-raw-hint">
          One setting a line, as <span className="mono">NAME=value</span>. Lines starting with # are notes or settings left
          at the recipe’s default. The file is kept on this computer, where abra reads it too.
        </p>
        <textarea
          id="env-raw"
          className="input textarea mono"
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          rows={20}
          aria-describedby="env-raw-hint"
          data-testid="env-raw"
          disabled={busy}
        />
      </div>

      {(errors.length > 0 || warnings.length > 0 || current.missing.length > 0) && (
        <div className={`panel ${errors.length > 0 ? 'panel--bad' : 'panel--warn'}`} data-testid="env-problems">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">
              {errors.length > 0 ? 'These settings would not work yet' : 'Some settings may need a look'}
            </h3>
          </div>
          <ul className="problems">
            {[...errors, ...warnings].map((p, i) => (
              <li key={i}>
                {p.line !== undefined && <span className="muted">Line {p.line}: </span>}
                {p.message}
              </li>
            ))}
            {current.missing.length > 0 && (
              <li>
                The recipe uses {current.missing.length === 1 ? 'a setting' : 'settings'} this file does not set:{' '}
                {current.missing.map((m, i) => (
                  <span key={m}>
                    {i > 0 ? ', ' : ''}
                    <span className="mono">{m}</span>
                  </span>
                ))}
                .
              </li>
            )}
          </ul>
        </div>
      )}

      {error && <ErrorPanel error={error} title="The settings could not be saved" />}
      {saved && !dirty && (
        <div className="panel panel--ok" role="status" data-testid="env-saved">
          <p>
            Saved. {deployed ? 'The running app still uses the old settings until you deploy it again.' : 'They apply when you deploy the app.'}
          </p>
          <div className="actions">
            <button type="button" className="btn btn--primary btn--small" onClick={redeploy}>
              {deployed ? 'Redeploy now' : 'Deploy now'}
            </button>
          </div>
        </div>
      )}
      {deployError && <ErrorPanel error={deployError} title="The deploy could not start" />}

      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy || !dirty} data-testid="env-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn--secondary" onClick={() => setText(savedText)} disabled={busy || !dirty}>
          Undo changes
        </button>
      </div>
    </form>
  )
}
