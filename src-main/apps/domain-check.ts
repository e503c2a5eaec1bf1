// abra checks, before deploying, that the app's domain leads to the server
// (--no-domain-checks skips it). Here the same check serves the window
// (before the first deploy and on the app's page) and the CLI's deploy. It
// warns and never blocks: a domain is often set up after the first deploy.
import net from 'node:net'
import type { DomainCheck } from '../contract/domain-check'
import { DNS_TIMEOUT_MS, hostAddresses, judgeDomain, lookupAddresses, systemResolver, type DomainAnswer, type DomainResolver } from '../core/dns'
import { t } from '../i18n/i18n'
import { parseIpAddr, rankAddresses } from '../servers/addresses'
import { publicHostOf } from '../servers/public-host'
import { loadApp, type AppContext } from './context'
import type { HandlersFor } from './handlers-types'

/** The record to make: A for the server's first IPv4 address, else AAAA for its IPv6 one. */
function recordFor(expected: string[]): { type: 'A' | 'AAAA'; address: string } {
  const v4 = expected.find((a) => net.isIPv4(a))
  return v4 ? { type: 'A', address: v4 } : { type: 'AAAA', address: expected.find((a) => net.isIPv6(a)) ?? expected[0] }
}

/** The decision in plain words: what is wrong, and which record to make or change at the domain provider. */
export function domainCheckWords(a: DomainAnswer): string {
  const { domain } = a
  const expected = a.expected.join(', ')
  switch (a.state) {
    case 'ok':
      return t('apps.domainCheck.ok', { domain, addresses: a.judged.join(', ') })
    case 'missing':
      return t('apps.domainCheck.missing', { domain, ...recordFor(a.expected) })
    case 'elsewhere':
      return t('apps.domainCheck.elsewhere', { domain, found: a.judged.join(', '), expected, ...recordFor(a.expected) })
    case 'cant-check':
      return a.serverUnknown ? t('apps.domainCheck.serverUnknown', { domain }) : t('apps.domainCheck.cantCheck', { domain })
  }
}

/**
 * The addresses the server's own network interfaces have, when that is cheap:
 * only over a connection that is up, within the check's time limit; else none.
 */
async function reportedAddresses(open: AppContext['open'], server: string, timeoutMs: number): Promise<string[]> {
  const ask = async (): Promise<string[]> => {
    // open() waits for a connection being made: the deadline below bounds that wait.
    const conn = await open(server)
    if (conn.state() !== 'connected' || conn.server.kind === 'local') return []
    const res = await conn.exec('ip -o addr show 2>/dev/null', { timeoutMs })
    return rankAddresses(parseIpAddr(res.stdout))
  }
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), timeoutMs)))
  return Promise.race([ask().catch(() => []), deadline]).finally(() => clearTimeout(timer))
}

/**
 * Looks the domain up (A and AAAA) and compares with the server's addresses:
 * its host when that is an IP address, else its host name's A and AAAA
 * records, through the same resolver; and, to clear a domain that seems to
 * point elsewhere, the addresses the server itself reports. Each lookup gives up after timeoutMs;
 * a failed one reads as "couldn't check", never as a wrong domain.
 */
export async function checkAppDomain(
  ctx: Pick<AppContext, 'paths' | 'env'> & Partial<Pick<AppContext, 'open'>>,
  app: { server: string; domain: string },
  opts: { resolver?: DomainResolver; timeoutMs?: number } = {}
): Promise<DomainCheck> {
  await loadApp(ctx, app.server, app.domain)
  const host = await publicHostOf(ctx.paths, ctx.env, app.server)
  if (host === undefined) return { state: 'local', domain: app.domain, found: [], expected: [], words: t('apps.domainCheck.local', { domain: app.domain }) }
  const timeoutMs = opts.timeoutMs ?? DNS_TIMEOUT_MS
  const resolver = opts.resolver ?? systemResolver(timeoutMs, ctx.env)
  // Both at once: the check takes one timeout at most, not two.
  const [server, lookup] = await Promise.all([hostAddresses({ hostname: host, resolver, timeoutMs }), lookupAddresses(resolver, app.domain, timeoutMs)])
  let answer = judgeDomain(app.domain, lookup, server.addresses)
  // A server known by a private or VPN address may own the public one the
  // domain points to: its own list of addresses can clear that, and only that.
  if (answer.state === 'elsewhere' && ctx.open) {
    const reported = await reportedAddresses(ctx.open, app.server, timeoutMs)
    const again = judgeDomain(app.domain, lookup, [...server.addresses, ...reported])
    if (again.state === 'ok') answer = again
  }
  return { state: answer.state, domain: app.domain, found: answer.found, expected: answer.expected, words: domainCheckWords(answer) }
}

export function domainCheckHandlers(ctx: AppContext): HandlersFor<'apps.checkDomain'> {
  return {
    'apps.checkDomain': (ref) => checkAppDomain(ctx, ref)
  }
}
