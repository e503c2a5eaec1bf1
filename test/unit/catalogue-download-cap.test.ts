// recipes.json comes from the network: its download is capped in bytes and
// in time (issue 9, defect 8). Served here by a real local HTTP server, read
// with the real fetch.
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CATALOGUE_LIMIT, catalogueCachePath, loadCatalogue } from '../../src-main/catalogue/store'

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-catalogue-cap-'))
const bundled = path.join(import.meta.dirname, '../../resources/catalogue/recipes.json')
const good = JSON.stringify({ hedgedoc: { name: 'hedgedoc', category: 'Apps', description: 'Notes together', versions: [] } })

interface Served {
  url: string
  /** Bytes the server managed to write before the client went away. */
  sent: () => number
  /** Resolves when the client has closed the connection. */
  closed: Promise<void>
}

const servers: http.Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((resolve) => s.close(resolve))
  }
})

async function serve(handle: (res: http.ServerResponse, count: (n: number) => void) => void): Promise<Served> {
  let sent = 0
  let onClose!: () => void
  const closed = new Promise<void>((resolve) => (onClose = resolve))
  const server = http.createServer((req, res) => {
    req.socket.on('close', onClose)
    handle(res, (n) => (sent += n))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/recipes.json`, sent: () => sent, closed }
}

/** The most a loopback connection's send and receive buffers can hold together. */
function socketBuffers(): number {
  const max = (file: string, fallback: number): number => {
    try {
      return Number(fs.readFileSync(file, 'utf8').trim().split(/\s+/)[2])
    } catch {
      return fallback
    }
  }
  return max('/proc/sys/net/ipv4/tcp_wmem', 4 << 20) + max('/proc/sys/net/ipv4/tcp_rmem', 32 << 20)
}

/** Resolves with `p`, or fails the test after `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_r, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))])
}

describe('recipes.json download limits', () => {
  it('refuses a response that declares more than the limit, without reading it', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(CATALOGUE_LIMIT + 1) })
      res.write('{')
    })
    const abraDir = tmp()
    const loaded = await loadCatalogue({ abraDir, url: s.url, bundled })
    expect(loaded.source).toBe('bundled')
    expect(loaded.warning).toBe(
      `The recipe list could not be downloaded from ${s.url} (it is larger than 16 MB, far more than a recipe list should be). Showing the list that came with the app, which may be out of date.`
    )
    await within(s.closed, 5000, 'the connection closing')
    expect(fs.existsSync(catalogueCachePath(abraDir))).toBe(false)
  })

  it('stops reading an endless answer at the limit and keeps the good copy it had', async () => {
    const abraDir = tmp()
    const first = await serve((res) => res.end(good))
    expect((await loadCatalogue({ abraDir, url: first.url, bundled })).source).toBe('network')

    // No length given: the server writes for as long as the client reads.
    const s = await serve((res, count) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = (): void => {
        while (!res.destroyed) {
          const more = res.write(chunk)
          count(chunk.length)
          if (!more) {
            res.once('drain', pump)
            return
          }
        }
      }
      res.on('close', () => res.removeAllListeners('drain'))
      pump()
    })
    const loaded = await loadCatalogue({ abraDir, url: s.url, bundled })
    expect(loaded.source).toBe('cache')
    expect(loaded.warning).toContain('(it is larger than 16 MB, far more than a recipe list should be)')
    await within(s.closed, 5000, 'the connection closing')
    // The server wrote the limit, plus at most what the kernel's socket
    // buffers can hold (they grow up to tcp_wmem's and tcp_rmem's maximum).
    expect(s.sent()).toBeGreaterThanOrEqual(CATALOGUE_LIMIT - 64 * 1024)
    expect(s.sent()).toBeLessThan(CATALOGUE_LIMIT + socketBuffers() + 1024 * 1024)
    expect(fs.readFileSync(catalogueCachePath(abraDir), 'utf8')).toBe(good)
  })

  it('gives up on a server that sends its answer too slowly', async () => {
    const s = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{')
      // One byte now and then: the answer never ends, but data keeps coming.
      const drip = setInterval(() => res.write(' '), 20)
      res.on('close', () => clearInterval(drip))
    })
    const loaded = await loadCatalogue({ abraDir: tmp(), url: s.url, bundled, timeoutMs: 500 })
    expect(loaded.source).toBe('bundled')
    expect(loaded.warning).toContain(`could not be downloaded from ${s.url} (it did not answer in time)`)
    await within(s.closed, 5000, 'the connection closing')
  })
})
