import { useCallback, useState } from 'react'
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

const sshSteps: StepInfo[] = [
  { key: 'where', label: 'Where is your server?' },
  { key: 'identity', label: 'Check the server’s identity' },
  { key: 'sign-in', label: 'Sign in' },
  { key: 'checks', label: 'Checks' }
]
const localSteps: StepInfo[] = [
  { key: 'where', label: 'Where is your server?' },
  { key: 'checks', label: 'Checks' }
]

interface Target {
  input: SshAddInput
  hostname: string
  port: number
}

export function AddServer() {
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
        <PageTitle>Add a server</PageTitle>
      </header>
      <StepIndicator steps={steps} current={index} skipped={identityKnown ? ['identity'] : []} />

      {step === 'where' && (
        <WhereStep
          form={form}
          setForm={setForm}
          errors={errors}
          setErrors={setErrors}
          onSsh={(input, t) => {
            setTarget({ input, ...t })
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
            Checks
          </PageTitle>
          <p className="page__intro">
            “{added.name}” is added. Now the app checks that it has what Co-op Cloud apps need, and offers to fix what
            is missing.
          </p>
          <ChecksView
            name={added.name}
            finish={{
              onFinish: () => navigate({ screen: 'servers' }),
              readyLabel: 'Done — go to my servers',
              laterLabel: 'Finish later — go to my servers'
            }}
          />
        </section>
      )}
    </div>
  )
}
