import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkCertificate } from '../../src-main/monitoring/certificate'
import { setLanguage } from '../../src-main/i18n/i18n'
import { closedPort, daysFromNow, dnsServer, mutePort, Openssl, silentDns, tlsServer, type DnsServer, type Listening } from '../support/monitoring-net'

// Certificates as a member's browser would see them, from real TLS servers on
// loopback addresses presenting certificates openssl made, with each domain
// found through a real DNS server on a loopback port (the resolver override).
// Every case is checked for its state and for the words a person reads.

const longDate = (d: Date | string, lang = 'en') => new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(d))

const ssl = new Openssl()
const servers: Listening[] = []
let dns: DnsServer
let ca: string
// domain -> the port its server listens on (each on its own loopback address)
const ports: Record<string, number> = {}
let soonEnds: Date
let expiredEnded: Date

beforeAll(async () => {
  const now = Date.now()
  const local = ssl.authority('local', 'Test Co-op CA')
  const staging = ssl.authority('staging', "(STAGING) Let's Encrypt")
  ca = local.cert
  soonEnds = daysFromNow(3, now)
  expiredEnded = daysFromNow(-2, now)
  const sites: Array<[string, string, ReturnType<Openssl['leaf']>]> = [
    ['good.test', '127.0.0.2', ssl.leaf(local, 'good', ['good.test'], daysFromNow(-1, now), daysFromNow(60, now))],
    ['soon.test', '127.0.0.3', ssl.leaf(local, 'soon', ['soon.test'], daysFromNow(-87, now), soonEnds)],
    ['expired.test', '127.0.0.4', ssl.leaf(local, 'expired', ['expired.test'], daysFromNow(-92, now), expiredEnded)],
    ['wrong.test', '127.0.0.5', ssl.leaf(local, 'wrong', ['other.example', 'www.other.example'], daysFromNow(-1, now), daysFromNow(60, now))],
    ['selfsigned.test', '127.0.0.6', ssl.selfSigned('selfsigned', 'selfsigned.test', ['selfsigned.test'])],
    ['staging.test', '127.0.0.7', ssl.leaf(staging, 'staging-leaf', ['staging.test'], daysFromNow(-1, now), daysFromNow(60, now))],
    ['placeholder.test', '127.0.0.8', ssl.selfSigned('traefik', 'TRAEFIK DEFAULT CERT', ['0a1b2c.traefik.default'])]
  ]
  for (const [domain, address, pem] of sites) {
    const server = await tlsServer(address, pem)
    servers.push(server)
    ports[domain] = server.port
  }
  const mute = await mutePort('127.0.0.10')
  servers.push(mute)
  ports['mute.test'] = mute.port
  ports['down.test'] = await closedPort('127.0.0.9')
  dns = await dnsServer({
    ...Object.fromEntries(sites.map(([domain, address]) => [domain, [address]])),
    'down.test': ['127.0.0.9'],
    'mute.test': ['127.0.0.10']
  })
}, 60_000)

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await dns?.close()
  ssl.cleanup()
})

afterEach(() => setLanguage('en'))

const check = (domain: string, extra: { timeoutMs?: number; now?: Date } = {}) =>
  checkCertificate({ domain, port: ports[domain], ca, resolver: dns.resolver(), timeoutMs: 10_000, ...extra })

