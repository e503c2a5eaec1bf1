// Once a key has signed in to a server, OpenSSH and abra must use it too: a
// key at a default name (~/.ssh/id_ed25519…) they find by themselves; any
// other is named for that host in ~/.ssh/config, as a careful admin would.

import { promises as fs } from 'node:fs'
import path from 'node:path'
import { Mutex } from 'async-mutex'
import SSHConfig from 'ssh-config'
import { writeFileAtomic } from '../core/files'
import { defaultIdentityFiles, resolveSshHost } from '../ssh/config'

// Two servers added at once must not each write the file over the other.
const writing = new Mutex()

/** "~/.ssh/x" for a file under home (as people write it), else the path as is. */
function tilde(file: string, home: string): string {
  const rel = path.relative(home, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file
}

/**
 * Makes `keyFile` one of the keys offered to `alias`. Returns true when
 * ~/.ssh/config was changed. The new section goes before the first Host or
 * Match section (after any settings for all hosts), where OpenSSH reads it
 * before a catch-all `Host *`.
 */
export async function rememberKeyFor(home: string, alias: string, keyFile: string): Promise<boolean> {
  const file = path.resolve(keyFile)
  if (defaultIdentityFiles(home).includes(file)) return false
  return writing.runExclusive(async () => {
    const configFile = path.join(home, '.ssh', 'config')
    const text = await fs.readFile(configFile, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return ''
      throw err
    })
    if (resolveSshHost({ host: alias }, { home, configText: text, env: {} }).identityFiles.includes(file)) return false
    const config = SSHConfig.parse(text)
    config.prepend({ Host: alias, IdentityFile: tilde(file, home) }, true)
    const mode = await fs.stat(configFile).then((s) => s.mode & 0o777, () => 0o600)
    await fs.mkdir(path.dirname(configFile), { recursive: true, mode: 0o700 })
    await writeFileAtomic(configFile, config.toString(), mode)
    return true
  })
}
