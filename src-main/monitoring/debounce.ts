// One failed check is not an incident: a poll can fail for a moment (a
// restart, a slow answer). A problem counts once it is seen in two rounds in
// a row, and one good round clears it. Only the changes are news: a problem
// that stays is not announced again, however its details move (a disk going
// from 86% to 88% full is the same problem).

export interface Seen<T> {
  /** Stable for one problem on one thing: "disk-full:server:rigbox". */
  key: string
  /** What this round saw; undefined when it was fine. */
  problem?: T
}

/** A confirmed problem, as last described, since the first round that saw it. */
export interface Incident<T> {
  key: string
  problem: T
  /** The time of the first bad round of this streak (ms). */
  since: number
}

export interface RoundResult<T> {
  /** Every confirmed problem, as this round describes it. */
  active: Incident<T>[]
  /** Confirmed in this round: to announce. */
  became: Incident<T>[]
  /** Fine again in this round, as last described: to announce as fixed. */
  cleared: Incident<T>[]
}

interface State<T> {
  streak: number
  confirmed: boolean
  last: T
  since: number
}

export class Debounce<T> {
  private readonly states = new Map<string, State<T>>()

  constructor(private readonly confirmAfter = 2) {}

  /**
   * One round. `checked` names the things this round could check, so a
   * problem whose thing went unchecked (its server didn't answer in time)
   * keeps its state rather than being cleared by silence; `seen` lists the
   * problems found. A key that was checked and isn't in `seen` is fine.
   * `begunAt` tells when a problem was known to have begun before this
   * streak (an incident an earlier run left open): confirmed, it counts
   * from then.
   */
  round(seen: ReadonlyArray<Seen<T>>, checked: (key: string) => boolean, at = Date.now(), begunAt?: (key: string) => number | undefined): RoundResult<T> {
    const became: Incident<T>[] = []
    const cleared: Incident<T>[] = []
    const incident = (key: string, s: State<T>): Incident<T> => ({ key, problem: s.last, since: s.since })
    const now = new Map(seen.filter((s) => s.problem !== undefined).map((s) => [s.key, s.problem as T]))
    for (const [key, problem] of now) {
      const state = this.states.get(key)
      const streak = (state?.streak ?? 0) + 1
      const next = { streak, confirmed: !!state?.confirmed || streak >= this.confirmAfter, last: problem, since: state?.since ?? at }
      if (next.confirmed && !state?.confirmed) {
        next.since = Math.min(next.since, begunAt?.(key) ?? Infinity)
        became.push(incident(key, next))
      }
      this.states.set(key, next)
    }
    for (const [key, state] of this.states) {
      if (now.has(key) || !checked(key)) continue
      if (state.confirmed) cleared.push(incident(key, state))
      this.states.delete(key)
    }
    const active = [...this.states].filter(([, s]) => s.confirmed).map(([key, s]) => incident(key, s))
    return { active, became, cleared }
  }

  /** Problems seen but not yet confirmed: a second look would settle them. */
  pending(): number {
    return [...this.states.values()].filter((s) => !s.confirmed).length
  }

  /** Forget the things that no longer exist (a removed app or server's), without announcing them fixed. */
  forget(gone: (key: string) => boolean): void {
    for (const key of this.states.keys()) if (gone(key)) this.states.delete(key)
  }
}
