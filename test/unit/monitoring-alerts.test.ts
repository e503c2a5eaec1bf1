import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import { DEFAULT_ALERTS, type AlertSettings } from '../../src-main/contract/alerts'
import type { AppSummary } from '../../src-main/contract/apps'
import type { HealthAlert } from '../../src-main/contract/health'
import type { Incident } from '../../src-main/monitoring/debounce'
import { Monitor, type ServerCheck } from '../../src-main/monitoring/monitor'
import type { Problem } from '../../src-main/monitoring/problems'
import { alertsFor, healthService, type HealthDeps } from '../../src-main/monitoring/service'

// Health's alerts: which changes become notifications (the kinds turned on
// in Settings), and the monitor following a changed interval, backup age
// and servers list without a restart. The clock is the test's.
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})
afterEach(() => vi.useRealTimers())

const DAY = 24 * 60 * 60 * 1000
const incident = (key: string, problem: Problem): Incident<Problem> => ({ key, problem, since: 0 })
const down = incident('app:s1/cloud.example.org', { kind: 'app-down', server: 's1', domain: 'cloud.example.org', service: 'app', restarts: 0, failingHealth: false })
const gone = incident('server:s2', { kind: 'server-unreachable', server: 's2', error: 'refused' })
const upgrade = incident('upgrade:s1/cloud.example.org', { kind: 'upgrade', server: 's1', domain: 'cloud.example.org', to: '2.0.0', security: false })
const app = (domain: string): AppSummary => ({ server: 's1', domain, envFile: '', stackName: 'x', deployed: true, chaos: false, health: 'running', words: '', services: [] })
const off = (...groups: (keyof AlertSettings['groups'])[]): AlertSettings => ({ ...DEFAULT_ALERTS, groups: { ...DEFAULT_ALERTS.groups, ...Object.fromEntries(groups.map((g) => [g, false])) } })

describe('alertsFor', () => {
  it('words a problem that became wrong with its own title and what was seen, and a fixed one as fixed', () => {
    const alerts = alertsFor({ became: [down], cleared: [gone] }, DEFAULT_ALERTS, 0)
    expect(alerts.map((a) => [a.change, a.item.key, a.title, a.body])).toEqual([
      ['became', down.key, 'cloud.example.org is down', expect.stringContaining('app')],
      ['cleared', gone.key, 'Fixed: The server s2 can’t be reached', 'Health no longer sees this problem.']
    ])
  })

  it('leaves out the kinds turned off, as groups', () => {
    const change = { became: [down, upgrade], cleared: [gone] }
    expect(alertsFor(change, off('upgrades'), 0).map((a) => a.item.key)).toEqual([down.key, gone.key])
    expect(alertsFor(change, off('apps', 'servers'), 0).map((a) => a.item.key)).toEqual([upgrade.key])
    expect(alertsFor(change, off('apps', 'servers', 'upgrades', 'backups', 'certificates'), 0)).toEqual([])
  })
})

function world(first: string[]) {
  let names = first
  const looks: Record<string, number[]> = {}
  let lastGood: number | undefined = Date.now() - 3 * DAY
  let reached = true
  const checkServer = async (name: string): Promise<ServerCheck> => {
    ;(looks[name] ??= []).push(Date.now())
    return reached ? { reached: true, apps: [app('cloud.example.org')] } : { reached: false, error: 'refused', apps: [] }
  }
  return {
    looks,
    setServers: (n: string[]) => (names = n),
    setReached: (r: boolean) => (reached = r),
    setLastGood: (at: number | undefined) => (lastGood = at),
    deps: { servers: async () => names, checkServer, lastGoodBackup: async () => lastGood, securityUpgrade: async () => false }
  }
}

describe('the monitor follows Settings without a restart', () => {
  it('a shorter interval brings the next check forward, a longer one puts it back', async () => {
    const w = world(['s1'])
    const m = new Monitor(w.deps, { intervalMs: 60_000 })
    m.start()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(w.looks.s1).toEqual([0])
    // 30 s between checks: the next is 30 s after the last began (20 s from now), then every 30 s.
    m.configure({ intervalMs: 30_000 })
    await vi.advanceTimersByTimeAsync(80_000)
    expect(w.looks.s1).toEqual([0, 30_000, 60_000, 90_000])
    // An hour: nothing more until an hour after the last check.
    m.configure({ intervalMs: 3_600_000 })
    await vi.advanceTimersByTimeAsync(3_600_000 - 1)
    expect(w.looks.s1).toHaveLength(4)
    await vi.advanceTimersByTimeAsync(90_000)
    expect(w.looks.s1).toEqual([0, 30_000, 60_000, 90_000, 3_690_000])
    m.stop()
  })

  it('a new backup age applies from the next check', async () => {
    const w = world(['s1'])
    const found: string[][] = []
    const m = new Monitor(w.deps, { intervalMs: 30_000, onRound: (r) => found.push(r.found.map((p) => p.kind)) })
    m.start()
    await vi.advanceTimersByTimeAsync(1)
    // Three days old is fine under 7 days…
    expect(found.at(-1)).toEqual([])
    m.configure({ limits: { backupDays: 2 } })
    await vi.advanceTimersByTimeAsync(30_000)
    // …and stale under 2.
    expect(found.at(-1)).toEqual(['backup-stale'])
    m.stop()
  })

  it('a server added here is checked at once, not at the next round', async () => {
    const w = world(['s1'])
    const m = new Monitor(w.deps, { intervalMs: 60_000 })
    m.start()
    await vi.advanceTimersByTimeAsync(5_000)
    w.setServers(['s1', 's2'])
    m.serversChanged()
    await vi.advanceTimersByTimeAsync(1)
    expect(w.looks.s2).toHaveLength(1)
    const first = w.looks.s2[0]
    // At once (the timers' own millisecond aside), not a minute later.
    expect(first - 5_000).toBeLessThanOrEqual(1)
    // And each server keeps its own minute from then on.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(w.looks.s1).toEqual([0, 60_000])
    expect(w.looks.s2).toEqual([first, first + 60_000])
    m.stop()
  })
})

