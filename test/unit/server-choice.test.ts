import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { serverRows, setServersInput, sharedNow, sharesAll, withoutServer, withServer } from '../../src-renderer/src/screens/team/serverChoice'

// "Change which servers are shared" (issue 14), its pure rules: which rows the
// window lists, and what team.setServers is sent when one server is shared or
// stops being shared. No servers list means all of them, later ones too.

const here = ['a.example.org', 'b.example.org', 'c.example.org']

describe('the servers listed', () => {
  it('lists every server here, all shared when the team shares all', () => {
    expect(serverRows({ allServers: here })).toEqual(here.map((name) => ({ name, shared: true, absent: false })))
    expect(sharesAll({ allServers: here })).toBe(true)
    expect(sharedNow({ allServers: here })).toEqual(here)
  })

  it('marks those not chosen, and lists a shared server with no folder here', () => {
    const rows = serverRows({ allServers: here, servers: ['c.example.org', 'z.example.org'] })
    expect(rows).toEqual([
      { name: 'a.example.org', shared: false, absent: false },
      { name: 'b.example.org', shared: false, absent: false },
      { name: 'c.example.org', shared: true, absent: false },
      { name: 'z.example.org', shared: true, absent: true }
    ])
    expect(sharesAll({ allServers: here, servers: ['c.example.org'] })).toBe(false)
  })

  it('lists nothing before the core says which servers are here', () => {
    expect(serverRows({})).toEqual([])
    expect(sharedNow({})).toEqual([])
  })
})

describe('a server shared or no longer shared', () => {
  it('stopping one of all keeps the others, named', () => {
    expect(withoutServer({ allServers: here }, 'b.example.org')).toEqual({ ok: true, servers: ['a.example.org', 'c.example.org'] })
  })

  it('stopping one of those chosen keeps the rest', () => {
    expect(withoutServer({ allServers: here, servers: ['a.example.org', 'c.example.org'] }, 'a.example.org')).toEqual({ ok: true, servers: ['c.example.org'] })
  })

  it('the last one shared does not go this way: that is Stop sharing', () => {
    expect(withoutServer({ allServers: here, servers: ['a.example.org'] }, 'a.example.org')).toEqual({ ok: false, why: 'last' })
    expect(withoutServer({ allServers: ['a.example.org'] }, 'a.example.org')).toEqual({ ok: false, why: 'last' })
  })

  it('a server not shared can’t be stopped, and a shared one can’t be shared again', () => {
    expect(withoutServer({ allServers: here, servers: ['a.example.org'] }, 'b.example.org')).toEqual({ ok: false, why: 'unchanged' })
    expect(withServer({ allServers: here, servers: ['a.example.org'] }, 'a.example.org')).toEqual({ ok: false, why: 'unchanged' })
    expect(withServer({ allServers: here }, 'a.example.org')).toEqual({ ok: false, why: 'unchanged' })
  })

  it('sharing one more adds it, sorted', () => {
    expect(withServer({ allServers: here, servers: ['c.example.org'] }, 'a.example.org')).toEqual({ ok: true, servers: ['a.example.org', 'c.example.org'] })
  })

  it('sends no list for all, and the list otherwise', () => {
    expect(setServersInput(undefined)).toEqual({})
    expect(setServersInput(['a.example.org'])).toEqual({ servers: ['a.example.org'] })
  })

  it('stopping then sharing the same server again gives back the same choice; the one stopped is never in it', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9.-]{0,12}$/)
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 2, maxLength: 8 }), fc.nat(), (servers, pick) => {
        const chosen = [...servers].sort()
        const gone = chosen[pick % chosen.length]
        const after = withoutServer({ allServers: chosen, servers: chosen }, gone)
        expect(after.ok).toBe(true)
        if (!after.ok) return
        expect(after.servers).not.toContain(gone)
        expect(after.servers).toHaveLength(chosen.length - 1)
        expect(withServer({ allServers: chosen, servers: after.servers }, gone)).toEqual({ ok: true, servers: chosen })
      })
    )
  })
})
