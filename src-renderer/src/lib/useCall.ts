import { useState } from 'react'
import type { ApiErrorBody } from '../../../src-main/contract'
import { errorBody } from './errors'

// A dialog's one action: busy while it runs, its error in words when it fails.
export function useCall(): { busy: boolean; error?: ApiErrorBody; run: <T>(call: () => Promise<T>, onDone: (value: T) => void) => void } {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiErrorBody>()
  const run = <T,>(call: () => Promise<T>, onDone: (value: T) => void): void => {
    setBusy(true)
    setError(undefined)
    call().then(
      (value) => {
        setBusy(false)
        onDone(value)
      },
      (err: unknown) => {
        setBusy(false)
        setError(errorBody(err))
      }
    )
  }
  return { busy, error, run }
}
