// An app's HTTPS certificate, seen from the laptop the way a member's browser
// sees it: a TLS connection to the domain on 443, with the domain as SNI so
// Traefik picks the app's certificate. The connection never rejects the
// certificate itself (rejectUnauthorized: false): we read it whatever it is,
// then judge it, so the alert can say *what* is wrong (ran out, wrong name,
// not trusted) instead of only "the connection failed".
import net from 'node:net'
import tls from 'node:tls'
import { t } from '../i18n/i18n'
import { systemResolver, type DomainResolver } from './dns'
import { blameConnect, blameLookup, errorCode } from './offline'

export const CERTIFICATE_TIMEOUT_MS = 5000
/** Let's Encrypt certificates last 90 days and Traefik renews them 30 days ahead: 14 days left means renewal is failing. */
export const EXPIRING_WITHIN_DAYS = 14
const DAY_MS = 24 * 60 * 60 * 1000

export type CertificateState = 'ok' | 'expiring' | 'expired' | 'wrong-name' | 'untrusted' | 'unreachable' | 'cant-check'

/** Why, in one word, for the states that have several causes. */
export type CertificateReason =
  | 'traefik-default' // Traefik's own placeholder: it has no certificate for the domain yet
  | 'staging' // Let's Encrypt's practice service
  | 'self-signed'
  | 'unknown-issuer'
  | 'not-yet-valid'
  | 'refused'
  | 'timeout'
  | 'no-handshake' // the port answered but no TLS came back
  | 'no-address' // the domain has no address: the domain check tells the rest
  | 'no-certificate'

export interface CertificateResult {
  state: CertificateState
  domain: string
  reason?: CertificateReason
  /** When the certificate runs out (ISO 8601). */
  notAfter?: string
  /** Whole days left, rounded up; negative once it has run out. */
  daysLeft?: number
  /** Who issued it, as its Organization or Common Name says. */
  issuer?: string
  /** The names the certificate is for (from subjectAltName). */
  names?: string[]
  /** The network or verification error behind the state, for logs. */
  code?: string
  /** What happened and what to do, in the person's language. */
  detail: string
}

export interface CertificateCheck {
  domain: string
  /** Connect here instead of looking the domain up (SNI is still the domain). */
  address?: string
  port?: number
  timeoutMs?: number
  /** The clock the expiry is judged by. */
  now?: Date
  /** Trusted roots instead of Node's bundled ones (tests use their own CA). */
  ca?: string | Buffer | Array<string | Buffer>
  expiringWithinDays?: number
  /**
   * Looks the domain up when no address is given. By default the system's DNS
   * servers through node:dns's Resolver, as the domain check asks them, not
   * getaddrinfo: offline, macOS's getaddrinfo says "no such name"
   * (ENOTFOUND), which would read as a missing domain instead of "can't check".
   */
  resolver?: DomainResolver
}

