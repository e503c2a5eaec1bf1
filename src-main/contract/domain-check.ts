import { z } from 'zod'
import { AppRef } from './apps'

// Does an app's domain lead to its server? Asked before a deploy, as abra
// does (its --no-domain-checks skips it), and on the app's page. It only
// warns: a deploy goes on whatever it says.

export const DomainCheck = z.object({
  /**
   * ok: the domain points at the server; elsewhere: at another address;
   * missing: it has no address; cant-check: no answer could be had (the
   * laptop's network, or the server's own address unknown), never a claim
   * that the domain is wrong; local: the app is on this computer's own
   * Docker, which has no public address to compare.
   */
  state: z.enum(['ok', 'elsewhere', 'missing', 'cant-check', 'local']),
  domain: z.string(),
  /** The domain's addresses now (IPv4 first). */
  found: z.array(z.string()),
  /** The server's addresses it should lead to. */
  expected: z.array(z.string()),
  /** What it means and what to do, in the person's language. */
  words: z.string()
})
export type DomainCheck = z.infer<typeof DomainCheck>

export const domainCheckMethods = {
  'apps.checkDomain': { input: AppRef, output: DomainCheck }
} as const
