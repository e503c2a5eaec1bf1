// Turns what the user typed (an address or an alias from ~/.ssh/config) into
// concrete connection settings, so servers set up for the terminal `ssh`
// work here the same way.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SSHConfig from 'ssh-config'

export interface SshTarget {
  /** Hostname, IP address or ~/.ssh/config alias. */
  host: string
  user?: string
  port?: number
}

export interface ResolveOptions {
  home?: string
  /** Use this instead of reading <home>/.ssh/config (tests, previews). */
  configText?: string
  /** Environment for SSH_AUTH_SOCK and ${VAR} in IdentityAgent. */
  env?: NodeJS.ProcessEnv
  /** Local account name, the default remote user. */
  localUser?: string
}

export interface ResolvedSshHost {
  /** What the user typed, before HostName substitution. */
  alias: string
  hostname: string
  user: string
  port: number
  /** IdentityFile entries from the config, expanded. Defaults not included. */
  identityFiles: string[]
  agentSocket?: string
  connectTimeoutMs?: number
  /**
   * IdentitiesOnly: offer only identityFiles. Pass to SshLink as
   * `defaultIdentities: false` and leave agentSocket out (OpenSSH would still
   * use agent keys matching the files; we keep it simpler and stricter).
   */
  identitiesOnly: boolean
}

/** Keys OpenSSH tries when the config names none, in its order. */
export function defaultIdentityFiles(home: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => path.join(home, '.ssh', f))
}

/**
 * Accepts "host", "user@host", "host:port", "user@host:port" and
 * "[v6addr]:port". A bare IPv6 address is left whole.
 */
export function parseTarget(text: string): SshTarget {
  let rest = text.trim().replace(/^ssh:\/\//, '')
  let user: string | undefined
  const at = rest.lastIndexOf('@')
  if (at > 0) {
    user = rest.slice(0, at)
    rest = rest.slice(at + 1)
  }
  let port: number | undefined
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest)
  if (bracketed) {
    rest = bracketed[1]
    if (bracketed[2]) port = Number(bracketed[2])
  } else {
    const m = /^([^:]+):(\d+)$/.exec(rest)
    if (m) {
      rest = m[1]
      port = Number(m[2])
    }
  }
  return { host: rest, user, port }
}

function localUserName(): string {
  try {
    return os.userInfo().username
  } catch {
    // No passwd entry (some containers): fall back like OpenSSH's getenv use.
    return process.env.USER || process.env.USERNAME || 'root'
  }
}

interface TokenContext {
  home: string
  localUser: string
  hostname: string
  remoteUser: string
  port: number
  alias: string
}

// ssh_config(5) TOKENS, only the ones that matter for paths we use.
function expandTokens(value: string, t: TokenContext): string {
  return value.replace(/%([%dhnpru])/g, (_, c: string) => {
    switch (c) {
      case '%':
        return '%'
      case 'd':
        return t.home
      case 'h':
        return t.hostname
      case 'n':
        return t.alias
      case 'p':
        return String(t.port)
      case 'r':
        return t.remoteUser
      case 'u':
        return t.localUser
    }
    return _
  })
}

function expandTilde(value: string, home: string): string {
  if (value === '~') return home
  if (value.startsWith('~/')) return path.join(home, value.slice(2))
  return value
}

function expandEnv(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '')
}

// ssh-config's compute() ignores Include, so splice included files into the
// text. Relative paths are relative to ~/.ssh, as for user config files.
function inlineIncludes(text: string, home: string, depth = 0): string {
  if (depth > 8) return text // OpenSSH also caps include depth
  return text
    .split(/\r?\n/)
    .map((line) => {
      const m = /^\s*include\s*(?:=\s*)?(.+)$/i.exec(line)
      if (!m) return line
      const parts = m[1].trim().split(/\s+/).map((p) => p.replace(/^"|"$/g, ''))
      const chunks: string[] = []
      for (const part of parts) {
        const full = path.resolve(path.join(home, '.ssh'), expandTilde(part, home))
        for (const file of globFiles(full)) {
          try {
            chunks.push(inlineIncludes(readFileSync(file, 'utf8'), home, depth + 1))
          } catch {
            // unreadable include: OpenSSH ignores missing ones too
          }
        }
      }
      return chunks.join('\n')
    })
    .join('\n')
}

// Enough glob for "config.d/*" style includes: wildcards in the last part.
function globFiles(pattern: string): string[] {
  const dir = path.dirname(pattern)
  const base = path.basename(pattern)
  if (!/[*?]/.test(base)) return existsSync(pattern) ? [pattern] : []
  const re = new RegExp('^' + base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$')
  try {
    return readdirSync(dir)
      .filter((f) => re.test(f))
      .sort()
      .map((f) => path.join(dir, f))
  } catch {
    return []
  }
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}

export function resolveSshHost(input: SshTarget | string, opts: ResolveOptions = {}): ResolvedSshHost {
  const target = typeof input === 'string' ? parseTarget(input) : input
  const home = opts.home ?? os.homedir()
  const env = opts.env ?? process.env
  const localUser = opts.localUser ?? localUserName()

  let text = opts.configText
  if (text === undefined) {
    try {
      text = readFileSync(path.join(home, '.ssh', 'config'), 'utf8')
    } catch {
      text = ''
    }
  }
  const config = SSHConfig.parse(inlineIncludes(text, home))
  // matchExec off: `Match exec` would run shell commands synchronously and
  // block the app's main process.
  const computed = config.compute(
    { Host: target.host, User: target.user },
    { ignoreCase: true, matchExec: false }
  ) as Record<string, string | string[] | undefined>

  const user = target.user ?? first(computed.user) ?? localUser
  const configPort = Number(first(computed.port))
  const port = target.port ?? (Number.isInteger(configPort) && configPort > 0 ? configPort : 22)
  const t0: TokenContext = { home, localUser, hostname: target.host, remoteUser: user, port, alias: target.host }
  const rawHostName = first(computed.hostname)
  const hostname = rawHostName ? expandTokens(rawHostName, t0) : target.host
  const t: TokenContext = { ...t0, hostname }

  const rawIds = computed.identityfile
  const identityFiles = (Array.isArray(rawIds) ? rawIds : rawIds ? [rawIds] : [])
    .filter((f) => f.toLowerCase() !== 'none')
    .map((f) => path.resolve(home, expandTilde(expandTokens(expandEnv(f, env), t), home)))

  let agentSocket: string | undefined
  const agentSetting = first(computed.identityagent)
  if (agentSetting === undefined || agentSetting === 'SSH_AUTH_SOCK') {
    agentSocket = env.SSH_AUTH_SOCK || undefined
  } else if (agentSetting.toLowerCase() !== 'none') {
    const v = agentSetting.startsWith('$') ? (env[agentSetting.slice(1)] ?? '') : expandEnv(agentSetting, env)
    agentSocket = v ? expandTilde(expandTokens(v, t), home) : undefined
  }

  const timeoutSec = Number(first(computed.connecttimeout))
  const connectTimeoutMs = Number.isFinite(timeoutSec) && timeoutSec > 0 ? timeoutSec * 1000 : undefined

  const identitiesOnly = first(computed.identitiesonly)?.toLowerCase() === 'yes'

  return { alias: target.host, hostname, user, port, identityFiles, agentSocket, connectTimeoutMs, identitiesOnly }
}