// The address of the domain through the injected resolver, IPv4 first: a
// laptop without IPv6 would otherwise fail on an AAAA record it can't reach.
function lookupWith(resolver: DomainResolver): net.LookupFunction {
  return (hostname, options, callback) => {
    const all = (options as { all?: boolean }).all === true
    const ask = async (): Promise<{ address: string; family: 4 | 6 }[]> => {
      try {
        const v4 = await resolver.resolve4(hostname)
        if (v4.length > 0) return v4.map((address) => ({ address, family: 4 }))
      } catch (err) {
        // No A record: try AAAA. Anything else (timeout, refused) ends here.
        if (blameLookup(errorCode(err)) !== 'missing') throw err
      }
      const v6 = await resolver.resolve6(hostname)
      if (v6.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENODATA' })
      return v6.map((address) => ({ address, family: 6 }))
    }
    ask().then(
      (found) => (all ? (callback as unknown as (e: null, a: typeof found) => void)(null, found) : callback(null, found[0].address, found[0].family)),
      (err: NodeJS.ErrnoException) => callback(err, '', 0)
    )
  }
}

// Which step the connection reached decides who is blamed for a failure.
type Phase = 'lookup' | 'connect' | 'handshake'

interface Seen {
  cert: tls.DetailedPeerCertificate
  authorizationError?: string
}

/** Connects, reads the peer certificate, and always destroys the socket. */
function fetchCertificate(opts: CertificateCheck, port: number, timeoutMs: number): Promise<Seen | { phase: Phase; code: string }> {
  return new Promise((resolve) => {
    const host = opts.address ?? opts.domain
    let phase: Phase = net.isIP(host) ? 'connect' : 'lookup'
    let settled = false
    let timer: NodeJS.Timeout | undefined = undefined
    const socket = tls.connect({
      host,
      port,
      // SNI must not be an IP address (RFC 6066); Traefik then serves its default.
      servername: net.isIP(opts.domain) ? undefined : opts.domain,
      rejectUnauthorized: false,
      ca: opts.ca,
      lookup: opts.address ? undefined : lookupWith(opts.resolver ?? systemResolver(timeoutMs))
    })
    const finish = (outcome: Seen | { phase: Phase; code: string }) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(outcome)
    }
    timer = setTimeout(() => finish({ phase, code: 'ETIMEDOUT' }), timeoutMs)
    socket.on('lookup', (err) => {
      if (!err) phase = 'connect'
    })
    socket.on('connect', () => (phase = 'handshake'))
    socket.on('secureConnect', () => {
      const cert = socket.getPeerCertificate(true)
      const authorizationError = socket.authorizationError === null ? undefined : String(socket.authorizationError)
      finish({ cert, authorizationError })
    })
    socket.on('error', (err) => finish({ phase, code: errorCode(err) ?? 'EUNKNOWN' }))
    // A peer that closes before the handshake ends sends no error of its own on some versions.
    socket.on('close', () => finish({ phase, code: 'ECONNRESET' }))
  })
}

// The Organization or Common Name of a certificate's subject or issuer; node
// gives a field as an array when it appears more than once.
function nameOf(entity: tls.Certificate | undefined): string | undefined {
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  return pick(entity?.O) ?? pick(entity?.CN)
}

