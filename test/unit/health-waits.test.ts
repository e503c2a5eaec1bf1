import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import { Monitor, type ServerCheck } from '../../src-main/monitoring/monitor'
import { healthService, type HealthDeps } from '../../src-main/monitoring/service'
import type { ServerConn } from '../../src-main/servers/connections'
import { sharedReady } from '../../src-main/servers/shared-ready'
import type { StoredServer } from '../../src-main/servers/store'
import { SshLink } from '../../src-main/ssh/link'

// Waits for a server's connection (found by the Health faults test: every
// round on an unreachable server left three 30 s waits on its link, as
// 'state' listeners, long after the monitor gave up on the round). A wait is
// no listener on the link; one whose caller gave up ends at once; a round's
// questions, and later rounds, share one wait. The clock is the test's.
beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A link as after its server's sshd died: reconnecting, and never back unless the test says so. */
function downLink(): SshLink {
  const link = new SshLink({ hostname: '127.0.0.1', port: 1, user: 'u', knownHostsFiles: [] })
  link.state = 'reconnecting'
  return link
}

/** The link comes back (what a successful retry does). */
function comeBack(link: SshLink): void {
  const l = link as unknown as { client: unknown; setState(s: string): void }
  l.client = {}
  l.setState('connected')
}

/** A connection over `link`, as Connections makes one; its commands answer once the link is up. */
function connOver(link: SshLink): ServerConn {
  return {
    server: { name: 'ghost', kind: 'ssh', hostname: '127.0.0.1', user: 'u', port: 1 } as unknown as StoredServer,
    ready: (signal) => link.ready(signal),
    docker: () => {
      throw new Error('no Docker in this test')
    },
    exec: async () => {
      await link.ready()
      return { code: 0, stdout: '', stderr: '' }
    },
    state: () => (link.state === 'connected' ? 'connected' : 'reconnecting'),
    signedInWith: () => undefined,
    signInMethods: () => undefined,
    close: () => link.close()
  }
}

/** Opens as Connections.open does: the server's one connection, the same object every time. */
function opener(link: SshLink): () => Promise<ServerConn> {
  const conn = connOver(link)
  return async () => conn
}

/** Settles to 'ok' or the error's message, so a rejection is never left unhandled. */
const outcome = (p: Promise<unknown>): Promise<string> => p.then(
  () => 'ok',
  (err: unknown) => (err instanceof Error ? err.message : String(err))
)

