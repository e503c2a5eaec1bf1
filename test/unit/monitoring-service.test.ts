import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import type { HealthReport } from '../../src-main/contract/health'
import { History } from '../../src-main/monitoring/history'
import { DEFAULT_INTERVAL_MS, healthService, type HealthDeps, type HealthOptions } from '../../src-main/monitoring/service'

// Which door watches in the background: the window and browser mode start
// the monitor on their first health.get and answer at once; only the CLI
// waits for a check (and a second look). The clock is the test's.
beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function world(options: HealthOptions) {
  const events = new EventBus()
  const reports: HealthReport[] = []
  events.subscribe((name, payload) => {
    if (name === 'health.changed') reports.push(payload as HealthReport)
  })
  const looks: number[] = []
  const deps: HealthDeps = {
    events,
    servers: async () => ['ghost'],
    // A server whose SSH port answers nothing.
    listApps: async () => {
      looks.push(Date.now())
      return { apps: [], ok: false, error: 'connect ECONNREFUSED 127.0.0.1:1' }
    },
    exec: async () => {
      throw new Error('unreachable')
    },
    dockerRoot: async () => '/var/lib/docker',
    lastGoodBackup: async () => undefined,
    securityUpgrade: async () => false
  }
  const service = healthService(deps, { confirmAfterMs: 5000, ...options })
  const get = (input: { server?: string } = {}) => service.handlers['health.get'](input)
  return { service, get, reports, looks, deps }
}

describe('health.get: who watches', () => {
  for (const transport of ['browser', 'electron'] as const) {
    it(`${transport}: the first ask starts the background monitor and answers at once; health.changed follows`, async () => {
      const w = world({ transport })
      const start = Date.now()
      const first = await w.get()
      // Nothing was checked before answering: no time passed, and the servers folder was read ("not checked yet", not "no servers").
      expect(Date.now()).toBe(start)
      expect(first).toMatchObject({ items: [], summary: 'Not checked yet.', servers: 1 })
      expect(first.checkedAt).toBeUndefined()

      await vi.advanceTimersByTimeAsync(1)
      expect(w.looks).toHaveLength(1)
      // The first round is announced; one failed look is not a problem yet.
      expect(w.reports.at(-1)).toMatchObject({ items: [], servers: 1 })
      expect(w.reports.at(-1)?.checkedAt).toBeDefined()

      // A second ask starts no second monitor.
      await w.get()
      await vi.advanceTimersByTimeAsync(DEFAULT_INTERVAL_MS)
      expect(w.looks).toHaveLength(2)
      expect(w.reports.at(-1)?.items.map((i) => i.key)).toEqual(['server:ghost'])
      expect((await w.get()).items.map((i) => i.kind)).toEqual(['server-unreachable'])

      // Closing stops it, and a later ask doesn't start it again.
      w.service.close()
      await w.get()
      await vi.advanceTimersByTimeAsync(3 * DEFAULT_INTERVAL_MS)
      expect(w.looks).toHaveLength(2)
    })
  }

  it('cli: checks now, looks a second time before anything counts, and leaves nothing running', async () => {
    const w = world({ transport: 'cli' })
    let answer: HealthReport | undefined
    void w.get().then((r) => (answer = r))
    await vi.advanceTimersByTimeAsync(4999)
    expect(answer).toBeUndefined()
    expect(w.looks).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(answer?.items.map((i) => i.kind)).toEqual(['server-unreachable'])
    expect(w.looks).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(3 * DEFAULT_INTERVAL_MS)
    expect(w.looks).toHaveLength(2)
    expect(w.reports).toEqual([])
  })

  it('a core made with a monitor watches from the start, at its own interval', async () => {
    const w = world({ transport: 'browser', background: { intervalMs: 1000 } })
    await vi.advanceTimersByTimeAsync(1)
    expect(w.looks).toHaveLength(1)
    await w.get()
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.looks).toHaveLength(2)
    expect((await w.get()).items.map((i) => i.key)).toEqual(['server:ghost'])
    w.service.close()
  })
})

describe('the history the background monitor keeps', () => {
  it('writes servers’ rounds that end close together in one go, and a read sees them at once', async () => {
    vi.useRealTimers()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-health-history-'))
    const record = vi.spyOn(History.prototype, 'record')
    const servers = ['a', 'b', 'c']
    const service = healthService(
      {
        ...world({}).deps,
        servers: async () => servers,
        historyFile: path.join(dir, 'history.sqlite')
      },
      { background: { intervalMs: DEFAULT_INTERVAL_MS } }
    )
    try {
      const until = Date.now() + 10_000
      while (!servers.every((s) => service.latestRound(s)) && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
      expect(servers.filter((s) => service.latestRound(s))).toEqual(servers)
      // Read before the rounds' write was due: they are written first.
      const range = { from: 0, to: Date.now() + 60_000 }
      const reach = await service.readHistory((h) => Promise.all(servers.map((s) => h.series(`server:${s}`, 'reachable', range))))
      expect(reach?.map((points) => points.map((p) => p.value))).toEqual([[0], [0], [0]])
      expect(record).toHaveBeenCalledTimes(1)
      expect(new Set(record.mock.calls[0][0].map((s) => s.subject))).toEqual(new Set(['server:a', 'server:b', 'server:c']))
    } finally {
      await service.close()
      record.mockRestore()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
