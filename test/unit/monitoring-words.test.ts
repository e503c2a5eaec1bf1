import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../../src-main/i18n/i18n'
import { everyText, healthReport } from '../../src-main/monitoring/health-words'
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

describe('how often the app says it looks', () => {
  afterEach(() => setLanguage('en'))
  const cert = { key: 'cert:s1/a.example.org', since: 0, problem: { kind: 'cert-invalid', server: 's1', domain: 'a.example.org', state: 'expired', detail: '' } as Problem }

  it('says the interval Settings chose, in plain words, in English and French', () => {
    const said = (seconds: number) => everyText(seconds * 1000)
    expect([30, 60, 90, 300, 3600].map(said)).toEqual(['every 30 seconds', 'every minute', 'every 90 seconds', 'every 5 minutes', 'every hour'])
    setLanguage('fr')
    expect([30, 60, 90, 300, 3600].map(said)).toEqual(['toutes les 30 secondes', 'chaque minute', 'toutes les 90 secondes', 'toutes les 5 minutes', 'chaque heure'])
  })

  it('fills it in where a check from this computer says it looks again, and where it can’t check from here', () => {
    const report = healthReport({ problems: [cert], servers: 1, apps: 1, checkedAt: 1, offline: true }, 1, 300_000)
    expect(report.items[0].next).toBe('Checked from this computer, as a visitor’s browser would. The app looks again every 5 minutes, and this clears by itself once it is fixed.')
    expect(report.cantCheckFromHere).toMatch(/they are checked again every 5 minutes\.$/)
    // The default when no interval is given.
    expect(healthReport({ problems: [cert], servers: 1, apps: 1, checkedAt: 1 }, 1).items[0].next).toContain('looks again every minute,')
    setLanguage('fr')
    expect(healthReport({ problems: [cert], servers: 1, apps: 1, checkedAt: 1, offline: true }, 1, 3_600_000).cantCheckFromHere).toMatch(/elles sont vérifiées de nouveau chaque heure\.$/)
  })
})
