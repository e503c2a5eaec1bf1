// Abuse of every door, Electron: the api:call handler (src-main/electron/ipc.ts,
// with electron mocked as in ipc.test.ts) gets every method's hostile inputs
// from test/support/hostile.ts, structured-cloned as the renderer → main hop
// does, plus the values only IPC can carry (NaN, BigInt, Map, Date, cycles…).
// A real core runs on a temp home inside a sentinel tree. Replay a run with
// ABUSE_SEED=<the seed it printed>.
import fs from 'node:fs'
import os from 'node:os'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  allInputs,
  answerProblems,
  errorBodyProblems,
  exampleFor,
  inputSchema,
  internalError,
  makeAbuseWorld,
  METHOD_NAMES,
  SERVER_METHODS_NOTE,
  snapshotOutsideHome,
  steerAwayFromRig,
  touched,
  type HostileInput
} from '../support/hostile'
import type { Keychain } from '../../src-main/keychain/keychain'

const m = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown
  const handlers = new Map<string, Listener>()
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, fn: Listener) => void handlers.set(channel, fn),
      removeHandler: (channel: string) => void handlers.delete(channel)
    },
    BrowserWindow: { getAllWindows: () => [] }
  }
})
vi.mock('electron', () => ({ ipcMain: m.ipcMain, BrowserWindow: m.BrowserWindow }))

const { createCore } = await import('../../src-main/core/core')
const { registerIpc, CALL_CHANNEL } = await import('../../src-main/electron/ipc')

// A DNS lookup the resolver gives up on waits 5 s by default; with no
// network every lookup here is one (glibc reads this when it first resolves).
process.env.RES_OPTIONS = 'timeout:1 attempts:1'
const SEED = Number(process.env.ABUSE_SEED ?? 20261201)
const APP = 'app://coopcloud/index.html'
const IN_FLIGHT = 16

const world = makeAbuseWorld(process.env.CCD_TEST_HOME_ROOT || os.tmpdir())
const store = new Map<string, string>()
// Secrets stay in this process: the suite must not write the machine's keyring.
const keychain: Keychain = { get: async (a) => store.get(a), set: async (a, s) => void store.set(a, s), delete: async (a) => void store.delete(a) }
// The catalogue points at a closed port: nothing leaves the machine.
const core = createCore({ transport: 'electron', env: { COOPCLOUD_CATALOGUE_URL: 'http://127.0.0.1:9/recipes.json' }, home: world.home, keychain })
const unregister = registerIpc(core, (url) => url.startsWith('app://coopcloud/'))

// The page's WebContents, as much of it as ipc.ts touches.
const sender = { id: 1, on: () => sender, getURL: () => APP, isDestroyed: () => false }
const ownPage = { senderFrame: { url: APP, parent: null }, sender }

const unhandled: string[] = []
const uncaught: string[] = []
const onRejection = (r: unknown): void => void unhandled.push(String(r instanceof Error ? r.stack : r))
const onException = (e: unknown): void => void uncaught.push(String(e instanceof Error ? e.stack : e))
process.on('unhandledRejection', onRejection)
process.on('uncaughtException', onException)

afterAll(async () => {
  process.off('unhandledRejection', onRejection)
  process.off('uncaughtException', onException)
  unregister()
  await core.close()
  fs.rmSync(world.root, { recursive: true, force: true })
})

/** Values the structured clone of an IPC call carries and JSON cannot. */
function cloneOnly(): unknown[] {
  const cyclic: Record<string, unknown> = { a: 1 }
  cyclic.self = cyclic
  const sparse: unknown[] = []
  sparse[100_000] = 'x'
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { server: 'abuse-nowhere' })
  return [undefined, NaN, Infinity, -Infinity, -0, 10n, new Date(0), new Date(NaN), new Map([['a', 1]]), new Set(['a']), new Uint8Array(8), new ArrayBuffer(8), /../g, new Error('boom'), cyclic, sparse, bare]
}

function cloneInputs(method: (typeof METHOD_NAMES)[number]): HostileInput[] {
  const schema = inputSchema(method)
  const example = exampleFor((schema.oneOf ?? [schema])[0], { world }) as Record<string, unknown>
  const out: HostileInput[] = cloneOnly().map((v, i) => ({ label: `input = clone-only value ${i}`, value: v }))
  if (example && typeof example === 'object') {
    for (const key of Object.keys(example)) for (const [i, v] of cloneOnly().entries()) out.push({ label: `${key} = clone-only value ${i}`, value: { ...example, [key]: v } })
  }
  return out
}

// The renderer → main hop copies the arguments; so does this.
function overTheWire(v: unknown): unknown {
  try {
    return structuredClone(v)
  } catch {
    return v
  }
}

