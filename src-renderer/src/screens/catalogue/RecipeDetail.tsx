import { useEffect, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { ApiErrorBody, CatalogueRecipe, Output } from '../../../../src-main/contract'
import type { z } from 'zod'
import { api } from '../../api/client'
import { Badges } from '../../components/Badge'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { Markdown } from '../../components/Markdown'
import { PageTitle } from '../../components/PageTitle'
import { errorBody } from '../../lib/errors'
import { useNavigate } from '../../navigation'
import { RecipeLint, useRecipeLint } from './RecipeLint'
import '../../styles/catalogue.css'

type Info = Output<'recipes.get'>
type Entry = z.infer<typeof CatalogueRecipe>

// How many versions show their notes before "Show older versions".
const RECENT = 5

export function RecipeDetail({ name }: { name: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [info, setInfo] = useState<Info>()
  const [entry, setEntry] = useState<Entry>()
  const [error, setError] = useState<ApiErrorBody>()
  const [attempt, setAttempt] = useState(0)
  const lint = useRecipeLint(name)

  useEffect(() => {
    let live = true
    api.call('recipes.get', attempt > 0 ? { recipe: name, refresh: true } : { recipe: name }).then(
      (i) => live && setInfo(i),
      (err: unknown) => live && setError(errorBody(err))
    )
    return () => {
      live = false
    }
  }, [name, attempt])

  // The catalogue's card (description, badges) is a nice extra: without it
  // the page still has everything from the recipe itself.
  useEffect(() => {
    let live = true
    api.call('catalogue.list', { search: name }).then(
      (l) => live && setEntry(l.recipes.find((r) => r.name === name)),
      () => {}
    )
    return () => {
      live = false
    }
  }, [name])

  const retry = (): void => {
    setError(undefined)
    setInfo(undefined)
    setAttempt((n) => n + 1)
  }
  const create = (version?: string): void => navigate({ screen: 'new-app', recipe: name, ...(version ? { version } : {}) })

  return (
    <div className="page" data-testid="recipe-detail">
      <button type="button" className="btn btn--ghost btn--small back" onClick={() => navigate({ screen: 'catalogue' })}>
        <Icon name="back" /> {t('catalogue.recipe.back')}
      </button>
      <header className="page__head">
        <div className="recipe-head">
          <PageTitle>{name}</PageTitle>
          <p className="muted">
            {entry?.category ? t('catalogue.recipe.kindWithCategory', { category: entry.category }) : t('catalogue.recipe.kind')}
          </p>
        </div>
        <button type="button" className="btn btn--primary" data-testid="recipe-new-app" onClick={() => create()}>
          <Icon name="plus" /> {t('catalogue.recipe.create')}
        </button>
      </header>
      {entry?.description && <p className="lead">{entry.description}</p>}
      {/* The lint badge ("Has problems: 2") beside the README's, from the same report as the checks below. */}
      {(entry || lint.report) && <Badges badges={[...(entry?.badges ?? []), ...(lint.report ? [lint.report.badge] : [])]} label={t('catalogue.recipe.offers', { name })} />}

      {!info && !error && (
        <Busy hint={t('catalogue.recipe.downloadingHint')}>{t('catalogue.recipe.downloading')}</Busy>
      )}
      {error && (
        <ErrorPanel error={error} title={t('catalogue.recipe.downloadError')}>
          <button type="button" className="btn btn--primary" onClick={retry}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}

      {info?.problem && (
        <div className="panel panel--warn" role="status" data-testid="recipe-problem">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h2 className="panel__title">{t('catalogue.recipe.changedTitle')}</h2>
          </div>
          <p className="panel__body">{info.problem}</p>
          <p className="panel__body">{t('catalogue.recipe.changedText')}</p>
        </div>
      )}

      {info && <Versions info={info} onCreate={create} />}

      <RecipeLint lint={lint} />

      {info && (
        <section className="card recipe-readme" aria-label={t('catalogue.recipe.readmeLabel', { name })}>
          {info.readme ? (
            // The README brings its own title, as an <h2> here, under the page's <h1>.
            <Markdown text={info.readme} testId="recipe-readme" className="recipe-readme__text" headingShift={1} />
          ) : (
            <p className="muted" data-testid="recipe-readme">
              {t('catalogue.recipe.noReadme')}
            </p>
          )}
        </section>
      )}
    </div>
  )
}

function Versions({ info, onCreate }: { info: Info; onCreate: (version: string) => void }) {
  const { t } = useTranslation()
  const [all, setAll] = useState(false)
  if (info.versions.length === 0) {
    return (
      <section className="card" aria-labelledby="recipe-versions-title">
        <h2 className="card__title" id="recipe-versions-title">
          {t('catalogue.versions.title')}
        </h2>
        <p>{t('catalogue.versions.none')}</p>
      </section>
    )
  }
  const shown = all ? info.versions : info.versions.slice(0, RECENT)
  return (
    <section className="card" aria-labelledby="recipe-versions-title">
      <h2 className="card__title" id="recipe-versions-title">
        {t('catalogue.versions.title')}
      </h2>
      <p className="muted">{t('catalogue.versions.intro', { count: info.versions.length })}</p>
      <ol className="versions">
        {shown.map((v, i) => (
          <li key={v.version} className="version" data-testid={`recipe-version-${v.version}`}>
            <div className="version__head">
              <h3 className="version__name mono">{v.version}</h3>
              {i === 0 && <span className="status status--ok status--small">{t('catalogue.versions.newest')}</span>}
              <button type="button" className="btn btn--ghost btn--small version__use" onClick={() => onCreate(v.version)}>
                <Trans i18nKey="catalogue.versions.use" values={{ version: v.version }} components={{ hidden: <span className="sr-only" /> }} />
              </button>
            </div>
            {v.notes ? (
              <details className="disclosure version__notes" open={i === 0}>
                <summary>{t('catalogue.versions.notes')}</summary>
                <Markdown text={v.notes} headingShift={3} />
              </details>
            ) : (
              <p className="muted version__none">{t('catalogue.versions.noNotes')}</p>
            )}
          </li>
        ))}
      </ol>
      {info.versions.length > RECENT && (
        <button type="button" className="btn btn--secondary btn--small versions__more" onClick={() => setAll((a) => !a)}>
          {all ? t('catalogue.versions.showFewer') : t('catalogue.versions.showAll', { count: info.versions.length })}
        </button>
      )}
    </section>
  )
}
