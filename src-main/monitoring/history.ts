import fs from 'node:fs'
import path from 'node:path'
import { Mutex } from 'async-mutex'
import lockfile from 'proper-lockfile'
import sqlite from 'node-sqlite3-wasm'

// Monitoring history: per-minute samples, hourly roll-ups and incidents, in
// one SQLite file under the app's data folder (paths.historyFile).
//
// Why node-sqlite3-wasm: real SQLite compiled to WebAssembly, so the same
// file runs in plain Node 20 (the CLI, the tests) and in Electron with no
// native rebuild per ABI.
//
// Several processes (the window and the CLI) open the file at once, and that
// library's file layer (its "VFS") does lock, but crudely:
//  - every lock level, readers included, is one exclusive `<file>.lock`
//    directory (mkdir), and a clash fails at once with "database is locked";
//    SQLite's busy_timeout would wait by spinning the CPU (its sleep is a busy
//    loop in WebAssembly);
//  - a process that dies holding it leaves the directory behind, and every
//    later open fails with "database is locked" for ever;
//  - its "is a write reserved?" answer is true whenever that directory exists,
//    even when we made it, so SQLite never treats a journal left by a crashed
//    writer as hot and never rolls it back.
// So every use of the database (reads too) first takes our own lock,
// `<file>.mutex`, with proper-lockfile: a directory whose mtime the holder
// refreshes, which others take over once it is stale (the holder died), and
// which we wait for asynchronously, without blocking the event loop. With it
// held, nobody else is inside SQLite on this file, so a `<file>.lock` found
// then is a dead process's and is removed (once it is old: see ready()), and
// a `-journal` found then was left by a writer that died mid-transaction:
// rollBack() plays it back as SQLite would, and the file is checked
// (quick_check) and moved aside if it is still damaged. Anything that opens
// the file must go through this module.

const { Database } = sqlite

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Per-minute samples are kept this long, then rolled into hours. */
export const MINUTE_KEEP_MS = 7 * DAY
/** Hourly roll-ups and closed incidents are kept this long. */
export const HOUR_KEEP_MS = 90 * DAY
// What the monitor keeps (an app's "up", a server's reach, disks, memory and
// load) for 10 servers of 50 apps was measured at 124 MiB for 7 days of
// minutes plus 83 of hours: the bound holds that whole, and a co-op's usual
// few servers take a few MiB.
export const DEFAULT_MAX_BYTES = 160 * 1024 * 1024
/** thin() runs on open and then at most this often from record(). */
const THIN_EVERY_MS = HOUR
/** thin() works in turns of about this long (ms), letting go in between. */
const TURN_MS = 200
/** Over maxBytes, per-minute data is rolled into hours early, down to this. */
const MINUTE_KEEP_FLOOR_MS = DAY
/** Pages given back to the file system per turn of thin() (4 KiB each). */
const VACUUM_PAGES_PER_TURN = 1024
/** Page cache per connection (KiB): thinning a big file reads a lot. */
const CACHE_KIB = 8192

/** Bump with a migration in migrate() when the tables change. */
const SCHEMA_VERSION = 1

// Our lock: a holder refreshes its mtime every STALE_MS / 2; one not refreshed
// for STALE_MS belongs to a dead (or frozen) process and is taken over. Every
// piece of work done under it is short (a record() of a round, a read, one
// turn of thin(): tens of ms, a few hundred on a busy machine), far below this.
const STALE_MS = 30_000

export interface Sample {
  /** "server:rigbox", "app:rigbox/cloud.example.org" */
  subject: string
  /** "disk.used.pct", "up", "cpu.pct" */
  metric: string
  value: number
  /** When it was measured (ms); now() when left out. */
  at?: number
  /**
   * Several samples in one minute: by default the latest wins; 'lowest' keeps
   * the lowest, so a minute with one "down" look among "up" ones stays down
   * (the uptime strips).
   */
  keep?: 'latest' | 'lowest'
}

export interface Point {
  /** Start of the minute or hour (ms). */
  at: number
  step: 'minute' | 'hour'
  /** The sample (minute), or the average of the hour's samples. */
  value: number
  min: number
  max: number
  /** How many per-minute samples this point stands for. */
  count: number
}

export interface Incident {
  subject: string
  kind: string
  reason: string
  start: number
  /** null while it is still going on. */
  end: number | null
}

