import { describe, expect, it, vi } from 'vitest'
import { dispatch, type Handlers } from '../../src-main/api/dispatch'
import { ApiError } from '../../src-main/contract/errors'

// Only the handlers a case touches; dispatch looks up one by name.
const fake = (h: Partial<Handlers>): Handlers => h as Handlers

describe('dispatch', () => {
  it('refuses methods that do not exist, whatever their type', async () => {
    const handlers = fake({ 'app.info': vi.fn() })
    for (const method of ['nope', 'toString', '__proto__', 'constructor', '', 42, null, undefined, {}, ['app.info']]) {
      const result = await dispatch(handlers, method, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
    expect(handlers['app.info']).not.toHaveBeenCalled()
  })

  it('refuses inputs of the wrong type without calling the handler', async () => {
    const probe = vi.fn()
    const handlers = fake({ 'servers.probeHostKey': probe, 'app.info': vi.fn() })
    const bad = [
      { hostname: 5, port: 22 },
      { hostname: 'example.org', port: '22' },
      { hostname: 'example.org', port: 70000 },
      { hostname: 'exa mple.org', port: 22 },
      { hostname: 'example.org' },
      'example.org',
      [],
      42
    ]
    for (const input of bad) {
      const result = await dispatch(handlers, 'servers.probeHostKey', input)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-request')
        expect(result.error.message).toBeTruthy()
        expect(Array.isArray(result.error.data?.issues)).toBe(true)
      }
    }
    expect(await dispatch(handlers, 'app.info', [])).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(probe).not.toHaveBeenCalled()
  })

  it('refuses unknown keys (strict objects), so nothing extra reaches the core', async () => {
    const remove = vi.fn()
    const handlers = fake({ 'servers.remove': remove, 'app.info': vi.fn() })
    expect(await dispatch(handlers, 'servers.remove', { name: 'example.org', force: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' }
    })
    expect(await dispatch(handlers, 'app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await dispatch(handlers, 'servers.remove', { name: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(remove).not.toHaveBeenCalled()
  })

  it('hands the handler the parsed input (trimmed, defaults filled)', async () => {
    const connect = vi.fn(async () => ({}) as never)
    const resolve = vi.fn(async () => ({}) as never)
    const handlers = fake({ 'servers.connect': connect, 'servers.resolve': resolve })
    await dispatch(handlers, 'servers.connect', { name: 'example.org' })
    expect(connect).toHaveBeenCalledWith({ name: 'example.org', remember: false })
    await dispatch(handlers, 'servers.resolve', { host: '  example.org ' })
    expect(resolve).toHaveBeenCalledWith({ host: 'example.org' })
  })

  it('treats a missing input as {}', async () => {
    const handlers = fake({ 'app.info': async () => ({ version: '1', transport: 'cli', abraDir: '/x' }) })
    expect(await dispatch(handlers, 'app.info', undefined)).toEqual({ ok: true, value: { version: '1', transport: 'cli', abraDir: '/x' } })
    expect(await dispatch(handlers, 'app.info', null)).toMatchObject({ ok: true })
  })

  it('turns a crashing handler into an "internal" error and keeps going', async () => {
    const handlers = fake({
      'jobs.list': async () => {
        throw new TypeError('cannot read properties of undefined')
      },
      'servers.list': async () => {
        throw 'a string, not an Error'
      },
      'app.info': async () => ({ version: '1', transport: 'cli', abraDir: '/x' })
    })
    const crashed = await dispatch(handlers, 'jobs.list', {})
    expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } })
    // The stack goes to the log, not to the screen (internal-errors.test.ts).
    if (!crashed.ok) expect(JSON.stringify(crashed.error)).not.toContain('cannot read properties of undefined')
    expect(await dispatch(handlers, 'servers.list', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
    // Still serving.
    expect(await dispatch(handlers, 'app.info', {})).toMatchObject({ ok: true })
  })

  it('passes an ApiError through as written', async () => {
    const handlers = fake({
      'servers.remove': async () => {
        throw new ApiError('not-found', 'There is no server called example.org.', 'ENOENT', { name: 'example.org' })
      }
    })
    expect(await dispatch(handlers, 'servers.remove', { name: 'example.org' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no server called example.org.', detail: 'ENOENT', data: { name: 'example.org' } }
    })
  })
})
