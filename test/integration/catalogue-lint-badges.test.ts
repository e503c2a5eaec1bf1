import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { lintBadgeHandlers } from '../../src-main/lint/badges'
import { lintCheckout } from '../../src-main/lint/service'
import { call } from './support'

// The catalogue cards' lint badges (recipes.lintBadges) over real git
// checkouts in a temp ~/.abra/recipes: one made from the lint fixture that
// passes every rule, one from the fixture with no "app" service (an
// error-level rule), and one recipe never checked out. No network: the
// checkouts are made here, as a clone would leave them (annotated version
// tag, a remote).

const FIXTURES = path.resolve(__dirname, '../fixtures/lint')
const author = { name: 'Test', email: 'test@example.com', timestamp: 1700000000, timezoneOffset: 0 }
let home: string
let recipes: string
let core: Core

async function checkout(fixture: string, name: string): Promise<string> {
  const dir = path.join(recipes, name)
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  for (const f of fs.readdirSync(dir).filter((f) => f !== '.git')) await git.add({ fs, dir, filepath: f })
  await git.commit({ fs, dir, message: 'recipe', author })
  await git.annotatedTag({ fs, dir, ref: '1.0.0+1.25.3', message: 'release 1.0.0+1.25.3', tagger: author })
  await git.addRemote({ fs, dir, remote: 'origin', url: `https://git.coopcloud.tech/coop-cloud/${name}.git` })
  return dir
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? os.tmpdir(), 'ccd-lint-badges-'))
  recipes = path.join(home, '.abra', 'recipes')
  await checkout('good', 'clean-recipe')
  await checkout('r009-app-service', 'broken-recipe')
  // Port 9 (discard) refuses at once: the page's lint asks the catalogue for a repository, and gets none from here.
  core = createCore({ transport: 'browser', env: { COOPCLOUD_CATALOGUE_URL: 'http://127.0.0.1:9/recipes.json' }, home })
})

afterAll(async () => {
  await core?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('recipes.lintBadges', () => {
  it('gives each checked-out recipe the badge its page shows, and none to a recipe not checked out', async () => {
    const all = await call(core, 'recipes.lintBadges', {})
    expect(all.badges.map((b) => b.recipe)).toEqual(['broken-recipe', 'clean-recipe'])
    for (const b of all.badges) {
      // The recipe page's report (recipes.lint by name, registries not asked): the same badge and version.
      const page = await call(core, 'recipes.lint', { recipe: b.recipe, registry: false })
      expect(b.badge, b.recipe).toEqual(page.badge)
      expect(b.version).toBe(page.version)
    }
    const by = Object.fromEntries(all.badges.map((b) => [b.recipe, b]))
    expect(by['clean-recipe'].badge.tone).toBe('good')
    expect(by['broken-recipe'].badge.tone).toBe('warning')
    expect(by['clean-recipe'].badge.text).not.toBe(by['broken-recipe'].badge.text)

    // Named ones only; one that isn't on this computer gets nothing and is not cloned.
    const named = await call(core, 'recipes.lintBadges', { recipes: ['clean-recipe', 'not-checked-out'] })
    expect(named.badges.map((b) => b.recipe)).toEqual(['clean-recipe'])
    expect(fs.existsSync(path.join(recipes, 'not-checked-out'))).toBe(false)
  })

  it('keeps a badge until its checkout changes, then lints that checkout again', async () => {
    const linted: string[] = []
    const handlers = lintBadgeHandlers({
      recipesDir: recipes,
      knownRepositoryOf: () => undefined,
      lint: (dir, recipe, listed) => {
        linted.push(recipe)
        return lintCheckout(dir, recipe, { listed })
      }
    })
    const first = await handlers['recipes.lintBadges']({})
    expect(linted.sort()).toEqual(['broken-recipe', 'clean-recipe'])
    // Asked again with nothing changed: the same answer, nothing read again.
    expect(await handlers['recipes.lintBadges']({})).toEqual(first)
    expect(linted).toHaveLength(2)

    // The maintainer fixes the broken recipe (the good compose.yml), commits and tags a new version.
    const dir = path.join(recipes, 'broken-recipe')
    fs.copyFileSync(path.join(FIXTURES, 'good', 'compose.yml'), path.join(dir, 'compose.yml'))
    await git.add({ fs, dir, filepath: 'compose.yml' })
    await git.commit({ fs, dir, message: 'name the main service app', author: { ...author, timestamp: author.timestamp + 60 } })
    await git.annotatedTag({ fs, dir, ref: '1.0.1+1.25.3', message: 'release 1.0.1+1.25.3', tagger: author })

    const after = await handlers['recipes.lintBadges']({})
    expect(linted.slice(2)).toEqual(['broken-recipe'])
    const fixed = after.badges.find((b) => b.recipe === 'broken-recipe')
    const clean = after.badges.find((b) => b.recipe === 'clean-recipe')
    expect(fixed?.version).toBe('1.0.1+1.25.3')
    expect(fixed?.badge).toEqual(clean?.badge)
    // And the core's own cache agrees with the page on the new version.
    const page = await call(core, 'recipes.lint', { recipe: 'broken-recipe', registry: false })
    expect((await call(core, 'recipes.lintBadges', { recipes: ['broken-recipe'] })).badges).toEqual([{ recipe: 'broken-recipe', version: page.version, badge: page.badge }])
  })
})