export interface Range {
  from: number
  to: number
}

export interface HistoryOptions {
  file: string
  now?: () => number
  maxBytes?: number
  /** How long to wait for another process's turn before giving up (ms). */
  lockWaitMs?: number
  /**
   * When a lock not refreshed is taken to be a dead process's (ms). For
   * tests that kill a writer; every process on one file must use the same.
   */
  lockStaleMs?: number
}

/** Why the file was started afresh, and where the old one went. */
export interface Recovery {
  movedTo: string
  why: string
}

type Db = InstanceType<typeof Database>
type Statement = ReturnType<Db['prepare']>

/** Minutes before `minute` (minute number) go into hours; hours before `hour` (hour number) go. */
interface Cut {
  minute: number
  hour: number
}

interface ThinJob {
  now: number
  phase: 'age' | 'size' | 'vacuum'
  /** The last series done in the current pass. */
  cursor: number
  /** The slice being cut to get under maxBytes. */
  cut?: Cut
}

const SCHEMA = `
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    metric TEXT NOT NULL,
    UNIQUE (subject, metric)
  );
  -- t is the minute number since the epoch: one row per series and minute.
  CREATE TABLE minute (
    series INTEGER NOT NULL,
    t INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (series, t)
  ) WITHOUT ROWID;
  -- t is the hour number since the epoch.
  CREATE TABLE hour (
    series INTEGER NOT NULL,
    t INTEGER NOT NULL,
    avg REAL NOT NULL,
    min REAL NOT NULL,
    max REAL NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (series, t)
  ) WITHOUT ROWID;
  CREATE TABLE incident (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    start_at INTEGER NOT NULL,
    end_at INTEGER
  );
  CREATE INDEX incident_open ON incident (subject, kind) WHERE end_at IS NULL;
  CREATE INDEX incident_start ON incident (start_at);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER) WITHOUT ROWID;
`

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** SQLite's words for a file that is not (or no longer) a sound database. */
function isDamage(err: unknown): boolean {
  return /malformed|not a database|database corruption|disk image/i.test(errorText(err))
}

export class History {
  /** Set when the file was found broken and started afresh (on open or later). */
  recovered?: Recovery
  /** Set if our lock was taken over while we held it (we were frozen too long). */
  lockLost?: string

  private db: Db | null = null
  private thinning?: Promise<void>
  private closed = false
  /** Inode of the file `db` has open: another process may have moved it aside. */
  private ino = 0
  private lastThin = 0
  /**
   * Series ids by "subject\nmetric", so record() writes a sample with one
   * statement. An id never changes while its row lives; rows go only when
   * thinning drops an empty series, which bumps meta's 'series' count (from
   * whichever process), so a cache older than that count is dropped. A
   * fresh or reopened file starts with an empty cache (openFile).
   */
  private ids = new Map<string, number>()
  /** meta's 'series' count the cache was filled under. */
  private idsGeneration = 0
  private readonly mutex = new Mutex()
  private readonly file: string
  private readonly now: () => number
  private readonly maxBytes: number
  private readonly lockWaitMs: number
  private readonly lockStaleMs: number

  private constructor(opts: HistoryOptions) {
    this.file = path.resolve(opts.file)
    this.now = opts.now ?? Date.now
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES
    this.lockStaleMs = opts.lockStaleMs ?? STALE_MS
    this.lockWaitMs = opts.lockWaitMs ?? this.lockStaleMs + 10_000
  }

  /**
   * Opens (or creates) the file and thins it. A file that can't be used is
   * moved aside to `<file>.broken-<time>` and a fresh one started: see
   * `recovered`. Rejects only if even a fresh file can't be made (no space,
   * no permission) or another process holds the lock past lockWaitMs.
   */
  static async open(opts: HistoryOptions): Promise<History> {
    const h = new History(opts)
    fs.mkdirSync(path.dirname(h.file), { recursive: true, mode: 0o700 })
    try {
      await h.thin()
    } catch (err) {
      await h.close()
      throw err
    }
    return h
  }

