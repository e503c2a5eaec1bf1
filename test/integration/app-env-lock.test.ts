import crypto from 'node:crypto'
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mergeEnvSave, updateAppEnv, withRecipeVersion } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { call, callError, homeWithSshConfig } from './support'

// Issue 9, section 9: every change to an app's env file (saveEnv, deploy's
// version write, secret rotation, the proxy's email) goes through one lock per
// app and re-reads the file, so concurrent changes all land. Through dispatch,
// with the ccd-web recipe over real git HTTP and the rig's swarm for the rotation.
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `envlock-${tag}.example.org`
const stack = stackNameFor(domain)
let envFile: string

const value = (text: string, key: string): string | undefined => text.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1]

beforeAll(async () => {
  rig = loadRig()
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env } })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  envFile = (await call(core, 'apps.new', { server, domain, recipe: 'ccd-web', version: 'v1.0.0' })).envFile
}, 120_000)

afterAll(async () => {
  if (rig) {
    const docker = dockerLocal(rig.docker.socket)
    for (const s of await docker.listSecrets({ filters: JSON.stringify({ name: [`${stack}_`] }) })) await docker.getSecret(s.ID).remove().catch(() => undefined)
  }
  await core?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
}, 60_000)

describe('env file changes under one lock per app', () => {
  it('20 concurrent saves of different keys, a version write and a secret rotation all land', { timeout: 120_000 }, async () => {
    const base = fs.readFileSync(envFile, 'utf8')
    const saves = Array.from({ length: 20 }, (_, i) =>
      // Each save is what a settings screen opened on `base` sends with one more line.
      call(core, 'apps.saveEnv', { server, domain, baseText: base, envText: `${base}EXTRA_${i}=value-${i}\n` })
    )
    // What deploy records once an app runs (the same helper its recordVersion uses).
    const versionWrite = updateAppEnv(core.paths, server, domain, (text) => withRecipeVersion(text, 'v2.0.0'))
    const rotation = call(core, 'secrets.rotate', { server, domain, name: 'token' })
    const results = await Promise.allSettled([...saves, versionWrite, rotation])
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])

    const text = fs.readFileSync(envFile, 'utf8')
    for (let i = 0; i < 20; i++) expect(value(text, `EXTRA_${i}`)).toBe(`value-${i}`)
    expect(value(text, 'TYPE')).toBe('ccd-web:v2.0.0')
    // The rotation's bump keeps the line's comment.
    expect(value(text, 'SECRET_TOKEN_VERSION')).toBe('v2 # length=16')
    expect(text.startsWith(base.replace(/^TYPE=.*$/m, 'TYPE=ccd-web:v2.0.0').replace('SECRET_TOKEN_VERSION=v1', 'SECRET_TOKEN_VERSION=v2'))).toBe(true)
    // No temporary files are left beside it.
    expect(fs.readdirSync(`${home}/.abra/servers/${server}`).filter((f) => f.includes(domain))).toEqual([`${domain}.env`])
  })

  it('refuses a save whose value was changed elsewhere meanwhile, and leaves the file as it was', async () => {
    const base = fs.readFileSync(envFile, 'utf8')
    await updateAppEnv(core.paths, server, domain, (text) => withRecipeVersion(text, 'v3.0.0'))
    const now = fs.readFileSync(envFile, 'utf8')
    const err = await callError(core, 'apps.saveEnv', { server, domain, baseText: base, envText: base.replace(/^TYPE=.*$/m, 'TYPE=ccd-web:v1.0.0') })
    expect(err.code).toBe('env-changed')
    expect(err.message).toContain('TYPE')
    expect(fs.readFileSync(envFile, 'utf8')).toBe(now)
  })

  it('a save without the text it started from still writes the text as typed', async () => {
    const text = fs.readFileSync(envFile, 'utf8').replace('#TIMEOUT=120', 'TIMEOUT=300')
    const form = await call(core, 'apps.saveEnv', { server, domain, envText: text })
    expect(fs.readFileSync(envFile, 'utf8')).toBe(text)
    expect(form.envText).toBe(text)
  })

  it('does not make the file again once the app is gone', async () => {
    const other = `envlock-gone-${tag}.example.org`
    const file = (await call(core, 'apps.new', { server, domain: other, recipe: 'ccd-web', version: 'v1.0.0' })).envFile
    fs.rmSync(file)
    await expect(updateAppEnv(core.paths, server, other, (t) => `${t}X=1\n`)).rejects.toMatchObject({ code: 'app-unknown' })
    expect(fs.existsSync(file)).toBe(false)
  })
})

describe('mergeEnvSave', () => {
  const base = 'TYPE=r:v1\nDOMAIN=a.example.org\nSECRET_X_VERSION=v1 # length=8\n'
  it('keeps what changed on disk and what the person changed', () => {
    const current = 'TYPE=r:v2\nDOMAIN=a.example.org\nSECRET_X_VERSION=v2 # length=8\nNEW=1\n'
    const mine = 'TYPE=r:v1\nDOMAIN=b.example.org\nSECRET_X_VERSION=v1 # length=8\n'
    expect(mergeEnvSave(base, mine, current)).toBe('TYPE=r:v2\nDOMAIN=b.example.org\nSECRET_X_VERSION=v2 # length=8\nNEW=1\n')
  })
  it('takes the person’s text when nothing changed on disk', () => {
    expect(mergeEnvSave(base, '# all new\nTYPE=r\n', base)).toBe('# all new\nTYPE=r\n')
  })
  it('agrees when both made the same change', () => {
    const both = base.replace('v1\n', 'v2\n')
    expect(mergeEnvSave(base, both, both)).toBe(both)
  })
})
