import type { ApiErrorBody } from '../../../src-main/contract'
import { i18n } from '../i18n'

// The client rejects with an error carrying the core's body; anything else
// (a bug in the renderer, a dropped bridge) still needs words for the user.
export function errorBody(err: unknown): ApiErrorBody {
  if (err && typeof err === 'object' && 'body' in err) {
    const body = (err as { body: unknown }).body
    if (body && typeof body === 'object' && typeof (body as ApiErrorBody).message === 'string') {
      return body as ApiErrorBody
    }
  }
  const raw = err instanceof Error ? (err.stack ?? err.message) : String(err)
  return {
    code: 'internal',
    message: i18n.t('common.internalError'),
    detail: raw
  }
}
