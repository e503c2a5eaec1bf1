import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { TeamConflict, TeamStatus } from '../../../../src-main/contract/team'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { Choice } from '../../components/Choice'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { StatusBadge } from '../../components/StatusBadge'
import { TextField } from '../../components/TextField'
import { errorBody } from '../../lib/errors'
import { exactTimeText, timeText } from '../../lib/format'
import { useServers } from '../../state/servers'
import { ConflictDialog } from './ConflictDialog'
import { TeamServers } from './TeamServers'
import { TokenRefused, type Rejoin } from './TokenRefused'
import { checkTeamForm, conflictApp, hasErrors, teamInput, type FormErrors } from './teamText'
import { useTeamStatus } from './useTeamStatus'
import '../../styles/team.css'

// Settings' "Share app settings with your team" (issue 14): ~/.abra/servers
// kept in a git repository on the co-op's forge (src-main/team/). Not shared
// yet: Share (into an empty repository) or Join (a teammate's). Shared: where
// to, as whom, what is not shared yet, conflicts to settle, Share now and
// Stop sharing. The token is typed in a password field, sent once and never
// shown back: the core keeps it in the keychain.
export function TeamSharing() {
  const { t } = useTranslation()
  const { status, error, reload, set } = useTeamStatus()
  const [notice, setNotice] = useState('')
  // A new token that was refused too, after sharing stopped for it: the Join form comes back filled in, saying so.
  const [rejoin, setRejoin] = useState<Rejoin>()
  // While a new token is tried (stop, then join again), the connected view stays as it was, its progress shown.
  const [held, setHeld] = useState<TeamStatus>()
  const shown = held ?? status
  const done = (s: TeamStatus, words: string): void => {
    set(s)
    setNotice(words)
    if (s.connected) setRejoin(undefined)
  }
  return (
    <section className="card team" aria-labelledby="settings-team" data-testid="team-sharing" data-connected={shown ? String(shown.connected) : undefined}>
      <h2 className="card__title" id="settings-team">
        {t('team.title')}
      </h2>
      <p>{t('team.intro')}</p>
      <p className="team__secrets">
        <Icon name="info" className="team__icon" />
        <span>{t('team.secretsNote')}</span>
      </p>
      {!status && !error && <Busy>{t('team.loading')}</Busy>}
      {error && (
        <ErrorPanel error={error} title={t('team.loadError')}>
          <button type="button" className="btn btn--secondary" onClick={reload}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      {shown && !shown.connected && <TeamStart key={rejoin ? 'rejoin' : 'start'} onDone={done} onStart={() => setNotice('')} rejoin={rejoin} />}
      {shown?.connected && (
        <TeamConnected
          status={shown}
          onStatus={done}
          onStart={() => setNotice('')}
          onHold={setHeld}
          onRejoinFailed={(r) => {
            setRejoin(r)
            reload()
          }}
        />
      )}
      {/* The live region stays, so the next words are read out; its box shows only with words in it. */}
      <p role="status" className={notice ? 'field__note' : undefined} data-testid="team-notice">
        {notice}
      </p>
    </section>
  )
}

function TeamStart({ onDone, onStart, rejoin }: { onDone: (s: TeamStatus, words: string) => void; onStart: () => void; rejoin?: Rejoin }) {
  const { t } = useTranslation()
  const { servers } = useServers()
  const [mode, setMode] = useState<'share' | 'join'>(rejoin ? 'join' : 'share')
  const [remote, setRemote] = useState(rejoin?.remote ?? '')
  const [token, setToken] = useState('')
  const [name, setName] = useState(rejoin?.name ?? '')
  const [some, setSome] = useState(false)
  const [chosen, setChosen] = useState<string[]>([])
  const [errors, setErrors] = useState<FormErrors>({})
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState<ApiErrorBody | undefined>(rejoin?.error)
  const formRef = useRef<HTMLFormElement>(null)
  const names = servers.map((s) => s.name).sort()

  const submit = (e: FormEvent): void => {
    e.preventDefault()
    const form = { remote, token, name, servers: mode === 'share' && some ? chosen : undefined }
    const found = checkTeamForm(form, mode, (k, v) => t(k as 'team.title', v))
    setErrors(found)
    setFailed(undefined)
    if (hasErrors(found)) {
      // The first field to fix gets the focus, its message read with it.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
      return
    }
    const input = teamInput(form, mode)
    onStart()
    setBusy(true)
    const call = mode === 'share' ? api.call('team.connect', input) : api.call('team.join', { remote: input.remote, name: input.name, ...(input.token ? { token: input.token } : {}) })
    call.then(
      (s) => {
        setBusy(false)
        setToken('')
        onDone(s, mode === 'share' ? t('team.share.done', { remote: input.remote }) : t('team.join.done'))
      },
      (err: unknown) => {
        setBusy(false)
        setFailed(errorBody(err))
      }
    )
  }

  const toggle = (server: string, on: boolean): void => {
    setChosen((c) => (on ? [...c, server] : c.filter((s) => s !== server)))
    edited('servers')
  }
  // A field's message goes once it is edited; the next press of the button checks again.
  const edited = (field: keyof FormErrors): void => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e))

  return (
    <div className="team__start">
      <fieldset className="choices" disabled={busy}>
        <legend className="field__label">{t('team.choose')}</legend>
        <Choice id="team-mode-share" name="team-mode" checked={mode === 'share'} onSelect={() => setMode('share')} title={t('team.share.title')} text={t('team.share.text')} />
        <Choice id="team-mode-join" name="team-mode" checked={mode === 'join'} onSelect={() => setMode('join')} title={t('team.join.title')} text={t('team.join.text')} />
      </fieldset>
      <form ref={formRef} className="form team__form" onSubmit={submit} noValidate data-testid="team-form" data-mode={mode}>
        <fieldset className="team__fields" disabled={busy}>
          <TextField
            id="team-remote"
            label={t('team.remote')}
            hint={t(mode === 'share' ? 'team.remoteHint.share' : 'team.remoteHint.join')}
            error={errors.remote}
            value={remote}
            onChange={(v) => {
              setRemote(v)
              edited('remote')
            }}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
          />
          <TextField id="team-token" label={t('team.token')} hint={t('team.tokenHint')} value={token} onChange={setToken} type="password" autoComplete="new-password" spellCheck={false} optional />
          <TextField id="team-name" label={t('team.name')} hint={t('team.nameHint')} error={errors.name} value={name} onChange={(v) => {
              setName(v)
              edited('name')
            }} autoComplete="name" />
          {mode === 'share' && (
            <fieldset className="team__servers" aria-describedby={errors.servers ? 'team-servers-error' : undefined}>
              <legend className="field__label">{t('team.servers')}</legend>
              {names.length === 0 && <p className="field__hint">{t('team.serversNone')}</p>}
              <Choice id="team-servers-all" name="team-servers" checked={!some} onSelect={() => setSome(false)} title={t('team.serversAll')} text={t('team.serversAllText')} />
              <Choice id="team-servers-some" name="team-servers" checked={some} onSelect={() => setSome(true)} title={t('team.serversSome')} text={t('team.serversSomeText')} />
              {some && (
                <div className="team__server-list">
                  {names.map((s) => (
                    <div className="check-field" key={s}>
                      <input type="checkbox" id={`team-server-${s}`} checked={chosen.includes(s)} onChange={(e) => toggle(s, e.target.checked)} aria-invalid={errors.servers ? true : undefined} />
                      <label htmlFor={`team-server-${s}`}>{s}</label>
                    </div>
                  ))}
                </div>
              )}
              {errors.servers && (
                <p className="field__error" id="team-servers-error">
                  <Icon name="alert" />
                  <span>{errors.servers}</span>
                </p>
              )}
            </fieldset>
          )}
        </fieldset>
        {busy && <Busy hint={t(mode === 'share' ? 'team.share.busyHint' : 'team.join.busyHint')}>{t(mode === 'share' ? 'team.share.busy' : 'team.join.busy', { remote: remote.trim() })}</Busy>}
        {failed && <ErrorPanel error={failed} title={rejoin?.error === failed ? t('team.newToken.rejoinError') : t(mode === 'share' ? 'team.share.error' : 'team.join.error')} />}
        {failed && rejoin?.error === failed && (
          <p className="field__note" data-testid="team-rejoin-next">
            {t('team.newToken.rejoinNext')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={busy} data-testid="team-submit">
            {t(mode === 'share' ? 'team.share.submit' : 'team.join.submit')}
          </button>
        </div>
      </form>
    </div>
  )
}

function TeamConnected({
  status,
  onStatus,
  onStart,
  onHold,
  onRejoinFailed
}: {
  status: TeamStatus
  onStatus: (s: TeamStatus, words: string) => void
  onStart: () => void
  onHold: (s: TeamStatus | undefined) => void
  onRejoinFailed: (r: Rejoin) => void
}) {
  const { t } = useTranslation()
  const [syncing, setSyncing] = useState(false)
  const [syncError, setSyncError] = useState<ApiErrorBody>()
  const [stopOpen, setStopOpen] = useState(false)
  const [stopping, setStopping] = useState(false)
  const [stopError, setStopError] = useState<ApiErrorBody>()
  const [choosing, setChoosing] = useState<TeamConflict>()
  const [renewing, setRenewing] = useState(false)
  const tokenRefused = status.problemCode === 'token-refused'
  // A refused token is shown once, with its next steps, by TokenRefused.
  const syncErrorShown = syncError && !(tokenRefused && /^team-token-/.test(syncError.code))

  const shareNow = (): void => {
    onStart()
    setSyncing(true)
    setSyncError(undefined)
    api.call('team.sync', {}).then(
      (s) => {
        setSyncing(false)
        onStatus(s, s.conflicts.length ? '' : t('team.connected.shared'))
      },
      (err: unknown) => {
        setSyncing(false)
        setSyncError(errorBody(err))
      }
    )
  }

  const stop = (): void => {
    onStart()
    setStopping(true)
    setStopError(undefined)
    api.call('team.disconnect', {}).then(
      (s) => {
        setStopping(false)
        setStopOpen(false)
        onStatus(s, t('team.stop.done'))
      },
      (err: unknown) => {
        setStopping(false)
        setStopError(errorBody(err))
      }
    )
  }

  const last = status.lastSync ? new Date(status.lastSync).toISOString() : undefined
  return (
    <div className="team__connected" data-testid="team-connected">
      {status.conflicts.length > 0 && (
        <div className="panel panel--bad team__conflicts" role="alert" data-testid="team-conflicts">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">{t('team.conflicts.title', { count: status.conflicts.length })}</h3>
          </div>
          <p className="panel__body">{t('team.conflicts.text')}</p>
          <ul className="team__conflict-list">
            {status.conflicts.map((c) => {
              const { server, domain } = conflictApp(c.file)
              return (
                <li key={c.file} data-testid="team-conflict" data-file={c.file}>
                  <div>
                    <strong>{t('team.conflicts.item', { domain, server })}</strong>
                    <p>{t('team.conflicts.places', { count: c.hunks.length })}</p>
                  </div>
                  <button type="button" className="btn btn--primary" onClick={() => setChoosing(c)} aria-label={t('team.conflicts.chooseFor', { domain })} data-testid="team-conflict-choose">
                    {t('team.conflicts.choose')}
                  </button>
                </li>
              )
            })}
          </ul>
        </div>
      )}
      <dl className="facts">
        <dt>{t('team.connected.with')}</dt>
        <dd className="mono" data-testid="team-remote">
          {status.remote}
        </dd>
        <dt>{t('team.connected.as')}</dt>
        <dd data-testid="team-name">{status.name}</dd>
        <dt>{t('team.connected.servers')}</dt>
        <dd data-testid="team-servers">{status.servers ? status.servers.join(', ') : t('team.connected.all')}</dd>
        <dt>{t('team.connected.state')}</dt>
        <dd data-testid="team-state">
          {status.unshared > 0 ? (
            <StatusBadge status={{ tone: 'warn', icon: 'alert', word: status.unsharedWords ?? '' }} />
          ) : (
            <StatusBadge status={{ tone: 'ok', icon: 'check', word: t('team.connected.allShared') }} />
          )}
        </dd>
        <dt>{t('team.connected.lastSync')}</dt>
        <dd data-testid="team-last-sync">{last ? <time dateTime={last} title={exactTimeText(last)}>{timeText(last)}</time> : t('team.connected.never')}</dd>
      </dl>
      {status.warning && (
        <div className="panel panel--warn" data-testid="team-warning">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">{t('team.connected.warning')}</h3>
          </div>
          <p className="panel__body">{status.warning}</p>
        </div>
      )}
      {tokenRefused && (
        <TokenRefused
          status={status}
          alert={!!syncError}
          onStart={() => {
            onStart()
            setSyncError(undefined)
          }}
          onBusy={(b) => {
            setRenewing(b)
            onHold(b ? status : undefined)
          }}
          onStatus={onStatus}
          onRejoinFailed={onRejoinFailed}
          onStop={() => setStopOpen(true)}
        />
      )}
      {status.problem && !syncError && !tokenRefused && (
        <div className="panel panel--warn" data-testid="team-problem">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h3 className="panel__title">{t('team.connected.problem')}</h3>
          </div>
          <p className="panel__body">{status.problem}</p>
          <p className="panel__body">{t(status.problemCode === 'other' ? 'team.connected.problemNextOther' : 'team.connected.problemNext')}</p>
        </div>
      )}
      {syncing && <Busy>{t('team.connected.sharing')}</Busy>}
      {syncErrorShown && <ErrorPanel error={syncError} title={t('team.connected.shareError')} />}
      <div className="actions">
        <button type="button" className="btn btn--primary" onClick={shareNow} disabled={syncing || renewing} data-testid="team-share-now">
          {t('team.connected.shareNow')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={() => setStopOpen(true)} disabled={syncing || renewing} data-testid="team-stop">
          {t('team.connected.stop')}
        </button>
      </div>
      <TeamServers status={status} onStatus={onStatus} onStart={onStart} disabled={syncing || renewing} />
      <ConfirmDialog
        open={stopOpen}
        onOpenChange={(o) => {
          setStopOpen(o)
          if (!o) setStopError(undefined)
        }}
        title={t('team.stop.title')}
        confirmLabel={t('team.stop.confirm')}
        busyLabel={t('team.stop.busy')}
        busy={stopping}
        danger
        error={stopError}
        errorTitle={t('team.stop.error')}
        onConfirm={stop}
        testId="team-stop-dialog"
        confirmTestId="team-stop-confirm"
      >
        <p>{t('team.stop.text', { remote: status.remote })}</p>
        <p>{t('team.stop.again')}</p>
      </ConfirmDialog>
      <ConflictDialog
        conflict={choosing ? (status.conflicts.find((c) => c.file === choosing.file) ?? choosing) : undefined}
        onClose={() => setChoosing(undefined)}
        onResolved={(s, domain) => {
          setChoosing(undefined)
          onStatus(s, t('team.dialog.done', { domain }))
        }}
      />
    </div>
  )
}
