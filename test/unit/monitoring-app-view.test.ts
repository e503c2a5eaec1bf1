import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appViewHandlers, MEASURE_EVERY_MS, pointsSince } from '../../src-main/monitoring/app-view'
import { History, type Point } from '../../src-main/monitoring/history'
import { cpuPercent, memoryBytes, sampleStack } from '../../src-main/monitoring/stats'
import { uptimeStrip } from '../../src-main/monitoring/uptime'
import { stackVolumes } from '../../src-main/monitoring/volumes'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
// A Monday at midnight UTC, so slots fall on round numbers.
const T0 = Date.UTC(2026, 0, 5)
const minute = (at: number, value: number): Point => ({ at, step: 'minute', value, min: value, max: value, count: 1 })

describe('uptime strip', () => {
  it('says up, some downtime, down, or no data for each slot, and the share of checked time up', () => {
    const now = T0 + 2 * HOUR - 1
    const points = [
      // 00:00-00:29 up every minute; 00:30-00:59 three down minutes; 01:00-01:29 all down; 01:30-01:59 never checked.
      ...Array.from({ length: 30 }, (_, i) => minute(T0 + i * MIN, 1)),
      ...Array.from({ length: 30 }, (_, i) => minute(T0 + 30 * MIN + i * MIN, i >= 10 && i < 13 ? 0 : 1)),
      ...Array.from({ length: 30 }, (_, i) => minute(T0 + 60 * MIN + i * MIN, 0))
    ]
    const s = uptimeStrip(points, now, 30 * MIN, 4)
    expect(s.from).toBe(T0)
    expect(s.to).toBe(T0 + 2 * HOUR)
    expect(s.slots.map((x) => x.state)).toEqual(['up', 'partial', 'down', 'none'])
    expect(s.slots.map((x) => [x.checkedMinutes, x.downMinutes])).toEqual([[30, 0], [30, 3], [30, 30], [0, 0]])
    expect(s.checkedMinutes).toBe(90)
    expect(s.downMinutes).toBe(33)
    expect(s.upPct).toBeCloseTo((100 * 57) / 90, 6)
  })

  it('the last slot holds now; points before the strip or after it are left out', () => {
    const now = T0 + 45 * MIN
    const s = uptimeStrip([minute(T0 - HOUR, 0), minute(T0 + 44 * MIN, 1), minute(T0 + 2 * HOUR, 0)], now, 30 * MIN, 2)
    expect(s.slots.map((x) => x.state)).toEqual(['none', 'up'])
    expect(s.to).toBe(T0 + HOUR)
    expect(s.upPct).toBe(100)
  })

  it('spreads an hourly roll-up over the slots it covers: an average below 1 is some downtime', () => {
    const hour: Point = { at: T0, step: 'hour', value: 0.9, min: 0, max: 1, count: 60 }
    const allDown: Point = { at: T0 + HOUR, step: 'hour', value: 0, min: 0, max: 0, count: 60 }
    const s = uptimeStrip([hour, allDown], T0 + 2 * HOUR - 1, 30 * MIN, 4)
    expect(s.slots.map((x) => x.state)).toEqual(['partial', 'partial', 'down', 'down'])
    expect(s.slots[0].checkedMinutes).toBeCloseTo(30, 6)
    expect(s.slots[0].downMinutes).toBeCloseTo(3, 6)
    // A 4-hour slot holding a whole hour and some minutes.
    const wide = uptimeStrip([hour, minute(T0 + 3 * HOUR, 1)], T0 + 3 * HOUR, 4 * HOUR, 1)
    expect(wide.slots[0]).toMatchObject({ state: 'partial', checkedMinutes: 61 })
  })

  it('from when the app’s stack was made: earlier minutes go, the minute it was made in stays, an hour holding it stays', () => {
    const made = T0 + 2 * HOUR + 30_000
    const hourBefore: Point = { at: T0, step: 'hour', value: 0, min: 0, max: 0, count: 60 }
    const hourHolding: Point = { at: T0 + 2 * HOUR, step: 'hour', value: 1, min: 1, max: 1, count: 3 }
    const before = minute(T0 + 2 * HOUR - MIN, 0)
    const during = minute(T0 + 2 * HOUR, 1)
    const after = minute(T0 + 2 * HOUR + MIN, 1)
    expect(pointsSince([hourBefore, hourHolding, before, during, after], made)).toEqual([hourHolding, during, after])
    expect(pointsSince([hourBefore, before], undefined)).toEqual([hourBefore, before])
  })

  it('an app never checked is grey (no data), not green, and has no percentage', () => {
    const s = uptimeStrip([], T0, 30 * MIN, 48)
    expect(new Set(s.slots.map((x) => x.state))).toEqual(new Set(['none']))
    expect(s.upPct).toBeUndefined()
  })
})

