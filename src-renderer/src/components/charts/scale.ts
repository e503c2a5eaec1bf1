// The pure parts of the line chart (LineChart.tsx): scales, ticks, the
// splitting of a series where time is missing, the paths drawn and the rows
// of its table. No React and no DOM, so the unit tests pin them exactly.

export interface ChartPoint {
  /** Start of the time the point stands for (ms). */
  at: number
  value: number
  /** Lowest and highest seen in the point's time (hourly roll-ups); drawn as a band. */
  min?: number
  max?: number
  /** How long the point stands for (ms): a minute, an hour. Defaults to the chart's stepMs. */
  spanMs?: number
}

export interface Scale {
  (v: number): number
  domain: [number, number]
}

/** Maps [d0, d1] onto [r0, r1]; an empty domain maps to the middle of the range. */
export function linearScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const f = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0))) as Scale
  f.domain = [d0, d1]
  return f
}

/**
 * Splits a series into runs with no missing time between points: a point
 * that comes more than twice its predecessor's span after it starts a new run
 * (one missed minute is a late round, a longer hole is a gap), so a line is
 * never drawn across time nobody measured. Points are sorted by time first.
 */
export function splitGaps(points: readonly ChartPoint[], stepMs = 60_000): ChartPoint[][] {
  const sorted = [...points].filter((p) => Number.isFinite(p.value)).sort((a, b) => a.at - b.at)
  const runs: ChartPoint[][] = []
  let run: ChartPoint[] = []
  for (const p of sorted) {
    const prev = run[run.length - 1]
    if (prev && p.at - prev.at > 2 * (prev.spanMs ?? stepMs)) {
      runs.push(run)
      run = []
    }
    run.push(p)
  }
  if (run.length) runs.push(run)
  return runs
}

/** A round step for about `count` ticks over [0, span]: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, count = 4): number {
  if (!(span > 0)) return 1
  const raw = span / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10
  return step * power
}

/**
 * The value axis: from `min` (or 0) to a round number at or above the data
 * and the threshold, unless `max` is fixed (100 for a percentage).
 */
export function valueDomain(points: readonly ChartPoint[], opts: { min?: number; max?: number; threshold?: number } = {}): { domain: [number, number]; ticks: number[] } {
  const lo = opts.min ?? 0
  let hi = opts.max
  if (hi === undefined) {
    // Nothing above the bottom yet: still an axis of 1 to draw against.
    const top = Math.max(lo, opts.threshold ?? lo, ...points.map((p) => p.max ?? p.value)) || lo + 1
    const step = niceStep(top - lo)
    hi = lo + Math.max(1, Math.ceil((top - lo) / step)) * step
  }
  const step = niceStep(hi - lo)
  const ticks: number[] = []
  for (let v = lo; v <= hi + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)))
  return { domain: [lo, hi], ticks }
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const TIME_STEPS = [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR]

/**
 * Time ticks at round local times (on the hour, every 10 minutes…), about
 * `count` of them. `offsetMs` is the local time's offset from UTC in ms
 * (east positive), so "every 6 hours" falls on 00:00, 06:00… where the
 * person is.
 */
export function timeTicks(from: number, to: number, count = 6, offsetMs = 0): number[] {
  if (!(to > from)) return []
  const step = TIME_STEPS.find((s) => (to - from) / s <= count) ?? TIME_STEPS[TIME_STEPS.length - 1]
  const first = Math.ceil((from + offsetMs) / step) * step - offsetMs
  const ticks: number[] = []
  for (let t = first; t <= to; t += step) ticks.push(t)
  return ticks
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString()

/** An SVG path through a run's points ("M x y L x y…"); a lone point is drawn as a dot elsewhere. */
export function linePath(run: readonly ChartPoint[], x: Scale, y: Scale): string {
  return run.map((p, i) => `${i ? 'L' : 'M'}${n(x(p.at))} ${n(y(p.value))}`).join(' ')
}

/** The lowest-to-highest band of a run (its hourly roll-ups), or '' when no point has one. */
export function bandPath(run: readonly ChartPoint[], x: Scale, y: Scale): string {
  if (!run.some((p) => p.min !== undefined && p.max !== undefined && p.max > p.min)) return ''
  const top = run.map((p, i) => `${i ? 'L' : 'M'}${n(x(p.at))} ${n(y(p.max ?? p.value))}`)
  const bottom = [...run].reverse().map((p) => `L${n(x(p.at))} ${n(y(p.min ?? p.value))}`)
  return [...top, ...bottom, 'Z'].join(' ')
}

export interface TableRow {
  from: number
  to: number
  average: number
  lowest: number
  highest: number
}

/**
 * The chart's data as at most `maxRows` rows, each a slice of the range
 * (the average, lowest and highest of the points in it); slices with no data
 * are left out, so a gap reads as missing rows, not as zeros.
 */
export function tableRows(points: readonly ChartPoint[], range: { from: number; to: number }, maxRows = 24): TableRow[] {
  const sorted = [...points].filter((p) => Number.isFinite(p.value) && p.at >= range.from && p.at <= range.to).sort((a, b) => a.at - b.at)
  if (sorted.length === 0) return []
  const span = range.to - range.from
  const slice = sorted.length <= maxRows ? 0 : TIME_STEPS.find((s) => span / s <= maxRows) ?? span / maxRows
  if (slice === 0) return sorted.map((p) => ({ from: p.at, to: p.at, average: p.value, lowest: p.min ?? p.value, highest: p.max ?? p.value }))
  const rows = new Map<number, { from: number; sum: number; count: number; lowest: number; highest: number }>()
  for (const p of sorted) {
    const key = Math.floor((p.at - range.from) / slice)
    const row = rows.get(key) ?? { from: range.from + key * slice, sum: 0, count: 0, lowest: Infinity, highest: -Infinity }
    row.sum += p.value
    row.count++
    row.lowest = Math.min(row.lowest, p.min ?? p.value)
    row.highest = Math.max(row.highest, p.max ?? p.value)
    rows.set(key, row)
  }
  return [...rows.values()].map((r) => ({ from: r.from, to: Math.min(r.from + slice, range.to), average: r.sum / r.count, lowest: r.lowest, highest: r.highest }))
}

/** What the summary says: the latest value (if it is recent) and the highest in the range. */
export function summaryFacts(points: readonly ChartPoint[], range: { from: number; to: number }, stepMs = 60_000): { latest?: ChartPoint; recent: boolean; highest?: number } {
  const inRange = points.filter((p) => Number.isFinite(p.value) && p.at >= range.from && p.at <= range.to)
  if (inRange.length === 0) return { recent: false }
  const latest = inRange.reduce((a, b) => (b.at > a.at ? b : a))
  const highest = Math.max(...inRange.map((p) => p.max ?? p.value))
  return { latest, recent: range.to - latest.at <= 3 * (latest.spanMs ?? stepMs), highest }
}
