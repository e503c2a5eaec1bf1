import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, NewKey, ServerSummary } from '../../../../src-main/contract'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { Choice } from '../../components/Choice'
import { ErrorPanel } from '../../components/ErrorPanel'
import { PageTitle } from '../../components/PageTitle'
import { SecretForm, secretInput, type SecretValue } from '../../components/SecretForm'
import type { SshAddInput } from '../../lib/addServer'
import { errorBody } from '../../lib/errors'
import { issuesOf, type Issue } from '../../lib/fieldErrors'
import { KeyFilePicker } from './KeyFilePicker'
import { NewKeyPanel } from './NewKeyPanel'

type Way = 'password' | 'key-file' | 'new-key'

// The ways in, named by their keys in wizard.signIn (<key>Title, <key>Text).
const WAYS: { way: Way; key: 'password' | 'keyFile' | 'newKey' }[] = [
  { way: 'password', key: 'password' },
  { way: 'key-file', key: 'keyFile' },
  { way: 'new-key', key: 'newKey' }
]

// One try of servers.add. A new object each time, so trying again with the
// same values still re-runs the effect.
interface Attempt {
  secret?: SecretValue
  keyFile?: string
  /** With `password`: sign in once with it to put keyFile on the server. */
  installKey?: boolean
  password?: string
}

type Phase =
  | { kind: 'connecting' }
  // The server wants something we don't have yet: the person picks a way in.
  | { kind: 'how'; way?: Way; busy?: boolean; error?: string; reason?: string }
  | { kind: 'secret'; keyFile?: string; error?: string; busy?: boolean }
  | { kind: 'error'; error: ApiErrorBody }

const takesPasswords = (body: ApiErrorBody): boolean => {
  const methods = body.data?.serverMethods
  return !Array.isArray(methods) || methods.includes('password') || methods.includes('keyboard-interactive')
}

