import { useEffect, useState } from 'react'
import { AlertDialog } from 'radix-ui'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../src-main/contract'
import type { DeployPreview, PreviewProgress } from '../../../src-main/contract/deploy-preview'
import { api } from '../api/client'
import { errorBody } from '../lib/errors'
import { Busy } from './Busy'
import { DialogBackdrop } from './DialogBackdrop'
import { ErrorPanel } from './ErrorPanel'
import { useReturnFocus } from './returnFocus'
import '../styles/preview.css'

export type DeployRequest = {
  server: string
  domain: string
  kind: 'deploy' | 'upgrade' | 'rollback' | 'redeploy'
  version?: string
  chaos?: boolean
  backupFirst?: boolean
}

type Shown = { preview?: DeployPreview; error?: ApiErrorBody; for: DeployRequest; round: number }

const unique = (items: string[]): string[] => [...new Set(items)]

// Ties the preview's progress events to this dialog's own call.
const newProgressId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`

// Before every deploy, upgrade and rollback: what it will change on the
// server, in plain words (apps.preview), and Confirm. What is confirmed is
// what was shown: the deploy carries the preview's fingerprint, and if the
// server (or the env file, or the recipe) changed in between the core
// refuses before sending anything; this says so and shows the new preview.
export function DeployPreviewDialog({
  request,
  onClose,
  onStarted,
  onPreviewError
}: {
  /** The deploy to preview; undefined: the dialog is closed. */
  request?: DeployRequest
  onClose: () => void
  onStarted: (jobId: string) => void
  /** Given: a preview that can't be made (the recipe doesn't render, the env file is broken…) closes the dialog and goes to the caller's own error panel. */
  onPreviewError?: (error: ApiErrorBody) => void
}) {
  const { t } = useTranslation()
  const open = request !== undefined
  const returnFocus = useReturnFocus(open)
  const [loaded, setLoaded] = useState<Shown>()
  const [round, setRound] = useState(0)
  // What was loaded for this request and round; undefined while its preview loads.
  const shown = loaded && loaded.for === request && loaded.round === round ? loaded : undefined
  const [busy, setBusy] = useState(false)
  const [startError, setStartError] = useState<ApiErrorBody>()
  const [changed, setChanged] = useState<string>()
  // The preview's step under way ("Asking the image registry about …"), for this request and round.
  const [step, setStep] = useState<{ progress: PreviewProgress; for: DeployRequest; round: number }>()
  const stepWords = step && step.for === request && step.round === round ? step.progress.words : undefined

  useEffect(() => {
    if (!request) return
    let live = true
    const { server, domain, kind, version, chaos } = request
    const progressId = newProgressId()
    const off = api.on('preview.progress', (progress) => {
      if (live && progress.progressId === progressId) setStep({ progress, for: request, round })
    })
    api.call('apps.preview', { server, domain, kind, ...(version ? { version } : {}), ...(chaos ? { chaos } : {}), progressId }).then(
      (preview) => live && setLoaded({ preview, for: request, round }),
      (err: unknown) => {
        if (!live) return
        if (onPreviewError) {
          setChanged(undefined)
          onPreviewError(errorBody(err))
          onClose()
        } else setLoaded({ error: errorBody(err), for: request, round })
      }
    )
    return () => {
      live = false
      off()
    }
    // The callbacks are the caller's; a new preview is made only for a new request or Try again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, round])

  const close = (): void => {
    if (busy) return
    setLoaded(undefined)
    setStartError(undefined)
    setChanged(undefined)
    onClose()
  }

  const confirm = (): void => {
    const preview = shown?.preview
    if (!request || !preview) return
    setBusy(true)
    setStartError(undefined)
    const { server, domain, kind, version, chaos, backupFirst } = request
    api
      .call('apps.deploy', {
        server,
        domain,
        kind,
        ...(version ? { version } : {}),
        ...(chaos ? { chaos } : {}),
        ...(backupFirst !== undefined ? { backupFirst } : {}),
        expectServerState: preview.serverState,
        // The images as the preview's registries pinned them: the deploy doesn't ask again.
        pins: preview.pins,
        // The preview said the app runs a teammate's unshared settings: confirming is replacing them.
        ...(preview.team?.some((w) => w.kind === 'unshared-deploy') ? { replaceUnshared: true } : {})
      })
      .then(
        ({ jobId }) => {
          setBusy(false)
          setLoaded(undefined)
          setChanged(undefined)
          onStarted(jobId)
        },
        (err: unknown) => {
          setBusy(false)
          const body = errorBody(err)
          if (body.code === 'server-changed') {
            // The core's words say what changed; the new preview replaces the old one below them.
            setChanged(body.message)
            setRound((r) => r + 1)
          } else setStartError(body)
        }
      )
  }

  const p = shown?.preview
  const kind = request?.chaos ? 'chaos' : p && !p.deployed ? 'deployFirst' : (request?.kind ?? 'deploy')
  const title = request ? t(`preview.title.${kind}`, { domain: request.domain, version: request.version ?? p?.version.to ?? '' }) : ''
  const confirmKind = request?.kind ?? 'deploy'
  const confirmLabel = t(`preview.confirm.${confirmKind}`, { version: request?.version ?? p?.version.to ?? '' })

  return (
    <AlertDialog.Root open={open} onOpenChange={(o) => !o && close()}>
      <AlertDialog.Portal>
        <DialogBackdrop />
        <AlertDialog.Content className="dialog dialog--wide dialog--preview" data-testid="deploy-preview" onCloseAutoFocus={returnFocus} aria-modal="true">
          <AlertDialog.Title className="dialog__title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog__text">{t('preview.intro')}</AlertDialog.Description>
          {changed && (
            <div className="panel panel--warn" role="status" data-testid="deploy-preview-changed">
              <p>
                <strong>{t('preview.serverChanged')}</strong>
              </p>
              <p>{changed}</p>
            </div>
          )}
          {!shown && (
            <Busy hint={t('preview.loadingHint')}>
              <span data-testid="deploy-preview-step">{stepWords ?? t('preview.loading')}</span>
            </Busy>
          )}
          {shown?.error && (
            <ErrorPanel error={shown.error} title={t('preview.loadFailed')}>
              <p>{t('preview.loadFailedNext')}</p>
              <button type="button" className="btn btn--secondary" onClick={() => setRound((r) => r + 1)} data-testid="deploy-preview-retry">
                {t('common.actions.tryAgain')}
              </button>
            </ErrorPanel>
          )}
          {p && <PreviewBody preview={p} />}
          {startError && <ErrorPanel error={startError} title={t('preview.startFailed')} />}
          <div className="actions actions--end">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn--secondary" disabled={busy} data-testid="deploy-preview-cancel">
                {t('common.actions.cancel')}
              </button>
            </AlertDialog.Cancel>
            <button type="button" className="btn btn--primary" onClick={confirm} disabled={busy || !p} data-testid="deploy-preview-confirm">
              {busy ? t('preview.starting') : confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}

function Group({ id, title, items, testId }: { id: string; title: string; items: string[]; testId: string }) {
  if (items.length === 0) return null
  return (
    <section className="preview__group" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="preview__title">
        {title}
      </h3>
      <ul className="preview__list">
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </section>
  )
}

function PreviewBody({ preview: p }: { preview: DeployPreview }) {
  const { t } = useTranslation()
  const names = (change: string): string[] => p.services.filter((s) => s.change === change).map((s) => s.name)
  const moving = ['create', 'restart', 'update'].some((c) => names(c).length > 0)
  const unchanged = names('unchanged')
  const unknown = t('preview.unknownVersion')
  const changedSettings = p.deployed ? unique(p.settings.filter((s) => s.change !== 'removed').map((s) => s.name)) : []
  const removedSettings = p.deployed ? unique(p.settings.filter((s) => s.change === 'removed').map((s) => s.name)) : []
  return (
    <div className="preview" data-testid="deploy-preview-body">
      <p className="preview__version" data-testid="deploy-preview-version">
        {p.deployed && p.version.from !== p.version.to
          ? t('preview.version', { from: p.version.from ?? unknown, to: p.version.to ?? unknown })
          : t('preview.versionFirst', { to: p.version.to ?? unknown })}
      </p>
      {p.team && p.team.length > 0 && (
        <section className="panel panel--warn preview__group" aria-labelledby="preview-team" data-testid="deploy-preview-team">
          <h3 id="preview-team" className="preview__title">
            {t('preview.team.title')}
          </h3>
          {p.team.map((w) => (
            <p key={w.kind} data-testid={`deploy-preview-team-${w.kind}`}>
              {w.words}
            </p>
          ))}
          {p.team.some((w) => w.kind === 'unshared-deploy') && <p>{t('preview.team.unsharedNext')}</p>}
        </section>
      )}
      {!moving && (
        <p className="panel panel--ok" data-testid="deploy-preview-nothing">
          {t('preview.nothing')}
        </p>
      )}
      <Group id="preview-restart" testId="deploy-preview-restart" title={t('preview.groups.restart')} items={names('restart')} />
      <Group id="preview-create" testId="deploy-preview-create" title={t('preview.groups.create')} items={names('create')} />
      <Group id="preview-update" testId="deploy-preview-update" title={t('preview.groups.update')} items={names('update')} />
      <Group id="preview-left" testId="deploy-preview-left" title={t('preview.groups.left')} items={names('left')} />
      <Group
        id="preview-images"
        testId="deploy-preview-images"
        title={t('preview.groups.images')}
        items={p.images.map((i) => `${i.service}: ${i.from ? `${i.from} → ${i.to}` : t('preview.imageNew', { to: i.to })}`)}
      />
      <Group
        id="preview-placement"
        testId="deploy-preview-placement"
        title={t('preview.groups.placement')}
        items={p.services.filter((s) => s.change !== 'create' && s.changed.some((c) => c.includes('Placement'))).map((s) => s.name)}
      />
      <Group id="preview-settings" testId="deploy-preview-settings" title={t('preview.groups.settings')} items={changedSettings} />
      <Group id="preview-settings-removed" testId="deploy-preview-settings-removed" title={t('preview.groups.settingsRemoved')} items={removedSettings} />
      <Group id="preview-secrets" testId="deploy-preview-secrets" title={t('preview.groups.secrets')} items={unique(p.secrets.filter((s) => s.change === 'added').map((s) => s.name))} />
      <Group
        id="preview-secrets-changed"
        testId="deploy-preview-secrets-changed"
        title={t('preview.groups.secretsChanged')}
        items={unique(p.secrets.filter((s) => s.change === 'changed').map((s) => s.name))}
      />
      <Group
        id="preview-volumes"
        testId="deploy-preview-volumes"
        title={t('preview.groups.volumes')}
        items={p.volumes.map((v) => (v.exists ? v.name : t('preview.volumeNew', { name: v.name })))}
      />
      {p.missing.length > 0 && (
        <section className="panel panel--warn preview__group" aria-labelledby="preview-missing" data-testid="deploy-preview-missing">
          <h3 id="preview-missing" className="preview__title">
            {t('preview.groups.missing')}
          </h3>
          <ul className="preview__list">
            {p.missing.map((m) => (
              <li key={`${m.kind}:${m.name}`}>{t(`preview.missingKind.${m.kind}`, { name: m.name })}</li>
            ))}
          </ul>
          <p>{t('preview.missingText')}</p>
        </section>
      )}
      {moving && unchanged.length > 0 && (
        <details className="preview__group" data-testid="deploy-preview-unchanged">
          <summary>{t('preview.groups.unchanged', { count: unchanged.length })}</summary>
          <ul className="preview__list">
            {unchanged.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
