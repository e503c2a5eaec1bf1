import type { EventName, EventPayload, Input, MethodName, Output, Result } from '../../../src-main/contract/contract'
import type { ApiErrorBody } from '../../../src-main/contract/schemas'
import { openSocket, takeBoot, takeToken } from '../boot'
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
  /** Where a chosen or dropped file is on this computer (Electron's webUtils.getPathForFile); "" when it has none. */
  pathForFile?(file: File): string
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

// Browser mode's token, for the one request that is not on the socket: an upload's bytes (api/upload.ts).
let pageToken: string | null = null

/** The per-run token of browser mode (null in Electron, or before the first call). */
export function browserToken(): string | null {
  return pageToken
}

type Pending = { resolve: (r: Result<unknown>) => void }

// A call with no input: the only kind boot.ts asks early.
const isEmptyInput = (input: unknown): boolean => !!input && typeof input === 'object' && Object.keys(input).length === 0

function socketTransport(): Transport {
  // The socket boot.ts opened while the main script loaded, if any: it is
  // used first, and its early answers are given to the first matching calls.
  let boot = takeBoot()
  const token = boot?.token ?? takeToken()
  pageToken = token
  const pending = new Map<number | string, Pending>()
  const early = new Map<string, Promise<Result<unknown>>>()
  const eventListeners = new Set<(name: string, payload: unknown) => void>()
  let socket: WebSocket | null = null
  let opened: Promise<WebSocket> | null = null
  let nextId = 1
  let retryDelay = 500

  const failure = (code: string, message: string): Result<unknown> => ({ ok: false, error: { code, message } })

  function connect(): Promise<WebSocket> {
    if (opened) return opened
    const adopted = boot && boot.socket.readyState <= WebSocket.OPEN ? boot : null
    if (adopted) {
      for (const [method, id] of adopted.ids) early.set(method, new Promise((resolve) => pending.set(id, { resolve })))
    }
    boot = null
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = adopted?.socket ?? openSocket(token ?? '')
      let isOpen = false
      const onOpen = (): void => {
        isOpen = true
        retryDelay = 500
        socket = ws
        resolve(ws)
      }
      ws.onopen = () => {
        // An adopted socket sends its early calls first, as boot.ts did.
        if (adopted) for (const [method, id] of adopted.ids) ws.send(JSON.stringify({ id, method, input: {} }))
        onOpen()
      }
      ws.onmessage = (msg) => receive(msg.data)
      ws.onclose = () => {
        socket = null
        opened = null
        early.clear()
        for (const [id, p] of pending) {
          pending.delete(id)
          p.resolve(failure('disconnected', i18n.t('common.connection.lost')))
        }
        if (!isOpen) reject(new Error('closed'))
        // Keep trying while someone listens for events, backing off.
        if (eventListeners.size > 0) setTimeout(() => void connect().catch(() => {}), retryDelay)
        retryDelay = Math.min(retryDelay * 2, 10_000)
      }
      // What came before the hand-over, in the order it came.
      for (const data of adopted?.received.splice(0) ?? []) receive(data)
      if (ws.readyState === WebSocket.OPEN) onOpen()
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
      // Something changed since boot.ts asked: its answers may be out of
      // date, so the calls they would have served go to the core instead.
      // (Events from before the page listened are not replayed to it, as
      // before: a fresh answer already includes what they changed.)
      early.clear()
      for (const l of eventListeners) l(msg.event, msg.payload)
      return
    }
    if ((typeof msg.id === 'number' || typeof msg.id === 'string') && msg.result) {
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
      const answered = isEmptyInput(input) ? early.get(method) : undefined
      if (answered) {
        early.delete(method)
        return answered
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
