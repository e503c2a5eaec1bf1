import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppSummary, ServiceStatus } from '../../src-main/contract/apps'
import { ALERT_GROUP_OF } from '../../src-main/contract/alerts'
import { AttentionKind } from '../../src-main/contract/health'
import { setLanguage } from '../../src-main/i18n/i18n'
import { attention } from '../../src-main/monitoring/health-words'
import { Monitor, type ServerCheck } from '../../src-main/monitoring/monitor'
import { DEFAULT_LIMITS, findProblems, newerBackup, problemKey, severityOf, unsureWithoutNightly, type NightlySeen, type Problem, type Snapshot } from '../../src-main/monitoring/problems'
import { incidentKind, keyOfIncident, subjectOf } from '../../src-main/monitoring/recorder'
import { actionsFor } from '../../src-renderer/src/screens/health/healthText'

// Health and the server's nightly backups (issue 14), the pure parts and the
// monitor's bookkeeping: an app's newest nightly snapshot counts as a good
// backup, a nightly run that failed or didn't happen is a problem of its own,
// and nightly backups that can't be read raise and clear nothing they'd
// decide. (The reading on the server: test/integration/nightly-health.test.ts.)

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 7, 12)

function service(over: Partial<ServiceStatus> = {}): ServiceStatus {
  return { name: 'app', fullName: 'x_app', image: 'nginx:1', desired: 1, running: 1, health: 'healthy', restarts: 0, words: 'Running', status: 'running', ...over }
}
function app(domain: string, over: Partial<AppSummary> = {}): AppSummary {
  return { server: 's1', domain, envFile: `/h/.abra/servers/s1/${domain}.env`, stackName: domain.replace(/\./g, '_'), recipe: 'nginx', version: '1.0.0', deployed: true, chaos: false, health: 'running', words: 'ok', services: [service()], ...over }
}
const blog = app('blog.example.org')
const bot = app('backups.s1', { recipe: 'backup-bot-two' })
function seen(over: Partial<NightlySeen> = {}): NightlySeen {
  return { bot: 'backups.s1', newest: new Map(), known: true, ...over }
}
function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return { now: NOW, servers: [{ name: 's1', reached: true }], apps: [blog], lastGoodBackup: () => undefined, securityUpgrade: () => false, ...over }
}
const backupOf = (ps: Problem[], domain = blog.domain): Problem | undefined => ps.find((p) => 'domain' in p && p.domain === domain && p.kind.startsWith('backup-'))

describe('an app’s newest nightly snapshot counts as a good backup', () => {
  it('the newer of the two, either may be missing', () => {
    expect(newerBackup(undefined, undefined)).toBeUndefined()
    expect(newerBackup(5, undefined)).toBe(5)
    expect(newerBackup(undefined, 7)).toBe(7)
    expect(newerBackup(5, 7)).toBe(7)
  })

  it('backup-never and backup-stale follow the newer of this computer’s backup and the app’s nightly snapshot (any times)', () => {
    const time = fc.option(fc.integer({ min: NOW - 30 * DAY, max: NOW }), { nil: undefined })
    fc.assert(
      fc.property(time, time, fc.boolean(), (laptop, nightly, configured) => {
        const newest = new Map(nightly === undefined ? [] : [[blog.stackName, nightly]])
        const found = backupOf(findProblems(snapshot({ lastGoodBackup: () => laptop, nightly: () => (configured ? seen({ newest }) : undefined) })))
        const last = configured ? newerBackup(laptop, nightly) : laptop
        if (last === undefined) expect(found).toEqual({ kind: 'backup-never', server: 's1', domain: blog.domain, ...(configured ? { nightly: true } : {}) })
        else if (NOW - last > DEFAULT_LIMITS.backupDays * DAY) expect(found).toMatchObject({ kind: 'backup-stale', lastGood: last })
        else expect(found).toBeUndefined()
      })
    )
  })

  it('a snapshot of another app, or of another server’s nightly backups, doesn’t count', () => {
    const other = app('shop.example.org', { server: 's2' })
    const ps = findProblems(
      snapshot({
        servers: [{ name: 's1', reached: true }, { name: 's2', reached: true }],
        apps: [blog, other],
        nightly: (server) => (server === 's2' ? seen({ newest: new Map([[blog.stackName, NOW - DAY]]) }) : seen({ newest: new Map([['wiki_example_org', NOW]]) }))
      })
    )
    expect(backupOf(ps)?.kind).toBe('backup-never')
    expect(backupOf(ps, other.domain)?.kind).toBe('backup-never')
  })
})

