// Does an app's domain lead to its server? Asked from the laptop, the way a
// member's browser would ask, and compared with the server's own addresses.
import { compareDomain, hostAddresses, type DomainResolver, type DomainState } from '../core/dns'
import { t } from '../i18n/i18n'
import { resolveSshHost, type ResolveOptions } from '../ssh/config'

// The lookups and the decision are shared with the apps' check before a
// deploy (core/dns.ts); Health words them here.
export { DNS_TIMEOUT_MS, systemResolver, type DomainResolver, type DomainState } from '../core/dns'

export interface DomainResult {
  state: DomainState
  domain: string
  /** The addresses the domain has now (IPv4 first). */
  found: string[]
  /** The server's addresses it should have. */
  expected: string[]
  /** What happened and what to do, in the person's language. */
  detail: string
}

/**
 * Does `domain` resolve to the server? `serverAddresses` are the server's
 * addresses (see serverAddresses below for a server known by name or alias).
 * How it is decided: judgeDomain in core/dns.ts.
 */
export async function checkDomain(opts: {
  domain: string
  serverAddresses: string[]
  resolver: DomainResolver
  timeoutMs?: number
}): Promise<DomainResult> {
  const a = await compareDomain(opts)
  const { domain, expected } = a
  const base = { state: a.state, domain, found: a.found, expected }
  switch (a.state) {
    case 'cant-check':
      return { ...base, detail: a.serverUnknown ? t('monitoring.domain.serverUnknown', { domain }) : t('monitoring.domain.cantCheck', { domain }) }
    case 'missing':
      return { ...base, detail: t('monitoring.domain.missing', { domain, expected: expected.join(', ') }) }
    case 'ok':
      return { ...base, detail: t('monitoring.domain.ok', { domain, addresses: a.judged.join(', ') }) }
    case 'elsewhere':
      return { ...base, detail: t('monitoring.domain.elsewhere', { domain, found: a.judged.join(', '), expected: expected.join(', ') }) }
  }
}

export interface ServerAddresses {
  state: 'ok' | 'missing' | 'cant-check'
  /** The host name the addresses are for, after ~/.ssh/config's HostName. */
  hostname: string
  addresses: string[]
}

/**
 * The addresses of a server known by an IP address, a host name or an
 * ~/.ssh/config alias: the alias becomes its HostName the way the servers'
 * connections read it (resolveSshHost), then the same resolver the domains
 * are checked with answers for it, so both sides of the comparison come
 * from one view of DNS.
 */
export async function serverAddresses(opts: {
  host: string
  resolver: DomainResolver
  /** Where ~/.ssh/config is (the core's home), as the servers' connections pass it. */
  ssh?: ResolveOptions
  timeoutMs?: number
}): Promise<ServerAddresses> {
  const hostname = resolveSshHost({ host: opts.host }, opts.ssh).hostname
  return { hostname, ...(await hostAddresses({ hostname, resolver: opts.resolver, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })) }
}
