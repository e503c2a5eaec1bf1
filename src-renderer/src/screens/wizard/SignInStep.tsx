import { useEffect, useState } from 'react'
import type { ApiErrorBody, ServerSummary } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { PageTitle } from '../../components/PageTitle'
import { SecretForm, secretInput, type SecretValue } from '../../components/SecretForm'
import type { SshAddInput } from '../../lib/addServer'
import { errorBody } from '../../lib/errors'
import { issuesOf, type Issue } from '../../lib/fieldErrors'

type Phase =
  | { kind: 'connecting' }
  | { kind: 'secret'; keyFile?: string; error?: string; busy?: boolean }
  | { kind: 'error'; error: ApiErrorBody }

// servers.add both signs in and saves the server. It first tries keys and
// the SSH agent; the core tells us when it needs a passphrase or password.
export function SignInStep({
  input,
  who,
  onAdded,
  onHostKey,
  onInvalid,
  onBack
}: {
  input: SshAddInput
  who: string
  onAdded: (server: ServerSummary) => void
  // Returns false when the wizard will not go back to the identity step.
  onHostKey: () => boolean
  onInvalid: (issues: Issue[]) => void
  onBack: () => void
}) {
  // Each request is a new object, so retrying with the same secret still re-runs the effect.
  const [request, setRequest] = useState<{ secret?: SecretValue }>({})
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' })
  const [secret, setSecret] = useState<SecretValue>({ kind: 'passphrase', value: '', remember: false })

  useEffect(() => {
    let live = true
    api.call('servers.add', { ...input, ...secretInput(request.secret) }).then(
      (server) => live && onAdded(server),
      (err: unknown) => {
        if (!live) return
        const body = errorBody(err)
        switch (body.code) {
          case 'passphrase-needed':
          case 'password-needed':
            setSecret({ kind: body.code === 'passphrase-needed' ? 'passphrase' : 'password', value: '', remember: false })
            setPhase({ kind: 'secret', keyFile: typeof body.data?.keyFile === 'string' ? body.data.keyFile : undefined })
            return
          case 'passphrase-wrong':
          case 'password-wrong':
            setSecret((s) => ({ ...s, kind: body.code === 'passphrase-wrong' ? 'passphrase' : 'password', value: '' }))
            setPhase((p) => ({ kind: 'secret', keyFile: p.kind === 'secret' ? p.keyFile : undefined, error: body.message }))
            return
          case 'host-key-unknown':
          case 'host-key-changed':
            if (onHostKey()) return
            break
          case 'invalid-request':
            if (issuesOf(body).length > 0) {
              onInvalid(issuesOf(body))
              return
            }
            break
        }
        setPhase({ kind: 'error', error: body })
      }
    )
    return () => {
      live = false
    }
  }, [input, request, onAdded, onHostKey, onInvalid])

  const retry = (withSecret?: SecretValue): void => {
    setPhase((p) => (p.kind === 'secret' ? { ...p, error: undefined, busy: true } : { kind: 'connecting' }))
    setRequest({ secret: withSecret })
  }

  const keyFile = phase.kind === 'secret' ? phase.keyFile : undefined
  const busy = phase.kind === 'connecting' || (phase.kind === 'secret' && phase.busy === true)

  return (
    <section className="step" data-testid="wizard-step-sign-in" data-phase={phase.kind} aria-labelledby="step-sign-in-title">
      <PageTitle level={2} id="step-sign-in-title">
        Sign in
      </PageTitle>

      {phase.kind === 'connecting' && (
        <Busy hint="The app signs in with SSH and talks to Docker on the server. This can take up to a minute.">
          Connecting to {who}…
        </Busy>
      )}

      {phase.kind === 'secret' && (
        <SecretForm
          idPrefix="sign-in"
          secret={secret}
          onChange={setSecret}
          keyFile={keyFile}
          who={who}
          error={phase.error}
          busy={busy}
          onSubmit={() => retry(secret)}
        >
          <button type="button" className="btn btn--secondary" onClick={onBack} disabled={busy}>
            Go back
          </button>
        </SecretForm>
      )}

      {phase.kind === 'error' && (
        <ErrorPanel error={phase.error} title={`The app could not connect to ${who}`}>
          <button type="button" className="btn btn--primary" onClick={() => retry(request.secret)}>
            Try again
          </button>
          <button type="button" className="btn btn--secondary" onClick={onBack}>
            Go back
          </button>
        </ErrorPanel>
      )}
    </section>
  )
}
