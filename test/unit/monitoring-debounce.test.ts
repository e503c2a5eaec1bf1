import { describe, expect, it } from 'vitest'
import { Debounce, type RoundResult } from '../../src-main/monitoring/debounce'

const all = () => true
const down = (pct = 0) => ({ key: 'app:a', problem: `a down ${pct}` })
// The problems of a round's result, without keys and times.
const words = (r: RoundResult<string>) => ({ active: r.active.map((i) => i.problem), became: r.became.map((i) => i.problem), cleared: r.cleared.map((i) => i.problem) })

describe('debouncing checks into incidents', () => {
  it('needs two bad rounds in a row, announces once, and clears on one good round', () => {
    const d = new Debounce<string>()
    expect(words(d.round([down()], all, 1000))).toEqual({ active: [], became: [], cleared: [] })
    const second = d.round([down(1)], all, 61_000)
    expect(words(second)).toEqual({ active: ['a down 1'], became: ['a down 1'], cleared: [] })
    // Since the first bad round, not the one that confirmed it.
    expect(second.became[0]).toEqual({ key: 'app:a', problem: 'a down 1', since: 1000 })
    // Still down, with other details: active, not news.
    const third = d.round([down(2)], all, 121_000)
    expect(words(third)).toEqual({ active: ['a down 2'], became: [], cleared: [] })
    expect(third.active[0].since).toBe(1000)
    expect(words(d.round([], all))).toEqual({ active: [], became: [], cleared: ['a down 2'] })
    expect(words(d.round([], all))).toEqual({ active: [], became: [], cleared: [] })
  })

  it('forgets a single failure between good rounds', () => {
    const d = new Debounce<string>()
    d.round([down()], all, 1)
    d.round([], all, 2)
    expect(d.round([down()], all, 3).became).toEqual([])
    expect(d.round([down()], all, 4).became).toEqual([{ key: 'app:a', problem: 'a down 0', since: 3 }])
  })

  it('keeps a problem whose thing could not be checked this round, neither cleared nor counted', () => {
    const d = new Debounce<string>()
    d.round([down()], all)
    d.round([down()], all)
    const unchecked = d.round([], (key) => key !== 'app:a')
    expect(words(unchecked)).toEqual({ active: ['a down 0'], became: [], cleared: [] })
    expect(words(d.round([], all)).cleared).toEqual(['a down 0'])
  })

  it('tracks each problem on its own, and forgets removed things without announcing them fixed', () => {
    const d = new Debounce<string>()
    const disk = { key: 'disk:s1:/', problem: 's1 full' }
    d.round([down(), disk], all)
    const r = d.round([down(), disk], all)
    expect(words(r).became.sort()).toEqual(['a down 0', 's1 full'])
    d.forget((key) => key === 'app:a')
    expect(words(d.round([disk], all))).toEqual({ active: ['s1 full'], became: [], cleared: [] })
  })

  it('counts a problem known from before (an incident an earlier run left open) from when it began, once confirmed', () => {
    const d = new Debounce<string>()
    const begun = (key: string) => (key === 'app:a' ? 500 : undefined)
    d.round([down()], all, 1000, begun)
    const second = d.round([down()], all, 61_000, begun)
    expect(second.became[0].since).toBe(500)
    expect(second.active[0].since).toBe(500)
    // One not known from before counts from its first bad round.
    const b = { key: 'app:b', problem: 'b down' }
    d.round([down(), b], all, 121_000, begun)
    expect(d.round([down(), b], all, 181_000, begun).active.map((i) => i.since)).toEqual([500, 121_000])
  })
})
