import { afterEach, describe, expect, it } from 'vitest'
import { dispatch, type Handlers } from '../../src-main/api/dispatch'
import { ApiError, errorDetail, errorWords, setInternalErrorLog, toErrorBody } from '../../src-main/contract/errors'

// A bug inside the core must not hand its stack (and the file paths in it)
// to the screen, which in browser mode is a browser tab: the full error goes
// to the log, the screen gets plain words and a reference to find it by.

const logged: { message: string; err: unknown }[] = []
const previous = setInternalErrorLog((message, err) => logged.push({ message, err }))
afterEach(() => {
  logged.length = 0
})
process.on('exit', () => setInternalErrorLog(previous))

const fake = (h: Partial<Handlers>): Handlers => h as Handlers

describe('an unexpected error', () => {
  it('reaches the screen as plain words with a reference, no stack and no file path', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')")
    const handlers = fake({
      'jobs.list': async () => {
        throw bug
      }
    })
    const result = await dispatch(handlers, 'jobs.list', {})
    expect(result.ok).toBe(false)
    if (result.ok) return
    const body = result.error
    expect(body.code).toBe('internal')
    expect(body.message).toMatch(/^Something went wrong inside the app\..*written to the log/)
    const reference = body.data?.reference
    expect(reference).toMatch(/^[0-9a-f]{8}$/)
    expect(body.message).toContain(String(reference))
    const text = JSON.stringify(body)
    // The stack's frames name this file; none of that may reach the screen.
    expect(bug.stack).toContain('internal-errors.test.ts')
    expect(text).not.toContain('internal-errors.test.ts')
    expect(text).not.toMatch(/\bat \S+ \(|\/work\/|node_modules|Cannot read properties/)
    expect(body.detail).toBeUndefined()
    // ... and everything is in the log, with the same reference and where it happened.
    expect(logged).toHaveLength(1)
    expect(logged[0].message).toContain(String(reference))
    expect(logged[0].message).toContain('jobs.list')
    expect(logged[0].err).toBe(bug)
  })

  it('that is not an Error at all is handled the same way', () => {
    const body = toErrorBody('/home/someone/.abra/servers/x/secret.env went missing')
    expect(body.code).toBe('internal')
    expect(JSON.stringify(body)).not.toContain('/home/someone')
    expect(logged).toHaveLength(1)
  })

  it('leaves errors worded for the user as they are, and logs nothing for them', () => {
    const err = new ApiError('not-found', 'There is no server called example.org.', 'ENOENT', { name: 'example.org' })
    expect(toErrorBody(err)).toEqual({ code: 'not-found', message: 'There is no server called example.org.', detail: 'ENOENT', data: { name: 'example.org' } })
    expect(logged).toHaveLength(0)
  })
})

describe('a connection the network or the server dropped', () => {
  const dropped = (code: string): Error => Object.assign(new Error(`read ${code}`), { code, errno: -104, syscall: 'read' })

  it('is worded as a lost connection with a next step, not as a bug, and logs nothing', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH']) {
      const body = toErrorBody(dropped(code), 'servers.check')
      expect(body.code).toBe('connection-lost')
      expect(body.message).toMatch(/connection to the server was lost.*then try again\.$/)
      expect(body.detail).toBe(`read ${code}`)
    }
    expect(logged).toHaveLength(0)
  })
})

describe('Docker whose swarm is not answering (just restarted, or never set up)', () => {
  it('is worded with what to do, not as a bug', () => {
    const restarting = Object.assign(new Error('(HTTP code 503) unexpected - This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'), { statusCode: 503 })
    const noLeader = new Error('rpc error: code = Unknown desc = The swarm does not have a leader. no leader')
    for (const err of [restarting, noLeader]) {
      const body = toErrorBody(err, 'backups.restore')
      expect(body.code).toBe('swarm-not-ready')
      expect(body.message).toMatch(/^Docker on the server is not ready to run apps.*wait a minute, then try again.*Servers screen/)
      expect(body.detail).toBe(err.message)
    }
    expect(errorWords(restarting)).toMatch(/^Docker on the server is not ready/)
    expect(logged).toHaveLength(0)
  })
})

describe('an error worded into a longer sentence', () => {
  it('uses the plain message of an error the app knows', () => {
    expect(errorWords(new ApiError('x', 'The volume is busy.'))).toBe('The volume is busy.')
    expect(errorWords(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toMatch(/connection to the server was lost/)
  })

  it('uses the raw message of anything else, without logging it as a bug (the caller words the outcome)', () => {
    expect(errorWords(new Error('(HTTP code 409) conflict - volume in use'))).toBe('(HTTP code 409) conflict - volume in use')
    expect(errorWords('plain')).toBe('plain')
    expect(errorDetail(new ApiError('x', 'Words.', 'raw cause'))).toBe('raw cause')
    expect(errorDetail(new ApiError('x', 'Words.'))).toBe('Words.')
    expect(errorDetail(new Error('socket hang up'))).toBe('socket hang up')
    expect(logged).toHaveLength(0)
  })
})
