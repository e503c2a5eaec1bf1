import { describe, expect, it } from 'vitest'
import { healthReport } from '../../src-main/monitoring/health-words'
import type { Problem } from '../../src-main/monitoring/problems'

const upgrade = { key: 'upgrade:s1/a.example.org', since: 0, problem: { kind: 'upgrade', server: 's1', domain: 'a.example.org', from: '1.0.0', to: '1.1.0', security: false } as Problem }
const down = { key: 'server:s2', since: 0, problem: { kind: 'server-unreachable', server: 's2' } as Problem }

describe('the Health summary', () => {
  it('counts what needs attention, not what is only good to know (as the sidebar does)', () => {
    expect(healthReport({ problems: [upgrade, down], servers: 2, apps: 2, checkedAt: 1 }, 1).summary).toBe('1 thing needs attention.')
    expect(healthReport({ problems: [upgrade], servers: 1, apps: 2, checkedAt: 1 }, 1).summary).toBe('All 2 apps on 1 server are fine. 1 thing is good to know.')
    expect(healthReport({ problems: [], servers: 3, apps: 12, checkedAt: 1 }, 1).summary).toBe('All 12 apps on 3 servers are fine.')
  })

  it('says when nothing was checked yet, and when there is nothing to check', () => {
    expect(healthReport({ problems: [], servers: 2, apps: 0 }, 1).summary).toBe('Not checked yet.')
    expect(healthReport({ problems: [], servers: 0, apps: 0, checkedAt: 1 }, 1).summary).toBe('No servers yet: add one to watch over it here.')
  })
})
