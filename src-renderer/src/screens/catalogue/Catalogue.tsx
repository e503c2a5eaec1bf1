import { useEffect, useRef, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { ApiErrorBody, CatalogueList, CatalogueRecipe } from '../../../../src-main/contract'
import type { z } from 'zod'
import { api } from '../../api/client'
import { Busy } from '../../components/Busy'
import { ErrorPanel } from '../../components/ErrorPanel'
import { Icon } from '../../components/Icon'
import { PageTitle } from '../../components/PageTitle'
import { StatusBadge } from '../../components/StatusBadge'
import { errorBody } from '../../lib/errors'
import { exactTimeText, timeText } from '../../lib/format'
import { useNavigate } from '../../navigation'
import { badgeStatus, countText, FEATURE_KEYS, featureName, type FeatureKey, type RecipeBadge, sourceNote } from './catalogueText'
import '../../styles/catalogue.css'

type List = z.infer<typeof CatalogueList>
type Recipe = z.infer<typeof CatalogueRecipe>

export function Catalogue() {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [category, setCategory] = useState('')
  const [features, setFeatures] = useState<Partial<Record<FeatureKey, boolean>>>({})
  const [attempt, setAttempt] = useState(0)
  // Set by "Try again": only that one request downloads the list afresh.
  const wantRefresh = useRef(false)
  const [list, setList] = useState<List>()
  const [error, setError] = useState<ApiErrorBody>()
  const [busy, setBusy] = useState(true)
  // Each keystroke asks again; only the answer to the newest question counts.
  const latest = useRef(0)

  useEffect(() => {
    const seq = ++latest.current
    const refresh = wantRefresh.current
    wantRefresh.current = false
    const chosen = Object.fromEntries(Object.entries(features).filter(([, on]) => on))
    api
      .call('catalogue.list', {
        ...(search.trim() ? { search: search.trim() } : {}),
        ...(category ? { category } : {}),
        ...(Object.keys(chosen).length > 0 ? { features: chosen } : {}),
        ...(refresh ? { refresh: true } : {})
      })
      .then(
        (l) => {
          if (seq !== latest.current) return
          setList(l)
          setError(undefined)
          setBusy(false)
        },
        (err: unknown) => {
          if (seq !== latest.current) return
          setError(errorBody(err))
          setBusy(false)
        }
      )
  }, [search, category, features, attempt])

  // The recipe checks' badges ("Has problems: 2") of the recipes already on
  // this computer, asked once the list shows (never holding it up) and again
  // on "Check again"; a recipe not checked out yet says nothing.
  const [checks, setChecks] = useState<Record<string, RecipeBadge>>({})
  const haveList = list !== undefined
  useEffect(() => {
    if (!haveList) return
    let live = true
    api.call('recipes.lintBadges', {}).then(
      (r) => live && setChecks(Object.fromEntries(r.badges.map((b) => [b.recipe, b.badge]))),
      // A badge is an extra: without it the cards say what the catalogue says.
      () => undefined
    )
    return () => {
      live = false
    }
  }, [haveList, attempt])

  const again = (): void => {
    wantRefresh.current = true
    setBusy(true)
    setAttempt((n) => n + 1)
  }
  const filtered = search.trim() !== '' || category !== '' || Object.values(features).some(Boolean)
  const clear = (): void => {
    setSearch('')
    setCategory('')
    setFeatures({})
  }
  const note = list ? sourceNote(list) : undefined

  return (
    <div className="page page--wide" data-testid="catalogue">
      <header className="page__head">
        <PageTitle>{t('catalogue.list.title')}</PageTitle>
        {/* The list is kept for an hour; a recipe published since shows after this. */}
        <button type="button" className="btn btn--secondary" onClick={again} disabled={busy} data-testid="catalogue-check">
          <Icon name="sync" className={busy && list ? 'icon--spin' : undefined} /> {busy && list ? t('catalogue.list.checking') : t('catalogue.list.check')}
        </button>
      </header>
      <p className="page__intro">{t('catalogue.list.intro')}</p>

      <form className="catalogue-filters" role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('catalogue.list.findLabel')}>
        <div className="field catalogue-filters__search">
          <label className="field__label" htmlFor="catalogue-search">
            {t('catalogue.list.search')}
          </label>
          <input
            id="catalogue-search"
            data-testid="catalogue-search"
            className="input"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('catalogue.list.searchPlaceholder')}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field catalogue-filters__category">
          <label className="field__label" htmlFor="catalogue-category">
            {t('catalogue.list.category')}
          </label>
          <select
            id="catalogue-category"
            data-testid="catalogue-category"
            className="input select"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          >
            <option value="">{t('catalogue.list.allCategories')}</option>
            {(list?.categories ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="catalogue-filters__features">
          <legend className="field__label">{t('catalogue.list.onlyWith')}</legend>
          <div className="catalogue-filters__checks">
            {FEATURE_KEYS.map((key) => (
              <div className="check-field" key={key}>
                <input
                  type="checkbox"
                  id={`filter-${key}`}
                  data-testid={`filter-${key}`}
                  checked={features[key] === true}
                  onChange={(e) => setFeatures((all) => ({ ...all, [key]: e.target.checked }))}
                />
                <label htmlFor={`filter-${key}`}>{featureName(key)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </form>

      {note && (
        <div className="panel panel--warn" role="status" data-testid="catalogue-source">
          <div className="panel__head">
            <Icon name="alert" className="panel__icon" />
            <h2 className="panel__title">{note.title}</h2>
          </div>
          <p className="panel__body">{note.text}</p>
          <div className="actions">
            <button type="button" className="btn btn--secondary btn--small" onClick={again} disabled={busy}>
              {t('catalogue.source.downloadAgain')}
            </button>
          </div>
        </div>
      )}

      {busy && !list && <Busy>{t('catalogue.list.loading')}</Busy>}
      {error && (
        <ErrorPanel error={error} title={t('catalogue.list.loadError')}>
          <button type="button" className="btn btn--primary" onClick={again}>
            {t('common.actions.tryAgain')}
          </button>
        </ErrorPanel>
      )}

      {list && (
        <>
          <div className="catalogue-summary">
            <p data-testid="catalogue-count" aria-live="polite">
              {countText(list.recipes.length, list.total, filtered)}
            </p>
            <p className="muted" data-testid="catalogue-age">
              {list.fetchedAt ? (
                <Trans
                  i18nKey="catalogue.list.downloaded"
                  values={{ when: timeText(list.fetchedAt) }}
                  components={{ time: <time dateTime={list.fetchedAt} title={exactTimeText(list.fetchedAt)} /> }}
                />
              ) : (
                t('catalogue.list.bundled')
              )}
            </p>
            {filtered && (
              <button type="button" className="btn btn--ghost btn--small" onClick={clear}>
                {t('catalogue.list.clear')}
              </button>
            )}
          </div>
          {list.recipes.length === 0 ? (
            <div className="empty">
              <Icon name="catalogue" className="empty__icon" />
              <h2 className="empty__title">{t('catalogue.list.noMatchTitle')}</h2>
              <p>{t('catalogue.list.noMatchText')}</p>
            </div>
          ) : (
            <ul className="recipe-grid" aria-label={t('catalogue.list.appTypes')}>
              {list.recipes.map((r) => (
                <RecipeCard key={r.name} recipe={r} check={checks[r.name]} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}

// The whole card is one button (a button may only hold phrasing content,
// hence the spans): its name is the recipe's, the rest describes it.
function RecipeCard({ recipe, check }: { recipe: Recipe; check?: RecipeBadge }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = `recipe-${recipe.name}`
  return (
    <li>
      <button
        type="button"
        className="recipe-card"
        data-testid={`recipe-card-${recipe.name}`}
        // No aria-label: the name is the card's own words, all of them
        // (WCAG 2.5.3), so someone using voice control can say what they see.
        onClick={() => navigate({ screen: 'recipe', name: recipe.name })}
      >
        <span className="recipe-card__name" id={`${id}-name`}>
          {recipe.name}
        </span>
        <span className="recipe-card__category" id={`${id}-category`}>
          {recipe.category || t('catalogue.list.noCategory')}
        </span>
        <span className="recipe-card__desc" id={`${id}-desc`}>
          {recipe.description || t('catalogue.list.noDescription')}
        </span>
        <span className="badges" id={`${id}-badges`}>
          {[...recipe.badges, ...(check ? [check] : [])].map((b) => (
            <span key={b.key} title={b.detail} data-badge={b.key} data-tone={b.tone}>
              <StatusBadge status={badgeStatus(b)} className="status--small" />
            </span>
          ))}
        </span>
      </button>
    </li>
  )
}
