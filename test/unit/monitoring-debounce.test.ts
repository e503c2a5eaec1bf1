import { describe, expect, it } from 'vitest'
import { Debounce } from '../../src-main/monitoring/debounce'

const all = () => true
const down = (pct = 0) => ({ key: 'app-down:a', problem: `a down ${pct}` })

describe('debouncing checks into incidents', () => {
  it('needs two bad rounds in a row, announces once, and clears on one good round', () => {
    const d = new Debounce<string>()
    expect(d.round([down()], all)).toEqual({ active: [], became: [], cleared: [] })
    expect(d.round([down(1)], all)).toEqual({ active: ['a down 1'], became: ['a down 1'], cleared: [] })
    // Still down, with other details: active, not news.
    expect(d.round([down(2)], all)).toEqual({ active: ['a down 2'], became: [], cleared: [] })
    expect(d.round([], all)).toEqual({ active: [], became: [], cleared: ['a down 2'] })
    expect(d.round([], all)).toEqual({ active: [], became: [], cleared: [] })
  })

  it('forgets a single failure between good rounds', () => {
    const d = new Debounce<string>()
    d.round([down()], all)
    d.round([], all)
    expect(d.round([down()], all).became).toEqual([])
    expect(d.round([down()], all).became).toEqual(['a down 0'])
  })

  it('keeps a problem whose thing could not be checked this round, neither cleared nor counted', () => {
    const d = new Debounce<string>()
    d.round([down()], all)
    d.round([down()], all)
    const unchecked = d.round([], (key) => !key.endsWith(':a'))
    expect(unchecked).toEqual({ active: ['a down 0'], became: [], cleared: [] })
    expect(d.round([], all).cleared).toEqual(['a down 0'])
  })

  it('tracks each problem on its own, and forgets removed things without announcing them fixed', () => {
    const d = new Debounce<string>()
    const disk = { key: 'disk-full:server:s1', problem: 's1 full' }
    d.round([down(), disk], all)
    const r = d.round([down(), disk], all)
    expect(r.became.sort()).toEqual(['a down 0', 's1 full'])
    d.forget('app-down:a')
    expect(d.round([disk], all)).toEqual({ active: ['s1 full'], became: [], cleared: [] })
  })
})