describe('the health service', () => {
  it('announces each confirmed change once, as health.alert, for the kinds left on; configure() changes the interval', async () => {
    const w = world(['s1'])
    w.setLastGood(Date.now())
    const events = new EventBus()
    const alerts: HealthAlert[] = []
    events.subscribe((name, payload) => {
      if (name === 'health.alert') alerts.push(payload as HealthAlert)
    })
    const deps: HealthDeps = {
      events,
      servers: w.deps.servers,
      listApps: async (s) => {
        const c = await w.deps.checkServer(s)
        return { apps: c.apps, ok: c.reached, ...(c.error ? { error: c.error } : {}) }
      },
      exec: async () => ({ stdout: '' }),
      dockerRoot: async () => '/var/lib/docker',
      lastGoodBackup: w.deps.lastGoodBackup,
      securityUpgrade: async () => false
    }
    const service = healthService(deps, { transport: 'browser', background: {} })
    service.configure({ ...DEFAULT_ALERTS, checkIntervalSeconds: 30 })
    await vi.advanceTimersByTimeAsync(1)
    w.setReached(false)
    // Unreachable in two rounds (30 s apart): one alert, however many rounds it stays so.
    await vi.advanceTimersByTimeAsync(5 * 30_000)
    expect(alerts.map((a) => [a.change, a.item.key])).toEqual([['became', 'server:s1']])
    w.setReached(true)
    await vi.advanceTimersByTimeAsync(3 * 30_000)
    expect(alerts.map((a) => [a.change, a.item.key])).toEqual([
      ['became', 'server:s1'],
      ['cleared', 'server:s1']
    ])
    // Servers' alerts turned off: the next fall and recovery are not announced (Health still lists them).
    service.configure(off('servers'))
    w.setReached(false)
    await vi.advanceTimersByTimeAsync(3 * 60_000)
    expect((await service.handlers['health.get']({})).items.map((i) => i.key)).toEqual(['server:s1'])
    w.setReached(true)
    await vi.advanceTimersByTimeAsync(2 * 60_000)
    expect(alerts).toHaveLength(2)
    // The interval followed Settings: every 30 s, then every 60 s.
    const gaps = w.looks.s1.slice(1).map((t, i) => t - w.looks.s1[i])
    expect(new Set(gaps.slice(0, 8))).toEqual(new Set([30_000]))
    expect(new Set(gaps.slice(-4))).toEqual(new Set([60_000]))
    await service.close()
  })

  it('says how often it looks as Settings says, in what it can’t check from here', async () => {
    const w = world(['s1'])
    w.setLastGood(Date.now())
    const service = healthService(
      {
        events: new EventBus(),
        servers: w.deps.servers,
        listApps: async (s) => ({ apps: (await w.deps.checkServer(s)).apps, ok: true }),
        exec: async () => ({ stdout: '' }),
        dockerRoot: async () => '/var/lib/docker',
        lastGoodBackup: w.deps.lastGoodBackup,
        securityUpgrade: async () => false,
        // This computer is offline.
        fromHere: async (a) => ({ certificate: { state: 'cant-check', domain: a.domain, detail: 'offline' } })
      },
      { transport: 'browser' }
    )
    service.configure({ ...DEFAULT_ALERTS, checkIntervalSeconds: 120 })
    await service.handlers['health.get']({})
    await vi.advanceTimersByTimeAsync(1)
    expect((await service.handlers['health.get']({})).cantCheckFromHere).toMatch(/checked again every 2 minutes\.$/)
    service.configure({ ...DEFAULT_ALERTS, checkIntervalSeconds: 45 })
    expect((await service.handlers['health.get']({})).cantCheckFromHere).toMatch(/checked again every 45 seconds\.$/)
    await service.close()
  })
})

