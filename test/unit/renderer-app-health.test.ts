import { describe, expect, it } from 'vitest'
import type { UptimeStrip } from '../../src-main/contract/health-app'
import { withPluralForms } from '../../src-main/contract/settings'
import { i18n } from '../../src-renderer/src/i18n'
import { fr } from '../../src-renderer/src/i18n/fr'
import { everyText } from '../../src-renderer/src/lib/format'
import { durationText, incidentText, pctText, slotRuns, slotText, stripSummary, stripText } from '../../src-renderer/src/screens/apps/appHealthText'

// An app's Health tab's words: local times built with the local clock, so
// the tests hold in any time zone; en-GB for a 24-hour clock.
const at = (day: number, h: number, m: number): string => new Date(2026, 11, day, h, m).toISOString()
const now = new Date(2026, 11, 5, 15, 0)
const L = 'en-GB'

describe('an app’s uptime in words', () => {
  it('rounds the share up down, so any downtime never reads 100 %', () => {
    expect(pctText(99.99, L)).toBe('99.9%')
    expect(pctText(100, L)).toBe('100%')
    expect(pctText(50, 'fr')).toMatch(/^50\s?%$/)
  })

  const strip = (over: Partial<UptimeStrip>): UptimeStrip => ({
    from: at(4, 15, 0),
    to: at(5, 15, 30),
    slotMinutes: 30,
    slots: [
      { from: at(5, 13, 30), state: 'up', checkedMinutes: 30, downMinutes: 0 },
      { from: at(5, 14, 0), state: 'partial', checkedMinutes: 30, downMinutes: 7 },
      { from: at(5, 14, 30), state: 'partial', checkedMinutes: 30, downMinutes: 2 },
      { from: at(5, 15, 0), state: 'none', checkedMinutes: 0, downMinutes: 0 }
    ],
    upPct: 99.25,
    checkedMinutes: 90,
    downMinutes: 9,
    downTimes: 1,
    ...over
  })

  it('says the share up and how often it went down; an app never checked says so, with no percentage', () => {
    expect(stripText(strip({}), L)).toEqual({ up: 'Up 99.2% of the time it was checked.', down: 'Went down once.' })
    expect(stripSummary('Last 24 hours', strip({ downTimes: 3 }), L)).toBe('Last 24 hours: Up 99.2% of the time it was checked. Went down 3 times.')
    expect(stripSummary('Last 7 days', strip({ upPct: undefined }), L)).toBe('Last 7 days: not checked.')
  })

  it('joins next slots in the same state into stretches, each with its time and state', () => {
    const runs = slotRuns(strip({}))
    expect(runs.map((r) => [r.state, r.downMinutes])).toEqual([['up', 0], ['partial', 9], ['none', 0]])
    expect(slotText(runs[1], now, L)).toBe('today 14:00 to 15:00: Some downtime (9 minutes down)')
    expect(slotText(runs[2], now, L)).toBe('today 15:00 to 15:30: No data')
    // Older than yesterday: the day and the clock, not "3 days ago".
    expect(slotText({ from: at(2, 8, 0), to: at(2, 12, 0), state: 'down', downMinutes: 240 }, now, L)).toMatch(/^Wed,? 2 Dec,? 08:00 to 12:00: Down$/)
  })
})

describe('what went wrong, in words', () => {
  it('an incident from its start to its end, why, and how long', () => {
    expect(incidentText({ kind: 'app', reason: 'app-restarting', start: at(5, 14, 2), end: at(5, 14, 9) }, now, L)).toBe(
      'Down from today 14:02 to 14:09 (7 minutes): the app kept crashing and being started again.'
    )
    expect(incidentText({ kind: 'app', reason: 'app-unhealthy', start: at(4, 23, 50), end: at(5, 0, 20) }, now, L)).toBe(
      'Not working properly from yesterday 23:50 to today 00:20 (30 minutes): the app was running but failed its health check.'
    )
  })

  it('one still going on, and a reason it doesn’t know', () => {
    expect(incidentText({ kind: 'cert', reason: 'site-unreachable', start: at(5, 13, 0) }, now, L)).toBe(
      'Unreachable from this computer since today 13:00 (2 hours so far): the website could not be reached from this computer.'
    )
    expect(incidentText({ kind: 'x', reason: 'something-new', start: at(5, 14, 59), end: at(5, 14, 59) }, now, L)).toBe(
      'A problem from today 14:59 to 14:59 (less than a minute): see the Health screen for details.'
    )
  })

  it('durations read as people say them', () => {
    expect(durationText(30_000)).toBe('less than a minute')
    expect(durationText(60_000)).toBe('1 minute')
    expect(durationText(3 * 3600_000)).toBe('3 hours')
    expect(durationText(2 * 86400_000)).toBe('2 days')
  })
})

describe('how often Health checks, in words (Settings > Alerts: 30 s to 1 hour)', () => {
  const every = [30, 60, 90, 120, 300, 3600]
  it('says seconds, minutes or an hour as people say them, and the sentences that carry it', () => {
    expect(every.map(everyText)).toEqual(['every 30 seconds', 'every minute', 'every 90 seconds', 'every 2 minutes', 'every 5 minutes', 'every hour'])
    expect(i18n.t('serverHealth.intro', { every: everyText(300) })).toBe('The app measures this every 5 minutes while it is open. Last 24 hours.')
    expect(i18n.t('appHealth.uptimeIntro', { every: everyText(60) })).toMatch(/^The app looks at your app every minute while it is open\./)
  })

  it('in French too, with its plurals', async () => {
    i18n.addResourceBundle('fr', 'ui', withPluralForms(fr, 'fr'), true, true)
    await i18n.changeLanguage('fr')
    try {
      expect(every.map(everyText)).toEqual(['toutes les 30 secondes', 'chaque minute', 'toutes les 90 secondes', 'toutes les 2 minutes', 'toutes les 5 minutes', 'toutes les heures'])
      expect(i18n.t('appHealth.uptimeIntro', { every: everyText(120) })).toMatch(/^L’application regarde votre application toutes les 2 minutes tant qu’elle est ouverte\./)
    } finally {
      await i18n.changeLanguage('en')
    }
  })
})
