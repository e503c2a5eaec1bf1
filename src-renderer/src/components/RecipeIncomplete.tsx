import { useTranslation } from 'react-i18next'
import type { EnvForm } from '../../../src-main/contract/apps'
import { Icon } from './Icon'
import { ShowDetails } from './ShowDetails'

export const RECIPE_INCOMPLETE_ID = 'recipe-incomplete'

// A recipe that lacks files can't make a working app, whatever is set, so
// the form says so (and whose fault it is) instead of letting an app be made.
export function RecipeIncomplete({ form }: { form: EnvForm }) {
  const { t } = useTranslation()
  const gap = form.recipeIncomplete
  if (!gap) return null
  const technical = form.problems.filter((p) => p.severity === 'error').map((p) => p.message)
  return (
    <div className="panel panel--bad" id={RECIPE_INCOMPLETE_ID} data-testid="recipe-incomplete" role="alert">
      <div className="panel__head">
        <Icon name="alert" className="panel__icon" />
        <h3 className="panel__title">{t('apps.recipeIncomplete.title')}</h3>
      </div>
      <p className="panel__body">{t('apps.recipeIncomplete.nothingCreated', { message: gap.message })}</p>
      <p className="panel__body">
        <strong>{t('apps.recipeIncomplete.whatNext')}</strong>
        {gap.next}
      </p>
      <ShowDetails text={technical.join('\n')} />
    </div>
  )
}
