// Waiting for something a test can't be told about (a container to start, a
// machine to join): asked again every `everyMs` until it answers or the time
// is up, when the error names what was awaited.

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The first truthy answer of `check`, or an error "<what> within <n>s". */
export async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms: number, everyMs = 300): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(everyMs)) {
    const v = await check()
    if (v) return v
  }
  throw new Error(`${what} within ${ms / 1000}s`)
}
