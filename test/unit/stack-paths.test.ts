import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import { createCore } from '../../src-main/core/core'

// The window and browser page may only render recipes and env files inside
// abra's folder; the CLI, run by the person, may name any folder.
describe('stacks.render paths', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-paths-'))
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-outside-'))
  fs.writeFileSync(path.join(outside, 'compose.yml'), 'version: "3.8"\nservices:\n  app:\n    image: busybox\n')
  fs.writeFileSync(path.join(outside, 'app.env'), 'DOMAIN=x.example.org\n')
  const recipe = path.join(home, '.abra/recipes/demo')
  fs.mkdirSync(recipe, { recursive: true })
  fs.mkdirSync(path.join(home, '.abra/servers/s1'), { recursive: true })
  fs.writeFileSync(path.join(recipe, 'compose.yml'), 'version: "3.8"\nservices:\n  app:\n    image: busybox\n')
  fs.writeFileSync(path.join(home, '.abra/servers/s1/x.example.org.env'), 'DOMAIN=x.example.org\n')
  // A link inside abra's folder that points out of it must not get through.
  fs.symlinkSync(outside, path.join(home, '.abra/recipes/escape'))

  const render = (transport: 'browser' | 'cli', recipeDir: string, envFile: string) =>
    dispatch(createCore({ transport, home, env: {} }).handlers, 'stacks.render', { recipeDir, envFile })

  it('renders a recipe inside ~/.abra from the window', async () => {
    const r = await render('browser', recipe, path.join(home, '.abra/servers/s1/x.example.org.env'))
    expect(r.ok).toBe(true)
  })

  it('refuses folders outside ~/.abra, even through a symlink, from the window', async () => {
    for (const [dir, env] of [
      [outside, path.join(outside, 'app.env')],
      [path.join(home, '.abra/recipes/escape'), path.join(home, '.abra/servers/s1/x.example.org.env')],
      [recipe, path.join(home, '.abra/servers/s1/../../../../', path.relative('/', path.join(outside, 'app.env')))]
    ]) {
      const r = await render('browser', dir, env)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('forbidden-path')
    }
  })

  it('lets the CLI render any folder', async () => {
    const r = await render('cli', outside, path.join(outside, 'app.env'))
    expect(r.ok).toBe(true)
  })
})
