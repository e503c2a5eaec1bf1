// Certificates and domains are checked from the laptop, so a failed check may
// say more about the laptop's network than about the site. Saying "down" for
// a site when the laptop is on a train would be a false alarm, so every
// network failure is blamed on one of three things:
//
//  - 'laptop': this computer can't check right now ("can't check from here").
//    The resolver itself failed: it didn't answer (ETIMEOUT), wasn't there
//    (ECONNREFUSED on the resolver's port), refused us (EREFUSED), or had no
//    upstream to ask (ESERVFAIL: what a local caching resolver such as
//    systemd-resolved answers when the laptop is offline; EAI_AGAIN is the
//    same through getaddrinfo). Or the laptop has no route out at all
//    (ENETUNREACH, ENETDOWN, EADDRNOTAVAIL, ENONET), which is decided on
//    this computer before any packet leaves it.
//  - 'missing': the resolver answered, and the answer is that the name has no
//    address (ENOTFOUND is NXDOMAIN, ENODATA is a name with no record of
//    that kind). The domain is the problem, not the laptop.
//  - 'site': the resolver answered with an address, and then the connection
//    to that address was refused, reset, timed out, or a router said the
//    host can't be reached (EHOSTUNREACH comes from beyond this computer).
//    Since the resolver worked, the laptop is online; the site is down.
//
// Two cases this can't tell apart. A domain whose own name servers are gone
// or broken (a lame delegation, failing DNSSEC) also gets SERVFAIL; it reads
// as "can't check" because an offline laptop gets SERVFAIL far more often.
// And a laptop whose network answers DNS from a local cache but drops
// everything else (a captive portal, a dead uplink behind a working router)
// sees 'site' for every domain at once. The debouncing, and the caller's view
// across all domains (every site "down" at the same moment), are where that
// is caught, not here.

import { isNoSuchName } from '../core/dns'

/** The error's code, also from an AggregateError (core/dns.ts). */
export { errorCode } from '../core/dns'

export type Blame = 'laptop' | 'missing' | 'site'

const NO_ROUTE_HERE = new Set(['ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL', 'ENONET'])

/** A failed DNS question: only "no such name" is the domain's fault. */
export function blameLookup(code: string | undefined): Blame {
  return isNoSuchName(code) ? 'missing' : 'laptop'
}

/** A failed connection to an address the resolver gave: the site's fault unless the laptop has no route. */
export function blameConnect(code: string | undefined): Blame {
  return code !== undefined && NO_ROUTE_HERE.has(code) ? 'laptop' : 'site'
}
