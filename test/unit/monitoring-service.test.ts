import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import { DEFAULT_ALERTS, type AlertSettings } from '../../src-main/contract/alerts'
import type { HealthAlert, HealthReport } from '../../src-main/contract/health'
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

// What a restart announces. The history's open incidents are what was
// announced: a problem still there after a restart is not announced again,
// one fixed while the app was closed is closed in the history (silently: see
// service.ts), and a new one is announced as ever. Real timers and files;
// each run checks every 50 ms, so a test takes well under a second or two.
describe('a restart', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    vi.useRealTimers()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-health-restart-'))
    file = path.join(dir, 'history.sqlite')
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  /** One run of the app's background monitor on `file`; `down` lists the servers that don't answer (changeable). */
  function run(down: string[], opts: { servers?: string[]; historyFile?: string; transport?: HealthOptions['transport']; alerts?: AlertSettings } = {}) {
    const events = new EventBus()
    const alerts: string[] = []
    events.subscribe((name, payload) => {
      if (name === 'health.alert') alerts.push(`${(payload as HealthAlert).change} ${(payload as HealthAlert).item.key}`)
    })
    const state = { down: new Set(down) }
    const looks: Record<string, number> = {}
    const deps: HealthDeps = {
      ...world({}).deps,
      events,
      servers: async () => opts.servers ?? ['a', 'b'],
      listApps: async (s) => {
        looks[s] = (looks[s] ?? 0) + 1
        return state.down.has(s) ? { apps: [], ok: false, error: 'refused' } : { apps: [], ok: true }
      },
      historyFile: opts.historyFile ?? file
    }
    const cli = opts.transport === 'cli'
    const service = healthService(deps, cli ? { transport: 'cli', confirmAfterMs: 10 } : { background: { intervalMs: 50 } })
    if (opts.alerts) service.configure(opts.alerts)
    /** Waits for `n` more rounds of every server, then for the history's writes (and the alerts that follow them). */
    const rounds = async (n: number): Promise<void> => {
      const want = Object.fromEntries((opts.servers ?? ['a', 'b']).map((s) => [s, (looks[s] ?? 0) + n]))
      const until = Date.now() + 10_000
      while (Object.entries(want).some(([s, k]) => (looks[s] ?? 0) < k) && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
      await service.readHistory(async () => undefined)
    }
    return { service, alerts, state, rounds, problems: () => service.view()?.problems.map((i) => i.key).sort() }
  }
  /** Reads the history file between runs. */
  const read = async <T>(what: (h: History) => Promise<T>): Promise<T> => {
    const h = await History.open({ file })
    try {
      return await what(h)
    } finally {
      await h.close()
    }
  }
  /** Every incident, sorted (servers' rounds end in any order). */
  const incidents = async (): Promise<string[]> =>
    (await read((h) => h.incidents(undefined, { from: 0, to: Date.now() + 60_000 }))).map((i) => `${i.subject} ${i.kind} ${i.end === null ? 'open' : 'closed'}`).sort()

  it('with the problem still there: no alert again, the same incident goes on', async () => {
    const first = run(['a'])
    await first.rounds(3)
    expect(first.alerts).toEqual(['became server:a'])
    await first.service.close()
    const began = await read((h) => h.openIncidents())
    expect(began.map((i) => i.subject)).toEqual(['server:a'])

    const second = run(['a'])
    await second.rounds(4)
    expect(second.problems()).toEqual(['server:a'])
    // Down since it began in the earlier run, as its incident says.
    expect(second.service.view()?.problems[0].since).toBe(began[0].start)
    expect(second.alerts).toEqual([])
    expect(await read((h) => h.openIncidents())).toEqual(began)
    // Fixed while this run watches: announced, though it began in the earlier run.
    second.state.down.clear()
    await second.rounds(2)
    expect(second.alerts).toEqual(['cleared server:a'])
    await second.service.close()
    expect(await incidents()).toEqual(['server:a server closed'])
  })

  it('fixed while the app was closed: the incident is closed at the earlier run’s last look, with no alert', async () => {
    const first = run(['a'])
    await first.rounds(3)
    await first.service.close()
    const lastLook = await read((h) => h.lastAt('server:a', 'reachable'))
    expect(lastLook).toBeDefined()

    const second = run([])
    await second.rounds(1)
    const [ended] = await read((h) => h.incidents('server:a', { from: 0, to: Date.now() + 60_000 }))
    expect(ended.end).not.toBeNull()
    expect(ended.end).toBe(Math.max(ended.start, lastLook as number))
    expect(second.problems()).toEqual([])
    await second.rounds(2)
    expect(second.alerts).toEqual([])
    await second.service.close()
  })

  it('a new problem after a restart is announced; a problem left open is not, whether its alerts were on or not', async () => {
    const servers = ['a', 'b', 'c']
    const serversOff = { ...DEFAULT_ALERTS, groups: { ...DEFAULT_ALERTS.groups, servers: false } }
    const first = run(['a', 'c'], { servers, alerts: serversOff })
    await first.rounds(3)
    expect(first.alerts).toEqual([])
    await first.service.close()

    const second = run(['a', 'b', 'c'], { servers })
    await second.rounds(4)
    expect(second.problems()).toEqual(['server:a', 'server:b', 'server:c'])
    expect(second.alerts).toEqual(['became server:b'])
    await second.service.close()
    expect(await incidents()).toEqual(['server:a server open', 'server:b server open', 'server:c server open'])
  })

  it('a server removed ends its incidents: while the app runs, or while it was closed', async () => {
    const servers = ['a', 'b', 'c']
    const first = run(['a', 'b', 'c'], { servers })
    await first.rounds(3)
    expect(await incidents()).toEqual(['server:a server open', 'server:b server open', 'server:c server open'])
    // Removed here (the core says so at once): the monitor forgets it.
    servers.splice(servers.indexOf('c'), 1)
    first.service.serversChanged()
    const until = Date.now() + 10_000
    while (first.service.view()?.servers !== 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
    await first.service.readHistory(async () => undefined)
    expect(await incidents()).toEqual(['server:a server open', 'server:b server open', 'server:c server closed'])
    await first.service.close()
    const lastLook = await read((h) => h.lastAt('server:b', 'reachable'))

    // Gone from the servers folder while the app was closed: ended at its last look.
    const second = run(['a'], { servers: ['a'] })
    await second.rounds(1)
    expect(await incidents()).toEqual(['server:a server open', 'server:b server closed', 'server:c server closed'])
    const [b] = await read((h) => h.incidents('server:b', { from: 0, to: Date.now() + 60_000 }))
    expect(b.end).toBe(Math.max(b.start, lastLook as number))
    expect(second.alerts).toEqual([])
    await second.service.close()
  })

  it('the CLI’s one answer neither writes nor closes incidents', async () => {
    const first = run(['a'])
    await first.rounds(3)
    await first.service.close()
    const cli = run([], { transport: 'cli' })
    expect((await cli.service.handlers['health.get']({})).items).toEqual([])
    await cli.service.close()
    expect(await incidents()).toEqual(['server:a server open'])
  })

  it('two processes watching one history announce a problem, and its end, once between them', async () => {
    const one = run(['a'])
    const two = run(['a'])
    await Promise.all([one.rounds(4), two.rounds(4)])
    expect([...one.alerts, ...two.alerts]).toEqual(['became server:a'])
    one.state.down.clear()
    two.state.down.clear()
    await Promise.all([one.rounds(2), two.rounds(2)])
    expect([...one.alerts, ...two.alerts].sort()).toEqual(['became server:a', 'cleared server:a'])
    await Promise.all([one.service.close(), two.service.close()])
  })

  it('without a history that can be opened, it watches and announces as before', async () => {
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '')
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const first = run(['a'], { historyFile: path.join(dir, 'not-a-folder', 'history.sqlite') })
      await first.rounds(3)
      expect(first.alerts).toEqual(['became server:a'])
      first.state.down.clear()
      await first.rounds(2)
      expect(first.alerts).toEqual(['became server:a', 'cleared server:a'])
      await first.service.close()
    } finally {
      error.mockRestore()
    }
  })
})
