import type { ApiErrorBody } from '../../../src-main/contract'
import { i18n } from '../i18n'
import { api, browserToken } from './client'

// How chosen files reach the core's upload. In Electron the preload says
// where each file is on this computer and the core reads it there. In
// browser mode the page can't say that: it sends each file's bytes to its own
// server first (POST /api/upload/<id>, with the token in a header), where they
// wait for the upload job (src-main/files/staging.ts).

export interface UploadTarget {
  server: string
  domain: string
  volume: string
  path: string
}

export interface Sending {
  /** Bytes sent to the app so far (browser mode), of `total`. */
  onProgress(sent: number, total: number): void
  /** Set by send(): stops what is under way. */
  signal: AbortSignal
}

export class UploadError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message)
  }
}

/** Electron: the files' paths on this computer, or undefined in browser mode. */
export function localPaths(files: readonly File[]): string[] | undefined {
  const bridge = typeof window !== 'undefined' ? window.coopcloud : undefined
  if (!bridge?.pathForFile) return undefined
  return files.map((f) => bridge.pathForFile?.(f) ?? '')
}

/** Starts the upload job for `files` into `target`; returns its id. */
export async function startUpload(target: UploadTarget, files: readonly File[], sending: Sending): Promise<string> {
  const paths = localPaths(files)
  if (paths) {
    const missing = files.find((_f, i) => !paths[i])
    if (missing) throw new UploadError({ code: 'files-local-missing', message: i18n.t('files.upload.noPath', { name: missing.name }) })
    return (await api.call('apps.files.upload', { ...target, files: paths })).jobId
  }
  const { staged } = await api.call('apps.files.stage', { files: files.map((f) => ({ name: f.name, bytes: f.size })) })
  const ids = staged.map((s) => s.id)
  try {
    const total = files.reduce((a, f) => a + f.size, 0)
    let before = 0
    for (const [i, file] of files.entries()) {
      await sendBytes(ids[i], file, (n) => sending.onProgress(before + n, total), sending.signal)
      before += file.size
    }
    if (sending.signal.aborted) throw new UploadError({ code: 'cancelled', message: i18n.t('files.upload.cancelled') })
    return (await api.call('apps.files.uploadStaged', { ...target, staged: ids })).jobId
  } catch (err) {
    // What was sent is deleted now, not after 15 minutes (a job that started deletes its own).
    await api.call('apps.files.discard', { staged: ids }).catch(() => undefined)
    throw err
  }
}

// XMLHttpRequest, not fetch: only it reports an upload's progress.
function sendBytes(id: string, file: File, onProgress: (sent: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new UploadError({ code: 'cancelled', message: i18n.t('files.upload.cancelled') }))
    const xhr = new XMLHttpRequest()
    const onAbort = (): void => xhr.abort()
    signal.addEventListener('abort', onAbort, { once: true })
    const settle = (err?: UploadError): void => {
      signal.removeEventListener('abort', onAbort)
      if (err) reject(err)
      else resolve()
    }
    xhr.open('POST', `/api/upload/${encodeURIComponent(id)}`)
    xhr.setRequestHeader('X-Coopcloud-Token', browserToken() ?? '')
    xhr.upload.onprogress = (e) => onProgress(e.loaded)
    xhr.onload = () => {
      if (xhr.status === 200) return settle()
      let body: ApiErrorBody | undefined
      try {
        const answer = JSON.parse(xhr.responseText) as { error?: ApiErrorBody }
        body = answer.error
      } catch {
        // not the core's answer
      }
      settle(new UploadError(body ?? { code: 'upload-failed', message: i18n.t('files.upload.sendFailed', { name: file.name }), detail: `HTTP ${xhr.status}` }))
    }
    xhr.onerror = () => settle(new UploadError({ code: 'upload-failed', message: i18n.t('files.upload.sendFailed', { name: file.name }) }))
    xhr.onabort = () => settle(new UploadError({ code: 'cancelled', message: i18n.t('files.upload.cancelled') }))
    xhr.send(file)
  })
}
