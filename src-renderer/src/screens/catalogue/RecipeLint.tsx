import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, LintReport, LintResult } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { i18n } from '../../i18n'
import { errorBody } from '../../lib/errors'
import type { Status } from '../../lib/status'

/** The recipe's lint report, asked once per recipe; undefined while it runs. */
export function useRecipeLint(recipe: string): { report?: LintReport; error?: ApiErrorBody; retry: () => void } {
  const [report, setReport] = useState<LintReport>()
  const [error, setError] = useState<ApiErrorBody>()
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    api.call('recipes.lint', { recipe }).then(
      (r) => live && setReport(r),
      (err: unknown) => live && setError(errorBody(err))
    )
    return () => {
      live = false
    }
  }, [recipe, attempt])
  const retry = (): void => {
    setReport(undefined)
    setError(undefined)
    setAttempt((n) => n + 1)
  }
  return { report, error, retry }
}

function resultStatus(r: LintResult): Status {
  if (r.status === 'ok') return { tone: 'ok', icon: 'check', word: i18n.t('lint.passed') }
  if (r.status === 'skipped') return { tone: 'neutral', icon: 'dash', word: i18n.t('lint.skipped') }
  return r.level === 'error' ? { tone: 'bad', icon: 'alert', word: i18n.t('lint.problem') } : { tone: 'warn', icon: 'alert', word: i18n.t('lint.warning') }
}

// Failing rules first (problems before warnings), each with how to fix it;
// the rest folded away.
export function RecipeLint({ lint }: { lint: ReturnType<typeof useRecipeLint> }) {
  const { t } = useTranslation()
  const { report, error, retry } = lint
  const failing = (report?.results ?? []).filter((r) => r.status === 'fails').sort((a, b) => (a.level === b.level ? a.id.localeCompare(b.id) : a.level === 'error' ? -1 : 1))
  const others = (report?.results ?? []).filter((r) => r.status !== 'fails')
  return (
    <section className="card recipe-lint" aria-labelledby="recipe-lint-title" data-testid="recipe-lint">
      <h2 className="card__title" id="recipe-lint-title">
        {t('lint.title')}
      </h2>
      {!report && !error && <Busy hint={t('lint.checkingHint')}>{t('lint.checking')}</Busy>}
      {error && (
        <ErrorPanel error={error} title={t('lint.error')}>
          <button type="button" className="btn btn--secondary" onClick={retry}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      {report && (
        <>
          <p className="muted">{report.version ? t('lint.intro', { version: report.version }) : t('lint.introNoVersion')}</p>
          <p data-testid="recipe-lint-summary">{failing.length === 0 ? t('lint.allGood') : t('lint.problems')}</p>
          {failing.length > 0 && (
            <ul className="lint-list" aria-label={t('lint.listLabel')}>
              {failing.map((r) => (
                <LintItem key={r.id} result={r} />
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <details className="disclosure" data-testid="recipe-lint-others">
              <summary>{t('lint.showOthers', { count: others.length })}</summary>
              <ul className="lint-list" aria-label={t('lint.othersLabel')}>
                {others.map((r) => (
                  <LintItem key={r.id} result={r} />
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  )
}

function LintItem({ result: r }: { result: LintResult }) {
  const { t } = useTranslation()
  return (
    <li className="lint-item" data-testid={`lint-${r.id}`} data-status={r.status}>
      <div className="lint-item__head">
        <StatusBadge status={resultStatus(r)} className="status--small" />
        <span className="lint-item__title">{r.title}</span>
        <span className="muted mono lint-item__id">{t('lint.rule', { id: r.id })}</span>
      </div>
      {r.status === 'fails' && (
        <p className="lint-item__fix">
          <strong>{t('lint.howToFix')}</strong> {r.fix}
        </p>
      )}
      {r.detail && <p className="muted lint-item__detail">{r.detail}</p>}
    </li>
  )
}