describe('abuse of every door: Electron IPC', () => {
  it('answers hostile input to every method with a plain-words result', { timeout: 300_000 }, async () => {
    const started = Date.now()
    const cpu = process.cpuUsage()
    const { perMethod, inputs } = allInputs({ world }, SEED)
    const before = snapshotOutsideHome(world)
    const handler = m.handlers.get(CALL_CHANNEL)!
    const findings: string[] = []
    let steered = 0
    let cloneCount = 0
    const internal = new Map<string, number>()
    // The core logs each internal error locally (with its stack); counted here, not printed.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)

    const queue: [string, unknown, HostileInput][] = []
    for (const method of METHOD_NAMES) {
      for (const input of inputs.get(method)!) queue.push([method, method, input])
      for (const input of cloneInputs(method)) {
        queue.push([method, method, input])
        cloneCount++
      }
    }
    // The method name itself is the renderer's to choose too.
    for (const bad of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'app.info\u0000', 'APP.INFO', null, 7, {}, ['app.info'], 10n]) {
      queue.push(['(method name)', bad, { label: `method = ${String(bad)}`, value: {} }])
    }

    let i = 0
    const worker = async (): Promise<void> => {
      while (i < queue.length) {
        const [name, method, input] = queue[i++]
        const steer = steerAwayFromRig(METHOD_NAMES.includes(name as never) ? (name as never) : 'app.info', input.value)
        if (steer.steered) steered++
        try {
          const result = await handler(ownPage, overTheWire(method), overTheWire(steer.value))
          for (const problem of answerProblems(result, world)) findings.push(`${name} [${input.label}]: ${problem}`)
          if (internalError(result)) internal.set(name, (internal.get(name) ?? 0) + 1)
        } catch (err) {
          findings.push(`${name} [${input.label}]: the handler threw instead of answering: ${String(err).slice(0, 200)}`)
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))

    // Jobs started by the abuse run on after their call answered.
    for (const end = Date.now() + 30_000; Date.now() < end && core.jobs.list().some((j) => j.status === 'running'); ) await new Promise((r) => setTimeout(r, 100))
    const jobs = core.jobs.list()
    for (const j of jobs) if (j.error) for (const p of errorBodyProblems(j.error)) findings.push(`job "${j.title}": ${p}`)
    const running = jobs.filter((j) => j.status === 'running').map((j) => j.title)
    const changed = touched(before, snapshotOutsideHome(world))
    logged.mockRestore()

    console.log(
      `abuse: ${METHOD_NAMES.length} methods × ${perMethod} inputs, ${uncaught.length} crashes, ${unhandled.length} unhandled rejections, ${changed.length} files touched outside home` +
        ` (Electron IPC; plus ${cloneCount} structured-clone-only values; seed ${SEED}; ${((Date.now() - started) / 1000).toFixed(0)} s, ${cpuSeconds(cpu)} s of CPU in this process)`
    )
    if (internal.size) console.log(`abuse: answered "something went wrong inside the app" (plain words, details logged locally): ${[...internal].map(([k, n]) => `${k} ×${n}`).join(', ')}`)
    console.log(`abuse: ${steered} inputs steered away from the rig; methods: ${SERVER_METHODS_NOTE}`)
    const grouped = new Map<string, number>()
    for (const f of findings) grouped.set(f.replace(/\[.*?\]/, '[…]').slice(0, 200), (grouped.get(f.replace(/\[.*?\]/, '[…]').slice(0, 200)) ?? 0) + 1)
    if (grouped.size) console.log(`abuse findings (IPC):\n${[...grouped].slice(0, 60).map(([f, n]) => `  ${f} (×${n})`).join('\n')}`)
    for (const u of [...uncaught, ...unhandled].slice(0, 5)) console.log(`abuse: ${u.slice(0, 600)}`)
    for (const c of changed) console.log(`abuse touched outside home: ${c}`)

    expect(uncaught, 'crashes (uncaught exceptions)').toEqual([])
    expect(unhandled, 'unhandled rejections').toEqual([])
    expect(changed, 'files touched outside the home').toEqual([])
    expect(running, 'jobs still running 30 s after the last call').toEqual([])
    expect(findings.slice(0, 40), 'answers that are not plain-words results').toEqual([])
    // Plain words, but still a bug: hostile input should meet a reason, not an accident.
    expect([...internal], 'inputs that ended in an internal error').toEqual([])
  })
})

// Wall time depends on what else the machine runs; this doesn't.
function cpuSeconds(since: NodeJS.CpuUsage): string {
  const u = process.cpuUsage(since)
  return ((u.user + u.system) / 1e6).toFixed(0)
}
