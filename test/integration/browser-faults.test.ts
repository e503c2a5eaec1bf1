import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Job } from '../../src-main/contract/schemas'
import { REPO_ROOT } from '../rig/rig'
import { sleep, waitFor as waitForIt } from './support'

// Browser mode in its own process (test/support/browser-faults-server.ts),
// with a job running, fed frames a page could send by mistake or on purpose:
// one over the 1 MiB limit, text that is not UTF-8, broken frames. Each may
// cost that one connection (with a close code saying why), never the process,
// the job, or the other pages.

let tmp: string
let child: ChildProcess
let exited: { code: number | null; signal: string | null } | null = null
let stderr = ''
let port: number
let token: string
let jobId: string
let watcher: WebSocket
const jobLines: number[] = []

const waitFor = <T>(what: string, get: () => T | null | undefined | false, timeoutMs = 10_000): Promise<T> => waitForIt(what, get, timeoutMs, { everyMs: 20 })

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, ['coopcloud', `coopcloud.token.${token}`], { origin: `http://127.0.0.1:${port}` })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

let nextId = 1
function call(ws: WebSocket, method: string, input: unknown = {}): Promise<{ ok: boolean; value?: unknown }> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${method}`)), 10_000)
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean; value?: unknown } }
      if (msg.id !== id) return
      clearTimeout(timer)
      ws.off('message', onMessage)
      resolve(msg.result!)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, method, input }))
  })
}

// A WebSocket opened by hand, so any bytes at all can follow the handshake.
async function rawSocket(): Promise<{ socket: net.Socket; received: () => Buffer; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1')
  let buf = Buffer.alloc(0)
  socket.on('data', (d: Buffer) => (buf = Buffer.concat([buf, d])))
  socket.on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  socket.write(
    `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nSec-WebSocket-Protocol: coopcloud, coopcloud.token.${token}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  )
  await waitFor('the handshake', () => buf.includes('\r\n\r\n'))
  const head = buf.subarray(0, buf.indexOf('\r\n\r\n') + 4)
  expect(head.toString()).toMatch(/^HTTP\/1\.1 101 /)
  const start = head.length
  return { socket, received: () => buf.subarray(start), closed }
}

// A client frame: FIN + opcode, masked unless told otherwise.
function frame(opcode: number, payload: Buffer, opts: { masked?: boolean; rsv?: number; claimedLength?: number } = {}): Buffer {
  const masked = opts.masked ?? true
  const length = opts.claimedLength ?? payload.length
  const header: number[] = [0x80 | (opts.rsv ?? 0) | opcode]
  if (length < 126) header.push((masked ? 0x80 : 0) | length)
  else if (length < 65536) header.push((masked ? 0x80 : 0) | 126, length >> 8, length & 0xff)
  else {
    header.push((masked ? 0x80 : 0) | 127)
    const big = Buffer.alloc(8)
    big.writeBigUInt64BE(BigInt(length))
    header.push(...big)
  }
  if (!masked) return Buffer.concat([Buffer.from(header), payload])
  const mask = crypto.randomBytes(4)
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))
  return Buffer.concat([Buffer.from(header), mask, body])
}

