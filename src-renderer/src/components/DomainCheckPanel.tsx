import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DomainCheck } from '../../../src-main/contract/domain-check'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { Icon } from './Icon'

// Does the app's domain lead to its server? Asked before the first deploy
// and on the app's page, as abra asks before deploying. It only warns: the
// deploy button next to it works whatever this says.
export function DomainCheckPanel({ server, domain, beforeDeploy = false }: { server: string; domain: string; beforeDeploy?: boolean }) {
  const { t } = useTranslation()
  const [attempt, setAttempt] = useState(0)
  // The answer, and which question it answers: until the latest one is answered, the panel says it is checking.
  const [answer, setAnswer] = useState<{ key: string; check?: DomainCheck; failed?: string }>()
  const key = `${server}\n${domain}\n${attempt}`

  useEffect(() => {
    let live = true
    api.call('apps.checkDomain', { server, domain }).then(
      (c) => live && setAnswer({ key, check: c }),
      (err: unknown) => live && setAnswer({ key, failed: errorBody(err).message })
    )
    return () => {
      live = false
    }
  }, [server, domain, key])

  const checking = answer?.key !== key
  // While checking again, the last answer stays on screen.
  const sameApp = answer?.key.startsWith(`${server}\n${domain}\n`)
  const check = sameApp ? answer?.check : undefined
  const failed = sameApp ? answer?.failed : undefined
  const run = (): void => setAttempt((n) => n + 1)

  if (check?.state === 'local') return null
  if (!check && !failed) {
    return (
      <p className="muted" role="status" data-testid="domain-check" data-state="checking">
        {t('apps.domainCheck.checking', { domain })}
      </p>
    )
  }
  const state = check?.state ?? 'cant-check'
  // "Couldn't check" is no warning about the domain: a plain panel.
  const tone = state === 'ok' ? ' panel--ok' : state === 'cant-check' ? '' : ' panel--warn'
  const title =
    state === 'ok'
      ? t('apps.domainCheck.okTitle', { domain })
      : state === 'missing'
        ? t('apps.domainCheck.missingTitle', { domain })
        : state === 'elsewhere'
          ? t('apps.domainCheck.elsewhereTitle', { domain })
          : t('apps.domainCheck.cantCheckTitle')
  return (
    <section className={`panel${tone}`} aria-labelledby="domain-check-title" data-testid="domain-check" data-state={state} aria-busy={checking}>
      <div className="panel__head">
        <Icon name={state === 'ok' ? 'check' : state === 'cant-check' ? 'info' : 'alert'} className="panel__icon" />
        <h3 className="panel__title" id="domain-check-title">
          {title}
        </h3>
      </div>
      <p className="panel__body" role="status">
        {check?.words ?? failed}
      </p>
      {beforeDeploy && state !== 'ok' && <p className="panel__body">{t('apps.domainCheck.goOn')}</p>}
      {state !== 'ok' && (
        <div className="actions">
          <button type="button" className="btn btn--secondary" onClick={run} disabled={checking} data-testid="domain-check-again">
            <Icon name="sync" className={checking ? 'icon--spin' : undefined} /> {checking ? t('apps.domainCheck.checkingShort') : t('apps.domainCheck.checkAgain')}
          </button>
        </div>
      )}
    </section>
  )
}