describe('CPU and memory as docker stats shows them', () => {
  it('CPU: the container’s share of the system’s time between the two reads, times the processors, in %', () => {
    const s = {
      cpu_stats: { cpu_usage: { total_usage: 3e9 }, system_cpu_usage: 30e9, online_cpus: 4 },
      precpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 20e9 }
    }
    expect(cpuPercent(s)).toBeCloseTo(40, 9)
    // online_cpus left out (older engines): the per-processor figures are counted.
    expect(cpuPercent({ ...s, cpu_stats: { cpu_usage: { total_usage: 3e9, percpu_usage: [1, 1] }, system_cpu_usage: 30e9 } })).toBeCloseTo(20, 9)
    // The first read of a container (no earlier read): nothing to compare, 0.
    expect(cpuPercent({ cpu_stats: s.cpu_stats })).toBeCloseTo(0.1 * 4 * 100, 9)
    expect(cpuPercent({ cpu_stats: s.cpu_stats, precpu_stats: s.cpu_stats })).toBe(0)
  })

  it('memory: usage without the inactive file cache (cgroup v1 and v2), or usage when that is missing', () => {
    expect(memoryBytes({ memory_stats: { usage: 100, stats: { total_inactive_file: 30 } } })).toBe(70)
    expect(memoryBytes({ memory_stats: { usage: 100, stats: { inactive_file: 40 } } })).toBe(60)
    expect(memoryBytes({ memory_stats: { usage: 100, stats: { inactive_file: 400 } } })).toBe(100)
    expect(memoryBytes({ memory_stats: { usage: 100 } })).toBe(100)
    expect(memoryBytes({})).toBe(0)
  })
})

describe('volume sizes', () => {
  it('keeps the stack’s volumes from Docker’s disk usage answer, by their recipe name', () => {
    const label = (ns: string) => ({ 'com.docker.stack.namespace': ns })
    const df = {
      Volumes: [
        { Name: 'cloud_example_org_data', Labels: label('cloud_example_org'), UsageData: { Size: 1200, RefCount: 1 } },
        { Name: 'cloud_example_org_db', Labels: label('cloud_example_org'), UsageData: { Size: -1, RefCount: 0 } },
        { Name: 'other_data', Labels: label('other'), UsageData: { Size: 5 } },
        { Name: 'loose', Labels: null }
      ]
    }
    expect(stackVolumes(df, 'cloud_example_org')).toEqual([
      { name: 'data', volume: 'cloud_example_org_data', bytes: 1200 },
      { name: 'db', volume: 'cloud_example_org_db' }
    ])
    expect(stackVolumes({ Volumes: null }, 'x')).toEqual([])
  })
})

