import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppContext } from '../../src-main/apps/context'
import type { BotRead } from '../../src-main/backups/nightly'
import type { AppSummary } from '../../src-main/contract/apps'

// What Health's look at a server's nightly backups costs (backups/nightly-watch.ts):
// nothing on a server without them, one read at a time per server, an
// answer kept while no run came due, a bounded wait. The bot's reading
// itself (readBot) and the env file are stood in for here; they run for
// real in test/integration/nightly-health.test.ts.
const reads: Array<{ server: string; signal?: AbortSignal; finish: (r: BotRead | Error) => void }> = []
let cron = '30 3 * * *'

vi.mock('../../src-main/backups/nightly', async (original) => ({
  ...(await original<typeof import('../../src-main/backups/nightly')>()),
  readBot: (_ctx: unknown, server: string, _bot: unknown, opts: { signal?: AbortSignal }) =>
    new Promise<BotRead>((resolve, reject) => reads.push({ server, signal: opts.signal, finish: (r) => (r instanceof Error ? reject(r) : resolve(r)) }))
}))
vi.mock('../../src-main/apps/context', async (original) => ({
  ...(await original<typeof import('../../src-main/apps/context')>()),
  loadApp: async () => ({ values: { CRON_SCHEDULE: cron } })
}))

const { lookOf, newestByStack, nightlyWatch, saidOf } = await import('../../src-main/backups/nightly-watch')

const app = (domain: string, over: Partial<AppSummary> = {}): AppSummary => ({
  server: 's1', domain, envFile: '', stackName: domain.replace(/\./g, '_'), recipe: 'nginx', deployed: true, chaos: false, health: 'running', words: '', services: [], ...over
})
const blog = app('blog.example.org')
const bot = app('backups.s1', { recipe: 'backup-bot-two', services: [{ name: 'app', fullName: 'backups_s1_app', image: 'b', desired: 1, running: 1, health: 'none', restarts: 0, words: '', status: 'running' }] })
const ctx = { open: () => Promise.reject(new Error('no server here')) } as unknown as AppContext
const snap = (id: string, time: string, stack: string) => ({ id, time, tags: ['backupbot', stack], paths: [`/var/lib/docker/volumes/${stack}_data/_data`], hostname: stack })
const settle = (): Promise<unknown> => vi.advanceTimersByTimeAsync(0)
const fine = (at: string): BotRead => ({ state: 'read', container: {} as never, snapshots: [snap('b', at, blog.stackName)], run: { ok: true, newest: snap('b', at, blog.stackName) } })

describe('the pure parts', () => {
  it('each stack’s newest snapshot, by tag, host or volume path', () => {
    const got = newestByStack(
      [
        { id: '1', time: '2026-12-06T03:30:00Z', tags: ['backupbot', 'blog_example_org'], paths: [] },
        { id: '2', time: '2026-12-07T03:30:00.123456789Z', tags: [], paths: ['/var/lib/docker/volumes/blog_example_org_data/_data'] },
        { id: '3', time: '2026-12-05T03:30:00Z', tags: [], paths: [], hostname: 'wiki_example_org' },
        { id: '4', time: 'not a time', tags: ['shop'], paths: [] }
      ],
      ['blog_example_org']
    )
    expect(got).toEqual(new Map([['blog_example_org', Date.parse('2026-12-07T03:30:00.123Z')], ['wiki_example_org', Date.parse('2026-12-05T03:30:00Z')]]))
  })

  it('the bot’s words: the one of its last three failure lines saying most, without the timestamps in front, short', () => {
    const log = [
      '2026-12-07T03:30:00.9Z 2026-12-07T03:30:00Z backupbot: backup run failed: restic could not back up old_stack: gone',
      '2026-12-07T03:30:01.1Z 2026-12-07T03:30:01Z backupbot: a',
      '2026-12-07T03:30:02.5Z 2026-12-07T03:30:02Z backupbot: backup run failed: the pre-hook of x_app failed',
      '2026-12-07T03:30:03.5Z 2026-12-07T03:30:03Z backupbot: backup run finished with errors',
      ''
    ].join('\n')
    expect(saidOf(log)).toBe('backupbot: backup run failed: the pre-hook of x_app failed')
    expect(saidOf('')).toBeUndefined()
    expect(saidOf('x'.repeat(1000))?.length).toBe(300)
  })

  it('a read as a look: not running, unreadable (what was known before, not known now), failed, missed, fine', () => {
    const before = new Map([['blog_example_org', 5]])
    expect(lookOf('b.s1', { state: 'not-running' }, [], before)).toEqual({ bot: 'b.s1', newest: before, known: true, run: { ok: false, why: 'not-running' } })
    expect(lookOf('b.s1', { state: 'cannot-read', details: 'x' }, [], before)).toEqual({ bot: 'b.s1', newest: before, known: false })
    expect(lookOf('b.s1', undefined, [], before)).toEqual({ bot: 'b.s1', newest: before, known: false })
    const failed = lookOf('b.s1', { state: 'read', container: {} as never, snapshots: [], run: { ok: false, why: 'failed', details: '2026-12-07T03:30:00Z boom' } }, [], before)
    expect(failed).toEqual({ bot: 'b.s1', newest: new Map(), known: true, run: { ok: false, why: 'failed', said: 'boom' } })
    expect(lookOf('b.s1', { state: 'read', container: {} as never, snapshots: [], run: { ok: false, why: 'missed', graceMinutes: 30 } }, [], before).run).toEqual({ ok: false, why: 'missed' })
    expect(lookOf('b.s1', { state: 'read', container: {} as never, snapshots: [] }, [], before)).toEqual({ bot: 'b.s1', newest: new Map(), known: true })
  })
})

