import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sqlite from 'node-sqlite3-wasm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { History, type Sample } from '../../src-main/monitoring/history'
import { resolvePaths } from '../../src-main/core/paths'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
// A Monday at midnight UTC, so hours and days fall on round numbers.
const T0 = Date.UTC(2026, 0, 5)

let dir: string
let file: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-history-'))
  file = path.join(dir, 'data', 'history.sqlite')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** What a file holds, by count and sum, and whether SQLite finds it sound. */
async function summary(f: string): Promise<string> {
  const db = new sqlite.Database(f, { readOnly: true })
  try {
    const check = db.get('PRAGMA integrity_check')?.integrity_check
    const rows = db.get('SELECT count(*) AS n, sum(value) AS total FROM minute')
    return `${check} ${rows?.n} ${rows?.total}`
  } catch (err) {
    return `unreadable: ${(err as Error).message}`
  } finally {
    db.close()
  }
}

/** A clock the test moves by hand. */
function clock(start: number): { now: () => number; set: (t: number) => void } {
  let t = start
  return { now: () => t, set: (v) => (t = v) }
}

/** Reads the file directly (no History open), as the last step of a test. */
function raw<T>(read: (db: InstanceType<typeof sqlite.Database>) => T): T {
  const db = new sqlite.Database(file, { readOnly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

describe('monitoring history', () => {
  it('lives under the data folder', () => {
    const p = resolvePaths({ XDG_DATA_HOME: '/x/data' }, '/home/u')
    expect(p.dataDir).toBe('/x/data/coopcloud-desktop')
    expect(p.historyFile).toBe('/x/data/coopcloud-desktop/history.sqlite')
    expect(resolvePaths({}, '/home/u').historyFile).toBe('/home/u/.local/share/coopcloud-desktop/history.sqlite')
  })

  it('survives a restart: samples and incidents are there after close and reopen', async () => {
    const c = clock(T0 + HOUR)
    const h = await History.open({ file, now: c.now })
    await h.record([
      { subject: 'server:rigbox', metric: 'disk.used.pct', value: 41.5, at: T0 },
      { subject: 'server:rigbox', metric: 'disk.used.pct', value: 42, at: T0 + MIN },
      { subject: 'app:rigbox/cloud.example.org', metric: 'up', value: 1 }
    ])
    await h.openIncident('app:rigbox/cloud.example.org', 'down', 'The app answers 502', T0 + 10 * MIN)
    await h.closeIncident('app:rigbox/cloud.example.org', 'down', T0 + 20 * MIN)
    await h.openIncident('server:rigbox', 'unreachable', 'No answer on port 22', T0 + 30 * MIN)
    await h.close()

    const again = await History.open({ file, now: c.now })
    expect(again.recovered).toBeUndefined()
    expect(await again.series('server:rigbox', 'disk.used.pct', { from: T0, to: T0 + HOUR })).toEqual([
      { at: T0, step: 'minute', value: 41.5, min: 41.5, max: 41.5, count: 1 },
      { at: T0 + MIN, step: 'minute', value: 42, min: 42, max: 42, count: 1 }
    ])
    // `at` left out: now(), to the minute.
    expect(await again.series('app:rigbox/cloud.example.org', 'up', { from: T0, to: T0 + 2 * HOUR })).toMatchObject([{ at: T0 + HOUR, value: 1 }])
    expect(await again.incidents(undefined, { from: T0, to: T0 + HOUR })).toEqual([
      { subject: 'app:rigbox/cloud.example.org', kind: 'down', reason: 'The app answers 502', start: T0 + 10 * MIN, end: T0 + 20 * MIN },
      { subject: 'server:rigbox', kind: 'unreachable', reason: 'No answer on port 22', start: T0 + 30 * MIN, end: null }
    ])
    expect(await again.incidents('server:rigbox', { from: T0, to: T0 + HOUR })).toHaveLength(1)
    // Outside the range: the closed one ended before it, the open one still overlaps.
    expect((await again.incidents(undefined, { from: T0 + 25 * MIN, to: T0 + DAY })).map((i) => i.kind)).toEqual(['unreachable'])
    expect(await again.series('server:rigbox', 'nothing', { from: 0, to: T0 * 2 })).toEqual([])
    await again.close()
    expect(raw((db) => db.get('PRAGMA user_version'))).toEqual({ user_version: 1 })
  })

  it('keeps one row per subject, metric and minute: the latest recorded sample wins', async () => {
    const h = await History.open({ file, now: () => T0 + HOUR })
    await h.record([{ subject: 's', metric: 'm', value: 1, at: T0 + 5_000 }])
    await h.record([
      { subject: 's', metric: 'm', value: 2, at: T0 + 50_000 },
      { subject: 's', metric: 'm', value: 3, at: T0 + 10_000 },
      { subject: 's', metric: 'm', value: Number.NaN, at: T0 + 20_000 }
    ])
    expect(await h.series('s', 'm', { from: T0, to: T0 + HOUR })).toEqual([{ at: T0, step: 'minute', value: 3, min: 3, max: 3, count: 1 }])
    await h.close()
  })

  it('keeps the lowest of a minute’s samples when asked: one down look makes a down minute', async () => {
    const h = await History.open({ file, now: () => T0 + HOUR })
    await h.record([{ subject: 'app:s/a', metric: 'up', value: 1, at: T0 + 5_000, keep: 'lowest' }])
    await h.record([{ subject: 'app:s/a', metric: 'up', value: 0, at: T0 + 20_000, keep: 'lowest' }])
    await h.record([{ subject: 'app:s/a', metric: 'up', value: 1, at: T0 + 40_000, keep: 'lowest' }])
    await h.record([{ subject: 'app:s/a', metric: 'up', value: 1, at: T0 + 70_000, keep: 'lowest' }])
    expect((await h.series('app:s/a', 'up', { from: T0, to: T0 + HOUR })).map((p) => [p.at, p.value])).toEqual([
      [T0, 0],
      [T0 + MIN, 1]
    ])
    await h.close()
  })

  it('rolls per-minute samples older than 7 days into hours (average, min, max, count)', async () => {
    // 8 days of samples, one a minute; value = hour number × 1000 + minute in the hour.
    const end = T0 + 8 * DAY
    const c = clock(T0)
    const h = await History.open({ file, now: c.now })
    const samples: Sample[] = []
    for (let t = T0; t < end; t += MIN) samples.push({ subject: 'server:a', metric: 'cpu.pct', value: ((t - T0) / HOUR | 0) * 1000 + ((t % HOUR) / MIN), at: t })
    await h.record(samples)
    c.set(end)
    await h.thin()

    const points = await h.series('server:a', 'cpu.pct', { from: T0, to: end })
    const minutes = points.filter((p) => p.step === 'minute')
    const hours = points.filter((p) => p.step === 'hour')
    // The last 7 days, minute by minute, and nothing older.
    expect(minutes).toHaveLength(7 * 1440)
    expect(minutes[0].at).toBe(end - 7 * DAY)
    expect(minutes.at(-1)?.at).toBe(end - MIN)
    // The first day as 24 hourly points, each from its 60 samples.
    expect(hours).toHaveLength(24)
    hours.forEach((p, i) => expect(p).toEqual({ at: T0 + i * HOUR, step: 'hour', value: i * 1000 + 29.5, min: i * 1000, max: i * 1000 + 59, count: 60 }))
    // Every sample is in exactly one point.
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(8 * 1440)
    expect(raw((db) => db.get('SELECT count(*) AS n FROM minute WHERE t < ?', [(end - 7 * DAY) / MIN]))).toEqual({ n: 0 })

    // Half an hour later, half of the next hour is rolled; the other half
    // after another half hour, merged into the same hourly row.
    c.set(end + 30 * MIN)
    await h.thin()
    expect((await h.series('server:a', 'cpu.pct', { from: T0 + DAY, to: T0 + DAY }))[0]).toEqual({ at: T0 + DAY, step: 'hour', value: 24_014.5, min: 24_000, max: 24_029, count: 30 })
    c.set(end + HOUR)
    await h.thin()
    const merged = await h.series('server:a', 'cpu.pct', { from: T0 + DAY, to: T0 + DAY + HOUR - 1 })
    expect(merged).toEqual([{ at: T0 + DAY, step: 'hour', value: 24_029.5, min: 24_000, max: 24_059, count: 60 }])
    await h.close()
  })

  it('drops hourly rows and closed incidents older than 90 days, keeps incidents still open', async () => {
    const end = T0 + 91 * DAY
    const c = clock(T0)
    const h = await History.open({ file, now: c.now })
    const samples: Sample[] = []
    for (let t = T0; t < end; t += HOUR) samples.push({ subject: 'app:a/b', metric: 'up', value: 1, at: t })
    await h.record(samples)
    await h.openIncident('app:a/b', 'down', 'old', T0)
    await h.closeIncident('app:a/b', 'down', T0 + HOUR)
    await h.openIncident('app:a/b', 'down', 'recent', end - 89 * DAY)
    await h.closeIncident('app:a/b', 'down', end - 89 * DAY + HOUR)
    await h.openIncident('server:a', 'unreachable', 'still going', T0 + 2 * HOUR)
    c.set(end)
    await h.thin()

    const points = await h.series('app:a/b', 'up', { from: 0, to: end })
    const hours = points.filter((p) => p.step === 'hour')
    expect(hours[0].at).toBe(end - 90 * DAY)
    expect(hours.at(-1)?.at).toBe(end - 7 * DAY - HOUR)
    expect(hours).toHaveLength(83 * 24)
    expect(points.filter((p) => p.step === 'minute')).toHaveLength(7 * 24)
    expect((await h.incidents(undefined, { from: 0, to: end })).map((i) => i.reason)).toEqual(['still going', 'recent'])
    await h.close()
  })

  it('thins by itself on open and at most once an hour from record()', async () => {
    const c = clock(T0)
    let h = await History.open({ file, now: c.now })
    await h.record([{ subject: 's', metric: 'm', value: 1, at: T0 }])
    await h.close()
    c.set(T0 + 8 * DAY)
    h = await History.open({ file, now: c.now })
    expect((await h.series('s', 'm', { from: 0, to: c.now() }))[0].step).toBe('hour')
    // Within the hour since that thinning, record() leaves old samples alone…
    await h.record([{ subject: 's', metric: 'm', value: 2, at: T0 + MIN }])
    expect((await h.series('s', 'm', { from: 0, to: c.now() })).map((p) => p.step)).toEqual(['hour', 'minute'])
    // …and rolls them in once an hour has gone by.
    c.set(T0 + 8 * DAY + HOUR)
    await h.record([])
    expect(await h.series('s', 'm', { from: 0, to: c.now() })).toEqual([{ at: T0, step: 'hour', value: 1.5, min: 1, max: 2, count: 2 }])
    await h.close()
  })

  it('holds the file to maxBytes, rolling minutes into hours early and then dropping the oldest, and the file really shrinks', async () => {
    const end = T0 + 3 * DAY
    const c = clock(end)
    let h = await History.open({ file, now: c.now })
    const samples: Sample[] = []
    for (let s = 0; s < 10; s++) for (let t = T0; t < end; t += MIN) samples.push({ subject: `app:srv/app${s}.example.org`, metric: 'cpu.pct', value: Math.random() * 100, at: t })
    await h.record(samples)
    await h.close()
    const maxBytes = 256 * 1024
    expect(fs.statSync(file).size).toBeGreaterThan(3 * maxBytes)
    h = await History.open({ file, now: c.now, maxBytes })
    expect(await h.sizeBytes()).toBeLessThanOrEqual(maxBytes)
    await h.close()
    expect(fs.statSync(file).size).toBeLessThanOrEqual(maxBytes)
    // Per-minute rows were rolled into hours early (they are nearly all of
    // the file), then the oldest went; the newest minutes of every series
    // are still there.
    h = await History.open({ file, now: c.now, maxBytes })
    for (let s = 0; s < 10; s++) {
      const points = await h.series(`app:srv/app${s}.example.org`, 'cpu.pct', { from: 0, to: end })
      expect(points.at(-1)).toMatchObject({ at: end - MIN, step: 'minute' })
      expect(points.filter((p) => p.step === 'minute')[0].at).toBeGreaterThanOrEqual(end - DAY)
      expect(points[0].at).toBeGreaterThan(T0)
    }
    await h.close()
    expect(raw((db) => db.get('PRAGMA integrity_check'))).toEqual({ integrity_check: 'ok' })
  })

  it('moves a file that is not a database aside and starts afresh', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, 'this is not SQLite, '.repeat(400))
    const h = await History.open({ file, now: () => T0 })
    expect(h.recovered?.why).toMatch(/not a database/)
    expect(h.recovered?.movedTo).toMatch(/history\.sqlite\.broken-\d{4}-/)
    expect(fs.readFileSync(h.recovered!.movedTo, 'utf8')).toMatch(/^this is not SQLite/)
    await h.record([{ subject: 's', metric: 'm', value: 7, at: T0 }])
    expect(await h.series('s', 'm', { from: T0, to: T0 })).toHaveLength(1)
    await h.close()
  })

  it('moves aside a file whose pages were damaged while it was in use', async () => {
    const h = await History.open({ file, now: () => T0 + 10 * DAY })
    const samples: Sample[] = []
    for (let t = T0 + 4 * DAY; t < T0 + 5 * DAY; t += MIN) samples.push({ subject: 's', metric: 'm', value: t, at: t })
    await h.record(samples)
    // Scribble over every page but the first, behind the open connection's
    // back, and bump the change counter (offset 24) so it doesn't trust its cache.
    const size = fs.statSync(file).size
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096)
    fs.writeSync(fd, Buffer.from([0x7f, 0, 0, 1]), 0, 4, 24)
    fs.closeSync(fd)
    await h.series('s', 'm', { from: T0, to: T0 + 10 * DAY })
    expect(h.recovered?.why).toMatch(/malformed|corrupt/i)
    await h.record([{ subject: 's', metric: 'm', value: 1, at: T0 + 9 * DAY }])
    expect(await h.series('s', 'm', { from: T0, to: T0 + 10 * DAY })).toHaveLength(1)
    await h.close()
  })

  it('moves aside a file made by a newer version of the app', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const db = new sqlite.Database(file)
    db.exec('CREATE TABLE later (x); PRAGMA user_version = 99')
    db.close()
    const h = await History.open({ file, now: () => T0 })
    expect(h.recovered?.why).toMatch(/newer version/)
    await h.close()
  })

  it('gets past the locks and journal a crashed process left behind', async () => {
    let h = await History.open({ file, now: () => T0 })
    await h.record([{ subject: 's', metric: 'm', value: 1, at: T0 }])
    await h.close()
    // What a writer killed mid-transaction leaves: SQLite's lock directory,
    // its journal, and our lock, no longer refreshed.
    fs.mkdirSync(`${file}.lock`)
    fs.writeFileSync(`${file}-journal`, '')
    fs.mkdirSync(`${file}.mutex`)
    const old = new Date(Date.now() - 60_000)
    fs.utimesSync(`${file}.lock`, old, old)
    fs.utimesSync(`${file}.mutex`, old, old)
    h = await History.open({ file, now: () => T0 })
    expect(h.recovered).toBeUndefined()
    expect(await h.series('s', 'm', { from: T0, to: T0 })).toHaveLength(1)
    await h.close()
    expect(fs.existsSync(`${file}.lock`)).toBe(false)
    expect(fs.existsSync(`${file}-journal`)).toBe(false)
    expect(fs.existsSync(`${file}.mutex`)).toBe(false)
  })

  it("waits while SQLite's own lock is fresh (a process may be inside), and gives up after lockWaitMs", async () => {
    let h = await History.open({ file, now: () => T0 })
    fs.mkdirSync(`${file}.lock`)
    const started = Date.now()
    const writing = h.record([{ subject: 's', metric: 'm', value: 1, at: T0 }])
    setTimeout(() => fs.rmdirSync(`${file}.lock`), 300)
    await writing
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    await h.close()

    h = await History.open({ file, now: () => T0, lockWaitMs: 200 })
    fs.mkdirSync(`${file}.lock`)
    await expect(h.series('s', 'm', { from: T0, to: T0 })).rejects.toThrow(/database is locked/)
    fs.rmdirSync(`${file}.lock`)
    expect(await h.series('s', 'm', { from: T0, to: T0 })).toHaveLength(1)
    await h.close()
  })

  it('rolls back what a writer killed mid-transaction had already written into the file', async () => {
    const now = () => T0 + DAY
    let h = await History.open({ file, now })
    const samples: Sample[] = []
    for (let i = 0; i < 3000; i++) samples.push({ subject: 's', metric: 'm', value: i, at: T0 + i * MIN })
    await h.record(samples)
    await h.close()
    const before = await summary(file)

    // A writer in a big transaction, its page cache too small to hold it, so
    // SQLite has already written changed pages into the file: copy the file
    // and its journal as a SIGKILL at that moment would leave them.
    const crash = path.join(dir, 'crash.sqlite')
    const db = new sqlite.Database(file)
    db.exec('PRAGMA cache_size = -16')
    db.exec('BEGIN IMMEDIATE')
    for (let i = 0; i < 3000; i++) db.run('INSERT INTO minute (series, t, value) VALUES (1, ?, ?)', [T0 / MIN + 5000 + i, -i])
    db.run('DELETE FROM minute WHERE t < ?', [T0 / MIN + 1500])
    fs.copyFileSync(file, crash)
    fs.copyFileSync(`${file}-journal`, `${crash}-journal`)
    db.exec('ROLLBACK')
    db.close()
    // Read as it is, without the journal (as SQLite here would), it is wrong.
    fs.copyFileSync(crash, path.join(dir, 'as-is.sqlite'))
    expect(await summary(path.join(dir, 'as-is.sqlite'))).not.toEqual(before)
    // SQLite's lock directory, left by the dead writer.
    fs.mkdirSync(`${crash}.lock`)
    const old = new Date(Date.now() - 60_000)
    fs.utimesSync(`${crash}.lock`, old, old)

    h = await History.open({ file: crash, now })
    expect(h.recovered).toBeUndefined()
    await h.close()
    expect(fs.existsSync(`${crash}-journal`)).toBe(false)
    expect(await summary(crash)).toEqual(before)
  })

  it('keeps each sample in its own series when another copy drops a series this one knows and its id goes to a new one', async () => {
    const c = clock(T0)
    const a = await History.open({ file, now: c.now })
    await a.record([{ subject: 'app:a/gone', metric: 'up', value: 1, at: T0 }])
    // 91 days on, another copy's thinning drops that series (nothing left
    // in it), and the next new series takes the same id.
    c.set(T0 + 91 * DAY)
    const b = await History.open({ file, now: c.now })
    await b.record([{ subject: 'app:a/new', metric: 'up', value: 1, at: c.now() }])
    expect(raw((db) => db.all('SELECT id, subject FROM series'))).toEqual([{ id: 1, subject: 'app:a/new' }])
    await a.record([{ subject: 'app:a/gone', metric: 'up', value: 0, at: c.now() }])
    const range = { from: 0, to: c.now() }
    expect((await b.series('app:a/new', 'up', range)).map((p) => p.value)).toEqual([1])
    expect((await b.series('app:a/gone', 'up', range)).map((p) => p.value)).toEqual([0])
    await a.close()
    await b.close()
  })

  it("writes a round's incident changes in one go: opened once however often asked, then closed", async () => {
    const c = clock(T0)
    const h = await History.open({ file, now: c.now })
    await h.openIncident('server:a', 'server', 'server-unreachable', T0 - MIN)
    c.set(T0 + HOUR)
    await h.changeIncidents({
      opened: [
        { subject: 'server:a', kind: 'server', reason: 'server-unreachable', at: T0 },
        { subject: 'app:a/x', kind: 'app', reason: 'app-down', at: T0 }
      ],
      closed: [{ subject: 'server:a', kind: 'server' }]
    })
    const seen = await h.incidents(undefined, { from: 0, to: c.now() })
    expect(seen.map((i) => [i.subject, i.start, i.end])).toEqual([
      ['server:a', T0 - MIN, T0 + HOUR],
      ['app:a/x', T0, null]
    ])
    await h.close()
  })

  it('says which incident changes it made, and lists those still open, for a monitor starting up', async () => {
    const c = clock(T0)
    const h = await History.open({ file, now: c.now })
    await h.openIncident('server:a', 'server', 'server-unreachable', T0 - MIN)
    await h.openIncident('app:a/y', 'app', 'app-down', T0 - 2 * MIN)
    // Already open (another run announced it), and none open to close: no change.
    expect(
      await h.changeIncidents({
        opened: [
          { subject: 'server:a', kind: 'server', reason: 'server-unreachable' },
          { subject: 'app:a/x', kind: 'app', reason: 'app-down' }
        ],
        closed: [{ subject: 'app:a/y', kind: 'app' }, { subject: 'server:b', kind: 'server' }]
      })
    ).toEqual({ opened: [false, true], closed: [true, false] })
    expect((await h.openIncidents()).map((i) => [i.subject, i.kind, i.start, i.end])).toEqual([
      ['server:a', 'server', T0 - MIN, null],
      ['app:a/x', 'app', T0, null]
    ])
    await h.close()
  })

  it('ends every incident of a removed server and its apps, and only those', async () => {
    const h = await History.open({ file, now: () => T0 + HOUR })
    for (const subject of ['server:s1', 'app:s1/a.example.org', 'server:s10', 'app:s10/b.example.org']) await h.openIncident(subject, 'app', 'app-down', T0)
    await h.openIncident('app:s1/late.example.org', 'app', 'app-down', T0 + 30 * MIN)
    await h.closeIncidentsAbout('server:s1', 'app:s1/', T0 + 10 * MIN)
    expect((await h.incidents(undefined, { from: 0, to: T0 + HOUR })).map((i) => [i.subject, i.end])).toEqual([
      ['server:s1', T0 + 10 * MIN],
      ['app:s1/a.example.org', T0 + 10 * MIN],
      ['server:s10', null],
      ['app:s10/b.example.org', null],
      // Never ended before it began.
      ['app:s1/late.example.org', T0 + 30 * MIN]
    ])
    await h.close()
  })

  it('tells when a series was last written: its newest minute, else its newest hour', async () => {
    const c = clock(T0 + DAY)
    const h = await History.open({ file, now: c.now })
    expect(await h.lastAt('server:a', 'reachable')).toBeUndefined()
    await h.record([
      { subject: 'server:a', metric: 'reachable', value: 1, at: T0 + 5 * MIN + 30_000 },
      { subject: 'server:a', metric: 'reachable', value: 0, at: T0 + 9 * MIN + 59_000 }
    ])
    expect(await h.lastAt('server:a', 'reachable')).toBe(T0 + 9 * MIN)
    await h.close()
    // Ten days on, the minutes are rolled into hours.
    const later = await History.open({ file, now: () => T0 + 10 * DAY })
    expect(await later.lastAt('server:a', 'reachable')).toBe(T0)
    await later.close()
  })

  it('lets two opened copies in one process take turns', async () => {
    const a = await History.open({ file, now: () => T0 + DAY })
    const b = await History.open({ file, now: () => T0 + DAY })
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).record([{ subject: 's', metric: 'm', value: i, at: T0 + i * MIN }]).then(() => (i % 2 ? b : a).series('s', 'm', { from: T0, to: T0 + DAY }))
      )
    )
    expect(await a.series('s', 'm', { from: T0, to: T0 + DAY })).toHaveLength(40)
    await a.close()
    await b.close()
  })
})
