import { useCallback, useEffect, useRef, useState, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { SwarmMachine } from '../../../../src-main/contract/nodes'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { JobProgress } from '../../components/JobProgress'
import { RetryPanel } from '../../components/RetryPanel'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { bytesText } from '../../lib/format'
import type { Status } from '../../lib/status'
import { usePolled } from '../../lib/usePolled'
import { useJob } from '../../state/jobs'
import '../../styles/machines.css'
import { DrainDialog } from './DrainDialog'
import { LabelsDialog } from './LabelsDialog'
import { RemoveMachineDialog } from './RemoveMachineDialog'

// The machines this server shares its apps with (its swarm; issue 13), on
// the server's page: each machine's role, state, availability, address,
// Docker, size, labels and what runs on it, with what can be done to it.
// Moving apps off (drain), pausing and activating are jobs (progress, Cancel
// sets the machine back); the list is read again when one ends, so what shows
// is the swarm's own state.

/** The "Add a machine…" wizard, given by whoever composes the page (screens/machines/AddMachine.tsx). */
export type AddMachineComponent = ComponentType<{ server: string; onClose: () => void; onAdded: () => void }>

const EVERY_MS = 30_000

export function Machines({ name, addMachine: AddMachine }: { name: string; addMachine?: AddMachineComponent }) {
  const { t } = useTranslation()
  const read = useCallback(() => api.call('nodes.list', { server: name }), [name])
  const { value: list, error, load, busy } = usePolled(read, EVERY_MS)
  const [adding, setAdding] = useState(false)
  const addButton = useRef<HTMLButtonElement>(null)

  return (
    <section className="machines" aria-labelledby="machines-title" data-testid="machines">
      <div className="machines__head">
        <h2 id="machines-title" className="machines__title">
          {t('machines.title')}
        </h2>
        <button type="button" className="btn btn--ghost btn--small" onClick={load} disabled={busy} data-testid="machines-refresh">
          {t('machines.refresh')}
        </button>
      </div>
      <p className="muted">{t('machines.intro')}</p>
      {!list && !error && <Busy>{t('machines.loading', { server: name })}</Busy>}
      {error && <RetryPanel error={error} onRetry={load} />}
      {list && !list.swarm && (
        <div className="machines__none" role="status" data-testid="machines-not-manager">
          <p>{t('machines.notManager')}</p>
          <p className="muted">{t('machines.notManagerNext')}</p>
        </div>
      )}
      {list?.swarm && (
        <>
          <p className="muted" data-testid="machines-count">
            {t('machines.count', { count: list.machines.length })}
          </p>
          <ul className="machines__list">
            {list.machines.map((m) => (
              <MachineCard key={m.id} server={name} machine={m} reload={load} />
            ))}
          </ul>
          {/* The place for adding a machine: shown when the page is given the wizard (see AddMachineComponent). */}
          {AddMachine && (
            <div className="actions">
              <button type="button" className="btn btn--secondary" ref={addButton} onClick={() => setAdding(true)} data-testid="machines-add">
                {t('machines.actions.add')}
              </button>
            </div>
          )}
          {AddMachine && adding && (
            <AddMachine
              server={name}
              onClose={() => {
                setAdding(false)
                addButton.current?.focus()
              }}
              onAdded={load}
            />
          )}
        </>
      )}
    </section>
  )
}

/** A machine's role in words: "manager (leader)", "manager" or "worker". */
export function roleKey(m: Pick<SwarmMachine, 'role' | 'leader'>): 'machines.role.worker' | 'machines.role.leader' | 'machines.role.manager' {
  return m.role === 'worker' ? 'machines.role.worker' : m.leader ? 'machines.role.leader' : 'machines.role.manager'
}

function stateStatus(m: SwarmMachine, word: string): Status {
  if (m.state === 'ready') return { tone: 'ok', icon: 'check', word }
  if (m.state === 'unknown') return { tone: 'warn', icon: 'alert', word }
  return { tone: 'bad', icon: 'cross', word }
}

function availabilityStatus(m: SwarmMachine, word: string): Status {
  if (m.availability === 'active') return { tone: 'ok', icon: 'check', word }
  return { tone: 'warn', icon: 'dash', word }
}

/** What runs on a machine, grouped by app: Docker names a stack's services <stack>_<service>. */
export function groupByApp(services: readonly string[]): { app?: string; services: string[] }[] {
  const groups = new Map<string, string[]>()
  const single: string[] = []
  for (const s of [...services].sort()) {
    const i = s.indexOf('_')
    if (i > 0 && i < s.length - 1) {
      const app = s.slice(0, i)
      groups.set(app, [...(groups.get(app) ?? []), s.slice(i + 1)])
    } else single.push(s)
  }
  return [...[...groups].map(([app, list]) => ({ app, services: list })), ...single.map((s) => ({ services: [s] }))]
}

function MachineCard({ server, machine: m, reload }: { server: string; machine: SwarmMachine; reload: () => void }) {
  const { t } = useTranslation()
  const [jobId, setJobId] = useState<string>()
  const [wanted, setWanted] = useState<SwarmMachine['availability']>()
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const [dialog, setDialog] = useState<'drain' | 'labels' | 'remove'>()
  const job = useJob(jobId)
  const running = starting || job?.status === 'running'
  const ended = job && job.status !== 'running' ? job.status : undefined

  // When the job ends, the swarm's own word on the machine replaces what the job hoped for.
  useEffect(() => {
    if (ended) reload()
  }, [ended, reload])

  const setAvailability = (availability: SwarmMachine['availability']): void => {
    setStarting(true)
    setError(undefined)
    api.call('nodes.setAvailability', { server, node: m.id, availability }).then(
      ({ jobId: id }) => {
        setStarting(false)
        setDialog(undefined)
        setWanted(availability)
        setJobId(id)
      },
      (err: unknown) => {
        setStarting(false)
        setError(errorBody(err))
      }
    )
  }

  const groups = groupByApp(m.running)
  const labels = Object.entries(m.labels).sort(([a], [b]) => a.localeCompare(b))
  const titleId = `machine-${m.id}-title`
  return (
    <li className="machine" data-testid={`machine-${m.hostname}`} data-role={m.role} data-state={m.state} data-availability={m.availability} aria-labelledby={titleId}>
      <div className="machine__head">
        <h3 id={titleId} className="machine__name mono">
          {m.hostname}
        </h3>
        {m.self && (
          <span className="machine__self" title={t('machines.selfHint')} data-testid="machine-self">
            {t('machines.self')}
          </span>
        )}
      </div>
      <dl className="machine__facts">
        <dt>{t('machines.facts.role')}</dt>
        <dd data-testid="machine-role">{t(roleKey(m))}</dd>
        <dt>{t('machines.facts.state')}</dt>
        <dd data-testid="machine-state">
          <StatusBadge status={stateStatus(m, t(`machines.state.${m.state}`))} />
          {m.state !== 'ready' && m.message && <span className="muted machine__said"> {t('machines.dockerSays', { message: m.message })}</span>}
        </dd>
        <dt>{t('machines.facts.availability')}</dt>
        <dd data-testid="machine-availability">
          <StatusBadge status={availabilityStatus(m, t(`machines.availability.${m.availability}`))} /> <span className="muted">{t(`machines.availabilityHint.${m.availability}`)}</span>
        </dd>
        <dt>{t('machines.facts.address')}</dt>
        <dd className="mono">{m.address}</dd>
        <dt>{t('machines.facts.docker')}</dt>
        <dd>{m.dockerVersion}</dd>
        <dt>{t('machines.facts.resources')}</dt>
        <dd>{t('machines.resources', { cpus: m.cpus, memory: bytesText(m.memoryBytes) })}</dd>
        <dt>{t('machines.facts.labels')}</dt>
        <dd data-testid="machine-labels">
          {labels.length === 0 ? (
            <span className="muted">{t('machines.noLabels')}</span>
          ) : (
            <ul className="machine__labels">
              {labels.map(([k, v]) => (
                <li key={k} className="machine__label mono">
                  {k}={v}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('machines.facts.runs')}</dt>
        <dd data-testid="machine-runs">
          {groups.length === 0 ? (
            <span className="muted">{t('machines.runsNothing')}</span>
          ) : (
            <ul className="machine__runs">
              {groups.map((g) => (
                <li key={g.app ?? g.services[0]}>{g.app ? t('machines.appServices', { app: g.app, services: g.services.join(', ') }) : g.services[0]}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <div className="actions machine__actions" role="group" aria-label={t('machines.actionsFor', { machine: m.hostname })}>
        {m.availability !== 'drain' && (
          <button type="button" className="btn btn--secondary btn--small" disabled={running} onClick={() => setDialog('drain')} data-testid="machine-drain">
            {t('machines.actions.drain')}
          </button>
        )}
        {m.availability === 'active' && (
          <button type="button" className="btn btn--secondary btn--small" disabled={running} onClick={() => setAvailability('pause')} data-testid="machine-pause">
            {t('machines.actions.pause')}
          </button>
        )}
        {m.availability !== 'active' && (
          <button type="button" className="btn btn--secondary btn--small" disabled={running} onClick={() => setAvailability('active')} data-testid="machine-activate">
            {t('machines.actions.activate')}
          </button>
        )}
        <button type="button" className="btn btn--secondary btn--small" disabled={running} onClick={() => setDialog('labels')} data-testid="machine-labels-edit">
          {t('machines.actions.labels')}
        </button>
        {m.role === 'worker' && m.state === 'down' && (
          <button type="button" className="btn btn--danger btn--small" disabled={running} onClick={() => setDialog('remove')} data-testid="machine-remove">
            {t('machines.actions.remove')}
          </button>
        )}
      </div>
      {error && !dialog && <ErrorPanel error={error} />}
      {jobId && (
        <div className="machine__job" data-testid="machine-job">
          <JobProgress job={job} headingLevel={3} />
          {/* Said once the list read again agrees: the swarm's word, not the job's hope. */}
          {job?.status === 'done' && m.availability === wanted && (
            <p role="status" data-testid="machine-job-result">
              {t('machines.jobDone', { machine: m.hostname, availability: t(`machines.availability.${m.availability}`) })}
            </p>
          )}
        </div>
      )}
      <DrainDialog
        server={server}
        machine={m}
        open={dialog === 'drain'}
        starting={starting}
        error={error}
        onConfirm={() => setAvailability('drain')}
        onOpenChange={(o) => {
          setDialog(o ? 'drain' : undefined)
          setError(undefined)
        }}
      />
      <LabelsDialog
        server={server}
        machine={m}
        open={dialog === 'labels'}
        onOpenChange={(o) => setDialog(o ? 'labels' : undefined)}
        onSaved={() => {
          setDialog(undefined)
          reload()
        }}
      />
      {m.role === 'worker' && m.state === 'down' && (
        <RemoveMachineDialog
          server={server}
          machine={m}
          open={dialog === 'remove'}
          onOpenChange={(o) => setDialog(o ? 'remove' : undefined)}
          onRemoved={() => {
            setDialog(undefined)
            reload()
          }}
        />
      )}
    </li>
  )
}