describe('looking at a server’s nightly backups', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(Date.UTC(2026, 11, 7, 12))
    reads.length = 0
    cron = '30 3 * * *'
  })
  afterEach(() => vi.useRealTimers())

  it('a server without a backup app costs nothing', async () => {
    const w = nightlyWatch(ctx)
    expect(await w.look('s1', [blog])).toBeUndefined()
    expect(reads).toEqual([])
    w.close()
  })

  it('a backup app set up but not deployed: not running, without reading', async () => {
    const w = nightlyWatch(ctx)
    expect(await w.look('s1', [blog, { ...bot, deployed: false }])).toMatchObject({ bot: 'backups.s1', known: true, run: { ok: false, why: 'not-running' } })
    expect(reads).toEqual([])
    w.close()
  })

  it('reads once, then keeps the answer while no run came due, for 15 minutes at most', async () => {
    const w = nightlyWatch(ctx)
    const first = w.look('s1', [blog, bot])
    await settle()
    expect(reads).toHaveLength(1)
    reads[0].finish(fine('2026-12-07T03:31:00Z'))
    expect(await first).toMatchObject({ known: true, run: { ok: true }, newest: new Map([[blog.stackName, Date.parse('2026-12-07T03:31:00Z')]]) })
    await vi.advanceTimersByTimeAsync(14 * 60_000)
    expect(await w.look('s1', [blog, bot])).toMatchObject({ known: true, run: { ok: true } })
    expect(reads).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(60_000)
    const again = w.look('s1', [blog, bot])
    await vi.advanceTimersByTimeAsync(0)
    expect(reads).toHaveLength(2)
    reads[1].finish(fine('2026-12-07T03:31:00Z'))
    await again
    w.close()
  })

  it('reads again once a new run came due, or the backup app’s services changed', async () => {
    vi.setSystemTime(Date.UTC(2026, 11, 7, 3, 50))
    const w = nightlyWatch(ctx)
    const a = w.look('s1', [blog, bot])
    await settle()
    reads[0].finish(fine('2026-12-06T03:31:00Z'))
    await a
    // 03:30 + 30 minutes of grace: tonight's run is judged now.
    await vi.advanceTimersByTimeAsync(11 * 60_000)
    const b = w.look('s1', [blog, bot])
    await vi.advanceTimersByTimeAsync(0)
    expect(reads).toHaveLength(2)
    reads[1].finish(fine('2026-12-07T03:31:00Z'))
    await b
    const stopped = { ...bot, services: [{ ...bot.services[0], running: 0 }] }
    const c = w.look('s1', [blog, stopped])
    await vi.advanceTimersByTimeAsync(0)
    expect(reads).toHaveLength(3)
    reads[2].finish({ state: 'not-running' })
    expect(await c).toMatchObject({ run: { ok: false, why: 'not-running' } })
    w.close()
  })

  it('a slow read: the look answers “not known now” after its wait, the read carries on, and the next look takes its answer without a second read', async () => {
    cron = '@every 5s' // a new due time at every look: nothing is kept
    const w = nightlyWatch(ctx, { waitMs: 1000, readTimeoutMs: 60_000 })
    const first = w.look('s1', [blog, bot])
    await vi.advanceTimersByTimeAsync(1000)
    expect(await first).toEqual({ bot: 'backups.s1', newest: new Map(), known: false })
    const second = w.look('s1', [blog, bot])
    await settle()
    await vi.advanceTimersByTimeAsync(200)
    expect(reads).toHaveLength(1)
    reads[0].finish(fine('2026-12-07T11:59:58Z'))
    expect(await second).toMatchObject({ known: true, run: { ok: true } })
    w.close()
  })

  it('a read that fails or runs out of time leaves what was known, as not known now; its signal aborts at its limit and on close', async () => {
    cron = '@every 5s'
    const w = nightlyWatch(ctx, { waitMs: 1000, readTimeoutMs: 5000 })
    const a = w.look('s1', [blog, bot])
    await settle()
    reads[0].finish(fine('2026-12-07T11:59:58Z'))
    await a
    await vi.advanceTimersByTimeAsync(10) // a new due time: read again
    const b = w.look('s1', [blog, bot])
    await settle()
    reads[1].finish(new Error('connection lost'))
    expect(await b).toEqual({ bot: 'backups.s1', newest: new Map([[blog.stackName, Date.parse('2026-12-07T11:59:58Z')]]), known: false })
    await vi.advanceTimersByTimeAsync(10) // a new due time: read again
    const c = w.look('s1', [blog, bot])
    await settle()
    await vi.advanceTimersByTimeAsync(5000)
    expect(reads[2]?.signal?.aborted).toBe(true)
    expect((await c)?.known).toBe(false)
    await vi.advanceTimersByTimeAsync(10) // a new due time: read again
    const d = w.look('s1', [blog, bot])
    await vi.advanceTimersByTimeAsync(0)
    expect(reads[3]?.signal?.aborted).toBe(false)
    w.close()
    expect(reads[3]?.signal?.aborted).toBe(true)
    await vi.advanceTimersByTimeAsync(1000)
    expect((await d)?.known).toBe(false)
    // Closed: nothing more is read.
    expect(await w.look('s1', [blog, bot])).toBeUndefined()
    expect(reads).toHaveLength(4)
  })
})
