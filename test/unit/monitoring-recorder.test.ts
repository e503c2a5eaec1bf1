import { describe, expect, it } from 'vitest'
import type { AppSummary } from '../../src-main/contract/apps'
import { findProblems, problemKey, type Problem } from '../../src-main/monitoring/problems'
import { incidentKind, incidentOf, keyOfIncident, roundSamples, subjectOf } from '../../src-main/monitoring/recorder'

const app = (domain: string, deployed = true): AppSummary => ({ server: 's1', domain, envFile: '', stackName: 'x', deployed, chaos: false, health: 'running', words: '', services: [] })

describe('what the history keeps of a round', () => {
  it('keeps the server’s reach, disks, memory and load per processor, and each deployed app up or down', () => {
    const check = {
      reached: true,
      apps: [app('up.example.org'), app('down.example.org'), app('off.example.org', false)],
      usage: {
        disks: [{ mount: '/', paths: ['/'], totalBytes: 100, usedBytes: 90, freeBytes: 10, usedPct: 90 }],
        memory: { totalBytes: 100, availableBytes: 40, usedPct: 60 },
        load: { one: 3, five: 2, fifteen: 1, cpus: 2 }
      }
    }
    const found = [{ kind: 'app-down' as const, server: 's1', domain: 'down.example.org', service: 'app', restarts: 0, failingHealth: false }]
    expect(roundSamples('s1', check, found, 1000)).toEqual([
      { subject: 'server:s1', metric: 'reachable', value: 1, at: 1000 },
      { subject: 'server:s1', metric: 'disk.used.pct:/', value: 90, at: 1000 },
      { subject: 'server:s1', metric: 'memory.used.pct', value: 60, at: 1000 },
      { subject: 'server:s1', metric: 'load.1', value: 1.5, at: 1000 },
      { subject: 'app:s1/up.example.org', metric: 'up', value: 1, at: 1000, keep: 'lowest' },
      { subject: 'app:s1/down.example.org', metric: 'up', value: 0, at: 1000, keep: 'lowest' }
    ])
  })

  it('an app Docker says is still starting (its first rounds after a deploy) is up, not down; one crashing in a loop is down', () => {
    const svc = (over: Partial<AppSummary['services'][number]>): AppSummary['services'][number] => ({ name: 'app', fullName: 'x_app', image: 'i', desired: 1, running: 0, health: 'none', restarts: 0, words: '', status: 'updating', ...over })
    const starting = { ...app('new.example.org'), health: 'updating' as const, services: [svc({ health: 'starting' })] }
    const crashing = { ...app('loop.example.org'), health: 'failed' as const, services: [svc({ restarts: 3, status: 'failed' })] }
    const check = { reached: true, apps: [starting, crashing] }
    const found = findProblems({ now: 1000, servers: [{ name: 's1', reached: true }], apps: check.apps, lastGoodBackup: () => 1000, securityUpgrade: () => false })
    expect(roundSamples('s1', check, found, 1000).filter((x) => x.metric === 'up').map((x) => [x.subject, x.value])).toEqual([
      ['app:s1/new.example.org', 1],
      ['app:s1/loop.example.org', 0]
    ])
  })

  it('keeps only that a server didn’t answer: its apps are unknown, not down', () => {
    expect(roundSamples('s1', { reached: false, apps: [] }, [], 5)).toEqual([{ subject: 'server:s1', metric: 'reachable', value: 0, at: 5 }])
  })

  it('names incidents by what they are about, stable while their details change', () => {
    expect(incidentKind('disk:s1:/var/lib/docker')).toBe('disk:/var/lib/docker')
    expect(incidentKind('app:s1/a.example.org')).toBe('app')
    expect(subjectOf({ kind: 'memory-full', server: 's1', usedPct: 95, availableBytes: 1, totalBytes: 2 })).toBe('server:s1')
    expect(incidentOf({ key: 'cert:s1/a.example.org', since: 7, problem: { kind: 'cert-expiring', server: 's1', domain: 'a.example.org', daysLeft: 3, detail: '' } })).toEqual({
      subject: 'app:s1/a.example.org',
      kind: 'cert',
      reason: 'cert-expiring',
      at: 7
    })
  })

  it('finds the monitor’s key again from an incident the history keeps, for every kind of problem', () => {
    const d = { server: 's1', domain: 'a.example.org' }
    const problems: Problem[] = [
      { kind: 'server-unreachable', server: 's1' },
      { kind: 'disk-full', server: 's1', mount: '/var/lib/docker', paths: [], usedPct: 90, freeBytes: 1, totalBytes: 2 },
      { kind: 'memory-full', server: 's1', usedPct: 95, availableBytes: 1, totalBytes: 2 },
      { kind: 'node-down', server: 's1', nodeId: 'k3x9', node: 'm2', role: 'worker', state: 'down' },
      { kind: 'app-down', ...d, service: 'app', restarts: 0, failingHealth: false },
      { kind: 'backup-never', ...d },
      { kind: 'upgrade', ...d, to: '2.0.0', security: false },
      { kind: 'cert-invalid', ...d, state: 'expired', detail: '' },
      { kind: 'domain-missing', ...d, detail: '' }
    ]
    for (const p of problems) {
      const key = problemKey(p)
      expect(keyOfIncident(subjectOf(p), incidentKind(key))).toBe(key)
    }
  })
})