function altNames(cert: tls.PeerCertificate): string[] {
  return (cert.subjectaltname ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:') || s.startsWith('IP Address:'))
    .map((s) => s.replace(/^(DNS|IP Address):/, ''))
}

// Errors that say the chain isn't vouched for. Expiry errors are left out:
// they follow the system clock, and expiry is judged by `now` below.
const EXPIRY_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID'])
const SELF_SIGNED_ERRORS = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'])
// Let's Encrypt's staging issuers: "(STAGING) Pretend Pear X1", "(STAGING) Let's Encrypt", the older "Fake LE Intermediate X1".
const STAGING_ISSUER = /\(STAGING\)|Fake LE/i
const TRAEFIK_DEFAULT = 'TRAEFIK DEFAULT CERT'

function judge(opts: CertificateCheck, seen: Seen): CertificateResult {
  const { domain } = opts
  const { cert, authorizationError } = seen
  if (!cert || Object.keys(cert).length === 0) {
    return { state: 'untrusted', domain, reason: 'no-certificate', detail: t('monitoring.certificate.noCertificate', { domain }) }
  }
  const now = opts.now ?? new Date()
  const notAfter = new Date(cert.valid_to)
  const notBefore = new Date(cert.valid_from)
  const issuerCert = cert.issuerCertificate && cert.issuerCertificate !== cert ? cert.issuerCertificate : undefined
  const issuer = nameOf(cert.issuer) ?? nameOf(issuerCert?.subject)
  const names = altNames(cert)
  const daysLeft = Math.ceil((notAfter.getTime() - now.getTime()) / DAY_MS)
  const facts = { domain, notAfter: notAfter.toISOString(), daysLeft, issuer, names, code: authorizationError }
  const date = notAfter
  const subjectName = Array.isArray(cert.subject?.CN) ? cert.subject.CN[0] : cert.subject?.CN

  // Traefik's placeholder is both self-signed and for another name; what
  // helps is knowing that Traefik hasn't got a certificate for this domain.
  if (subjectName === TRAEFIK_DEFAULT) {
    return { ...facts, state: 'untrusted', reason: 'traefik-default', detail: t('monitoring.certificate.traefikDefault', { domain }) }
  }
  // A certificate for another name: the domain likely leads to another site.
  if (tls.checkServerIdentity(domain, cert) !== undefined) {
    const key = names.length > 0 ? 'monitoring.certificate.wrongName' : 'monitoring.certificate.wrongNameUnnamed'
    return { ...facts, state: 'wrong-name', detail: t(key, { domain, names: names.join(', ') }) }
  }
  if (authorizationError && !EXPIRY_ERRORS.has(authorizationError)) {
    if (issuer && STAGING_ISSUER.test(issuer)) {
      return { ...facts, state: 'untrusted', reason: 'staging', detail: t('monitoring.certificate.staging', { domain }) }
    }
    if (SELF_SIGNED_ERRORS.has(authorizationError) && !issuerCert) {
      return { ...facts, state: 'untrusted', reason: 'self-signed', detail: t('monitoring.certificate.selfSigned', { domain }) }
    }
    return { ...facts, state: 'untrusted', reason: 'unknown-issuer', detail: t('monitoring.certificate.unknownIssuer', { domain, issuer: issuer ?? '?' }) }
  }
  if (now.getTime() < notBefore.getTime()) {
    return { ...facts, state: 'untrusted', reason: 'not-yet-valid', detail: t('monitoring.certificate.notYetValid', { domain, date: notBefore }) }
  }
  if (now.getTime() >= notAfter.getTime()) {
    return { ...facts, state: 'expired', detail: t('monitoring.certificate.expired', { domain, date }) }
  }
  if (notAfter.getTime() - now.getTime() <= (opts.expiringWithinDays ?? EXPIRING_WITHIN_DAYS) * DAY_MS) {
    return { ...facts, state: 'expiring', detail: t('monitoring.certificate.expiring', { domain, date, count: daysLeft }) }
  }
  return { ...facts, state: 'ok', detail: t('monitoring.certificate.ok', { domain, date }) }
}

// A failure before any certificate was seen: see offline.ts for the rule.
function failed(domain: string, port: number, phase: Phase, code: string): CertificateResult {
  if (phase === 'lookup') {
    if (blameLookup(code) === 'missing') {
      return { state: 'unreachable', domain, reason: 'no-address', code, detail: t('monitoring.certificate.noAddress', { domain }) }
    }
    return { state: 'cant-check', domain, code, detail: t('monitoring.certificate.cantCheck', { domain }) }
  }
  if (blameConnect(code) === 'laptop') return { state: 'cant-check', domain, code, detail: t('monitoring.certificate.cantCheck', { domain }) }
  if (phase === 'handshake') {
    return { state: 'unreachable', domain, reason: 'no-handshake', code, detail: t('monitoring.certificate.noHandshake', { domain, port }) }
  }
  const reason: CertificateReason = code === 'ECONNREFUSED' ? 'refused' : 'timeout'
  const key = reason === 'refused' ? 'monitoring.certificate.refused' : 'monitoring.certificate.timeout'
  return { state: 'unreachable', domain, reason, code, detail: t(key, { domain, port }) }
}

/** Connects to the domain's HTTPS port and says what a visitor's browser would make of its certificate. */
export async function checkCertificate(opts: CertificateCheck): Promise<CertificateResult> {
  const port = opts.port ?? 443
  const seen = await fetchCertificate(opts, port, opts.timeoutMs ?? CERTIFICATE_TIMEOUT_MS)
  if ('phase' in seen) return failed(opts.domain, port, seen.phase, seen.code)
  return judge(opts, seen)
}
