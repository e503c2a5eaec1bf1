import fs from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../src-main/compose/env'
import { resolvePaths, type Paths } from '../../src-main/core/paths'
import { domainProblem, envProblems, newEnvFile, readAppEnv, recipeOf, setEnvValues, writeAppEnv } from '../../src-main/apps/env-file'
import { methods as contract } from '../../src-main/contract/contract'
import { newDomainProblem } from '../../src-main/contract/domain'

const recipes = path.resolve(__dirname, '../../../shared/recipes')
const sample = (recipe: string, version: string): string => readFileSync(path.join(recipes, recipe, version, '.env.sample'), 'utf8')
const values = (text: string): Record<string, string> => parseEnvFile(text, '.env', [])

// abra app new: copy .env.sample, replace "<recipe>.example.com" with the
// domain everywhere, then write the chosen version on the TYPE/RECIPE line.
// Each expectation lists the only lines that may differ (1-based).
describe('newEnvFile is byte-compatible with abra app new', () => {
  const cases: Array<[string, string, string, Record<number, string>]> = [
    ['bonfire', 'main', 'social.example.org', { 1: 'TYPE=bonfire:2.0.1+1.0.6-social-amd64', 13: 'DOMAIN=social.example.org', 16: "#EXTRA_DOMAINS=', `www.social.example.org`'" }],
    ['bonfire', '2.0.1+1.0.6-social-amd64', 'social.example.org', { 1: 'TYPE=bonfire:2.0.1+1.0.6-social-amd64', 13: 'DOMAIN=social.example.org', 16: "#EXTRA_DOMAINS=', `www.social.example.org`'" }],
    ['bonfire', '1.0.0+1.0.5-social-amd64', 'social.example.org', { 1: 'TYPE=bonfire:2.0.1+1.0.6-social-amd64', 13: 'DOMAIN=social.example.org', 16: "#EXTRA_DOMAINS=', `www.social.example.org`'" }],
    ['traefik', 'v2.4.8', 'proxy.example.org', { 1: 'TYPE=traefik:2.0.1+1.0.6-social-amd64', 3: 'DOMAIN=proxy.example.org' }],
    ['traefik', 'main', 'proxy.example.org', { 1: 'TYPE=traefik:2.0.1+1.0.6-social-amd64', 3: 'DOMAIN=proxy.example.org' }]
  ]
  it.each(cases)('%s %s', (recipe, version, domain, changed) => {
    const input = sample(recipe, version)
    const out = newEnvFile(input, { recipe, domain, version: '2.0.1+1.0.6-social-amd64' })
    const before = input.split('\n')
    const after = out.split('\n')
    expect(after).toHaveLength(before.length)
    const expected = before.map((line, i) => changed[i + 1] ?? line)
    expect(out).toBe(expected.join('\n'))
    expect(out.endsWith('\n')).toBe(input.endsWith('\n'))
    expect(values(out).DOMAIN).toBe(domain)
  })

  it('leaves TYPE alone when no version is chosen', () => {
    const input = sample('traefik', 'v2.4.8')
    const out = newEnvFile(input, { recipe: 'traefik', domain: 'proxy.example.org' })
    expect(out).toBe(input.replace('DOMAIN=traefik.example.com', 'DOMAIN=proxy.example.org'))
    expect(recipeOf(out)).toEqual({ recipe: 'traefik' })
  })

  it('keeps the RECIPE key of newer samples and replaces an old version', () => {
    const out = newEnvFile('RECIPE=foo:1.0.0\nDOMAIN="foo.example.com"\n', { recipe: 'foo', domain: 'a.example.org', version: '1.2.0+2.1' })
    expect(out).toBe('RECIPE=foo:1.2.0+2.1\nDOMAIN="a.example.org"\n')
    expect(recipeOf(out)).toEqual({ recipe: 'foo', version: '1.2.0+2.1' })
  })

  it('sets a DOMAIN that is not "<recipe>.example.com", and adds RECIPE/DOMAIN when the sample lacks them', () => {
    expect(newEnvFile('# hi\nDOMAIN=www.example.com # where\n', { recipe: 'foo', domain: 'a.example.org' })).toBe('RECIPE=foo\n# hi\nDOMAIN=a.example.org # where\n')
    expect(newEnvFile('X=1', { recipe: 'foo', domain: 'a.example.org' })).toBe('RECIPE=foo\nX=1\nDOMAIN=a.example.org\n')
  })
})

