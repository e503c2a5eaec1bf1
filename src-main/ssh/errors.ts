import { t } from '../i18n/i18n'

// Errors from the SSH layer. Every failure a user can hit while connecting
// becomes an SshError with a stable `code` (for the UI to branch on) and a
// plain-language message (for people who have never heard of SSH).

export type SshErrorCode =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'auth-failed'
  | 'passphrase-needed'
  | 'passphrase-wrong'
  | 'password-needed'
  | 'password-wrong'
  | 'timeout'
  | 'refused'
  | 'unknown-host'
  | 'network'
  | 'closed'
  | 'forwarding-refused'

export interface SshErrorDetails {
  host?: string
  port?: number
  user?: string
  /** SHA256 fingerprint of the key the server presented. */
  fingerprint?: string
  keyType?: string
  /** The presented host key, base64 as in known_hosts; needed to trust it. */
  keyBase64?: string
  /** Fingerprint we have on record, for 'host-key-changed'. */
  knownFingerprint?: string
  /** Type of the key on record; differs from keyType when the server switched to a key of a new type. */
  knownKeyType?: string
  /** Where the conflicting record lives, so an admin can fix it by hand. */
  knownHostsFile?: string
  knownHostsLine?: number
  /** True when the presented key is explicitly marked @revoked. */
  revoked?: boolean
  /** The private key file that needs (or got a wrong) passphrase. */
  keyFile?: string
  /** Methods the server said it accepts (from the auth failure reply). */
  serverMethods?: string[]
  /** A machine of a server's swarm (its node hostname): the connection went to it through `via`. */
  machine?: string
  /** The server whose connection carried this one (the jump host), as the user knows it. */
  via?: string
  /** For 'forwarding-refused': the jump host does not allow forwarding, or it could not connect. */
  forward?: 'prohibited' | 'connect-failed'
  /** For 'forwarding-refused': the jump host's own words (e.g. "Connection refused"). */
  reason?: string
  cause?: unknown
}

function where(d: SshErrorDetails): string {
  if (!d.host) return d.machine ?? t('ssh.theServer')
  const address = d.port && d.port !== 22 ? t('ssh.hostPort', { host: d.host, port: d.port }) : d.host
  // A machine of the swarm: its name first, then where it was looked for.
  if (d.machine && d.machine !== d.host) return t('ssh.machineAt', { machine: d.machine, address })
  return address
}

export function sshErrorMessage(code: SshErrorCode, d: SshErrorDetails = {}): string {
  const server = where(d)
  const { fingerprint, user, keyFile, host } = d
  switch (code) {
    case 'host-key-unknown':
      return fingerprint ? t('ssh.hostKeyUnknownFingerprint', { server, fingerprint }) : t('ssh.hostKeyUnknown', { server })
    case 'host-key-changed':
      if (d.revoked) return t('ssh.hostKeyRevoked', { server })
      if (d.machine) return fingerprint ? t('ssh.machineKeyChangedFingerprint', { server, fingerprint }) : t('ssh.machineKeyChanged', { server })
      return fingerprint ? t('ssh.hostKeyChangedFingerprint', { fingerprint }) : t('ssh.hostKeyChanged')
    case 'auth-failed':
      return user ? t('ssh.authFailedUser', { server, user }) : t('ssh.authFailed', { server })
    case 'passphrase-needed':
      return keyFile ? t('ssh.passphraseNeededFile', { keyFile }) : t('ssh.passphraseNeeded')
    case 'passphrase-wrong':
      return keyFile ? t('ssh.passphraseWrongFile', { keyFile }) : t('ssh.passphraseWrong')
    case 'password-needed':
      return user ? t('ssh.passwordNeededUser', { server, user }) : t('ssh.passwordNeeded', { server })
    case 'password-wrong':
      return user ? t('ssh.passwordWrongUser', { server, user }) : t('ssh.passwordWrong', { server })
    case 'timeout':
      return t('ssh.timeout', { server })
    case 'refused':
      return t('ssh.refused', { server })
    case 'unknown-host':
      return host ? t('ssh.unknownHostNamed', { host }) : t('ssh.unknownHost')
    case 'network':
      return t('ssh.network', { server })
    case 'closed':
      return t('ssh.closed', { server })
    case 'forwarding-refused': {
      const via = d.via ?? t('ssh.theServer')
      if (d.forward === 'prohibited') return t('ssh.forwardProhibited', { via, server })
      return d.reason ? t('ssh.forwardFailedReason', { via, server, reason: d.reason }) : t('ssh.forwardFailed', { via, server })
    }
  }
}

