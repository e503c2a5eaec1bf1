import { Trans } from 'react-i18next'

/** True once what was typed is `expected` (spaces around it don't count). */
export const typedMatches = (typed: string, expected: string): boolean => typed.trim() === expected

// Deleting data for good asks the person to type the app's domain (or the
// machine's name) first: a click alone is too easy to make by mistake. The field of such a dialog;
// Enter confirms.
export function TypeToConfirm({
  id,
  expected,
  value,
  onChange,
  onEnter,
  disabled = false,
  testId,
  labelKey = 'common.typeToConfirm'
}: {
  id: string
  expected: string
  value: string
  onChange: (value: string) => void
  onEnter: () => void
  disabled?: boolean
  testId?: string
  /** The label's words, with <mono>{{domain}}</mono> where the expected text goes: an app's domain unless told. */
  labelKey?: 'common.typeToConfirm' | 'machines.remove.typeName'
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        <Trans i18nKey={labelKey} values={{ domain: expected }} components={{ mono: <span className="mono" /> }} />
      </label>
      <input
        id={id}
        className="input mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onEnter()
        }}
      />
    </div>
  )
}
