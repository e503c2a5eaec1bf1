import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { VolumeLocality } from '../../../../src-main/contract/volumes'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { useCall } from '../../lib/useCall'
import { useNavigate } from '../../navigation'

type Service = VolumeLocality['services'][number]
type Asked = { service: string; machine: string }

const list = (items: string[]): string => items.join(', ')

// "Where your data lives" (issue 13), on the Volumes tab of an app on a
// server whose swarm has several machines: which machine keeps each volume,
// and a warning for a service that could start on another machine without
// its data, with "Keep it on <machine>": the rule is saved in the app's
// settings (apps.pinService), then the redeploy is previewed and confirmed
// as any deploy is; a preview closed without deploying takes the rule out.
export function AppDataPlaces({ server, domain, onLoaded }: { server: string; domain: string; onLoaded?: (answer: VolumeLocality) => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [answer, setAnswer] = useState<VolumeLocality>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [asking, setAsking] = useState<Asked>()
  const [previewNext, setPreviewNext] = useState<Asked & { changed: boolean }>()
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const [pinned, setPinned] = useState<Asked & { changed: boolean }>()
  const [undone, setUndone] = useState(false)
  const [undoError, setUndoError] = useState<ApiErrorBody>()
  const saving = useCall()

  const load = useCallback(() => {
    api.call('apps.volumeLocality', { server, domain }).then(
      (a) => {
        setAnswer(a)
        setLoadError(undefined)
        onLoaded?.(a)
      },
      (err: unknown) => setLoadError(errorBody(err))
    )
    // onLoaded is the caller's; a new answer is asked only for another app.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [server, domain])
  useEffect(load, [load])

  // The preview opens once the confirmation is gone and has given focus back to its button, so the preview gives it back there too.
  useEffect(() => {
    if (asking || !previewNext) return
    const timer = window.setTimeout(() => {
      setPinned(previewNext)
      setPreviewNext(undefined)
      setPreviewing({ server, domain, kind: 'redeploy' })
    }, 0)
    return () => window.clearTimeout(timer)
  }, [asking, previewNext, server, domain])

  const confirm = (): void => {
    if (!asking) return
    const chosen = asking
    setUndone(false)
    setUndoError(undefined)
    saving.run(
      () => api.call('apps.pinService', { server, domain, service: chosen.service, machine: chosen.machine }),
      ({ changed }) => {
        setPreviewNext({ ...chosen, changed })
        setAsking(undefined)
      }
    )
  }

  // Closed without deploying: the rule this dialog saved comes out again, so the settings say what runs.
  const previewClosed = (): void => {
    setPreviewing(undefined)
    const p = pinned
    setPinned(undefined)
    if (!p?.changed) return
    api.call('apps.pinService', { server, domain, service: p.service, machine: null }).then(
      () => setUndone(true),
      (err: unknown) => setUndoError(errorBody(err))
    )
  }

  if (loadError) {
    return (
      <ErrorPanel error={loadError} title={t('volumes.where.loadFailed')}>
        <button type="button" className="btn btn--primary" onClick={load}>
          {t('common.actions.tryAgain')}
        </button>
      </ErrorPanel>
    )
  }
  if (!answer) return <Busy>{t('volumes.where.loading')}</Busy>
  // One machine: the data is where the app runs; nothing to say.
  if (answer.machines < 2) return null

  const warned = answer.services.filter((s) => s.state === 'unpinned' || s.state === 'elsewhere' || s.state === 'scattered')
  return (
    <section className="app-data-places" aria-labelledby="data-places-title" data-testid="data-places">
      <h3 id="data-places-title" className="section-title">
        {t('volumes.where.title')}
      </h3>
      <p className="page__intro">{t('volumes.where.intro', { count: answer.machines })}</p>
      <ul className="dialog__list" aria-label={t('volumes.where.listLabel')} data-testid="data-places-volumes">
        {answer.volumes.map((v) => (
          <li key={v.volume} data-testid="data-place" data-volume={v.name}>
            {v.machines.length === 0
              ? t('volumes.where.nowhere', { name: v.name })
              : v.machines.length === 1
                ? t('volumes.where.keptOn', { name: v.name, machine: v.machines[0] })
                : t('volumes.where.several', { name: v.name, machines: list(v.machines) })}
            {v.services.length > 0 && <> {t('volumes.where.usedBy', { services: list(v.services) })}</>}
          </li>
        ))}
      </ul>
      {answer.services
        .filter((s) => s.state === 'pinned')
        .map((s) => (
          <p key={s.name} data-testid="data-place-pinned" data-service={s.name}>
            <StatusBadge status={{ tone: 'ok', icon: 'check', word: t('volumes.where.pinnedWord') }} />{' '}
            {t(s.pinnedBy ? 'volumes.where.pinnedBySettings' : 'volumes.where.pinned', { service: s.name, machine: s.machine ?? '' })}
          </p>
        ))}
      {warned.map((s) => (
        <Warning key={s.name} s={s} onKeep={(machine) => setAsking({ service: s.name, machine })} busy={previewing !== undefined} />
      ))}
      {undone && (
        <p className="panel panel--ok" role="status" data-testid="data-places-undone">
          {t('volumes.where.undone')}
        </p>
      )}
      {undoError && <ErrorPanel error={undoError} title={t('volumes.where.undoFailed')} />}
      {answer.unreached?.map((u) => (
        <p key={u.machine} className="muted" data-testid="data-places-unreached">
          {t('volumes.where.unreached', { machine: u.machine, why: u.why })}
        </p>
      ))}
      <ConfirmDialog
        open={asking !== undefined}
        onOpenChange={(o) => {
          if (!o) setAsking(undefined)
        }}
        title={t('volumes.where.confirmTitle', { service: asking?.service ?? '', machine: asking?.machine ?? '' })}
        confirmLabel={t('volumes.where.confirm')}
        busyLabel={t('volumes.where.saving')}
        busy={saving.busy}
        error={saving.error}
        errorTitle={t('volumes.where.saveFailed')}
        onConfirm={confirm}
        testId="keep-on-dialog"
        confirmTestId="keep-on-confirm"
      >
        {asking && (
          <>
            <p className="dialog__text">{t('volumes.where.confirmWhat', { service: asking.service, machine: asking.machine })}</p>
            <p className="dialog__text">
              {t('volumes.where.confirmHow', { variable: `PIN_${asking.service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_MACHINE`, machine: asking.machine, file: `compose.pin.${asking.service}.yml` })}
            </p>
            <p className="dialog__text">{t('volumes.where.confirmNext', { service: asking.service, machine: asking.machine })}</p>
          </>
        )}
      </ConfirmDialog>
      <DeployPreviewDialog
        request={previewing}
        onClose={previewClosed}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          setPinned(undefined)
          navigate({ screen: 'deploy', jobId, server, domain })
        }}
      />
    </section>
  )
}

function Warning({ s, onKeep, busy }: { s: Service; onKeep: (machine: string) => void; busy: boolean }) {
  const { t } = useTranslation()
  const machine = s.machine ?? ''
  const id = `data-place-warn-${s.name}`
  const text =
    s.state === 'scattered'
      ? t('volumes.where.scattered', { service: s.name })
      : s.state === 'elsewhere'
        ? t('volumes.where.elsewhere', { service: s.name, machine })
        : t('volumes.where.unpinned', { service: s.name, machine })
  return (
    <div className="panel panel--warn" role="group" aria-labelledby={`${id}-title`} data-testid="data-place-warning" data-service={s.name}>
      <p className="panel__title" id={`${id}-title`}>
        <StatusBadge status={{ tone: 'warn', icon: 'alert', word: t('volumes.where.attention') }} /> {t('volumes.where.warnTitle', { service: s.name })}
      </p>
      <p id={`${id}-text`}>{text}</p>
      {s.canPin && (
        <div className="actions">
          <button type="button" className="btn btn--primary" onClick={() => onKeep(machine)} disabled={busy} aria-describedby={`${id}-text`} data-testid="keep-on">
            {t('volumes.where.keep', { machine })}
          </button>
        </div>
      )}
    </div>
  )
}
