// Issue 13: a machine of a swarm reached through the manager (ssh -J). How
// the jump's failures are classified and worded: they name the machine, the
// server it was reached through, and why, in English and French.
import { afterEach, describe, expect, it } from 'vitest'
import { classifyForwardError, needsUser, SshError } from '../../src-main/ssh/errors'
import { setLanguage } from '../../src-main/i18n/i18n'
import { toErrorBody } from '../../src-main/contract/errors'

// What ssh2 hands over when the jump host answers a direct-tcpip open with a failure.
function openFailure(reason: number | '', description: string): Error {
  const err = new Error(`(SSH) Channel open failure: ${description}`) as Error & { reason: number | '' }
  err.reason = reason
  return err
}

const node = { host: '10.0.0.12', port: 22, user: 'ops', machine: 'worker-2', via: 'coop.example.org' }

afterEach(() => setLanguage('en'))

describe('a forwarded channel that fails', () => {
  it('connect failed (the machine refused, is off, has no route): forwarding-refused with the jump host’s words', () => {
    const err = classifyForwardError(openFailure(2, 'Connection refused'), node)
    expect(err).toBeInstanceOf(SshError)
    expect(err.code).toBe('forwarding-refused')
    expect(err.forward).toBe('connect-failed')
    expect(err.reason).toBe('Connection refused')
    expect(err.machine).toBe('worker-2')
    expect(err.via).toBe('coop.example.org')
    expect(err.message).toBe(
      'coop.example.org could not reach the machine worker-2 (at 10.0.0.12): Connection refused. Check that the machine is on and that SSH runs on it.'
    )
    // The machine may come back: the link may retry by itself.
    expect(needsUser(err)).toBe(false)
    // What crosses to the window names the machine.
    expect(toErrorBody(err)).toMatchObject({ code: 'forwarding-refused', data: { machine: 'worker-2', via: 'coop.example.org', host: '10.0.0.12' } })
  })

  it('administratively prohibited (the server forbids forwarding): needs its administrator', () => {
    const err = classifyForwardError(openFailure(1, 'open failed'), { ...node, port: 2222 })
    expect(err.code).toBe('forwarding-refused')
    expect(err.forward).toBe('prohibited')
    expect(needsUser(err)).toBe(true)
    expect(err.message).toContain('coop.example.org does not let connections go through it')
    expect(err.message).toContain('the machine worker-2 (at 10.0.0.12 (port 2222))')
    expect(err.message).toContain('AllowTcpForwarding')
  })

  it('a channel closed without words: still forwarding-refused, without an empty reason', () => {
    const err = classifyForwardError(openFailure('', 'server closed channel unexpectedly'), node)
    expect(err.code).toBe('forwarding-refused')
    expect(err.reason).toBeUndefined()
    expect(err.message).toBe('coop.example.org could not reach the machine worker-2 (at 10.0.0.12). Check that the machine is on and that SSH runs on it.')
  })

  it('the jump host’s own link closed or timed out: the same code, said about the machine', () => {
    const closed = classifyForwardError(new SshError('closed', { host: 'coop.example.org', port: 22 }), node)
    expect(closed.code).toBe('closed')
    expect(closed.machine).toBe('worker-2')
    expect(closed.host).toBe('10.0.0.12')
    expect(closed.message).toContain('The connection to worker-2 (at 10.0.0.12) was closed')
    const slow = classifyForwardError(new SshError('timeout', { host: '10.0.0.12', port: 22, via: 'coop.example.org' }), node)
    expect(slow.code).toBe('timeout')
    expect(slow.message).toMatch(/^worker-2 \(at 10\.0\.0\.12\) didn't answer in time/)
    expect(classifyForwardError(new Error('Not connected'), node).code).toBe('closed')
  })

  it('errors at the machine itself name it: a changed identity, a refused sign-in', () => {
    const changed = new SshError('host-key-changed', { ...node, fingerprint: 'SHA256:abc' })
    expect(changed.message).toContain('The identity of the machine worker-2 (at 10.0.0.12) has changed')
    expect(changed.message).toContain('SHA256:abc')
    expect(needsUser(changed)).toBe(true)
    const auth = new SshError('auth-failed', node)
    expect(auth.message).toContain('worker-2 (at 10.0.0.12) did not accept any of your keys for the user "ops"')
    // Named by its address only when that is all the swarm gave.
    expect(new SshError('refused', { host: '10.0.0.12', machine: '10.0.0.12' }).message).toMatch(/^10\.0\.0\.12 refused/)
  })

  it('in French', () => {
    setLanguage('fr')
    expect(classifyForwardError(openFailure(2, 'No route to host'), node).message).toBe(
      'coop.example.org n’a pas pu joindre la machine worker-2 (à l’adresse 10.0.0.12) : No route to host. Vérifiez que la machine est allumée et que SSH y fonctionne.'
    )
    expect(classifyForwardError(openFailure(1, 'open failed'), node).message).toContain('ne laisse pas passer de connexions')
    expect(new SshError('host-key-changed', node).message).toContain('L’identité de la machine worker-2')
  })

  it('a server (no machine) is worded as before', () => {
    expect(new SshError('refused', { host: 'coop.example.org', port: 22 }).message).toBe(
      'coop.example.org refused the connection. The server may be down, or SSH may be listening on a different port.'
    )
  })
})
