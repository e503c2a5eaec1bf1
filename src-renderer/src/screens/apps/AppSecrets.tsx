import { useCallback, useEffect, useState } from 'react'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { GeneratedSecret, SecretInfo } from '../../../../src-main/contract/apps'
import type { z } from 'zod'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'
import { SecretValues } from './SecretValues'

type Generated = z.infer<typeof GeneratedSecret>

function existsStatus(s: SecretInfo) {
  if (s.exists === true) return { tone: 'ok', icon: 'check', word: 'On the server' } as const
  if (s.exists === false) return { tone: 'bad', icon: 'cross', word: 'Missing' } as const
  return { tone: 'neutral', icon: 'dash', word: 'Not known' } as const
}

export function AppSecrets({ server, domain, deployed }: { server: string; domain: string; deployed: boolean }) {
  const navigate = useNavigate()
  const [list, setList] = useState<SecretInfo[]>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ title: string; error: ApiErrorBody }>()
  const [shown, setShown] = useState<Generated[]>()
  const [rotateJob, setRotateJob] = useState<string>()
  const [confirm, setConfirm] = useState<{ kind: 'rotate' | 'remove'; name: string }>()

  const load = useCallback(() => {
    api.call('secrets.list', { server, domain }).then(
      (l) => {
        setList(l)
        setLoadError(undefined)
      },
      (err: unknown) => setLoadError(errorBody(err))
    )
  }, [server, domain])
  useEffect(load, [load])

  const missing = list?.filter((s) => s.exists === false) ?? []
  const needTyping = missing.filter((s) => !s.generate)
  const typedValues = Object.fromEntries(needTyping.filter((s) => typed[s.name]).map((s) => [s.name, typed[s.name]]))

  const createMissing = (): void => {
    setBusy(true)
    setError(undefined)
    const values = Object.keys(typedValues).length > 0 ? { values: typedValues } : {}
    // Secrets the person must type are left out until they have a value.
    const names = missing.filter((s) => s.generate || typed[s.name]).map((s) => s.name)
    api.call('secrets.create', { server, domain, names, ...values }).then(
      (created) => {
        setBusy(false)
        setShown(created)
        setTyped({})
        load()
      },
      (err: unknown) => {
        setBusy(false)
        setError({ title: 'The secrets could not be created', error: errorBody(err) })
      }
    )
  }

  const doConfirm = (): void => {
    if (!confirm) return
    const { kind, name } = confirm
    setBusy(true)
    setError(undefined)
    const done = (): void => {
      setBusy(false)
      setConfirm(undefined)
      load()
    }
    const fail = (err: unknown): void => {
      setBusy(false)
      setError({ title: kind === 'rotate' ? `The secret ${name} could not be changed` : `The secret ${name} could not be removed`, error: errorBody(err) })
    }
    if (kind === 'rotate') {
      api.call('secrets.rotate', { server, domain, name }).then((r) => {
        done()
        setShown([r.secret])
        setRotateJob(r.jobId)
      }, fail)
    } else {
      api.call('secrets.remove', { server, domain, name }).then(done, fail)
    }
  }

  return (
    <div className="secrets">
      <p className="page__intro">
        Secrets are passwords and keys the app uses. They are kept on the server (as Docker secrets), never on this
        computer, so the app can’t show them again after they are made.
      </p>
      {!list && !loadError && <Busy>Asking the server which secrets exist…</Busy>}
      {loadError && (
        <ErrorPanel error={loadError} title="The secrets could not be listed">
          <button type="button" className="btn btn--primary" onClick={load}>
            Try again
          </button>
        </ErrorPanel>
      )}

      {shown && shown.length > 0 && (
        <SecretValues secrets={shown} onDone={() => setShown(undefined)}>
          {rotateJob && (
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => navigate({ screen: 'deploy', jobId: rotateJob, server, domain })}
            >
              Follow the redeploy
            </button>
          )}
        </SecretValues>
      )}

      {list && list.length === 0 && <p className="muted">This app type uses no secrets.</p>}
      {list && list.length > 0 && (
        <ul className="secret-list" data-testid="secrets-list" aria-label="Secrets">
          {list.map((s) => (
            <li key={s.name} className="secret-row" data-testid={`secret-row-${s.name}`} data-exists={String(s.exists ?? '')}>
              <div className="secret-row__id">
                <h3 className="secret-row__name mono">{s.name}</h3>
                <p className="muted secret-row__meta">
                  Version {s.version}
                  {s.generate ? ', made by the app' : ', typed by you'}
                  {s.length ? `, ${s.length} characters` : ''}
                  {s.createdAt ? `, created ${new Date(s.createdAt).toLocaleString()}` : ''}
                </p>
                {s.tooLong && (
                  <p className="field__error">
                    Its Docker name ({s.swarmName}) is longer than Docker allows. Use a shorter domain or secret name.
                  </p>
                )}
              </div>
              <StatusBadge status={existsStatus(s)} />
              <div className="secret-row__actions">
                {s.exists === false && !s.generate && (
                  <div className="field">
                    <label className="field__label" htmlFor={`secret-input-${s.name}`}>
                      Value for {s.name}
                    </label>
                    <input
                      id={`secret-input-${s.name}`}
                      className="input"
                      type="password"
                      autoComplete="off"
                      value={typed[s.name] ?? ''}
                      onChange={(e) => setTyped({ ...typed, [s.name]: e.target.value })}
                      data-testid={`secret-input-${s.name}`}
                    />
                  </div>
                )}
                {s.exists === true && (
                  <>
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      onClick={() => setConfirm({ kind: 'rotate', name: s.name })}
                      data-testid={`secret-rotate-${s.name}`}
                    >
                      Change (rotate)<span className="sr-only"> {s.name}</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small btn--danger-text"
                      onClick={() => setConfirm({ kind: 'remove', name: s.name })}
                      data-testid={`secret-remove-${s.name}`}
                    >
                      Remove<span className="sr-only"> {s.name}</span>
                    </button>
                  </>
                )}
              </div>
              <details className="details secret-row__details">
                <summary>
                  Show details<span className="sr-only"> of {s.name}</span>
                </summary>
                <p className="details__text">
                  Docker secret <span className="mono">{s.swarmName}</span>, set by <span className="mono">{s.envKey}</span>{' '}
                  in the settings.
                </p>
              </details>
            </li>
          ))}
        </ul>
      )}

      {missing.length > 0 && (
        <div className="actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={createMissing}
            disabled={busy || missing.every((s) => !s.generate && !typed[s.name])}
            data-testid="secrets-create-missing"
          >
            {busy ? 'Creating…' : `Create missing secrets (${missing.length})`}
          </button>
        </div>
      )}
      {error && !confirm && <ErrorPanel error={error.error} title={error.title} />}

      <ConfirmDialog
        open={confirm !== undefined}
        onOpenChange={(o) => {
          if (!o) {
            setConfirm(undefined)
            setError(undefined)
          }
        }}
        title={confirm?.kind === 'rotate' ? `Change ${confirm.name}?` : `Remove ${confirm?.name ?? ''}?`}
        confirmLabel={confirm?.kind === 'rotate' ? 'Change it' : 'Remove it'}
        busyLabel={confirm?.kind === 'rotate' ? 'Changing…' : 'Removing…'}
        danger
        busy={busy}
        error={confirm ? error?.error : undefined}
        errorTitle={error?.title}
        onConfirm={doConfirm}
        testId="secret-confirm-dialog"
        confirmTestId="secret-confirm"
      >
        {confirm?.kind === 'rotate' ? (
          <>
            <p className="dialog__text">The app gets a new value for this secret, made now. The old value stops working.</p>
            {deployed && (
              <p className="dialog__text">
                <strong>The app will be redeployed</strong> to use it, so it restarts for a moment.
              </p>
            )}
            <p className="dialog__text">
              Some apps keep their own copy (a database password, for example); changing the secret here does not change
              it there.
            </p>
          </>
        ) : (
          <>
            <p className="dialog__text">The secret is deleted from the server. Its value can’t be brought back.</p>
            <p className="dialog__text">
              The app can’t start without it: create it again (with a new value) before the next deploy.
            </p>
            {deployed && (
              <p className="dialog__text">
                While the app is deployed it uses this secret, and Docker won’t remove it. Undeploy the app first, or
                change (rotate) the secret instead.
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
    </div>
  )
}
