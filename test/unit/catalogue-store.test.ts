import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bundledCataloguePath, catalogueCachePath, DEFAULT_CATALOGUE_URL, loadCatalogue } from '../../src-main/catalogue/store'

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-catalogue-'))
const remote = { hedgedoc: { name: 'hedgedoc', category: 'Apps', description: 'Notes together', versions: [] } }
const bundled = path.join(import.meta.dirname, '../../resources/catalogue/recipes.json')

const answering = (body: string, status = 200): typeof fetch & { urls: string[] } => {
  const urls: string[] = []
  const fn = (async (url: string | URL | Request) => {
    urls.push(String(url))
    return new Response(body, { status })
  }) as typeof fetch & { urls: string[] }
  fn.urls = urls
  return fn
}
const offline = (async () => {
  throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND recipes.coopcloud.tech') })
}) as typeof fetch

describe('catalogue store', () => {
  it("downloads from Co-op Cloud's address by default and keeps a copy under ~/.abra/catalogue", async () => {
    const abraDir = tmp()
    const fetchFn = answering(JSON.stringify(remote))
    const loaded = await loadCatalogue({ abraDir, fetch: fetchFn, bundled, now: () => new Date('2026-11-25T12:00:00Z') })
    expect(fetchFn.urls).toEqual([DEFAULT_CATALOGUE_URL])
    expect(loaded).toMatchObject({ source: 'network', fetchedAt: '2026-11-25T12:00:00.000Z' })
    expect(loaded.warning).toBeUndefined()
    expect(loaded.catalogue.recipes.map((r) => r.name)).toEqual(['hedgedoc'])
    expect(catalogueCachePath(abraDir)).toBe(path.join(abraDir, 'catalogue', 'recipes.json'))
    expect(JSON.parse(fs.readFileSync(catalogueCachePath(abraDir), 'utf8'))).toEqual(remote)
    // Only the file itself: the temp file of the atomic write is gone.
    expect(fs.readdirSync(path.join(abraDir, 'catalogue'))).toEqual(['recipes.json'])
  })

  it('uses the configured address', async () => {
    const fetchFn = answering(JSON.stringify(remote))
    await loadCatalogue({ abraDir: tmp(), url: 'http://127.0.0.1:1/mine.json', fetch: fetchFn, bundled })
    expect(fetchFn.urls).toEqual(['http://127.0.0.1:1/mine.json'])
  })

  it('offline, falls back to the saved copy and says so', async () => {
    const abraDir = tmp()
    await loadCatalogue({ abraDir, fetch: answering(JSON.stringify(remote)), bundled })
    const old = new Date('2026-01-02T00:00:00Z')
    fs.utimesSync(catalogueCachePath(abraDir), old, old)
    const loaded = await loadCatalogue({ abraDir, fetch: offline, bundled, now: () => new Date('2026-11-25T00:00:00Z') })
    expect(loaded.source).toBe('cache')
    expect(loaded.fetchedAt).toBe(old.toISOString())
    expect(loaded.catalogue.recipes.map((r) => r.name)).toEqual(['hedgedoc'])
    expect(loaded.warning).toBe(
      `The recipe list could not be downloaded from ${DEFAULT_CATALOGUE_URL} (getaddrinfo ENOTFOUND recipes.coopcloud.tech). ` +
        'Showing the copy saved on this computer. It was downloaded on 2026-01-02 and may be out of date.'
    )
  })

  it('a broken download or an error page never replaces a good saved copy', async () => {
    const abraDir = tmp()
    await loadCatalogue({ abraDir, fetch: answering(JSON.stringify(remote)), bundled })
    const bad = await loadCatalogue({ abraDir, fetch: answering('<html>oops</html>'), bundled })
    expect(bad.source).toBe('cache')
    expect(bad.warning).toMatch(/not valid JSON/)
    const down = await loadCatalogue({ abraDir, fetch: answering('', 503), bundled })
    expect(down.warning).toMatch(/the server answered 503/)
    expect(JSON.parse(fs.readFileSync(catalogueCachePath(abraDir), 'utf8'))).toEqual(remote)
  })

  it('gives up on a server that does not answer in time', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch
    const loaded = await loadCatalogue({ abraDir: tmp(), fetch: hanging, bundled, timeoutMs: 50 })
    expect(loaded.source).toBe('bundled')
    expect(loaded.warning).toMatch(/\(it did not answer in time\)/)
  })

  it('with no saved copy, uses the snapshot that comes with the app', async () => {
    const loaded = await loadCatalogue({ abraDir: tmp(), fetch: offline, bundled })
    expect(loaded.source).toBe('bundled')
    expect(loaded.fetchedAt).toBeUndefined()
    expect(loaded.warning).toMatch(/Showing the list that came with the app, which may be out of date\.$/)
    expect(loaded.catalogue.recipes.map((r) => r.name)).toEqual(expect.arrayContaining(['bonfire', 'traefik']))
  })

  it('finds the bundled snapshot from the sources', () => {
    expect(bundledCataloguePath()).toBe(path.resolve(bundled))
  })

  it('offline mode skips the network', async () => {
    let called = false
    const loaded = await loadCatalogue({
      abraDir: tmp(),
      offline: true,
      bundled,
      fetch: (async () => {
        called = true
        return new Response('{}')
      }) as typeof fetch
    })
    expect(called).toBe(false)
    expect(loaded).toMatchObject({ source: 'bundled', warning: 'The recipe list was not downloaded. Showing the list that came with the app, which may be out of date.' })
  })
})
