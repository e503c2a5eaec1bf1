import { describe, expect, it } from 'vitest'
import { EventBus } from '../../src-main/api/events'
import { StreamRegistry } from '../../src-main/apps/stream-registry'
import { ApiError } from '../../src-main/contract/errors'

function registry(max: number): { reg: StreamRegistry; ends: unknown[] } {
  const events = new EventBus()
  const ends: unknown[] = []
  events.subscribe((name, payload) => {
    if (name === 'stream.end') ends.push(payload)
  })
  return { reg: new StreamRegistry(events, max), ends }
}

describe('StreamRegistry', () => {
  it('caps open streams, counting ones still opening, with a plain error', () => {
    const { reg } = registry(2)
    reg.reserve()
    const b = reg.reserve()
    let err: unknown
    try {
      reg.reserve()
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('too-many-streams')
    expect((err as ApiError).message).toBe('2 logs and terminals are already open. Close one of them, then try again.')
    reg.release(b)
    expect(() => reg.reserve()).not.toThrow()
  })

  it('ends a stream once, however often it is finished', () => {
    const { reg, ends } = registry(4)
    const id = reg.reserve()
    reg.attach(id, { kind: 'logs', stop: async () => {} })
    reg.finish(id, { error: 'lost' })
    reg.finish(id)
    expect(ends).toEqual([{ streamId: id, error: 'lost' }])
    expect(reg.size).toBe(0)
    expect(() => reg.get(id)).toThrow(/already closed/)
  })

  it('closeAll stops every stream and gives up places still opening', async () => {
    const { reg, ends } = registry(4)
    const stopped: string[] = []
    const a = reg.reserve()
    reg.attach(a, { kind: 'exec', stop: async () => void stopped.push(a) })
    const pending = reg.reserve()
    await reg.closeAll()
    expect(stopped).toEqual([a])
    expect(ends).toHaveLength(2)
    expect(ends).toEqual(expect.arrayContaining([{ streamId: a }, { streamId: pending }]))
    // What was still opening must be stopped by its opener.
    expect(reg.attach(pending, { kind: 'logs', stop: async () => {} })).toBe(false)
  })
})
