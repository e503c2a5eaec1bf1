import { beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for the core's side of the client: events are pushed by the
// test, and calls resolve when the test says so.
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const calls: Array<{ method: string; input: unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = []
  return {
    listeners,
    calls,
    emit(name: string, payload: unknown) {
      for (const l of listeners.get(name) ?? []) l(payload)
    },
    api: {
      call: (method: string, input: unknown) => new Promise((resolve, reject) => calls.push({ method, input, resolve, reject })),
      on: (name: string, cb: (p: unknown) => void) => {
        const set = listeners.get(name) ?? new Set()
        listeners.set(name, set)
        set.add(cb)
        return () => set.delete(cb)
      }
    }
  }
})
vi.mock('../../src-renderer/src/api/client', () => ({ api: fake.api }))

const { openStream } = await import('../../src-renderer/src/state/apps')

const flush = () => new Promise((r) => setTimeout(r, 0))

function recorder() {
  const seen: string[] = []
  return {
    seen,
    handlers: {
      onData: (d: string, s?: string) => seen.push(`data:${s ?? ''}:${d}`),
      onEnd: (e: { exitCode?: number; error?: string }) => seen.push(`end:${e.exitCode ?? ''}`),
      onError: (e: { message: string }) => seen.push(`error:${e.message}`),
      onStarted: (id: string) => seen.push(`started:${id}`)
    }
  }
}

beforeEach(() => {
  fake.calls.length = 0
  fake.listeners.clear()
})

describe('openStream', () => {
  it('keeps events that arrive before the stream id, and drops other streams’', async () => {
    const r = recorder()
    openStream(() => fake.api.call('apps.logs', {}) as Promise<{ streamId: string }>, r.handlers)
    fake.emit('stream.data', { streamId: 's1', data: 'early\n', service: 'app' })
    fake.emit('stream.data', { streamId: 'other', data: 'not ours\n' })
    fake.calls[0].resolve({ streamId: 's1' })
    await flush()
    fake.emit('stream.data', { streamId: 's1', data: 'late\n' })
    fake.emit('stream.data', { streamId: 'other', data: 'still not ours\n' })
    fake.emit('stream.end', { streamId: 's1', exitCode: 3 })
    // Nothing after the end.
    fake.emit('stream.data', { streamId: 's1', data: 'after end\n' })
    expect(r.seen).toEqual(['started:s1', 'data:app:early\n', 'data::late\n', 'end:3'])
  })

  it('stops the stream on the core when left, even before the core answered', async () => {
    const r = recorder()
    const handle = openStream(() => fake.api.call('apps.exec', {}) as Promise<{ streamId: string }>, r.handlers)
    handle.stop()
    fake.calls[0].resolve({ streamId: 's9' })
    await flush()
    expect(fake.calls.map((c) => [c.method, c.input])).toEqual([
      ['apps.exec', {}],
      ['streams.stop', { streamId: 's9' }]
    ])
    fake.emit('stream.data', { streamId: 's9', data: 'x' })
    expect(r.seen).toEqual([])
  })

  it('stops an open stream once, and reports a refused start as an error', async () => {
    const r = recorder()
    const handle = openStream(() => fake.api.call('apps.logs', {}) as Promise<{ streamId: string }>, r.handlers)
    fake.calls[0].resolve({ streamId: 's2' })
    await flush()
    handle.stop()
    handle.stop()
    expect(fake.calls.filter((c) => c.method === 'streams.stop').map((c) => c.input)).toEqual([{ streamId: 's2' }])

    const bad = recorder()
    openStream(() => fake.api.call('apps.logs', {}) as Promise<{ streamId: string }>, bad.handlers)
    fake.calls[fake.calls.length - 1].reject(Object.assign(new Error('x'), { body: { code: 'not-ready', message: 'Not written yet.' } }))
    await flush()
    expect(bad.seen).toEqual(['error:Not written yet.'])
  })
})
