import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiClientError, createApi } from '../../src-renderer/src/api/client'
import { takeToken } from '../../src-renderer/src/boot'

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

describe('the early socket (boot.ts) in browser mode', () => {
  // A WebSocket the test answers for the core: it records what is sent and delivers what the test says.
  class FakeSocket {
    static CONNECTING = 0
    static OPEN = 1
    static CLOSING = 2
    static CLOSED = 3
    static made: FakeSocket[] = []
    readyState = FakeSocket.CONNECTING
    sent: Array<{ id: string | number; method: string; input: unknown }> = []
    onopen: (() => void) | null = null
    onmessage: ((m: { data: string }) => void) | null = null
    onclose: (() => void) | null = null
    constructor(
      readonly url: string,
      readonly protocols: string[]
    ) {
      FakeSocket.made.push(this)
    }
    send(data: string): void {
      this.sent.push(JSON.parse(data))
    }
    open(): void {
      this.readyState = FakeSocket.OPEN
      this.onopen?.()
    }
    deliver(msg: object): void {
      this.onmessage?.({ data: JSON.stringify(msg) })
    }
    answer(method: string, value: unknown): void {
      const req = this.sent.findLast((r) => r.method === method)!
      this.deliver({ id: req.id, result: { ok: true, value } })
    }
  }

  async function browserPage() {
    FakeSocket.made = []
    vi.stubGlobal('window', {
      location: { href: 'http://127.0.0.1:4000/#token=t0k', protocol: 'http:', host: '127.0.0.1:4000' },
      history: { state: null, replaceState: vi.fn() },
      sessionStorage: { getItem: () => null, setItem: () => undefined }
    })
    vi.stubGlobal('WebSocket', FakeSocket)
    const { startBoot } = await import('../../src-renderer/src/boot')
    startBoot()
    return FakeSocket.made[0]
  }
  const tick = () => new Promise((r) => setTimeout(r, 0))

  it('asks the first questions at once, and the first matching calls get those answers over the same socket', async () => {
    const socket = await browserPage()
    expect(socket.protocols).toEqual(['coopcloud', 'coopcloud.token.t0k'])
    socket.open()
    expect(socket.sent.map((r) => r.method)).toEqual(['servers.list', 'settings.get', 'jobs.list'])
    socket.answer('servers.list', [])
    const api = createApi()
    await expect(api.call('servers.list', {})).resolves.toEqual([])
    // One socket, and no second servers.list: the early answer served it.
    expect(FakeSocket.made).toHaveLength(1)
    expect(socket.sent.filter((r) => r.method === 'servers.list')).toHaveLength(1)
    // Only the first call: the next one asks the core.
    const again = api.call('servers.list', {})
    await tick()
    expect(socket.sent.filter((r) => r.method === 'servers.list')).toHaveLength(2)
    socket.answer('servers.list', [{ name: 'a' }])
    await expect(again).resolves.toEqual([{ name: 'a' }])
  })

  it('sends the early questions itself when the page takes the socket before it opens', async () => {
    const socket = await browserPage()
    const api = createApi()
    const settings = api.call('settings.get', {})
    socket.open()
    expect(socket.sent.map((r) => r.method)).toEqual(['servers.list', 'settings.get', 'jobs.list'])
    socket.answer('settings.get', { language: 'system' })
    await expect(settings).resolves.toEqual({ language: 'system' })
    expect(socket.sent).toHaveLength(3)
  })

  it('does not serve an early answer once something has changed since', async () => {
    const socket = await browserPage()
    socket.open()
    socket.answer('servers.list', [{ name: 'a', state: 'connecting' }])
    socket.deliver({ event: 'server.state', payload: { name: 'a', state: 'connected' } })
    const api = createApi()
    const list = api.call('servers.list', {})
    await tick()
    // Asked again, and answered with the state after the change.
    expect(socket.sent.filter((r) => r.method === 'servers.list')).toHaveLength(2)
    socket.answer('servers.list', [{ name: 'a', state: 'connected' }])
    await expect(list).resolves.toEqual([{ name: 'a', state: 'connected' }])
  })

  it('opens a socket of its own when the early one closed (a wrong token, the server restarted)', async () => {
    const socket = await browserPage()
    socket.readyState = FakeSocket.CLOSED
    const api = createApi()
    const list = api.call('servers.list', {})
    expect(FakeSocket.made).toHaveLength(2)
    const second = FakeSocket.made[1]
    second.open()
    await tick()
    expect(second.sent.map((r) => r.method)).toEqual(['servers.list'])
    second.answer('servers.list', [])
    await expect(list).resolves.toEqual([])
  })
})
