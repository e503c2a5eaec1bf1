import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dockerLocal } from '../../src-main/docker/transport'
import { createCore, type Core } from '../../src-main/core/core'
import { loadRig, type Rig } from '../rig/rig'
import { FIXTURE_RECIPES, startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { call, callError, homeWithSshConfig } from './support'

// Creating apps through dispatch, against the ccd-web recipe served over real
// git HTTP. Only files are written (no secrets are generated on a working
// server), so a local server is enough and the swarm is left alone.

let rig: Rig
let world: RecipeWorld
let home: string
let core: Core
let serversDir: string

const recipe = 'ccd-web'
const fixture = (version: string, file: string): string => fs.readFileSync(path.join(FIXTURE_RECIPES, recipe, version, file), 'utf8')
const sample = (version: string): string => fixture(version, '.env.sample')
// What `abra app new ccd-web --domain D` writes: the sample with the example
// domain replaced, and the version chosen on the TYPE line.
const abraNew = (version: string, domain: string): string => sample(version).replaceAll('ccd-web.example.com', domain).replace(/^TYPE=ccd-web$/m, `TYPE=ccd-web:${version}`)

function listServers(): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const s of fs.readdirSync(serversDir).sort()) {
    const dir = path.join(serversDir, s)
    if (fs.statSync(dir).isDirectory()) out[s] = fs.readdirSync(dir).sort()
  }
  return out
}

function changedLines(a: string, b: string): Array<[string, string]> {
  const x = a.split('\n')
  const y = b.split('\n')
  expect(y.length).toBe(x.length)
  return x.flatMap((l, i) => (l === y[i] ? [] : [[l, y[i]] as [string, string]]))
}

beforeAll(async () => {
  rig = loadRig()
  world = await startRecipeWorld()
  home = homeWithSshConfig(rig)
  core = createCore({ transport: 'browser', home, env: { HOME: home, ...world.env } })
  await call(core, 'servers.add', { kind: 'local', socketPath: rig.docker.socket })
  serversDir = path.join(home, '.abra', 'servers')
  // A server folder with nothing reachable behind it: creating secrets there fails.
  fs.mkdirSync(path.join(serversDir, 'ghost'))
})

