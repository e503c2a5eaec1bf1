import { useEffect, useState } from 'react'
import type { ApiErrorBody, HostKeyProbe } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { errorBody } from '../../lib/errors'

// The SSH host key check, in words. A changed key is a hard stop: there is
// deliberately no way to click through it from here.
export function IdentityStep({
  hostname,
  port,
  onKnown,
  onTrusted,
  onBack
}: {
  hostname: string
  port: number
  onKnown: () => void
  onTrusted: () => void
  onBack: () => void
}) {
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
        <Changed probe={probe} where={where} onBack={onBack} />
      ) : (
        <>
          <PageTitle level={2} id="step-identity-title">
            Check the server’s identity
          </PageTitle>
          {!current && <Busy>Asking {where} for its identity…</Busy>}
          {current?.error && (
            <ErrorPanel error={current.error} title={`The app could not reach ${where}`}>
              <button type="button" className="btn btn--primary" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
              <button type="button" className="btn btn--secondary" onClick={onBack}>
                Go back
              </button>
            </ErrorPanel>
          )}
          {probe?.status === 'unknown' && (
            <>
              <p className="lead">
                This is the first time the app connects to this server. Check that this fingerprint matches the one your
                server’s administrator gave you.
              </p>
              <Fingerprint label={`${probe.keyType} key of ${where}`} value={probe.fingerprint} testId="host-key-fingerprint" />
              <details className="disclosure">
                <summary>Why does this matter?</summary>
                <p>
                  The fingerprint proves you are talking to your own server and not to someone in between. Your
                  administrator or hosting company can tell you the right one. If you run the server yourself, this command
                  on the server shows it: <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>
                </p>
                <p>If the fingerprints differ, do not continue: press Cancel and ask your administrator.</p>
              </details>
              {trustError && <ErrorPanel error={trustError} title="The app could not remember this server" />}
              <div className="actions">
                <button type="button" className="btn btn--primary" onClick={() => trust(probe)} disabled={trusting}>
                  {trusting ? 'Saving…' : 'Yes, it matches — trust this server'}
                </button>
                <button type="button" className="btn btn--secondary" onClick={onBack} disabled={trusting}>
                  Cancel
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

function Changed({ probe, where, onBack }: { probe: HostKeyProbe; where: string; onBack: () => void }) {
  const removeCommand = probe.port === 22 ? `ssh-keygen -R ${probe.hostname}` : `ssh-keygen -R "[${probe.hostname}]:${probe.port}"`
  return (
    <div className="danger-zone" role="alert">
      <div className="danger-zone__head">
        <Icon name="shieldAlert" className="danger-zone__icon" />
        <PageTitle level={2} id="step-identity-title">
          Stop: this server’s identity has CHANGED
        </PageTitle>
      </div>
      <p className="lead">
        {where} answered with a different identity than the one this computer remembers. This happens when a server is
        reinstalled — but it can also mean someone is pretending to be your server to read your passwords and data.
      </p>
      <p>The app will not connect to it until this is sorted out.</p>
      {probe.knownFingerprint && (
        <Fingerprint label="Remembered identity (before)" value={probe.knownFingerprint} testId="host-key-old-fingerprint" />
      )}
      <Fingerprint label={`Identity the server sent now (${probe.keyType})`} value={probe.fingerprint} testId="host-key-new-fingerprint" tone="bad" />
      <details className="disclosure">
        <summary>What should I do?</summary>
        <ol className="steps-list">
          <li>Ask your server’s administrator whether the server was reinstalled or its keys were changed, and what its new fingerprint is.</li>
          <li>If it matches the new identity above, remove the old entry from this computer’s known_hosts file. In a terminal, run: <code>{removeCommand}</code></li>
          <li>Come back, go back one step and press Next again. The app will then show the new fingerprint for you to check.</li>
        </ol>
        <p>If nobody changed the server, do not connect: tell your administrator, someone may be interfering.</p>
      </details>
      <div className="actions">
        <button type="button" className="btn btn--secondary" onClick={onBack}>
          Go back
        </button>
      </div>
    </div>
  )
}
