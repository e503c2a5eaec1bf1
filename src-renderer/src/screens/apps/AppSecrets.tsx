import { useCallback, useEffect, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { GeneratedSecret, SecretInfo } from '../../../../src-main/contract/apps'
import type { z } from 'zod'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { timeText } from '../../lib/format'
import { useNavigate } from '../../navigation'
import { SecretValues } from './SecretValues'

type Generated = z.infer<typeof GeneratedSecret>

function existsStatus(s: SecretInfo, t: TFunction) {
  if (s.exists === true) return { tone: 'ok', icon: 'check', word: t('apps.secrets.onServer') } as const
  if (s.exists === false) return { tone: 'bad', icon: 'cross', word: t('apps.secrets.missing') } as const
  return { tone: 'neutral', icon: 'dash', word: t('apps.secrets.notKnown') } as const
}

const mono = { mono: <span className="mono" /> }

// A secret changed whose redeploy was not confirmed (the preview was
// cancelled): the app still runs with the old value. Kept for the window's
// life, so the app's page still offers "Deploy again…" after going elsewhere.
const notRedeployed = new Map<string, string[]>()

export function AppSecrets({ server, domain, deployed }: { server: string; domain: string; deployed: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [list, setList] = useState<SecretInfo[]>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ title: string; error: ApiErrorBody }>()
  const [shown, setShown] = useState<Generated[]>()
  const [rotateJob, setRotateJob] = useState<string>()
  const [confirm, setConfirm] = useState<{ kind: 'rotate' | 'remove'; name: string }>()
  const key = `${server}/${domain}`
  const [waiting, setWaiting] = useState<string[]>(() => notRedeployed.get(key) ?? [])
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const [previewNext, setPreviewNext] = useState(false)
  const redeploy: DeployRequest = { server, domain, kind: 'redeploy' }
  const setWaitingFor = (names: string[]): void => {
    if (names.length > 0) notRedeployed.set(key, names)
    else notRedeployed.delete(key)
    setWaiting(names)
  }

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

  // The redeploy's preview opens once the change dialog is gone and has given
  // focus back to the Change button (Radix does that in a timer of its own,
  // set as the dialog unmounts, so before this one), so the preview gives it back there too.
  useEffect(() => {
    if (confirm || !previewNext) return
    const timer = window.setTimeout(() => {
      setPreviewNext(false)
      setPreviewing({ server, domain, kind: 'redeploy' })
    }, 0)
    return () => window.clearTimeout(timer)
  }, [confirm, previewNext, server, domain])

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
        setError({ title: t('apps.secrets.createFailed'), error: errorBody(err) })
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
      setError({ title: kind === 'rotate' ? t('apps.secrets.changeFailed', { name }) : t('apps.secrets.removeFailed', { name }), error: errorBody(err) })
    }
    if (kind === 'rotate') {
      // The new value is made now; the redeploy that switches the app to it is previewed and confirmed first.
      api.call('secrets.rotate', { server, domain, name, redeploy: false }).then((r) => {
        done()
        setShown([r.secret])
        setRotateJob(undefined)
        if (!r.deployed) return
        setWaitingFor([...new Set([...waiting, name])])
        setPreviewNext(true)
      }, fail)
    } else {
      api.call('secrets.remove', { server, domain, name }).then(done, fail)
    }
  }

  return (
    <div className="secrets">
      <p className="page__intro">{t('apps.secrets.intro')}</p>
      {!list && !loadError && <Busy>{t('apps.secrets.loading')}</Busy>}
      {loadError && (
        <ErrorPanel error={loadError} title={t('apps.secrets.listFailed')}>
          <button type="button" className="btn btn--primary" onClick={load}>
            {t('common.actions.tryAgain')}
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
              {t('apps.secrets.followRedeploy')}
            </button>
          )}
        </SecretValues>
      )}

      {waiting.length > 0 && !previewing && (
        <div className="panel panel--warn" role="status" data-testid="secrets-not-redeployed">
          {waiting.map((name) => (
            <p key={name}>{t('apps.secrets.oldValueStill', { name })}</p>
          ))}
          <button type="button" className="btn btn--primary" onClick={() => setPreviewing(redeploy)} data-testid="secrets-deploy-again">
            {t('apps.secrets.deployAgain')}
          </button>
        </div>
      )}

      {list && list.length === 0 && <p className="muted">{t('apps.secrets.none')}</p>}
      {list && list.length > 0 && (
        <ul className="secret-list" data-testid="secrets-list" aria-label={t('apps.secrets.listLabel')}>
          {list.map((s) => (
            <li key={s.name} className="secret-row" data-testid={`secret-row-${s.name}`} data-exists={String(s.exists ?? '')}>
              <div className="secret-row__id">
                <h3 className="secret-row__name mono">{s.name}</h3>
                <p className="muted secret-row__meta">
                  {t('apps.secrets.version', { version: s.version })}
                  {s.generate ? t('apps.secrets.madeByApp') : t('apps.secrets.typedByYou')}
                  {s.length ? t('apps.secrets.length', { count: s.length }) : ''}
                  {s.createdAt ? t('apps.secrets.created', { time: timeText(s.createdAt) }) : ''}
                </p>
                {s.tooLong && (
                  <p className="field__error">{t('apps.secrets.tooLong', { swarmName: s.swarmName })}</p>
                )}
              </div>
              <StatusBadge status={existsStatus(s, t)} />
              <div className="secret-row__actions">
                {s.exists === false && !s.generate && (
                  <div className="field">
                    <label className="field__label" htmlFor={`secret-input-${s.name}`}>
                      {t('apps.secrets.valueFor', { name: s.name })}
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
                      {t('apps.secrets.rotate')}
                      <span className="sr-only"> {s.name}</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn--ghost btn--small btn--danger-text"
                      onClick={() => setConfirm({ kind: 'remove', name: s.name })}
                      data-testid={`secret-remove-${s.name}`}
                    >
                      {t('apps.secrets.remove')}
                      <span className="sr-only"> {s.name}</span>
                    </button>
                  </>
                )}
              </div>
              <details className="details secret-row__details">
                <summary>
                  {t('common.actions.showDetails')}
                  <span className="sr-only">{t('apps.secrets.detailsOf', { name: s.name })}</span>
                </summary>
                <p className="details__text">
                  <Trans i18nKey="apps.secrets.details" values={{ swarmName: s.swarmName, envKey: s.envKey }} components={mono} />
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
            {busy ? t('apps.secrets.creating') : t('apps.secrets.createMissing', { count: missing.length })}
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
        title={confirm?.kind === 'rotate' ? t('apps.secrets.confirmChange', { name: confirm.name }) : t('apps.secrets.confirmRemove', { name: confirm?.name ?? '' })}
        confirmLabel={confirm?.kind === 'rotate' ? t('apps.secrets.changeIt') : t('apps.secrets.removeIt')}
        busyLabel={confirm?.kind === 'rotate' ? t('apps.secrets.changing') : t('apps.secrets.removing')}
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
            <p className="dialog__text">{t('apps.secrets.rotateText')}</p>
            {deployed && (
              <p className="dialog__text">
                <Trans i18nKey="apps.secrets.rotateRedeploy" components={{ strong: <strong /> }} />
              </p>
            )}
            <p className="dialog__text">{t('apps.secrets.rotateOwnCopy')}</p>
          </>
        ) : (
          <>
            <p className="dialog__text">{t('apps.secrets.removeText')}</p>
            <p className="dialog__text">{t('apps.secrets.removeCantStart')}</p>
            {deployed && <p className="dialog__text">{t('apps.secrets.removeDeployed')}</p>}
          </>
        )}
      </ConfirmDialog>

      <DeployPreviewDialog
        request={previewing}
        onClose={() => setPreviewing(undefined)}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          setWaitingFor([])
          // With the new value still on screen, the redeploy is followed from there; otherwise on its own screen.
          if (shown && shown.length > 0) setRotateJob(jobId)
          else navigate({ screen: 'deploy', jobId, server, domain })
        }}
      />
    </div>
  )
}