  /**
   * Stores per-minute samples. One row per subject, metric and minute: a
   * second sample in the same minute replaces the first (the latest recorded
   * wins, from whichever process).
   */
  async record(samples: Sample[]): Promise<void> {
    const now = this.now()
    // Ids of series added here join the cache only once committed: a
    // rolled-back insert's id may be given to another series.
    const added = await this.locked((db) => {
      const generation = seriesGeneration(db)
      if (generation !== this.idsGeneration) {
        this.ids.clear()
        this.idsGeneration = generation
      }
      const fresh = new Map<string, number>()
      const sql = [
        'INSERT INTO minute (series, t, value) VALUES (?, ?, ?) ON CONFLICT (series, t) DO UPDATE SET value = excluded.value',
        'INSERT INTO minute (series, t, value) VALUES (?, ?, ?) ON CONFLICT (series, t) DO UPDATE SET value = MIN(value, excluded.value)'
      ]
      withStatements(db, sql, ([addSample, addLowest]) => {
        for (const s of samples) {
          if (!s.subject || !s.metric || !Number.isFinite(s.value)) continue
          const key = `${s.subject}\n${s.metric}`
          let id = this.ids.get(key) ?? fresh.get(key)
          if (id === undefined) {
            // Another process may have added it since: insert or find.
            db.run('INSERT INTO series (subject, metric) VALUES (?, ?) ON CONFLICT (subject, metric) DO NOTHING', [s.subject, s.metric])
            id = db.get('SELECT id FROM series WHERE subject = ? AND metric = ?', [s.subject, s.metric])?.id as number
            fresh.set(key, id)
          }
          ;(s.keep === 'lowest' ? addLowest : addSample).run([id, Math.floor((s.at ?? now) / MINUTE), s.value])
        }
      })
      return { fresh, generation }
    })
    if (added.generation === this.idsGeneration) for (const [key, id] of added.fresh) this.ids.set(key, id)
    if (now - this.lastThin >= THIN_EVERY_MS) await this.thin()
  }

  /**
   * The points of one series in [from, to], oldest first: per-minute rows
   * for the last 7 days, hourly roll-ups (average, min, max) before that.
   * Each sample lives in exactly one of the two tables, so none is counted
   * twice at the border.
   */
  async series(subject: string, metric: string, range: Range): Promise<Point[]> {
    return this.locked((db) => {
      const row = db.get('SELECT id FROM series WHERE subject = ? AND metric = ?', [subject, metric])
      if (!row) return []
      const id = row.id as number
      const hours = db.all(
        'SELECT t, avg, min, max, count FROM hour WHERE series = ? AND t >= ? AND t <= ? ORDER BY t',
        [id, Math.floor(range.from / HOUR), Math.floor(range.to / HOUR)]
      )
      const minutes = db.all('SELECT t, value FROM minute WHERE series = ? AND t >= ? AND t <= ? ORDER BY t', [
        id,
        Math.floor(range.from / MINUTE),
        Math.floor(range.to / MINUTE)
      ])
      const points: Point[] = hours.map((r) => ({
        at: (r.t as number) * HOUR,
        step: 'hour',
        value: r.avg as number,
        min: r.min as number,
        max: r.max as number,
        count: r.count as number
      }))
      for (const r of minutes) {
        const v = r.value as number
        points.push({ at: (r.t as number) * MINUTE, step: 'minute', value: v, min: v, max: v, count: 1 })
      }
      return points.sort((a, b) => a.at - b.at)
    })
  }

  /** The metrics kept for a subject ("disk.used.pct:/", "memory.used.pct"…), sorted. */
  async metrics(subject: string): Promise<string[]> {
    return this.locked((db) => db.all('SELECT metric FROM series WHERE subject = ? ORDER BY metric', [subject]).map((r) => r.metric as string))
  }

  /** Starts an incident, unless one of that kind is already open for the subject. */
  async openIncident(subject: string, kind: string, reason: string, at = this.now()): Promise<void> {
    await this.changeIncidents({ opened: [{ subject, kind, reason, at }] })
  }

  /** Ends the open incident of that kind for the subject, if there is one. */
  async closeIncident(subject: string, kind: string, at = this.now()): Promise<void> {
    await this.changeIncidents({ closed: [{ subject, kind, at }] })
  }

