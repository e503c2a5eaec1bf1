import { describe, expect, it } from 'vitest'
import { appendChunk, emptyLineBuffer, flushPartial, splitStamp } from '../../src-renderer/src/lib/appLogs'
import { exactTimeText, logTimeText, timeText } from '../../src-renderer/src/lib/format'

// Times are built with the local-time constructor, so the expectations hold in any time zone.
const local = (y: number, mo: number, d: number, h: number, mi: number, s = 0, ms = 0): Date => new Date(y, mo - 1, d, h, mi, s, ms)
const now = local(2026, 12, 5, 14, 0)

describe('times in words', () => {
  it('says today, yesterday or days ago, and the date beyond a week', () => {
    expect(timeText(local(2026, 12, 5, 9, 5).toISOString(), now, 'en-GB')).toBe('today 09:05')
    expect(timeText(local(2026, 12, 4, 23, 59).toISOString(), now, 'en-GB')).toBe('yesterday 23:59')
    expect(timeText(local(2026, 12, 2, 8, 0).toISOString(), now, 'en-GB')).toBe('3 days ago')
    expect(timeText(local(2026, 11, 20, 8, 30).toISOString(), now, 'en-GB')).toBe('20 Nov 2026, 08:30')
  })

  it('gives the exact local time, to the millisecond, for hovering', () => {
    const text = exactTimeText(local(2026, 12, 1, 23, 21, 17, 983).toISOString(), 'en-GB')
    expect(text).toMatch(/Tuesday/)
    expect(text).toMatch(/1 December 2026/)
    expect(text).toMatch(/23:21:17[.,]983/)
  })

  it('shows a log line’s clock time today, with the day on other days', () => {
    expect(logTimeText(local(2026, 12, 5, 13, 2, 7).toISOString(), now, 'en-GB')).toBe('13:02:07')
    expect(logTimeText(local(2026, 12, 1, 23, 21, 17).toISOString(), now, 'en-GB')).toBe('1 Dec 23:21:17')
  })

  it('leaves text that is not a time as it is', () => {
    expect(timeText('not a time', now)).toBe('not a time')
    expect(exactTimeText('2026-12-01T22-21-17.983Z')).toBe('2026-12-01T22-21-17.983Z')
  })
})

describe('Docker’s stamps on log lines', () => {
  it('takes the nanosecond UTC stamp off the text and keeps it as a time', () => {
    expect(splitStamp('2026-12-01T22:21:17.983456789Z hello world')).toEqual({ text: 'hello world', at: '2026-12-01T22:21:17.983Z' })
    expect(splitStamp('2026-12-01T22:21:17+02:00 offset')).toEqual({ text: 'offset', at: '2026-12-01T20:21:17.000Z' })
    expect(splitStamp('no stamp here')).toEqual({ text: 'no stamp here' })
    expect(splitStamp('2026-12-01 not the format')).toEqual({ text: '2026-12-01 not the format' })
  })

  it('gives every finished and flushed line its time, and searches only the words', () => {
    let r = appendChunk(emptyLineBuffer(), '2026-12-01T22:21:17.000000001Z \u001b[32mready\u001b[0m\n2026-12-01T22:21:18.5Z hal', 'app')
    expect(r.lines).toEqual([{ id: 1, text: 'ready', service: 'app', at: '2026-12-01T22:21:17.000Z' }])
    r = appendChunk(r.buffer, 'f', 'app')
    expect(flushPartial(r.buffer).lines).toEqual([{ id: 2, text: 'half', service: 'app', at: '2026-12-01T22:21:18.500Z' }])
  })
})
