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
  if (!d.host) return 'the server'
  return d.port && d.port !== 22 ? `${d.host} (port ${d.port})` : d.host
}

export function sshErrorMessage(code: SshErrorCode, d: SshErrorDetails = {}): string {
  const server = where(d)
  switch (code) {
    case 'host-key-unknown':
      return (
        `This is the first time you connect to ${server}, so its identity can't be confirmed yet. ` +
        `Check that the fingerprint${d.fingerprint ? ` ${d.fingerprint}` : ''} matches the one your server's ` +
        `administrator or hosting provider gave you, then choose to trust it.`
      )
    case 'host-key-changed':
      if (d.revoked) {
        return (
          `${server} presented an identity that has been marked as revoked. ` +
          `Don't continue; contact your server's administrator.`
        )
      }
      return (
        `The server's identity has changed since you last connected. This can mean someone is intercepting the connection, ` +
        `or the server was reinstalled. Don't continue unless your server's administrator confirms the new fingerprint` +
        (d.fingerprint ? ` (${d.fingerprint}).` : '.')
      )
    case 'auth-failed':
      return (
        `${server} did not accept any of your keys${d.user ? ` for the user "${d.user}"` : ''}. ` +
        `Check the user name. If the server doesn't have your key yet, add your public key on your hosting provider's "SSH keys" page, ` +
        `or ask your server's administrator to add it.`
      )
    case 'passphrase-needed':
      return (
        `Your key${d.keyFile ? ` ${d.keyFile}` : ''} is protected by a passphrase. Enter the passphrase to unlock it.`
      )
    case 'passphrase-wrong':
      return `That passphrase didn't unlock your key${d.keyFile ? ` ${d.keyFile}` : ''}. Check it and try again.`
    case 'password-needed':
      return `${server} asks for a password${d.user ? ` for the user "${d.user}"` : ''}. Enter it to continue.`
    case 'password-wrong':
      return `${server} did not accept that password${d.user ? ` for the user "${d.user}"` : ''}. Check it and try again.`
    case 'timeout':
      return (
        `${server} didn't answer in time. Check that the address is right, that you're online, ` +
        `and that the server is running; then try again.`
      )
    case 'refused':
      return (
        `${server} refused the connection. The server may be down, or SSH may be listening on a different port.`
      )
    case 'unknown-host':
      return `The address${d.host ? ` ${d.host}` : ''} could not be found. Check it for typos, and check that you're online.`
    case 'network':
      return `The connection to ${server} failed because of a network problem. Check that you're online and try again.`
    case 'closed':
      return `The connection to ${server} was closed. It will be opened again when needed; if this keeps happening, check your network.`
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