  /**
   * openIncident and closeIncident for a round's changes, in one turn on the
   * file (many things break or mend at once when a server goes or comes
   * back): the opened first, then the closed. Says, for each, whether it
   * changed anything: false for one already open (by an earlier run, or
   * another process watching too) or with none open to close. The monitor
   * announces only what it opened itself, so a problem is announced once.
   */
  async changeIncidents(change: {
    opened?: { subject: string; kind: string; reason: string; at?: number }[]
    closed?: { subject: string; kind: string; at?: number }[]
  }): Promise<{ opened: boolean[]; closed: boolean[] }> {
    const now = this.now()
    return this.locked((db) => {
      const opened = (change.opened ?? []).map((i) => {
        const open = db.get('SELECT id FROM incident WHERE subject = ? AND kind = ? AND end_at IS NULL', [i.subject, i.kind])
        if (!open) db.run('INSERT INTO incident (subject, kind, reason, start_at) VALUES (?, ?, ?, ?)', [i.subject, i.kind, i.reason, i.at ?? now])
        return !open
      })
      const closed = (change.closed ?? []).map(
        (i) => db.run('UPDATE incident SET end_at = ? WHERE subject = ? AND kind = ? AND end_at IS NULL', [i.at ?? now, i.subject, i.kind]).changes > 0
      )
      return { opened, closed }
    })
  }

  /** Ends every open incident about `subject`, or about a subject starting with `subjectPrefix` (a removed server and its apps), at `at` or its start if later. */
  async closeIncidentsAbout(subject: string, subjectPrefix: string, at = this.now()): Promise<void> {
    await this.locked((db) => {
      db.run('UPDATE incident SET end_at = max(start_at, ?) WHERE end_at IS NULL AND (subject = ? OR substr(subject, 1, ?) = ?)', [at, subject, subjectPrefix.length, subjectPrefix])
    })
  }

  /** The incidents still open (end null), oldest first: a monitor starting up takes over those an earlier run left. */
  async openIncidents(): Promise<Incident[]> {
    return this.locked((db) =>
      db.all('SELECT subject, kind, reason, start_at FROM incident WHERE end_at IS NULL ORDER BY start_at, id').map((r) => ({
        subject: r.subject as string,
        kind: r.kind as string,
        reason: r.reason as string,
        start: r.start_at as number,
        end: null
      }))
    )
  }

  /** The start of the newest minute (or hour, past the minutes kept) one series has a sample for; undefined when it has none. */
  async lastAt(subject: string, metric: string): Promise<number | undefined> {
    return this.locked((db) => {
      const row = db.get('SELECT id FROM series WHERE subject = ? AND metric = ?', [subject, metric])
      if (!row) return undefined
      const id = row.id as number
      const minute = db.get('SELECT max(t) AS t FROM minute WHERE series = ?', [id])?.t as number | null
      if (minute !== null && minute !== undefined) return minute * MINUTE
      const hour = db.get('SELECT max(t) AS t FROM hour WHERE series = ?', [id])?.t as number | null
      return hour === null || hour === undefined ? undefined : hour * HOUR
    })
  }

  /** Incidents that overlap [from, to], for one subject or all, oldest first. */
  async incidents(subject: string | undefined, range: Range): Promise<Incident[]> {
    return this.locked((db) => {
      const rows = db.all(
        'SELECT subject, kind, reason, start_at, end_at FROM incident' +
          ' WHERE start_at <= ? AND (end_at IS NULL OR end_at >= ?) AND (? IS NULL OR subject = ?) ORDER BY start_at, id',
        [range.to, range.from, subject ?? null, subject ?? null]
      )
      return rows.map((r) => ({
        subject: r.subject as string,
        kind: r.kind as string,
        reason: r.reason as string,
        start: r.start_at as number,
        end: (r.end_at as number | null) ?? null
      }))
    })
  }

  /**
   * Rolls up, drops what is past keeping, and holds the file to maxBytes.
   * Done in turns of about TURN_MS, letting go of the lock (and the event
   * loop) in between, so that even a large first trim of a big file never
   * holds up the app or the other processes for long.
   */
  async thin(): Promise<void> {
    this.thinning ??= (async () => {
      const job: ThinJob = { now: this.now(), phase: 'age', cursor: 0 }
      while (!this.closed && (await this.locked((db) => this.thinTurn(db, job))));
      this.lastThin = job.now
    })().finally(() => (this.thinning = undefined))
    return this.thinning
  }

