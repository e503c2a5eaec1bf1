import type { EventName, EventPayload, Input, MethodName, Output, Result } from '../../../src-main/contract/contract'
import type { ApiErrorBody } from '../../../src-main/contract/schemas'
import { i18n } from '../i18n'

// The renderer's only way to the core. In Electron it goes through the
// preload bridge; in browser mode over a WebSocket to the page's own server.
// Either way the core answers with a Result, and a failed one is thrown as
// an ApiClientError carrying the core's error body.

export class ApiClientError extends Error {
  readonly code: string
  constructor(readonly body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiClientError'
    this.code = body.code
  }
}

export interface Api {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void
}

// What preload.ts exposes as window.coopcloud.
interface Bridge {
  call(method: string, input?: unknown): Promise<unknown>
  onEvent(callback: (name: string, payload: unknown) => void): () => void
}

declare global {
  interface Window {
    coopcloud?: Bridge
  }
}

interface Transport {
  call(method: string, input: unknown): Promise<Result<unknown>>
  onEvent(callback: (name: string, payload: unknown) => void): () => void
}

export function createApi(): Api {
  let transport: Transport | null = null
  // Chosen on first use, so importing this module never touches window.
  const get = (): Transport => (transport ??= typeof window !== 'undefined' && window.coopcloud ? bridgeTransport(window.coopcloud) : socketTransport())

  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let unhook: (() => void) | null = null

  return {
    async call(method, input) {
      const result = await get().call(method, input)
      if (!result.ok) throw new ApiClientError(result.error)
      return result.value as never
    },
    on(event, callback) {
      unhook ??= get().onEvent((name, payload) => {
        for (const cb of listeners.get(name) ?? []) {
          try {
            cb(payload)
          } catch (err) {
            console.error(err)
          }
        }
      })
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const cb = callback as (payload: unknown) => void
      set.add(cb)
      return () => {
        set.delete(cb)
      }
    }
  }
}

function bridgeTransport(bridge: Bridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input) as Promise<Result<unknown>>,
    onEvent: (callback) => bridge.onEvent(callback)
  }
}

const TOKEN_KEY = 'coopcloud.token'

// The server prints http://127.0.0.1:PORT/#token=… (a fragment, which the
// browser never sends to the server); take the token out of the address bar
// (so it isn't bookmarked, shared or kept in history) and keep it for this
// tab only, so a reload still works. ?token= is still read, from older runs.
export function takeToken(): string | null {
  const url = new URL(window.location.href)
  // Only a hash that carries the token is rewritten; a hash route is kept as is.
  const rawHash = url.hash.replace(/^#/, '')
  const hash = /(^|&)token=/.test(rawHash) ? new URLSearchParams(rawHash) : null
  const fromUrl = url.searchParams.get('token') ?? hash?.get('token') ?? null
  if (fromUrl) {
    url.searchParams.delete('token')
    if (hash) {
      hash.delete('token')
      const rest = hash.toString()
      url.hash = rest ? `#${rest}` : ''
    }
    window.history.replaceState(window.history.state, '', url.toString())
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromUrl)
    } catch {
      // Storage can be off; this page load still works.
    }
    return fromUrl
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

type Pending = { resolve: (r: Result<unknown>) => void }

function socketTransport(): Transport {
  const token = takeToken()
  const pending = new Map<number, Pending>()
  const eventListeners = new Set<(name: string, payload: unknown) => void>()
  let socket: WebSocket | null = null
  let opened: Promise<WebSocket> | null = null
  let nextId = 1
  let retryDelay = 500

  const failure = (code: string, message: string): Result<unknown> => ({ ok: false, error: { code, message } })

  function connect(): Promise<WebSocket> {
    if (opened) return opened
    opened = new Promise<WebSocket>((resolve, reject) => {
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
      // The token travels as a subprotocol (a header), in no URL; the server
      // answers with plain 'coopcloud' (see browser/server.ts).
      const ws = new WebSocket(`${scheme}//${window.location.host}/api`, ['coopcloud', `coopcloud.token.${token ?? ''}`])
      let isOpen = false
      ws.onopen = () => {
        isOpen = true
        retryDelay = 500
        socket = ws
        resolve(ws)
      }
      ws.onmessage = (msg) => receive(msg.data)
      ws.onclose = () => {
        socket = null
        opened = null
        for (const [id, p] of pending) {
          pending.delete(id)
          p.resolve(failure('disconnected', i18n.t('common.connection.lost')))
        }
        if (!isOpen) reject(new Error('closed'))
        // Keep trying while someone listens for events, backing off.
        if (eventListeners.size > 0) setTimeout(() => void connect().catch(() => {}), retryDelay)
        retryDelay = Math.min(retryDelay * 2, 10_000)
      }
    })
    return opened
  }

  function receive(data: unknown): void {
    let msg: { id?: unknown; result?: Result<unknown>; event?: unknown; payload?: unknown }
    try {
      msg = JSON.parse(String(data))
    } catch {
      return
    }
    if (typeof msg.event === 'string') {
      for (const l of eventListeners) l(msg.event, msg.payload)
      return
    }
    if (typeof msg.id === 'number' && msg.result) {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      p?.resolve(msg.result)
    }
  }

  return {
    async call(method, input) {
      if (!token) {
        return failure('no-token', i18n.t('common.connection.noToken'))
      }
      let ws: WebSocket
      try {
        ws = socket ?? (await connect())
      } catch {
        return failure('disconnected', i18n.t('common.connection.unreachable'))
      }
      const id = nextId++
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, { resolve })
        ws.send(JSON.stringify({ id, method, input }))
      })
    },
    onEvent(callback) {
      eventListeners.add(callback)
      if (token) void connect().catch(() => {})
      return () => {
        eventListeners.delete(callback)
      }
    }
  }
}

export const api: Api = createApi()
