// Which ways of signing in a server offers a user, asked the way OpenSSH
// does first: a "none" request, answered with the list of methods that may
// continue. Nothing is signed in and no secret is sent. The host key must be
// one on record, so the user name is told only to the real server.

import { Client } from './ssh2'
import { classifyNetworkError, SshError } from './errors'
import { checkHostKey, hostKeyAlgorithms, recordedKeyTypes } from './known-hosts'

export async function authMethods(target: { hostname: string; port: number; user: string; knownHostsFiles: string[]; timeoutMs?: number }): Promise<string[]> {
  const details = { host: target.hostname, port: target.port, user: target.user }
  const recorded = await recordedKeyTypes(target.hostname, target.port, target.knownHostsFiles)
  return new Promise<string[]>((resolve, reject) => {
    const client = new Client()
    let methods: string[] | undefined
    let refused: Error | undefined
    let settled = false
    const settle = (err?: Error): void => {
      if (settled) return
      settled = true
      client.on('error', () => {})
      client.end()
      if (methods) resolve(methods)
      else reject(refused ?? err ?? new SshError('closed', details))
    }
    client.on('error', (err) => settle(methods ? undefined : classifyNetworkError(err, details)))
    client.on('close', () => settle())
    // A server that lets the user in with "none" asks for nothing at all.
    client.on('ready', () => {
      methods = ['none']
      settle()
    })
    let asked = false
    client.connect({
      host: target.hostname,
      port: target.port,
      username: target.user,
      readyTimeout: target.timeoutMs ?? 10_000,
      algorithms: { serverHostKey: hostKeyAlgorithms(recorded) as never },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        checkHostKey({ host: target.hostname, port: target.port, keyBlob: key, files: target.knownHostsFiles }).then(
          (res) => {
            if (res.status !== 'known') refused = new SshError(res.status === 'unknown' ? 'host-key-unknown' : 'host-key-changed', details)
            verify(res.status === 'known')
          },
          (err: unknown) => {
            refused = classifyNetworkError(err, details)
            verify(false)
          }
        )
      },
      authHandler: (left, _partial, next) => {
        if (!asked) {
          asked = true
          return next({ type: 'none', username: target.user })
        }
        methods = left ?? []
        settle()
        ;(next as unknown as (v: false) => void)(false)
      }
    })
  })
}

export const takesPasswords = (methods: string[]): boolean => methods.includes('password') || methods.includes('keyboard-interactive')
