import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDomain, serverAddresses } from '../../src-main/monitoring/dns'
import { blameConnect, blameLookup, errorCode } from '../../src-main/monitoring/offline'
import { closedPort, dnsServer, silentDns, type DnsServer } from '../support/monitoring-net'

// Domains looked up through a real DNS server on a loopback port, compared
// with the server's addresses; and the rule that tells "the laptop can't
// check" from "the site is down".

let dns: DnsServer
const SERVER = ['127.0.0.2', '::ffff:7f00:2']

beforeAll(async () => {
  dns = await dnsServer({
    'cloud.test': ['127.0.0.2'],
    'dual.test': ['127.0.0.2', '0:0:0:0:0:ffff:7f00:2'],
    'moved.test': ['127.0.0.3'],
    'half.test': ['127.0.0.2', '127.0.0.3'],
    'v6only.test': ['::ffff:7f00:99'],
    'nothing.test': [],
    'box.test': ['127.0.0.2', '::1']
  })
})

afterAll(async () => {
  await dns?.close()
})

const check = (domain: string, serverAddresses = SERVER) => checkDomain({ domain, serverAddresses, resolver: dns.resolver() })

describe('checkDomain', () => {
  it('is fine when the domain points at the server', async () => {
    const r = await check('cloud.test')
    expect(r).toEqual({
      state: 'ok',
      domain: 'cloud.test',
      found: ['127.0.0.2'],
      expected: SERVER,
      detail: 'cloud.test points at the server (127.0.0.2).'
    })
  })

  it('compares IPv6 addresses as addresses, not as text', async () => {
    expect((await check('dual.test')).state).toBe('ok')
  })

  it('flags a domain that points at another address', async () => {
    const r = await check('moved.test')
    expect(r).toMatchObject({ state: 'elsewhere', found: ['127.0.0.3'] })
    expect(r.detail).toBe(
      "moved.test points at 127.0.0.3, not at the server (127.0.0.2, ::ffff:7f00:2). Visitors may reach another machine, and the certificate may not be renewed. At your domain provider, change the domain's record to 127.0.0.2, ::ffff:7f00:2. If you use a service such as Cloudflare in front of the server on purpose, you can ignore this."
    )
  })

  it('flags a domain where one of its addresses is elsewhere', async () => {
    const r = await check('half.test')
    expect(r).toMatchObject({ state: 'elsewhere', found: ['127.0.0.2', '127.0.0.3'] })
    expect(r.detail).toMatch(/^half\.test points at 127\.0\.0\.3, not at the server/)
  })

  it('judges only the families the server has known addresses in', async () => {
    // A server known by its IPv4 address may own the domain's IPv6 address too.
    expect((await check('box.test', ['127.0.0.2'])).state).toBe('ok')
    // With no address of a family the server is known in, the domain is elsewhere.
    expect((await check('v6only.test', ['127.0.0.2'])).state).toBe('elsewhere')
  })

  it('flags a domain with no address (NXDOMAIN)', async () => {
    const r = await check('gone.test')
    expect(r).toMatchObject({ state: 'missing', found: [] })
    expect(r.detail).toBe(
      "gone.test doesn't lead anywhere: no address is set for it. At your domain provider, add a record for gone.test pointing at 127.0.0.2, ::ffff:7f00:2. A new record can take up to an hour to be seen everywhere."
    )
  })

  it('flags a name that exists with no address records (NODATA)', async () => {
    expect((await check('nothing.test')).state).toBe('missing')
  })

  it("says it can't check when the resolver doesn't answer, within the timeout", async () => {
    const silent = await silentDns()
    try {
      const started = Date.now()
      const r = await checkDomain({ domain: 'cloud.test', serverAddresses: SERVER, resolver: silent.resolver(300), timeoutMs: 1000 })
      expect(r).toMatchObject({ state: 'cant-check', found: [] })
      expect(r.detail).toMatch(/^Can't check where cloud\.test points from here: this computer couldn't reach its DNS server/)
      expect(Date.now() - started).toBeLessThan(3000)
      // The deadline holds even if the resolver's own timeout is longer.
      const slow = Date.now()
      expect((await checkDomain({ domain: 'cloud.test', serverAddresses: SERVER, resolver: silent.resolver(10_000), timeoutMs: 400 })).state).toBe('cant-check')
      expect(Date.now() - slow).toBeLessThan(3000)
    } finally {
      await silent.close()
    }
  })

  it("says it can't check when no resolver is listening", async () => {
    const { promises } = await import('node:dns')
    const resolver = new promises.Resolver({ timeout: 1000, tries: 1 })
    resolver.setServers([`127.0.0.1:${await closedPort('127.0.0.1')}`])
    expect((await checkDomain({ domain: 'cloud.test', serverAddresses: SERVER, resolver, timeoutMs: 3000 })).state).toBe('cant-check')
  })

  it("can't compare without the server's addresses", async () => {
    expect((await check('cloud.test', [])).state).toBe('cant-check')
  })
})

describe('serverAddresses', () => {
  it('takes an IP address as it is', async () => {
    expect(await serverAddresses({ host: '203.0.113.7', resolver: dns.resolver(), ssh: { configText: '' } })).toEqual({
      state: 'ok',
      hostname: '203.0.113.7',
      addresses: ['203.0.113.7']
    })
  })

  it('resolves an ~/.ssh/config alias through its HostName, with the same resolver', async () => {
    const ssh = { configText: 'Host coop\n  HostName box.test\n  User admin\n' }
    expect(await serverAddresses({ host: 'coop', resolver: dns.resolver(), ssh })).toEqual({ state: 'ok', hostname: 'box.test', addresses: ['127.0.0.2', '::1'] })
    const r = await serverAddresses({ host: 'coop', resolver: dns.resolver(), ssh })
    expect((await checkDomain({ domain: 'cloud.test', serverAddresses: r.addresses, resolver: dns.resolver() })).state).toBe('ok')
  })

  it('tells a missing name from a resolver that does not answer', async () => {
    expect((await serverAddresses({ host: 'gone.test', resolver: dns.resolver(), ssh: { configText: '' } })).state).toBe('missing')
    const silent = await silentDns()
    try {
      expect((await serverAddresses({ host: 'box.test', resolver: silent.resolver(300), ssh: { configText: '' }, timeoutMs: 1000 })).state).toBe('cant-check')
    } finally {
      await silent.close()
    }
  })
})

describe('who is blamed for a failure (offline.ts)', () => {
  it('blames the laptop when the resolver fails, and the domain only when it says there is no such name', () => {
    for (const code of ['ETIMEOUT', 'ECONNREFUSED', 'ESERVFAIL', 'EREFUSED', 'EAI_AGAIN', 'ECANCELLED', undefined]) expect(blameLookup(code), String(code)).toBe('laptop')
    for (const code of ['ENOTFOUND', 'ENODATA']) expect(blameLookup(code), code).toBe('missing')
  })
  it('blames the laptop for having no route, and the site for everything after the lookup', () => {
    for (const code of ['ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']) expect(blameConnect(code), code).toBe('laptop')
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']) expect(blameConnect(code), code).toBe('site')
  })
  it('finds the code inside an AggregateError (one error per address tried)', () => {
    const err = new AggregateError([Object.assign(new Error('x'), { code: 'ENETUNREACH' }), Object.assign(new Error('y'), { code: 'ETIMEDOUT' })])
    expect(errorCode(err)).toBe('ENETUNREACH')
  })
})
