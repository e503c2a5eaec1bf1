import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadRig, type Rig } from '../rig/rig'
import type { RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnRig } from './rig-server'

// The catalogue says how old its list is, and "Check for new apps" shows a
// recipe published after the list was downloaded, without a restart.

let rig: Rig
let app: App
let world: RecipeWorld

beforeAll(async () => {
  rig = loadRig()
  ;({ world, app } = await openAppOnRig(rig))
}, 120_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
})

describe('the catalogue’s age and refresh', () => {
  it('shows when the list was downloaded, and finds a newly published recipe on "Check for new apps"', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click()
    await page.getByTestId('recipe-card-ccd-web').waitFor({ timeout: 30_000 })
    const age = page.getByTestId('catalogue-age')
    expect(await age.innerText()).toMatch(/^Downloaded today \d\d:\d\d/)
    // The exact time is on hover, never a raw ISO stamp on screen.
    expect(await age.locator('time').getAttribute('title')).toMatch(/20\d\d[\s\S]*\d\d:\d\d:\d\d/)
    expect(await age.innerText()).not.toMatch(/\d{4}-\d\d-\d\dT/)

    world.publishCopy('ccd-web', 'ccd-newly-published')
    await page.getByTestId('catalogue-search').fill('newly')
    await expect.poll(() => page.getByTestId('catalogue-count').innerText()).toMatch(/None of/)
    const check = page.getByTestId('catalogue-check')
    expect(await check.innerText()).toBe('Check for new apps')
    await check.click()
    await page.getByTestId('recipe-card-ccd-newly-published').waitFor({ timeout: 30_000 })
    await expect.poll(() => check.innerText()).toBe('Check for new apps')
    await shot(page, '19-catalogue-checked')
    await expectNoAxeViolations(page, 'the catalogue after “Check for new apps”')
  })
})
