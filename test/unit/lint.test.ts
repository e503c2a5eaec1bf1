import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import git from 'isomorphic-git'
import { afterAll, describe, expect, it } from 'vitest'
import { isSemverLikeTag, isUnstableTag, parseImage } from '../../src-main/lint/images'
import { RULES } from '../../src-main/lint/lint'
import { lintFolder } from '../../src-main/lint/service'
import type { RegistryChecker } from '../../src-main/lint/registry'

// Every rule over a recipe that passes them all, then one fixture per rule
// that breaks that rule and only it; then over the shared recipes.

const FIXTURES = path.resolve(__dirname, '../fixtures/lint')
const SHARED = path.resolve(__dirname, '../../../shared/recipes')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-lint-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const IDS = ['R001', 'R002', 'R003', 'R004', 'R005', 'R006', 'R007', 'R008', 'R009', 'R010', 'R011', 'R012', 'R013', 'R014', 'R015', 'D001']

// Stands in for the registries (the real checker is tested against a real
// registry in test/integration/lint-registry.test.ts): every image exists
// except the ones fixtures name "never-published".
const registry: RegistryChecker = async (ref) => (ref.tag?.includes('never-published') ? 'absent' : 'present')

interface Facts {
  tags: Array<{ name: string; annotated: boolean }>
  remote: boolean
}

let made = 0

/** The fixture's files in a real git repository, tagged and with a remote as its lint-facts.json says. */
async function asRepo(name: string): Promise<string> {
  const src = path.join(FIXTURES, name)
  const dir = path.join(tmp, `${name}-${++made}`)
  fs.cpSync(src, dir, { recursive: true })
  const factsFile = path.join(dir, 'lint-facts.json')
  const facts: Facts = fs.existsSync(factsFile) ? JSON.parse(fs.readFileSync(factsFile, 'utf8')) : { tags: [{ name: '1.0.0+1.25.3', annotated: true }], remote: true }
  fs.rmSync(factsFile, { force: true })
  await git.init({ fs, dir, defaultBranch: 'main' })
  for (const f of fs.readdirSync(dir).filter((f) => f !== '.git')) await git.add({ fs, dir, filepath: f })
  const author = { name: 'Test', email: 'test@example.com', timestamp: 1700000000, timezoneOffset: 0 }
  await git.commit({ fs, dir, message: 'recipe', author })
  for (const t of facts.tags) {
    if (t.annotated) await git.annotatedTag({ fs, dir, ref: t.name, message: `release ${t.name}`, tagger: author })
    else await git.tag({ fs, dir, ref: t.name })
  }
  if (facts.remote) await git.addRemote({ fs, dir, remote: 'origin', url: `https://git.coopcloud.tech/coop-cloud/${name}.git` })
  return dir
}

const failing = (results: Array<{ id: string; status: string }>): string[] => results.filter((r) => r.status === 'fails').map((r) => r.id)