describe('setEnvValues edits in place', () => {
  const text = '# the domain\nDOMAIN=a.example.org\n\nCOMPOSE_FILE="compose.yml"\nSECRET_DB_VERSION=v1 # length=32\n#SMTP_HOST=mail.example.org\nQ=\'single\'\n'

  it('changes only the value, keeping quotes and inline comments', () => {
    const out = setEnvValues(text, { DOMAIN: 'b.example.org', COMPOSE_FILE: 'compose.yml:compose.x.yml', SECRET_DB_VERSION: 'v2', Q: 'two' })
    expect(out).toBe('# the domain\nDOMAIN=b.example.org\n\nCOMPOSE_FILE="compose.yml:compose.x.yml"\nSECRET_DB_VERSION=v2 # length=32\n#SMTP_HOST=mail.example.org\nQ=\'two\'\n')
  })

  it('turns a commented setting on where it stands, else adds it at the end', () => {
    expect(setEnvValues(text, { SMTP_HOST: 'smtp.example.org' })).toBe(text.replace('#SMTP_HOST=mail.example.org', 'SMTP_HOST=smtp.example.org'))
    expect(setEnvValues('A=1', { B: '2' })).toBe('A=1\nB=2\n')
  })

  it('edits the last of repeated keys, the one that counts', () => {
    expect(setEnvValues('A=1\nA=2\n', { A: '3' })).toBe('A=1\nA=3\n')
  })

  it.each(['two words', 'has # hash', 'dollar $HOME', "it's", 'say "hi"', 'multi\nline', 'back\\slash', ''])('writes %j so it reads back exactly', (v) => {
    const out = setEnvValues(text, { DOMAIN: v, NEW: v })
    expect(values(out).DOMAIN).toBe(v)
    expect(values(out).NEW).toBe(v)
    expect(values(out).SECRET_DB_VERSION).toBe('v1')
  })

  it('replaces a multi-line quoted value whole', () => {
    expect(setEnvValues('A="one\ntwo"\nB=1\n', { A: 'x' })).toBe('A="x"\nB=1\n')
  })

  it('refuses a bad variable name', () => {
    expect(() => setEnvValues(text, { 'BAD KEY': '1' })).toThrow(/can't be a variable name/)
  })
})

describe('envProblems', () => {
  it('finds nothing wrong in a fresh app env', () => {
    expect(envProblems(newEnvFile(sample('bonfire', 'main'), { recipe: 'bonfire', domain: 'social.example.org' }))).toEqual([])
  })

  it('names the line of a never-closed quote', () => {
    const problems = envProblems('RECIPE=foo\nDOMAIN=a.example.org\nX="oops\nY=1\n')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 3, severity: 'error' })
    expect(problems[0].message).toMatch(/^Line 3: the value of X opens a double quote that is never closed/)
  })

  it('names the line of text that is not NAME=value', () => {
    const [p] = envProblems('RECIPE=foo\nDOMAIN=a.example.org\nthis is not a setting\n')
    expect(p).toMatchObject({ line: 3, severity: 'error' })
    expect(p.message).toMatch(/^Line 3: .*NAME=value/)
  })

  it('warns about repeats, odd secret versions and missing RECIPE/DOMAIN', () => {
    const problems = envProblems('A=1\nA=2\nSECRET_X_VERSION=1\n')
    expect(problems.map((p) => p.message)).toEqual([
      'RECIPE is missing: abra needs RECIPE=<recipe name> to know which recipe this app runs.',
      "DOMAIN is missing: set DOMAIN=<the app's domain>.",
      'Line 2: A is set again (first on line 1); only this later value counts.',
      'Line 3: SECRET_X_VERSION should be a version like v1.'
    ])
  })
})

describe('domainProblem', () => {
  it.each(['social.example.org', 'a-b.c1.example', 'localhost'])('accepts %s', (d) => expect(domainProblem(d)).toBeUndefined())
  it.each([
    ['', /Type the domain/],
    ['https://social.example.org', /without "https:\/\/"/],
    ['social example.org', /spaces/],
    ['Social.Example.org', /lower-case letters: social.example.org/],
    ['social..example.org', /empty part/],
    ['-social.example.org', /start or end with "-"/],
    ['soc_ial.example.org', /only letters, digits/],
    [`${'a'.repeat(64)}.example.org`, /too long/]
  ])('refuses %j', (d, message) => expect(domainProblem(d)).toMatch(message))
})

