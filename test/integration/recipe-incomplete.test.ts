import crypto from 'node:crypto'
import fs from 'node:fs'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appEnvPath, newEnvFile, writeAppEnv } from '../../src-main/apps/env-file'
import { stackNameFor } from '../../src-main/compose/env'
import { createCore, type Core } from '../../src-main/core/core'
import { dockerLocal } from '../../src-main/docker/transport'
import { loadRig, type Rig } from '../rig/rig'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { call, callError, homeWithSshConfig } from './support'

// bonfire as the shared recipes hold it lacks two config files its compose
// names (entrypoint.sh.tmpl, pg_backup.sh): a recipe that really is
// incomplete. The form says so in plain words, and neither apps.new nor
// apps.deploy makes anything on the server (no env file, no secret, no service).
let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let docker: Docker
const server = 'default'
const tag = crypto.randomBytes(3).toString('hex')
const domain = `bonfire-${tag}.example.com`
const stack = stackNameFor(domain)

const onServer = async (): Promise<string[]> => [
  ...(await docker.listSecrets()).map((s) => s.Spec?.Name ?? '').filter((n) => n.startsWith(`${stack}_`)),
  ...(await docker.listServices()).map((s) => s.Spec?.Name ?? '').filter((n) => n.startsWith(`${stack}_`)),
  ...(await docker.listConfigs()).map((s) => s.Spec?.Name ?? '').filter((n) => n.startsWith(`${stack}_`))
]

beforeAll(async () => {
  rig = loadRig()
  docker = dockerLocal(rig.docker.socket)
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env }, keychain: undefined })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
}, 120_000)

afterAll(async () => {
  await core?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('an incomplete recipe', () => {
  it('the form names the missing files and whose fault it is', async () => {
    const form = await call(core, 'apps.envForm', { recipe: 'bonfire', domain })
    expect(form.recipeIncomplete?.files).toEqual(['entrypoint.sh.tmpl', 'pg_backup.sh'])
    expect(form.recipeIncomplete?.message).toMatch(/^The recipe bonfire \(version .+\) is incomplete: it needs 2 files it does not include \(entrypoint\.sh\.tmpl and pg_backup\.sh\)/)
    expect(form.recipeIncomplete?.next).toMatch(/not in your settings.*maintainers/)
  }, 60_000)

  it('apps.new refuses it before writing the settings or making any secret', async () => {
    const err = await callError(core, 'apps.new', { server, domain, recipe: 'bonfire', secrets: 'generate' })
    expect(err.code).toBe('recipe-incomplete')
    expect(err.message).toContain(`Nothing was created for ${domain}.`)
    expect(err.detail).toContain('`configs.app_entrypoint.file` is entrypoint.sh.tmpl')
    expect(fs.existsSync(appEnvPath(core.paths, server, domain))).toBe(false)
    expect(await onServer()).toEqual([])
  }, 60_000)

  it('apps.deploy of an app made from it elsewhere (by abra) sends nothing and says why in plain words', async () => {
    const sample = (await call(core, 'apps.envForm', { recipe: 'bonfire', domain })).envText
    await writeAppEnv(core.paths, server, domain, newEnvFile(sample, { recipe: 'bonfire', domain }))
    const err = await callError(core, 'apps.deploy', { server, domain, kind: 'deploy' })
    expect(err.code).toBe('recipe-incomplete')
    expect(err.message).toMatch(/^The recipe bonfire \(version .+\) is incomplete: .*\(entrypoint\.sh\.tmpl and pg_backup\.sh\).*Nothing was sent to the server/)
    expect(err.detail).toMatch(/entrypoint\.sh\.tmpl, which does not exist/)
    expect(await onServer()).toEqual([])
  }, 60_000)
})
