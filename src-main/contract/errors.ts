import type { ApiErrorBody } from './schemas'
import { words } from './words'

// Errors cross every transport as plain data; `message` is written for the
// person at the screen, `detail` carries the raw cause for "Show details".
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
    readonly data?: Record<string, unknown>
  ) {
    super(message)
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, detail: this.detail, data: this.data }
  }
}

// Errors the core's layers already word for people (their `message` is plain
// language); their extra public fields travel as `data`.
const USER_FACING = new Set(['SshError', 'DockerAccessError'])

export function toErrorBody(err: unknown, where?: string): ApiErrorBody {
  return knownErrorBody(err) ?? internalErrorBody(err, where)
}

/**
 * An error in words, for a sentence that goes on ("The restore failed: …"):
 * the plain message of an error the app knows, else the raw message. Unlike
 * toErrorBody it logs nothing: the caller words the outcome itself.
 */
export function errorWords(err: unknown): string {
  return knownErrorBody(err)?.message ?? (err instanceof Error ? err.message : String(err))
}

/** The body of an error the app can word for people; undefined for a bug. */
export function knownErrorBody(err: unknown): ApiErrorBody | undefined {
  if (err instanceof ApiError) return err.toBody()
  // Core errors that are already written for users (SshError and friends)
  // expose toBody(); anything else is a bug and gets the generic message.
  if (err && typeof err === 'object' && typeof (err as { toBody?: unknown }).toBody === 'function') {
    return (err as { toBody(): ApiErrorBody }).toBody()
  }
  if (err instanceof Error && USER_FACING.has(err.name) && typeof (err as { code?: unknown }).code === 'string') {
    const { code, message, name: _n, stack: _s, cause, detail: d, ...data } = err as Error & { code: string } & Record<string, unknown>
    const detail = typeof d === 'string' ? d : cause instanceof Error ? cause.message : undefined
    return { code, message, detail, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> }
  }
  // A full disk is not a bug: say so, whichever write ran into it (the error
  // names no file when the write itself failed, only when opening did).
  const errno = (err as { code?: unknown } | null)?.code
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    const file = (err as { path?: unknown }).path
    const message = typeof file === 'string' ? words('errors.diskFullFile', { file: file.split(/[\\/]/).pop() ?? '' }) : words('errors.diskFull')
    return { code: 'disk-full', message }
  }
  // A connection the network or the server dropped is not a bug either: it
  // happens whenever a laptop sleeps, Wi-Fi drops or a server restarts.
  if (typeof errno === 'string' && CONNECTION_LOST.has(errno)) {
    return {
      code: 'connection-lost',
      message: words('errors.connectionLost'),
      detail: err instanceof Error ? err.message : errno
    }
  }
  // Docker answering that its swarm can't serve: right after the engine
  // restarts, or on a server where Swarm was never turned on.
  const status = (err as { statusCode?: unknown } | null)?.statusCode
  const said = err instanceof Error ? err.message : ''
  if (status === 503 || /not a swarm manager|not part of a swarm|rpc error: code = Unavailable|no leader/i.test(said)) {
    return {
      code: 'swarm-not-ready',
      message: words('errors.swarmNotReady'),
      detail: said || undefined
    }
  }
  return undefined
}

// Socket errnos that mean "the other end or the network went away".
const CONNECTION_LOST = new Set([
  'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ECONNREFUSED', 'ETIMEDOUT',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ERR_STREAM_PREMATURE_CLOSE'
])

/**
 * The raw cause of an error, for a log line or "Show details", without the
 * side effect of toErrorBody (which logs anything it cannot word as a bug).
 */
export function errorDetail(err: unknown): string {
  if (err instanceof ApiError) return err.detail ?? err.message
  if (err && typeof err === 'object' && typeof (err as { detail?: unknown }).detail === 'string') return (err as { detail: string }).detail
  if (err instanceof Error) return err.message
  return String(err)
}

// A bug, not something the user did: its stack and the file paths in it are
// for whoever fixes the app, not for the screen (nor for a browser tab, which
// any page of the machine's browser could be). The full error goes to the
// app's log, stderr of the main process; the screen gets plain words and a
// short reference to find the log line by.
export function internalErrorBody(err: unknown, where?: string): ApiErrorBody {
  const reference = newReference()
  logInternal(`Internal error ${reference}${where ? ` in ${where}` : ''}:`, err)
  return {
    code: 'internal',
    message: words('errors.internal', { reference }),
    data: { reference }
  }
}

let logInternal: (message: string, err: unknown) => void = (message, err) => console.error(message, err)

/** Where internal errors are written; tests capture them here. Returns the previous writer. */
export function setInternalErrorLog(log: (message: string, err: unknown) => void): (message: string, err: unknown) => void {
  const previous = logInternal
  logInternal = log
  return previous
}

function newReference(): string {
  return globalThis.crypto.randomUUID().slice(0, 8)
}
