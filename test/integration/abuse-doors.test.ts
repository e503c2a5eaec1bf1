// Abuse of every door, browser mode: every method of the contract gets the
// same hostile inputs (test/support/hostile.ts) over the WebSocket, a sample
// of them over plain HTTP, and then broken frames. The server runs in a child
// process on a temp home with a sentinel tree around it, so a crash, an
// unhandled rejection or a file touched outside the home is seen and counted.
// Replay a run with ABUSE_SEED=<the seed it printed>.
import { fork, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import fs from 'node:fs'
import {
  allInputs,
  answerProblems,
  errorBodyProblems,
  makeAbuseWorld,
  internalError,
  METHOD_NAMES,
  SERVER_METHODS_NOTE,
  snapshotOutsideHome,
  steerAwayFromRig,
  touched,
  type AbuseWorld,
  type HostileInput,
  type Snapshot
} from '../support/hostile'
import type { MethodName } from '../../src-main/contract/contract'

const SEED = Number(process.env.ABUSE_SEED ?? 20261201)
const IN_FLIGHT = 16
const ANSWER_MS = 20_000
// browser/server.ts's maxPayload.
const MAX_PAYLOAD = 1024 * 1024
const here = path.dirname(fileURLToPath(import.meta.url))
const ENTRY = path.join(here, '..', 'support', 'abuse-server.ts')

interface Finding {
  door: string
  method: string
  input: string
  problem: string
}

let world: AbuseWorld
let before: Snapshot
let server: ServerProcess
const findings: Finding[] = []
const crashes: string[] = []
const rejections: string[] = []
let steered = 0
const timing = new Map<string, number>()
const internal = new Map<string, number>()
let sent = 0

// ----- the server process -----

interface ServerProcess {
  child: ChildProcess
  port: number
  token: string
  stderr: () => string
  exited: Promise<void>
  alive: () => boolean
}

async function startServer(): Promise<ServerProcess> {
  const child = fork(ENTRY, [world.home, path.join(world.home, 'static')], {
    execArgv: ['--import', 'tsx'],
    // HOME too: anything that asks the OS for the home directory lands in the test's.
    env: { ...process.env, HOME: world.home, SSH_AUTH_SOCK: '', RES_OPTIONS: 'timeout:1 attempts:1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc']
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)))
  child.stdout!.resume()
  let alive = true
  const exited = new Promise<void>((resolve) => child.once('exit', () => ((alive = false), resolve())))
  child.on('message', (msg: { type?: string; reason?: string }) => {
    if (msg.type === 'unhandledRejection') rejections.push(msg.reason ?? '')
  })
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser-mode server did not start within 90 s:\n${stderr}`)), 90_000)
    child.on('message', (msg: { type?: string; port?: number; token?: string }) => {
      if (msg.type !== 'ready') return
      clearTimeout(timer)
      resolve({ port: msg.port!, token: msg.token! })
    })
    void exited.then(() => (clearTimeout(timer), reject(new Error(`browser-mode server exited at start:\n${stderr}`))))
  })
  return { child, ...ready, stderr: () => stderr, exited, alive: () => alive }
}

/** After a crash: count it with what the process said, and start a fresh one. */
// One check at a time: every call in flight notices the same crash.
let replacing: Promise<boolean> | undefined
function replaceIfDead(during: string): Promise<boolean> {
  replacing ??= checkAndReplace(during).finally(() => (replacing = undefined))
  return replacing
}

async function checkAndReplace(during: string): Promise<boolean> {
  if (server.alive() && (await answers())) return false
  // A dying process closes its sockets a moment before its exit is reported.
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))])
  // Alive but not answering: each call's own timeout reports that.
  if (server.alive()) return false
  await server.exited
  crashes.push(`${during}: ${server.stderr().trim().split('\n').slice(-12).join('\n')}`)
  const t0 = Date.now()
  server = await startServer()
  if (process.env.ABUSE_DEBUG) console.log(`abuse: restarted browser mode after "${during}" in ${Date.now() - t0} ms`)
  return true
}

/** A real call on a fresh connection: the server is up and answering. */
async function answers(): Promise<boolean> {
  try {
    const c = await Client.open(server)
    try {
      await c.call('app.info', {})
      return true
    } finally {
      c.close()
    }
  } catch {
    return false
  }
}

/** A fresh connection; when none can be made, the process is checked for a crash (counted) and replaced. */
async function connect(during: string): Promise<Client> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await Client.open(server)
    } catch {
      await replaceIfDead(during)
    }
  }
  throw new Error(`browser mode stopped answering (${during})`)
}

// ----- a WebSocket client that matches answers to calls -----

class Client {
  private next = 1
  private pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>()
  closed = false

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown; event?: string; payload?: Record<string, unknown> }
      if (msg.event) return onEvent(msg.event, msg.payload ?? {})
      this.pending.get(msg.id as number)?.resolve(msg.result)
      this.pending.delete(msg.id as number)
    })
    ws.on('close', () => {
      this.closed = true
      for (const p of this.pending.values()) p.reject(new Error('the server closed the connection'))
      this.pending.clear()
    })
    ws.on('error', () => undefined)
  }

  static open(s: ServerProcess): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api`, ['coopcloud', `coopcloud.token.${s.token}`], { origin: `http://127.0.0.1:${s.port}`, maxPayload: 64 * 1024 * 1024 })
      ws.once('open', () => resolve(new Client(ws)))
      ws.once('error', reject)
    })
  }

  call(method: unknown, input: unknown): Promise<unknown> {
    const id = this.next++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.pending.delete(id), reject(new Error(`no answer within ${ANSWER_MS / 1000} s`))), ANSWER_MS)
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e))
      })
      this.ws.send(JSON.stringify({ id, method, input }))
    })
  }

  close(): void {
    this.ws.terminate()
  }
}

