import { describe, expect, it } from 'vitest'
import type { AppSummary } from '../../src-main/contract/apps'
import { incidentKind, incidentOf, roundSamples, subjectOf } from '../../src-main/monitoring/recorder'

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
})
