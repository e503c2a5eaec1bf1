import { Trans } from 'react-i18next'

/** True once what was typed is `expected` (spaces around it don't count). */
export const typedMatches = (typed: string, expected: string): boolean => typed.trim() === expected

// Deleting data for good asks the person to type the app's domain first: a
// click alone is too easy to make by mistake. The field of such a dialog;
// Enter confirms.
export function TypeToConfirm({
  id,
  expected,
  value,
  onChange,
  onEnter,
  disabled = false,
  testId
}: {
  id: string
  expected: string
  value: string
  onChange: (value: string) => void
  onEnter: () => void
  disabled?: boolean
  testId?: string
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        <Trans i18nKey="common.typeToConfirm" values={{ domain: expected }} components={{ mono: <span className="mono" /> }} />
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