  /** The file's size in bytes, as SQLite sees it (pages × page size). */
  async sizeBytes(): Promise<number> {
    return this.locked((db) => fileBytes(db))
  }

  /** Waits for a thin() under way to stop at its next turn, then closes. */
  async close(): Promise<void> {
    this.closed = true
    await this.thinning?.catch(() => undefined)
    await this.mutex.runExclusive(() => {
      this.db?.close()
      this.db = null
    })
  }

  // ---- inside the lock ----

  /** One turn of thin(): false once there is nothing left to do. */
  private thinTurn(db: Db, job: ThinJob): boolean {
    const until = performance.now() + TURN_MS
    const { now } = job
    const target = this.maxBytes * 0.9
    if (job.phase === 'age') {
      const cut = { minute: Math.floor((now - MINUTE_KEEP_MS) / MINUTE), hour: Math.floor((now - HOUR_KEEP_MS) / HOUR) }
      if (!this.cutSeries(db, job, cut, until)) return true
      db.run('DELETE FROM incident WHERE end_at IS NOT NULL AND end_at < ?', [now - HOUR_KEEP_MS])
      dropEmptySeries(db)
      db.run("INSERT INTO meta (key, value) VALUES ('thinned', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [now])
      job.phase = 'size'
      job.cursor = 0
    }
    if (job.phase === 'size') {
      // Over the bound: cut a slice off the oldest data, then look again.
      const used = usedBytes(db)
      job.cut ??= (used > target ? sizeCut(db, now, used - target, used) : null) ?? undefined
      if (job.cut) {
        if (this.cutSeries(db, job, job.cut, until)) {
          db.run('DELETE FROM incident WHERE end_at IS NOT NULL AND end_at < ?', [(job.cut as Cut).hour * HOUR])
          dropEmptySeries(db)
          job.cut = undefined
          job.cursor = 0
        }
        return true
      }
      job.phase = 'vacuum'
    }
    // Freed pages are reused by new samples, so they go back to the file
    // system only when the file is over the bound, a few MiB a turn.
    if (fileBytes(db) > this.maxBytes && freePages(db) > 0) {
      const pages = Math.min(VACUUM_PAGES_PER_TURN, Math.ceil((fileBytes(db) - target) / pageSize(db)))
      db.exec(`PRAGMA incremental_vacuum(${pages})`)
      return fileBytes(db) > this.maxBytes && freePages(db) > 0
    }
    return false
  }

  /**
   * For each series from job.cursor on: rolls its minutes before cut.minute
   * into hours and drops its hours before cut.hour. Series by series, so
   * every statement walks the primary key (series, t) over the old rows
   * only; stops when `until` is past. True once every series is done.
   */
  private cutSeries(db: Db, job: ThinJob, cut: Cut, until: number): boolean {
    let done = true
    withStatements(
      db,
      [
        // An hour may be rolled in two goes (the cut is to the minute, and a
        // late sample can arrive): merge by weighting with the counts.
        `INSERT INTO hour (series, t, avg, min, max, count)
           SELECT series, t / 60, avg(value), min(value), max(value), count(*)
           FROM minute WHERE series = ? AND t < ? GROUP BY t / 60
         ON CONFLICT (series, t) DO UPDATE SET
           avg = (hour.avg * hour.count + excluded.avg * excluded.count) / (hour.count + excluded.count),
           min = min(hour.min, excluded.min),
           max = max(hour.max, excluded.max),
           count = hour.count + excluded.count`,
        'DELETE FROM minute WHERE series = ? AND t < ?',
        'DELETE FROM hour WHERE series = ? AND t < ?'
      ],
      ([roll, dropMinutes, dropHours]) => {
        for (const id of seriesIds(db, job.cursor)) {
          roll.run([id, cut.minute])
          dropMinutes.run([id, cut.minute])
          dropHours.run([id, cut.hour])
          job.cursor = id
          if (performance.now() > until) {
            done = false
            break
          }
        }
      }
    )
    return done
  }

  /**
   * Runs `work` with this process alone on the file: our in-process mutex
   * first (so this object's calls queue instead of racing for the file
   * lock), then the cross-process lock. A file found damaged is moved aside
   * and the work done once more on a fresh one. Busy (see ready()): let go,
   * wait, and run the whole work again (it rolled back).
   *
   * The work is one transaction: this VFS takes and drops its lock directory
   * (mkdir, rmdir, and a re-read of the header) around every statement run
   * outside one, a few ms each, which made a pass over 540 series take
   * seconds.
   */
  private async locked<T>(work: (db: Db) => T): Promise<T> {
    return this.mutex.runExclusive(async () => {
      if (this.closed) throw new Error('The history file is closed')
      const deadline = Date.now() + this.lockWaitMs
      for (;;) {
        const release = await this.lock(deadline)
        const once = (): T => {
          const db = this.ready()
          db.exec('BEGIN')
          try {
            const result = work(db)
            db.exec('COMMIT')
            return result
          } catch (err) {
            try {
              if (db.inTransaction) db.exec('ROLLBACK')
            } catch {
              // a damaged file may refuse even this; it is moved aside next
            }
            throw err
          }
        }
        try {
          try {
            return once()
          } catch (err) {
            if (!isDamage(err)) throw err
            this.startAfresh(errorText(err))
            return once()
          }
        } catch (err) {
          if (!(err instanceof Busy) && !/database is locked/.test(errorText(err))) throw err
          if (Date.now() >= deadline) throw err
        } finally {
          await release().catch(() => undefined) // already taken over: lockLost says so
        }
        await sleep(10 + Math.random() * 40)
      }
    })
  }

  private async lock(deadline: number): Promise<() => Promise<void>> {
    for (;;) {
      try {
        return await lockfile.lock(this.file, {
          lockfilePath: `${this.file}.mutex`,
          realpath: false,
          stale: this.lockStaleMs,
          // The default throws from a timer, which would bring the app down.
          onCompromised: (err) => {
            this.lockLost = errorText(err)
          }
        })
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() >= deadline) throw err
        await sleep(10 + Math.random() * 40)
      }
    }
  }