describe('checkCertificate', () => {
  it('passes a good certificate', async () => {
    const r = await check('good.test')
    expect(r).toMatchObject({ state: 'ok', issuer: 'Test Co-op CA', names: ['good.test'] })
    expect(r.daysLeft).toBe(60)
    expect(r.detail).toBe(`The certificate for good.test is valid until ${longDate(r.notAfter!)}.`)
  })

  it('warns of a certificate that runs out in 3 days', async () => {
    const r = await check('soon.test')
    expect(r).toMatchObject({ state: 'expiring', daysLeft: 3, notAfter: soonEnds.toISOString() })
    expect(r.detail).toBe(
      `The certificate for soon.test runs out in 3 days (${longDate(soonEnds)}). Traefik, on the server, renews it by itself well before this; as it hasn't, check that soon.test still points at the server and that the server accepts connections on ports 80 and 443.`
    )
  })

  it('says so in French too', async () => {
    setLanguage('fr')
    const r = await check('soon.test')
    expect(r.detail).toMatch(new RegExp(`^Le certificat de soon\\.test expire dans 3 jours \\(${longDate(soonEnds, 'fr')}\\)\\. Traefik`))
  })

  it('reads the threshold as a parameter', async () => {
    const r = await checkCertificate({ domain: 'soon.test', port: ports['soon.test'], ca, resolver: dns.resolver(), timeoutMs: 10_000, expiringWithinDays: 2 })
    expect(r.state).toBe('ok')
  })

  it('flags a certificate that has run out', async () => {
    const r = await check('expired.test')
    expect(r).toMatchObject({ state: 'expired', daysLeft: -2, notAfter: expiredEnded.toISOString() })
    expect(r.detail).toBe(
      `The certificate for expired.test ran out on ${longDate(expiredEnded)}. Visitors now get a security warning instead of the app. Check that expired.test still points at the server and that the server accepts connections on ports 80 and 443; Traefik then gets a new certificate by itself within a few minutes.`
    )
  })

  it('judges expiry by the clock it is given', async () => {
    const r = await check('good.test', { now: daysFromNow(55) })
    expect(r).toMatchObject({ state: 'expiring', daysLeft: 5 })
    expect((await check('good.test', { now: daysFromNow(61) })).state).toBe('expired')
    expect(await check('good.test', { now: daysFromNow(-3) })).toMatchObject({ state: 'untrusted', reason: 'not-yet-valid' })
  })

  it('flags a certificate made for another name', async () => {
    const r = await check('wrong.test')
    expect(r).toMatchObject({ state: 'wrong-name', names: ['other.example', 'www.other.example'] })
    expect(r.detail).toBe(
      'The site at wrong.test shows a certificate made for another name (other.example, www.other.example), so visitors get a security warning. Usually the domain points at a different server, or the app was deployed with another domain.'
    )
  })

  it('flags a self-signed certificate', async () => {
    const r = await check('selfsigned.test')
    expect(r).toMatchObject({ state: 'untrusted', reason: 'self-signed', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    expect(r.detail).toBe(
      "The certificate for selfsigned.test was made by the server itself (self-signed), so browsers don't trust it and visitors get a security warning. Let Traefik get one from Let's Encrypt instead."
    )
  })

  it("flags a certificate from Let's Encrypt's staging service", async () => {
    const r = await check('staging.test')
    expect(r).toMatchObject({ state: 'untrusted', reason: 'staging', issuer: "(STAGING) Let's Encrypt" })
    expect(r.detail).toMatch(/^The certificate for staging\.test is a test certificate from Let's Encrypt's practice service \(staging\)/)
  })

  it("explains Traefik's stand-in certificate", async () => {
    const r = await check('placeholder.test')
    expect(r).toMatchObject({ state: 'untrusted', reason: 'traefik-default' })
    expect(r.detail).toMatch(/^The site at placeholder\.test shows Traefik's stand-in certificate/)
  })

  it('says the site is down when its address refuses the connection', async () => {
    const r = await check('down.test')
    expect(r).toMatchObject({ state: 'unreachable', reason: 'refused', code: 'ECONNREFUSED' })
    expect(r.detail).toBe(
      `down.test refused the secure connection (port ${ports['down.test']}). The server's proxy (Traefik) may be stopped, or a firewall closes the port. Check the server's Traefik app.`
    )
  })

  it('gives up on a port that never speaks TLS, within the timeout', async () => {
    // Straight to the address: the short deadline then times the handshake alone, not a lookup too.
    const started = Date.now()
    const r = await checkCertificate({ domain: 'mute.test', address: '127.0.0.10', port: ports['mute.test'], ca, timeoutMs: 500 })
    expect(r).toMatchObject({ state: 'unreachable', reason: 'no-handshake' })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('points at the domain alert when the domain has no address', async () => {
    const r = await checkCertificate({ domain: 'nowhere.test', ca, resolver: dns.resolver(), timeoutMs: 10_000 })
    expect(r).toMatchObject({ state: 'unreachable', reason: 'no-address', code: 'ENOTFOUND' })
    expect(r.detail).toBe("nowhere.test doesn't lead to any server, so its certificate can't be checked. See the alert about the domain.")
  })

  it("says it can't check from here when the resolver doesn't answer, within the timeout", async () => {
    const silent = await silentDns()
    try {
      const started = Date.now()
      const r = await checkCertificate({ domain: 'good.test', port: ports['good.test'], ca, resolver: silent.resolver(300), timeoutMs: 1000 })
      expect(r.state).toBe('cant-check')
      expect(r.detail).toMatch(/^Can't check the certificate for good\.test from here: this computer seems to be offline/)
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      await silent.close()
    }
  })

  it('connects to a given address with the domain as SNI', async () => {
    const r = await checkCertificate({ domain: 'good.test', address: '127.0.0.2', port: ports['good.test'], ca, timeoutMs: 10_000 })
    expect(r.state).toBe('ok')
  })
})
