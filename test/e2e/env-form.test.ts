import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEnvFile } from '../../src-main/apps/env-file'
import { loadRig, type Rig } from '../rig/rig'
import { SHARED_RECIPES, type RecipeWorld } from '../support/recipe-world'
import { expectNoAxeViolations } from './axe'
import { shot, type App } from './browser'
import { openAppOnRig } from './rig-server'

// A big recipe made approachable: bonfire (../shared/recipes) has about fifty
// settings and nineteen optional parts. Its new-app form shows first only
// what must be decided, the rest folded under "More settings" in the
// recipe's own sections; the app page's Config tab is the same form, and
// saving through it changes only the values touched in abra's file.

let rig: Rig
let app: App
let world: RecipeWorld
let home: string
const domain = `bonfire-${crypto.randomBytes(3).toString('hex')}.ccd.test`
const version = '2.0.1+1.0.6-social-amd64'

beforeAll(async () => {
  rig = loadRig()
  ;({ world, home, app } = await openAppOnRig(rig, { rigbox: true }))
}, 120_000)

afterAll(async () => {
  await app?.close()
  await world?.close()
})

const formHeight = async (): Promise<number> => Math.round((await app.page.getByTestId('new-app-form').boundingBox())?.height ?? 0)

describe('bonfire’s settings as a form a member can read', () => {
  it('shows only the essentials before “More settings” is opened, grouped as the recipe groups them after', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click()
    await page.getByTestId('recipe-card-bonfire').click({ timeout: 30_000 })
    await page.getByTestId('recipe-new-app').click({ timeout: 60_000 })
    await page.getByTestId('new-app-server').selectOption('rigbox')
    await page.getByTestId('new-app-domain').fill(domain)
    await page.locator('#env-form-title').waitFor({ timeout: 60_000 })
    const closedHeight = await formHeight()
    console.log(`bonfire new-app form height on opening: ${closedHeight} px`)

    // Closed: the only setting to decide is the domain (bonfire's sample
    // gives every other setting a value or a default); no raw names, no
    // optional parts.
    const more = page.getByTestId('env-more')
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    const visibleSettings = page.locator('[data-testid="new-app-form"] [data-testid^="env-field-"]:visible')
    expect(await visibleSettings.count()).toBe(0)
    expect(await page.locator('[role="switch"]:visible').count()).toBe(0)
    // The recipe's warning about the domain sits under the Domain field, in plain case, and is read with it.
    const recipeSays = page.getByTestId('new-app-domain-recipe')
    expect(await recipeSays.innerText()).toBe("The recipe says: Enter your instance's domain name. Note: do not change domain after deployment — will break federation.")
    expect(await page.getByTestId('new-app-domain').getAttribute('aria-describedby')).toContain('new-app-domain-recipe')
    await page.locator('#env-form-title').scrollIntoViewIfNeeded()
    await shot(page, '70-bonfire-new-app-essentials')

    await more.locator('summary').click()
    await page.getByTestId('env-group-general').waitFor()
    // The recipe's sections, in its order, with readable titles, each folded too.
    const groups = page.locator('[data-testid="env-more"] [data-testid^="env-group-"]')
    const titles = await groups.locator('.env-group__title').allInnerTexts()
    expect(titles.slice(0, 4)).toEqual(['General', 'Database config', 'Basic auth', 'Search backend'])
    expect(titles).toContain('Mail')
    expect(titles).toContain('Open telemetry')
    expect(await visibleSettings.count()).toBe(0)
    const sectionsHeight = await formHeight()
    await shot(page, '71-bonfire-new-app-sections')
    for (let i = 0; i < titles.length; i++) await groups.nth(i).locator('summary').click()
    await page.getByTestId('env-field-APP_PLATFORM').waitFor()
    // A readable label with the variable's name in small type.
    const platform = page.getByTestId('env-field-APP_PLATFORM')
    expect(await platform.locator('.field__label').innerText()).toMatch(/^App platform \(optional\)\s+APP_PLATFORM$/)
    // The hint gives the compose file's default (amd64), never the sample's
    // example (aarch64) as if it were the default.
    const platformHint = await platform.locator('.field__hint').innerText()
    expect(platformHint).toMatch(/default \(amd64\)/)
    expect(platformHint).not.toMatch(/default \(aarch64\)/)
    expect(await page.getByTestId('env-APP_PLATFORM').getAttribute('placeholder')).toBe('amd64')
    // A true/false setting is a switch, not a box to type "true" into.
    const backups = page.getByTestId('env-ENABLE_BACKUPS')
    expect(await backups.getAttribute('role')).toBe('switch')
    expect(await backups.isChecked()).toBe(true)
    // Extra domains keeps only its own help: the domain warning is no longer under it.
    expect(await page.getByTestId('env-field-EXTRA_DOMAINS').innerText()).toMatch(/Domain aliases/)
    expect(await page.getByTestId('env-field-EXTRA_DOMAINS').innerText()).not.toMatch(/federation/i)
    // Twice in the sample, once in the form.
    expect(await page.getByTestId('env-field-DB_DOCKER_IMAGE').count()).toBe(1)
    expect(await page.getByTestId('env-field-DB_DOCKER_VERSION').count()).toBe(1)
    // No "uncomment to…", no shouting.
    const formText = await page.getByTestId('new-app-form').innerText()
    expect(formText).not.toMatch(/uncomment/i)
    expect(formText).not.toMatch(/DO NOT CHANGE|!!/)
    expect(formText).not.toMatch(/Adds compose\.[\w.]+\.yml/)
    // An optional part says what it brings.
    expect(await page.getByTestId('overlay-compose.sonic.yml-text').innerText()).toMatch(/search/i)
    expect(await page.getByTestId('overlay-compose.sonic.yml-text').innerText()).toMatch(/valeriansaliou\/sonic/)
    const openHeight = await formHeight()
    await page.getByTestId('env-group-database-config').scrollIntoViewIfNeeded()
    await shot(page, '72-bonfire-new-app-sections-open')
    await expectNoAxeViolations(page, 'bonfire’s new-app form, every section open')
    console.log(`bonfire new-app form height: ${closedHeight} px with “More settings” closed, ${sectionsHeight} px with it open (sections folded), ${openHeight} px with every section open`)

    // Turning a part on shows its settings, labelled, under it.
    await page.getByTestId('overlay-compose.sonic.yml').check()
    await page.getByTestId('env-field-SONIC_PASSWORD').waitFor()
  })

  it('edits an app’s settings on the Config tab as the same form, keeping abra’s file as it was but for the value changed', async () => {
    const { page } = app
    // Made as `abra app new` makes it: the sample, copied for the domain. (The
    // app refuses to create one itself: ../shared/recipes leaves bonfire's
    // templates out, so the recipe is incomplete.)
    const envFile = path.join(home, '.abra', 'servers', 'rigbox', `${domain}.env`)
    const sample = fs.readFileSync(path.join(SHARED_RECIPES, 'bonfire', version, '.env.sample'), 'utf8')
    fs.writeFileSync(envFile, newEnvFile(sample, { recipe: 'bonfire', domain, version }), { mode: 0o600 })
    const before = fs.readFileSync(envFile, 'utf8')
    await page.getByRole('button', { name: 'Apps', exact: true }).click()
    await page.getByTestId(`app-row-${domain}`).getByRole('button', { name: domain }).click({ timeout: 30_000 })
    await page.getByTestId('app-detail').waitFor({ timeout: 30_000 })
    await page.getByTestId('tab-config').click()
    const more = page.getByTestId('env-more')
    await more.waitFor()
    expect(await more.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    await more.locator('summary').click()
    await page.getByTestId('env-group-general').locator('summary').click()
    await page.getByTestId('env-group-bonfire-extensions-and-misc').locator('summary').click()
    await page.getByTestId('env-LOG_LEVEL').fill('debug')
    await page.getByTestId('env-APP_PLATFORM').fill('aarch64')
    await expect.poll(() => page.getByTestId('env-save').isEnabled()).toBe(true)
    await page.getByTestId('env-field-APP_PLATFORM').scrollIntoViewIfNeeded()
    await shot(page, '73-bonfire-config-tab-form')
    await expectNoAxeViolations(page, 'an app’s Config tab (the form)')
    await page.getByTestId('env-save').click()
    await page.getByTestId('env-saved').waitFor({ timeout: 30_000 })

    // Byte for byte abra's file: the two lines changed, everything else as it was.
    const after = fs.readFileSync(envFile, 'utf8')
    const expected = before.replace(/^LOG_LEVEL=info$/m, 'LOG_LEVEL=debug').replace(/^#APP_PLATFORM=aarch64$/m, 'APP_PLATFORM=aarch64')
    expect(after).not.toBe(before)
    expect(after).toBe(expected)

    // The file itself stays one click away.
    await page.getByTestId('env-raw-toggle').click()
    expect(await page.getByTestId('env-raw').inputValue()).toBe(after)
    await shot(page, '74-bonfire-config-tab-file')
    await expectNoAxeViolations(page, 'an app’s Config tab (the file)')
  })
})
