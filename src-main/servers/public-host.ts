import type { Paths } from '../core/paths'
import { resolveSshHost } from '../ssh/config'
import { readServer } from './store'

/**
 * The host name or address a server is reached at from the internet, as
 * its connection dials it: an ~/.ssh/config alias becomes its HostName.
 * Undefined for this computer's own Docker, which has no public address.
 */
export async function publicHostOf(paths: Paths, env: NodeJS.ProcessEnv, server: string): Promise<string | undefined> {
  const s = await readServer(paths, server, { user: '' })
  if (s.kind === 'local') return undefined
  return resolveSshHost({ host: s.sshAlias ?? s.hostname }, { home: paths.home, env }).hostname
}