export class SshError extends Error {
  readonly code: SshErrorCode
  /** Everything below, as one object (handy for re-throwing with a new code). */
  readonly details: SshErrorDetails
  host?: string
  port?: number
  user?: string
  fingerprint?: string
  keyType?: string
  keyBase64?: string
  knownFingerprint?: string
  knownKeyType?: string
  knownHostsFile?: string
  knownHostsLine?: number
  revoked?: boolean
  keyFile?: string
  serverMethods?: string[]
  machine?: string
  via?: string
  forward?: 'prohibited' | 'connect-failed'
  reason?: string

  constructor(code: SshErrorCode, details: SshErrorDetails = {}, message?: string) {
    super(message ?? sshErrorMessage(code, details), details.cause !== undefined ? { cause: details.cause } : undefined)
    this.name = 'SshError'
    this.code = code
    const { cause: _cause, ...rest } = details
    this.details = rest
    Object.assign(this, rest)
  }
}

export function isSshError(err: unknown, code?: SshErrorCode): err is SshError {
  return err instanceof SshError && (code === undefined || err.code === code)
}

// Errors that retrying cannot fix without the user doing something.
export function needsUser(err: unknown): boolean {
  if (!(err instanceof SshError)) return false
  // A machine that is off or unreachable may come back; a jump host that
  // forbids forwarding needs its administrator.
  if (err.code === 'forwarding-refused') return err.forward === 'prohibited'
  return !['timeout', 'refused', 'unknown-host', 'network', 'closed'].includes(err.code)
}

/** Map a low-level socket/ssh2 error to an SshError. */
export function classifyNetworkError(err: unknown, d: SshErrorDetails): SshError {
  const e = err as { code?: string; level?: string; message?: string }
  const code = e?.code
  if (code === 'ECONNREFUSED') return new SshError('refused', { ...d, cause: err })
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_NODATA')
    return new SshError('unknown-host', { ...d, cause: err })
  if (code === 'ETIMEDOUT' || e?.level === 'client-timeout') return new SshError('timeout', { ...d, cause: err })
  if (code === 'ECONNRESET' || code === 'EPIPE' || e?.level === 'protocol') return new SshError('closed', { ...d, cause: err })
  return new SshError('network', { ...d, cause: err })
}

/**
 * Map the failure of a forwarded channel (ssh -J's hop: the jump host opening
 * a TCP connection to the machine for us) to an SshError. `d` describes the
 * machine, with `via` naming the jump host. ssh2 reports a refusal as
 * "(SSH) Channel open failure: <the jump host's words>" with `reason` 1
 * (administratively prohibited: AllowTcpForwarding no, PermitOpen) or 2
 * (connect failed: refused, no route, timed out on the jump host's side).
 */
export function classifyForwardError(err: unknown, d: SshErrorDetails): SshError {
  if (err instanceof SshError) {
    // Raised about the jump host itself (its link closed or timed out): said about the machine, through it.
    const { host: _h, port: _p, user: _u, machine: _m, via: _v, ...rest } = err.details
    return new SshError(err.code, { ...rest, ...d, cause: err })
  }
  const e = err as { reason?: unknown; message?: string }
  const words = (e?.message ?? '').replace(/^\(SSH\) Channel open failure:\s*/, '').trim()
  if (e?.reason === 1) return new SshError('forwarding-refused', { ...d, forward: 'prohibited', ...(words ? { reason: words } : {}), cause: err })
  if (e?.reason === 2 || e?.reason === 4 || (e?.reason === '' && /Channel open failure/.test(e?.message ?? ''))) {
    // OpenSSH words a failed connect "Connection refused", "No route to host"…; a closed channel says nothing.
    const plain = words && !/server closed channel unexpectedly/i.test(words) ? words : undefined
    return new SshError('forwarding-refused', { ...d, forward: 'connect-failed', ...(plain ? { reason: plain } : {}), cause: err })
  }
  if (/Not connected|No response/i.test(e?.message ?? '')) return new SshError('closed', { ...d, cause: err })
  return classifyNetworkError(err, d)
}
