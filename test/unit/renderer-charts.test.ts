import { describe, expect, it } from 'vitest'
import { bandPath, linearScale, linePath, niceStep, splitGaps, summaryFacts, tableRows, timeTicks, valueDomain } from '../../src-renderer/src/components/charts/scale'

const MIN = 60_000
const HOUR = 60 * MIN
const at = (m: number, value: number) => ({ at: m * MIN, value })

describe('line chart: scales', () => {
  it('maps a domain onto a range, either way round', () => {
    const y = linearScale([0, 100], [180, 10])
    expect(y(0)).toBe(180)
    expect(y(100)).toBe(10)
    expect(y(50)).toBe(95)
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5)
  })

  it('picks round steps and a round top above the data and the threshold', () => {
    expect(niceStep(100)).toBe(25)
    expect(niceStep(1)).toBe(0.25)
    expect(niceStep(3.2)).toBe(1)
    expect(valueDomain([at(0, 10), at(1, 62)], { min: 0, max: 100 })).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] })
    // Load per processor: 0.3 at most, the axis still shows up to 1.
    expect(valueDomain([at(0, 0.3)], { threshold: 1 }).domain).toEqual([0, 1])
    expect(valueDomain([at(0, 2.7)]).domain).toEqual([0, 3])
    expect(valueDomain([{ at: 0, value: 1, max: 4.2 }]).domain[1]).toBeGreaterThanOrEqual(4.2)
    expect(valueDomain([]).domain).toEqual([0, 1])
  })

  it('puts time ticks on round local times', () => {
    const from = Date.UTC(2026, 11, 5, 10, 7)
    const ticks = timeTicks(from, from + 24 * HOUR, 6)
    expect(ticks.map((t) => new Date(t).getUTCHours())).toEqual([12, 18, 0, 6])
    // Two hours east of UTC (12:07 there): ticks fall on local 18:00, 00:00…, i.e. 16:00 UTC, 22:00 UTC…
    const east = timeTicks(from, from + 24 * HOUR, 6, 2 * HOUR)
    expect(east.map((t) => new Date(t).getUTCHours())).toEqual([16, 22, 4, 10])
    expect(timeTicks(from, from + HOUR, 6).map((t) => new Date(t).getUTCMinutes())).toEqual([10, 20, 30, 40, 50, 0])
    expect(timeTicks(5, 5)).toEqual([])
  })
})

describe('line chart: gaps', () => {
  it('never joins points across missing time; one missed minute is a late round', () => {
    const runs = splitGaps([at(0, 1), at(1, 2), at(3, 3), at(4, 4), at(10, 5)])
    expect(runs.map((r) => r.map((p) => p.value))).toEqual([[1, 2, 3, 4], [5]])
  })

  it('sorts first, drops values that are not numbers, and reads each point\'s own span', () => {
    const runs = splitGaps([at(2, 3), at(0, 1), { at: MIN, value: NaN }, { at: 5 * HOUR, value: 7, spanMs: HOUR }, { at: 6 * HOUR, value: 8, spanMs: HOUR }])
    expect(runs.map((r) => r.map((p) => p.value))).toEqual([[1, 3], [7, 8]])
    expect(splitGaps([])).toEqual([])
  })

  it('draws each run as a path, and a band only where hours have a spread', () => {
    const x = linearScale([0, 10 * MIN], [0, 100])
    const y = linearScale([0, 100], [100, 0])
    expect(linePath([at(0, 0), at(5, 50)], x, y)).toBe('M0 100 L50 50')
    expect(bandPath([at(0, 1)], x, y)).toBe('')
    expect(bandPath([{ at: 0, value: 50, min: 40, max: 60 }, { at: 10 * MIN, value: 50, min: 50, max: 50 }], x, y)).toBe('M0 40 L100 50 L100 50 L0 60 Z')
  })
})

describe('line chart: words and table', () => {
  const range = { from: 0, to: 24 * HOUR }

  it('summarises the latest value (if recent) and the highest', () => {
    const points = [at(60, 40), at(61, 64), { at: 24 * HOUR - MIN, value: 62 }]
    expect(summaryFacts(points, range)).toMatchObject({ latest: { value: 62 }, recent: true, highest: 64 })
    expect(summaryFacts([at(60, 40)], range).recent).toBe(false)
    expect(summaryFacts([], range)).toEqual({ recent: false })
  })

  it('shows a day as hourly rows, leaving out hours with no data', () => {
    const points = [at(0, 10), at(1, 30), at(2 * 60, 50), ...Array.from({ length: 30 }, (_, i) => at(5 * 60 + i, 20))]
    const rows = tableRows(points, range)
    expect(rows.map((r) => [r.from / HOUR, r.average, r.lowest, r.highest])).toEqual([
      [0, 20, 10, 30],
      [2, 50, 50, 50],
      [5, 20, 20, 20]
    ])
    // Few points: one row each.
    expect(tableRows([at(3, 1), at(1, 2)], range).map((r) => r.average)).toEqual([2, 1])
  })
})