describe('a nightly run that failed or didn’t happen', () => {
  it('is a problem of its server, once, when known; never when not known or fine', () => {
    const runs: Array<[NightlySeen | undefined, Problem | undefined]> = [
      [undefined, undefined],
      [seen(), undefined],
      [seen({ run: { ok: true } }), undefined],
      [seen({ known: false, run: { ok: false, why: 'failed' } }), undefined],
      [seen({ run: { ok: false, why: 'failed', said: 'the pre-hook of x_app failed' } }), { kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'failed', said: 'the pre-hook of x_app failed' }],
      [seen({ run: { ok: false, why: 'missed' } }), { kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'missed' }],
      [seen({ run: { ok: false, why: 'not-running' } }), { kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'not-running' }]
    ]
    for (const [nightly, expected] of runs) {
      const ps = findProblems(snapshot({ apps: [], nightly: () => nightly }))
      expect(ps.filter((p) => p.kind === 'nightly-missed')).toEqual(expected ? [expected] : [])
    }
    // A server that didn't answer: only that.
    const away = findProblems(snapshot({ servers: [{ name: 's1', reached: false }], apps: [], nightly: () => seen({ run: { ok: false, why: 'missed' } }) }))
    expect(away.map((p) => p.kind)).toEqual(['server-unreachable'])
  })

  it('is the server’s (its key, its history subject), a warning, in the backups alert group, and opens the server’s page', () => {
    const p: Problem = { kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'failed' }
    expect(problemKey(p)).toBe('nightly:s1')
    expect(severityOf(p)).toBe('warning')
    expect(subjectOf(p)).toBe('server:s1')
    expect(incidentKind(problemKey(p))).toBe('nightly')
    expect(keyOfIncident(subjectOf(p), incidentKind(problemKey(p)))).toBe('nightly:s1')
    expect(AttentionKind.options).toContain('nightly-missed')
    expect(ALERT_GROUP_OF['nightly-missed']).toBe('backups')
    expect(actionsFor({ kind: 'nightly-missed' })).toEqual(['open-server'])
  })

  describe('in words', () => {
    afterEach(() => setLanguage('en'))
    const item = (p: Problem) => attention({ key: problemKey(p), problem: p, since: NOW }, NOW)

    it('says what happened and what to do next, in English and French, with the bot’s own words', () => {
      const failed = item({ kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'failed', said: 'backup run failed: the pre-hook of x_app failed' })
      expect(failed).toMatchObject({ kind: 'nightly-missed', severity: 'warning', server: 's1', title: 'Last night’s backup on s1 failed' })
      expect(failed.domain).toBeUndefined()
      expect(failed.detail).toBe('The backup app (backups.s1) ran at its time, but some of the apps were not backed up. It said: backup run failed: the pre-hook of x_app failed')
      expect(failed.next).toMatch(/Backups screen/)
      expect(item({ kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'missed' }).title).toBe('Last night’s backup on s1 didn’t happen')
      expect(item({ kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'not-running' }).next).toMatch(/^Open the backup app backups\.s1 and deploy it again/)
      expect(item({ kind: 'backup-never', server: 's1', domain: 'a.example.org', nightly: true }).detail).toMatch(/none among its server’s nightly backups/)
      setLanguage('fr')
      const fr = item({ kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'failed', said: 'x' })
      expect(fr.title).toBe('La sauvegarde de la nuit dernière sur s1 a échoué')
      expect(fr.detail).toMatch(/Elle a dit : x$/)
      expect(item({ kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'missed' }).title).toBe('La sauvegarde de la nuit dernière sur s1 n’a pas eu lieu')
      expect(item({ kind: 'nightly-missed', server: 's1', bot: 'backups.s1', why: 'not-running' }).title).toBe('Les sauvegardes nocturnes de s1 ne tournent pas')
    })
  })
})

describe('nightly backups that can’t be read', () => {
  it('leave their run and the backup problems found on that server undecided, and nothing else', () => {
    const found: Problem[] = [
      { kind: 'backup-never', server: 's1', domain: 'a.example.org' },
      { kind: 'backup-stale', server: 's1', domain: 'b.example.org', lastGood: 0, limitDays: 7 },
      { kind: 'backup-never', server: 's2', domain: 'c.example.org' },
      { kind: 'upgrade', server: 's1', domain: 'a.example.org', to: '2', security: false }
    ]
    expect(unsureWithoutNightly('s1', undefined, found)).toEqual(new Set())
    expect(unsureWithoutNightly('s1', seen(), found)).toEqual(new Set())
    expect(unsureWithoutNightly('s1', seen({ known: false }), found)).toEqual(new Set(['nightly:s1', 'backup:s1/a.example.org', 'backup:s1/b.example.org']))
  })
})