describe('a new app’s domain', () => {
  it('needs a whole address with a dot: "blog" alone is refused, where existing apps keep working', () => {
    expect(newDomainProblem('blog')).toMatch(/whole address, with a dot, like blog\.example\.org/)
    expect(newDomainProblem('blog.example.org')).toBeUndefined()
    expect(newDomainProblem('Blog')).toMatch(/lower-case/)
    expect(domainProblem('blog')).toBeUndefined()
  })

  it('is refused at the contract for apps.new and for a clone’s new address', () => {
    const input = { server: 'rigbox', domain: 'blog', recipe: 'ccd-web' }
    const r = contract['apps.new'].input.safeParse(input)
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.message)).toEqual([newDomainProblem('blog')])
    expect(contract['apps.new'].input.safeParse({ ...input, domain: 'blog.example.org' }).success).toBe(true)
    expect(contract['apps.move'].input.safeParse({ server: 'rigbox', domain: 'a.example.org', toServer: 'other', newDomain: 'blog' }).success).toBe(false)
    // Other methods still accept an app that already has such a name.
    expect(contract['apps.get'].input.safeParse({ server: 'rigbox', domain: 'blog' }).success).toBe(true)
  })
})

describe('writeAppEnv / readAppEnv', () => {
  let home: string
  let paths: Paths
  beforeEach(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'app-env-'))
    paths = resolvePaths({ HOME: home }, home)
    await fs.mkdir(path.join(paths.serversDir, 'one.example.org'), { recursive: true })
    await fs.mkdir(path.join(paths.serversDir, 'two.example.org'), { recursive: true })
  })
  afterEach(async () => {
    await fs.rm(home, { recursive: true, force: true })
  })

  it('writes ~/.abra/servers/<server>/<domain>.env and reads it back', async () => {
    const text = newEnvFile(sample('traefik', 'v2.4.8'), { recipe: 'traefik', domain: 'proxy.example.org' })
    const file = await writeAppEnv(paths, 'one.example.org', 'proxy.example.org', text)
    expect(file).toBe(path.join(home, '.abra', 'servers', 'one.example.org', 'proxy.example.org.env'))
    expect(await readAppEnv(paths, 'one.example.org', 'proxy.example.org')).toBe(text)
    expect(await fs.readdir(path.dirname(file))).toEqual(['proxy.example.org.env'])
  })

  it('refuses an app that already exists, on this server or another, and keeps the old file', async () => {
    await writeAppEnv(paths, 'one.example.org', 'proxy.example.org', 'OLD=1\n')
    await expect(writeAppEnv(paths, 'one.example.org', 'proxy.example.org', 'NEW=1\n')).rejects.toThrow('An app called proxy.example.org already exists on one.example.org.')
    await expect(writeAppEnv(paths, 'two.example.org', 'proxy.example.org', 'NEW=1\n')).rejects.toThrow('An app called proxy.example.org already exists on one.example.org.')
    expect(await readAppEnv(paths, 'one.example.org', 'proxy.example.org')).toBe('OLD=1\n')
    expect(await fs.readdir(path.join(paths.serversDir, 'one.example.org'))).toEqual(['proxy.example.org.env'])
    expect(await fs.readdir(path.join(paths.serversDir, 'two.example.org'))).toEqual([])
  })

  it('refuses an invalid domain and an unknown server, writing nothing', async () => {
    await expect(writeAppEnv(paths, 'one.example.org', 'https://x.example.org', 'A=1\n')).rejects.toMatchObject({ code: 'invalid-domain', message: 'Type the domain without "https://", like cloud.example.org.' })
    await expect(writeAppEnv(paths, 'nowhere.example.org', 'x.example.org', 'A=1\n')).rejects.toMatchObject({ code: 'server-unknown', message: 'There is no server called nowhere.example.org; add it first.' })
    expect(await fs.readdir(path.join(paths.serversDir, 'one.example.org'))).toEqual([])
  })

  it('says plainly when an app is missing', async () => {
    await expect(readAppEnv(paths, 'one.example.org', 'x.example.org')).rejects.toThrow('There is no app called x.example.org on one.example.org.')
  })
})
