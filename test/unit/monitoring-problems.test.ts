import { describe, expect, it } from 'vitest'
import type { AppSummary, ServiceStatus } from '../../src-main/contract/apps'
import { DEFAULT_LIMITS, findProblems, keyNeedsServer, problemKey, severityOf, uncheckedFromHere, type Snapshot } from '../../src-main/monitoring/problems'
import type { ServerUsage } from '../../src-main/monitoring/server-usage'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 5, 12)

function service(over: Partial<ServiceStatus> = {}): ServiceStatus {
  return { name: 'app', fullName: 'x_app', image: 'nginx:1', desired: 1, running: 1, health: 'healthy', restarts: 0, words: 'Running', status: 'running', ...over }
}
function app(domain: string, services: ServiceStatus[], over: Partial<AppSummary> = {}): AppSummary {
  return { server: 's1', domain, envFile: `/h/.abra/servers/s1/${domain}.env`, stackName: domain.replace(/\./g, '_'), recipe: 'nginx', version: '1.0.0', deployed: true, chaos: false, health: 'running', words: 'ok', services, ...over }
}
const usage = (rootPct: number, memPct = 50): ServerUsage => ({
  disks: [{ mount: '/', paths: ['/', '/var/lib/docker'], totalBytes: 100e9, usedBytes: rootPct * 1e9, freeBytes: (100 - rootPct) * 1e9, usedPct: rootPct }],
  memory: { totalBytes: 4e9, availableBytes: ((100 - memPct) / 100) * 4e9, usedPct: memPct },
  load: { one: 0.5, five: 0.5, fifteen: 0.5, cpus: 2 }
})
function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return { now: NOW, servers: [{ name: 's1', reached: true, usage: usage(40) }], apps: [], lastGoodBackup: () => NOW - DAY, securityUpgrade: () => false, ...over }
}

describe('what needs attention', () => {
  it('finds nothing on a healthy server with a healthy, backed-up app', () => {
    expect(findProblems(snapshot({ apps: [app('a.example.org', [service()])] }))).toEqual([])
  })

  it('tells a down app, a restart loop, a failing health check and a loop of health failures apart', () => {
    const problems = findProblems(
      snapshot({
        apps: [
          app('down.example.org', [service({ running: 0, health: 'none', status: 'failed', error: 'task: non-zero exit (1)', restarts: 1 })]),
          app('loop.example.org', [service({ running: 0, restarts: 5, health: 'none', status: 'failed', error: 'task: non-zero exit (3)' })]),
          app('sick.example.org', [service({ health: 'unhealthy', status: 'attention' })]),
          app('sickloop.example.org', [service({ running: 0, restarts: 4, health: 'unhealthy', status: 'failed' })]),
          // The task now starting replaces one the swarm stopped for failing its health check.
          app('sickloop2.example.org', [service({ running: 0, restarts: 4, health: 'starting', stoppedUnhealthy: true, status: 'failed' })]),
          // A restart loop passes through "starting" on every turn: still a loop.
          app('loopstarting.example.org', [service({ running: 1, restarts: 6, health: 'starting', stoppedUnhealthy: true, status: 'updating' })]),
          app('starting.example.org', [service({ running: 0, status: 'updating', health: 'starting' })])
        ]
      })
    )
    const byDomain = Object.fromEntries(problems.filter((p) => 'service' in p).map((p) => [(p as { domain: string }).domain, p]))
    expect(byDomain['down.example.org']).toMatchObject({ kind: 'app-down', error: 'task: non-zero exit (1)' })
    expect(byDomain['loop.example.org']).toMatchObject({ kind: 'app-restarting', restarts: 5, failingHealth: false })
    expect(byDomain['sick.example.org']).toMatchObject({ kind: 'app-unhealthy', failingHealth: true })
    expect(byDomain['sickloop.example.org']).toMatchObject({ kind: 'app-restarting', failingHealth: true })
    expect(byDomain['sickloop2.example.org']).toMatchObject({ kind: 'app-restarting', failingHealth: true })
    expect(byDomain['loopstarting.example.org']).toMatchObject({ kind: 'app-restarting', failingHealth: true })
    // Starting is the deploy's business, not trouble yet.
    expect(byDomain['starting.example.org']).toBeUndefined()
    // The worst first.
    expect(problems.map((p) => severityOf(p))).toEqual([...problems.map((p) => severityOf(p))].sort((a, b) => ['critical', 'warning', 'notice'].indexOf(a) - ['critical', 'warning', 'notice'].indexOf(b)))
  })

  it('takes an app’s worst service: one down service makes the app down', () => {
    const [p] = findProblems(snapshot({ apps: [app('two.example.org', [service({ name: 'web', health: 'unhealthy', status: 'attention' }), service({ name: 'db', running: 0, status: 'failed' })])] }))
    expect(p).toMatchObject({ kind: 'app-down', service: 'db' })
    expect(problemKey(p)).toBe('app:s1/two.example.org')
  })

  it('flags a disk from 85% (critical from 95%) and memory from 90%, naming the disk', () => {
    const at = (pct: number, mem = 50) => findProblems(snapshot({ servers: [{ name: 's1', reached: true, usage: usage(pct, mem) }] }))
    expect(at(84.9)).toEqual([])
    const [full] = at(86)
    expect(full).toMatchObject({ kind: 'disk-full', server: 's1', mount: '/', paths: ['/', '/var/lib/docker'], freeBytes: 14e9 })
    expect(severityOf(full)).toBe('warning')
    expect(severityOf(at(96)[0])).toBe('critical')
    expect(at(40, 92)).toEqual([{ kind: 'memory-full', server: 's1', usedPct: 92, availableBytes: 0.08 * 4e9, totalBytes: 4e9 }])
  })

  it('reports an unreachable server, and not its apps as down', () => {
    const problems = findProblems(snapshot({ servers: [{ name: 's1', reached: false, error: 'timed out' }], apps: [app('a.example.org', [service({ running: 0, status: 'unknown' })])] }))
    expect(problems).toEqual([{ kind: 'server-unreachable', server: 's1', error: 'timed out' }])
    expect(keyNeedsServer('app:s1/a.example.org')).toBe('s1')
    expect(keyNeedsServer('disk:s1:/')).toBe('s1')
    expect(keyNeedsServer('server:s1')).toBeUndefined()
    expect(keyNeedsServer('backup:s1/a.example.org')).toBeUndefined()
  })

  it('flags a deployed app never backed up, or whose last good backup is older than the limit', () => {
    const apps = [app('never.example.org', [service()]), app('old.example.org', [service()]), app('fresh.example.org', [service()]), app('off.example.org', [], { deployed: false })]
    const last: Record<string, number> = { 'old.example.org': NOW - 8 * DAY, 'fresh.example.org': NOW - 6 * DAY }
    const problems = findProblems(snapshot({ apps, lastGoodBackup: (d) => last[d] }))
    expect(problems).toEqual([
      { kind: 'backup-never', server: 's1', domain: 'never.example.org' },
      { kind: 'backup-stale', server: 's1', domain: 'old.example.org', lastGood: NOW - 8 * DAY, limitDays: DEFAULT_LIMITS.backupDays }
    ])
  })

  it('lists an available upgrade as a notice, and as a warning when its notes say security', () => {
    const apps = [app('a.example.org', [service()], { upgrade: '1.1.0' }), app('b.example.org', [service()], { upgrade: '2.0.0' })]
    const problems = findProblems(snapshot({ apps, securityUpgrade: (a) => a.domain === 'b.example.org' }))
    expect(problems).toEqual([
      { kind: 'upgrade', server: 's1', domain: 'b.example.org', from: '1.0.0', to: '2.0.0', security: true },
      { kind: 'upgrade', server: 's1', domain: 'a.example.org', from: '1.0.0', to: '1.1.0', security: false }
    ])
    expect(problems.map((p) => severityOf(p))).toEqual(['warning', 'notice'])
  })
})

