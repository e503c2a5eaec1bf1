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
  cause?: unknown
}

function where(d: SshErrorDetails): string {
  if (!d.host) return t('ssh.theServer')
  return d.port && d.port !== 22 ? t('ssh.hostPort', { host: d.host, port: d.port }) : d.host
}

export function sshErrorMessage(code: SshErrorCode, d: SshErrorDetails = {}): string {
  const server = where(d)
  const { fingerprint, user, keyFile, host } = d
  switch (code) {
    case 'host-key-unknown':
      return fingerprint ? t('ssh.hostKeyUnknownFingerprint', { server, fingerprint }) : t('ssh.hostKeyUnknown', { server })
    case 'host-key-changed':
      if (d.revoked) return t('ssh.hostKeyRevoked', { server })
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
