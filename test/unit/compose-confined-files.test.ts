// Files a recipe names must stay inside the recipe folder (defect 7 of issue
// 9): otherwise `file: ../../../.ssh/id_ed25519` sends the person's SSH key to
// the server as a Docker secret. Refused by default (the window, the browser
// page); read with a warning when the caller says 'warn' (the CLI).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src-main/compose/diagnostics'
import type { OutsideFiles } from '../../src-main/compose/outside-files'
import { renderStack } from '../../src-main/compose/pipeline'
import { renderFromFiles } from '../../src-main/compose/stacks'
import { errors, warnings } from './compose-fixture'

/** A home with a private key, and a recipe folder inside it (as ~/.abra/recipes/<name> would be). */
function world(files: Record<string, string>): { home: string; dir: string; key: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-confined-'))
  fs.mkdirSync(path.join(home, '.ssh'))
  const key = path.join(home, '.ssh', 'id_ed25519')
  fs.writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n')
  const dir = path.join(home, '.abra', 'recipes', 'evil')
  fs.mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
  return { home, dir, key }
}

const render = (dir: string, envText: string, outsideFiles?: OutsideFiles) => renderStack({ recipeDir: dir, envText, domain: 'evil.example.org', outsideFiles })

const keyData = Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n').toString('base64')

function only(ds: Diagnostic[]): Diagnostic {
  expect(ds).toHaveLength(1)
  return ds[0]
}

