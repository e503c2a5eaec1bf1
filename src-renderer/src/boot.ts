// Browser mode's first moments. This module is a script of its own, listed
// before the main one (electron.vite.config.ts, bootFirst), so it runs while
// the main script (React, the words, the first screens) is still being
// fetched and compiled. It takes the token, opens the page's WebSocket and
// asks what every start asks, so the answers are waiting by the time the page
// first draws. Before, the socket opened only after the main script had run,
// and the first heading waited for that plus a round trip
// (bench/first-screen.ts measures it). The api client adopts the socket and
// the answers (takeBoot). In Electron there is nothing to do: the preload
// bridge answers at once. It imports nothing, so it stays a few hundred bytes.

/** The calls every start makes with no input: the shell's servers, the page's language, the sidebar's jobs. */
export const EARLY_CALLS = ['servers.list', 'settings.get', 'jobs.list'] as const

export interface Boot {
  token: string
  socket: WebSocket
  /** The id each early call was sent with. */
  ids: ReadonlyMap<string, string>
  /** What arrived before the client took the socket over, in order. */
  received: unknown[]
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

/** Opens the socket the api client will use; the token travels as a subprotocol (see browser/server.ts). */
export function openSocket(token: string): WebSocket {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return new WebSocket(`${scheme}//${window.location.host}/api`, ['coopcloud', `coopcloud.token.${token}`])
}

/** Opens the early socket if this is browser mode with a token; run once, when the module loads. */
export function startBoot(): void {
  boot = start()
}

function start(): Boot | null {
  if (typeof window === 'undefined' || window.coopcloud || typeof WebSocket === 'undefined') return null
  const token = takeToken()
  if (!token) return null
  const socket = openSocket(token)
  const ids = new Map(EARLY_CALLS.map((method) => [method, `boot.${method}`]))
  const received: unknown[] = []
  socket.onopen = () => {
    for (const [method, id] of ids) socket.send(JSON.stringify({ id, method, input: {} }))
  }
  socket.onmessage = (m) => received.push(m.data)
  return { token, socket, ids, received }
}

let boot: Boot | null = null
startBoot()

/**
 * Runs the main script once the page has painted. The built index.html
 * names it only as a preload, marked data-main (electron.vite.config.ts,
 * bootFirst), so it is fetched and compiled alongside; as a script tag, the
 * browser would run it (React, the words, the screens: a long task on a slow
 * machine) before painting the first screen that came in the HTML. Here the
 * tag is added back once that paint is done: a frame's callback plus a timer
 * is the first moment after it, and the lone timer covers a page that paints
 * no frames (a hidden window or tab). In development there is no such
 * preload: the main script is a plain tag and has imported this module.
 */
function startMainAfterPaint(): void {
  const preload = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"][data-main]')
  if (!preload) return
  let started = false
  const start = (): void => {
    if (started) return
    started = true
    const script = document.createElement('script')
    script.type = 'module'
    script.crossOrigin = ''
    script.src = preload.href
    document.head.append(script)
  }
  requestAnimationFrame(() => setTimeout(start, 0))
  setTimeout(start, 100)
}
if (typeof document !== 'undefined') startMainAfterPaint()

/** Hands the early socket over, once; null in Electron, without a token, or once taken. */
export function takeBoot(): Boot | null {
  const taken = boot
  boot = null
  return taken
}
