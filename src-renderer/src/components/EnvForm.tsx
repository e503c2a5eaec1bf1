import type { EnvForm as Form } from '../../../src-main/contract/apps'
import { type EnvEdits, rawEdits, visibleVariables, withValue } from '../screens/catalogue/newAppRules'
import { Icon } from './Icon'

type Variable = Form['variables'][number]

// An app's settings (.env) as a form: each variable a labelled field with
// the recipe's comment as help, each optional part (overlay) a switch with
// its own fields, and the file itself one click away. The core turns the
// edits into the file (apps.envForm), so the file keeps abra's layout.
export function EnvForm({
  form,
  edits,
  onEdits,
  rawOpen,
  onRawOpen,
  rawDraft,
  onRawDraft,
  updating
}: {
  form: Form
  edits: EnvEdits
  onEdits: (next: EnvEdits) => void
  rawOpen: boolean
  onRawOpen: (open: boolean) => void
  /** What the person typed in the file editor; undefined: it shows the form's file. */
  rawDraft: string | undefined
  onRawDraft: (text: string | undefined) => void
  updating: boolean
}) {
  const valueOf = (v: Variable): string => (v.key in edits.set ? edits.set[v.key] : v.commented ? '' : v.value)
  const setValue = (v: Variable, value: string): void => onEdits(withValue(edits, v.key, value, v.commented))
  const overlayOn = (id: string, enabled: boolean): boolean => (id in edits.overlays ? edits.overlays[id] : enabled)
  const variables = visibleVariables(form)

  return (
    <section className="env-form" aria-labelledby="env-form-title">
      <div className="env-form__head">
        <h2 id="env-form-title">Settings</h2>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="env-raw-toggle"
          aria-expanded={rawOpen}
          aria-controls="env-raw"
          onClick={() => {
            onRawOpen(!rawOpen)
            onRawDraft(undefined)
          }}
        >
          {rawOpen ? 'Back to the form' : 'Edit the file directly (advanced)'}
        </button>
      </div>

      {rawOpen ? (
        <div className="field field--wide">
          <label className="field__label" htmlFor="env-raw">
            The app’s settings file (.env)
          </label>
          <textarea
            id="env-raw"
            data-testid="env-raw"
            className="input env-raw mono"
            rows={Math.min(30, Math.max(10, (rawDraft ?? form.envText).split('\n').length + 1))}
            value={rawDraft ?? form.envText}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            aria-describedby="env-raw-hint"
            onChange={(e) => {
              onRawDraft(e.target.value)
              onEdits(rawEdits(e.target.value))
            }}
          />
          <p className="field__hint" id="env-raw-hint">
            The same file abra uses. Lines starting with # are comments or switched off. Secrets are not kept here, only
            their versions.
          </p>
        </div>
      ) : (
        <>
          {variables.length === 0 && form.overlays.length === 0 && (
            <p className="muted">This app type needs no settings besides its domain.</p>
          )}
          {variables.length > 0 && (
            <div className="form__group">
              {variables.map((v) => (
                <VariableField key={v.key} variable={v} value={valueOf(v)} onChange={(value) => setValue(v, value)} />
              ))}
            </div>
          )}
          {form.overlays.length > 0 && (
            <fieldset className="overlays">
              <legend className="overlays__legend">Optional parts</legend>
              {form.overlays.map((o) => {
                const on = overlayOn(o.id, o.enabled)
                const id = `overlay-${o.composeFile}`
                return (
                  <div key={o.id} className={`overlay${on ? ' overlay--on' : ''}`}>
                    <div className="overlay__switch">
                      <input
                        type="checkbox"
                        role="switch"
                        id={id}
                        data-testid={id}
                        checked={on}
                        aria-describedby={`${id}-text`}
                        onChange={(e) => onEdits({ ...edits, overlays: { ...edits.overlays, [o.id]: e.target.checked } })}
                      />
                      <label htmlFor={id} className="overlay__title">
                        {capitalise(o.title)}
                        <span className="overlay__state" aria-hidden="true">
                          {on ? 'On' : 'Off'}
                        </span>
                      </label>
                    </div>
                    <p className="overlay__text" id={`${id}-text`}>
                      {o.description || `Adds ${o.composeFile} to the app.`} <span className="mono overlay__file">{o.composeFile}</span>
                    </p>
                    {on && o.variables.length > 0 && (
                      <div className="form__group overlay__fields">
                        {o.variables.map((v) => (
                          <VariableField key={v.key} variable={v} value={valueOf(v)} onChange={(value) => setValue(v, value)} />
                        ))}
                      </div>
                    )}
                  </div>
                )
              })}
            </fieldset>
          )}
        </>
      )}

      {updating && (
        <p className="env-form__updating muted">
          Updating the file…
        </p>
      )}

      {form.missing.length > 0 && (
        <div className="panel panel--warn" data-testid="env-missing">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">Some settings the app uses are not set</h3>
          </div>
          <p className="panel__body">
            The app type uses these, but the file does not set them. The app may not start without them: add them with
            “Edit the file directly”.
          </p>
          <ul className="env-list">
            {form.missing.map((k) => (
              <li key={k} className="mono">
                {k}
              </li>
            ))}
          </ul>
        </div>
      )}
      {form.problems.length > 0 && (
        <div className={`panel ${form.problems.some((p) => p.severity === 'error') ? 'panel--bad' : 'panel--warn'}`} data-testid="env-problems">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">Problems in the file</h3>
          </div>
          <ul className="env-list">
            {form.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.severity === 'error' ? 'Error: ' : 'Warning: '}</strong>
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

function VariableField({ variable: v, value, onChange }: { variable: Variable; value: string; onChange: (value: string) => void }) {
  const id = `env-${v.key}`
  const comment = v.comment?.trim()
  // Sample comments are often headings ("Domain aliases") with no full stop.
  const hint = comment && !/[.!?:)]$/.test(comment) ? `${comment}.` : comment
  const defaultNote = v.commented ? (v.value ? `Leave empty to use the recipe’s default (${v.value}).` : 'Leave empty to use the recipe’s default.') : undefined
  const hints = [hint, defaultNote].filter(Boolean)
  return (
    <div className="field">
      <label className="field__label mono" htmlFor={id}>
        {v.key}
        {v.commented && <span className="field__optional"> (optional)</span>}
      </label>
      <input
        id={id}
        data-testid={id}
        className="input"
        value={value}
        placeholder={v.commented ? v.value : undefined}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        aria-describedby={hints.length > 0 ? `${id}-hint` : undefined}
      />
      {hints.length > 0 && (
        <p className="field__hint" id={`${id}-hint`}>
          {hints.join(' ')}
        </p>
      )}
    </div>
  )
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s
}
