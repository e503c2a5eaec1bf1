// The user's own SSH keys: the ones already in ~/.ssh (to choose from), and a
// new ed25519 key made for someone who has none. A new key goes where OpenSSH
// and abra look without being told (~/.ssh/id_ed25519) when that name is free.

import crypto from 'node:crypto'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ParsedKey } from 'ssh2'
import { utils } from './ssh2'
import { fingerprintSha256 } from './known-hosts'
import { t } from '../i18n/i18n'

export interface KeyFileInfo {
  file: string
  /** e.g. ssh-ed25519; undefined when the key is locked and has no .pub beside it. */
  type?: string
  fingerprint?: string
  comment?: string
  /** Protected by a passphrase. */
  locked: boolean
}

export interface NewKey {
  file: string
  /** The authorized_keys line: "ssh-ed25519 AAAA… comment". */
  publicKey: string
  fingerprint: string
  passphrase: string
}

/** Ends the comment of every key this app makes, so it can tell its own keys. */
export const KEY_COMMENT_MARK = '(Co-op Cloud Desktop)'

// Private keys are small; anything bigger in ~/.ssh is not one.
const MAX_KEY_BYTES = 64 * 1024
const NOT_KEYS = new Set(['config', 'known_hosts', 'known_hosts.old', 'authorized_keys', 'authorized_keys2', 'environment'])

function parsePublicLine(line: string): { type: string; blob: Buffer; comment: string } | undefined {
  const m = /^(\S+)\s+([A-Za-z0-9+/=]+)(?:\s+(.*))?$/.exec(line.trim())
  if (!m) return undefined
  return { type: m[1], blob: Buffer.from(m[2], 'base64'), comment: (m[3] ?? '').trim() }
}

/** What a file holds, or undefined when it is not a private key ssh2 can use. */
export async function describeKeyFile(file: string): Promise<KeyFileInfo | undefined> {
  let data: Buffer
  try {
    const stat = await fs.stat(file)
    if (!stat.isFile() || stat.size > MAX_KEY_BYTES) return undefined
    data = await fs.readFile(file)
  } catch {
    return undefined
  }
  const parsed = utils.parseKey(data)
  const pub = await fs.readFile(`${file}.pub`, 'utf8').then(parsePublicLine, () => undefined)
  if (parsed instanceof Error) {
    if (!/no passphrase given/i.test(parsed.message)) return undefined
    return { file, locked: true, type: pub?.type, fingerprint: pub && fingerprintSha256(pub.blob), comment: pub?.comment }
  }
  const key = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey
  if (!key.isPrivateKey()) return undefined
  return { file, locked: false, type: key.type, fingerprint: fingerprintSha256(key.getPublicSSH()), comment: key.comment || pub?.comment }
}

/** The private keys in ~/.ssh, default names first, then by name. */
export async function listKeyFiles(sshDir: string): Promise<KeyFileInfo[]> {
  let names: string[]
  try {
    names = await fs.readdir(sshDir)
  } catch {
    return []
  }
  const candidates = names.filter((n) => !n.endsWith('.pub') && !NOT_KEYS.has(n) && !n.startsWith('.'))
  const found = (await Promise.all(candidates.map((n) => describeKeyFile(path.join(sshDir, n))))).filter((k): k is KeyFileInfo => k !== undefined)
  const rank = (f: string): number => {
    const i = ['id_ed25519', 'id_ecdsa', 'id_rsa'].indexOf(path.basename(f))
    return i < 0 ? 3 : i
  }
  return found.sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file))
}

/** The public line of a private key, from its .pub file or from the key itself. */
export async function publicKeyLine(file: string, passphrase?: string): Promise<string | undefined> {
  const pub = await fs.readFile(`${file}.pub`, 'utf8').catch(() => undefined)
  if (pub && parsePublicLine(pub)) return pub.trim()
  const parsed = utils.parseKey(await fs.readFile(file), passphrase)
  if (parsed instanceof Error) return undefined
  const key = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey
  return `${key.type} ${key.getPublicSSH().toString('base64')}${key.comment ? ` ${key.comment}` : ''}`
}

// The first free name: id_ed25519, which OpenSSH and abra try by themselves,
// else a name of our own (the caller then names it in ~/.ssh/config).
async function freeKeyName(sshDir: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const name = i === 0 ? 'id_ed25519' : i === 1 ? 'id_ed25519_coopcloud' : `id_ed25519_coopcloud_${i}`
    const taken = await Promise.all([name, `${name}.pub`].map((n) => fs.lstat(path.join(sshDir, n)).then(() => true, () => false)))
    if (!taken.includes(true)) return path.join(sshDir, name)
  }
  throw new Error(t('ssh.tooManyKeys', { dir: sshDir }))
}

/**
 * A new ed25519 key, locked with a random passphrase (kept by the caller in
 * the OS keychain). Written with exclusive create, so an existing key is
 * never overwritten, even by a key made at the same moment elsewhere.
 */
export async function createKey(sshDir: string): Promise<NewKey> {
  await fs.mkdir(sshDir, { recursive: true, mode: 0o700 })
  const passphrase = crypto.randomBytes(24).toString('base64url')
  const comment = `${os.userInfo().username}@${os.hostname()} ${KEY_COMMENT_MARK}`
  const pair = utils.generateKeyPairSync('ed25519', { comment, passphrase, cipher: 'aes256-ctr', rounds: 16 })
  for (let tries = 0; ; tries++) {
    const file = await freeKeyName(sshDir)
    let wrotePrivate = false
    try {
      await fs.writeFile(file, pair.private, { flag: 'wx', mode: 0o600 })
      wrotePrivate = true
      await fs.writeFile(`${file}.pub`, `${pair.public}\n`, { flag: 'wx', mode: 0o644 })
    } catch (err) {
      // Someone took the name between our look and our write: the private
      // half we wrote is removed, and the next free name is tried.
      if (wrotePrivate) await fs.rm(file, { force: true })
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && tries < 5) continue
      throw err
    }
    const pub = parsePublicLine(pair.public)!
    return { file, publicKey: pair.public.trim(), fingerprint: fingerprintSha256(pub.blob), passphrase }
  }
}