/** The code of the close frame the server sent, if any (events may come first). */
function closeCode(bytes: Buffer): number | undefined {
  let at = 0
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at] & 0x0f
    let length = bytes[at + 1] & 0x7f
    let start = at + 2
    if (length === 126) {
      if (start + 2 > bytes.length) return undefined
      length = bytes.readUInt16BE(start)
      start += 2
    } else if (length === 127) {
      if (start + 8 > bytes.length) return undefined
      length = Number(bytes.readBigUInt64BE(start))
      start += 8
    }
    if (start + length > bytes.length) return undefined
    if (opcode === 0x8) return length >= 2 ? bytes.readUInt16BE(start) : undefined
    at = start + length
  }
  return undefined
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-browser-faults-'))
  fs.mkdirSync(path.join(tmp, 'home'))
  child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/support/browser-faults-server.ts'), path.join(tmp, 'home'), path.join(tmp, 'renderer')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc']
  })
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  child.on('exit', (code, signal) => (exited = { code, signal }))
  const ready = await new Promise<{ port: number; token: string; jobId: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 60_000)
    child.once('message', (m) => {
      clearTimeout(timer)
      resolve(m as { port: number; token: string; jobId: string })
    })
    child.once('exit', () => reject(new Error(`the server exited: ${stderr}`)))
  })
  ;({ port, token, jobId } = ready)
  // A page that stays open the whole time, following the job.
  watcher = await connect()
  watcher.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { event?: string; payload?: Job }
    if (msg.event === 'job.update' && msg.payload?.id === jobId) jobLines.push(msg.payload.log.length)
  })
}, 90_000)

afterAll(async () => {
  watcher?.terminate()
  if (child && !exited) {
    child.kill('SIGTERM')
    await waitFor('the server to stop', () => exited, 10_000).catch(() => child.kill('SIGKILL'))
  }
  fs.rmSync(tmp, { recursive: true, force: true })
})

// The job logs a line every 50 ms; it goes on if its log keeps growing.
async function jobGoesOn(): Promise<void> {
  const before = jobLines.at(-1) ?? 0
  await waitFor('the job to log more lines', () => (jobLines.at(-1) ?? 0) > before + 2)
  const jobs = (await call(watcher, 'jobs.list')).value as Job[]
  expect(jobs.find((j) => j.id === jobId)?.status).toBe('running')
}

const badFrames: { name: string; bytes: () => Buffer; code: number }[] = [
  // The header alone says 2 MiB: refused before the payload arrives.
  { name: 'a frame over the 1 MiB limit', bytes: () => frame(0x1, Buffer.alloc(1024), { claimedLength: 2 * 1024 * 1024 }), code: 1009 },
  { name: 'a whole 1 MiB + 1 byte message', bytes: () => frame(0x1, Buffer.alloc(1024 * 1024 + 1, 0x61)), code: 1009 },
  { name: 'a text frame that is not UTF-8', bytes: () => frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), code: 1007 },
  { name: 'an unmasked client frame', bytes: () => frame(0x1, Buffer.from('{}'), { masked: false }), code: 1002 },
  { name: 'reserved bits set', bytes: () => frame(0x1, Buffer.from('{}'), { rsv: 0x20 }), code: 1002 },
  { name: 'an unknown opcode', bytes: () => frame(0x3, Buffer.from('{}')), code: 1002 },
  { name: 'a close frame with an invalid code', bytes: () => frame(0x8, Buffer.from([0x03, 0xe7])), code: 1002 }
]

describe('browser mode under bad frames', () => {
  it('answers before any bad frame, with the job running', async () => {
    expect((await call(watcher, 'app.info')).ok).toBe(true)
    await jobGoesOn()
  })

  for (const bad of badFrames) {
    it(`drops only the connection that sent ${bad.name}; the process, the job and other pages go on`, async () => {
      const { socket, received, closed } = await rawSocket()
      socket.write(bad.bytes())
      await waitFor('the connection to close', () => socket.destroyed || closeCode(received()) !== undefined)
      expect(closeCode(received())).toBe(bad.code)
      await Promise.race([closed, sleep(5_000).then(() => socket.destroy())])
      expect(exited).toBeNull()
      // The page open all along still gets answers and events...
      expect((await call(watcher, 'app.info')).ok).toBe(true)
      await jobGoesOn()
      // ...and a new page can connect.
      const fresh = await connect()
      expect((await call(fresh, 'jobs.list')).ok).toBe(true)
      fresh.close()
    }, 30_000)
  }

  it('is still the same process, with its job still running, at the end', async () => {
    expect(exited).toBeNull()
    await jobGoesOn()
  })
})
