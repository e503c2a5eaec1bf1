import { describe, expect, it } from 'vitest'
import { missingRecipeFiles, recipeIncompleteWords, refuseIncompleteRecipe } from '../../src-main/apps/recipe-gaps'

// The messages are the ones apps/form.ts, compose/validate.ts and compose/load.ts give.
describe('missingRecipeFiles', () => {
  it('reads the files from the form, the deploy-time validation and COMPOSE_FILE', () => {
    expect(
      missingRecipeFiles(
        [
          { severity: 'error', path: 'configs.app_entrypoint.file', message: '`configs.app_entrypoint.file` is entrypoint.sh.tmpl, which this version of the recipe does not have.' },
          { severity: 'error', file: 'compose.yml', line: 108, path: 'configs.pg_backup.file', message: 'compose.yml line 108: `configs.pg_backup.file` is /home/x/.abra/recipes/bonfire/pg_backup.sh, which does not exist.' },
          { severity: 'error', file: 'compose.sso.yml', path: 'COMPOSE_FILE', message: 'compose.sso.yml: this compose file, named in COMPOSE_FILE, does not exist in the recipe.' }
        ],
        '/home/x/.abra/recipes/bonfire'
      )
    ).toEqual(['entrypoint.sh.tmpl', 'pg_backup.sh', 'compose.sso.yml'])
  })
  it('leaves out what the person can fix, and warnings', () => {
    expect(
      missingRecipeFiles([
        { severity: 'error', message: 'compose.yml line 3: required variable SECRET_KEY is not set' },
        { severity: 'warning', path: 'configs.x.file', message: '`configs.x.file` is x, which this version of the recipe does not have.' },
        { severity: 'error', path: 'configs.y.file', message: '`configs.y.file` is conf, which is a folder, not a file.' }
      ])
    ).toEqual([])
  })
})

describe('recipeIncompleteWords', () => {
  it('says what is missing and who can fix it', () => {
    expect(recipeIncompleteWords('bonfire', '2.0.1', ['entrypoint.sh.tmpl'])).toEqual({
      message: 'The recipe bonfire (version 2.0.1) is incomplete: it needs a file it does not include (entrypoint.sh.tmpl), so an app made from it could not start.',
      next: "This is a fault in the recipe, not in your settings, so nothing you change here can fix it. The recipe's maintainers can add the missing file (their address is on the recipe's page in the Catalogue). Meanwhile, choose another version if one is complete."
    })
  })
  it('refuses with the technical lines kept as detail', () => {
    const d = { severity: 'error' as const, path: 'configs.a.file', message: '`configs.a.file` is a.tmpl, which this version of the recipe does not have.' }
    expect(() => refuseIncompleteRecipe({ recipe: 'r', diagnostics: [d], outcome: 'Nothing was created.' })).toThrow(
      expect.objectContaining({ code: 'recipe-incomplete', detail: d.message, data: expect.objectContaining({ missingFiles: ['a.tmpl'] }) })
    )
    expect(() => refuseIncompleteRecipe({ recipe: 'r', diagnostics: [], outcome: '' })).not.toThrow()
  })
})
