import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { EnvForm as Form } from '../../../../src-main/contract/apps'
import { api } from '../../api/client'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { EnvForm } from '../../components/EnvForm'
import { ErrorPanel } from '../../components/ErrorPanel'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'
import { envFormInput, rawEdits, type EnvEdits } from '../catalogue/newAppRules'

// As on the new-app screen: the core rebuilds the form after a burst of typing.
const FORM_DELAY_MS = 200

// The app's settings as abra keeps them (the .env file), shown as the same
// form as a new app's: the core applies each edit to the file in place, so
// comments, order and lines it doesn't know stay as they are. The file
// itself is behind "Edit the file directly".
export function AppConfig({
  server,
  domain,
  recipe,
  form,
  deployed,
  onSaved
}: {
  server: string
  domain: string
  /** The recipe the file names; without it only the file can be edited. */
  recipe?: string
  form: Form
  deployed: boolean
  onSaved: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [savedText, setSavedText] = useState(form.envText)
  const [edits, setEdits] = useState<EnvEdits>(() => rawEdits(form.envText))
  const [current, setCurrent] = useState<Form>(form)
  const [pending, setPending] = useState(false)
  const [formError, setFormError] = useState<ApiErrorBody>()
  const [rawOpen, setRawOpen] = useState(!recipe)
  const [rawDraft, setRawDraft] = useState<string>()
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const [deployError, setDeployError] = useState<ApiErrorBody>()
  const latest = useRef(0)

  const onlyText = edits.base.kind === 'raw' && Object.keys(edits.set).length === 0 && Object.keys(edits.overlays).length === 0
  // What Save writes: the text typed, or the file with the form's edits applied by the core.
  const text = onlyText && edits.base.kind === 'raw' ? edits.base.text : current.envText
  const dirty = text !== savedText

  useEffect(() => {
    if (!recipe || (onlyText && edits.base.kind === 'raw' && edits.base.text === current.envText)) return
    const seq = ++latest.current
    const timer = setTimeout(() => {
      setPending(true)
      api.call('apps.envForm', envFormInput(recipe, undefined, domain, edits)).then(
        (f) => {
          if (seq !== latest.current) return
          setCurrent(f)
          setFormError(undefined)
          setPending(false)
        },
        (err: unknown) => {
          if (seq !== latest.current) return
          setFormError(errorBody(err))
          setPending(false)
        }
      )
    }, FORM_DELAY_MS)
    return () => clearTimeout(timer)
    // current.envText is read only to skip a rebuild of what is already shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recipe, domain, edits])

  const startOver = (f: Form): void => {
    latest.current++
    setCurrent(f)
    setSavedText(f.envText)
    setEdits(rawEdits(f.envText))
    setRawDraft(undefined)
    setPending(false)
  }

  const save = (e: FormEvent): void => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    api.call('apps.saveEnv', { server, domain, envText: text, baseText: savedText }).then(
      (f) => {
        setBusy(false)
        startOver(f)
        setSaved(true)
        onSaved()
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }

  // The deploy waiting for its preview to be confirmed.
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const redeploy = (): void => {
    setDeployError(undefined)
    setPreviewing({ server, domain, kind: deployed ? 'redeploy' : 'deploy' })
  }

  return (
    <form className="form config" onSubmit={save} noValidate>
      <p className="muted">{t('apps.config.intro')}</p>
      {formError && (
        <ErrorPanel error={formError} title={t('apps.config.formFailed')}>
          <button type="button" className="btn btn--secondary" onClick={() => setEdits({ ...edits })}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      <EnvForm
        form={current}
        edits={edits}
        onEdits={(next) => {
          setSaved(false)
          // A form edit builds on the file as it is now, typed changes included.
          setEdits(next.base.kind === 'sample' ? { ...next, base: { kind: 'raw', text: current.envText } } : next)
        }}
        rawOpen={rawOpen}
        onRawOpen={(open) => {
          // Back to the form: what was typed is already the base of the edits.
          if (!recipe && !open) return
          setRawOpen(open)
        }}
        rawDraft={rawDraft}
        onRawDraft={setRawDraft}
        updating={pending}
      />

      {error && <ErrorPanel error={error} title={t('apps.config.saveFailed')} />}
      {saved && !dirty && (
        <div className="panel panel--ok" role="status" data-testid="env-saved">
          <p>{deployed ? t('apps.config.savedDeployed') : t('apps.config.savedNotDeployed')}</p>
          <div className="actions">
            <button type="button" className="btn btn--primary btn--small" onClick={redeploy}>
              {deployed ? t('apps.config.redeployNow') : t('apps.config.deployNow')}
            </button>
          </div>
        </div>
      )}
      {deployError && <ErrorPanel error={deployError} title={t('apps.config.deployFailed')} />}
      <DeployPreviewDialog
        request={previewing}
        onClose={() => setPreviewing(undefined)}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          navigate({ screen: 'deploy', jobId, server, domain })
        }}
        onPreviewError={setDeployError}
      />

      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy || pending || !dirty} data-testid="env-save">
          {busy ? t('apps.config.saving') : t('common.actions.save')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={() => {
            setEdits(rawEdits(savedText))
            setRawDraft(undefined)
          }}
          disabled={busy || !dirty}>
          {t('apps.config.undo')}
        </button>
      </div>
    </form>
  )
}