describe('the monitor with nightly backups', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function world(nightly: () => NightlySeen | undefined, laptop: () => number | undefined = () => undefined) {
    const asked: string[] = []
    const check: ServerCheck = { reached: true, apps: [blog, bot], usage: { disks: [] } }
    const deps = {
      servers: async () => ['s1'],
      checkServer: async () => check,
      lastGoodBackup: async (domain: string) => (domain === blog.domain ? laptop() : Date.now()),
      securityUpgrade: async () => false,
      nightly: async (server: string, apps: AppSummary[]) => {
        asked.push(`${server}:${apps.map((a) => a.domain).join(',')}`)
        return nightly()
      }
    }
    const changes: string[] = []
    const m = new Monitor(deps, { intervalMs: 1000, onIncidents: (c) => changes.push(...c.became.map((i) => `+${i.key}`), ...c.cleared.map((i) => `-${i.key}`)) })
    return { m, changes, asked }
  }

  it('asks once a round per server, with the round’s apps; a snapshot clears backup-never, a failed run is confirmed on its second round and cleared by a good one', async () => {
    let now: NightlySeen = seen()
    const w = world(() => now)
    w.m.start()
    await vi.advanceTimersByTimeAsync(1500)
    expect(w.asked).toEqual(['s1:blog.example.org,backups.s1', 's1:blog.example.org,backups.s1'])
    expect(w.changes).toEqual(['+backup:s1/blog.example.org'])
    now = seen({ newest: new Map([[blog.stackName, Date.now()]]), run: { ok: false, why: 'failed', said: 'pre-hook failed' } })
    await vi.advanceTimersByTimeAsync(1000)
    // The snapshot clears the app's at once; the failed run needs a second look.
    expect(w.changes).toEqual(['+backup:s1/blog.example.org', '-backup:s1/blog.example.org'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.changes.at(-1)).toBe('+nightly:s1')
    expect(w.m.view().problems.map((p) => [p.key, p.problem.kind])).toEqual([['nightly:s1', 'nightly-missed']])
    now = seen({ newest: new Map([[blog.stackName, Date.now()]]), run: { ok: true } })
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.changes.at(-1)).toBe('-nightly:s1')
    expect(w.m.view().problems).toEqual([])
    w.m.stop()
  })

  it('when they can’t be read: no new alert, none cleared, and a backup on this computer still clears the app’s', async () => {
    let now: NightlySeen = seen({ known: false })
    let laptop: number | undefined = undefined
    const w = world(() => now, () => laptop)
    w.m.start()
    // Never read: this computer's backups alone say "never", but a snapshot may exist: nothing raised.
    await vi.advanceTimersByTimeAsync(3500)
    expect(w.changes).toEqual([])
    now = seen({ run: { ok: false, why: 'missed' } })
    await vi.advanceTimersByTimeAsync(2000)
    expect(w.changes.sort()).toEqual(['+backup:s1/blog.example.org', '+nightly:s1'])
    // Unreadable again: both stay as they were, neither fixed nor raised again.
    now = seen({ known: false })
    await vi.advanceTimersByTimeAsync(3000)
    expect(w.changes).toHaveLength(2)
    expect(w.m.view().problems.map((p) => p.key).sort()).toEqual(['backup:s1/blog.example.org', 'nightly:s1'])
    // A backup made on this computer answers the app's, whatever the server's nightly backups say.
    laptop = Date.now()
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.changes.at(-1)).toBe('-backup:s1/blog.example.org')
    expect(w.m.view().problems.map((p) => p.key)).toEqual(['nightly:s1'])
    w.m.stop()
  })

  it('a server with no nightly backups: a problem left from before is fixed, and backups are judged on this computer’s alone', async () => {
    let now: NightlySeen | undefined = seen({ run: { ok: false, why: 'not-running' } })
    const w = world(() => now)
    w.m.start()
    await vi.advanceTimersByTimeAsync(1500)
    expect(w.changes.sort()).toEqual(['+backup:s1/blog.example.org', '+nightly:s1'])
    now = undefined
    await vi.advanceTimersByTimeAsync(1000)
    expect(w.changes.at(-1)).toBe('-nightly:s1')
    expect(w.m.view().problems.map((p) => p.key)).toEqual(['backup:s1/blog.example.org'])
    w.m.stop()
  })
})
