// An app's uptime strip: the history's 'up' series (one point a minute, 1 up
// or 0 down, a minute keeping its worst look; older minutes rolled into
// hours, whose average below 1 means some minutes were down) cut into slots
// of equal length. Pure: the points and the clock come in.
import type { Point } from './history'

export type SlotState = 'up' | 'partial' | 'down' | 'none'

export interface Slot {
  from: number
  to: number
  state: SlotState
  /** Minutes the monitor looked at the app in this slot (hours spread evenly over the slots they overlap). */
  checkedMinutes: number
  downMinutes: number
}

export interface Strip {
  from: number
  to: number
  slotMs: number
  slots: Slot[]
  checkedMinutes: number
  downMinutes: number
  /** Share of the checked minutes the app was up (0-100); undefined when it was never checked. */
  upPct?: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Rounding noise from spreading an hour over slots is not a down minute. */
const EPSILON = 1e-6

/**
 * The `count` slots of `slotMs` ending at `now`, the last one holding now.
 * Slots start on whole multiples of slotMs (in UTC), so a strip drawn a
 * minute later moves by whole slots rather than shifting every edge.
 */
export function uptimeStrip(points: readonly Point[], now: number, slotMs: number, count: number): Strip {
  const end = Math.floor(now / slotMs) * slotMs + slotMs
  const from = end - count * slotMs
  const slots: Slot[] = Array.from({ length: count }, (_, i) => ({ from: from + i * slotMs, to: from + (i + 1) * slotMs, state: 'none', checkedMinutes: 0, downMinutes: 0 }))
  for (const p of points) {
    const length = p.step === 'hour' ? HOUR : MINUTE
    const start = p.at
    const stop = p.at + length
    if (stop <= from || start >= end) continue
    // An hour's average of 0/1 minutes: (1 - avg) of its minutes were down.
    const down = p.count * (1 - Math.min(1, Math.max(0, p.value)))
    const first = Math.max(0, Math.floor((start - from) / slotMs))
    const last = Math.min(count - 1, Math.floor((stop - 1 - from) / slotMs))
    for (let i = first; i <= last; i++) {
      const s = slots[i]
      const share = (Math.min(stop, s.to) - Math.max(start, s.from)) / length
      s.checkedMinutes += p.count * share
      s.downMinutes += down * share
    }
  }
  let checked = 0
  let down = 0
  for (const s of slots) {
    checked += s.checkedMinutes
    down += s.downMinutes
    s.state = slotState(s)
  }
  return { from, to: end, slotMs, slots, checkedMinutes: checked, downMinutes: down, ...(checked > EPSILON ? { upPct: (100 * (checked - down)) / checked } : {}) }
}

function slotState(s: Slot): SlotState {
  if (s.checkedMinutes <= EPSILON) return 'none'
  if (s.downMinutes <= EPSILON) return 'up'
  if (s.checkedMinutes - s.downMinutes <= EPSILON) return 'down'
  return 'partial'
}
