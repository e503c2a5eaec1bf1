import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, WebSocket, type RawData } from 'ws'
import { Client } from '../api/client'
import { dispatch } from '../api/dispatch'
import type { Core } from '../core/core'
import { t } from '../i18n/i18n'
import { contentSecurityPolicy, securityHeaders } from './headers'
import { firstScreenPage } from './first-screen'
import { resolveStatic } from './static'
import { isUploadPath, serveUpload, TOKEN_HEADER } from './upload'

export interface BrowserServerOptions {
  core: Core
  port?: number
  staticDir: string
}

export interface BrowserServer {
  url: string
  token: string
  port: number
  close(): Promise<void>
}

const HOST = '127.0.0.1'
export const API_PATH = '/api'
export const PROTOCOL = 'coopcloud'
export const TOKEN_PROTOCOL_PREFIX = 'coopcloud.token.'

// Browser mode: the same core, reached over a WebSocket on loopback.
// The page itself holds no secret, so static files are served to anyone who
// can reach 127.0.0.1; every API call needs the per-run token, an Origin of
// exactly this server, and a Host of exactly this server (the last two stop
// other web pages and DNS-rebinding pages in the same browser).
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, staticDir } = options
  const token = crypto.randomBytes(32).toString('base64url')
  const tokenDigest = digest(token)
  let port = 0
  let headers: Record<string, string> = {}

  const page = firstScreenPage(staticDir, () => core.firstScreen())
  const server = http.createServer((req, res) => {
    // A staged upload's bytes (browser/upload.ts), held to the WebSocket's checks.
    if (isUploadPath(req.url)) void serveUpload(req, res, { staging: core.staging, allowed: fromOurPage, headers: () => headers })
    else void serveStatic(req, res)
  })

  // An upload of gigabytes takes longer than Node's 5 minutes for a whole request; a stalled one is
  // stopped by the staging's own limit instead (no bytes for a minute). Headers still have their minute.
  server.requestTimeout = 0

  // The same Host, Origin and token the WebSocket needs; the token in a header.
  function fromOurPage(req: http.IncomingMessage): boolean {
    if (req.headers.host !== `${HOST}:${port}`) return false
    if (req.headers.origin !== `http://${HOST}:${port}`) return false
    const given = req.headers[TOKEN_HEADER]
    return typeof given === 'string' && crypto.timingSafeEqual(digest(given), tokenDigest)
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.headers.host !== `${HOST}:${port}`) return plain(res, 403, t('browser.wrongHost'))
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return plain(res, 405, t('browser.methodNotAllowed'))
    }
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0]
    const found = await resolveStatic(staticDir, rawPath)
    if (!found.ok) return plain(res, found.status, found.status === 404 ? t('browser.notFound') : t('browser.badRequest'))
    res.writeHead(200, {
      ...headers,
      'Content-Type': found.type,
      'Cache-Control': found.isHtml ? 'no-store' : 'no-cache'
    })
    if (req.method === 'HEAD') return void res.end()
    // The page itself carries its first screen (first-screen.ts).
    if (found.isHtml) {
      const body = await page(found.file).catch(() => undefined)
      return void (body ? res.end(body) : res.destroy())
    }
    fs.createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  function plain(res: http.ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
    res.end(text)
  }

  // The page offers two subprotocols: 'coopcloud', which is chosen, and one
  // carrying the token (see tokenOf), which is never echoed back.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (offered) => (offered.has(PROTOCOL) ? PROTOCOL : false)
  })

  server.on('upgrade', (req, socket, head) => {
    // Node takes its own error listener off an upgraded socket; a reset
    // before ws takes it over must not crash the process.
    socket.on('error', () => {})
    const refusal = checkUpgrade(req)
    if (refusal) return refuse(socket, refusal)
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  function checkUpgrade(req: http.IncomingMessage): string | null {
    const [pathname] = (req.url ?? '').split('?', 2)
    if (pathname !== API_PATH) return '404 Not Found'
    if (req.headers.host !== `${HOST}:${port}`) return '403 Forbidden'
    if (req.headers.origin !== `http://${HOST}:${port}`) return '403 Forbidden'
    const given = tokenOf(req) ?? ''
    if (!crypto.timingSafeEqual(digest(given), tokenDigest)) return '403 Forbidden'
    return null
  }

  // Not expected in noServer mode; heard anyway, since an unheard 'error'
  // would take every job down with it.
  wss.on('error', (err) => console.error('Browser mode: the WebSocket server reported an error:', err))

  let clients = 0
  wss.on('connection', (ws) => {
    // One page (until it is closed or reloaded): what it opens goes with it.
    const client = new Client(`page ${++clients}`)
    ws.on('close', () => client.end())
    // A frame over maxPayload, text that isn't UTF-8, a broken frame: ws
    // closes this connection with the matching code (1009, 1007, 1002) and
    // reports it here. Without a listener the error would be thrown and end
    // the whole process, and every job with it; only this page is dropped.
    ws.on('error', (err) => {
      console.error(`Browser mode: dropped ${client.label}: ${err.message}`)
      if (ws.readyState === WebSocket.OPEN) ws.close(1002, 'Bad message.')
      client.end()
    })
    ws.on('message', (data, isBinary) => {
      answer(ws, data, isBinary, client).catch((err: unknown) => {
        console.error(`Browser mode: could not answer ${client.label}:`, err)
      })
    })
  })

  async function answer(ws: WebSocket, data: RawData, isBinary: boolean, client: Client): Promise<void> {
    let id: string | number | null = null
    let method: unknown
    let input: unknown
    try {
      if (isBinary) throw new Error('binary')
      const msg: unknown = JSON.parse(data.toString())
      if (!msg || typeof msg !== 'object') throw new Error('not an object')
      const m = msg as { id?: unknown; method?: unknown; input?: unknown }
      if (typeof m.id !== 'string' && typeof m.id !== 'number') throw new Error('no id')
      id = m.id
      method = m.method
      input = m.input
    } catch {
      return send(ws, {
        id,
        result: { ok: false, error: { code: 'invalid-request', message: t('browser.unreadable') } }
      })
    }
    send(ws, { id, result: await dispatch(core.handlers, method, input, client) })
  }

  const unsubscribe = core.events.subscribe((event, payload) => {
    for (const ws of wss.clients) send(ws, { event, payload })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  // Once listening, an error of the server itself (out of file handles while
  // accepting) is logged, not thrown: thrown, it would end every job.
  server.on('error', (err) => console.error('Browser mode: the web server reported an error:', err))
  port = (server.address() as AddressInfo).port
  headers = securityHeaders(contentSecurityPolicy([`ws://${HOST}:${port}`]))

  let closing: Promise<void> | null = null
  return {
    // In the fragment, which browsers never send: the server never sees the
    // token in a URL, and the page takes it out of the address bar at once.
    url: `http://${HOST}:${port}/#token=${token}`,
    token,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe()
        for (const ws of wss.clients) ws.terminate()
        wss.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    }
  }
}

// The page sends the token as a WebSocket subprotocol, a header, so it is
// in no URL (proxies, logs, the browser's own records). A ?token= in the
// address is never read, so no script learns to put it there.
function tokenOf(req: http.IncomingMessage): string | null {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim())
  const carrier = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
  return carrier ? carrier.slice(TOKEN_PROTOCOL_PREFIX.length) : null
}

// Hashing first makes the compare constant-time whatever length was sent.
function digest(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest()
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message))
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  socket.destroy()
}
