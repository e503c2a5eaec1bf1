import { describe, expect, it } from 'vitest'
import { withRetries } from '../../src-renderer/src/screens/lazy'

// A screen's chunk that fails to arrive (the browser drops requests in flight
// when the network changes) is asked for again before the page gives up.
describe('loading a screen’s chunk', () => {
  it('tries again after a failure, and gives up after the last try', async () => {
    let calls = 0
    const flaky = async (): Promise<string> => {
      calls++
      if (calls < 3) throw new Error('net::ERR_NETWORK_CHANGED')
      return 'screen'
    }
    await expect(withRetries(flaky, 4, 1)).resolves.toBe('screen')
    expect(calls).toBe(3)

    calls = 0
    const gone = async (): Promise<string> => {
      calls++
      throw new Error('404')
    }
    await expect(withRetries(gone, 4, 1)).rejects.toThrow('404')
    expect(calls).toBe(4)
  })
})
