import type { ApiErrorBody } from './schemas'

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

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) return err.toBody()
  // Core errors that are already written for users (SshError and friends)
  // expose toBody(); anything else is a bug and gets the generic message.
  if (err && typeof err === 'object' && typeof (err as { toBody?: unknown }).toBody === 'function') {
    return (err as { toBody(): ApiErrorBody }).toBody()
  }
  const raw = err instanceof Error ? err.stack ?? err.message : String(err)
  return {
    code: 'internal',
    message: 'Something went wrong inside the app. Try again; if it keeps happening, report it with the details below.',
    detail: raw
  }
}
