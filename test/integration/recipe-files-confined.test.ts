// Defect 7 of issue 9, through the door a page uses: a recipe in ~/.abra that
// names a file elsewhere on the laptop (`file: ../../../.ssh/id_ed25519`, an
// env_file, a COMPOSE_FILE entry, a symlink) is refused by stacks.render and
// stacks.deploy from the window and the browser page, with the file and the
// line; the CLI renders it with a warning, as docker stack deploy would.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import type { Diagnostic } from '../../src-main/compose/diagnostics'
import { createCore, type Core } from '../../src-main/core/core'

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-recipe-files-'))
const abra = path.join(home, '.abra')
const keyText = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot-really\n'
fs.mkdirSync(path.join(home, '.ssh'))
fs.writeFileSync(path.join(home, '.ssh', 'id_ed25519'), keyText)
fs.writeFileSync(path.join(home, 'tokens.env'), 'TOKEN=hunter2\n')
fs.writeFileSync(path.join(home, 'extra.yml'), 'version: "3.8"\nservices:\n  app:\n    environment:\n      EXTRA: "1"\n')
fs.mkdirSync(path.join(abra, 'servers', 'rig'), { recursive: true })

/** A recipe under ~/.abra/recipes/<name> and an env file for it; returns the render request. */
function recipe(name: string, files: Record<string, string>, envText = '', links: Record<string, string> = {}): { recipeDir: string; envFile: string } {
  const recipeDir = path.join(abra, 'recipes', name)
  fs.mkdirSync(recipeDir, { recursive: true })
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(recipeDir, file), text)
  for (const [file, target] of Object.entries(links)) fs.symlinkSync(target, path.join(recipeDir, file))
  const envFile = path.join(abra, 'servers', 'rig', `${name}.example.org.env`)
  fs.writeFileSync(envFile, `DOMAIN=${name}.example.org\n${envText}`)
  return { recipeDir, envFile }
}

const cases = {
  secret: recipe('h5-secret', {
    'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    secrets: [key]\nsecrets:\n  key:\n    file: ../../../.ssh/id_ed25519\n'
  }),
  envFile: recipe('h5-envfile', { 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    env_file: ../../../tokens.env\n' }),
  composeFile: recipe('h5-composefile', { 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n' }, 'COMPOSE_FILE=compose.yml:../../../extra.yml\n'),
  symlink: recipe(
    'h5-symlink',
    { 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    configs: [conf]\nconfigs:\n  conf:\n    file: ./app.conf\n' },
    '',
    { 'app.conf': path.join(home, '.ssh', 'id_ed25519') }
  )
}

// Where each refusal must point: [file, line, the reference as the message names it].
const expected: Record<keyof typeof cases, [string, number, string]> = {
  secret: ['compose.yml', 8, path.join(home, '.ssh', 'id_ed25519')],
  envFile: ['compose.yml', 5, '../../../tokens.env'],
  composeFile: ['h5-composefile.example.org.env', 2, '../../../extra.yml'],
  symlink: ['compose.yml', 8, 'app.conf']
}

const cores: Core[] = []
function core(transport: 'browser' | 'electron' | 'cli'): Core {
  const c = createCore({ transport, home, env: { HOME: home } })
  cores.push(c)
  return c
}
afterAll(async () => {
  for (const c of cores) await c.close()
})

type Rendered = { stackName?: string; objects?: { secrets: Array<{ spec: { Data?: string } }>; configs: Array<{ spec: { Data?: string } }> }; diagnostics: Diagnostic[] }

describe('files a recipe names outside its folder', () => {
  for (const transport of ['browser', 'electron'] as const) {
    it(`are refused by stacks.render from the ${transport === 'browser' ? 'browser page' : 'window'}, naming the file and the line`, async () => {
      const handlers = core(transport).handlers
      for (const [kind, req] of Object.entries(cases) as Array<[keyof typeof cases, { recipeDir: string; envFile: string }]>) {
        const r = await dispatch(handlers, 'stacks.render', req)
        expect(r.ok, kind).toBe(true)
        const value = (r as { value: Rendered }).value
        expect(value.objects, kind).toBeUndefined()
        const errs = value.diagnostics.filter((d) => d.severity === 'error')
        expect(errs, kind).toHaveLength(1)
        const [file, line, named] = expected[kind]
        expect(errs[0], kind).toMatchObject({ file, line })
        expect(errs[0].message, kind).toContain(`${file} line ${line}: `)
        expect(errs[0].message, kind).toContain(`names ${named}, which is outside the recipe folder`)
        // Nothing of the file's content reaches the answer.
        expect(JSON.stringify(value), kind).not.toContain(Buffer.from(keyText).toString('base64'))
        expect(JSON.stringify(value), kind).not.toContain('hunter2')
      }
    })
  }

  it('are refused by stacks.deploy from the browser page before any job starts', async () => {
    const c = core('browser')
    const r = await dispatch(c.handlers, 'stacks.deploy', { ...cases.secret, server: 'rig' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('compose-invalid')
      expect(r.error.message).toContain('compose.yml line 8: secret `key`: `file` names')
    }
    expect(c.jobs.list()).toEqual([])
  })

  it('are read by the CLI, with a warning naming the file and the line', async () => {
    const handlers = core('cli').handlers
    for (const [kind, req] of Object.entries(cases) as Array<[keyof typeof cases, { recipeDir: string; envFile: string }]>) {
      const r = await dispatch(handlers, 'stacks.render', req)
      expect(r.ok, kind).toBe(true)
      const value = (r as { value: Rendered }).value
      expect(value.diagnostics.filter((d) => d.severity === 'error'), kind).toEqual([])
      const [file, line, named] = expected[kind]
      const warning = value.diagnostics.find((d) => d.severity === 'warning' && d.message.includes('outside the recipe folder'))
      expect(warning, kind).toMatchObject({ file, line })
      expect(warning!.message, kind).toContain(`names ${named}, which is outside the recipe folder; it is read and sent to the server`)
      expect(value.objects, kind).toBeDefined()
    }
    const secret = (await dispatch(handlers, 'stacks.render', cases.secret)) as { value: Rendered }
    expect(secret.value.objects!.secrets[0].spec.Data).toBe(Buffer.from(keyText).toString('base64'))
  })
})
