// Health's checks from this computer, app by app: an answer with nothing
// wrong is kept for a while (a TLS handshake and a DNS question per app and
// round would cost more than the rest of the round), anything else is asked
// again at the next look. Real TLS servers and a real DNS server on loopback
// addresses; the handshakes are counted where they arrive.

import net from 'node:net'
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppSummary } from '../../src-main/contract/apps'
import { AT_ONCE_PER_SERVER, FINE_KEPT_MS, fromHereChecker } from '../../src-main/monitoring/from-here'
import { daysFromNow, dnsServer, Openssl, type DnsServer } from '../support/monitoring-net'

const ssl = new Openssl()
const sites: Array<{ server: tls.Server; handshakes: number }> = []
let dns: DnsServer
let ca: string
let port: number

/** A TLS server on `host`:`at` (0: any port) presenting `pem`, counting the connections it takes (one per check). */
async function site(host: string, pem: { key: string; cert: string }, at: number): Promise<{ server: tls.Server; handshakes: number; port: number }> {
  const s = { server: tls.createServer({ key: pem.key, cert: pem.cert }), handshakes: 0, port: 0 }
  s.server.on('tlsClientError', () => {})
  // Counted when the connection is taken, which is before the server can
  // answer the hello: by the time a check has its answer, its visit is counted.
  s.server.on('connection', (socket: net.Socket) => {
    s.handshakes++
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve, reject) => s.server.once('error', reject).listen(at, host, resolve))
  s.port = (s.server.address() as net.AddressInfo).port
  sites.push(s)
  return s
}

let good: Awaited<ReturnType<typeof site>>
let soon: Awaited<ReturnType<typeof site>>

beforeAll(async () => {
  const local = ssl.authority('local', 'Test Co-op CA')
  ca = local.cert
  good = await site('127.0.0.2', ssl.leaf(local, 'good', ['good.test'], daysFromNow(-1), daysFromNow(60)), 0)
  port = good.port
  // The checker dials one port for every domain: the same number on another address.
  soon = await site('127.0.0.3', ssl.leaf(local, 'soon', ['soon.test'], daysFromNow(-87), daysFromNow(3)), port)
  dns = await dnsServer({ 'good.test': ['127.0.0.2'], 'soon.test': ['127.0.0.3'], 'server.test': ['127.0.0.2', '127.0.0.3'] })
}, 60_000)

afterAll(async () => {
  for (const s of sites) s.server.close()
  await dns?.close()
  ssl.cleanup()
})

const app = (domain: string): AppSummary => ({ server: 'box', domain }) as AppSummary

