import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startBrowserServer, type BrowserServer } from '../../src-main/browser/server'
import { createCore, type Core } from '../../src-main/core/core'

// The real browser-mode server on loopback, with a real core on a temp home.
let tmp: string
let core: Core
let server: BrowserServer
let origin: string

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-browser-'))
  const staticDir = path.join(tmp, 'renderer')
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  fs.writeFileSync(path.join(staticDir, 'assets/app.js'), 'console.log(1)')
  // Just outside the served folder: what a traversal would be after.
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'TOP-SECRET')
  fs.mkdirSync(path.join(tmp, 'home'))
  core = createCore({ transport: 'browser', env: {}, home: path.join(tmp, 'home') })
  server = await startBrowserServer({ core, staticDir })
  origin = `http://127.0.0.1:${server.port}`
})

afterAll(async () => {
  await server?.close()
  await core?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

// GET with the path sent exactly as written (no URL normalisation).
function get(rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

type Attempt = { ws: WebSocket; status?: undefined } | { ws?: undefined; status: number }

function connect(query: string, options: WebSocket.ClientOptions = {}, protocols: string[] = []): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, protocols, options)
    ws.once('open', () => resolve({ ws }))
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 })
      res.resume()
      ws.terminate()
    })
    ws.once('error', (err) => reject(err))
  })
}

const withToken = (): string[] => ['coopcloud', `coopcloud.token.${server.token}`]
const good = (): Promise<Attempt> => connect('', { origin }, withToken())

function request(ws: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString())
      if ('event' in msg) return
      ws.off('message', onMessage)
      resolve(msg)
    }
    ws.on('message', onMessage)
    ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  })
}

describe('browser mode server', () => {
  it('prints a loopback URL carrying a long random token in its fragment, which browsers never send', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`)
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('listens on 127.0.0.1 only', async () => {
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal)
      .map((a) => a.address)
    for (const host of [...others, '::1']) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host, port: server.port })
        s.once('connect', () => (s.destroy(), resolve(true)))
        s.once('error', () => resolve(false))
      })
      expect(reached, host).toBe(false)
    }
  })

  it('serves the page with the security headers', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>app</title>')
    const csp = String(res.headers['content-security-policy'])
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive)
    }
    expect(csp).toContain(`ws://127.0.0.1:${server.port}`)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { Host: `evil.example:${server.port}` })).status).toBe(403)
    expect((await get('/', { Host: `localhost:${server.port}` })).status).toBe(403)
  })

  it('serves GET and HEAD only', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405)
  })

  it('refuses path traversal, plain or encoded', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/../../secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/%00index.html',
      '/%E0%A4%A'
    ]) {
      const res = await get(p)
      expect([400, 404], p).toContain(res.status)
      expect(res.body, p).not.toContain('TOP-SECRET')
    }
  })

  it('takes the token as a subprotocol, as the page sends it, and answers with plain "coopcloud"', async () => {
    const { ws } = await connect('', { origin }, ['coopcloud', `coopcloud.token.${server.token}`])
    expect(ws?.protocol).toBe('coopcloud')
    const info = await request(ws!, { id: 1, method: 'app.info', input: {} })
    expect(info).toMatchObject({ id: 1, result: { ok: true } })
    ws!.close()
    for (const protocols of [['coopcloud', 'coopcloud.token.wrong'], ['coopcloud', `coopcloud.token.${server.token.slice(1)}`], ['coopcloud']]) {
      expect(await connect('', { origin }, protocols)).toEqual({ status: 403 })
    }
  })

  it('refuses a WebSocket without the right token', async () => {
    expect(await connect('', { origin })).toEqual({ status: 403 })
    expect(await connect('?token=', { origin })).toEqual({ status: 403 })
    expect(await connect('?token=wrong', { origin })).toEqual({ status: 403 })
    expect(await connect(`?token=${server.token.slice(0, -1)}`, { origin })).toEqual({ status: 403 })
    // Not even the right token is taken from a URL: addresses end up in logs and history.
    expect(await connect(`?token=${server.token}`, { origin })).toEqual({ status: 403 })
  })

  it('refuses a WebSocket from another origin, or with none', async () => {
    expect(await connect('', { origin: 'http://evil.example' }, withToken())).toEqual({ status: 403 })
    expect(await connect('', { origin: `http://localhost:${server.port}` }, withToken())).toEqual({ status: 403 })
    expect(await connect('', { origin: 'null' }, withToken())).toEqual({ status: 403 })
    expect(await connect('', {}, withToken())).toEqual({ status: 403 })
  })

  it('refuses a WebSocket with a foreign Host even with token and origin', async () => {
    expect(await connect('', { origin, headers: { Host: `evil.example:${server.port}` } }, withToken())).toEqual({ status: 403 })
  })

  it('answers calls with the right token and origin, through dispatch', async () => {
    const { ws } = await good()
    expect(ws).toBeDefined()
    const info = await request(ws!, { id: 1, method: 'app.info', input: {} })
    expect(info).toMatchObject({ id: 1, result: { ok: true, value: { transport: 'browser' } } })

    const bad = await request(ws!, { id: 'two', method: 'servers.remove', input: { name: 7 } })
    expect(bad).toMatchObject({ id: 'two', result: { ok: false, error: { code: 'invalid-request' } } })

    const unknown = await request(ws!, { id: 3, method: 'fs.readFile', input: { path: '/etc/passwd' } })
    expect(unknown).toMatchObject({ id: 3, result: { ok: false, error: { code: 'invalid-request' } } })

    const garbage = await request(ws!, 'not json')
    expect(garbage).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-request' } } })
    ws!.close()
  })

  it('pushes core events to connected pages', async () => {
    const { ws } = await good()
    const got = new Promise((resolve) => ws!.once('message', (d) => resolve(JSON.parse(d.toString()))))
    core.events.emit('server.state', { name: 'example.org', state: 'offline' })
    expect(await got).toEqual({ event: 'server.state', payload: { name: 'example.org', state: 'offline' } })
    ws!.close()
  })
})
