import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { domainCheckWords } from '../../src-main/apps/domain-check'
import { dnsServersFromEnv, judgeDomain, lookupAddresses, systemResolver } from '../../src-main/core/dns'
import { dnsServer, silentDns, type DnsServer } from '../support/monitoring-net'

// The check before a deploy (apps/domain-check.ts on core/dns.ts): how a
// lookup is judged against the server's addresses, the words for each
// outcome, and COOPCLOUD_DNS_SERVERS pointing the lookups at a DNS server
// on a loopback port.

const SERVER = ['203.0.113.5']

describe('judgeDomain', () => {
  it('is fine when every address of the families the server has is the server', () => {
    expect(judgeDomain('blog.example.org', { addresses: ['203.0.113.5'] }, SERVER)).toMatchObject({ state: 'ok', judged: ['203.0.113.5'] })
    // An IPv6 address the server might own is not judged when only its IPv4 one is known.
    expect(judgeDomain('blog.example.org', { addresses: ['203.0.113.5', '2001:db8::9'] }, SERVER).state).toBe('ok')
  })

  it('says "elsewhere", with the stray addresses, when any judged address is not the server', () => {
    expect(judgeDomain('blog.example.org', { addresses: ['198.51.100.7'] }, SERVER)).toMatchObject({ state: 'elsewhere', judged: ['198.51.100.7'], found: ['198.51.100.7'] })
    expect(judgeDomain('blog.example.org', { addresses: ['203.0.113.5', '198.51.100.7'] }, SERVER)).toMatchObject({ state: 'elsewhere', judged: ['198.51.100.7'] })
    // Only an IPv6 address, for a server known by IPv4: it can't be this server's as far as we know.
    expect(judgeDomain('blog.example.org', { addresses: ['2001:db8::9'] }, SERVER).state).toBe('elsewhere')
  })

  it('compares IPv6 addresses as addresses', () => {
    expect(judgeDomain('d.test', { addresses: ['2001:db8:0:0:0:0:0:1'] }, ['2001:db8::1']).state).toBe('ok')
  })

  it('says "missing" only when the resolver answered that there is no address', () => {
    expect(judgeDomain('d.test', { addresses: [], failure: 'missing' }, SERVER).state).toBe('missing')
  })

  it('never calls a domain wrong when the lookup failed or the server is unknown', () => {
    expect(judgeDomain('d.test', { addresses: [], failure: 'laptop' }, SERVER)).toMatchObject({ state: 'cant-check' })
    expect(judgeDomain('d.test', { addresses: ['198.51.100.7'] }, [])).toMatchObject({ state: 'cant-check', serverUnknown: true })
  })
})

describe('the words', () => {
  it('says which record to add, and where', () => {
    const words = domainCheckWords(judgeDomain('blog.example.org', { addresses: [], failure: 'missing' }, SERVER))
    expect(words).toContain('Add an A record for blog.example.org pointing to 203.0.113.5 at your domain provider.')
  })

  it('names an AAAA record for a server known only by IPv6', () => {
    expect(domainCheckWords(judgeDomain('v6.example.org', { addresses: [], failure: 'missing' }, ['2001:db8::1']))).toContain('AAAA record for v6.example.org pointing to 2001:db8::1')
  })

  it('says where the domain points instead, and which record to change', () => {
    const words = domainCheckWords(judgeDomain('blog.example.org', { addresses: ['198.51.100.7'] }, SERVER))
    expect(words).toContain('blog.example.org points to 198.51.100.7, not to this server (203.0.113.5). Change its A record to 203.0.113.5 at your domain provider.')
  })

  it('says it could not check, without blaming the domain', () => {
    const words = domainCheckWords(judgeDomain('blog.example.org', { addresses: [], failure: 'laptop' }, SERVER))
    expect(words).toMatch(/^Couldn't check the domain just now/)
    expect(words).not.toMatch(/record/)
  })
})

describe('COOPCLOUD_DNS_SERVERS', () => {
  it('takes ip and ip:port entries, IPv6 in brackets with a port, and leaves out what is no address', () => {
    expect(dnsServersFromEnv({ COOPCLOUD_DNS_SERVERS: ' 127.0.0.1:5353, ::1 ,[::1]:53,resolver.example:53,10.0.0.1:99999,, 192.0.2.1' })).toEqual(['127.0.0.1:5353', '::1', '[::1]:53', '192.0.2.1'])
    expect(dnsServersFromEnv({})).toEqual([])
  })

  describe('against DNS servers on loopback', () => {
    let dns: DnsServer
    let silent: DnsServer
    beforeAll(async () => {
      dns = await dnsServer({ 'blog.ccd.test': ['203.0.113.5', '2001:db8::5'], 'bare.ccd.test': [] })
      silent = await silentDns()
    })
    afterAll(async () => {
      await dns?.close()
      await silent?.close()
    })

    it('points the lookups at the named server', async () => {
      const resolver = systemResolver(2000, { COOPCLOUD_DNS_SERVERS: `127.0.0.1:${dns.port}` })
      expect(await lookupAddresses(resolver, 'blog.ccd.test', 2000)).toEqual({ addresses: ['203.0.113.5', '2001:db8::5'] })
      expect(await lookupAddresses(resolver, 'bare.ccd.test', 2000)).toEqual({ addresses: [], failure: 'missing' })
      expect(await lookupAddresses(resolver, 'nowhere.ccd.test', 2000)).toEqual({ addresses: [], failure: 'missing' })
    })

    it('gives up within its time limit when nobody answers, blaming the lookup', async () => {
      const resolver = systemResolver(600, { COOPCLOUD_DNS_SERVERS: `127.0.0.1:${silent.port}` })
      const started = Date.now()
      expect(await lookupAddresses(resolver, 'blog.ccd.test', 600)).toEqual({ addresses: [], failure: 'laptop' })
      expect(Date.now() - started).toBeLessThan(3000)
    })
  })
})
