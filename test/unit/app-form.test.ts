import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { newEnvFile } from '../../src-main/apps/env-file'
import { buildForm, envVariables, missingVariables } from '../../src-main/apps/form'
import { setOverlay } from '../../src-main/apps/overlays'
import type { RecipeFiles } from '../../src-main/apps/recipe-files'
import { pickVersion, withRecipeLock } from '../../src-main/apps/recipes-service'
import { recipeFilesIn } from '../support/recipe-files'

const fixture = path.resolve(__dirname, '../fixtures/recipes/ccd-web')

const filesOf = (version: string): RecipeFiles => recipeFilesIn(path.join(fixture, version))

const v2 = filesOf('v2.0.0')
const sample = v2.get('.env.sample')!
const domain = 'web.example.org'
const env = newEnvFile(sample, { recipe: 'ccd-web', domain, version: 'v2.0.0' })
// The pipeline only reads through the map, so the folder need not exist.
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1
const form = (envText: string) => buildForm({ envText, recipeDir: '/nowhere/ccd-web', files: v2, domain })

describe('envVariables', () => {
  it('gives a comment right below a setting to that setting when it names it, and only then', () => {
    const vars = envVariables(
      ['DOMAIN=a.example.org', '# DO NOT CHANGE DOMAIN AFTER DEPLOYMENT!', '## Domain aliases', '#EXTRA_DOMAINS=', '', 'MAIL_FROM=x', '# about EXTRA_DOMAINS and MAIL_FROMAGE', 'MAIL_HOST='].join('\n')
    )
    const byKey = Object.fromEntries(vars.map((v) => [v.key, v.comment]))
    expect(byKey.DOMAIN).toBe('DO NOT CHANGE DOMAIN AFTER DEPLOYMENT!')
    expect(byKey.EXTRA_DOMAINS).toBe('Domain aliases')
    // MAIL_FROMAGE is not MAIL_FROM: the line stays with what follows it.
    expect(byKey.MAIL_FROM).toBeUndefined()
    expect(byKey.MAIL_HOST).toBe('about EXTRA_DOMAINS and MAIL_FROMAGE')
  })

  it('lists active and commented settings with the prose comment right above each', () => {
    const vars = envVariables(sample)
    expect(vars.map((v) => [v.key, v.commented])).toEqual([
      ['TYPE', false],
      ['DOMAIN', false],
      ['EXTRA_DOMAINS', true],
      ['COMPOSE_FILE', false],
      ['SECRET_TOKEN_VERSION', false],
      ['MOTD', false],
      ['TIMEOUT', true],
      ['COMPOSE_FILE', true],
      ['GREETING', true]
    ])
    const byKey = Object.fromEntries(vars.map((v) => [v.key, v]))
    expect(byKey.EXTRA_DOMAINS.comment).toBe('Domain aliases')
    expect(byKey.EXTRA_DOMAINS.value).toBe(', `www.ccd-web.example.com`')
    expect(byKey.MOTD).toMatchObject({ value: 'Welcome to ccd-web', comment: 'A line of welcome the app keeps in its environment (new in v2.0.0)' })
    expect(byKey.SECRET_TOKEN_VERSION).toMatchObject({ value: 'v1', line: lineOf(sample, 'SECRET_TOKEN_VERSION=') })
    expect(byKey.DOMAIN.comment).toBeUndefined()
  })

  it('does not take lines inside a multi-line quoted value for comments or settings', () => {
    const vars = envVariables('A="one\n# not a comment\nB=no"\n# about C\nC=3\n')
    expect(vars).toEqual([
      { key: 'A', value: 'one\n# not a comment\nB=no', commented: false, line: 1 },
      { key: 'C', value: '3', commented: false, line: 5, comment: 'about C' }
    ])
  })

  it('drops the comment when a blank line or a section header comes between', () => {
    const vars = envVariables('# far away\n\nA=1\n# about B\n# =====\nB=2\n')
    expect(vars.map((v) => v.comment)).toEqual([undefined, undefined])
  })
})

describe('missingVariables', () => {
  it('takes names from the interpolation warnings and required-variable errors, once each', () => {
    expect(
      missingVariables([
        { severity: 'warning', message: 'compose.extra.yml line 5: `services.app.environment.0` uses GREETING, which is not set; an empty string is used.' },
        { severity: 'warning', message: 'compose.yml line 9: `x` uses GREETING, which is not set; an empty string is used.' },
        { severity: 'error', message: 'compose.yml line 2: `y`: required variable DB_HOST is not set: give it.' },
        { severity: 'error', message: 'compose.yml line 2: `y`: required variable EMPTY is empty.' },
        { severity: 'warning', message: 'something else' }
      ])
    ).toEqual(['GREETING', 'DB_HOST'])
  })
})

