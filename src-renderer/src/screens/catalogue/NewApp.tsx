import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { ApiErrorBody, Output } from '../../../../src-main/contract'
import type { EnvForm as Form } from '../../../../src-main/contract/apps'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { DomainCheckPanel } from '../../components/DomainCheckPanel'
import { EnvForm } from '../../components/EnvForm'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { SecretsReveal } from '../../components/SecretsReveal'
import { RECIPE_INCOMPLETE_ID, RecipeIncomplete } from '../../components/RecipeIncomplete'
import { errorBody } from '../../lib/errors'
import { fieldErrorsFromIssues, issuesOf } from '../../lib/fieldErrors'
import { useNavigate } from '../../navigation'
import { reloadServers, useServers } from '../../state/servers'
import { envFormInput, type EnvEdits, missingSecretValues, newDomainProblem, NO_EDITS, secretsToType } from './newAppRules'
import { SecretsChoice } from './SecretsChoice'
import { useRecipeLint } from './RecipeLint'
import { Badges } from '../../components/Badge'
import '../../styles/catalogue.css'

type RecipeInfo = Output<'recipes.get'>
type Created = Output<'apps.new'>

// The form is rebuilt by the core after each change; a short pause lets a
// burst of typing become one request.
const FORM_DELAY_MS = 200

