import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiClientError, createApi, takeToken } from '../../src-renderer/src/api/client'

// The renderer's client, with the preload bridge and the browser globals faked.
afterEach(() => vi.unstubAllGlobals())

function fakeBridge() {
  let emit: (name: string, payload: unknown) => void = () => {}
  return {
    emit: (name: string, payload: unknown) => emit(name, payload),
    bridge: {
      call: vi.fn(async (method: string) =>
        method === 'app.info'
          ? { ok: true, value: { version: '1', transport: 'electron', abraDir: '/a' } }
          : { ok: false, error: { code: 'not-found', message: 'No such server.', detail: 'ENOENT' } }
      ),
      onEvent: vi.fn((cb: (name: string, payload: unknown) => void) => {
        emit = cb
        return () => {}
      })
    }
  }
}

describe('api client over the Electron bridge', () => {
  it('returns values and throws the core’s error body', async () => {
    const { bridge } = fakeBridge()
    vi.stubGlobal('window', { coopcloud: bridge })
    const api = createApi()
    await expect(api.call('app.info', {})).resolves.toEqual({ version: '1', transport: 'electron', abraDir: '/a' })
    const err = await api.call('servers.remove', { name: 'x' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiClientError)
    expect((err as ApiClientError).body).toEqual({ code: 'not-found', message: 'No such server.', detail: 'ENOENT' })
    expect((err as ApiClientError).message).toBe('No such server.')
  })

  it('routes events by name and stops after unsubscribing', () => {
    const fake = fakeBridge()
    vi.stubGlobal('window', { coopcloud: fake.bridge })
    const api = createApi()
    const onState = vi.fn()
    const onJob = vi.fn()
    const off = api.on('server.state', onState)
    api.on('job.update', onJob)
    fake.emit('server.state', { name: 'a', state: 'connected' })
    expect(onState).toHaveBeenCalledWith({ name: 'a', state: 'connected' })
    expect(onJob).not.toHaveBeenCalled()
    off()
    fake.emit('server.state', { name: 'a', state: 'offline' })
    expect(onState).toHaveBeenCalledTimes(1)
    // One bridge subscription however many listeners.
    expect(fake.bridge.onEvent).toHaveBeenCalledTimes(1)
  })
})

describe('takeToken (browser mode)', () => {
  function browser(href: string) {
    const store = new Map<string, string>()
    const win = {
      location: { href },
      history: { state: null, replaceState: vi.fn((_s: unknown, _t: string, url: string) => (win.location.href = url)) },
      sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) }
    }
    vi.stubGlobal('window', win)
    return win
  }

  it('takes ?token= out of the address bar and keeps it for reloads', () => {
    const win = browser('http://127.0.0.1:4000/?token=abc123&x=1#/servers')
    expect(takeToken()).toBe('abc123')
    expect(win.location.href).toBe('http://127.0.0.1:4000/?x=1#/servers')
    expect(takeToken()).toBe('abc123')
  })

  it('also accepts #token=', () => {
    const win = browser('http://127.0.0.1:4000/#token=xyz')
    expect(takeToken()).toBe('xyz')
    expect(win.location.href).toBe('http://127.0.0.1:4000/')
  })

  it('has nothing without a token', () => {
    browser('http://127.0.0.1:4000/')
    expect(takeToken()).toBeNull()
  })
})
