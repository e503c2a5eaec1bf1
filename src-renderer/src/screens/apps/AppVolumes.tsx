import { useCallback, useEffect, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { AppVolume, AppVolumes as Answer, VolumeLocality } from '../../../../src-main/contract/volumes'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorPanel } from '../../components/ErrorPanel'
import { JobProgress } from '../../components/JobProgress'
import { TypeToConfirm, typedMatches } from '../../components/TypeToConfirm'
import { errorBody } from '../../lib/errors'
import { bytesText, exactTimeText, timeText } from '../../lib/format'
import { useCall } from '../../lib/useCall'
import { useJob } from '../../state/jobs'
import { AppDataPlaces } from './AppDataPlaces'

const label = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1)

// An app's volumes (where it keeps its data), as `abra app volume ls|rm`:
// their size, when they were made and what uses them; the unused ones can
// be removed while the app is not deployed, after its domain is typed.
export function AppVolumes({ server, domain }: { server: string; domain: string }) {
  const { t } = useTranslation()
  const [answer, setAnswer] = useState<Answer>()
  const [loadError, setLoadError] = useState<ApiErrorBody>()
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [asking, setAsking] = useState(false)
  const [typed, setTyped] = useState('')
  const [jobId, setJobId] = useState<string>()
  // Where the data lives on a swarm of several machines: volumes kept on another machine aren't listed below.
  const [places, setPlaces] = useState<VolumeLocality>()
  const keptElsewhere = (places?.volumes ?? []).some((v) => v.machines.length > 0)
  const removing = useCall()
  const job = useJob(jobId)
  const jobRunning = job?.status === 'running'

  const load = useCallback(() => {
    api.call('apps.volumes', { server, domain }).then(
      (a) => {
        setAnswer(a)
        setLoadError(undefined)
        // Only what can still be removed stays chosen.
        setChosen((c) => new Set([...c].filter((v) => a.volumes.some((x) => x.volume === v && x.usedBy.length === 0))))
      },
      (err: unknown) => {
        setLoadError(errorBody(err))
      }
    )
  }, [server, domain])
  useEffect(load, [load])

  // Look again once a removal ends, whichever way.
  const ended = job && job.status !== 'running' ? job.id : undefined
  useEffect(() => {
    if (ended) load()
  }, [ended, load])

  const deployed = answer?.deployed ?? false
  const picked = answer?.volumes.filter((v) => chosen.has(v.volume)) ?? []
  const canRemove = !deployed && picked.length > 0 && !jobRunning
  const toggle = (v: AppVolume, on: boolean): void =>
    setChosen((c) => {
      const next = new Set(c)
      if (on) next.add(v.volume)
      else next.delete(v.volume)
      return next
    })

  const confirm = (): void => {
    if (!typedMatches(typed, domain) || picked.length === 0) return
    removing.run(
      () => api.call('apps.removeVolumes', { server, domain, names: picked.map((v) => v.volume), confirm: typed.trim() }),
      ({ jobId: id }) => {
        setAsking(false)
        setTyped('')
        setChosen(new Set())
        setJobId(id)
      }
    )
  }

  const who = (u: AppVolume['usedBy'][number]): string => {
    const name = u.service ?? u.container
    // A container of another app (or none) is named with it.
    const named = u.stack === answer?.stack ? name : t('volumes.ofApp', { who: name, stack: u.stack ?? '?' })
    return u.running ? t('volumes.running', { who: named }) : t('volumes.stopped', { who: named })
  }

  return (
    <section className="app-volumes-tab" aria-labelledby="app-volumes-title" data-testid="app-volumes-tab" data-deployed={String(deployed)}>
      <h2 id="app-volumes-title" className="section-title">
        {t('volumes.title')}
      </h2>
      <p className="page__intro">{t('volumes.intro')}</p>
      <AppDataPlaces server={server} domain={domain} onLoaded={setPlaces} />
      {!answer && !loadError && <Busy>{t('volumes.loading')}</Busy>}
      {loadError && (
        <ErrorPanel error={loadError} title={t('volumes.loadFailed')}>
          <button type="button" className="btn btn--primary" onClick={load}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      {answer && answer.volumes.length === 0 && <p className="muted">{keptElsewhere ? t('volumes.noneHere', { server }) : t('volumes.none', { server })}</p>}
      {answer && answer.volumes.length > 0 && (
        <>
          {deployed && (
            <p className="panel panel--warn" id="volumes-deployed-note" data-testid="volumes-deployed-note">
              {t('volumes.deployedNote')}
            </p>
          )}
          <ul className="secret-list" aria-label={t('volumes.listLabel')} data-testid="volumes-list">
            {answer.volumes.map((v) => {
              const id = `volume-${v.volume}`
              const inUse = v.usedBy.length > 0
              return (
                <li key={v.volume} className="secret-row volume-row" data-testid="volume-row" data-volume={v.volume} data-in-use={String(inUse)}>
                  <div className="secret-row__id">
                    <div className="check-field">
                      <input
                        type="checkbox"
                        id={id}
                        checked={chosen.has(v.volume)}
                        onChange={(e) => toggle(v, e.target.checked)}
                        disabled={deployed || inUse || jobRunning}
                        aria-describedby={`${id}-meta ${id}-use`}
                        data-testid="volume-choose"
                      />
                      <label htmlFor={id} className="secret-row__name">
                        {label(v.name)}
                      </label>
                    </div>
                    <p className="muted secret-row__meta" id={`${id}-meta`}>
                      {v.bytes === undefined ? t('volumes.sizeUnknown') : t('volumes.size', { size: bytesText(v.bytes) })}
                      {v.createdAt && (
                        <>
                          {', '}
                          <time dateTime={v.createdAt} title={exactTimeText(v.createdAt)}>
                            {t('volumes.created', { time: timeText(v.createdAt) })}
                          </time>
                        </>
                      )}
                      {' · '}
                      <Trans i18nKey="volumes.dockerName" values={{ volume: v.volume }} components={{ mono: <span className="mono" /> }} />
                    </p>
                    <p className="secret-row__meta" id={`${id}-use`} data-testid="volume-used-by">
                      {inUse ? t('volumes.usedBy', { users: v.usedBy.map(who).join(', ') }) : t('volumes.notUsed')}
                      {inUse && !deployed && <> {t('volumes.inUseNote')}</>}
                    </p>
                  </div>
                </li>
              )
            })}
          </ul>
          {answer.sizesMissing && <p className="muted">{t('volumes.sizesMissing', { why: answer.sizesMissing })}</p>}
        </>
      )}
      {job && <JobProgress job={job} headingLevel={3} />}
      {answer && (
        <div className="actions">
          {answer.volumes.length > 0 && (
            <button
              type="button"
              className="btn btn--danger"
              onClick={() => setAsking(true)}
              disabled={!canRemove}
              aria-describedby={deployed ? 'volumes-deployed-note' : picked.length === 0 ? 'volumes-choose-first' : undefined}
              data-testid="volumes-remove"
            >
              {t('volumes.remove')}
            </button>
          )}
          <button type="button" className="btn btn--secondary" onClick={load}>
            {t('volumes.lookAgain')}
          </button>
        </div>
      )}
      {answer && !deployed && answer.volumes.length > 0 && picked.length === 0 && (
        <p className="muted" id="volumes-choose-first">
          {t('volumes.chooseFirst')}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        onOpenChange={(o) => {
          setAsking(o)
          if (!o) setTyped('')
        }}
        title={t('volumes.confirmTitle', { count: picked.length, domain })}
        confirmLabel={t('volumes.confirm')}
        busyLabel={t('volumes.busy')}
        danger
        busy={removing.busy}
        disabled={!typedMatches(typed, domain)}
        error={removing.error}
        errorTitle={t('volumes.failed')}
        onConfirm={confirm}
        testId="remove-volumes-dialog"
        confirmTestId="remove-volumes-confirm"
      >
        <div className="panel panel--bad">
          <p className="panel__title">{t('volumes.warning', { server })}</p>
          <ul className="dialog__list">
            {picked.map((v) => (
              <li key={v.volume}>
                {label(v.name)} (<span className="mono">{v.volume}</span>)
                {v.bytes !== undefined && `, ${bytesText(v.bytes)}`}
              </li>
            ))}
          </ul>
        </div>
        <p className="dialog__text">{t('volumes.backupFirst')}</p>
        <TypeToConfirm id="remove-volumes-input" expected={domain} value={typed} onChange={setTyped} onEnter={confirm} disabled={removing.busy} testId="remove-volumes-input" />
      </ConfirmDialog>
    </section>
  )
}
