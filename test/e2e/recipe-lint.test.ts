import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { chooseLanguage } from './language'
import { openAppOnRig } from './rig-server'

// A recipe's checks (abra recipe lint) on its page in the catalogue, through
// the real UI: the ccd-web fixture's website has no traefik label (rule
// R010, an error), so the page says "Has problems" beside the README's badges, lists that
// failing rule first with how to fix it, and folds the passing ones away;
// back in the catalogue, that recipe's card shows the same badge.

let rig: Rig
let app: App
let world: RecipeWorld

beforeAll(async () => {
  rig = loadRig()
  ;({ world, app } = await openAppOnRig(rig, { rigbox: true }))
}, 120_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
})

describe('recipe checks on a recipe page', () => {
  it('shows failing rules first with how to fix them, the rest folded, in English and French; the new-app form says so too', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click()
    await page.getByTestId('recipe-card-ccd-web').click({ timeout: 30_000 })
    const lint = page.getByTestId('recipe-lint')
    // The registry check may wait for its limit when the registries can't be reached.
    await lint.getByTestId('recipe-lint-summary').waitFor({ timeout: 30_000 })
    expect(await lint.getByRole('heading', { level: 2 }).innerText()).toBe('Recipe checks')
    expect(await lint.innerText()).toMatch(/checked on version v?3\.0\.0/)

    const failing = lint.getByRole('list', { name: 'Checks that fail' })
    const first = failing.getByRole('listitem').first()
    expect(await first.getAttribute('data-testid')).toBe('lint-R010')
    expect(await first.innerText()).toMatch(/Problem[\s\S]*The website is routed through the reverse proxy \(traefik\)[\s\S]*rule R010[\s\S]*How to fix it: Add the deploy label "traefik\.enable=true"/)
    // Warnings come after the problem (R005: the fixture's image tag "test" is no version number).
    expect(await failing.getByTestId('lint-R005').innerText()).toMatch(/Warning[\s\S]*Fails for: app: ccd-busybox:test/)

    // The badge comes from the same report: one error-level rule fails.
    const badge = page.locator('[data-badge="lint"]')
    expect(await badge.innerText()).toBe('Has problems: 1')

    // Passing rules are folded; opening them shows R001 passing.
    const others = lint.getByTestId('recipe-lint-others')
    expect(await others.getAttribute('open')).toBeNull()
    expect(await lint.getByTestId('lint-R001').isVisible()).toBe(false)
    await others.locator('summary').click()
    expect(await lint.getByTestId('lint-R001').getAttribute('data-status')).toBe('ok')
    expect(await lint.getByTestId('lint-R001').innerText()).toMatch(/Passes/)

    await shot(page, '40-recipe-lint')
    await expectNoAxeViolations(page, 'a recipe page with its checks')

    // The new-app form uses the same report: its badge and a way back to the checks.
    await page.getByTestId('recipe-new-app').click()
    const warn = page.getByTestId('new-app-lint')
    await warn.waitFor({ timeout: 30_000 })
    expect(await warn.innerText()).toMatch(/Has problems: 1[\s\S]*This recipe has problems its maintainers can fix/)
    await shot(page, '40-recipe-lint-new-app')
    await expectNoAxeViolations(page, 'the new-app form with the recipe\'s problems')
    await warn.getByRole('button', { name: 'See the recipe\'s checks' }).click()
    await lint.getByTestId('recipe-lint-summary').waitFor({ timeout: 30_000 })

    // Back in the catalogue, the card of the recipe now on this computer has the same badge, once the list is shown;
    // a recipe never opened (not checked out) has none.
    await page.getByRole('navigation').getByRole('button', { name: 'Catalogue', exact: true }).click()
    const card = page.getByTestId('recipe-card-ccd-web')
    await card.locator('[data-badge="lint"]').waitFor({ timeout: 30_000 })
    expect(await card.locator('[data-badge="lint"]').innerText()).toBe('Has problems: 1')
    expect(await card.locator('[data-badge="lint"]').getAttribute('data-tone')).toBe('warning')
    expect(fs.existsSync(path.join(app.core.paths.recipesDir, 'ccd-data'))).toBe(false)
    expect(await page.getByTestId('recipe-card-ccd-data').locator('[data-badge="status"]').count()).toBe(1)
    expect(await page.getByTestId('recipe-card-ccd-data').locator('[data-badge="lint"]').count()).toBe(0)
    await card.scrollIntoViewIfNeeded()
    await shot(page, '40-recipe-lint-catalogue')
    await expectNoAxeViolations(page, 'the catalogue with a recipe\'s checks on its card')

    await chooseLanguage(page, 'fr')
    await page.getByRole('navigation').getByRole('button', { name: 'Catalogue', exact: true }).click()
    // The card's words follow the language too.
    await expect.poll(() => card.locator('[data-badge="lint"]').innerText(), { timeout: 30_000 }).toBe('A des problèmes : 1')
    await card.click({ timeout: 30_000 })
    await lint.getByTestId('recipe-lint-summary').waitFor({ timeout: 30_000 })
    expect(await lint.getByRole('heading', { level: 2 }).innerText()).toBe('Vérifications de la recette')
    expect(await lint.getByTestId('lint-R010').innerText()).toMatch(/Problème[\s\S]*Le site passe par le proxy inverse[\s\S]*Comment corriger : Ajoutez l'étiquette de déploiement/)
    expect(await page.locator('[data-badge="lint"]').innerText()).toBe('A des problèmes : 1')
    await shot(page, '40-recipe-lint-fr')
    await expectNoAxeViolations(page, 'a recipe page with its checks, in French')
    await chooseLanguage(page, 'system')
  })
})