afterAll(async () => {
  await core?.close()
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

describe('recipes.get', () => {
  it('clones the recipe and lists its versions newest first, with release notes and the README', async () => {
    const info = await call(core, 'recipes.get', { recipe })
    expect(info.versions).toEqual([
      { version: 'v3.0.0', notes: fixture('v3.0.0', 'release/v3.0.0') },
      { version: 'v2.0.0', notes: fixture('v2.0.0', 'release/v2.0.0') },
      { version: 'v1.0.0' }
    ])
    expect(info.readme).toBe(fixture('v3.0.0', 'README.md'))
    expect(info.dir).toBe(path.join(home, '.abra', 'recipes', recipe))
    expect(info.problem).toBeUndefined()
    expect(fs.existsSync(path.join(info.dir, '.git'))).toBe(true)
  })

  it('fetches again on refresh, and reports local edits without touching them', async () => {
    const dir = path.join(home, '.abra', 'recipes', recipe)
    fs.appendFileSync(path.join(dir, 'compose.yml'), '# a local edit\n')
    try {
      const info = await call(core, 'recipes.get', { recipe, refresh: true })
      expect(info.versions.map((v) => v.version)).toEqual(['v3.0.0', 'v2.0.0', 'v1.0.0'])
      expect(info.problem).toMatch(/local changes \(compose\.yml\)/)
      expect(fs.readFileSync(path.join(dir, 'compose.yml'), 'utf8')).toContain('# a local edit\n')
    } finally {
      execFileSync('git', ['-C', dir, 'checkout', '--', 'compose.yml'])
    }
  })
})

describe('apps.envForm', () => {
  const domain = 'form.example.org'

  it('starts from the newest .env.sample, as abra app new would write it', async () => {
    const form = await call(core, 'apps.envForm', { recipe, domain })
    expect(form.envText).toBe(abraNew('v3.0.0', domain))
    expect(form.stackName).toBe('form_example_org')
    expect(form.problems).toEqual([])
    expect(form.missing).toEqual([])
    expect(form.overlays.map((o) => [o.id, o.enabled])).toEqual([['compose.extra.yml', false]])
    expect(form.secrets.map((s) => s.swarmName)).toEqual(['form_example_org_token_v1'])
    expect(form.variables.find((v) => v.key === 'MOTD')).toMatchObject({ value: 'Welcome to ccd-web', commented: false })
  })

  it('turning the overlay on changes exactly its COMPOSE_FILE and GREETING lines, and off gives the bytes back', async () => {
    const base = await call(core, 'apps.envForm', { recipe, domain, version: 'v2.0.0' })
    expect(base.envText).toBe(abraNew('v2.0.0', domain))
    const on = await call(core, 'apps.envForm', { recipe, domain, version: 'v2.0.0', envText: base.envText, overlays: { 'compose.extra.yml': true } })
    expect(changedLines(base.envText, on.envText)).toEqual([
      ['#COMPOSE_FILE="$COMPOSE_FILE:compose.extra.yml"', 'COMPOSE_FILE="$COMPOSE_FILE:compose.extra.yml"'],
      ['#GREETING="hello from ccd-web"', 'GREETING="hello from ccd-web"']
    ])
    expect(on.overlays[0].enabled).toBe(true)
    expect(on.missing).toEqual([])
    const off = await call(core, 'apps.envForm', { recipe, domain, version: 'v2.0.0', envText: on.envText, overlays: { 'compose.extra.yml': false } })
    expect(off.envText).toBe(base.envText)
  })

  it('warns about a variable the compose files use that the env does not set', async () => {
    const on = await call(core, 'apps.envForm', { recipe, domain, overlays: { 'compose.extra.yml': true } })
    const withoutGreeting = on.envText.replace(/^GREETING=.*\n/m, '')
    const form = await call(core, 'apps.envForm', { recipe, domain, envText: withoutGreeting })
    expect(form.missing).toEqual(['GREETING'])
    expect(form.problems).toContainEqual(expect.objectContaining({ severity: 'warning', file: 'compose.extra.yml', message: expect.stringContaining('GREETING') }))
    const set = await call(core, 'apps.envForm', { recipe, domain, envText: withoutGreeting, set: { GREETING: 'hi there' } })
    expect(set.missing).toEqual([])
    expect(set.envText).toBe(`${withoutGreeting}GREETING='hi there'\n`)
  })

  it('refuses a version the recipe does not have, naming the ones it has', async () => {
    const err = await callError(core, 'apps.envForm', { recipe, domain, version: 'v9.0.0' })
    expect(err.code).toBe('version-unknown')
    expect(err.message).toBe('The recipe ccd-web has no version v9.0.0. Its versions are v3.0.0, v2.0.0, v1.0.0.')
  })
})

describe('apps.new', () => {
  it('writes the env file byte for byte as abra app new does, and nothing else', async () => {
    const domain = 'new.example.org'
    const r = await call(core, 'apps.new', { server: 'default', domain, recipe, version: 'v1.0.0' })
    expect(r).toEqual({ envFile: path.join(serversDir, 'default', `${domain}.env`), stackName: 'new_example_org', secrets: [] })
    expect(fs.readFileSync(r.envFile, 'utf8')).toBe(abraNew('v1.0.0', domain))
    expect(listServers()).toEqual({ default: [`${domain}.env`], ghost: [] })
    fs.rmSync(r.envFile)
  })

  it('takes the newest version when none is chosen', async () => {
    const domain = 'newest.example.org'
    const r = await call(core, 'apps.new', { server: 'default', domain, recipe })
    expect(fs.readFileSync(r.envFile, 'utf8')).toBe(abraNew('v3.0.0', domain))
    fs.rmSync(r.envFile)
  })

  it('generates the secrets on the server and returns their values once', async () => {
    const domain = `gen-${crypto.randomBytes(3).toString('hex')}.example.org`
    const stack = domain.replaceAll('.', '_')
    const docker = dockerLocal(rig.docker.socket)
    try {
      const r = await call(core, 'apps.new', { server: 'default', domain, recipe, version: 'v2.0.0', secrets: 'generate' })
      expect(r.secrets).toEqual([{ name: 'token', swarmName: `${stack}_token_v1`, value: expect.stringMatching(/^[A-Za-z0-9]{16}$/) }])
      expect((await docker.getSecret(`${stack}_token_v1`).inspect()).Spec?.Name).toBe(`${stack}_token_v1`)
      expect(fs.readFileSync(r.envFile, 'utf8')).toBe(abraNew('v2.0.0', domain))
      fs.rmSync(r.envFile)
    } finally {
      await docker.getSecret(`${stack}_token_v1`).remove().catch(() => undefined)
    }
  })

  describe('refuses bad input and leaves nothing half-created', () => {
    let before: Record<string, string[]>
    const existing = 'taken.example.org'
    beforeAll(async () => {
      await call(core, 'apps.new', { server: 'default', domain: existing, recipe, version: 'v2.0.0' })
      before = listServers()
    })
    afterAll(() => fs.rmSync(path.join(serversDir, 'default', `${existing}.env`), { force: true }))

    const refused = async (input: Parameters<typeof callError<'apps.new'>>[2], code: string): Promise<string> => {
      const err = await callError(core, 'apps.new', input)
      expect(err.code).toBe(code)
      expect(listServers()).toEqual(before)
      return err.message
    }

    // Refused by the contract, as for every method that takes a domain; the
    // form shows the words under the domain field (issues[].path 'domain').
    it('an invalid domain', async () => {
      for (const [domain, words] of [
        ['https://web.example.org', 'Type the domain without "https://", like cloud.example.org.'],
        ['Web.example.org', 'Use lower-case letters: web.example.org.']
      ]) {
        const err = await callError(core, 'apps.new', { server: 'default', domain, recipe })
        expect(err.code).toBe('invalid-request')
        expect(err.data?.issues).toEqual([{ path: 'domain', message: words }])
        expect(listServers()).toEqual(before)
      }
    })

    it('a domain already used, on this server or another', async () => {
      expect(await refused({ server: 'default', domain: existing, recipe }, 'app-exists')).toBe(`An app called ${existing} already exists on default.`)
      expect(await refused({ server: 'ghost', domain: existing, recipe }, 'app-exists')).toBe(`An app called ${existing} already exists on default.`)
    })

    it('an unknown server', async () => {
      expect(await refused({ server: 'nowhere', domain: 'x.example.org', recipe }, 'server-unknown')).toMatch(/no server called nowhere/)
    })

    it('an unknown version', async () => {
      expect(await refused({ server: 'default', domain: 'tag.example.org', recipe, version: 'v0.9.0' }, 'version-unknown')).toMatch(/no version v0\.9\.0\. Its versions are v3\.0\.0, v2\.0\.0, v1\.0\.0\./)
    })

    it('env text that would not load, naming the line', async () => {
      const good = abraNew('v2.0.0', 'broken.example.org')
      const line = good.split('\n').findIndex((l) => l.startsWith('MOTD=')) + 1
      const broken = good.replace('MOTD="Welcome to ccd-web"', 'MOTD Welcome to ccd-web')
      const message = await refused({ server: 'default', domain: 'broken.example.org', recipe, envText: broken }, 'env-invalid')
      expect(message).toMatch(new RegExp(`^The settings for broken\\.example\\.org can't be read: Line ${line}: .*NAME=value\\. Nothing was saved\\.$`))
    })

    it('secrets that cannot be made: the env file is removed again', async () => {
      const err = await callError(core, 'apps.new', { server: 'ghost', domain: 'secrets.example.org', recipe, secrets: 'generate' })
      expect(err.message).toMatch(/^Nothing was created: the secrets for secrets\.example\.org could not be made, so its settings were removed again\. ./)
      expect(err.detail).toBeTruthy()
      expect(listServers()).toEqual(before)
      const typo = await callError(core, 'apps.new', { server: 'default', domain: 'typo.example.org', recipe, secrets: 'generate', secretValues: { tokn: 'x' } })
      expect(typo.message).toMatch(/^Nothing was created: .*tokn/)
      expect(listServers()).toEqual(before)
    })
  })
})

describe('apps.saveEnv and apps.upgradeInfo', () => {
  const domain = 'edit.example.org'
  let envFile: string
  beforeAll(async () => {
    envFile = (await call(core, 'apps.new', { server: 'default', domain, recipe, version: 'v1.0.0' })).envFile
  })

  it('refuses a broken env, naming the line, and leaves the file as it was', async () => {
    const before = fs.readFileSync(envFile, 'utf8')
    const err = await callError(core, 'apps.saveEnv', { server: 'default', domain, envText: `${before}NOT A SETTING\n` })
    expect(err.code).toBe('env-invalid')
    expect(err.message).toContain(`Line ${before.split('\n').length}: `)
    expect(fs.readFileSync(envFile, 'utf8')).toBe(before)
    expect(listServers().default).toEqual([`${domain}.env`])
  })

  it('saves a good env as typed and returns its form', async () => {
    const text = fs.readFileSync(envFile, 'utf8').replace('#TIMEOUT=120', 'TIMEOUT=300')
    const form = await call(core, 'apps.saveEnv', { server: 'default', domain, envText: text })
    expect(fs.readFileSync(envFile, 'utf8')).toBe(text)
    expect(form.envText).toBe(text)
    expect(form.variables.find((v) => v.key === 'TIMEOUT')).toMatchObject({ value: '300', commented: false })
    expect(form.problems).toEqual([])
  })

  it('tells what an upgrade brings: newer versions with notes, and the settings the target adds', async () => {
    const info = await call(core, 'apps.upgradeInfo', { server: 'default', domain })
    expect(info.current).toBe('v1.0.0')
    expect(info.target).toBe('v3.0.0')
    expect(info.newer.map((v) => [v.version, v.notes])).toEqual([
      ['v3.0.0', fixture('v3.0.0', 'release/v3.0.0')],
      ['v2.0.0', fixture('v2.0.0', 'release/v2.0.0')]
    ])
    expect(info.older).toEqual([])
    expect(info.newVariables).toEqual([
      { key: 'MOTD', value: 'Welcome to ccd-web', commented: false, line: sample('v2.0.0').split('\n').indexOf('MOTD="Welcome to ccd-web"') + 1, comment: 'A line of welcome the app keeps in its environment (new in v2.0.0)' }
    ])
    const back = await call(core, 'apps.upgradeInfo', { server: 'default', domain, target: 'v1.0.0' })
    expect(back.newVariables).toEqual([])
    expect((await callError(core, 'apps.upgradeInfo', { server: 'default', domain, target: 'v7.0.0' })).code).toBe('version-unknown')
  })
})
