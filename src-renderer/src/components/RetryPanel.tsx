import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { ErrorPanel } from './ErrorPanel'

// A read that failed and can simply be asked again: the error panel with one
// "Try again" button. Primary where it is the screen's only way on (a whole
// list that didn't load), secondary beside other content (a section of a page).
export function RetryPanel({ error, title, onRetry, primary = false }: { error: ApiErrorBody; title?: string; onRetry: () => void; primary?: boolean }) {
  const { t } = useTranslation()
  return (
    <ErrorPanel error={error} {...(title !== undefined ? { title } : {})}>
      <button type="button" className={`btn ${primary ? 'btn--primary' : 'btn--secondary'}`} onClick={onRetry}>
        {t('common.actions.tryAgain')}
      </button>
    </ErrorPanel>
  )
}