describe('buildForm on the ccd-web fixture', () => {
  it('shows settings outside overlays, the overlay, the secret and the stack name, with no problems', () => {
    const f = form(env)
    expect(f.problems).toEqual([])
    expect(f.missing).toEqual([])
    expect(f.stackName).toBe('web_example_org')
    expect(f.variables.map((v) => v.key)).toEqual(['TYPE', 'DOMAIN', 'EXTRA_DOMAINS', 'COMPOSE_FILE', 'SECRET_TOKEN_VERSION', 'MOTD', 'TIMEOUT'])
    expect(f.overlays).toEqual([
      {
        id: 'compose.extra.yml',
        composeFile: 'compose.extra.yml',
        title: 'extra',
        description: "Extra greeting: adds a GREETING variable to the app's environment",
        enabled: false,
        variables: [{ key: 'GREETING', value: 'hello from ccd-web', commented: true, line: lineOf(env, '#GREETING=') }]
      }
    ])
    expect(f.secrets).toEqual([
      { name: 'token', envKey: 'SECRET_TOKEN_VERSION', version: 'v1', swarmName: 'web_example_org_token_v1', length: 16, charset: 'default', generate: true, tooLong: false }
    ])
  })

  it('reports a variable the enabled overlay uses but the env leaves unset', () => {
    const on = setOverlay(env, 'compose.extra.yml', true, { sample })
    expect(form(on).missing).toEqual([])
    const withoutGreeting = on.replace(/^GREETING=.*\n/m, '')
    const f = form(withoutGreeting)
    expect(f.missing).toEqual(['GREETING'])
    expect(f.problems.some((p) => p.severity === 'warning' && p.file === 'compose.extra.yml' && p.message.includes('GREETING'))).toBe(true)
  })

  it('reports a broken line with its number and does not render', () => {
    const f = form(env.replace('MOTD="Welcome to ccd-web"', 'MOTD Welcome to ccd-web'))
    expect(f.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.line])).toEqual([['.env', lineOf(env, 'MOTD=')]])
    expect(f.secrets).toEqual([])
  })

  it('checks config files in the version\'s files, not on disk', () => {
    const without = new Map([...v2].filter(([f]) => f !== 'hello.txt'))
    const f = buildForm({ envText: env, recipeDir: '/nowhere/ccd-web', files: without, domain })
    expect(f.problems).toEqual([expect.objectContaining({ severity: 'error', path: 'configs.hello.file', message: '`configs.hello.file` is hello.txt, which this version of the recipe does not have.' })])
  })

  it('reports a compose file the env names that the recipe lacks', () => {
    const f = form(env.replace('COMPOSE_FILE="compose.yml"', 'COMPOSE_FILE="compose.yml:compose.nope.yml"'))
    expect(f.problems).toEqual([expect.objectContaining({ severity: 'error', file: 'compose.nope.yml' })])
  })
})

describe('pickVersion', () => {
  const versions = ['v3.0.0', 'v2.0.0', 'v1.0.0']
  it('defaults to the newest and keeps a known one', () => {
    expect(pickVersion('ccd-web', versions)).toBe('v3.0.0')
    expect(pickVersion('ccd-web', versions, 'v1.0.0')).toBe('v1.0.0')
  })
  it('names the versions there are when asked for another', () => {
    expect(() => pickVersion('ccd-web', versions, 'v9.9.9')).toThrow(/has no version v9.9.9. Its versions are v3.0.0, v2.0.0, v1.0.0./)
  })
})

describe('withRecipeLock', () => {
  it('runs calls for one folder one after the other, even when one fails', async () => {
    const order: string[] = []
    const step = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => {
        order.push(`${name} start`)
        setTimeout(() => {
          order.push(`${name} end`)
          if (fail) reject(new Error(name))
          else resolve(name)
        }, ms)
      })
    const a = withRecipeLock('/r/x', step('a', 30, true))
    const b = withRecipeLock('/r/x', step('b', 5))
    const other = withRecipeLock('/r/y', step('other', 1))
    await expect(a).rejects.toThrow('a')
    expect(await b).toBe('b')
    expect(await other).toBe('other')
    expect(order.indexOf('a end')).toBeLessThan(order.indexOf('b start'))
    expect(order.indexOf('other start')).toBeLessThan(order.indexOf('a end'))
  })
})