  /** The open connection, after the crash checks; opens the file if needed. */
  private ready(): Db {
    // With our lock held, SQLite's `<file>.lock` is a dead process's (see
    // the top of this file), unless it is fresh: then a process may be inside
    // SQLite after all (it froze, e.g. the laptop slept, past our lock's stale
    // time, and its lock was taken over), so wait rather than break in.
    const sqliteLock = `${this.file}.lock`
    const made = mtime(sqliteLock)
    if (made !== null) {
      if (Date.now() - made < this.lockStaleMs) throw new Busy()
      fs.rmSync(sqliteLock, { recursive: true, force: true })
    }
    // Another process moved a broken file aside (follow it to the new one),
    // or a writer died mid-transaction (reopen after rolling it back).
    if (this.db && (inode(this.file) !== this.ino || fs.existsSync(`${this.file}-journal`))) {
      this.db.close()
      this.db = null
    }
    if (!this.db) {
      try {
        this.db = this.openFile()
      } catch (err) {
        this.startAfresh(errorText(err))
      }
    }
    return this.db as Db
  }

  private openFile(): Db {
    // A journal here, with the lock ours, was left by a writer that died
    // mid-transaction. SQLite here won't play it back (see the top of this
    // file), so we do, as SQLite would; then check the file.
    const crashed = fs.existsSync(`${this.file}-journal`)
    if (crashed) rollBack(this.file)
    const db = new Database(this.file)
    try {
      this.ino = inode(this.file)
      this.ids.clear()
      db.exec(`PRAGMA cache_size = -${CACHE_KIB}`)
      // Rollback journal (the default, DELETE): NORMAL leaves out FULL's
      // second sync of the journal, the one that makes its record count
      // durable apart from the records. The journal is still synced before
      // the file is overwritten and the file before the journal goes, so a
      // crashed process (the common case; the OS still writes its buffers)
      // loses nothing, and after a power cut a torn journal ends at its
      // first bad checksum (see rollBack()), as in SQLite. What NORMAL may
      // lose there is the last round, a minute of charts; a file damaged
      // even so is moved aside on its next use. One fsync fewer a write.
      db.exec('PRAGMA synchronous = NORMAL')
      if (crashed) {
        const check = db.get('PRAGMA quick_check')
        if (check?.quick_check !== 'ok') throw new Error(`database disk image is malformed (${String(check?.quick_check)})`)
      }
      migrate(db)
      const row = db.get("SELECT value FROM meta WHERE key = 'thinned'")
      this.lastThin = (row?.value as number | undefined) ?? 0
      return db
    } catch (err) {
      db.close()
      throw err
    }
  }

