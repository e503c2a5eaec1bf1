import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import { Icon } from './Icon'
import { ShowDetails } from './ShowDetails'

// What happened (title), why (the core's plain message), what next (the
// action buttons passed as children), and the raw cause folded away.
export function ErrorPanel({
  error,
  title,
  children
}: {
  error: ApiErrorBody
  title?: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="panel panel--bad" role="alert" data-testid="error-panel" data-code={error.code}>
      <div className="panel__head">
        <Icon name="alert" className="panel__icon" />
        <h3 className="panel__title">{title ?? t('common.didNotWork')}</h3>
      </div>
      <p className="panel__body">{error.message}</p>
      <ShowDetails text={error.detail} />
      {children && <div className="actions">{children}</div>}
    </div>
  )
}
