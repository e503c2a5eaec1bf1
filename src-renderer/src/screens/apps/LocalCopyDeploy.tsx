import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiErrorBody } from '../../../../src-main/contract'
import type { AppSummary } from '../../../../src-main/contract/apps'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DeployPreviewDialog, type DeployRequest } from '../../components/DeployPreviewDialog'
import { useNavigate } from '../../navigation'

// For people who maintain the app's recipe: deploy the recipe's local copy
// in ~/.abra/recipes/<recipe> as it is, changes not saved in git included
// (abra's --chaos). Hidden behind an "Advanced" switch, off by default, and
// confirmed first; the deploy then shows its progress like any other.
export function LocalCopyDeploy({ app, locked = false }: { app: Pick<AppSummary, 'server' | 'domain' | 'recipe' | 'deployed'>; locked?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { server, domain } = app
  const recipe = app.recipe ?? ''
  const [advanced, setAdvanced] = useState(false)
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  // Once confirmed, what the local copy would change is previewed and confirmed too, as for any deploy.
  const [previewing, setPreviewing] = useState<DeployRequest>()

  const start = (): void => {
    setError(undefined)
    setAsking(false)
    setPreviewing({ server, domain, kind: app.deployed ? 'redeploy' : 'deploy', chaos: true })
  }

  // Without a recipe named in its settings there is no local copy to deploy.
  if (!app.recipe) return null
  return (
    <section aria-labelledby="advanced-title" className="overview__advanced" data-testid="app-advanced">
      <h2 id="advanced-title" className="section-title">
        {t('apps.localCopy.title')}
      </h2>
      <div className="check-field">
        <input
          type="checkbox"
          role="switch"
          id="advanced-switch"
          data-testid="advanced-switch"
          checked={advanced}
          onChange={(e) => setAdvanced(e.target.checked)}
          aria-describedby="advanced-switch-hint"
        />
        <label className="field__label" htmlFor="advanced-switch">
          {t('apps.localCopy.switch')}
        </label>
      </div>
      <p className="field__hint" id="advanced-switch-hint">
        {t('apps.localCopy.switchHint')}
      </p>
      {advanced && (
        <div className="overview__advanced-body">
          <p className="muted" id="local-copy-explain">
            {t('apps.localCopy.explain', { recipe })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn--secondary"
              onClick={() => {
                setError(undefined)
                setAsking(true)
              }}
              disabled={locked}
              aria-describedby="local-copy-explain"
              data-testid="deploy-local-copy"
            >
              {t('apps.localCopy.deploy')}
            </button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={asking}
        onOpenChange={setAsking}
        title={t('apps.localCopy.confirmTitle', { recipe, domain })}
        confirmLabel={t('apps.localCopy.confirm')}
        error={error}
        errorTitle={t('apps.localCopy.failed')}
        onConfirm={start}
        testId="local-copy-dialog"
        confirmTestId="local-copy-confirm"
      >
        <p>{t('apps.localCopy.confirmText', { recipe, domain })}</p>
      </ConfirmDialog>
      <DeployPreviewDialog
        request={previewing}
        onClose={() => setPreviewing(undefined)}
        onStarted={(jobId) => {
          setPreviewing(undefined)
          navigate({ screen: 'deploy', jobId, server, domain })
        }}
        onPreviewError={(e) => {
          setError(e)
          setAsking(true)
        }}
      />
    </section>
  )
}
