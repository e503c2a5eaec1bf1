import { Trans, useTranslation } from 'react-i18next'
import { CopyButton } from './CopyButton'
import { Icon } from './Icon'

export interface RevealedSecret {
  name: string
  swarmName: string
  value?: string
}

// Generated passwords are shown once: the core keeps no copy, and Docker
// never gives a secret's value back. Each one can be copied on its own.
export function SecretsReveal({ secrets }: { secrets: readonly RevealedSecret[] }) {
  const { t } = useTranslation()
  const shown = secrets.filter((s) => s.value)
  if (shown.length === 0) return null
  return (
    <section className="panel panel--warn secrets-reveal" data-testid="secrets-reveal" aria-labelledby="secrets-reveal-title">
      <div className="panel__head">
        <Icon name="key" className="panel__icon" />
        <h2 className="panel__title" id="secrets-reveal-title">
          {t('apps.secretsReveal.title', { count: shown.length })}
        </h2>
      </div>
      <p className="panel__body">
        <Trans i18nKey="apps.secretsReveal.text" components={{ strong: <strong /> }} />
      </p>
      <ul className="secrets-reveal__list">
        {shown.map((s) => (
          <SecretRow key={s.name} secret={s} />
        ))}
      </ul>
    </section>
  )
}

function SecretRow({ secret }: { secret: RevealedSecret }) {
  const valueId = `secret-value-${secret.name}`
  return (
    <li className="secret-row">
      <div className="secret-row__name">
        <span className="secret-row__label" id={`${valueId}-label`}>
          {secret.name}
        </span>
        <span className="secret-row__swarm mono">{secret.swarmName}</span>
      </div>
      <code className="secret-row__value" data-testid={valueId} id={valueId}>
        {secret.value}
      </code>
      <CopyButton value={secret.value ?? ''} what={secret.name} testId={`secret-copy-${secret.name}`} errorClassName="secret-row__error" />
    </li>
  )
}
