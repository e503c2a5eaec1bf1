// Browser mode's upload route: POST /api/upload/<id> carries one staged
// file's bytes from the page (see files/staging.ts; the id comes from
// apps.files.stage over the WebSocket). It is held to the WebSocket's rules:
// a Host and an Origin of exactly this server, and the per-run token, here in
// the X-Coopcloud-Token header (never in the address). The declared length
// (Content-Length) is required, at most the limit, and must be the size the
// page staged; exactly that many bytes must come.
import type http from 'node:http'
import { ApiError, toErrorBody } from '../contract/errors'
import { StageId } from '../contract/files'
import type { Core } from '../core/core'
import { t } from '../i18n/i18n'

export const UPLOAD_PREFIX = '/api/upload/'
export const TOKEN_HEADER = 'x-coopcloud-token'

const STATUS: Record<string, number> = {
  forbidden: 403,
  'upload-unknown': 404,
  'upload-busy': 409,
  'upload-length-required': 411,
  'upload-too-big': 413,
  'upload-length-mismatch': 400,
  'upload-incomplete': 400
}

export interface UploadRoute {
  staging: Pick<Core['staging'], 'receive'>
  /** The Host, Origin and token checks, as the WebSocket's (server.ts); true when they pass. */
  allowed(req: http.IncomingMessage): boolean
  headers(): Record<string, string>
}

export function isUploadPath(url: string | undefined): boolean {
  return (url ?? '').startsWith(UPLOAD_PREFIX)
}

export async function serveUpload(req: http.IncomingMessage, res: http.ServerResponse, route: UploadRoute): Promise<void> {
  const answer = (status: number, body: unknown): void => {
    if (res.headersSent || res.destroyed) return
    // A refusal before the body was read: the rest of it is not wanted.
    const unread = !req.readableEnded
    res.writeHead(status, { ...route.headers(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...(unread ? { Connection: 'close' } : {}) })
    res.end(JSON.stringify(body))
  }
  try {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      return answer(405, { ok: false, error: { code: 'invalid-request', message: t('browser.methodNotAllowed') } })
    }
    if (!route.allowed(req)) throw new ApiError('forbidden', t('files.staging.refused'))
    const id = StageId.safeParse((req.url ?? '').slice(UPLOAD_PREFIX.length).split(/[?#]/, 1)[0])
    if (!id.success) throw new ApiError('upload-unknown', t('files.staging.notFound'))
    if (req.headers['transfer-encoding']) throw new ApiError('upload-length-required', t('files.staging.lengthRequired'))
    const raw = req.headers['content-length']
    const declared = raw !== undefined && /^\d{1,20}$/.test(raw) ? Number(raw) : undefined
    await route.staging.receive(id.data, req, declared)
    answer(200, { ok: true, value: {} })
  } catch (err) {
    const body = toErrorBody(err, 'upload')
    answer(STATUS[body.code] ?? 500, { ok: false, error: body })
  }
}