// Job and stream errors reach the page as events: they must be plain words too.
function onEvent(event: string, payload: Record<string, unknown>): void {
  const error = event === 'job.update' || event === 'server.state' ? payload.error : undefined
  if (error && typeof error === 'object') {
    for (const problem of errorBodyProblems(error as Record<string, unknown>)) findings.push({ door: 'WebSocket event', method: event, input: String(payload.title ?? payload.name ?? ''), problem })
  }
  if (event === 'stream.end' && typeof payload.error === 'string' && /\n\s+at |src-main\//.test(payload.error)) {
    findings.push({ door: 'WebSocket event', method: event, input: '', problem: 'stack trace in a stream error' })
  }
  if (JSON.stringify(payload).includes(world.canary)) findings.push({ door: 'WebSocket event', method: event, input: '', problem: 'an event carries the contents of a file outside the home' })
}

// ----- the run -----

let inputs: Map<MethodName, HostileInput[]>
let perMethod = 0

beforeAll(async () => {
  world = makeAbuseWorld(process.env.CCD_TEST_HOME_ROOT || os.tmpdir())
  ;({ inputs, perMethod } = allInputs({ world }, SEED))
  before = snapshotOutsideHome(world)
  server = await startServer()
})

afterAll(async () => {
  if (server?.alive()) {
    server.child.kill('SIGKILL')
    await server.exited
  }
  if (world) fs.rmSync(world.root, { recursive: true, force: true })
})