  /** Moves the file (and its journal) aside and makes a fresh one. */
  private startAfresh(why: string): void {
    try {
      this.db?.close()
    } catch {
      // closing a broken file may fail too; it is being moved aside anyway
    }
    this.db = null
    const movedTo = `${this.file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`
    if (fs.existsSync(this.file)) fs.renameSync(this.file, movedTo)
    if (fs.existsSync(`${this.file}-journal`)) fs.renameSync(`${this.file}-journal`, `${movedTo}-journal`)
    this.recovered = { movedTo, why }
    this.db = this.openFile()
  }
}

/** SQLite's lock is held by a live process: come back later. */
class Busy extends Error {
  constructor() {
    super('database is locked (by another process)')
  }
}

function mtime(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return null
  }
}

function inode(file: string): number {
  try {
    return fs.statSync(file).ino
  } catch {
    return -1
  }
}

function pageSize(db: Db): number {
  return db.get('PRAGMA page_size')?.page_size as number
}

function freePages(db: Db): number {
  return db.get('PRAGMA freelist_count')?.freelist_count as number
}

function fileBytes(db: Db): number {
  return (db.get('PRAGMA page_count')?.page_count as number) * pageSize(db)
}

/** What the data takes, leaving out pages freed but not yet given back. */
function usedBytes(db: Db): number {
  return fileBytes(db) - freePages(db) * pageSize(db)
}

function seriesIds(db: Db, after = 0): number[] {
  return db.all('SELECT id FROM series WHERE id > ? ORDER BY id', [after]).map((r) => r.id as number)
}

/**
 * Runs `body` with the statements prepared once (a loop over hundreds of
 * series or samples would otherwise parse each statement every time).
 */
function withStatements<T>(db: Db, sql: string[], body: (statements: Statement[]) => T): T {
  const statements: Statement[] = []
  try {
    for (const q of sql) statements.push(db.prepare(q))
    return body(statements)
  } finally {
    for (const st of statements) st.finalize()
  }
}

/** A subject gone for 90 days (an app removed) leaves no row behind. */
function dropEmptySeries(db: Db): void {
  const { changes } = db.run(
    'DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM minute WHERE minute.series = series.id)' +
      ' AND NOT EXISTS (SELECT 1 FROM hour WHERE hour.series = series.id)'
  )
  // Every process's cache of series ids is stale now (see History.ids).
  if (changes > 0) db.run("INSERT INTO meta (key, value) VALUES ('series', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1")
}

/** How many times series have been dropped from this file (see History.ids). */
function seriesGeneration(db: Db): number {
  return (db.get("SELECT value FROM meta WHERE key = 'series'")?.value as number | undefined) ?? 0
}

/**
 * The next slice to cut when the file is over its bound (by `excess`, out of
 * `used` bytes), oldest first, and the cheapest history first: per-minute
 * rows (nearly all of the file) are rolled into hours early, down to the
 * last day; then the oldest hours go; then, if that is still not enough, the
 * minutes of the last day too. Minutes are spread evenly over time, so the
 * share of their span to cut is about the share of bytes to free; hours go a
 * quarter of their span at a time. Null when there is nothing left to cut.
 */
function sizeCut(db: Db, now: number, excess: number, used: number): Cut | null {
  let oldestMinute = Infinity
  let oldestHour = Infinity
  // min(t) per series reads one entry of the primary key.
  withStatements(db, ['SELECT min(t) AS t FROM minute WHERE series = ?', 'SELECT min(t) AS t FROM hour WHERE series = ?'], ([minute, hour]) => {
    for (const id of seriesIds(db)) {
      oldestMinute = Math.min(oldestMinute, (minute.get([id])?.t as number | null) ?? Infinity)
      oldestHour = Math.min(oldestHour, (hour.get([id])?.t as number | null) ?? Infinity)
    }
  })
  const share = Math.min(1, excess / used + 0.02)
  const keepHours = Math.floor((now - HOUR_KEEP_MS) / HOUR)
  const nowMinute = Math.floor(now / MINUTE)
  const floor = Math.floor((now - MINUTE_KEEP_FLOOR_MS) / MINUTE)
  if (oldestMinute < floor - 60) {
    return { minute: Math.min(floor, Math.ceil(oldestMinute + Math.max(60, share * (nowMinute - oldestMinute)))), hour: keepHours }
  }
  const nowHour = Math.floor(now / HOUR)
  if (oldestHour < nowHour) {
    return { minute: Math.min(oldestMinute, floor), hour: Math.ceil(oldestHour + Math.max(1, (nowHour - oldestHour) / 4)) }
  }
  if (oldestMinute < nowMinute) {
    // Rolled into hours, then those hours dropped: gone.
    const minute = Math.ceil(oldestMinute + Math.max(10, share * (nowMinute - oldestMinute)))
    return { minute, hour: Math.ceil(minute / 60) }
  }
  return null
}

