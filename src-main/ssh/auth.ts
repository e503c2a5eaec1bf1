// Client authentication for one connection attempt: which keys to offer, in
// which order, and, when the server says no, what the user should do next.

import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { utils } from './ssh2'
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, NextAuthHandler, ParsedKey } from 'ssh2'
import { SshError, type SshErrorDetails } from './errors'
import { defaultIdentityFiles } from './config'

export interface Credentials {
  passphrase?: string
  password?: string
}

export interface LoadedKeys {
  usable: { file: string; key: ParsedKey }[]
  /** Encrypted and no passphrase was given. */
  locked: string[]
  /** Encrypted and the given passphrase did not open it. */
  wrongPassphrase: string[]
}

/** Explicit IdentityFile entries first, then the OpenSSH defaults that exist. */
export function identityCandidates(explicit: string[], home: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const f of [...explicit, ...defaultIdentityFiles(home)]) {
    const abs = path.resolve(f)
    if (seen.has(abs)) continue
    seen.add(abs)
    out.push(abs)
  }
  return out
}

export async function loadKeys(files: string[], passphrase?: string): Promise<LoadedKeys> {
  const result: LoadedKeys = { usable: [], locked: [], wrongPassphrase: [] }
  for (const file of files) {
    let data: Buffer
    try {
      data = await fs.readFile(file)
    } catch {
      continue // named in config but absent: OpenSSH carries on as well
    }
    let parsed = utils.parseKey(data)
    if (parsed instanceof Error && /no passphrase given/i.test(parsed.message)) {
      if (passphrase === undefined || passphrase === '') {
        result.locked.push(file)
        continue
      }
      parsed = utils.parseKey(data, passphrase)
      if (parsed instanceof Error) {
        result.wrongPassphrase.push(file)
        continue
      }
    }
    if (parsed instanceof Error) continue // not a key format ssh2 understands
    const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed
    if (!key.isPrivateKey()) continue
    result.usable.push({ file, key })
  }
  return result
}

export interface AuthUsed {
  method: 'none' | 'agent' | 'publickey' | 'password'
  /** The key file, for 'publickey'. */
  keyFile?: string
}

export interface AuthPlan {
  handler: AuthHandlerMiddleware
  /** The method of the latest attempt; after success, the one that worked. */
  current(): AuthUsed | undefined
  /** Call after the attempt fails during authentication. */
  failure(details: SshErrorDetails): SshError
  /** True once the server has answered at least one auth request. */
  started(): boolean
  /** The ways the server said this user may sign in (its latest answer); undefined if it never said. */
  serverMethods(): string[] | undefined
}

export interface AuthInput {
  user: string
  agentSocket?: string
  keys: LoadedKeys
  creds: Credentials
}

// Order: none (to learn which methods the server accepts), agent, key files,
// then the password (as "password", or "keyboard-interactive" when that is
// the only way the server takes one).
export function planAuth(input: AuthInput): AuthPlan {
  const { user, keys, creds } = input
  type Step = { needs: AuthenticationType[]; used: AuthUsed; make: () => AnyAuthMethod }
  const steps: Step[] = [{ needs: [], used: { method: 'none' }, make: () => ({ type: 'none', username: user }) }]
  if (input.agentSocket && existsSync(input.agentSocket)) {
    const agent = input.agentSocket
    steps.push({ needs: ['publickey'], used: { method: 'agent' }, make: () => ({ type: 'agent', username: user, agent }) })
  }
  for (const { key, file } of keys.usable) {
    steps.push({
      needs: ['publickey'],
      used: { method: 'publickey', keyFile: file },
      make: () => ({ type: 'publickey', username: user, key })
    })
  }
  let current: AuthUsed | undefined

  let methods: AuthenticationType[] | null = null
  let triedPassword = false
  let answered = false

  if (creds.password !== undefined) {
    const password = creds.password
    steps.push({
      needs: ['password'],
      used: { method: 'password' },
      make: () => {
        triedPassword = true
        return { type: 'password', username: user, password }
      }
    })
    steps.push({
      needs: ['keyboard-interactive'],
      used: { method: 'password' },
      make: () => {
        // Only when "password" was not on offer; otherwise it was just tried.
        triedPassword = true
        let round = 0
        return {
          type: 'keyboard-interactive',
          username: user,
          prompt: (_name, _instructions, _lang, prompts, finish) => {
            // Answer the first round's hidden prompts with the password; any
            // further round (e.g. a one-time code) we cannot answer.
            round++
            finish(prompts.map((p) => (round === 1 && !p.echo ? password : '')))
          }
        }
      }
    })
  }

  const handler: AuthHandlerMiddleware = (authsLeft, _partial, next: NextAuthHandler) => {
    if (authsLeft) {
      methods = authsLeft
      answered = true
    }
    while (steps.length) {
      const step = steps.shift()!
      const allowed = methods ?? []
      if (step.needs.length && methods && !step.needs.some((m) => allowed.includes(m))) continue
      // keyboard-interactive stands in for password only if password is not accepted
      if (step.needs[0] === 'keyboard-interactive' && methods?.includes('password')) continue
      current = step.used
      next(step.make())
      return
    }
    ;(next as unknown as (v: false) => void)(false)
  }

  const failure = (details: SshErrorDetails): SshError => {
    const serverMethods = methods ?? undefined
    const d = { ...details, serverMethods }
    const takesKeys = !methods || methods.includes('publickey')
    const takesPassword = !!methods && (methods.includes('password') || methods.includes('keyboard-interactive'))
    if (takesKeys && keys.wrongPassphrase.length) return new SshError('passphrase-wrong', { ...d, keyFile: keys.wrongPassphrase[0] })
    if (triedPassword) return new SshError('password-wrong', d)
    if (takesKeys && keys.locked.length) return new SshError('passphrase-needed', { ...d, keyFile: keys.locked[0] })
    if (takesPassword && creds.password === undefined) return new SshError('password-needed', d)
    return new SshError('auth-failed', d)
  }

  return { handler, failure, started: () => answered, current: () => current, serverMethods: () => methods ?? undefined }
}