describe('the app page’s health (history in a temp file, clock injected)', () => {
  let dir: string
  let history: History
  let now: number
  const subject = 'app:rigbox/cloud.example.org'

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-app-view-'))
    now = T0 + 10 * DAY + 15 * HOUR
    history = await History.open({ file: path.join(dir, 'history.sqlite'), now: () => now })
  })
  afterEach(async () => {
    await history.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const view = (docker?: Partial<Docker>) =>
    appViewHandlers({
      readHistory: (read) => read(history),
      docker: async () => docker as Docker,
      stackName: async () => 'cloud_example_org',
      now: () => now
    }).handlers

  it('uptime over 24 hours and 7 days from the minutes recorded, and the incidents newest first, in words’ facts', async () => {
    // Up every minute for the last 20 hours, except 7 minutes from 14:02, 1 hour ago.
    const down = { from: now - 58 * MIN, to: now - 51 * MIN }
    const samples = Array.from({ length: 20 * 60 }, (_, i) => {
      const at = now - 20 * HOUR + i * MIN
      return { subject, metric: 'up', value: at >= down.from && at < down.to ? 0 : 1, at, keep: 'lowest' as const }
    })
    await history.record(samples)
    await history.openIncident(subject, 'app', 'app-restarting', down.from)
    await history.closeIncident(subject, 'app', down.to)
    await history.openIncident(subject, 'backup', 'backup-never', now - 3 * DAY)
    await history.openIncident(subject, 'cert', 'cert-expiring', now - 2 * HOUR)
    const r = await view()['health.app']({ server: 'rigbox', domain: 'cloud.example.org' })
    expect(r.history).toBe(true)
    expect(r.day.slots).toHaveLength(48)
    expect(r.day.slotMinutes).toBe(30)
    expect(r.week.slots).toHaveLength(42)
    expect(r.day.downMinutes).toBe(7)
    expect(r.day.checkedMinutes).toBe(1200)
    expect(r.day.upPct).toBeCloseTo((100 * 1193) / 1200, 6)
    expect(r.day.downTimes).toBe(1)
    expect(r.week.downTimes).toBe(1)
    const states = r.day.slots.map((s) => s.state)
    // The strip ends with the slot holding now (15:00-15:30): its first 3 hours and a half were never checked.
    expect(states.slice(0, 7).every((s) => s === 'none')).toBe(true)
    expect(states[7]).toBe('up')
    expect(states.filter((s) => s === 'partial').length).toBeGreaterThanOrEqual(1)
    expect(states).not.toContain('down')
    expect(r.week.slots.filter((s) => s.state !== 'none').length).toBeGreaterThanOrEqual(5)
    // Backups are not about whether the app works: not listed here.
    // Newest first (by start).
    expect(r.incidents).toEqual([
      { kind: 'app', reason: 'app-restarting', start: new Date(down.from).toISOString(), end: new Date(down.to).toISOString() },
      { kind: 'cert', reason: 'cert-expiring', start: new Date(now - 2 * HOUR).toISOString() }
    ])
  })

  it('a new app under the domain of one removed earlier: the old app’s down minutes and incidents are not its own (no data, never down)', async () => {
    // The old app: up, then down for its last 10 minutes an hour ago, then removed; the new one made 2.5 minutes ago and up since.
    const old = Array.from({ length: 60 }, (_, i) => ({ subject, metric: 'up', value: i >= 50 ? 0 : 1, at: now - 2 * HOUR + i * MIN, keep: 'lowest' as const }))
    const made = now - 150_000
    const fresh = [now - 2 * MIN, now - MIN].map((at) => ({ subject, metric: 'up', value: 1, at, keep: 'lowest' as const }))
    await history.record([...old, ...fresh])
    await history.openIncident(subject, 'app', 'app-down', now - 70 * MIN)
    await history.closeIncident(subject, 'app', now - 60 * MIN)
    let answer: () => Promise<unknown[]> = async () => [{ ID: 'a', CreatedAt: new Date(made).toISOString() }, { ID: 'b', CreatedAt: new Date(made + 2000).toISOString() }]
    const asked: unknown[] = []
    const docker = {
      listServices: async (opts: unknown) => {
        asked.push(opts)
        return answer()
      }
    }
    const handlers = view(docker as unknown as Partial<Docker>)
    const r = await handlers['health.app']({ server: 'rigbox', domain: 'cloud.example.org' })
    // Only the app's own stack's services are asked about.
    expect(asked).toEqual([{ filters: JSON.stringify({ label: ['com.docker.stack.namespace=cloud_example_org'] }) }])
    expect(r.day.upPct).toBe(100)
    expect(r.day.checkedMinutes).toBe(2)
    expect(r.day.downMinutes).toBe(0)
    expect(r.day.downTimes).toBe(0)
    expect(r.day.slots.filter((s) => s.state !== 'none').map((s) => s.state)).toEqual(['up'])
    expect(r.week.upPct).toBe(100)
    expect(r.incidents).toEqual([])

    // The server doesn't answer the next time: still from when its stack was made.
    answer = async () => {
      throw new Error('connection refused')
    }
    expect((await handlers['health.app']({ server: 'rigbox', domain: 'cloud.example.org' })).day.upPct).toBe(100)

    // Taken down (no services): its whole history is shown again, the old minutes included.
    answer = async () => []
    const down = await handlers['health.app']({ server: 'rigbox', domain: 'cloud.example.org' })
    expect(down.day.checkedMinutes).toBe(62)
    expect(down.day.downMinutes).toBe(10)
    expect(down.incidents).toHaveLength(1)
  })

  it('a server that never answered whether the stack exists: the whole history, as before', async () => {
    await history.record([{ subject, metric: 'up', value: 0, at: now - HOUR, keep: 'lowest' }, { subject, metric: 'up', value: 1, at: now - MIN, keep: 'lowest' }])
    const docker = {
      listServices: async () => {
        throw new Error('no route to host')
      }
    }
    const r = await view(docker as unknown as Partial<Docker>)['health.app']({ server: 'rigbox', domain: 'cloud.example.org' })
    expect(r.day.upPct).toBe(50)
  })

  it('measures CPU and memory per service at most every 30 s, keeps them in the history, and answers with the series', async () => {
    let asked = 0
    const container = (id: string, service: string) => ({ Id: id, Labels: { 'com.docker.swarm.service.name': `cloud_example_org_${service}` } })
    const docker = {
      listServices: async () => [{ Spec: { Name: 'cloud_example_org_app' } }, { Spec: { Name: 'cloud_example_org_db' } }],
      listContainers: async () => [container('a1', 'app'), container('a2', 'app'), container('d1', 'db'), { Id: 'x', Labels: { 'com.docker.swarm.service.name': 'other_app' } }],
      getContainer: (id: string) => ({
        stats: async () => {
          asked++
          return {
            cpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 20e9, online_cpus: 2 },
            precpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 10e9 },
            memory_stats: { usage: id === 'd1' ? 500 : 100, stats: { inactive_file: 0 } }
          }
        }
      })
    } as unknown as Docker
    const handlers = view(docker)
    const first = await handlers['health.appUsage']({ server: 'rigbox', domain: 'cloud.example.org', hours: 6 })
    expect(asked).toBe(3)
    expect(first.services.map((s) => [s.service, s.now])).toEqual([
      ['app', { cpuPct: 40, memBytes: 200 }],
      ['db', { cpuPct: 20, memBytes: 500 }]
    ])
    expect(first.services[0].memory).toEqual([{ at: new Date(Math.floor(now / MIN) * MIN).toISOString(), value: 200 }])
    // Asked again within 30 s: read, not measured.
    now += MEASURE_EVERY_MS - 1000
    await handlers['health.appUsage']({ server: 'rigbox', domain: 'cloud.example.org', hours: 6 })
    expect(asked).toBe(3)
    now += 2 * MIN
    const later = await handlers['health.appUsage']({ server: 'rigbox', domain: 'cloud.example.org', hours: 6 })
    expect(asked).toBe(6)
    expect(later.services[1].cpu.map((p) => p.value)).toEqual([20, 20])
    expect(await history.series(subject, 'mem.bytes:db', { from: now - HOUR, to: now })).toHaveLength(2)
  })

  it('a server that can’t be measured says why, and the charts keep what was measured before', async () => {
    const docker = { listServices: async () => Promise.reject(new Error('connection lost')) } as unknown as Docker
    const r = await view(docker)['health.appUsage']({ server: 'rigbox', domain: 'cloud.example.org', hours: 6 })
    expect(r.services).toEqual([])
    expect(r.error).toMatch(/could not be measured on rigbox: connection lost/)
  })

  it('a container that doesn’t answer in time is left out, the others still count', async () => {
    const docker = {
      listServices: async () => [{ Spec: { Name: 's_app' } }, { Spec: { Name: 's_db' } }],
      listContainers: async () => [{ Id: 'slow', Labels: { 'com.docker.swarm.service.name': 's_app' } }, { Id: 'ok', Labels: { 'com.docker.swarm.service.name': 's_db' } }],
      getContainer: (id: string) => ({ stats: () => (id === 'slow' ? new Promise(() => {}) : Promise.resolve({ memory_stats: { usage: 7 } })) })
    } as unknown as Docker
    const started = Date.now()
    expect(await sampleStack(docker, 's', 200)).toEqual([{ service: 'db', cpuPct: 0, memBytes: 7, containers: 1 }])
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
