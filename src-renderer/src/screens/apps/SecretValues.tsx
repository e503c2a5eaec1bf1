import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { GeneratedSecret } from '../../../../src-main/contract/apps'
import type { z } from 'zod'
import { Icon } from '../../components/Icon'

type Generated = z.infer<typeof GeneratedSecret>

// New secret values, shown this one time: the server keeps them, and nothing
// on this computer does.
export function SecretValues({ secrets, onDone, children }: { secrets: Generated[]; onDone: () => void; children?: ReactNode }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState<string>()
  const copy = (name: string, value: string): void => {
    navigator.clipboard.writeText(value).then(
      () => setCopied(name),
      () => setCopied(undefined)
    )
  }
  const withValues = secrets.filter((s) => s.value)
  return (
    <div className="panel panel--warn" data-testid="secrets-generated">
      <div className="panel__head">
        <Icon name="key" className="panel__icon" />
        <h3 className="panel__title">
          {withValues.length > 0 ? t('apps.secretValues.copyNow') : t('apps.secretValues.created')}
        </h3>
      </div>
      {withValues.length > 0 && (
        <p>{t('apps.secretValues.keepThem')}</p>
      )}
      <dl className="secret-values">
        {secrets.map((s) => (
          <div key={s.name} className="secret-values__row">
            <dt className="mono">{s.name}</dt>
            <dd>
              {s.value ? (
                <>
                  <code className="secret-values__value" data-testid={`secret-value-${s.name}`}>
                    {s.value}
                  </code>
                  <button type="button" className="btn btn--secondary btn--small" onClick={() => copy(s.name, s.value ?? '')}>
                    {copied === s.name ? t('common.actions.copied') : t('common.actions.copy')}
                    <span className="sr-only"> {s.name}</span>
                  </button>
                </>
              ) : (
                <span className="muted">{t('apps.secretValues.typedValue')}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        {children}
        <button type="button" className="btn btn--primary" onClick={onDone}>
          {t('apps.secretValues.haveCopied')}
        </button>
      </div>
    </div>
  )
}
