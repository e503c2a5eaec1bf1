import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { TeamStatus } from '../../../../src-main/contract/team'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { TextField } from '../../components/TextField'
import { errorBody } from '../../lib/errors'

/** What the Join form starts from when a new token was refused too (sharing stopped for it). */
export interface Rejoin {
  remote: string
  name: string
  error: ApiErrorBody
}

// The shared repository refused the access token (status.problemCode
// 'token-refused': expired or withdrawn on the forge). The panel offers the
// next steps: paste a new token (this computer joins the same repository
// again with it: team.disconnect keeps the files, their history and the
// changes not shared yet, and team.join takes the repository up where it
// was), or stop sharing. If the new token is refused too, the Join form
// comes back filled in, saying so: "Join again" with another token.
// While a conflict waits for a choice, the token waits: stopping would drop it.
export function TokenRefused({
  status,
  alert,
  onStart,
  onBusy,
  onStatus,
  onRejoinFailed,
  onStop
}: {
  status: TeamStatus
  /** Just refused after "Share now": read out at once. */
  alert: boolean
  onStart: () => void
  onBusy: (busy: boolean) => void
  onStatus: (s: TeamStatus, words: string) => void
  onRejoinFailed: (r: { remote: string; name: string; error: ApiErrorBody }) => void
  onStop: () => void
}) {
  const { t } = useTranslation()
  const [token, setToken] = useState('')
  const [missing, setMissing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState<ApiErrorBody>()
  const remote = status.remote ?? ''
  const name = status.name ?? ''
  const waiting = status.conflicts.length > 0

  const working = (b: boolean): void => {
    setBusy(b)
    onBusy(b)
  }

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!token) {
      setMissing(true)
      document.getElementById('team-new-token')?.focus()
      return
    }
    onStart()
    setFailed(undefined)
    working(true)
    api.call('team.disconnect', {}).then(
      () =>
        api.call('team.join', { remote, name, token }).then(
          (s) => {
            working(false)
            setToken('')
            onStatus(s, t('team.newToken.done'))
          },
          (err: unknown) => {
            working(false)
            setToken('')
            onRejoinFailed({ remote, name, error: errorBody(err) })
          }
        ),
      (err: unknown) => {
        working(false)
        setFailed(errorBody(err))
      }
    )
  }

  return (
    <div className="panel panel--bad team__token" role={alert ? 'alert' : undefined} data-testid="team-token-refused">
      <div className="panel__head">
        <Icon name="alert" className="panel__icon" />
        <h3 className="panel__title">{t('team.newToken.title')}</h3>
      </div>
      {/* The core's words (status.problem) name the same steps; here they are buttons, so the panel says it once, its own way. */}
      <p className="panel__body">{t('team.newToken.why', { remote })}</p>
      {waiting ? (
        <p className="panel__body" data-testid="team-token-wait">
          {t('team.newToken.conflictsFirst')}
        </p>
      ) : (
        <form className="form team__token-form" onSubmit={submit} noValidate>
          <TextField
            id="team-new-token"
            label={t('team.newToken.field')}
            hint={t('team.newToken.fieldHint', { remote })}
            error={missing ? t('team.newToken.missing') : undefined}
            value={token}
            onChange={(v) => {
              setToken(v)
              setMissing(false)
            }}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            disabled={busy}
          />
          {busy && <Busy hint={t('team.newToken.busyHint')}>{t('team.newToken.busy', { remote })}</Busy>}
          {failed && <ErrorPanel error={failed} title={t('team.newToken.error')} />}
          <div className="actions">
            <button type="submit" className="btn btn--primary" disabled={busy} data-testid="team-token-submit">
              {t('team.newToken.submit')}
            </button>
            <button type="button" className="btn btn--secondary" disabled={busy} onClick={onStop} data-testid="team-token-stop">
              {t('team.connected.stop')}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}
