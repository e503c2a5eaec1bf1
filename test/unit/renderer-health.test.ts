import { describe, expect, it } from 'vitest'
import type { Attention } from '../../src-main/contract/health'
import { actionsFor, checkedText, severityStatus, sinceText } from '../../src-renderer/src/screens/health/healthText'
import { attentionCount } from '../../src-renderer/src/state/health'

// The Health screen's words that don't come from the core: how long ago,
// how long for, how serious, and which button helps.
const now = Date.parse('2026-12-05T14:00:00Z')
const ago = (ms: number): string => new Date(now - ms).toISOString()
const MIN = 60_000

describe('the Health screen’s times', () => {
  it('says how long ago the last check was, rounded down', () => {
    expect(checkedText(ago(20_000), now)).toBe('Checked just now')
    expect(checkedText(ago(MIN), now)).toBe('Checked 1 minute ago')
    expect(checkedText(ago(59 * MIN + 59_000), now)).toBe('Checked 59 minutes ago')
    expect(checkedText(ago(3 * 60 * MIN), now)).toBe('Checked 3 hours ago')
    expect(checkedText(ago(49 * 60 * MIN), now)).toBe('Checked 2 days ago')
  })

  it('says for how long a problem has lasted', () => {
    expect(sinceText(ago(0), now)).toBe('for less than a minute')
    expect(sinceText(ago(25 * MIN + 30_000), now)).toBe('for 25 minutes')
    expect(sinceText(ago(60 * MIN), now)).toBe('for 1 hour')
    expect(sinceText(ago(24 * 60 * MIN), now)).toBe('for 1 day')
    // A clock a little ahead of the core's is not a negative time.
    expect(sinceText(ago(-5000), now)).toBe('for less than a minute')
  })
})

describe('the Health screen’s items', () => {
  it('tells severity by icon and word as well as colour', () => {
    expect(severityStatus('critical')).toEqual({ tone: 'bad', icon: 'cross', word: 'Urgent' })
    expect(severityStatus('warning')).toEqual({ tone: 'warn', icon: 'alert', word: 'Needs attention' })
    expect(severityStatus('notice')).toEqual({ tone: 'info', icon: 'dot', word: 'Good to know' })
  })

  it('offers the button that can help', () => {
    expect(actionsFor({ kind: 'app-restarting', domain: 'a.test' })).toEqual(['open-app'])
    expect(actionsFor({ kind: 'app-down', domain: 'a.test' })).toEqual(['open-app'])
    expect(actionsFor({ kind: 'server-unreachable' })).toEqual(['open-server'])
    expect(actionsFor({ kind: 'disk-full' })).toEqual(['open-server'])
    expect(actionsFor({ kind: 'backup-never', domain: 'a.test' })).toEqual(['back-up'])
    expect(actionsFor({ kind: 'backup-stale', domain: 'a.test' })).toEqual(['back-up', 'open-backups'])
    expect(actionsFor({ kind: 'upgrade', domain: 'a.test' })).toEqual(['see-upgrade'])
  })

  it('counts what needs attention for the sidebar, leaving out what is only good to know', () => {
    const item = (severity: Attention['severity']): Attention => ({ key: severity, kind: 'upgrade', severity, server: 's', title: '', detail: '', next: '', since: ago(0) })
    expect(attentionCount(undefined)).toBe(0)
    expect(attentionCount({ items: [item('critical'), item('warning'), item('notice'), item('notice')], summary: '', servers: 1, apps: 1 })).toBe(2)
  })
})
