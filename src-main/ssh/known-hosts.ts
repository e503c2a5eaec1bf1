// OpenSSH known_hosts reading and writing (format: sshd(8) "SSH_KNOWN_HOSTS
// FILE FORMAT"). We read the user's ~/.ssh/known_hosts so servers they already
// use from a terminal are recognised, but only ever write our own file.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'

export const APP_KNOWN_HOSTS = 'coopcloud-desktop_known_hosts'

export interface KnownHostEntry {
  marker?: 'revoked' | 'cert-authority'
  /** Comma-separated host patterns, or a hashed `|1|salt|hash` field. */
  hosts: string
  keyType: string
  keyBase64: string
  file?: string
  line: number
}

export type HostKeyCheck =
  | { status: 'known' }
  | { status: 'unknown' }
  | {
      status: 'changed'
      knownFingerprint: string
      /** Type of the key on record (differs from the presented one when `otherType`). */
      knownKeyType: string
      /** The server showed a key of a type we have no record of, while keys of other types are on record. */
      otherType?: boolean
      file?: string
      line: number
    }
  | { status: 'revoked'; file?: string; line: number }

/** The two files we consult, in the order OpenSSH would. */
export function knownHostsFiles(home: string): string[] {
  return [path.join(home, '.ssh', 'known_hosts'), path.join(home, '.ssh', APP_KNOWN_HOSTS)]
}

/** "SHA256:<base64 without padding>", the same string `ssh-keygen -lf` prints. */
export function fingerprintSha256(keyBlob: Buffer | string): string {
  const blob = typeof keyBlob === 'string' ? Buffer.from(keyBlob, 'base64') : keyBlob
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')
}

/** The algorithm name embedded at the start of an SSH public key blob. */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined
  const len = blob.readUInt32BE(0)
  if (len === 0 || len > 64 || blob.length < 4 + len) return undefined
  return blob.subarray(4, 4 + len).toString('latin1')
}

/** The name a host is filed under: bare for port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port = 22): string {
  const h = host.toLowerCase()
  return port === 22 ? h : `[${h}]:${port}`
}

export function parseKnownHosts(text: string, file?: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim()
    if (!raw || raw.startsWith('#')) continue
    const fields = raw.split(/\s+/)
    let marker: KnownHostEntry['marker']
    if (fields[0].startsWith('@')) {
      const m = fields.shift()
      if (m === '@revoked') marker = 'revoked'
      else if (m === '@cert-authority') marker = 'cert-authority'
      else continue // unknown marker: OpenSSH skips the line too
    }
    if (fields.length < 3) continue
    const [hosts, keyType, keyBase64] = fields
    out.push({ marker, hosts, keyType, keyBase64, file, line: i + 1 })
  }
  return out
}

function globToRegExp(pattern: string): RegExp {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${re}$`, 'i')
}

function hashedMatches(field: string, name: string): boolean {
  // |1|base64(salt)|base64(HMAC-SHA1(salt, name))
  const parts = field.split('|')
  if (parts.length !== 4 || parts[1] !== '1') return false
  const salt = Buffer.from(parts[2], 'base64')
  const want = Buffer.from(parts[3], 'base64')
  const got = createHmac('sha1', salt).update(name).digest()
  return want.length === got.length && timingSafeEqual(want, got)
}

/** Does this entry's host field cover `name` (already in `[host]:port` form)? */
export function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.startsWith('|')) return hashedMatches(entry.hosts, name)
  let matched = false
  for (const pattern of entry.hosts.split(',')) {
    if (!pattern) continue
    const negated = pattern.startsWith('!')
    const p = negated ? pattern.slice(1) : pattern
    if (globToRegExp(p).test(name)) {
      if (negated) return false // a negated match vetoes the whole line
      matched = true
    }
  }
  return matched
}

/** A hashed host field the way `ssh-keygen -H` writes it. */
export function hashHostName(name: string, salt: Buffer): string {
  const mac = createHmac('sha1', salt).update(name).digest('base64')
  return `|1|${salt.toString('base64')}|${mac}`
}

async function readEntries(files: string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = []
  for (const file of files) {
    let text: string
    try {
      text = await fs.readFile(file, 'utf8')
    } catch {
      continue // a missing file just has no entries
    }
    all.push(...parseKnownHosts(text, file))
  }
  return all
}

export interface CheckHostKeyInput {
  host: string
  port?: number
  /** Optional: taken from the blob when omitted. */
  keyType?: string
  keyBlob: Buffer
  files: string[]
}

