import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import { errorBody } from './errors'

export interface Polled<T> {
  value?: T
  error?: ApiErrorBody
  /** When the value shown arrived (ms), for charts that end at "now". */
  at?: number
  /** True while a read is under way. */
  busy: boolean
  /** Reads again now (a "Try again" or "Measure again" button). */
  load(): void
}

/**
 * A value read from the core when shown and then every `everyMs` while it
 * stays shown (null: only when shown, and on load()). The next read is
 * planned when the last one has answered, so a slow server never gets a
 * pile of them; only the newest read's answer is shown, and nothing is
 * read or set once the screen is gone (the owner).
 */
export function usePolled<T>(read: () => Promise<T>, everyMs: number | null, enabled = true): Polled<T> {
  const [state, setState] = useState<{ value?: T; error?: ApiErrorBody; at?: number; busy: boolean }>({ busy: enabled })
  const loadNow = useRef<() => void>(() => {})

  useEffect(() => {
    let live = true
    let newest = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = (): void => {
      const mine = ++newest
      clearTimeout(timer)
      setState((s) => ({ ...s, busy: true }))
      const settle = (next: { value?: T; error?: ApiErrorBody; at?: number }): void => {
        if (!live || mine !== newest) return
        setState((s) => ({ ...s, ...next, busy: false }))
        if (everyMs !== null) timer = setTimeout(load, everyMs)
      }
      read().then(
        (value) => settle({ value, error: undefined, at: Date.now() }),
        (err: unknown) => settle({ error: errorBody(err) })
      )
    }
    loadNow.current = load
    if (enabled) load()
    return () => {
      live = false
      clearTimeout(timer)
      loadNow.current = () => {}
    }
  }, [read, everyMs, enabled])

  const load = useCallback(() => loadNow.current(), [])
  return { ...state, load }
}