describe('files outside the recipe folder', () => {
  const secretCompose = (file: string) => `version: "3.8"\nservices:\n  app:\n    image: nginx\n    secrets: [key]\nsecrets:\n  key:\n    file: ${file}\n`

  it('a secret `file: ../../../.ssh/id_ed25519` is refused, naming the file and the line', () => {
    const { dir, key } = world({ 'compose.yml': secretCompose('../../../.ssh/id_ed25519') })
    const r = render(dir, '')
    expect(r.objects).toBeUndefined()
    const e = only(errors(r.diagnostics))
    expect(e).toMatchObject({ file: 'compose.yml', line: 8, path: 'secrets.key.file' })
    // The message names where the path really leads.
    expect(e.message).toMatch(/^compose\.yml line 8: secret `key`: `file` names (\S+), which is outside the recipe folder/)
    expect(e.message).toContain(`names ${key}, which`)
    expect(JSON.stringify(r)).not.toContain(keyData)
  })

  it('an absolute config `file:` is refused too', () => {
    const { dir, key } = world({})
    fs.writeFileSync(path.join(dir, 'compose.yml'), `version: "3.8"\nservices:\n  app:\n    image: nginx\nconfigs:\n  c:\n    file: ${key}\n`)
    const e = only(errors(render(dir, '').diagnostics))
    expect(e).toMatchObject({ file: 'compose.yml', line: 7 })
    expect(e.message).toContain(`config \`c\`: \`file\` names ${key}, which is outside the recipe folder`)
  })

  it('the CLI reads it, with a warning that names the file and the line', () => {
    const { dir } = world({ 'compose.yml': secretCompose('../../../.ssh/id_ed25519') })
    const r = render(dir, '', 'warn')
    expect(errors(r.diagnostics)).toEqual([])
    const w = only(warnings(r.diagnostics))
    expect(w).toMatchObject({ file: 'compose.yml', line: 8 })
    expect(w.message).toContain('which is outside the recipe folder; it is read and sent to the server')
    expect(r.objects!.secrets[0].spec.Data).toBe(keyData)
  })

  it('a symlink inside the recipe that points outside is refused', () => {
    const { dir, key } = world({ 'compose.yml': secretCompose('./key.pem') })
    fs.symlinkSync(key, path.join(dir, 'key.pem'))
    const e = only(errors(render(dir, '').diagnostics))
    expect(e).toMatchObject({ file: 'compose.yml', line: 8 })
    expect(e.message).toContain('names key.pem, which is outside the recipe folder (directly or through a symbolic link)')
    // A folder symlink on the way counts as well.
    const other = world({ 'compose.yml': secretCompose('./keys/id_ed25519') })
    fs.symlinkSync(path.dirname(other.key), path.join(other.dir, 'keys'))
    expect(only(errors(render(other.dir, '').diagnostics)).message).toContain('names keys/id_ed25519, which is outside the recipe folder')
  })

  it('a symlink that stays inside the recipe is fine', () => {
    const { dir } = world({ 'compose.yml': secretCompose('./link.txt'), 'real/secret.txt': 'ok\n' })
    fs.symlinkSync(path.join(dir, 'real', 'secret.txt'), path.join(dir, 'link.txt'))
    const r = render(dir, '')
    expect(errors(r.diagnostics)).toEqual([])
    expect(r.objects!.secrets[0].spec.Data).toBe(Buffer.from('ok\n').toString('base64'))
  })

  it('env_file outside the recipe is refused with its line; read with a warning from the CLI', () => {
    const { dir, home } = world({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    env_file:\n      - ../../../secrets.env\n' })
    fs.writeFileSync(path.join(home, 'secrets.env'), 'TOKEN=hunter2\n')
    const refused = render(dir, '')
    const e = only(errors(refused.diagnostics))
    expect(e).toMatchObject({ file: 'compose.yml', line: 5, path: 'services.app.env_file' })
    expect(e.message).toMatch(/^compose\.yml line 5: `services\.app\.env_file` names \.\.\/\.\.\/\.\.\/secrets\.env, which is outside the recipe folder/)
    expect(JSON.stringify(refused)).not.toContain('hunter2')

    const warned = render(dir, '', 'warn')
    expect(errors(warned.diagnostics)).toEqual([])
    expect(only(warnings(warned.diagnostics)).line).toBe(5)
    expect(warned.objects!.services[0].spec.TaskTemplate).toMatchObject({ ContainerSpec: { Env: ['TOKEN=hunter2'] } })
  })

  it('COMPOSE_FILE naming a file outside is refused, naming the env file and its line', () => {
    const { dir, home } = world({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n' })
    fs.writeFileSync(path.join(home, 'other.yml'), 'version: "3.8"\nservices:\n  app:\n    environment:\n      LEAK: yes-it-is\n')
    const envText = 'DOMAIN=evil.example.org\n# overlays\nCOMPOSE_FILE="compose.yml:../../../other.yml"\n'
    const r = renderStack({ recipeDir: dir, envText, envFile: '/x/evil.example.org.env', outsideFiles: undefined })
    const e = only(errors(r.diagnostics))
    expect(e).toMatchObject({ file: 'evil.example.org.env', line: 3, path: 'COMPOSE_FILE' })
    expect(e.message).toMatch(/^evil\.example\.org\.env line 3: COMPOSE_FILE names \.\.\/\.\.\/\.\.\/other\.yml, which is outside the recipe folder/)

    const warned = renderStack({ recipeDir: dir, envText, envFile: '/x/evil.example.org.env', outsideFiles: 'warn' })
    expect(errors(warned.diagnostics)).toEqual([])
    expect(warnings(warned.diagnostics).some((d) => d.line === 3 && d.path === 'COMPOSE_FILE')).toBe(true)
  })

  it('a compose file that is a symlink out of the recipe is refused', () => {
    const { dir, home } = world({})
    fs.writeFileSync(path.join(home, 'elsewhere.yml'), 'version: "3.8"\nservices:\n  app:\n    image: nginx\n')
    fs.symlinkSync(path.join(home, 'elsewhere.yml'), path.join(dir, 'compose.yml'))
    const e = only(errors(render(dir, '').diagnostics))
    expect(e.message).toMatch(/COMPOSE_FILE names compose\.yml, which is outside the recipe folder/)
  })

  it("abra.sh linked to a file outside (say ~/.bashrc, with its exports) is refused", () => {
    const { dir, home } = world({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    environment:\n      T: ${GITHUB_TOKEN}\n' })
    fs.writeFileSync(path.join(home, '.bashrc'), 'export GITHUB_TOKEN=ghp_secret\n')
    fs.symlinkSync(path.join(home, '.bashrc'), path.join(dir, 'abra.sh'))
    const envFile = path.join(home, 'evil.example.org.env')
    fs.writeFileSync(envFile, 'DOMAIN=evil.example.org\n')
    const refused = renderFromFiles({ recipeDir: dir, envFile })
    expect(refused.objects).toBeUndefined()
    expect(only(errors(refused.diagnostics)).message).toMatch(/^abra\.sh: the recipe names abra\.sh, which is outside the recipe folder/)
    expect(JSON.stringify(refused)).not.toContain('ghp_secret')

    const warned = renderFromFiles({ recipeDir: dir, envFile }, { outsideFiles: 'warn' })
    expect(warned.objects).toBeDefined()
    expect(warnings(warned.diagnostics)[0].file).toBe('abra.sh')
  })

  it('a file behind a link to /dev/zero is never read (the CLI included)', () => {
    const { dir } = world({ 'compose.yml': secretCompose('./zero') })
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero'))
    const r = render(dir, '', 'warn')
    expect(r.objects).toBeUndefined()
    expect(errors(r.diagnostics)[0].message).toContain('cannot read the file zero (it is not an ordinary file)')
  })
})
