import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Icon } from './Icon'

// Copies a value to the clipboard and says whether that worked; when the
// browser refuses, it says to copy by hand instead of failing silently.
export function CopyButton({ value, what, testId, errorClassName }: { value: string; what: string; testId?: string; errorClassName?: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState<'yes' | 'failed'>()
  const copy = (): void => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed')
    )
  }
  return (
    <>
      <button type="button" className="btn btn--secondary btn--small" data-testid={testId} onClick={copy}>
        {copied === 'yes' ? <Icon name="check" /> : null}
        {copied === 'yes' ? t('common.actions.copied') : t('common.actions.copy')}
        <span className="sr-only"> {what}</span>
      </button>
      {copied === 'failed' && (
        <p className={`field__error${errorClassName ? ` ${errorClassName}` : ''}`} role="alert">
          <Icon name="alert" />
          <span>{t('common.copyFailed')}</span>
        </p>
      )}
    </>
  )
}
