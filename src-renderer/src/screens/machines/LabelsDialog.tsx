import { useState, type FormEvent } from 'react'
import { Dialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import { NodeLabels, type SwarmMachine } from '../../../../src-main/contract/nodes'
import { api } from '../../api/client'
import { DialogBackdrop } from '../../components/DialogBackdrop'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useReturnFocus } from '../../components/returnFocus'
import { errorBody } from '../../lib/errors'
import { issuesOf } from '../../lib/fieldErrors'

export const labelsText = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')

type Parsed = { labels: Record<string, string>; problems: string[] }

/**
 * The text field's lines as labels: key=value, one a line, blank lines
 * skipped. Each line that isn't a label is named with its number; then the
 * contract's own checks (names Docker keeps for itself…) are applied.
 */
export function parseLabels(text: string, t: (key: string, values?: Record<string, unknown>) => string): Parsed {
  const labels: Record<string, string> = {}
  const problems: string[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (!line) return
    const eq = line.indexOf('=')
    const key = eq > 0 ? line.slice(0, eq).trim() : ''
    if (!key) {
      problems.push(t('machines.labels.badLine', { line: i + 1, text: line }))
      return
    }
    if (key in labels) {
      problems.push(t('machines.labels.twice', { line: i + 1, key }))
      return
    }
    labels[key] = line.slice(eq + 1).trim()
  })
  if (problems.length) return { labels, problems }
  const checked = NodeLabels.safeParse(labels)
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path.length ? String(issue.path[0]) : ''
      if (issue.code === 'invalid_key') problems.push(t(issue.issues.some((i) => i.code === 'custom') ? 'machines.labels.reserved' : 'machines.labels.badName', { key }))
      else if (issue.code === 'too_big' && key) problems.push(t('machines.labels.tooLong', { key }))
      else if (!key) problems.push(t('machines.labels.tooMany'))
      else problems.push(t('machines.labels.badKey', { key, message: issue.message }))
    }
  }
  return { labels, problems }
}

// A machine's labels (its placement tags, e.g. storage=ssd) as text, one
// key=value a line. What is typed stays in the field whatever goes wrong:
// a bad line is named and nothing is sent; the server's refusal is shown
// with the text kept, to be fixed and saved again.
export function LabelsDialog({
  server,
  machine,
  open,
  onOpenChange,
  onSaved
}: {
  server: string
  machine: SwarmMachine
  open: boolean
  onOpenChange: (open: boolean) => void
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const returnFocus = useReturnFocus(open)
  const [text, setText] = useState('')
  const [problems, setProblems] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const name = machine.hostname
  const current = labelsText(machine.labels)

  // Each opening starts from the machine's labels as last read (a list read
  // again while the dialog is open leaves what is being typed alone).
  const [shownOpen, setShownOpen] = useState(false)
  if (open !== shownOpen) {
    setShownOpen(open)
    if (open) {
      setText(current)
      setProblems([])
      setError(undefined)
    }
  }

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    const parsed = parseLabels(text, (k, v) => t(k as 'machines.labels.badLine', v))
    setProblems(parsed.problems)
    setError(undefined)
    if (parsed.problems.length) return
    setBusy(true)
    api.call('nodes.setLabels', { server, node: machine.id, labels: parsed.labels }).then(
      () => {
        setBusy(false)
        onSaved()
      },
      (err: unknown) => {
        setBusy(false)
        const body = errorBody(err)
        const issues = issuesOf(body)
        if (issues.length) {
          setProblems(issues.map((i) => (i.path.startsWith('labels.') ? t('machines.labels.badKey', { key: i.path.slice('labels.'.length), message: i.message }) : i.message)))
        } else setError(body)
      }
    )
  }

  const problemsId = `labels-${machine.id}-problems`
  return (
    <Dialog.Root open={open} onOpenChange={(o) => !busy && onOpenChange(o)}>
      <Dialog.Portal>
        <DialogBackdrop />
        <Dialog.Content className="dialog" data-testid="labels-dialog" onCloseAutoFocus={returnFocus} aria-modal="true">
          <Dialog.Title className="dialog__title">{t('machines.labels.title', { machine: name })}</Dialog.Title>
          <Dialog.Description className="dialog__text">{t('machines.labels.intro')}</Dialog.Description>
          <form className="form" onSubmit={submit} noValidate>
            <div className={`field${problems.length ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={`labels-${machine.id}`}>
                {t('machines.labels.field')}
              </label>
              <textarea
                id={`labels-${machine.id}`}
                className="input textarea mono"
                rows={5}
                value={text}
                onChange={(e) => setText(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                disabled={busy}
                placeholder={t('machines.labels.placeholder')}
                aria-invalid={problems.length > 0}
                aria-describedby={problems.length ? problemsId : undefined}
                data-testid="labels-input"
              />
            </div>
            {problems.length > 0 && (
              <div className="panel panel--bad" id={problemsId} role="alert" data-testid="labels-problems">
                <p className="panel__title">{t('machines.labels.problem')}</p>
                <ul className="dialog__list">
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
            {error && <ErrorPanel error={error} />}
            <div className="actions actions--end">
              <Dialog.Close asChild>
                <button type="button" className="btn btn--secondary" disabled={busy}>
                  {t('common.actions.cancel')}
                </button>
              </Dialog.Close>
              <button type="submit" className="btn btn--primary" disabled={busy} data-testid="labels-save">
                {busy ? t('machines.labels.saving') : t('machines.labels.save')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
