import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { exactTimeText, timeText } from '../../lib/format'
import { bandPath, linearScale, linePath, splitGaps, summaryFacts, tableRows, timeTicks, valueDomain, type ChartPoint } from './scale'
import '../../styles/charts.css'

export type { ChartPoint } from './scale'

export interface LineChartProps {
  /** What is drawn, in plain words: "Disk space used (/)". Also the table's caption. */
  title: string
  points: readonly ChartPoint[]
  /** The time shown (ms); the axis runs from..to even where there is no data. */
  range: { from: number; to: number }
  /** A point's span when it doesn't say (ms); a hole longer than twice it is a gap. */
  stepMs?: number
  /** The value axis: fixed ends (0 and 100 for a percentage); otherwise from 0 to a round number above the data. */
  min?: number
  max?: number
  /** A value formatted for people: "62 %", "0.4". */
  format: (value: number) => string
  /** A line to compare with ("85 % is too full"), drawn dashed, its words beside it. */
  threshold?: { value: number; label: string }
  /** Replaces the summary said to screen readers and shown under the chart. */
  summary?: string
  height?: number
}

const MARGIN = { top: 12, right: 12, bottom: 28, left: 52 }

/**
 * A line over time, hand-drawn in SVG (a line needs no chart library). Gaps
 * in the data stay gaps. The picture has a text alternative: its title and a
 * short summary ("Disk space used (/)", "Now 62%, highest 64% in the last 24 hours"), and
 * the data as a table behind "Show as table". Colours come from the theme's
 * CSS variables, so light and dark both hold.
 */
export function LineChart({ title, points, range, stepMs = 60_000, min, max, format, threshold, summary, height = 180 }: LineChartProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(600)
  const [tableOpen, setTableOpen] = useState(false)

  // Drawn at the width it has, so its words keep their size on a narrow window.
  useEffect(() => {
    const el = box.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width)
      if (w > 0) setWidth(w)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const { domain, ticks } = valueDomain(points, { min, max, threshold: threshold?.value })
  const x = linearScale([range.from, range.to], [MARGIN.left, width - MARGIN.right])
  const y = linearScale(domain, [height - MARGIN.bottom, MARGIN.top])
  const runs = splitGaps(
    points.filter((p) => p.at >= range.from && p.at <= range.to),
    stepMs
  )
  const offsetMs = -new Date(range.to).getTimezoneOffset() * 60_000
  // A tick's words too close to either end would run into the value axis or off the picture.
  const times = timeTicks(range.from, range.to, Math.max(2, Math.floor((width - MARGIN.left) / 90)), offsetMs).filter((at) => x(at) - MARGIN.left >= 28 && width - MARGIN.right - x(at) >= 28)
  const clock = (at: number): string => new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })

  const facts = summaryFacts(points, range, stepMs)
  const period = range.to - range.from > 2 * 60 * 60_000 ? 'day' : 'hour'
  const said =
    summary ??
    (facts.latest === undefined
      ? t('charts.noData')
      : facts.recent
        ? t(`charts.summary.${period}`, { now: format(facts.latest.value), highest: format(facts.highest ?? facts.latest.value) })
        : t(`charts.summaryStale.${period}`, { latest: format(facts.latest.value), when: timeText(new Date(facts.latest.at).toISOString()), highest: format(facts.highest ?? facts.latest.value) }))

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption className="chart__head">
        <span id={`${id}-title`} className="chart__title">
          {title}
        </span>
        <span id={`${id}-summary`} className="chart__summary">
          {said}
        </span>
      </figcaption>
      <div ref={box} className="chart__box">
        <svg className="chart__svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`}>
          <g className="chart__grid" aria-hidden="true">
            {ticks.map((v) => (
              <g key={`y${v}`}>
                <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(v)} y2={y(v)} />
                <text x={MARGIN.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
                  {format(v)}
                </text>
              </g>
            ))}
            {times.map((at) => (
              <g key={`x${at}`}>
                <line className="chart__tick" x1={x(at)} x2={x(at)} y1={height - MARGIN.bottom} y2={height - MARGIN.bottom + 4} />
                <text x={x(at)} y={height - MARGIN.bottom + 16} textAnchor="middle">
                  {clock(at)}
                </text>
              </g>
            ))}
          </g>
          <g aria-hidden="true">
            {runs.map((run) => {
              const band = bandPath(run, x, y)
              return band ? <path key={`b${run[0].at}`} className="chart__band" d={band} /> : null
            })}
            {runs.map((run) =>
              run.length === 1 ? (
                <circle key={`p${run[0].at}`} className="chart__dot" cx={x(run[0].at)} cy={y(run[0].value)} r={2.5} />
              ) : (
                <path key={`l${run[0].at}`} className="chart__line" d={linePath(run, x, y)} />
              )
            )}
            {threshold && threshold.value >= domain[0] && threshold.value <= domain[1] && (
              <g className="chart__threshold">
                <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(threshold.value)} y2={y(threshold.value)} />
                <text x={width - MARGIN.right - 4} y={y(threshold.value) - 5} textAnchor="end">
                  {threshold.label}
                </text>
              </g>
            )}
          </g>
        </svg>
      </div>
      <details className="details chart__table" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary>{t('charts.showTable')}</summary>
        {tableOpen && <ChartTable title={title} points={points} range={range} format={format} />}
      </details>
    </figure>
  )
}

function ChartTable({ title, points, range, format }: Pick<LineChartProps, 'title' | 'points' | 'range' | 'format'>) {
  const { t, i18n } = useTranslation()
  const rows = tableRows(points, range)
  if (rows.length === 0) return <p className="chart__empty">{t('charts.noData')}</p>
  const clock = (at: number): string => new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
  return (
    <table className="chart__data">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('charts.time')}</th>
          <th scope="col">{t('charts.average')}</th>
          <th scope="col">{t('charts.lowest')}</th>
          <th scope="col">{t('charts.highest')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.from}>
            <th scope="row" title={exactTimeText(new Date(r.from).toISOString())}>
              {r.to > r.from ? t('charts.timeSpan', { from: clock(r.from), to: clock(r.to) }) : clock(r.from)}
            </th>
            <td>{format(r.average)}</td>
            <td>{format(r.lowest)}</td>
            <td>{format(r.highest)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
