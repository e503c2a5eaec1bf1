import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sqlite from 'node-sqlite3-wasm'
import { afterAll, describe, expect, it } from 'vitest'

// Real processes on one history file, as the window and the CLI would be:
// writers and a reader at once, and a writer killed (SIGKILL) mid-run, which
// leaves its locks behind. Needs no rig: it touches only a temp folder.

const CHILD = path.join(import.meta.dirname, 'monitoring-history-child.ts')
const MIN = 60_000
// Short, so a killed writer's lock is taken over within the test; every
// process on the file uses the same value.
const STALE_MS = '3000'

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  out: string
  err: string
}

function child(args: string[], opts: { killAfterMs?: number; until?: Promise<unknown> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    p.stdout.on('data', (d) => (out += d))
    p.stderr.on('data', (d) => (err += d))
    // Killed once it has written a few rows, so it dies in the thick of it.
    if (opts.killAfterMs) {
      const kill = (): void => {
        if (/^w 3$/m.test(out)) setTimeout(() => p.kill('SIGKILL'), opts.killAfterMs)
        else setTimeout(kill, 20)
      }
      kill()
    }
    // The reader reads until its stdin ends.
    if (opts.until) void opts.until.finally(() => p.stdin.end())
    else p.stdin.end()
    p.once('error', reject)
    p.once('close', (code, signal) => resolve({ code, signal, out, err }))
  })
}

const lastJson = (r: Run): Record<string, number> => JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-history-procs-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('monitoring history shared by several processes', () => {
  it('takes writers and a reader at once, and a writer killed mid-write, with no lost row and no damage', async () => {
    const file = path.join(dir, 'history.sqlite')
    const base = String(Date.now() - 24 * 60 * MIN)
    const writers = Promise.all([
      child(['writer', file, 'a', '25', base, STALE_MS]),
      child(['writer', file, 'b', '25', base, STALE_MS]),
      child(['writer', file, 'c', '25', base, STALE_MS]),
      // Far more than it gets to write before it is killed.
      child(['writer', file, 'killed', '100000', base, STALE_MS], { killAfterMs: 300 })
    ])
    const reader = await child(['reader', file, 'a,b,c,killed', '-', base, STALE_MS], { until: writers })
    const [a, b, c, killed] = await writers
    for (const r of [a, b, c, reader]) {
      expect(r.err).toBe('')
      expect(r.code).toBe(0)
    }
    expect(killed.signal).toBe('SIGKILL')
    expect(lastJson(reader).reads).toBeGreaterThan(0)

    // Opened after all of them: nothing else is on the file.
    const db = new sqlite.Database(file, { readOnly: true })
    try {
      expect(db.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' })
      const values = (name: string): number[] =>
        db
          .all("SELECT m.value FROM minute m JOIN series s ON s.id = m.series WHERE s.subject = ? AND s.metric = 'seq' ORDER BY m.t", [`writer:${name}`])
          .map((r) => r.value as number)
      for (const [name, run] of [['a', a], ['b', b], ['c', c]] as const) {
        const written = lastJson(run).written
        expect(written).toBe(25)
        expect(values(name)).toEqual(Array.from({ length: written }, (_, i) => i))
        const incidents = db.get('SELECT count(*) AS n FROM incident WHERE subject = ?', [`writer:${name}`])?.n
        expect(incidents).toBe(Math.floor((written - 1) / 10) + 1)
      }
      // The killed writer: every row it said it had committed, with no hole;
      // at most one more (committed, then killed before it said so).
      const said = Math.max(...[...killed.out.matchAll(/^w (\d+)$/gm)].map((m) => Number(m[1])))
      const kept = values('killed')
      expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => i))
      expect(kept.length === said + 1 || kept.length === said + 2).toBe(true)
      expect(db.all("SELECT count(*) AS n FROM minute m JOIN series s ON s.id = m.series WHERE s.subject = 'shared'")).toEqual([{ n: 1 }])
    } finally {
      db.close()
    }
  })
})
