// An app's certificate and domain, checked from this computer the way a
// visitor's browser would reach it. One resolver answers for both the
// domain and the server's own name, so both sides of the comparison come
// from one view of DNS. The server's addresses are looked up once a round.
import { Semaphore } from 'async-mutex'
import type { AppSummary } from '../contract/apps'
import type { ResolveOptions } from '../ssh/config'
import { checkCertificate, type CertificateResult } from './certificate'
import { checkDomain, serverAddresses, systemResolver, type DomainResolver, type DomainResult } from './dns'

export interface FromHereOptions {
  /** The system's DNS servers by default; tests point one at a DNS server on a loopback port. */
  resolver?: DomainResolver
  /** 443 by default. */
  port?: number
  /** Trusted roots instead of Node's bundled ones (tests use their own CA). */
  ca?: string | Buffer | Array<string | Buffer>
  /** The clock results are kept by (tests move it on). */
  now?: () => number
}

/**
 * How long an app's answer with nothing wrong is kept before it is asked
 * again, at most; each is kept for between three quarters of this and all
 * of it, so the questions of many apps spread over the rounds rather than
 * all coming due together. A certificate runs out over weeks (Health warns
 * 14 days ahead) and a domain rarely moves, while asking every round costs
 * a TLS handshake and a DNS question per app (500 a minute for 10 servers
 * of 50 apps: more CPU than the rest of the round) and looks like a scan to
 * the servers. An answer with anything wrong, or that couldn't be had, is
 * asked again every round, so a fix shows at the next look.
 */
export const FINE_KEPT_MS = 30 * 60_000

/**
 * A server's apps checked from here at the same time, at most. A round asks
 * about every app at once, and as many TLS handshakes and DNS questions at
 * one moment can take a laptop, its router or its DNS server past the checks'
 * short time limits, which would read as sites that can't be reached. Per
 * server, so a server whose sites are slow to answer holds no other up.
 */
export const AT_ONCE_PER_SERVER = 8

export interface FromHereDeps {
  /** The host a server is dialled by: its ~/.ssh/config alias or host name; undefined for this computer. */
  hostOf(server: string): Promise<string | undefined>
  ssh: ResolveOptions
}

/** Checks for one app, sharing each server's host and address lookup for a minute, and keeping an answer with nothing wrong for a while (FINE_KEPT_MS). */
export function fromHereChecker(deps: FromHereDeps, options: FromHereOptions = {}) {
  const resolver = options.resolver ?? systemResolver()
  const now = options.now ?? Date.now
  // Per server, for a minute: how it is dialled and its addresses. Every app
  // on it asks the same, each round; the servers folder and DNS are asked once.
  const known = new Map<string, { at: number; host: Promise<string | undefined>; addresses: Promise<string[]> }>()
  // Per server, for as long as the checker lives: the checks under way. Kept
  // apart from `known`, whose entry goes when a lookup fails: a new count
  // then would let more than AT_ONCE_PER_SERVER run at once.
  const turns = new Map<string, Semaphore>()
  const serverOf = (server: string) => {
    const cached = known.get(server)
    if (cached && now() - cached.at < 60_000) return cached
    const host = deps.hostOf(server)
    const addresses = host.then(async (h) => (h ? (await serverAddresses({ host: h, resolver, ssh: deps.ssh })).addresses : []))
    const entry = { at: now(), host, addresses }
    // A failed lookup is not kept: the next round asks again.
    addresses.catch(() => {
      if (known.get(server) === entry) known.delete(server)
    })
    known.set(server, entry)
    return entry
  }
  const turnsOf = (server: string): Semaphore => {
    let s = turns.get(server)
    if (!s) turns.set(server, (s = new Semaphore(AT_ONCE_PER_SERVER)))
    return s
  }
  // Answers with nothing wrong, by server and domain, until they are due again.
  const fine = new Map<string, { until: number; answer: { certificate: CertificateResult; domain: DomainResult } }>()
  // Answers past due are dropped once in a while, so an app removed since is not kept for ever.
  let sweptAt = now()
  const sweep = () => {
    const t = now()
    if (t - sweptAt < FINE_KEPT_MS) return
    sweptAt = t
    for (const [key, kept] of fine) if (t >= kept.until) fine.delete(key)
  }
  return async (app: AppSummary): Promise<{ certificate?: CertificateResult; domain?: DomainResult }> => {
    sweep()
    const key = `${app.server}/${app.domain}`
    const kept = fine.get(key)
    if (kept && now() < kept.until) return kept.answer
    fine.delete(key)
    const server = serverOf(app.server)
    // An app on this computer's own Docker has no public address to compare.
    if ((await server.host) === undefined) return {}
    const expected = await server.addresses
    const [domain, certificate] = await turnsOf(app.server).runExclusive(() =>
      Promise.all([
        checkDomain({ domain: app.domain, serverAddresses: expected, resolver }),
        checkCertificate({ domain: app.domain, resolver, ...(options.port ? { port: options.port } : {}), ...(options.ca ? { ca: options.ca } : {}) })
      ])
    )
    if (certificate.state === 'ok' && domain.state === 'ok') fine.set(key, { until: now() + FINE_KEPT_MS * (0.75 + Math.random() / 4), answer: { domain, certificate } })
    return { domain, certificate }
  }
}
