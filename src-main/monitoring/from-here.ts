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

/** Checks for one app, sharing each server's address lookup for a minute. */
export function fromHereChecker(deps: FromHereDeps, options: FromHereOptions = {}) {
  const resolver = options.resolver ?? systemResolver()
  const addresses = new Map<string, { at: number; addresses: Promise<string[]> }>()
  const addressesOf = (server: string): Promise<string[]> => {
    const known = addresses.get(server)
    if (known && Date.now() - known.at < 60_000) return known.addresses
    const found = deps.hostOf(server).then(async (host) => (host ? (await serverAddresses({ host, resolver, ssh: deps.ssh })).addresses : []))
    addresses.set(server, { at: Date.now(), addresses: found })
    return found
  }
  return async (app: AppSummary): Promise<{ certificate?: CertificateResult; domain?: DomainResult }> => {
    // An app on this computer's own Docker has no public address to compare.
    if ((await deps.hostOf(app.server)) === undefined) return {}
    const [domain, certificate] = await Promise.all([
      addressesOf(app.server).then((expected) => checkDomain({ domain: app.domain, serverAddresses: expected, resolver })),
      checkCertificate({ domain: app.domain, resolver, ...(options.port ? { port: options.port } : {}), ...(options.ca ? { ca: options.ca } : {}) })
    ])
    return { domain, certificate }
  }
}
