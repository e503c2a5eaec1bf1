import { useState, type ReactElement, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isYesNo, yesNoState } from '../lib/yesNo'
import type { TFunction } from 'i18next'
import type { EnvForm as Form } from '../../../src-main/contract/apps'
import type { EnvField, EnvGroup, EnvPart } from '../../../src-main/contract/env-layout'
import { type EnvEdits, rawEdits, withValue } from '../screens/catalogue/newAppRules'
import { Icon } from './Icon'
import '../styles/catalogue.css'
import '../styles/env-form.css'

// An app's settings (.env) as a form, laid out by the core (form.layout):
// what must be set first, the rest folded under "More settings" in the
// recipe's own sections, each variable a readable label with its name in
// small type, each optional part (overlay) a switch saying what it adds, and
// the file itself one click away. The core turns the edits into the file
// (apps.envForm), so the file keeps abra's layout.
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
  const { t } = useTranslation()
  const valueOf = (f: EnvField): string => (f.key in edits.set ? edits.set[f.key] : f.value)
  const setValue = (f: EnvField, value: string): void => onEdits(withValue(edits, f.key, value, f.commented))
  const overlayOn = (id: string): boolean => (id in edits.overlays ? edits.overlays[id] : Boolean(form.overlays.find((o) => o.id === id)?.enabled))

  return (
    <section className="env-form" aria-labelledby="env-form-title">
      <div className="env-form__head">
        <h2 id="env-form-title">{t('apps.envForm.title')}</h2>
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
          {rawOpen ? t('apps.envForm.backToForm') : t('apps.envForm.editFile')}
        </button>
      </div>

      {rawOpen ? (
        <div className="field field--wide">
          <label className="field__label" htmlFor="env-raw">
            {t('apps.envForm.fileLabel')}
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
            {t('apps.envForm.fileHint')}
          </p>
        </div>
      ) : (
        <SettingsLayout
          form={form}
          valueOf={valueOf}
          setValue={setValue}
          overlayOn={overlayOn}
          onOverlay={(id, on) => onEdits({ ...edits, overlays: { ...edits.overlays, [id]: on } })}
        />
      )}

      {updating && (
        <p className="env-form__updating muted">{t('apps.envForm.updating')}</p>
      )}

      {form.missing.length > 0 && (
        <div className="panel panel--warn" data-testid="env-missing">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">{t('apps.envForm.missingTitle')}</h3>
          </div>
          <p className="panel__body">{t('apps.envForm.missingText')}</p>
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
            <h3 className="panel__title">{t('apps.envForm.problemsTitle')}</h3>
          </div>
          <ul className="env-list">
            {form.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.severity === 'error' ? t('apps.envForm.error') : t('apps.envForm.warning')}</strong>
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}

function SettingsLayout({
  form,
  valueOf,
  setValue,
  overlayOn,
  onOverlay
}: {
  form: Form
  valueOf: (f: EnvField) => string
  setValue: (f: EnvField, value: string) => void
  overlayOn: (id: string) => boolean
  onOverlay: (id: string, on: boolean) => void
}) {
  const { t } = useTranslation()
  // Closed at first; stays as the person left it while the form is rebuilt.
  const [moreOpen, setMoreOpen] = useState(false)
  const { essentials, groups } = form.layout
  const fieldCount = groups.reduce((n, g) => n + g.fields.length, 0)
  const partCount = groups.reduce((n, g) => n + g.parts.length, 0)
  const field = (f: EnvField) => <SettingField key={`${f.key}-${f.line}`} field={f} value={valueOf(f)} onChange={(value) => setValue(f, value)} />

  if (essentials.length === 0 && groups.length === 0) return <p className="muted">{t('apps.envForm.noSettings')}</p>
  return (
    <>
      {essentials.length > 0 ? (
        <div className="form__group" data-testid="env-essentials">
          <p className="muted">{t('apps.envForm.essentials')}</p>
          {essentials.map(field)}
        </div>
      ) : (
        <p className="muted" data-testid="env-essentials-none">
          {t('apps.envForm.noEssentials')}
        </p>
      )}
      {groups.length > 0 && (
        <details className="disclosure env-more" data-testid="env-more" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
          <summary>
            {t('apps.envForm.more')}
            <span className="env-more__count"> ({counts(t, fieldCount, partCount)})</span>
          </summary>
          {moreOpen &&
            groups.map((g) => (
              <GroupSection key={g.title} group={g} only={groups.length === 1}>
                {g.fields.map(field)}
                {g.parts.map((p) => (
                  <Part key={p.id} part={p} on={overlayOn(p.id)} onChange={(on) => onOverlay(p.id, on)} field={field} />
                ))}
              </GroupSection>
            ))}
        </details>
      )}
    </>
  )
}

// One of the recipe's sections, folded too: a big recipe has a dozen.
// A sample without sections has one group: its settings show at once.
function GroupSection({ group: g, only, children }: { group: EnvGroup; only: boolean; children: ReactNode }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (only) {
    return (
      <div className="env-group__body" data-testid={`env-group-${slug(g.title)}`}>
        {children}
      </div>
    )
  }
  const words = counts(t, g.fields.length, g.parts.length)
  return (
    <details className="env-group" data-testid={`env-group-${slug(g.title)}`} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="env-group__title">{g.title}</span> <span className="env-more__count">({words})</span>
      </summary>
      {open && <div className="env-group__body">{children}</div>}
    </details>
  )
}

function Part({ part: p, on, onChange, field }: { part: EnvPart; on: boolean; onChange: (on: boolean) => void; field: (f: EnvField) => ReactElement }) {
  const { t } = useTranslation()
  const id = `overlay-${p.composeFile}`
  return (
    <div className={`overlay${on ? ' overlay--on' : ''}`}>
      <div className="overlay__switch">
        <input type="checkbox" role="switch" id={id} data-testid={id} checked={on} aria-describedby={`${id}-text`} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id} className="overlay__title">
          {p.label}
          <span className="overlay__state" aria-hidden="true">
            {on ? t('apps.envForm.on') : t('apps.envForm.off')}
          </span>
        </label>
      </div>
      <p className="overlay__text" id={`${id}-text`} data-testid={`${id}-text`}>
        {p.adds} <span className="mono overlay__file">{p.composeFile}</span>
      </p>
      {on && p.fields.length > 0 && <div className="form__group overlay__fields">{p.fields.map(field)}</div>}
    </div>
  )
}

function SettingField({ field: f, value, onChange }: { field: EnvField; value: string; onChange: (value: string) => void }) {
  if (isYesNo(f, value)) return <YesNoField field={f} value={value} onChange={onChange} />
  return <TextSetting field={f} value={value} onChange={onChange} />
}

// A true/false setting as a switch. Turning it writes true or false in the
// file; until then the recipe's default applies, and the hint says which.
function YesNoField({ field: f, value, onChange }: { field: EnvField; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation()
  const id = `env-${f.key}`
  const on = yesNoState(f, value)
  const hints = [f.help, value === '' ? (on === undefined ? t('apps.envForm.yesNoUnset') : t(on ? 'apps.envForm.yesNoDefaultOn' : 'apps.envForm.yesNoDefaultOff')) : undefined].filter(Boolean)
  return (
    <div className="field field--switch" data-testid={`env-field-${f.key}`}>
      <div className="check-field">
        <input
          type="checkbox"
          role="switch"
          id={id}
          data-testid={id}
          checked={on === true}
          onChange={(e) => onChange(e.target.checked ? 'true' : 'false')}
          aria-describedby={hints.length > 0 ? `${id}-hint` : undefined}
        />
        <label className="field__label" htmlFor={id}>
          {f.label} <span className="field__name mono">{f.key}</span>
        </label>
      </div>
      {hints.length > 0 && (
        <p className="field__hint" id={`${id}-hint`}>
          {hints.join(' ')}
        </p>
      )}
    </div>
  )
}

function TextSetting({ field: f, value, onChange }: { field: EnvField; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation()
  const id = `env-${f.key}`
  const hints = [f.help, defaultWords(f, t), suggestionWords(f, t)].filter(Boolean)
  return (
    <div className="field" data-testid={`env-field-${f.key}`}>
      <label className="field__label" htmlFor={id}>
        {f.label}
        {f.required ? <span className="field__optional">{t('apps.envForm.needed')}</span> : f.commented && <span className="field__optional">{t('apps.envForm.optional')}</span>}{' '}
        <span className="field__name mono">{f.key}</span>
      </label>
      <input
        id={id}
        data-testid={id}
        className="input"
        value={value}
        placeholder={f.commented ? f.defaultValue : undefined}
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

// The default the compose files apply, never the sample's example value.
function defaultWords(f: EnvField, t: TFunction): string | undefined {
  if (!f.commented) return undefined
  return f.defaultValue ? t('apps.envForm.defaultValue', { value: f.defaultValue }) : t('apps.envForm.leaveUnset')
}

function suggestionWords(f: EnvField, t: TFunction): string | undefined {
  if (f.suggestions.length === 0) return undefined
  const each = f.suggestions.map((s) => (s.note ? t('apps.envForm.suggestion', { value: s.value, note: s.note.replace(/^./, (c) => c.toLowerCase()) }) : s.value))
  return t('apps.envForm.suggests', { list: each.join('; ') })
}

// "3 settings, 1 optional part": either may be missing.
function counts(t: TFunction, settings: number, parts: number): string {
  const first = settings ? t('apps.envForm.settingCount', { count: settings }) : ''
  const second = parts ? t('apps.envForm.partCount', { count: parts }) : ''
  return first && second ? t('apps.envForm.countsJoin', { first, second }) : first || second
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}
