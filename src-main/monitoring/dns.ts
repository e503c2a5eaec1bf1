// Does an app's domain lead to its server? Asked from the laptop, the way a
// member's browser would ask, and compared with the server's own addresses.
import { promises as dnsPromises } from 'node:dns'
import net from 'node:net'
import { t } from '../i18n/i18n'
import { resolveSshHost, type ResolveOptions } from '../ssh/config'
import { blameLookup, errorCode } from './offline'

/** What the checks ask of a resolver: node:dns's promises Resolver has it. */
export type DomainResolver = Pick<dnsPromises.Resolver, 'resolve4' | 'resolve6'>

export const DNS_TIMEOUT_MS = 3000

/**
 * The system's DNS servers (from /etc/resolv.conf or the OS), with a short
 * timeout: one try each, so an offline laptop says so within seconds.
 */
export function systemResolver(timeoutMs = DNS_TIMEOUT_MS): DomainResolver {
  return new dnsPromises.Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / 2)), tries: 1 })
}

export type DomainState = 'ok' | 'elsewhere' | 'missing' | 'cant-check'

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

interface Answer {
  addresses: string[]
  /** Set when the question failed; 'missing' means the resolver said there is no such record. */
  failure?: 'missing' | 'laptop'
}

// One question, never rejecting: the caller weighs both families together.
async function ask(resolver: DomainResolver, name: string, family: 4 | 6): Promise<Answer> {
  try {
    return { addresses: family === 4 ? await resolver.resolve4(name) : await resolver.resolve6(name) }
  } catch (err) {
    const blame = blameLookup(errorCode(err))
    return { addresses: [], failure: blame === 'missing' ? 'missing' : 'laptop' }
  }
}

// A late answer after the deadline is dropped: a slow resolver never delays
// the round (the resolver's own timeout ends the query soon after).
function withDeadline<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late), ms)))
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

// Both families at once. 'missing' only when the resolver said so for both;
// if one family failed for the laptop's reasons and the other has nothing,
// we can't tell, so the laptop is blamed.
async function lookupBoth(resolver: DomainResolver, name: string, timeoutMs: number): Promise<Answer> {
  const late: Answer = { addresses: [], failure: 'laptop' }
  const [v4, v6] = await withDeadline(Promise.all([ask(resolver, name, 4), ask(resolver, name, 6)]), timeoutMs, [late, late])
  const addresses = [...v4.addresses, ...v6.addresses]
  if (addresses.length > 0) return { addresses }
  return { addresses, failure: v4.failure === 'missing' && v6.failure === 'missing' ? 'missing' : 'laptop' }
}

/** Sets of addresses compared as addresses, so "::1" and "0:0:0:0:0:0:0:1" are the same. */
function addressSet(addresses: string[]): (address: string) => boolean {
  const list = new net.BlockList()
  for (const a of addresses) {
    const family = net.isIP(a)
    if (family) list.addAddress(a, family === 4 ? 'ipv4' : 'ipv6')
  }
  return (a) => {
    const family = net.isIP(a)
    return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6')
  }
}

/**
 * Does `domain` resolve to the server? `serverAddresses` are the server's
 * addresses (see serverAddresses below for a server known by name or alias).
 *
 * A family (IPv4, IPv6) is judged only if the server has an address of that
 * family we know of: a server known by its IPv4 address may well own the
 * domain's IPv6 address too, and calling that "elsewhere" would be a false
 * alarm. Every judged address must be the server's: one A record pointing at
 * an old machine sends some visitors there.
 */
export async function checkDomain(opts: {
  domain: string
  serverAddresses: string[]
  resolver: DomainResolver
  timeoutMs?: number
}): Promise<DomainResult> {
  const { domain, serverAddresses: expected, resolver } = opts
  const answer = await lookupBoth(resolver, domain, opts.timeoutMs ?? DNS_TIMEOUT_MS)
  const found = answer.addresses
  const base = { domain, found, expected }
  // Without the server's addresses there is nothing to compare with.
  if (expected.length === 0) return { ...base, state: 'cant-check', detail: t('monitoring.domain.serverUnknown', { domain }) }
  if (answer.failure === 'laptop') return { ...base, state: 'cant-check', detail: t('monitoring.domain.cantCheck', { domain }) }
  if (answer.failure === 'missing' || found.length === 0) {
    return { ...base, state: 'missing', detail: t('monitoring.domain.missing', { domain, expected: expected.join(', ') }) }
  }
  const isServers = addressSet(expected)
  const knownFamilies = new Set(expected.map((a) => net.isIP(a)).filter((f) => f !== 0))
  const judged = found.filter((a) => knownFamilies.has(net.isIP(a)))
  const stray = judged.length === 0 ? found : judged.filter((a) => !isServers(a))
  if (stray.length === 0) return { ...base, state: 'ok', detail: t('monitoring.domain.ok', { domain, addresses: judged.join(', ') }) }
  return { ...base, state: 'elsewhere', detail: t('monitoring.domain.elsewhere', { domain, found: stray.join(', '), expected: expected.join(', ') }) }
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
  if (net.isIP(hostname)) return { state: 'ok', hostname, addresses: [hostname] }
  const answer = await lookupBoth(opts.resolver, hostname, opts.timeoutMs ?? DNS_TIMEOUT_MS)
  if (answer.failure) return { state: answer.failure === 'missing' ? 'missing' : 'cant-check', hostname, addresses: [] }
  return { state: 'ok', hostname, addresses: answer.addresses }
}
