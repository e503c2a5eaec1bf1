import { describe, expect, it } from 'vitest'
import { emptyWhereForm, sshAddInput, sshSettingsNote } from '../../src-renderer/src/lib/addServer'
import { fieldErrorsFromIssues, issuesOf, unplacedIssues } from '../../src-renderer/src/lib/fieldErrors'

describe('field errors from invalid-request issues', () => {
  it('keeps the first message per field and renames method fields to form fields', () => {
    const issues = [
      { path: 'hostname', message: 'Type the server address or its SSH alias.' },
      { path: 'hostname', message: 'second' },
      { path: 'port', message: 'Ports go from 1 to 65535.' }
    ]
    expect(fieldErrorsFromIssues(issues, { hostname: 'host' })).toEqual({
      host: 'Type the server address or its SSH alias.',
      port: 'Ports go from 1 to 65535.'
    })
  })

  it('reads issues defensively from an error body', () => {
    expect(issuesOf(undefined)).toEqual([])
    expect(issuesOf({ code: 'invalid-request', message: 'x', data: { issues: 'nope' } })).toEqual([])
    expect(
      issuesOf({ code: 'invalid-request', message: 'x', data: { issues: [{ path: 'user', message: 'm' }, { path: 1 }, null] } })
    ).toEqual([{ path: 'user', message: 'm' }])
  })

  it('finds issues that match no field on screen', () => {
    const issues = [
      { path: 'host', message: 'a' },
      { path: 'remember', message: 'b' }
    ]
    expect(unplacedIssues(issues, ['host', 'user'])).toEqual([{ path: 'remember', message: 'b' }])
  })
})

describe('the "Where is your server?" form', () => {
  it('builds servers.add input, leaving out empty optional fields', () => {
    const { input, errors } = sshAddInput({ ...emptyWhereForm, host: ' example.org ', user: 'root', port: '2222' })
    expect(errors).toEqual({})
    expect(input).toEqual({ kind: 'ssh', host: 'example.org', user: 'root', port: 2222, socketPath: '/var/run/docker.sock' })
  })

  it('reports problems with the contract’s own words, per field', () => {
    const { input, errors } = sshAddInput({ ...emptyWhereForm, host: '', port: 'abc', name: '../etc' })
    expect(input).toBeUndefined()
    expect(errors.host).toBe('Type the server address or its SSH alias.')
    expect(errors.port).toBe('The port is a whole number.')
    expect(errors.name).toMatch(/letters, digits/)
  })

  it('rejects out-of-range ports and relative socket paths', () => {
    const { errors } = sshAddInput({ ...emptyWhereForm, host: 'a.example', port: '70000', socketPath: 'docker.sock' })
    expect(errors.port).toBe('Ports go from 1 to 65535.')
    expect(errors.socketPath).toBe('The Docker socket path must start with /.')
  })

  it('says what the SSH settings changed', () => {
    expect(sshSettingsNote({ alias: 'vps', hostname: '203.0.113.5', user: 'root', port: 22 })).toBe(
      'From your SSH settings: address 203.0.113.5, user root, port 22'
    )
    expect(sshSettingsNote({ alias: 'vps', hostname: 'vps', user: 'root', port: 2222 })).toBe(
      'From your SSH settings: user root, port 2222'
    )
  })
})
