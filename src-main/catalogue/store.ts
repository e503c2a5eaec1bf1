import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { writeFileAtomic } from '../core/files'
import { sizeWords } from '../core/limits'
import { parseCatalogue, type Catalogue } from './format'
import { t } from '../i18n/i18n'

export const DEFAULT_CATALOGUE_URL = 'https://recipes.coopcloud.tech/recipes.json'
const TIMEOUT_MS = 10_000
// The real list is about 300 kB; a server (or a man in the middle) sending
// more than this is cut off rather than filling the memory.
export const CATALOGUE_LIMIT = 16 * 1024 * 1024
// Older than this, a cached catalogue is called out as possibly out of date.
const STALE_MS = 7 * 24 * 3600 * 1000

export type CatalogueSource = 'network' | 'cache' | 'bundled'

export interface LoadOptions {
  abraDir: string
  url?: string
  // Injected in tests; the global fetch otherwise.
  fetch?: typeof globalThis.fetch
  // The snapshot shipped with the app; found next to the code when left out.
  bundled?: string
  // The whole download, body included, must finish within this.
  timeoutMs?: number
  // Bytes read from the response before it is refused; CATALOGUE_LIMIT unless set (tests).
  maxBytes?: number
  // Skip the network and use the cache (or the snapshot).
  offline?: boolean
  now?: () => Date
}

export interface LoadedCatalogue {
  catalogue: Catalogue
  source: CatalogueSource
  // When the catalogue was downloaded (network and cache only).
  fetchedAt?: string
  // Plain words for the screen when the list may be out of date.
  warning?: string
}

// abra keeps its copy here too, so both read the same file.
export function catalogueCachePath(abraDir: string): string {
  return path.join(abraDir, 'catalogue', 'recipes.json')
}

// resources/ sits at the project root: two levels up from this file in the
// sources, fewer once built, so look upwards for it. A packaged app has it in
// Electron's resources folder (extraResources in build/electron-builder.yml).
export function bundledCataloguePath(from = import.meta.dirname): string | undefined {
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(path.join(packaged, 'catalogue', 'recipes.json'))) return path.join(packaged, 'catalogue', 'recipes.json')
  let dir = from
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'catalogue', 'recipes.json')
    if (existsSync(candidate)) return candidate
    const up = path.dirname(dir)
    if (up === dir) break
    dir = up
  }
  return undefined
}

function reason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return t('catalogue.noAnswerInTime')
  if (err instanceof Error) return err.cause instanceof Error ? err.cause.message : err.message
  return String(err)
}

// The deadline's signal covers the body too: a server that sends slowly is
// cut off after timeoutMs all the same. The body is read in pieces and
// counted, and refused as soon as it passes maxBytes.
async function download(url: string, fetchFn: typeof globalThis.fetch, timeoutMs: number, maxBytes: number): Promise<string> {
  const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(t('catalogue.serverAnswered', { status: `${res.status}${res.statusText ? ` ${res.statusText}` : ''}` }))
  const tooBig = t('catalogue.tooBig', { size: sizeWords(maxBytes) })
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw new Error(tooBig)
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new Error(tooBig)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

// Network first; the cache when offline; the bundled snapshot when there is
// no cache. Only a catalogue that parses replaces the cache, so a broken
// download never destroys a good copy.
export async function loadCatalogue(options: LoadOptions): Promise<LoadedCatalogue> {
  const url = options.url ?? DEFAULT_CATALOGUE_URL
  const cacheFile = catalogueCachePath(options.abraDir)
  const now = options.now ?? (() => new Date())
  let failure: string | undefined

  if (!options.offline) {
    try {
      const text = await download(url, options.fetch ?? globalThis.fetch, options.timeoutMs ?? TIMEOUT_MS, options.maxBytes ?? CATALOGUE_LIMIT)
      const catalogue = parseCatalogue(text)
      await fs.mkdir(path.dirname(cacheFile), { recursive: true })
      await writeFileAtomic(cacheFile, text, 0o644)
      return { catalogue, source: 'network', fetchedAt: now().toISOString() }
    } catch (err) {
      failure = t('catalogue.downloadFailed', { url, reason: reason(err) })
    }
  }

  const cached = await readCache(cacheFile)
  if (cached) {
    const age = now().getTime() - cached.mtime.getTime()
    const when = cached.mtime.toISOString().slice(0, 10)
    const stale = t(age > STALE_MS ? 'catalogue.downloadedOnStale' : 'catalogue.downloadedOn', { date: when })
    const lead = failure ? `${failure} ${t('catalogue.showingSaved')}` : t('catalogue.showingSaved')
    return { catalogue: cached.catalogue, source: 'cache', fetchedAt: cached.mtime.toISOString(), warning: `${lead} ${stale}` }
  }

  const bundled = options.bundled ?? bundledCataloguePath()
  if (!bundled) throw new Error(`${failure ?? ''} ${t('catalogue.noCopy')}`.trim())
  const catalogue = parseCatalogue(await fs.readFile(bundled, 'utf8'))
  const lead = failure ?? t('catalogue.notDownloaded')
  return { catalogue, source: 'bundled', warning: `${lead} ${t('catalogue.showingBundled')}` }
}

// A missing or unreadable cache is the same as none: the snapshot still works.
async function readCache(file: string): Promise<{ catalogue: Catalogue; mtime: Date } | undefined> {
  try {
    const stat = await fs.stat(file)
    // Only a download under the limit is ever saved; a bigger file was put there by something else.
    if (stat.size > CATALOGUE_LIMIT) return undefined
    const text = await fs.readFile(file, 'utf8')
    return { catalogue: parseCatalogue(text), mtime: stat.mtime }
  } catch {
    return undefined
  }
}
