// An app's certificate and domain, checked from this computer the way a
// visitor's browser would reach it. One resolver answers for both the
// domain and the server's own name, so both sides of the comparison come
// from one view of DNS. The server's addresses are looked up once a round.
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
}

export interface FromHereDeps {
  /** The host a server is dialled by: its ~/.ssh/config alias or host name; undefined for this computer. */
  hostOf(server: string): Promise<string | undefined>
  ssh: ResolveOptions
}

/** Checks for one app, sharing each server's host and address lookup for a minute. */
export function fromHereChecker(deps: FromHereDeps, options: FromHereOptions = {}) {
  const resolver = options.resolver ?? systemResolver()
  // Per server, for a minute: how it is dialled and its addresses. Every app
  // on it asks the same, each round; the servers folder and DNS are asked once.
  const known = new Map<string, { at: number; host: Promise<string | undefined>; addresses: Promise<string[]> }>()
  const serverOf = (server: string) => {
    const cached = known.get(server)
    if (cached && Date.now() - cached.at < 60_000) return cached
    const host = deps.hostOf(server)
    const addresses = host.then(async (h) => (h ? (await serverAddresses({ host: h, resolver, ssh: deps.ssh })).addresses : []))
    // A failed lookup is not kept: the next round asks again.
    addresses.catch(() => known.delete(server))
    const entry = { at: Date.now(), host, addresses }
    known.set(server, entry)
    return entry
  }
  return async (app: AppSummary): Promise<{ certificate?: CertificateResult; domain?: DomainResult }> => {
    const server = serverOf(app.server)
    // An app on this computer's own Docker has no public address to compare.
    if ((await server.host) === undefined) return {}
    const [domain, certificate] = await Promise.all([
      server.addresses.then((expected) => checkDomain({ domain: app.domain, serverAddresses: expected, resolver })),
      checkCertificate({ domain: app.domain, resolver, ...(options.port ? { port: options.port } : {}), ...(options.ca ? { ca: options.ca } : {}) })
    ])
    return { domain, certificate }
  }
}
