// Waiting with an AbortSignal: what a wait rejects with when its owner gives
// up, and a promise raced against that.

/** What a wait rejects with when its signal aborts: the signal's reason. */
export function aborted(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason
  return reason instanceof Error ? reason : new Error(typeof reason === 'string' ? reason : 'The wait was abandoned')
}

/** `p`, or a rejection as soon as `signal` aborts (p carries on; its outcome is then ignored). */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p
  if (signal.aborted) return Promise.reject(aborted(signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted(signal))
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(err as Error)
      }
    )
  })
}