// servers.add both signs in and saves the server. It first tries keys and
// the SSH agent; when none works, the person chooses: a password, a key file,
// or a new key the app makes and puts on the server.
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
  const { t } = useTranslation()
  const [attempt, setAttempt] = useState<Attempt>({})
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' })
  const [secret, setSecret] = useState<SecretValue>({ kind: 'password', value: '', remember: false })
  const [newKey, setNewKey] = useState<NewKey>()
  const [takesPassword, setTakesPassword] = useState(true)

  useEffect(() => {
    let live = true
    const how = (p: Omit<Extract<Phase, { kind: 'how' }>, 'kind'>): void => setPhase({ kind: 'how', ...p })
    api
      .call('servers.add', {
        ...input,
        ...secretInput(attempt.secret),
        ...(attempt.keyFile ? { keyFile: attempt.keyFile } : {}),
        ...(attempt.installKey ? { installKey: true, password: attempt.password } : {})
      })
      .then(
        (server) => live && onAdded(server),
        (err: unknown) => {
          if (!live) return
          const body = errorBody(err)
          const way: Way | undefined = attempt.installKey || (attempt.keyFile && attempt.keyFile === newKey?.keyFile) ? 'new-key' : attempt.keyFile ? 'key-file' : attempt.secret?.kind === 'password' ? 'password' : undefined
          switch (body.code) {
            case 'password-needed':
            case 'auth-failed': {
              const passwords = body.code === 'password-needed' || takesPasswords(body)
              setTakesPassword(passwords)
              if (way === 'key-file') return how({ way, error: t('wizard.signIn.keyRefused', { who }) })
              if (way === 'new-key') return how({ way, error: t('wizard.signIn.newKeyRefused', { who }) })
              return how({ reason: body.code === 'auth-failed' ? body.message : undefined })
            }
            case 'password-not-accepted':
              setTakesPassword(false)
              return how({ way: 'new-key', reason: body.message })
            case 'key-file-unusable':
            case 'forbidden-path':
              return how({ way: 'key-file', error: body.message })
            case 'key-install-failed':
            case 'key-not-accepted':
              return how({ way: 'new-key', reason: body.message })
            case 'passphrase-needed':
              setSecret({ kind: 'passphrase', value: '', remember: false })
              setPhase({ kind: 'secret', keyFile: typeof body.data?.keyFile === 'string' ? body.data.keyFile : undefined })
              return
            case 'password-wrong':
              if (way === 'new-key') return how({ way, error: body.message })
              setSecret((s) => ({ ...s, kind: 'password', value: '' }))
              return how({ way: 'password', error: body.message })
            case 'passphrase-wrong':
              setSecret((s) => ({ ...s, kind: 'passphrase', value: '' }))
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
    // newKey, who and t only word the answer; a change in them must not sign in again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input, attempt, onAdded, onHostKey, onInvalid])

  const send = (next: Attempt): void => {
    setPhase((p) => (p.kind === 'how' || p.kind === 'secret' ? { ...p, error: undefined, busy: true } : { kind: 'connecting' }))
    setAttempt(next)
  }
  const choose = (way: Way): void => {
    setPhase((p) => (p.kind === 'how' ? { ...p, way, error: undefined } : { kind: 'how', way }))
    if (way === 'password') setSecret({ kind: 'password', value: '', remember: false })
    if (way === 'new-key' && !newKey) makeKey()
  }
  const [keyError, setKeyError] = useState<ApiErrorBody>()
  const makeKey = (): void => {
    setKeyError(undefined)
    api.call('keys.create', {}).then(setNewKey, (err: unknown) => setKeyError(errorBody(err)))
  }

  const busy = phase.kind === 'connecting' || ((phase.kind === 'how' || phase.kind === 'secret') && phase.busy === true)
  const back = (
    <button type="button" className="btn btn--secondary" onClick={onBack} disabled={busy}>
      {t('common.actions.goBack')}
    </button>
  )

  return (
    <section className="step" data-testid="wizard-step-sign-in" data-phase={phase.kind} aria-labelledby="step-sign-in-title">
      <PageTitle level={2} id="step-sign-in-title">
        {t('wizard.steps.signIn')}
      </PageTitle>

      {phase.kind === 'connecting' && (
        <Busy hint={t('wizard.signIn.connectingHint')}>{t('wizard.signIn.connecting', { who })}</Busy>
      )}

      {phase.kind === 'how' && (
        <div className="form" data-testid="sign-in-how" data-way={phase.way ?? ''}>
          {phase.reason && (
            <p className="panel panel--warn" role="status">
              {phase.reason}
            </p>
          )}
          {!takesPassword && <p className="muted">{t('wizard.signIn.keyOnly')}</p>}
          <fieldset className="choices">
            <legend>{t('wizard.signIn.how', { who })}</legend>
            {WAYS.filter((w) => takesPassword || w.way !== 'password').map((w) => (
              <Choice key={w.way} id={`way-${w.way}`} name="sign-in-way" checked={phase.way === w.way} onSelect={() => choose(w.way)} title={t(`wizard.signIn.${w.key}Title`)} text={t(`wizard.signIn.${w.key}Text`)} />
            ))}
          </fieldset>

          {phase.way === 'password' && (
            <SecretForm idPrefix="sign-in" secret={secret} onChange={setSecret} who={who} error={phase.error} busy={busy} onSubmit={() => send({ secret })}>
              {back}
            </SecretForm>
          )}
          {phase.way === 'key-file' && (
            <KeyFilePicker busy={busy} error={phase.error} onPick={(keyFile) => send({ keyFile })}>
              {back}
            </KeyFilePicker>
          )}
          {phase.way === 'new-key' &&
            (keyError ? (
              <ErrorPanel error={keyError} title={t('wizard.signIn.keyError')}>
                <button type="button" className="btn btn--primary" onClick={makeKey}>
                  {t('common.actions.tryAgain')}
                </button>
                {back}
              </ErrorPanel>
            ) : newKey ? (
              <NewKeyPanel
                newKey={newKey}
                who={who}
                busy={busy}
                passwordError={attempt.installKey ? phase.error : undefined}
                pastedError={attempt.installKey ? undefined : phase.error}
                takesPassword={takesPassword}
                onInstall={(password) => send({ keyFile: newKey.keyFile, installKey: true, password })}
                onPasted={() => send({ keyFile: newKey.keyFile })}
              >
                {back}
              </NewKeyPanel>
            ) : (
              <Busy>{t('wizard.signIn.makingKey')}</Busy>
            ))}
          {!phase.way && <div className="actions">{back}</div>}
        </div>
      )}

      {phase.kind === 'secret' && (
        <SecretForm
          idPrefix="sign-in"
          secret={secret}
          onChange={setSecret}
          keyFile={phase.keyFile}
          who={who}
          error={phase.error}
          busy={busy}
          onSubmit={() => send({ ...attempt, secret })}
        >
          {back}
        </SecretForm>
      )}

      {phase.kind === 'error' && (
        <ErrorPanel error={phase.error} title={t('wizard.signIn.connectError', { who })}>
          <button type="button" className="btn btn--primary" onClick={() => send({ ...attempt })}>
            {t('common.actions.tryAgain')}
          </button>
          {back}
        </ErrorPanel>
      )}
    </section>
  )
}