async function overWebSocket(): Promise<void> {
  let client = await connect('start')
  const queue: [MethodName, HostileInput][] = []
  for (const [method, list] of inputs) for (const input of list) queue.push([method, input])
  let i = 0
  const worker = async (): Promise<void> => {
    while (i < queue.length) {
      const [method, input] = queue[i++]
      const steer = steerAwayFromRig(method, input.value)
      if (steer.steered) steered++
      sent++
      const t0 = Date.now()
      if (process.env.ABUSE_DEBUG && sent % 2000 === 0) console.log(`abuse: ${sent} sent, at ${method}`)
      // Over the 1 MiB a page may send: the server must drop that page with
      // close code 1009, on a connection of its own so the others' calls go on.
      const text = JSON.stringify({ id: 0, method, input: steer.value }) ?? ''
      if (Buffer.byteLength(text) > MAX_PAYLOAD) {
        const problem = await oversized(text)
        if (problem) findings.push({ door: 'WebSocket', method, input: input.label, problem })
        continue
      }
      try {
        const result = await client.call(method, steer.value).finally(() => timing.set(method, (timing.get(method) ?? 0) + Date.now() - t0))
        for (const problem of answerProblems(result, world)) findings.push({ door: 'WebSocket', method, input: input.label, problem })
        if (internalError(result)) internal.set(method, (internal.get(method) ?? 0) + 1)
      } catch (err) {
        findings.push({ door: 'WebSocket', method, input: input.label, problem: (err as Error).message })
        if (client.closed) {
          await replaceIfDead(`WebSocket ${method} ${input.label}`)
          client = await connect(`WebSocket ${method} ${input.label}`)
        }
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  client.close()
}

async function oversized(text: string): Promise<string | undefined> {
  const c = await connect('a message over 1 MiB')
  const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)))
  const answered = new Promise<string>((resolve) => c.ws.once('message', () => resolve('answered a message over 1 MiB')))
  c.ws.send(text)
  const outcome = await Promise.race([closed, answered, new Promise<string>((r) => setTimeout(() => r('neither answered nor closed within 10 s'), 10_000))])
  c.close()
  if (await replaceIfDead('a message over 1 MiB')) return 'the browser-mode process crashed'
  if (typeof outcome === 'string') return outcome
  return outcome === 1009 ? undefined : `closed with code ${outcome}, not 1009 (message too big)`
}

