import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody, CheckResult, FixAction } from '../../../src-main/contract'
import { api } from '../api/client'
import { i18n } from '../i18n'
import { errorBody } from '../lib/errors'
import { checksAllPass, checkStatus, isInformational } from '../lib/status'
import { refreshJobs, useJob } from '../state/jobs'
import { reloadServers } from '../state/servers'
import { Busy } from './Busy'
import { ErrorPanel } from './ErrorPanel'
import { Icon } from './Icon'
import { JobProgress } from './JobProgress'
import { SecretForm, secretInput, type SecretValue } from './SecretForm'
import { StatusBadge } from './StatusBadge'
import { HardeningDialog, type HardeningAction } from './HardeningDialog'
import { PasswordOffDialog } from './PasswordOffDialog'
import { ProxyDialog } from './ProxyDialog'
import { SetUpKeyDialog } from './SetUpKeyDialog'
import { SwarmDialog } from './SwarmDialog'

export interface Finish {
  onFinish: () => void
  readyLabel: string
  laterLabel: string
}

interface FixFailure {
  title: string
  error: ApiErrorBody
  retry: () => void
}

// Runs servers.check and offers each fix the core suggests. Used by the
// wizard's last step and by "Check" on the Servers screen.
export function ChecksView({ name, finish }: { name: string; finish?: Finish }) {
  const { t } = useTranslation()
  const [run, setRun] = useState(0)
  const [result, setResult] = useState<{ key: string; checks?: CheckResult[]; error?: ApiErrorBody }>()
  const [busy, setBusy] = useState<FixAction>()
  const [failure, setFailure] = useState<FixFailure>()
  const [jobId, setJobId] = useState<string>()
  const [swarmAddresses, setSwarmAddresses] = useState<string[]>()
  const [proxyDialog, setProxyDialog] = useState(false)
  const [passwordOff, setPasswordOff] = useState(false)
  const [setUpKey, setSetUpKey] = useState(false)
  const [hardening, setHardening] = useState<HardeningAction>()
  const [secret, setSecret] = useState<SecretValue>()
  const [secretInfo, setSecretInfo] = useState<{ keyFile?: string; error?: string }>({})

  // A finished prepare job changes the key, which re-runs the checks.
  const job = useJob(jobId)
  const finishedJob = job?.status === 'done' ? jobId : ''
  const key = `${name}:${run}:${finishedJob}`
  useEffect(() => {
    let live = true
    api.call('servers.check', { name }).then(
      (checks) => live && setResult({ key, checks }),
      (err: unknown) => live && setResult({ key, error: errorBody(err) })
    )
    return () => {
      live = false
    }
  }, [name, key])

  const loading = result?.key !== key
  const checks = result?.checks
  const rerun = (): void => setRun((n) => n + 1)

  const fail = (title: string, retry: () => void) => (err: unknown) => {
    setBusy(undefined)
    setFailure({ title, error: errorBody(err), retry })
  }

  const connect = (withSecret?: SecretValue): void => {
    setBusy('reconnect')
    setFailure(undefined)
    api.call('servers.connect', { name, ...secretInput(withSecret) }).then(
      () => {
        setBusy(undefined)
        setSecret(undefined)
        setSecretInfo({})
        void reloadServers()
        rerun()
      },
      (err: unknown) => {
        setBusy(undefined)
        const body = errorBody(err)
        if (body.code === 'passphrase-needed' || body.code === 'password-needed') {
          const kind = body.code === 'passphrase-needed' ? 'passphrase' : 'password'
          setSecret({ kind, value: '', remember: false })
          setSecretInfo({ keyFile: typeof body.data?.keyFile === 'string' ? body.data.keyFile : undefined })
        } else if ((body.code === 'passphrase-wrong' || body.code === 'password-wrong') && withSecret) {
          setSecret({ ...withSecret, value: '' })
          setSecretInfo((i) => ({ ...i, error: body.message }))
        } else {
          setSecret(undefined)
          setFailure({ title: t('servers.checks.connectError'), error: body, retry: () => connect() })
          rerun()
        }
      }
    )
  }

  const fix = (action: FixAction): void => {
    setFailure(undefined)
    switch (action) {
      case 'reconnect':
        connect()
        return
      case 'swarm-init':
        setBusy(action)
        api.call('servers.addresses', { name }).then((addresses) => {
          setBusy(undefined)
          setSwarmAddresses(addresses)
        }, fail(t('servers.checks.addressesError'), () => fix(action)))
        return
      case 'proxy-network-create':
        setBusy(action)
        api.call('servers.createProxyNetwork', { name }).then(() => {
          setBusy(undefined)
          rerun()
        }, fail(t('servers.checks.networkError'), () => fix(action)))
        return
      case 'prepare':
        setBusy(action)
        api.call('servers.prepare', { name }).then(({ jobId: id }) => {
          setBusy(undefined)
          setJobId(id)
          refreshJobs()
        }, fail(t('servers.checks.prepareError'), () => fix(action)))
        return
      case 'deploy-proxy':
        setProxyDialog(true)
        return
      case 'password-off':
        setPasswordOff(true)
        return
      case 'set-up-key':
        setSetUpKey(true)
        return
      case 'firewall-on':
      case 'auto-updates-on':
        setHardening(action)
        return
    }
  }

  // While a prepare job runs (or after it failed) its progress replaces the list.
  if (jobId && job?.status !== 'done') {
    return (
      <div className="checks-view" data-testid="checks-job">
        <JobProgress job={job} />
        {job && job.status !== 'running' && (
          <div className="actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => {
                setJobId(undefined)
                rerun()
              }}
            >
              {t('servers.checks.backToChecks')}
            </button>
          </div>
        )}
      </div>
    )
  }

  const ready = checks ? checksAllPass(checks) : false
  const later = checks?.filter(isInformational)

  return (
    <div className="checks-view" data-testid="checks" data-ready={checks && !loading ? String(ready) : undefined}>
      {loading && !checks && <Busy hint={t('servers.checks.checkingHint')}>{t('servers.checks.checking')}</Busy>}

      {result?.error && !loading && (
        <ErrorPanel error={result.error} title={t('servers.checks.runError')}>
          <button type="button" className="btn btn--primary" onClick={rerun}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}

      {checks && loading && <Busy>{t('servers.checks.checkingAgain')}</Busy>}
      {checks && !loading && (
        <div className={`panel ${ready ? 'panel--ok' : 'panel--warn'}`} role="status" data-testid="checks-summary">
          <div className="panel__head">
            <Icon name={ready ? 'check' : 'alert'} className="panel__icon" />
            <p className="panel__title">
              {ready ? t('servers.checks.ready') : t('servers.checks.notReady')}
            </p>
          </div>
          {ready && later && later.length > 0 && (
            <p className="panel__body">{t('servers.checks.later', { count: later.length, checks: titleList(later) })}</p>
          )}
          {!ready && <p className="panel__body">{t('servers.checks.fixHint')}</p>}
        </div>
      )}

      {failure && (
        <ErrorPanel error={failure.error} title={failure.title}>
          <button type="button" className="btn btn--primary" onClick={failure.retry}>
            {t('common.actions.tryAgain')}
          </button>
          <button type="button" className="btn btn--secondary" onClick={() => setFailure(undefined)}>
            {t('common.actions.dismiss')}
          </button>
        </ErrorPanel>
      )}

      {secret && (
        <div className="panel">
          <h3 className="panel__title">{t('servers.checks.signIn', { name })}</h3>
          <SecretForm
            idPrefix="reconnect"
            secret={secret}
            onChange={setSecret}
            keyFile={secretInfo.keyFile}
            who={name}
            error={secretInfo.error}
            busy={busy === 'reconnect'}
            onSubmit={() => connect(secret)}
          >
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => {
                setSecret(undefined)
                setSecretInfo({})
              }}
            >
              {t('common.actions.cancel')}
            </button>
          </SecretForm>
        </div>
      )}

      {checks && (
        <ul className={`checks${loading ? ' checks--stale' : ''}`} aria-busy={loading}>
          {checks.map((check) => (
            <CheckRow key={check.id} check={check} busy={busy} onFix={fix} />
          ))}
        </ul>
      )}

      <div className="actions">
        {finish && checks && (
          <button
            type="button"
            className={`btn ${ready ? 'btn--primary' : 'btn--secondary'}`}
            onClick={finish.onFinish}
            disabled={loading || busy !== undefined}
          >
            {ready ? finish.readyLabel : finish.laterLabel}
          </button>
        )}
        <button type="button" className="btn btn--secondary" onClick={rerun} disabled={loading || busy !== undefined}>
          <Icon name="sync" /> {t('servers.checks.checkAgain')}
        </button>
      </div>

      {proxyDialog && (
        <ProxyDialog
          name={name}
          onOpenChange={(open) => !open && setProxyDialog(false)}
          onStarted={(id) => {
            setProxyDialog(false)
            setJobId(id)
            refreshJobs()
          }}
        />
      )}

      {passwordOff && (
        <PasswordOffDialog
          name={name}
          onOpenChange={(open) => !open && setPasswordOff(false)}
          onStarted={(id) => {
            setPasswordOff(false)
            setJobId(id)
            refreshJobs()
          }}
        />
      )}

      {hardening && (
        <HardeningDialog
          name={name}
          action={hardening}
          onOpenChange={(open) => !open && setHardening(undefined)}
          onStarted={(id) => {
            setHardening(undefined)
            setJobId(id)
            refreshJobs()
          }}
        />
      )}

      {setUpKey && (
        <SetUpKeyDialog
          name={name}
          onOpenChange={(open) => !open && setSetUpKey(false)}
          onDone={() => {
            setSetUpKey(false)
            void reloadServers()
            rerun()
          }}
        />
      )}

      {swarmAddresses && (
        <SwarmDialog
          name={name}
          addresses={swarmAddresses}
          open
          onOpenChange={(open) => !open && setSwarmAddresses(undefined)}
          onDone={() => {
            setSwarmAddresses(undefined)
            rerun()
          }}
        />
      )}
    </div>
  )
}

// “Reverse proxy” and “Firewall”, in the page's language.
function titleList(checks: CheckResult[]): string {
  const quoted = checks.map((c) => i18n.t('common.quoted', { text: c.title }))
  return new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(quoted)
}

function CheckRow({ check, busy, onFix }: { check: CheckResult; busy?: FixAction; onFix: (a: FixAction) => void }) {
  const { t } = useTranslation()
  const status = checkStatus(check)
  const fix = check.ok === false ? check.fix : undefined
  return (
    <li className={`check tone--${status.tone}`} data-testid={`check-${check.id}`} data-ok={String(check.ok)}>
      <StatusBadge status={status} className="check__status" />
      <div className="check__body">
        <h3 className="check__title" id={`check-${check.id}-title`}>
          {check.title}
        </h3>
        <p className="check__detail">{check.detail}</p>
        {fix && (
          <div className="check__fix">
            <p>{fix.text}</p>
            <button
              type="button"
              className="btn btn--primary btn--small"
              onClick={() => onFix(fix.action)}
              disabled={busy !== undefined}
              aria-describedby={`check-${check.id}-title`}
            >
              {busy === fix.action ? t('common.working') : fix.label}
            </button>
          </div>
        )}
      </div>
    </li>
  )
}