describe('what needs attention, seen from this computer', () => {
  const cert = (state: string, extra: object = {}) => ({ state, domain: 'a.example.org', detail: `certificate ${state}`, ...extra }) as never
  const dns = (state: string) => ({ state, domain: 'a.example.org', found: [], expected: ['10.0.0.1'], detail: `domain ${state}` }) as never
  const seen = (here: object) => findProblems(snapshot({ apps: [app('a.example.org', [service()])], fromHere: () => here as never }))

  it('turns each certificate and domain state into its problem, with the check’s own words', () => {
    expect(seen({ certificate: cert('ok'), domain: dns('ok') })).toEqual([])
    expect(seen({ certificate: cert('expiring', { daysLeft: 3 }), domain: dns('ok') })).toEqual([{ kind: 'cert-expiring', server: 's1', domain: 'a.example.org', daysLeft: 3, detail: 'certificate expiring' }])
    for (const state of ['expired', 'wrong-name', 'untrusted']) expect(seen({ certificate: cert(state) })).toEqual([{ kind: 'cert-invalid', server: 's1', domain: 'a.example.org', state, detail: `certificate ${state}` }])
    expect(seen({ certificate: cert('unreachable', { reason: 'refused' }), domain: dns('ok') })).toMatchObject([{ kind: 'site-unreachable' }])
    expect(seen({ certificate: cert('ok'), domain: dns('elsewhere') })).toMatchObject([{ kind: 'domain-elsewhere', detail: 'domain elsewhere' }])
    const [p] = seen({ certificate: cert('ok'), domain: dns('elsewhere') })
    expect(problemKey(p)).toBe('dns:s1/a.example.org')
    expect(severityOf(p)).toBe('warning')
  })

  it('says only that a domain leads nowhere, not also that its site can’t be reached', () => {
    expect(seen({ certificate: cert('unreachable', { reason: 'no-address' }), domain: dns('missing') })).toMatchObject([{ kind: 'domain-missing' }])
  })

  it('finds nothing it couldn’t check (offline), and marks those checks as not done', () => {
    expect(seen({ certificate: cert('cant-check'), domain: dns('cant-check') })).toEqual([])
    expect(uncheckedFromHere('s1', 'a.example.org', { certificate: cert('cant-check'), domain: dns('ok') })).toEqual(['cert:s1/a.example.org'])
    expect(uncheckedFromHere('s1', 'a.example.org', undefined)).toEqual(['cert:s1/a.example.org', 'dns:s1/a.example.org'])
  })
})
