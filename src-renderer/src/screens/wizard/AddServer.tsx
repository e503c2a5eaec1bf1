import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ServerSummary } from '../../../../src-main/contract'
import { ChecksView } from '../../components/ChecksView'
import { PageTitle } from '../../components/PageTitle'
import { emptyWhereForm, type SshAddInput, type WhereForm } from '../../lib/addServer'
import { fieldErrorsFromIssues, type FieldErrors, type Issue } from '../../lib/fieldErrors'
import { useNavigate } from '../../navigation'
import { reloadServers, useServers } from '../../state/servers'
import { IdentityStep } from './IdentityStep'
import { SignInStep } from './SignInStep'
import { StepIndicator, type StepInfo } from './StepIndicator'
import { WhereStep } from './WhereStep'

type Step = 'where' | 'identity' | 'sign-in' | 'checks'

// Labels are keys of wizard.steps, translated when shown.
const sshSteps: StepInfo[] = [
  { key: 'where', label: 'where' },
  { key: 'identity', label: 'identity' },
  { key: 'sign-in', label: 'signIn' },
  { key: 'checks', label: 'checks' }
]
const localSteps: StepInfo[] = [
  { key: 'where', label: 'where' },
  { key: 'checks', label: 'checks' }
]

interface Target {
  input: SshAddInput
  hostname: string
  port: number
}

export function AddServer() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { servers } = useServers()
  const [step, setStep] = useState<Step>('where')
  const [form, setForm] = useState<WhereForm>(emptyWhereForm)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [target, setTarget] = useState<Target>()
  const [identityKnown, setIdentityKnown] = useState(false)
  const [added, setAdded] = useState<ServerSummary>()

  // Stable callbacks: the steps re-run their request when these change.
  const onKnown = useCallback(() => {
    setIdentityKnown(true)
    setStep('sign-in')
  }, [])
  const onTrusted = useCallback(() => {
    setIdentityKnown(false)
    setStep('sign-in')
  }, [])
  const onAdded = useCallback((server: ServerSummary) => {
    setAdded(server)
    void reloadServers()
    setStep('checks')
  }, [])
  // If the core still doubts the host key right after the identity step, show
  // its error rather than bouncing between the two steps forever.
  const [bounced, setBounced] = useState(false)
  const onHostKey = useCallback((): boolean => {
    if (bounced) return false
    setBounced(true)
    setStep('identity')
    return true
  }, [bounced])
  const onInvalid = useCallback((issues: Issue[]) => {
    setErrors(fieldErrorsFromIssues(issues, { hostname: 'host' }))
    setStep('where')
  }, [])
  const toWhere = useCallback(() => setStep('where'), [])

  const steps = form.kind === 'ssh' ? sshSteps : localSteps
  const index = Math.max(0, steps.findIndex((s) => s.key === step))
  const leave = () => navigate(servers.length > 0 ? { screen: 'servers' } : { screen: 'welcome' })
  const who = target ? `${target.input.user ? target.input.user + '@' : ''}${target.input.host}` : ''

  return (
    <div className="page wizard" data-testid="add-server" data-step={step}>
      <header className="page__head">
        <PageTitle>{t('wizard.title')}</PageTitle>
      </header>
      <StepIndicator steps={steps} current={index} skipped={identityKnown ? ['identity'] : []} />

      {step === 'where' && (
        <WhereStep
          form={form}
          setForm={setForm}
          errors={errors}
          setErrors={setErrors}
          onSsh={(input, found) => {
            setTarget({ input, ...found })
            setIdentityKnown(false)
            setBounced(false)
            setStep('identity')
          }}
          onLocalAdded={onAdded}
          onCancel={leave}
        />
      )}
      {step === 'identity' && target && (
        <IdentityStep hostname={target.hostname} port={target.port} onKnown={onKnown} onTrusted={onTrusted} onBack={toWhere} />
      )}
      {step === 'sign-in' && target && (
        <SignInStep
          input={target.input}
          who={who}
          onAdded={onAdded}
          onHostKey={onHostKey}
          onInvalid={onInvalid}
          onBack={toWhere}
        />
      )}
      {step === 'checks' && added && (
        <section className="step" data-testid="wizard-step-checks" aria-labelledby="step-checks-title">
          <PageTitle level={2} id="step-checks-title">
            {t('wizard.steps.checks')}
          </PageTitle>
          <p className="page__intro">{t('wizard.checks.added', { name: added.name })}</p>
          <ChecksView
            name={added.name}
            finish={{
              onFinish: () => navigate({ screen: 'servers' }),
              readyLabel: t('wizard.checks.readyLabel'),
              laterLabel: t('wizard.checks.laterLabel')
            }}
          />
        </section>
      )}
    </div>
  )
}