describe('SshLink.ready', () => {
  it('waits without adding listeners to the link, and each wait still ends at its bound', async () => {
    const link = downLink()
    const waits = Array.from({ length: 20 }, () => outcome(link.ready()))
    expect(link.waiting).toBe(20)
    expect(link.listenerCount('state')).toBe(0)
    await vi.advanceTimersByTimeAsync(30_000)
    const ends = await Promise.all(waits)
    expect(new Set(ends).size).toBe(1)
    expect(ends[0]).not.toBe('ok')
    expect(link.waiting).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('stops waiting as soon as its signal aborts: no wait and no timer left', async () => {
    const link = downLink()
    const timers = vi.getTimerCount()
    const abort = new AbortController()
    const wait = outcome(link.ready(abort.signal))
    expect(link.waiting).toBe(1)
    abort.abort(new Error('gave up'))
    expect(await wait).toBe('gave up')
    expect(link.waiting).toBe(0)
    expect(vi.getTimerCount()).toBe(timers)
    // Already aborted: doesn't wait at all.
    expect(await outcome(link.ready(abort.signal))).toBe('gave up')
    expect(link.waiting).toBe(0)
  })

  it('resolves when the link comes back, and a signal aborted afterwards changes nothing', async () => {
    const link = downLink()
    const abort = new AbortController()
    const wait = outcome(link.ready(abort.signal))
    await vi.advanceTimersByTimeAsync(5000)
    comeBack(link)
    expect(await wait).toBe('ok')
    abort.abort(new Error('later'))
    expect(link.waiting).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('sharedReady', () => {
  it('a round’s three questions share one wait, released as soon as the round gives up', async () => {
    const link = downLink()
    const way = sharedReady(opener(link))
    const round = new AbortController()
    const three = [0, 1, 2].map(() => outcome(way.open('ghost', round.signal).then((c) => c.ready())))
    await vi.advanceTimersByTimeAsync(0)
    expect(link.waiting).toBe(1)
    round.abort(new Error('no answer within 1 s'))
    expect(await Promise.all(three)).toEqual(Array(3).fill('no answer within 1 s'))
    expect(link.waiting).toBe(0)
  })

  it('one caller giving up doesn’t end the wait of another; both share it until then', async () => {
    const link = downLink()
    const way = sharedReady(opener(link))
    const first = new AbortController()
    const second = new AbortController()
    const a = outcome(way.open('ghost', first.signal).then((c) => c.ready()))
    const b = outcome(way.open('ghost', second.signal).then((c) => c.ready()))
    await vi.advanceTimersByTimeAsync(0)
    expect(link.waiting).toBe(1)
    first.abort(new Error('gave up'))
    expect(await a).toBe('gave up')
    expect(link.waiting).toBe(1)
    comeBack(link)
    expect(await b).toBe('ok')
    expect(link.waiting).toBe(0)
  })

  it('callers without a signal join the wait under way instead of adding theirs', async () => {
    const link = downLink()
    const opens = vi.fn(opener(link))
    const way = sharedReady(opens)
    const waits = Array.from({ length: 10 }, () => outcome(way.open('ghost').then((c) => c.ready())))
    await vi.advanceTimersByTimeAsync(0)
    expect(opens).toHaveBeenCalledTimes(1)
    expect(link.waiting).toBe(1)
    await vi.advanceTimersByTimeAsync(30_000)
    expect(new Set(await Promise.all(waits)).size).toBe(1)
    expect(link.waiting).toBe(0)
  })
})

/** The monitor's check of one server as a round asks it: three questions at once over the shared way, each given the round's signal. */
function roundOver(link: SshLink) {
  const way = sharedReady(opener(link))
  return async (name: string, signal: AbortSignal): Promise<ServerCheck> => {
    const ask = async (): Promise<void> => {
      const conn = await way.open(name, signal)
      await conn.ready()
      await conn.exec('true')
    }
    await Promise.all([ask(), ask(), ask()])
    return { reached: true, apps: [] }
  }
}

describe('Health rounds on a server whose connection is down', () => {
  it('the monitor’s check gives up at its limit and its waits end with it: none left between rounds', async () => {
    const link = downLink()
    const m = new Monitor(
      { servers: async () => ['ghost'], checkServer: roundOver(link), lastGoodBackup: async () => undefined, securityUpgrade: async () => false },
      { intervalMs: 2000, timeoutMs: 1000 }
    )
    m.start()
    let most = 0
    // Twenty rounds, looked at every 100 ms: at most the round's one wait, never one from an earlier round.
    for (let t = 0; t < 40_000; t += 100) {
      await vi.advanceTimersByTimeAsync(100)
      most = Math.max(most, link.waiting)
      const inRound = (t + 100) % 2000
      if (inRound > 1050 && inRound < 1950) expect(link.waiting, `at ${t + 100} ms`).toBe(0)
    }
    expect(most).toBe(1)
    expect(link.listenerCount('state')).toBe(0)
    m.stop()
  })

  it('through the Health service (whose questions bring no signal today): one wait for the server, however many rounds', async () => {
    const link = downLink()
    const way = sharedReady(opener(link))
    const deps: HealthDeps = {
      events: new EventBus(),
      servers: async () => ['ghost'],
      listApps: async (server) => {
        try {
          await (await way.open(server)).ready()
          return { apps: [], ok: true }
        } catch (err) {
          return { apps: [], ok: false, error: String(err) }
        }
      },
      exec: async (server, cmd, timeoutMs) => {
        const conn = await way.open(server)
        await conn.ready()
        return conn.exec(cmd, { timeoutMs })
      },
      dockerRoot: async (server) => {
        await (await way.open(server)).ready()
        return '/var/lib/docker'
      },
      swarm: async (server) => {
        await (await way.open(server)).ready()
        throw new Error('no swarm in this test')
      },
      lastGoodBackup: async () => undefined,
      securityUpgrade: async () => false
    }
    const service = healthService(deps, { transport: 'browser', background: { intervalMs: 2000 } })
    await service.handlers['health.get']({})
    let most = 0
    for (let t = 0; t < 60_000; t += 100) {
      await vi.advanceTimersByTimeAsync(100)
      most = Math.max(most, link.waiting)
    }
    expect(most).toBe(1)
    expect(link.listenerCount('state')).toBe(0)
    expect(service.latestRound('ghost')?.check.reached).toBe(false)
    // Back: the next round reaches it.
    comeBack(link)
    await vi.advanceTimersByTimeAsync(2000)
    expect(service.latestRound('ghost')?.check.reached).toBe(true)
    expect(link.waiting).toBe(0)
    await service.close()
  })
})