// There is no API over plain HTTP: each method's small inputs posted, put or
// asked for in a query must be refused without running anything.
async function overHttp(): Promise<number> {
  let count = 0
  for (const [method, list] of inputs) {
    const small = list.filter((x) => (JSON.stringify(x.value) ?? '').length < 4000).slice(0, 12)
    for (const input of small) {
      const body = JSON.stringify({ id: 1, method, input: steerAwayFromRig(method, input.value).value })
      const tries: [string, string, string | undefined][] = [
        ['POST', `/api?token=${server.token}`, body],
        ['PUT', '/api', body],
        ['GET', `/api?token=${server.token}&method=${encodeURIComponent(method)}&input=${encodeURIComponent(body)}`, undefined],
        ['GET', `/${encodeURIComponent(method)}`, undefined]
      ]
      for (const [verb, url, payload] of tries) {
        count++
        const res = await httpRequest(verb, url, payload).catch((err: Error) => ({ status: 0, body: err.message }))
        const problems: string[] = []
        if (res.status === 0) problems.push(`no HTTP answer: ${res.body}`)
        else if (res.status >= 500) problems.push(`HTTP ${res.status}`)
        if (/"ok"\s*:/.test(res.body)) problems.push('answered an API call over plain HTTP')
        if (res.body.includes(world.canary)) problems.push('the answer carries the contents of a file outside the home')
        if (/\n\s+at |src-main\//.test(res.body)) problems.push('stack trace in the answer')
        for (const problem of problems) findings.push({ door: `HTTP ${verb}`, method, input: input.label, problem })
        if (res.status === 0 || !server.alive()) await replaceIfDead(`HTTP ${verb} ${method}`)
      }
    }
  }
  return count
}

function httpRequest(method: string, url: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: url, method, headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${server.port}` }, timeout: 10_000 }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', reject)
    req.end(body)
  })
}

// Frames no page would send. Each goes on its own connection; afterwards the
// server must still answer a call on a fresh one.
async function brokenFrames(): Promise<number> {
  const big = JSON.stringify({ id: 1, method: 'app.info', input: { a: 'A'.repeat(1024 * 1024) } })
  const frames: [string, (ws: WebSocket) => void][] = [
    ['a text frame over 1 MiB', (ws) => ws.send(big)],
    ['invalid UTF-8 in a text frame', (ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })],
    ['a binary frame', (ws) => ws.send(Buffer.from('{"id":1,"method":"app.info"}'), { binary: true })],
    ['not JSON', (ws) => ws.send('{"id":1,')],
    ['JSON but not an object', (ws) => ws.send('[1,2,3]')],
    ['an object id', (ws) => ws.send('{"id":{"x":1},"method":"app.info"}')],
    ['method __proto__', (ws) => ws.send('{"id":1,"method":"__proto__","input":{}}')],
    ['method constructor', (ws) => ws.send('{"id":1,"method":"constructor","input":{}}')],
    ['method toString', (ws) => ws.send('{"id":1,"method":"toString","input":{}}')],
    ['method hasOwnProperty', (ws) => ws.send('{"id":1,"method":"hasOwnProperty","input":{}}')],
    ['the whole message under __proto__', (ws) => ws.send('{"__proto__":{"id":1,"method":"app.info","input":{}}}')],
    ['JSON nested 100 000 levels deep', (ws) => ws.send(`{"id":1,"method":"apps.envForm","input":{"recipe":"a","set":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`)],
    ['a huge id', (ws) => ws.send(JSON.stringify({ id: 'i'.repeat(900_000), method: 'app.info', input: {} }))],
    ['a reserved opcode', (ws) => rawSocket(ws).write(maskedFrame(0x83, Buffer.from('x')))],
    ['an unmasked frame', (ws) => rawSocket(ws).write(Buffer.from([0x81, 0x01, 0x78]))],
    ['RSV bits set', (ws) => rawSocket(ws).write(maskedFrame(0xf1, Buffer.from('x')))],
    ['a fragmented control frame', (ws) => rawSocket(ws).write(maskedFrame(0x09, Buffer.from('x')))],
    ['a close frame with a bad code', (ws) => rawSocket(ws).write(maskedFrame(0x88, Buffer.from([0x03, 0xe7])))],
    ['half a frame, then the socket cut', (ws) => (rawSocket(ws).write(Buffer.from([0x81, 0xfe, 0xff])), rawSocket(ws).destroy())]
  ]
  for (const [label, send] of frames) {
    const client = await connect(`broken frame: ${label}`)
    const closed = new Promise<void>((resolve) => client.ws.once('close', () => resolve()))
    const answered = new Promise<void>((resolve) => client.ws.once('message', () => resolve()))
    send(client.ws)
    // Whichever comes first: the server answers (invalid-request) or drops this client.
    await Promise.race([closed, answered, server.exited, new Promise((r) => setTimeout(r, 5000))])
    client.close()
    if (await replaceIfDead(`broken frame: ${label}`)) {
      findings.push({ door: 'WebSocket frame', method: '-', input: label, problem: 'the browser-mode process crashed' })
    }
  }
  return frames.length
}

function rawSocket(ws: WebSocket): import('node:net').Socket {
  return (ws as unknown as { _socket: import('node:net').Socket })._socket
}

function maskedFrame(first: number, payload: Buffer): Buffer {
  const mask = Buffer.from([1, 2, 3, 4])
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))
  return Buffer.concat([Buffer.from([first, 0x80 | payload.length]), mask, body])
}

async function finish(): Promise<{ runningJobs: string[]; jobErrors: { title: string; error: Record<string, unknown> }[] }> {
  const answer = new Promise<{ runningJobs: string[]; jobErrors: { title: string; error: Record<string, unknown> }[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not finish within 45 s')), 45_000)
    server.child.on('message', (msg: { type?: string; runningJobs: string[]; jobErrors: { title: string; error: Record<string, unknown> }[] }) => {
      if (msg.type !== 'finished') return
      clearTimeout(timer)
      resolve(msg)
    })
  })
  server.child.send({ type: 'finish' })
  const result = await answer
  await server.exited
  return result
}

describe('abuse of every door: browser mode', () => {
  it('survives hostile input to every method over WebSocket and HTTP, and broken frames', { timeout: 600_000 }, async () => {
    const started = Date.now()
    const cpu = process.cpuUsage()
    await overWebSocket()
    const httpCount = await overHttp()
    const frameCount = await brokenFrames()
    const { runningJobs, jobErrors } = await finish()
    for (const j of jobErrors) for (const problem of errorBodyProblems(j.error)) findings.push({ door: 'job', method: j.title, input: '', problem })
    const changed = touched(before, snapshotOutsideHome(world))

    const methods = METHOD_NAMES.length
    console.log(
      `abuse: ${methods} methods × ${perMethod} inputs, ${crashes.length} crashes, ${rejections.length} unhandled rejections, ${changed.length} files touched outside home` +
        ` (browser mode over WebSocket; plus ${httpCount} HTTP requests and ${frameCount} broken frames; seed ${SEED}; ${((Date.now() - started) / 1000).toFixed(0)} s, ${cpuSeconds(cpu)} s of CPU in this process)`
    )
    console.log(`abuse: ${sent} calls sent; ${steered} inputs steered away from the rig; methods: ${SERVER_METHODS_NOTE}`)
    if (internal.size) console.log(`abuse: answered "something went wrong inside the app" (plain words, details logged locally): ${[...internal].map(([k, n]) => `${k} ×${n}`).join(', ')}`)
    const slowest = [...timing].sort((a, b) => b[1] - a[1]).slice(0, 5)
    console.log(`abuse: slowest methods (summed ms of their calls): ${slowest.map(([m, ms]) => `${m} ${ms}`).join(', ')}`)
    report(findings, crashes, rejections, changed, runningJobs)

    expect(crashes, 'crashes').toEqual([])
    expect(rejections, 'unhandled rejections').toEqual([])
    expect(changed, 'files touched outside the home').toEqual([])
    expect(runningJobs, 'jobs still running 30 s after the last call').toEqual([])
    expect(findings.map((f) => `${f.door} ${f.method} [${f.input}]: ${f.problem}`).slice(0, 40), 'answers that are not plain-words errors').toEqual([])
    // Plain words, but still a bug: hostile input should meet a reason, not an accident.
    expect([...internal], 'inputs that ended in an internal error').toEqual([])
  })
})

// Grouped by problem and method, so one defect is one line, with an example input.
function report(all: Finding[], crashed: string[], rejected: string[], changed: string[], running: string[]): void {
  const groups = new Map<string, { count: number; example: string }>()
  for (const f of all) {
    const key = `${f.door} · ${f.method} · ${f.problem.replace(/"[^"]*"/g, '"…"').slice(0, 120)}`
    const g = groups.get(key) ?? { count: 0, example: f.input }
    g.count++
    groups.set(key, g)
  }
  const lines = [...groups].map(([key, g]) => `  ${key} (×${g.count}, e.g. ${g.example})`)
  if (lines.length) console.log(`abuse findings:\n${lines.slice(0, 80).join('\n')}${lines.length > 80 ? `\n  … and ${lines.length - 80} more` : ''}`)
  for (const c of crashed) console.log(`abuse crash: ${c}`)
  for (const r of rejected.slice(0, 5)) console.log(`abuse unhandled rejection: ${r.slice(0, 600)}`)
  for (const c of changed) console.log(`abuse touched outside home: ${c}`)
  for (const j of running) console.log(`abuse job still running: ${j}`)
}

// Wall time depends on what else the machine runs; this doesn't.
function cpuSeconds(since: NodeJS.CpuUsage): string {
  const u = process.cpuUsage(since)
  return ((u.user + u.system) / 1e6).toFixed(0)
}