describe('checks from this computer', () => {
  it('keeps an answer with nothing wrong until it is due, and asks again every time about one with something wrong', async () => {
    let clock = Date.now()
    const check = fromHereChecker({ hostOf: async () => 'server.test', ssh: { home: '/nonexistent', env: {} } }, { resolver: dns.resolver(), port, ca, now: () => clock })

    const first = await check(app('good.test'))
    expect(first.certificate?.state).toBe('ok')
    expect(first.domain?.state).toBe('ok')
    expect(good.handshakes).toBe(1)
    // The next rounds, within the time it is kept: the same answer, no new handshake.
    clock += 60_000
    expect(await check(app('good.test'))).toEqual(first)
    clock += FINE_KEPT_MS * 0.75 - 120_000
    await check(app('good.test'))
    expect(good.handshakes).toBe(1)
    // Past the longest it may be kept: asked again.
    clock += FINE_KEPT_MS
    expect((await check(app('good.test'))).certificate?.state).toBe('ok')
    expect(good.handshakes).toBe(2)

    // A certificate about to run out is looked at every round, so renewing it clears the warning at the next look.
    expect((await check(app('soon.test'))).certificate?.state).toBe('expiring')
    clock += 60_000
    expect((await check(app('soon.test'))).certificate?.state).toBe('expiring')
    expect(soon.handshakes).toBe(2)
  })

  it('checks at most a few of a server\'s apps at once, each server on its own', async () => {
    // Sites that take the connection and say nothing until let go.
    const held = new Set<net.Socket>()
    let seen = 0
    const mute = net.createServer((socket) => {
      seen++
      held.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => held.delete(socket))
    })
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.4', resolve))
    const names = Array.from({ length: 20 }, (_, i) => `m${i}.test`)
    const quiet = await dnsServer(Object.fromEntries([...names.map((n) => [n, ['127.0.0.4']]), ['server.test', ['127.0.0.4']]]))
    try {
      const check = fromHereChecker({ hostOf: async () => 'server.test', ssh: { home: '/nonexistent', env: {} } }, { resolver: quiet.resolver(), port: (mute.address() as net.AddressInfo).port, ca })
      const until = async (what: () => boolean) => {
        for (const end = Date.now() + 10_000; !what(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() > end) throw new Error(`waited in vain; ${seen} connections`)
      }
      const s1 = Promise.all(names.map((domain) => check({ server: 's1', domain } as AppSummary)))
      // Another server's apps are not held up behind s1's.
      const s2 = Promise.all(names.slice(0, 2).map((domain) => check({ server: 's2', domain } as AppSummary)))
      await until(() => held.size === AT_ONCE_PER_SERVER + 2)
      await new Promise((r) => setTimeout(r, 200))
      expect(held.size).toBe(AT_ONCE_PER_SERVER + 2)
      // As sites answer (here: hang up), the next ones are asked.
      for (const socket of held) socket.destroy()
      await until(() => seen === 2 * AT_ONCE_PER_SERVER + 2)
      // Then let every site answer, until all 22 have been asked and none is held.
      await until(() => {
        for (const socket of held) socket.destroy()
        return seen === 22 && held.size === 0
      })
      const answers = [...(await s1), ...(await s2)]
      expect(answers).toHaveLength(22)
      expect(seen).toBe(22)
      expect(answers.every((a) => a.certificate?.state === 'unreachable')).toBe(true)
    } finally {
      mute.close()
      await quiet.close()
    }
  }, 20_000)

  it('keeps counting a server\'s checks under way when a lookup of the server fails in between', async () => {
    const held = new Set<net.Socket>()
    const mute = net.createServer((socket) => {
      held.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => held.delete(socket))
    })
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.5', resolve))
    const names = Array.from({ length: 16 }, (_, i) => `f${i}.test`)
    const quiet = await dnsServer(Object.fromEntries([...names.map((n) => [n, ['127.0.0.5']]), ['server.test', ['127.0.0.5']]]))
    let clock = Date.now()
    let lookups = 0
    // The second look at how the server is dialled fails (its folder unreadable for a moment).
    const hostOf = async () => {
      if (++lookups === 2) throw new Error('servers folder unreadable')
      return 'server.test'
    }
    try {
      const check = fromHereChecker({ hostOf, ssh: { home: '/nonexistent', env: {} } }, { resolver: quiet.resolver(), port: (mute.address() as net.AddressInfo).port, ca, now: () => clock })
      const until = async (what: () => boolean) => {
        for (const end = Date.now() + 10_000; !what(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() > end) throw new Error(`waited in vain; ${held.size} held`)
      }
      const first = Promise.all(names.slice(0, 10).map((domain) => check({ server: 's1', domain } as AppSummary)))
      await until(() => held.size === AT_ONCE_PER_SERVER)
      // A minute on, the server is looked up again, and that lookup fails.
      clock += 61_000
      await expect(check({ server: 's1', domain: names[10] } as AppSummary)).rejects.toThrow('unreadable')
      // The next checks look it up once more; those already under way still count.
      const more = Promise.all(names.slice(11).map((domain) => check({ server: 's1', domain } as AppSummary)))
      await new Promise((r) => setTimeout(r, 300))
      expect(held.size).toBe(AT_ONCE_PER_SERVER)
      // Let every site answer (hang up) until all the checks are done.
      let done = false
      const all = Promise.all([first, more]).finally(() => (done = true))
      await until(() => {
        for (const socket of held) socket.destroy()
        return done
      })
      const [a, b] = await all
      expect([...a, ...b].every((r) => r.certificate?.state === 'unreachable')).toBe(true)
      expect(a.length + b.length).toBe(15)
    } finally {
      for (const socket of held) socket.destroy()
      mute.close()
      await quiet.close()
    }
  }, 30_000)
})
