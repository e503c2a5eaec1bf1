import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { JoinCheck, MachineTarget } from '../../../../src-main/contract/nodes'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { Choice } from '../../components/Choice'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { JobProgress } from '../../components/JobProgress'
import { PageTitle } from '../../components/PageTitle'
import { TextField } from '../../components/TextField'
import { errorBody } from '../../lib/errors'
import { useJob } from '../../state/jobs'
import { IdentityStep } from '../wizard/IdentityStep'
import { StepIndicator, type StepInfo } from '../wizard/StepIndicator'

type Step = 'where' | 'identity' | 'sign-in' | 'role' | 'join'

// Named by addMachine.steps (the StepIndicator's `words`).
const steps: StepInfo[] = [
  { key: 'where', label: 'where' },
  { key: 'identity', label: 'identity' },
  { key: 'sign-in', label: 'signIn' },
  { key: 'role', label: 'checks' },
  { key: 'join', label: 'checks' }
]

/**
 * Adding a machine to a server's swarm, as the add-server wizard adds a
 * server: where it is, its host key confirmed (the same identity step), a
 * sign-in that runs the checks (with "Prepare this machine" when Docker is
 * missing), its role with the manager-count warning, then the join's
 * progress. The join token never reaches this window: the core reads it.
 */
