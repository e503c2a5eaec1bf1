import fs from 'node:fs/promises'
import path from 'node:path'
import { Mutex } from 'async-mutex'
import type { Handlers } from '../api/dispatch'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import type { Paths } from '../core/paths'
import { t } from '../i18n/i18n'
import { passphraseAccount, type Keychain } from '../keychain/keychain'
import { SshError } from '../ssh/errors'
import { createKey, describeKeyFile, KEY_COMMENT_MARK, listKeyFiles, publicKeyLine } from '../ssh/keys'
import { SshLink } from '../ssh/link'
import { installKeyScript } from './install-key'
import type { ServerConn } from './connections'
import type { StoredServer } from './store'

// "Choose a key file" and "I don't have a key": the user's keys, a new one,
// and putting a public key on a server with a password used once.

type KeyHandlers = Pick<Handlers, 'keys.list' | 'keys.create'>

export function keyHandlers(deps: { paths: Paths; keychain: Keychain }): KeyHandlers {
  // One at a time: a second "I don't have a key" arriving meanwhile (two
  // windows, a double click) gets the key the first one made, not another.
  const making = new Mutex()
  return {
    'keys.list': async () => listKeyFiles(deps.paths.sshDir),
    'keys.create': () => making.runExclusive(async () => {
      // A key this app made before (its passphrase is in our keychain) is
      // handed out again: "I don't have a key" twice must not leave two.
      for (const k of await listKeyFiles(deps.paths.sshDir)) {
        if (!k.comment?.endsWith(KEY_COMMENT_MARK) || !k.fingerprint) continue
        const passphrase = await deps.keychain.get(passphraseAccount(k.file))
        const publicKey = passphrase ? await publicKeyLine(k.file, passphrase) : undefined
        if (publicKey) return { keyFile: k.file, publicKey, fingerprint: k.fingerprint }
      }
      const key = await createKey(deps.paths.sshDir)
      // The key is locked; its passphrase lives only in the keychain, from
      // where the connection takes it when the key is asked for.
      try {
        await deps.keychain.set(passphraseAccount(key.file), key.passphrase)
      } catch (err) {
        // Without its passphrase the key could never be unlocked: take both
        // files away again and report the keychain's own error.
        await Promise.all([fs.rm(key.file, { force: true }), fs.rm(`${key.file}.pub`, { force: true })])
        if (err instanceof ApiError) throw err
        throw new ApiError(
          'keychain-unavailable',
          t('servers.keys.keychainRefused'),
          err instanceof Error ? err.message : String(err)
        )
      }
      return { keyFile: key.file, publicKey: key.publicKey, fingerprint: key.fingerprint }
    })
  }
}

/** A key file the caller named, proven to be under the user's home and to hold a private key. */
export async function keyFileInHome(home: string, file: string): Promise<string> {
  // "~/.ssh/key" as people write it; relative names are from the home folder too.
  const abs = path.resolve(home, file.replace(/^~(?=\/|$)/, home))
  const inside = confinedPath(home, path.relative(home, abs) || '.')
  if (!(await describeKeyFile(inside))) {
    throw new ApiError('key-file-unusable', t('servers.keys.unusable', { file: inside }))
  }
  return inside
}

/** The key's public line, with its passphrase from the caller or the keychain. */
async function publicLineOf(server: StoredServer, keyFile: string, keychain: Keychain, passphrase?: string): Promise<string> {
  const line = await publicKeyLine(keyFile, passphrase ?? (await keychain.get(passphraseAccount(keyFile))))
  if (!line) throw new SshError('passphrase-needed', { host: server.hostname, port: server.port, user: server.user, keyFile })
  return line
}

/** Adds the line to authorized_keys through a signed-in connection's `exec`. */
async function addLine(exec: (cmd: string, opts: { timeoutMs: number }) => Promise<{ code: number; stdout: string; stderr: string }>, line: string): Promise<'added' | 'present'> {
  const res = await exec(installKeyScript(line), { timeoutMs: 30_000 })
  const said = res.stdout.trim()
  if (res.code !== 0 || (said !== 'added' && said !== 'present')) {
    throw new ApiError(
      'key-install-failed',
      t('servers.keys.installFailed'),
      `exit ${res.code}: ${res.stderr.slice(-1000)}`
    )
  }
  return said
}

/** For a server the app already signs in to (with a password): the key added through that connection. */
export async function addKeyOver(conn: ServerConn, keyFile: string, keychain: Keychain): Promise<'added' | 'present'> {
  return addLine((cmd, opts) => conn.exec(cmd, opts), await publicLineOf(conn.server, keyFile, keychain))
}

/**
 * Signs in once with the password alone (no keys, no agent: this is about
 * the password) and adds the key's public line to the server's
 * authorized_keys. The caller then proves the key with a fresh sign-in.
 */
export async function putKeyOnServer(
  server: StoredServer,
  keyFile: string,
  secrets: { password: string; passphrase?: string },
  deps: { home: string; knownHostsFiles: string[]; keychain: Keychain }
): Promise<'added' | 'present'> {
  const line = await publicLineOf(server, keyFile, deps.keychain, secrets.passphrase)
  const link = new SshLink({
    hostname: server.hostname,
    port: server.port,
    user: server.user,
    identityFiles: [],
    defaultIdentities: false,
    home: deps.home,
    knownHostsFiles: deps.knownHostsFiles
  })
  try {
    try {
      await link.connect({ password: secrets.password })
    } catch (err) {
      // No password tried means the server takes none.
      if (err instanceof SshError && (err.code === 'auth-failed' || err.code === 'password-needed')) {
        throw new ApiError(
          'password-not-accepted',
          t('servers.keys.noPasswords', { host: server.hostname })
        )
      }
      throw err
    }
    return await addLine((cmd, opts) => link.exec(cmd, opts), line)
  } finally {
    await link.close()
  }
}
