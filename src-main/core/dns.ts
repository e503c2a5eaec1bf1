// DNS questions asked from this computer, shared by Health (monitoring/dns.ts:
// does each app's domain still lead to its server?) and the apps (the check
// before a deploy, apps/domain-check.ts). Only the lookups and the decision
// live here; each feature says the result in its own words.
import { promises as dnsPromises } from 'node:dns'
import net from 'node:net'

/** What the checks ask of a resolver: node:dns's promises Resolver has it. */
export type DomainResolver = Pick<dnsPromises.Resolver, 'resolve4' | 'resolve6'>

export const DNS_TIMEOUT_MS = 3000

/**
 * Points every lookup made here at the given DNS servers instead of the
 * system's: a comma list of ip or ip:port ([v6]:port for IPv6 with a port).
 * The tests use it to answer from a DNS server on a loopback port.
 */
export const DNS_SERVERS_ENV = 'COOPCLOUD_DNS_SERVERS'

/** The servers COOPCLOUD_DNS_SERVERS names, in the form Resolver.setServers takes; entries that are no address are left out. */
export function dnsServersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = []
  for (const raw of (env[DNS_SERVERS_ENV] ?? '').split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry)
    const withPort = /^([^:]+):(\d{1,5})$/.exec(entry)
    const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : withPort ? [withPort[1], withPort[2]] : [entry, undefined]
    if (!net.isIP(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) continue
    out.push(port === undefined ? host : net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`)
  }
  return out
}

/**
 * The system's DNS servers (from /etc/resolv.conf or the OS), or those
 * COOPCLOUD_DNS_SERVERS names, with a short timeout: one try each, so an
 * offline laptop says so within seconds.
 */
export function systemResolver(timeoutMs = DNS_TIMEOUT_MS, env: NodeJS.ProcessEnv = process.env): DomainResolver {
  const resolver = new dnsPromises.Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / 2)), tries: 1 })
  const servers = dnsServersFromEnv(env)
  if (servers.length > 0) resolver.setServers(servers)
  return resolver
}

const NO_SUCH_NAME = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA'])

/** The error's code, also from an AggregateError (one per address tried). */
export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] } | undefined
  if (typeof e?.code === 'string') return e.code
  if (Array.isArray(e?.errors)) for (const inner of e.errors) {
    const code = errorCode(inner)
    if (code) return code
  }
  return undefined
}

/** The resolver answered, and the answer is that the name has no address (NXDOMAIN, or no record of that kind). */
export function isNoSuchName(code: string | undefined): boolean {
  return code !== undefined && NO_SUCH_NAME.has(code)
}

export interface Lookup {
  addresses: string[]
  /** Set when the question failed; 'missing' means the resolver said there is no such record, 'laptop' that no answer could be had. */
  failure?: 'missing' | 'laptop'
}

// One question, never rejecting: the caller weighs both families together.
async function ask(resolver: DomainResolver, name: string, family: 4 | 6): Promise<Lookup> {
  try {
    return { addresses: family === 4 ? await resolver.resolve4(name) : await resolver.resolve6(name) }
  } catch (err) {
    return { addresses: [], failure: isNoSuchName(errorCode(err)) ? 'missing' : 'laptop' }
  }
}

// A late answer after the deadline is dropped: a slow resolver never delays
// the caller (the resolver's own timeout ends the query soon after).
function withDeadline<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late), ms)))
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

/**
 * A name's A and AAAA records, asked at once (IPv4 first in the answer).
 * 'missing' only when the resolver said so for both; if one family failed
 * for the laptop's reasons and the other has nothing, we can't tell, so the
 * laptop is blamed.
 */
export async function lookupAddresses(resolver: DomainResolver, name: string, timeoutMs = DNS_TIMEOUT_MS): Promise<Lookup> {
  const late: Lookup = { addresses: [], failure: 'laptop' }
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

export type DomainState = 'ok' | 'elsewhere' | 'missing' | 'cant-check'

export interface DomainAnswer {
  state: DomainState
  domain: string
  /** The addresses the domain has now (IPv4 first). */
  found: string[]
  /** The server's addresses it should have. */
  expected: string[]
  /** 'ok': the server's addresses it has; 'elsewhere': those that aren't the server's. */
  judged: string[]
  /** 'cant-check' because the server's own addresses are unknown (rather than no answer about the domain). */
  serverUnknown?: true
}

/**
 * The decision, from a lookup already made. A family (IPv4, IPv6) is judged
 * only if the server has an address of that family we know of: a server
 * known by its IPv4 address may well own the domain's IPv6 address too, and
 * calling that "elsewhere" would be a false alarm. Every judged address must
 * be the server's: one A record pointing at an old machine sends some
 * visitors there. A failed lookup is never "elsewhere" nor "missing".
 */
export function judgeDomain(domain: string, lookup: Lookup, expected: string[]): DomainAnswer {
  const found = lookup.addresses
  const base = { domain, found, expected }
  // Without the server's addresses there is nothing to compare with.
  if (expected.length === 0) return { ...base, state: 'cant-check', judged: [], serverUnknown: true }
  if (lookup.failure === 'laptop') return { ...base, state: 'cant-check', judged: [] }
  if (lookup.failure === 'missing' || found.length === 0) return { ...base, state: 'missing', judged: [] }
  const isServers = addressSet(expected)
  const knownFamilies = new Set(expected.map((a) => net.isIP(a)).filter((f) => f !== 0))
  const judged = found.filter((a) => knownFamilies.has(net.isIP(a)))
  const stray = judged.length === 0 ? found : judged.filter((a) => !isServers(a))
  if (stray.length === 0) return { ...base, state: 'ok', judged }
  return { ...base, state: 'elsewhere', judged: stray }
}

/** Does `domain` resolve to one of `serverAddresses`? Looked up through `resolver`, within timeoutMs. */
export async function compareDomain(opts: { domain: string; serverAddresses: string[]; resolver: DomainResolver; timeoutMs?: number }): Promise<DomainAnswer> {
  return judgeDomain(opts.domain, await lookupAddresses(opts.resolver, opts.domain, opts.timeoutMs), opts.serverAddresses)
}

export interface HostAddresses {
  state: 'ok' | 'missing' | 'cant-check'
  addresses: string[]
}

/** A host's addresses: itself when it is an IP address, else its A and AAAA records through `resolver`. */
export async function hostAddresses(opts: { hostname: string; resolver: DomainResolver; timeoutMs?: number }): Promise<HostAddresses> {
  if (net.isIP(opts.hostname)) return { state: 'ok', addresses: [opts.hostname] }
  const answer = await lookupAddresses(opts.resolver, opts.hostname, opts.timeoutMs)
  if (answer.failure) return { state: answer.failure === 'missing' ? 'missing' : 'cant-check', addresses: [] }
  return { state: 'ok', addresses: answer.addresses }
}