export function AddMachine({ server, onClose, onJoined, onAdded }: { server: string; onClose: () => void; onJoined?: () => void; onAdded?: () => void }) {
  const { t } = useTranslation()
  const [step, setStep] = useState<Step>('where')
  const [host, setHost] = useState('')
  const [user, setUser] = useState('')
  const [port, setPort] = useState('22')
  const [whereError, setWhereError] = useState<{ host?: string; port?: string }>({})
  const [password, setPassword] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [checking, setChecking] = useState(false)
  const [check, setCheck] = useState<JoinCheck>()
  const [checkError, setCheckError] = useState<ApiErrorBody>()
  const [prepareJobId, setPrepareJobId] = useState<string>()
  const [role, setRole] = useState<'worker' | 'manager'>('worker')
  const [confirmEven, setConfirmEven] = useState(false)
  const [joinJobId, setJoinJobId] = useState<string>()
  const [joinError, setJoinError] = useState<ApiErrorBody>()
  const prepareJob = useJob(prepareJobId)
  const joinJob = useJob(joinJobId)

  const portNumber = Number(port)
  const machine = (): MachineTarget => ({
    host: host.trim(),
    ...(user.trim() ? { user: user.trim() } : {}),
    port: portNumber,
    ...(password ? { password } : {}),
    ...(passphrase ? { passphrase } : {})
  })
  const who = `${user.trim() ? user.trim() + '@' : ''}${host.trim()}`
  const name = check?.hostname ?? host.trim()

  const next = (e: FormEvent): void => {
    e.preventDefault()
    const errs: typeof whereError = {}
    if (!host.trim()) errs.host = t('addMachine.where.hostMissing')
    if (!(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535)) errs.port = t('addMachine.where.portBad')
    setWhereError(errs)
    if (!errs.host && !errs.port) setStep('identity')
  }

  const runCheck = (): void => {
    setChecking(true)
    setCheckError(undefined)
    api.call('nodes.joinCheck', { server, machine: machine() }).then(
      (c) => {
        setChecking(false)
        setCheck(c)
      },
      (err: unknown) => {
        setChecking(false)
        setCheckError(errorBody(err))
      }
    )
  }

  const prepare = (): void => {
    setCheckError(undefined)
    api.call('nodes.prepareMachine', { server, machine: machine() }).then(
      ({ jobId }) => setPrepareJobId(jobId),
      (err: unknown) => setCheckError(errorBody(err))
    )
  }

  // Once the machine is prepared, its checks run again by themselves (as the server checks do).
  const preparedJob = prepareJob?.status === 'done' ? prepareJobId : undefined
  const [recheckedFor, setRecheckedFor] = useState<string>()
  useEffect(() => {
    if (!preparedJob) return
    let live = true
    api.call('nodes.joinCheck', { server, machine: machine() }).then(
      (c) => {
        if (!live) return
        setCheck(c)
        setCheckError(undefined)
        setRecheckedFor(preparedJob)
      },
      (err: unknown) => {
        if (!live) return
        setCheckError(errorBody(err))
        setRecheckedFor(preparedJob)
      }
    )
    return () => {
      live = false
    }
    // Once per finished prepare job, with the machine as it was given.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preparedJob])
  const busyChecking = checking || (preparedJob !== undefined && recheckedFor !== preparedJob)

  const managersAfter = (check?.managers ?? 0) + (role === 'manager' ? 1 : 0)
  const even = role === 'manager' && managersAfter % 2 === 0

  const join = (): void => {
    setJoinError(undefined)
    api.call('nodes.join', { server, machine: machine(), role, ...(even ? { confirmEvenManagers: confirmEven } : {}) }).then(
      ({ jobId }) => {
        setJoinJobId(jobId)
        setStep('join')
      },
      (err: unknown) => setJoinError(errorBody(err))
    )
  }
  const joined = joinJob?.status === 'done'
  useEffect(() => {
    if (!joined) return
    onJoined?.()
    onAdded?.()
    // Told once, when the join is done.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [joined])

  const onKnown = useCallback(() => setStep('sign-in'), [])
  const toWhere = useCallback(() => setStep('where'), [])
  const index = steps.findIndex((s) => s.key === step)

  return (
    <section className="wizard add-machine" data-testid="add-machine" data-step={step} aria-labelledby="add-machine-title">
      <PageTitle level={2} id="add-machine-title">
        {t('addMachine.title', { server })}
      </PageTitle>
      <StepIndicator
        steps={steps}
        current={index}
        words={{ where: t('addMachine.steps.where'), identity: t('addMachine.steps.identity'), 'sign-in': t('addMachine.steps.signIn'), role: t('addMachine.steps.role'), join: t('addMachine.steps.join') }}
      />

      {step === 'where' && (
        <form className="step" onSubmit={next} noValidate data-testid="add-machine-where">
          <p className="page__intro">{t('addMachine.intro', { server })}</p>
          <TextField id="machine-host" label={t('addMachine.where.host')} hint={t('addMachine.where.hostHint')} value={host} onChange={setHost} error={whereError.host} autoFocus autoComplete="off" spellCheck={false} />
          <TextField id="machine-user" label={t('addMachine.where.user')} hint={t('addMachine.where.userHint')} value={user} onChange={setUser} optional autoComplete="off" spellCheck={false} />
          <TextField id="machine-port" label={t('addMachine.where.port')} value={port} onChange={setPort} error={whereError.port} inputMode="numeric" />
          <div className="actions">
            <button type="submit" className="btn btn--primary">
              {t('addMachine.signIn.next')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={onClose}>
              {t('common.actions.cancel')}
            </button>
          </div>
        </form>
      )}

      {step === 'identity' && (
        <IdentityStep
          hostname={host.trim()}
          port={portNumber}
          onKnown={onKnown}
          onTrusted={onKnown}
          onBack={toWhere}
          words={{
            title: t('addMachine.identity.title'),
            firstTime: t('addMachine.identity.firstTime'),
            whyText: t('addMachine.identity.whyText'),
            differ: t('addMachine.identity.differ'),
            trustError: t('addMachine.identity.trustError'),
            trust: t('addMachine.identity.trust'),
            changedTitle: t('addMachine.identity.changedTitle'),
            changedLead: (where) => t('addMachine.identity.changedLead', { where }),
            sentNow: (type) => t('addMachine.identity.sentNow', { type }),
            askAdmin: t('addMachine.identity.askAdmin'),
            nobody: t('addMachine.identity.nobody')
          }}
        />
      )}

      {step === 'sign-in' && (
        <div className="step" data-testid="add-machine-checks">
          <form
            onSubmit={(e) => {
              e.preventDefault()
              runCheck()
            }}
          >
            <p className="lead">{t('addMachine.signIn.lead', { who })}</p>
            <TextField id="machine-password" type="password" label={t('addMachine.signIn.password')} value={password} onChange={setPassword} optional autoComplete="off" />
            <TextField id="machine-passphrase" type="password" label={t('addMachine.signIn.passphrase')} value={passphrase} onChange={setPassphrase} optional autoComplete="off" />
            <div className="actions">
              <button type="submit" className="btn btn--primary" disabled={busyChecking || prepareJob?.status === 'running'}>
                {check ? t('addMachine.signIn.again') : t('addMachine.signIn.check')}
              </button>
              <button type="button" className="btn btn--secondary" onClick={toWhere} disabled={busyChecking}>
                {t('addMachine.join.back')}
              </button>
            </div>
          </form>
          {busyChecking && <Busy>{t('addMachine.signIn.checking')}</Busy>}
          {checkError && <ErrorPanel error={checkError} title={t('addMachine.signIn.failed')} />}
          {check && !busyChecking && (
            <>
              <ul className="checks" data-testid="machine-checks">
                {check.checks.map((c) => (
                  <li key={c.id} className={`check check--${c.ok === true ? 'ok' : c.ok === false ? 'bad' : 'unknown'}`} data-testid={`machine-check-${c.id}`} data-ok={String(c.ok)}>
                    <Icon name={c.ok === true ? 'check' : c.ok === false ? 'alert' : 'info'} className="check__icon" />
                    <div>
                      <p className="check__title">{c.title}</p>
                      <p className="check__detail">{c.detail}</p>
                      {c.ok === false && c.fix?.action === 'prepare' && (
                        <>
                          <p className="muted" data-testid="machine-prepare-text">{c.id === 'docker-installed' ? t('addMachine.signIn.prepareText') : t('addMachine.signIn.prepareAccessText')}</p>
                          <button type="button" className="btn btn--primary" onClick={prepare} disabled={prepareJob?.status === 'running'} data-testid="machine-prepare">
                            {t('addMachine.signIn.prepare')}
                          </button>
                        </>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
              {prepareJobId && <JobProgress job={prepareJob} headingLevel={3} />}
              <p className={check.ready ? 'lead' : 'muted'} data-testid="machine-ready" data-ready={String(check.ready)}>
                {check.ready ? t('addMachine.signIn.ready') : t('addMachine.signIn.notReady')}
              </p>
              {check.ready && (
                <div className="actions">
                  <button type="button" className="btn btn--primary" onClick={() => setStep('role')}>
                    {t('addMachine.signIn.next')}
                  </button>
                </div>
              )}
            </>
          )}
        </div>
      )}

      {step === 'role' && check && (
        <div className="step" data-testid="add-machine-role">
          <fieldset className="choices">
            <legend className="lead">{t('addMachine.role.lead', { machine: name })}</legend>
            <Choice id="machine-role-worker" name="machine-role" checked={role === 'worker'} onSelect={() => setRole('worker')} title={t('addMachine.role.worker')} text={t('addMachine.role.workerText')} />
            <Choice id="machine-role-manager" name="machine-role" checked={role === 'manager'} onSelect={() => setRole('manager')} title={t('addMachine.role.manager')} text={t('addMachine.role.managerText')} />
          </fieldset>
          <p className="muted">{t('addMachine.role.managers', { server, count: check.managers })}</p>
          {even && (
            <div className="panel panel--warn" role="note" data-testid="machine-even-warning">
              <p>{t('addMachine.role.even', { server, count: managersAfter })}</p>
              <label className="checkbox">
                <input type="checkbox" checked={confirmEven} onChange={(e) => setConfirmEven(e.target.checked)} data-testid="machine-confirm-even" /> {t('addMachine.role.confirmEven')}
              </label>
            </div>
          )}
          {joinError && <ErrorPanel error={joinError} title={t('addMachine.join.failed')} />}
          <div className="actions">
            <button type="button" className="btn btn--primary" onClick={join} disabled={even && !confirmEven} data-testid="machine-join">
              {t('addMachine.role.add')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setStep('sign-in')}>
              {t('addMachine.join.back')}
            </button>
          </div>
        </div>
      )}

      {step === 'join' && (
        <div className="step" data-testid="add-machine-join">
          <JobProgress job={joinJob} headingLevel={3} />
          {joined && (
            <p className="lead" data-testid="machine-joined">
              {t('addMachine.join.done', { machine: name, server })}
            </p>
          )}
          {joinJob && joinJob.status !== 'running' && (
            <div className="actions">
              <button type="button" className="btn btn--primary" onClick={onClose} data-testid="machine-close">
                {t('addMachine.join.close')}
              </button>
              {!joined && (
                <button type="button" className="btn btn--secondary" onClick={() => setStep('sign-in')}>
                  {t('addMachine.join.back')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  )
}