export function NewApp(props: { recipe: string; version?: string; server?: string }) {
  const { recipe } = props
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { servers, error: serversError } = useServers()

  const [info, setInfo] = useState<RecipeInfo>()
  const [infoError, setInfoError] = useState<ApiErrorBody>()
  const [infoAttempt, setInfoAttempt] = useState(0)

  const [server, setServer] = useState(props.server ?? '')
  const [version, setVersion] = useState(props.version ?? '')
  const [domain, setDomain] = useState('')
  const [domainTouched, setDomainTouched] = useState(false)
  const [domainServerError, setDomainServerError] = useState<string>()

  const [edits, setEdits] = useState<EnvEdits>(NO_EDITS)
  const [form, setForm] = useState<Form>()
  const [formError, setFormError] = useState<ApiErrorBody>()
  const [formPending, setFormPending] = useState(false)
  const [formAttempt, setFormAttempt] = useState(0)
  const [rawOpen, setRawOpen] = useState(false)
  const [rawDraft, setRawDraft] = useState<string>()

  const [typeSecrets, setTypeSecrets] = useState(false)
  const [secretValues, setSecretValues] = useState<Record<string, string>>({})
  const [secretsError, setSecretsError] = useState<string>()

  const [creating, setCreating] = useState(false)
  const [createError, setCreateError] = useState<ApiErrorBody>()
  const [created, setCreated] = useState<Created>()
  // The first deploy waiting for its preview to be confirmed.
  const [previewing, setPreviewing] = useState<DeployRequest>()
  const deploying = previewing !== undefined
  const [deployError, setDeployError] = useState<ApiErrorBody>()

  const latestForm = useRef(0)

  // Servers may have been added since the list was loaded (by abra, or in
  // another window): ask again, and only say "none" once the answer is in.
  const [serversFresh, setServersFresh] = useState(false)
  useEffect(() => {
    let live = true
    void reloadServers().finally(() => live && setServersFresh(true))
    return () => {
      live = false
    }
  }, [])

  useEffect(() => {
    let live = true
    api.call('recipes.get', infoAttempt > 0 ? { recipe, refresh: true } : { recipe }).then(
      (i) => live && setInfo(i),
      (err: unknown) => live && setInfoError(errorBody(err))
    )
    return () => {
      live = false
    }
  }, [recipe, infoAttempt])

  // Defaults that depend on answers: the first server, the newest version.
  const chosenServer = server || (servers.length > 0 ? servers[0].name : '')
  const chosenVersion = version || info?.versions[0]?.version || ''
  const trimmed = domain.trim()
  const problem = newDomainProblem(trimmed)
  const domainForForm = problem ? undefined : trimmed

  useEffect(() => {
    if (!info) return
    const seq = ++latestForm.current
    const timer = setTimeout(() => {
      setFormPending(true)
      api.call('apps.envForm', envFormInput(recipe, chosenVersion || undefined, domainForForm, edits)).then(
        (f) => {
          if (seq !== latestForm.current) return
          setForm(f)
          setFormError(undefined)
          setFormPending(false)
        },
        (err: unknown) => {
          if (seq !== latestForm.current) return
          setFormError(errorBody(err))
          setFormPending(false)
        }
      )
    }, FORM_DELAY_MS)
    return () => clearTimeout(timer)
  }, [info, recipe, chosenVersion, domainForForm, edits, formAttempt])

  const back = (): void => navigate({ screen: 'recipe', name: recipe })
  // The recipe's checks, as on its page: its badge here, and a word when an error-level rule fails.
  const lint = useRecipeLint(recipe)

  if (serversFresh && servers.length === 0 && !serversError) {
    return (
      <Page recipe={recipe} onBack={back}>
        <div className="empty" data-testid="new-app-no-server">
          <Icon name="servers" className="empty__icon" />
          <h2 className="empty__title">{t('catalogue.newApp.noServerTitle')}</h2>
          <p>{t('catalogue.newApp.noServerText')}</p>
          <button type="button" className="btn btn--primary" onClick={() => navigate({ screen: 'servers' })}>
            {t('catalogue.newApp.goToServers')}
          </button>
        </div>
      </Page>
    )
  }

  if (created) {
    // Refusals the same click would meet again: the recipe or the settings must change first.
    const cannotRetry = deployError !== undefined && ['recipe-incomplete', 'compose-invalid', 'env-invalid'].includes(deployError.code)
    const deploy = (): void => {
      setDeployError(undefined)
      setPreviewing({ server: chosenServer, domain: trimmed, kind: 'deploy' })
    }
    return (
      <Page recipe={recipe} onBack={back} intro={false}>
        <div className="panel panel--ok" role="status" data-testid="new-app-created">
          <div className="panel__head">
            <Icon name="check" className="panel__icon" />
            <h2 className="panel__title">{t('catalogue.newApp.createdTitle', { domain: trimmed })}</h2>
          </div>
          <p className="panel__body">
            <Trans
              i18nKey={created.secrets.length > 0 ? 'catalogue.newApp.createdWithSecrets' : 'catalogue.newApp.created'}
              values={{ file: created.envFile, server: chosenServer }}
              components={{ file: <span className="mono" /> }}
            />
          </p>
        </div>
        <SecretsReveal secrets={created.secrets} />
        {/* Before the first deploy, as abra checks: which DNS record to make, if any. A warning only. */}
        <DomainCheckPanel server={chosenServer} domain={trimmed} beforeDeploy />
        <DeployPreviewDialog
          request={previewing}
          onClose={() => setPreviewing(undefined)}
          onStarted={(jobId) => navigate({ screen: 'deploy', jobId, server: chosenServer, domain: trimmed })}
          onPreviewError={setDeployError}
        />
        {deployError && (
          <div data-testid="new-app-deploy-error">
            <ErrorPanel error={deployError} title={t('catalogue.newApp.deployError')} />
          </div>
        )}
        <div className="actions">
          {/* One button to deploy (again), and none where trying again can't help. */}
          {!cannotRetry && (
            <button type="button" className="btn btn--primary btn--large" data-testid="new-app-deploy" onClick={deploy} disabled={deploying}>
              {deploying ? t('catalogue.newApp.deployStarting') : deployError ? t('common.actions.tryAgain') : t('catalogue.newApp.deployNow')}
            </button>
          )}
          <button
            type="button"
            className={cannotRetry ? 'btn btn--primary btn--large' : 'btn btn--secondary btn--large'}
            data-testid="new-app-later"
            disabled={deploying}
            onClick={() => navigate({ screen: 'app', server: chosenServer, domain: trimmed })}
          >
            {cannotRetry ? t('catalogue.newApp.openApp') : t('catalogue.newApp.notNow')}
          </button>
        </div>
      </Page>
    )
  }

  const domainError = domainServerError ?? (domainTouched && trimmed !== '' ? problem : undefined)
  const domainHelp = form?.layout.domainHelp

  const create = (e: FormEvent): void => {
    e.preventDefault()
    setCreateError(undefined)
    setSecretsError(undefined)
    if (problem) {
      setDomainTouched(true)
      setDomainServerError(problem)
      document.getElementById('new-app-domain')?.focus()
      return
    }
    const secrets = form?.secrets ?? []
    const needed = missingSecretValues(secrets, typeSecrets, secretValues)
    if (needed.length > 0) {
      const names = needed.join(', ')
      setSecretsError(
        typeSecrets
          ? t('catalogue.newApp.secretsTypeOrGenerate', { names, count: needed.length })
          : t('catalogue.newApp.secretsMustType', { names, count: needed.length })
      )
      document.getElementById(`secret-input-${needed[0]}`)?.focus()
      return
    }
    const typed = Object.fromEntries(secretsToType(secrets, typeSecrets).map((s) => [s.name, secretValues[s.name]]))
    setCreating(true)
    // Ask for the file once more: the last keystrokes may still be on their way.
    api
      .call('apps.envForm', envFormInput(recipe, chosenVersion || undefined, trimmed, edits))
      .then((fresh) =>
        api.call('apps.new', {
          server: chosenServer,
          domain: trimmed,
          recipe,
          ...(chosenVersion ? { version: chosenVersion } : {}),
          envText: fresh.envText,
          secrets: 'generate',
          ...(Object.keys(typed).length > 0 ? { secretValues: typed } : {})
        })
      )
      .then(
        (result) => {
          setCreating(false)
          setCreated(result)
        },
        (err: unknown) => {
          setCreating(false)
          const body = errorBody(err)
          const onDomain =
            body.code === 'invalid-domain' || body.code === 'app-exists' ? body.message : fieldErrorsFromIssues(issuesOf(body)).domain
          if (onDomain) {
            setDomainServerError(onDomain)
            document.getElementById('new-app-domain')?.focus()
          } else setCreateError(body)
        }
      )
  }

  return (
    <Page recipe={recipe} onBack={back}>
      {!info && !infoError && <Busy hint={t('catalogue.newApp.downloadingHint')}>{t('catalogue.recipe.downloading')}</Busy>}
      {infoError && (
        <ErrorPanel error={infoError} title={t('catalogue.recipe.downloadError')}>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => {
              setInfoError(undefined)
              setInfoAttempt((n) => n + 1)
            }}
          >
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}
      {serversError && <ErrorPanel error={serversError} title={t('catalogue.newApp.serversError')} />}
      {lint.report && lint.report.errors > 0 && (
        <div className="panel panel--warn" role="status" data-testid="new-app-lint">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <Badges badges={[lint.report.badge]} label={t('lint.title')} />
          </div>
          <p className="panel__body">{t('lint.newAppProblems')}</p>
          <button type="button" className="btn btn--secondary btn--small" onClick={back}>
            {t('lint.seeChecks')}
          </button>
        </div>
      )}

      <form className="form new-app" data-testid="new-app-form" onSubmit={create} noValidate aria-label={t('catalogue.newApp.formLabel', { recipe })}>
        <section className="card form__group" aria-labelledby="new-app-where">
          <h2 className="card__title" id="new-app-where">
            {t('catalogue.newApp.where')}
          </h2>
          <div className="form__row">
            <div className="field">
              <label className="field__label" htmlFor="new-app-server">
                {t('catalogue.newApp.server')}
              </label>
              <select
                id="new-app-server"
                data-testid="new-app-server"
                className="input select"
                value={chosenServer}
                onChange={(e) => setServer(e.target.value)}
                disabled={servers.length === 0}
                aria-describedby="new-app-server-hint"
              >
                {servers.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
              <p className="field__hint" id="new-app-server-hint">
                {t('catalogue.newApp.serverHint')}
              </p>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="new-app-version">
                {t('catalogue.newApp.version')}
              </label>
              <select
                id="new-app-version"
                data-testid="new-app-version"
                className="input select"
                value={chosenVersion}
                onChange={(e) => setVersion(e.target.value)}
                disabled={!info}
                aria-describedby="new-app-version-hint"
              >
                {!info && <option value={chosenVersion}>{chosenVersion || (infoError ? t('catalogue.newApp.versionUnknown') : t('catalogue.newApp.versionLoading'))}</option>}
                {info && info.versions.length === 0 && <option value="">{t('catalogue.newApp.versionNoReleases')}</option>}
                {info?.versions.map((v, i) => (
                  <option key={v.version} value={v.version}>
                    {i === 0 ? t('catalogue.newApp.versionNewest', { version: v.version }) : v.version}
                  </option>
                ))}
              </select>
              <p className="field__hint" id="new-app-version-hint">
                {t('catalogue.newApp.versionHint')}
              </p>
            </div>
          </div>
          <div className={`field${domainError ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor="new-app-domain">
              {t('catalogue.newApp.domain')}
            </label>
            <input
              id="new-app-domain"
              data-testid="new-app-domain"
              className="input"
              value={domain}
              placeholder={t('catalogue.newApp.domainPlaceholder', { recipe })}
              onChange={(e) => {
                setDomain(e.target.value)
                setDomainTouched(true)
                setDomainServerError(undefined)
              }}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              inputMode="url"
              aria-invalid={domainError ? true : undefined}
              aria-describedby={`${domainError ? 'new-app-domain-error ' : ''}new-app-domain-hint${domainHelp ? ' new-app-domain-recipe' : ''}`}
            />
            {domainError && (
              <p className="field__error" id="new-app-domain-error">
                <Icon name="alert" />
                <span>{domainError}</span>
              </p>
            )}
            <p className="field__hint" id="new-app-domain-hint">
              {t('catalogue.newApp.domainHint', { recipe })}
            </p>
            {/* The recipe's words about DOMAIN (bonfire: never change it after deploying), here by the field they are about. */}
            {domainHelp && (
              <p className="field__hint" id="new-app-domain-recipe" data-testid="new-app-domain-recipe">
                {t('catalogue.newApp.domainRecipeSays', { help: domainHelp })}
              </p>
            )}
          </div>
        </section>

        {/* Before the settings: none of them can make up for files the recipe lacks. */}
        {form && <RecipeIncomplete form={form} />}

        {info && (
          <div className="card">
            {formError && (
              <ErrorPanel error={formError} title={t('catalogue.newApp.formError')}>
                <button type="button" className="btn btn--primary" onClick={() => setFormAttempt((n) => n + 1)}>
                  {t('common.actions.tryAgain')}
                </button>
              </ErrorPanel>
            )}
            {!form && !formError && <Busy>{t('catalogue.newApp.readingSettings')}</Busy>}
            {form && (
              <EnvForm
                form={form}
                edits={edits}
                onEdits={setEdits}
                rawOpen={rawOpen}
                onRawOpen={setRawOpen}
                rawDraft={rawDraft}
                onRawDraft={setRawDraft}
                updating={formPending}
              />
            )}
          </div>
        )}

        {form && form.secrets.length > 0 && (
          <SecretsChoice
            secrets={form.secrets}
            typeAll={typeSecrets}
            onTypeAll={setTypeSecrets}
            values={secretValues}
            onValues={setSecretValues}
            error={secretsError}
          />
        )}

        {createError && (
          <div data-testid="new-app-error">
            <ErrorPanel error={createError} title={t('catalogue.newApp.createError')} />
          </div>
        )}
        {creating && <Busy hint={t('catalogue.newApp.creatingHint')}>{t('catalogue.newApp.creating')}</Busy>}

        <div className="actions">
          <button
            type="submit"
            className="btn btn--primary btn--large"
            data-testid="new-app-create"
            disabled={creating || !info || !form || !chosenServer || !!form.recipeIncomplete}
            aria-describedby={form?.recipeIncomplete ? RECIPE_INCOMPLETE_ID : undefined}
          >
            {t('catalogue.newApp.create')}
          </button>
          <button type="button" className="btn btn--secondary btn--large" onClick={back} disabled={creating}>
            {t('common.actions.cancel')}
          </button>
        </div>
      </form>
    </Page>
  )
}

function Page({ recipe, onBack, intro = true, children }: { recipe: string; onBack: () => void; intro?: boolean; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="page" data-testid="new-app">
      <button type="button" className="btn btn--ghost btn--small back" onClick={onBack}>
        <Icon name="back" /> {recipe}
      </button>
      <header className="page__head">
        <PageTitle>{t('catalogue.newApp.title', { recipe })}</PageTitle>
      </header>
      {intro && (
        <p className="page__intro">{t('catalogue.newApp.intro')}</p>
      )}
      {children}
    </div>
  )
}
