import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppSummary } from '../../src-main/contract/apps'
import { Monitor, serverOfKey, type ServerCheck } from '../../src-main/monitoring/monitor'

// The monitor's timing and bookkeeping, with the clock under the test's
// control and servers that answer as the test says. (The checks themselves
// run against the rig in the integration tests.)
beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

const healthy: ServerCheck = { reached: true, apps: [], usage: { disks: [] } }
const app = (domain: string, over: Partial<AppSummary> = {}): AppSummary => ({
  server: 's1', domain, envFile: '', stackName: 'x', deployed: true, chaos: false, health: 'running', words: '', services: [], ...over
})

function world(answers: Record<string, () => Promise<ServerCheck>>) {
  const calls: Record<string, number[]> = {}
  let names = Object.keys(answers)
  const deps = {
    servers: async () => names,
    checkServer: (name: string, signal: AbortSignal) => {
      ;(calls[name] ??= []).push(Date.now())
      return new Promise<ServerCheck>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')))
        answers[name]().then(resolve, reject)
      })
    },
    lastGoodBackup: async () => Date.now(),
    securityUpgrade: async () => false
  }
  return { deps, calls, setServers: (n: string[]) => (names = n) }
}

describe('the background monitor', () => {
  it('checks each server on its own timer: one that never answers doesn’t hold the other up', async () => {
    const w = world({ fast: async () => healthy, stuck: () => new Promise<ServerCheck>(() => undefined) })
    const incidents: string[] = []
    const m = new Monitor(w.deps, { intervalMs: 60_000, timeoutMs: 10_000, onIncidents: (c) => incidents.push(...c.became.map((i) => i.key)) })
    m.start()
    await vi.advanceTimersByTimeAsync(5 * 60_000 + 1)
    // Every minute for both, on time, from t=0.
    expect(w.calls.fast).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000].map((t) => t + w.calls.fast[0]))
    expect(w.calls.stuck).toHaveLength(6)
    // Unreachable after the second round, announced once.
    expect(incidents).toEqual(['server:stuck'])
    expect(m.view().problems.map((p) => [p.key, p.problem.kind, p.since])).toEqual([['server:stuck', 'server-unreachable', w.calls.stuck[0] + 10_000]])
    m.stop()
  })

  it('clears a problem on the first good round and says so', async () => {
    let up = false
    const w = world({ s1: async () => (up ? healthy : { reached: false, error: 'refused', apps: [] }) })
    const changes: string[] = []
    const m = new Monitor(w.deps, { intervalMs: 1000, onIncidents: (c) => changes.push(...c.became.map((i) => `+${i.key}`), ...c.cleared.map((i) => `-${i.key}`)) })
    m.start()
    await vi.advanceTimersByTimeAsync(3500)
    expect(changes).toEqual(['+server:s1'])
    up = true
    await vi.advanceTimersByTimeAsync(1000)
    expect(changes).toEqual(['+server:s1', '-server:s1'])
    expect(m.view().problems).toEqual([])
    m.stop()
  })

  it('keeps an app’s problem while its server doesn’t answer, rather than calling it fixed', async () => {
    let state: 'down' | 'away' = 'down'
    const downApp = app('a.example.org', { services: [{ name: 'app', fullName: 'x_app', image: 'i', desired: 1, running: 0, health: 'none', restarts: 0, words: '', status: 'failed' }] })
    const w = world({ s1: async () => (state === 'down' ? { reached: true, apps: [downApp] } : { reached: false, error: 'timeout', apps: [] }) })
    const cleared: string[] = []
    const m = new Monitor(w.deps, { intervalMs: 1000, onIncidents: (c) => cleared.push(...c.cleared.map((i) => i.key)) })
    m.start()
    await vi.advanceTimersByTimeAsync(1500)
    expect(m.view().problems.map((p) => p.key)).toEqual(['app:s1/a.example.org'])
    state = 'away'
    await vi.advanceTimersByTimeAsync(2000)
    expect(cleared).toEqual([])
    expect(m.view().problems.map((p) => p.key).sort()).toEqual(['app:s1/a.example.org', 'server:s1'])
    m.stop()
  })

  it('follows removed servers, dropping their problems without calling them fixed, and stops every timer', async () => {
    const w = world({ s1: async () => ({ reached: false, apps: [] }), s2: async () => healthy })
    const cleared: string[] = []
    const m = new Monitor(w.deps, { intervalMs: 1000, onIncidents: (c) => cleared.push(...c.cleared.map((i) => i.key)) })
    m.start()
    await vi.advanceTimersByTimeAsync(1500)
    expect(m.view().problems.map((p) => p.key)).toEqual(['server:s1'])
    w.setServers(['s2'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(m.view().problems).toEqual([])
    expect(m.view().servers).toBe(1)
    expect(cleared).toEqual([])
    m.stop()
    const before = w.calls.s2.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.calls.s2.length).toBe(before)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('removing a server leaves another whose name starts the same alone (s1 and s10)', async () => {
    const down = async () => ({ reached: false, apps: [] })
    const w = world({ s1: down, s10: down })
    const became: string[] = []
    const m = new Monitor(w.deps, { intervalMs: 1000, onIncidents: (c) => became.push(...c.became.map((i) => i.key)) })
    m.start()
    await vi.advanceTimersByTimeAsync(1500)
    expect(became.sort()).toEqual(['server:s1', 'server:s10'])
    w.setServers(['s10'])
    await vi.advanceTimersByTimeAsync(3000)
    // Still the same trouble: not announced a second time.
    expect(became.sort()).toEqual(['server:s1', 'server:s10'])
    expect(m.view().problems.map((p) => p.key)).toEqual(['server:s10'])
    m.stop()
  })

  it('answers once (the CLI), looking a second time before calling anything a problem', async () => {
    const w = world({ s1: async () => ({ reached: false, error: 'refused', apps: [] }), s2: async () => healthy })
    const m = new Monitor(w.deps, { intervalMs: 60_000 })
    const view = m.checkAll(3000)
    await vi.advanceTimersByTimeAsync(3000)
    expect((await view).problems.map((p) => p.key)).toEqual(['server:s1'])
    expect(w.calls.s1).toHaveLength(2)
    // Nothing found: one look is enough.
    const calm = new Monitor(world({ s2: async () => healthy }).deps, { intervalMs: 60_000 })
    expect((await calm.checkAll(3000)).problems).toEqual([])
  })

  it('names the server of every problem key', () => {
    expect(['server:s1', 'disk:s1:/', 'memory:s1', 'app:s1/a.b', 'backup:s1/a.b', 'upgrade:s1/a.b'].map(serverOfKey)).toEqual(['s1', 's1', 's1', 's1', 's1', 's1'])
  })
})

describe('the monitor and checks from this computer', () => {
  it('keeps a certificate problem while this computer is offline, says it can’t check, and clears it once checked fine', async () => {
    const deployedApp = app('a.example.org', { services: [{ name: 'app', fullName: 'x_app', image: 'i', desired: 1, running: 1, health: 'healthy', restarts: 0, words: '', status: 'running' }] })
    const w = world({ s1: async () => ({ reached: true, apps: [deployedApp] }) })
    let here: 'expired' | 'cant-check' | 'ok' = 'expired'
    const changes: string[] = []
    const m = new Monitor(
      { ...w.deps, fromHere: async () => ({ certificate: { state: here, domain: 'a.example.org', detail: here } }) },
      { intervalMs: 1000, onIncidents: (c) => changes.push(...c.became.map((i) => `+${i.key}`), ...c.cleared.map((i) => `-${i.key}`)) }
    )
    m.start()
    await vi.advanceTimersByTimeAsync(1500)
    expect(changes).toEqual(['+cert:s1/a.example.org'])
    here = 'cant-check'
    await vi.advanceTimersByTimeAsync(2000)
    expect(changes).toEqual(['+cert:s1/a.example.org'])
    expect(m.view()).toMatchObject({ offline: true, problems: [{ key: 'cert:s1/a.example.org' }] })
    here = 'ok'
    await vi.advanceTimersByTimeAsync(1000)
    expect(changes).toEqual(['+cert:s1/a.example.org', '-cert:s1/a.example.org'])
    expect(m.view().offline).toBeUndefined()
    m.stop()
  })
})
