import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import { catalogueHandlers } from '../../src-main/catalogue/handlers'
import { resolvePaths } from '../../src-main/core/paths'
import { run } from '../../src-main/cli/index'

const bundled = path.join(import.meta.dirname, '../../resources/catalogue/recipes.json')
const remote = {
  nextcloud: { name: 'nextcloud', category: 'Apps', description: 'Files', features: { backups: 'Yes', status: 5 }, versions: [{ '1.0.0+28': { app: { image: 'nextcloud', tag: '28' } } }] },
  traefik: { name: 'traefik', category: 'Utilities', description: 'The proxy', features: { healthcheck: 'Yes' } }
}

describe('catalogue.list', () => {
  it('searches and filters through dispatch, downloading once', async () => {
    let downloads = 0
    const fetchFn = (async () => {
      downloads++
      return new Response(JSON.stringify(remote))
    }) as typeof fetch
    const handlers = catalogueHandlers({ paths: resolvePaths({}, fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-list-'))), env: {}, fetch: fetchFn, bundled })
    const call = (input: unknown) => dispatch(handlers as never, 'catalogue.list', input)

    const all = await call({})
    expect(all).toMatchObject({ ok: true, value: { source: 'network', total: 2, categories: ['Apps', 'Utilities'] } })
    const found = await call({ search: 'NEXT', features: { backups: true, minStatus: 4 } })
    expect(found.ok && (found.value as { recipes: { name: string; badges: { text: string }[] }[] }).recipes).toMatchObject([
      { name: 'nextcloud', badges: [{ text: 'Status: Stable' }, { text: 'Backups: yes' }, {}, {}, {}, {}] }
    ])
    expect(downloads).toBe(1)
    await call({ refresh: true })
    expect(downloads).toBe(2)

    const bad = await call({ features: { minStatus: 9 } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})

describe('coopcloud-desktop catalogue ls', () => {
  const saved = { ...process.env }
  let out = ''
  let err = ''
  const writes = { out: process.stdout.write, err: process.stderr.write }
  const capture = (append: (s: string) => void) =>
    ((chunk: unknown, done?: unknown) => {
      append(String(chunk))
      if (typeof done === 'function') done()
      return true
    }) as typeof process.stdout.write

  beforeEach(() => {
    process.env.ABRA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-ls-'))
    // Nothing listens on port 1: the download fails at once and the bundled snapshot is used.
    process.env.COOPCLOUD_CATALOGUE_URL = 'http://127.0.0.1:1/recipes.json'
    out = ''
    err = ''
    process.stdout.write = capture((s) => (out += s))
    process.stderr.write = capture((s) => (err += s))
  })
  afterEach(() => {
    process.stdout.write = writes.out
    process.stderr.write = writes.err
    process.env = { ...saved }
  })

  it('lists the bundled recipes with badges when offline, and says so', async () => {
    expect(await run(['catalogue', 'ls', '--search', 'bonf'])).toBe(0)
    expect(out).toContain('bonfire (Apps, 2.0.1+1.0.6-social-amd64)')
    expect(out).toContain('Status: Alpha, Backups: not known')
    expect(out).not.toContain('traefik')
    expect(err).toMatch(/^Warning: The recipe list could not be downloaded from http:\/\/127\.0\.0\.1:1\/recipes\.json/)
  })

  it('prints JSON with --json', async () => {
    expect(await run(['catalogue', 'ls', '--json'])).toBe(0)
    const result = JSON.parse(out)
    expect(result.source).toBe('bundled')
    expect(result.recipes.map((r: { name: string }) => r.name)).toEqual(['bonfire', 'traefik'])
  })
})
