import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, HostKeyProbe } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { errorBody } from '../../lib/errors'

// The command that shows a server's own fingerprint (not translated: it is typed as is).
const FINGERPRINT_COMMAND = 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub'

/**
 * The identity step's sentences for something other than a server (a machine
 * joining a swarm), already translated; those that name the address or the
 * key type are given as functions of it. Any left out keep the server's words.
 */
export type IdentityWords = Partial<Record<'title' | 'firstTime' | 'whyText' | 'differ' | 'trustError' | 'trust' | 'changedTitle' | 'askAdmin' | 'nobody', string>> & {
  changedLead?: (where: string) => string
  sentNow?: (type: string) => string
}

// The SSH host key check, in words. A changed key is a hard stop: there is
// deliberately no way to click through it from here.
export function IdentityStep({
  hostname,
  port,
  onKnown,
  onTrusted,
  onBack,
  words
}: {
  hostname: string
  port: number
  onKnown: () => void
  onTrusted: () => void
  onBack: () => void
  /** Sentences worded for something other than a server (a machine joining a swarm), already translated. */
  words?: IdentityWords
}) {
  const { t } = useTranslation()
  const [attempt, setAttempt] = useState(0)
  const [result, setResult] = useState<{ attempt: number; probe?: HostKeyProbe; error?: ApiErrorBody }>()
  const [trusting, setTrusting] = useState(false)
  const [trustError, setTrustError] = useState<ApiErrorBody>()

  useEffect(() => {
    let live = true
    api.call('servers.probeHostKey', { hostname, port }).then(
      (probe) => {
        if (!live) return
        if (probe.status === 'known') onKnown()
        else setResult({ attempt, probe })
      },
      (err: unknown) => live && setResult({ attempt, error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [hostname, port, attempt, onKnown])

  const trust = (probe: HostKeyProbe): void => {
    setTrusting(true)
    setTrustError(undefined)
    api.call('servers.trustHostKey', { probeId: probe.probeId }).then(
      () => {
        setTrusting(false)
        onTrusted()
      },
      (err: unknown) => {
        setTrusting(false)
        setTrustError(errorBody(err))
      }
    )
  }

  const current = result?.attempt === attempt ? result : undefined
  const probe = current?.probe
  const where = port === 22 ? hostname : `${hostname}:${port}`

  return (
    <section
      className="step"
      data-testid="wizard-step-identity"
      data-status={probe?.status ?? (current?.error ? 'error' : 'probing')}
      aria-labelledby="step-identity-title"
    >
      {probe?.status === 'changed' ? (
        <Changed probe={probe} where={where} onBack={onBack} words={words} />
      ) : (
        <>
          <PageTitle level={2} id="step-identity-title">
            {words?.title ?? t('wizard.steps.identity')}
          </PageTitle>
          {!current && <Busy>{t('wizard.identity.asking', { where })}</Busy>}
          {current?.error && (
            <ErrorPanel error={current.error} title={t('wizard.identity.unreachable', { where })}>
              <button type="button" className="btn btn--primary" onClick={() => setAttempt((n) => n + 1)}>
                {t('common.actions.tryAgain')}
              </button>
              <button type="button" className="btn btn--secondary" onClick={onBack}>
                {t('common.actions.goBack')}
              </button>
            </ErrorPanel>
          )}
          {probe?.status === 'unknown' && (
            <>
              <p className="lead">{words?.firstTime ?? t('wizard.identity.firstTime')}</p>
              <Fingerprint label={t('wizard.identity.keyOf', { type: probe.keyType, where })} value={probe.fingerprint} testId="host-key-fingerprint" />
              <details className="disclosure">
                <summary>{t('wizard.identity.why')}</summary>
                <p>
                  {words?.whyText ?? t('wizard.identity.whyText')} <code>{FINGERPRINT_COMMAND}</code>
                </p>
                <p>{words?.differ ?? t('wizard.identity.differ')}</p>
              </details>
              {trustError && <ErrorPanel error={trustError} title={words?.trustError ?? t('wizard.identity.trustError')} />}
              <div className="actions">
                <button type="button" className="btn btn--primary" onClick={() => trust(probe)} disabled={trusting}>
                  {trusting ? t('wizard.identity.saving') : (words?.trust ?? t('wizard.identity.trust'))}
                </button>
                <button type="button" className="btn btn--secondary" onClick={onBack} disabled={trusting}>
                  {t('common.actions.cancel')}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  )
}

function Fingerprint({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'bad' }) {
  return (
    <div className={`fingerprint${tone ? ' fingerprint--' + tone : ''}`} data-testid={testId}>
      <p className="fingerprint__label">{label}</p>
      <p className="fingerprint__value mono">{value}</p>
    </div>
  )
}

function Changed({ probe, where, onBack, words }: { probe: HostKeyProbe; where: string; onBack: () => void; words?: IdentityWords }) {
  const { t } = useTranslation()
  const removeCommand = probe.port === 22 ? `ssh-keygen -R ${probe.hostname}` : `ssh-keygen -R "[${probe.hostname}]:${probe.port}"`
  return (
    <div className="danger-zone" role="alert">
      <div className="danger-zone__head">
        <Icon name="shieldAlert" className="danger-zone__icon" />
        <PageTitle level={2} id="step-identity-title">
          {words?.changedTitle ?? t('wizard.identity.changedTitle')}
        </PageTitle>
      </div>
      <p className="lead">{words?.changedLead?.(where) ?? t('wizard.identity.changedLead', { where })}</p>
      <p>{t('wizard.identity.changedRefuse')}</p>
      {probe.knownFingerprint && (
        <Fingerprint label={t('wizard.identity.remembered')} value={probe.knownFingerprint} testId="host-key-old-fingerprint" />
      )}
      <Fingerprint label={words?.sentNow?.(probe.keyType) ?? t('wizard.identity.sentNow', { type: probe.keyType })} value={probe.fingerprint} testId="host-key-new-fingerprint" tone="bad" />
      <details className="disclosure">
        <summary>{t('wizard.identity.whatToDo')}</summary>
        <ol className="steps-list">
          <li>{words?.askAdmin ?? t('wizard.identity.askAdmin')}</li>
          <li>
            {t('wizard.identity.removeOld')} <code>{removeCommand}</code>
          </li>
          <li>{t('wizard.identity.comeBack')}</li>
        </ol>
        <p>{words?.nobody ?? t('wizard.identity.nobody')}</p>
      </details>
      <div className="actions">
        <button type="button" className="btn btn--secondary" onClick={onBack}>
          {t('common.actions.goBack')}
        </button>
      </div>
    </div>
  )
}