// Follows OpenSSH's check_key_in_hostkeys: a revoked key is refused; any
// recorded key equal to the presented one makes it known; a recorded key of
// the same type that differs means it changed. Unlike a plain "unknown", a
// key of a new type for a host that already has keys on record also counts
// as changed: the connection offers the recorded types first (see
// hostKeyAlgorithms), so a server that still had its recorded key would have
// shown it. Trusting the new one on a first-time prompt would let a man in
// the middle who only holds a key of another type through.
export async function checkHostKey(input: CheckHostKeyInput): Promise<HostKeyCheck> {
  const name = hostKeyName(input.host, input.port ?? 22)
  const presented = input.keyBlob.toString('base64')
  const type = keyTypeOfBlob(input.keyBlob) ?? input.keyType
  const entries = await readEntries(input.files)

  for (const e of entries) {
    if (e.marker === 'revoked' && e.keyBase64 === presented) {
      return { status: 'revoked', file: e.file, line: e.line }
    }
  }
  let sameType: HostKeyCheck | undefined
  let otherType: HostKeyCheck | undefined
  for (const e of entries) {
    // Host certificates are not supported by ssh2, so CA lines can't vouch.
    if (e.marker) continue
    if (!entryMatchesHost(e, name)) continue
    if (e.keyBase64 === presented) return { status: 'known' }
    const recordedType = recordedTypeOf(e)
    const verdict = { status: 'changed' as const, knownFingerprint: fingerprintSha256(e.keyBase64), knownKeyType: recordedType, file: e.file, line: e.line }
    if (recordedType === type) sameType ??= verdict
    else otherType ??= { ...verdict, otherType: true }
  }
  return sameType ?? otherType ?? { status: 'unknown' }
}

function recordedTypeOf(e: KnownHostEntry): string {
  return keyTypeOfBlob(Buffer.from(e.keyBase64, 'base64')) ?? e.keyType
}

/**
 * Record a host key in the app's own known_hosts file. A previous key of the
 * same type for the same host is dropped so a replaced key stops being trusted.
 */
export function trustHostKey(
  appFile: string,
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer | string
): Promise<void> {
  // Serialise writers in this process so two trusts can't drop each other.
  const prev = writeQueue.get(appFile) ?? Promise.resolve()
  const next = prev.catch(() => {}).then(() => writeTrust(appFile, host, port, keyType, keyBlob))
  writeQueue.set(appFile, next)
  void next.finally(() => {
    if (writeQueue.get(appFile) === next) writeQueue.delete(appFile)
  }).catch(() => {})
  return next
}

const writeQueue = new Map<string, Promise<void>>()

async function writeTrust(
  appFile: string,
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer | string
): Promise<void> {
  const blob = typeof keyBlob === 'string' ? Buffer.from(keyBlob, 'base64') : keyBlob
  const type = keyTypeOfBlob(blob) ?? keyType
  const name = hostKeyName(host, port)
  await fs.mkdir(path.dirname(appFile), { recursive: true, mode: 0o700 })

  let existing = ''
  try {
    existing = await fs.readFile(appFile, 'utf8')
  } catch {
    // first key ever
  }
  const kept = existing.split(/\r?\n/).filter((line) => {
    const [entry] = parseKnownHosts(line)
    if (!entry || entry.marker) return line.trim() !== ''
    const sameType = recordedTypeOf(entry) === type
    return !(sameType && entryMatchesHost(entry, name))
  })
  kept.push(`${name} ${type} ${blob.toString('base64')}`)

  // Write-then-rename so a crash never leaves a half-written file behind.
  const tmp = `${appFile}.${process.pid}.${Date.now()}.tmp`
  await fs.writeFile(tmp, kept.join('\n') + '\n', { mode: 0o600 })
  await fs.rename(tmp, appFile)
}

/**
 * Key types already on record for a host. They are offered first during key
 * exchange (as OpenSSH does), so a server we trust shows the key we know
 * rather than one of another type, which would count as changed.
 */
export async function recordedKeyTypes(host: string, port: number, files: string[]): Promise<string[]> {
  const name = hostKeyName(host, port)
  const types = new Set<string>()
  for (const e of await readEntries(files)) {
    if (e.marker || !entryMatchesHost(e, name)) continue
    types.add(recordedTypeOf(e))
  }
  return [...types]
}

// The host key algorithms ssh2 offers by default, strongest first.
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa'
]

/**
 * The host key algorithms to offer, the recorded types first (OpenSSH's
 * order_hostkeyalgs). The server picks the first one it has, so it shows the
 * key we know whenever it still has it; a key of another type then means the
 * recorded one is gone, which checkHostKey reports as changed.
 */
export function hostKeyAlgorithms(recorded: string[]): string[] {
  const first: string[] = []
  for (const t of recorded) {
    // An "ssh-rsa" record is the same key whichever RSA signature hash is used.
    const algos = t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]
    for (const a of algos) if (HOST_KEY_ALGORITHMS.includes(a) && !first.includes(a)) first.push(a)
  }
  return [...first, ...HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))]
}
