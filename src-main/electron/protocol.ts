import fs from 'node:fs/promises'
import { protocol, type Session } from 'electron'
import { contentSecurityPolicy, securityHeaders } from '../browser/headers'
import { firstScreenPage, type FirstScreenState } from '../browser/first-screen'
import { resolveStatic } from '../browser/static'

// The page is served from app://coopcloud/ rather than file://, so it gets a
// real origin, response headers (the CSP) and no reach into the disk.
export const APP_SCHEME = 'app'
export const APP_HOST = 'coopcloud'
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

// Must run before the app is ready.
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

// Every answer carries the CSP header. The page also states the same policy
// in a <meta> (src-renderer/index.html), where electronegativity can see it.
export function serveAppProtocol(rendererDir: string, firstScreen: () => Promise<FirstScreenState>): void {
  const headers = securityHeaders(contentSecurityPolicy())
  // index.html carries its first screen (browser/first-screen.ts).
  const page = firstScreenPage(rendererDir, firstScreen)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found.', { status: 404, headers })
    const found = await resolveStatic(rendererDir, url.pathname)
    if (!found.ok) return new Response('Not found.', { status: found.status, headers })
    const body = found.isHtml ? await page(found.file) : await fs.readFile(found.file)
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': found.type } })
  })
}

// Non-standard schemes have an opaque origin in WHATWG URL, so compare
// scheme and host rather than `origin`.
export function sameSite(url: string, base: string): boolean {
  try {
    const a = new URL(url)
    const b = new URL(base)
    return a.protocol === b.protocol && a.host === b.host
  } catch {
    return false
  }
}

// No remote content and no device or notification prompts.
export function hardenSession(ses: Session, isTrusted: (url: string) => boolean): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'))
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write')
  ses.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.slice(0, details.url.indexOf(':') + 1)
    const local = ['devtools:', 'data:', 'blob:'].includes(scheme)
    callback({ cancel: !(local || isTrusted(details.url)) })
  })
}