/** The rollback journal's first 8 bytes (SQLite's file format, section 4). */
const JOURNAL_MAGIC = Buffer.from('d9d505f920a163d7', 'hex')

/**
 * Plays a hot rollback journal back into the database file, as SQLite's
 * pager does (pager_playback), then removes it. The journal is a run of
 * segments, each a header (magic, record count, checksum nonce, the file's
 * size in pages before the transaction, sector size, page size) padded to
 * the sector size, then records (page number, the page as it was, checksum).
 * Only records whose count was synced before the file was touched are
 * played; a torn record (bad checksum) ends the journal, as in SQLite.
 */
function rollBack(file: string): void {
  const journal = `${file}-journal`
  const j = fs.readFileSync(journal)
  const fd = fs.openSync(file, 'r+')
  try {
    let at = 0
    let origPages = -1
    let pageBytes = 0
    let sector = 0
    segments: while (at + 28 <= j.length && j.subarray(at, at + 8).equals(JOURNAL_MAGIC)) {
      let records = j.readUInt32BE(at + 8)
      const nonce = j.readUInt32BE(at + 12)
      if (origPages < 0) {
        // The first header sets these for the whole journal.
        const powerOfTwo = (n: number, lo: number, hi: number): boolean => n >= lo && n <= hi && (n & (n - 1)) === 0
        sector = j.readUInt32BE(at + 20)
        pageBytes = j.readUInt32BE(at + 24)
        if (!powerOfTwo(sector, 32, 65536) || !powerOfTwo(pageBytes, 512, 65536)) break
        origPages = j.readUInt32BE(at + 16)
      }
      let p = at + sector
      const recordBytes = pageBytes + 8
      if (records === 0xffffffff) records = Math.floor((j.length - p) / recordBytes)
      for (let r = 0; r < records; r++, p += recordBytes) {
        if (p + recordBytes > j.length) break segments
        const page = j.readUInt32BE(p)
        const data = j.subarray(p + 4, p + 4 + pageBytes)
        let sum = nonce
        for (let i = pageBytes - 200; i > 0; i -= 200) sum = (sum + data[i]) >>> 0
        if (page === 0 || sum !== j.readUInt32BE(p + 4 + pageBytes)) break segments
        if (page <= origPages) fs.writeSync(fd, data, 0, pageBytes, (page - 1) * pageBytes)
      }
      at = Math.ceil(p / sector) * sector // the next segment starts on a sector
    }
    if (origPages >= 0 && fs.fstatSync(fd).size > origPages * pageBytes) fs.ftruncateSync(fd, origPages * pageBytes)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.rmSync(journal, { force: true })
}

/** Creates the tables in a new file, or brings an older file up to date. */
function migrate(db: Db): void {
  const version = db.get('PRAGMA user_version')?.user_version as number
  if (version === SCHEMA_VERSION) return
  if (version > SCHEMA_VERSION) throw new Error(`made by a newer version of the app (schema ${version})`)
  if (version === 0) {
    const tables = db.get("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'")?.n as number
    if (tables > 0) throw new Error('not a history file (tables without a schema version)')
    // Must come before the first table: lets thin() give pages back to the
    // file system with incremental_vacuum instead of a full VACUUM.
    db.exec('PRAGMA auto_vacuum = INCREMENTAL')
    db.exec('BEGIN IMMEDIATE')
    try {
      db.exec(`${SCHEMA} PRAGMA user_version = ${SCHEMA_VERSION};`)
      db.exec('COMMIT')
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw err
    }
  }
  // Later versions: `if (version < 2) { ALTER … ; PRAGMA user_version = 2 }`.
}