describe('recipe lint rules', () => {
  it('has abra\'s ids R001…R015 and D001, each with a level', () => {
    expect(RULES.map((r) => r.id)).toEqual(IDS)
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.level]))).toMatchObject({ R001: 'warn', R006: 'warn', R008: 'error', R009: 'error', R010: 'error', R014: 'error', R015: 'error' })
  })

  it('passes every rule on the good fixture, in plain words', async () => {
    const report = await lintFolder(await asRepo('good'), registry)
    expect(report.results.map((r) => [r.id, r.status])).toEqual(IDS.map((id) => [id, 'ok']))
    expect(report).toMatchObject({ errors: 0, warnings: 0 })
    for (const r of report.results) {
      expect(r.title.length).toBeGreaterThan(10)
      expect(r.fix).toBe('')
    }
  })

  const broken = fs.readdirSync(FIXTURES).filter((n) => /^[rd]\d{3}-/.test(n))
  it('has one broken fixture per rule', () => {
    expect(broken.map((n) => n.slice(0, 4).toUpperCase()).sort()).toEqual([...IDS].sort())
  })

  it.each(broken)('%s breaks exactly its rule, and says how to fix it', async (name) => {
    const id = name.slice(0, 4).toUpperCase()
    const report = await lintFolder(await asRepo(name), registry)
    expect(failing(report.results)).toEqual([id])
    const r = report.results.find((x) => x.id === id)
    expect(r?.fix.length).toBeGreaterThan(10)
    const level = RULES.find((x) => x.id === id)?.level
    expect(report.errors).toBe(level === 'error' ? 1 : 0)
    expect(report.warnings).toBe(level === 'warn' ? 1 : 0)
  })

  it('names what fails', async () => {
    const r = (await lintFolder(await asRepo('r015-secret-length'), registry)).results.find((x) => x.id === 'R015')
    expect(r?.items).toEqual(['database_password'])
    expect(r?.detail).toBe('Fails for: database_password')
    const d = (await lintFolder(await asRepo('d001-registry'), registry)).results.find((x) => x.id === 'D001')
    expect(d?.items).toEqual(['db: postgres:16.1-alpine-never-published'])
  })

  it('says "not checked" (skipped, not failed) when the registry is unreachable or not asked', async () => {
    const dir = await asRepo('d001-registry')
    const unreachable = await lintFolder(path.join(dir), async () => 'unreachable')
    expect(unreachable.results.find((x) => x.id === 'D001')).toMatchObject({ status: 'skipped', detail: 'Not checked: registry not reachable (docker.io).' })
    expect(unreachable.errors).toBe(0)
    const notAsked = await lintFolder(dir)
    expect(notAsked.results.find((x) => x.id === 'D001')).toMatchObject({ status: 'skipped', detail: 'Not checked: the registries were not asked.' })
  })

  it('skips traefik for a recipe with no website and the tags of a folder outside git', async () => {
    const dir = path.join(tmp, 'no-website')
    fs.cpSync(path.join(FIXTURES, 'r010-traefik'), dir, { recursive: true })
    fs.writeFileSync(path.join(dir, '.env.sample'), 'TYPE=nowebsite\nSECRET_DB_PASSWORD_VERSION=v1\n')
    const results = (await lintFolder(dir)).results
    expect(results.find((x) => x.id === 'R010')?.status).toBe('skipped')
    expect(results.find((x) => x.id === 'R014')).toMatchObject({ status: 'skipped', detail: 'Not checked: this folder is not a git repository.' })
    // Outside git there is no published version and no repository.
    expect(failing(results)).toEqual(['R006', 'R013'])
  })

  it('refuses a folder with no compose.yml, in words', async () => {
    await expect(lintFolder(path.join(FIXTURES))).rejects.toThrow(/is not a recipe folder/)
  })
})

describe('image references', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.25', { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' }],
    ['bonfirenetworks/bonfire:1.0.6-social-amd64', { registry: 'docker.io', repository: 'bonfirenetworks/bonfire', tag: '1.0.6-social-amd64' }],
    ['ghcr.io/baosystems/postgis:17-3.5', { registry: 'ghcr.io', repository: 'baosystems/postgis', tag: '17-3.5' }],
    ['127.0.0.1:5000/x:1.0.0', { registry: '127.0.0.1:5000', repository: 'x', tag: '1.0.0' }],
    ['localhost/x', { registry: 'localhost', repository: 'x' }]
  ])('reads %s', (raw, expected) => {
    expect(parseImage(raw)).toEqual({ raw, ...expected })
  })

  it('refuses what is no reference, and judges tags', () => {
    expect(parseImage('')).toBeUndefined()
    expect(parseImage('Nginx:1')).toBeUndefined()
    expect(parseImage('nginx:bad tag')).toBeUndefined()
    expect(['1.2.3', 'v2.4.8', '17-3.5', '1.0.6-social-amd64', '16'].every(isSemverLikeTag)).toBe(true)
    expect(['latest', 'bookworm', 'alpine', '1.2.x'].some(isSemverLikeTag)).toBe(false)
    expect(isUnstableTag('latest') && isUnstableTag('main') && !isUnstableTag('1.2.3')).toBe(true)
  })
})

describe('the shared recipes', () => {
  const dirs = fs.existsSync(SHARED)
    ? fs.readdirSync(SHARED).flatMap((recipe) => fs.readdirSync(path.join(SHARED, recipe)).map((v) => path.join(recipe, v)))
    : []
  it('are there', () => expect(dirs.length).toBeGreaterThan(3))

  it.each(dirs)('%s: every rule gives a result', async (rel) => {
    const report = await lintFolder(path.join(SHARED, rel))
    expect(report.results.map((r) => r.id)).toEqual(IDS)
    for (const r of report.results) expect(['ok', 'fails', 'skipped']).toContain(r.status)
    const by = Object.fromEntries(report.results.map((r) => [r.id, r]))
    // What the files plainly say: every compose file is 3.8 (bonfire's
    // postgres overlay quotes it '3.8'), there is an app service and a
    // website routed by traefik, .env.sample is there, and these folders
    // are data, not git.
    expect(by.R001.status).toBe('ok')
    expect(by.R008.status).toBe('ok')
    expect(by.R009.status).toBe('ok')
    expect(by.R010.status).toBe('ok')
    expect(by.R014.status).toBe('skipped')
    expect(by.R006.status).toBe('fails')
    expect(report.errors).toBe(report.results.filter((r) => r.level === 'error' && r.status === 'fails').length)
  })
})
