import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startBrowserServer, type BrowserServer } from '../../src-main/browser/server'
import { createCore, type Core } from '../../src-main/core/core'

// Browser mode's upload route (POST /api/upload/<id>, browser/upload.ts) on
// the real loopback server with a real core: the token (in a header), the
// Origin and Host held as the WebSocket holds them, the declared length
// against the staged size and the 16 GB limit; refused requests keep nothing.
let tmp: string
let core: Core
let server: BrowserServer
let origin: string
let ws: WebSocket

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-browser-upload-'))
  const staticDir = path.join(tmp, 'renderer')
  fs.mkdirSync(staticDir, { recursive: true })
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>')
  fs.mkdirSync(path.join(tmp, 'home'))
  core = createCore({ transport: 'browser', env: {}, home: path.join(tmp, 'home') })
  server = await startBrowserServer({ core, staticDir })
  origin = `http://127.0.0.1:${server.port}`
  ws = await new Promise<WebSocket>((resolve, reject) => {
    const s = new WebSocket(`ws://127.0.0.1:${server.port}/api`, ['coopcloud', `coopcloud.token.${server.token}`], { origin })
    s.once('open', () => resolve(s))
    s.once('error', reject)
  })
})

afterAll(async () => {
  ws?.terminate()
  await server?.close()
  await core?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

let nextId = 1
type Answer = { ok: boolean; value?: { staged: { id: string }[] }; error?: { code: string } }
function rpc(method: string, input: unknown): Promise<Answer> {
  const id = nextId++
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString())
      if (msg.id !== id) return
      ws.off('message', onMessage)
      resolve(msg.result)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, method, input }))
  })
}

async function stage(name: string, bytes: number): Promise<string> {
  const r = await rpc('apps.files.stage', { files: [{ name, bytes }] })
  expect(r.ok, JSON.stringify(r)).toBe(true)
  return r.value?.staged[0].id ?? ''
}

/** POST with exactly these headers; `body` sent as is (its length declared unless `length` says otherwise). */
function post(id: string, body: Buffer, headers: Record<string, string | number>): Promise<{ status: number; body: { ok: boolean; value?: unknown; error: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: `/api/upload/${id}`, method: 'POST', headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }))
    })
    // A refusal may close the connection while the body is still going: the answer is what counts.
    req.on('error', reject)
    req.end(body)
  })
}

const good = (n: number): Record<string, string | number> => ({ origin, 'x-coopcloud-token': server.token, 'content-length': n })
const leftovers = (): string[] => (fs.existsSync(core.staging.dir) ? fs.readdirSync(core.staging.dir) : [])

describe('the upload route', () => {
  it('keeps the bytes of a staged file sent with the token from this page’s origin', async () => {
    const data = crypto.randomBytes(100_000)
    const id = await stage('été 2.bin', data.length)
    const r = await post(id, data, good(data.length))
    expect(r).toEqual({ status: 200, body: { ok: true, value: {} } })
    expect(fs.readFileSync(path.join(core.staging.dir, id, 'été 2.bin')).equals(data)).toBe(true)
    expect((await rpc('apps.files.discard', { staged: [id] })).ok).toBe(true)
    expect(leftovers()).toEqual([])
  })

  it('refuses a wrong or missing token, another origin, another host; nothing is kept and the file can still come', async () => {
    const data = Buffer.from('hello')
    const id = await stage('a.txt', data.length)
    const refusals: Record<string, string | number>[] = [
      { ...good(5), 'x-coopcloud-token': 'nope' },
      { origin, 'content-length': 5 },
      { ...good(5), origin: 'http://evil.example' },
      { ...good(5), origin: `http://localhost:${server.port}` },
      { 'x-coopcloud-token': server.token, 'content-length': 5 },
      { ...good(5), host: `localhost:${server.port}` }
    ]
    for (const headers of refusals) {
      const r = await post(id, data, headers)
      expect(r.status, JSON.stringify(headers)).toBe(403)
      expect(r.body.error.code).toBe('forbidden')
    }
    expect(leftovers()).toEqual([])
    expect((await post(id, data, good(5))).status).toBe(200)
    await rpc('apps.files.discard', { staged: [id] })
  })

  it('refuses a length other than the staged size, over the limit, or an unknown id; only GET is refused with 405', async () => {
    const id = await stage('b.txt', 5)
    const wrong = await post(id, Buffer.from('hell'), good(4))
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'upload-length-mismatch'])
    expect(leftovers()).toEqual([])
    // 16 GB and one byte, declared: refused before a byte is read.
    const big = await stage('c.bin', 16 * 1024 ** 3)
    const over = await post(big, Buffer.alloc(0), good(16 * 1024 ** 3 + 1))
    expect([over.status, over.body.error.code]).toEqual([413, 'upload-too-big'])
    expect((await rpc('apps.files.stage', { files: [{ name: 'd.bin', bytes: 16 * 1024 ** 3 + 1 }] })).error?.code).toBe('invalid-request')
    const unknown = await post('AAAAAAAAAAAAAAAAAAAAAA', Buffer.from('x'), good(1))
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'upload-unknown'])
    const malformed = await post('..%2f..%2fetc', Buffer.from('x'), good(1))
    expect(malformed.status).toBe(404)
    // The page's socket closes: what it staged goes.
    ws.terminate()
    await expect.poll(() => core.staging.ids(), { timeout: 5_000 }).toEqual([])
    await core.staging.idle()
    expect(leftovers()).toEqual([])
  })
})
