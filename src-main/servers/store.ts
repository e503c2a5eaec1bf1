import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Paths } from '../core/paths'
import { confinedPath } from '../core/confine'
import { writeFileAtomic } from '../core/files'
import { resolveSshHost } from '../ssh/config'

// Servers live where abra keeps them: a folder per server under
// ~/.abra/servers, and the connection in a docker context of the same name
// (as `abra server add` creates), so both tools see the same servers.

export const LOCAL_SERVER = 'default'
export const DEFAULT_SOCKET = '/var/run/docker.sock'

export interface StoredServer {
  name: string
  // What the user typed when adding it: an ~/.ssh/config alias keeps its
  // IdentityFile settings even when the server has another name in the app.
  sshAlias?: string
  /**
   * A key file to offer first, while the server is being added (the wizard's
   * "choose a key file" or a new key). Not stored here: once it has signed
   * in, ~/.ssh/config names it for the host, where abra finds it too.
   */
  identityFile?: string
  kind: 'ssh' | 'local'
  hostname: string
  user: string
  port: number
  socketPath: string
  appCount: number
}

interface ContextMeta {
  Name: string
  Metadata?: { CoopCloudDesktop?: { socketPath?: string; sshAlias?: string } } & Record<string, unknown>
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } }
}

function contextMetaFile(paths: Paths, name: string): string {
  const id = crypto.createHash('sha256').update(name).digest('hex')
  return path.join(paths.dockerConfigDir, 'contexts', 'meta', id, 'meta.json')
}

async function readContext(paths: Paths, name: string): Promise<ContextMeta | undefined> {
  try {
    return JSON.parse(await fs.readFile(contextMetaFile(paths, name), 'utf8')) as ContextMeta
  } catch {
    return undefined
  }
}

export function parseSshHost(host: string): { user?: string; hostname: string; port?: number } | undefined {
  let url: URL
  try {
    url = new URL(host)
  } catch {
    return undefined
  }
  if (url.protocol !== 'ssh:' || !url.hostname) return undefined
  return {
    user: url.username ? decodeURIComponent(url.username) : undefined,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : undefined
  }
}

async function countApps(paths: Paths, name: string): Promise<number> {
  try {
    // A server folder that leads outside ~/.abra/servers counts as empty.
    return (await fs.readdir(confinedPath(paths.serversDir, name))).filter((f) => f.endsWith('.env')).length
  } catch {
    return 0
  }
}

export async function readServer(paths: Paths, name: string, defaults: { user: string }): Promise<StoredServer> {
  const appCount = await countApps(paths, name)
  const ctx = await readContext(paths, name)
  const socketPath = ctx?.Metadata?.CoopCloudDesktop?.socketPath ?? DEFAULT_SOCKET
  const ssh = ctx?.Endpoints?.docker?.Host ? parseSshHost(ctx.Endpoints.docker.Host) : undefined
  if (name === LOCAL_SERVER && !ssh) {
    return { name, kind: 'local', hostname: 'localhost', user: defaults.user, port: 0, socketPath, appCount }
  }
  // abra may know a server only by its folder: then ~/.ssh/config says how to
  // reach it (its HostName, User and Port for that name), as ssh would.
  const viaConfig = ssh ? undefined : resolveSshHost(name, { home: paths.home, localUser: defaults.user })
  return {
    name,
    sshAlias: ctx?.Metadata?.CoopCloudDesktop?.sshAlias ?? name,
    kind: 'ssh',
    hostname: ssh?.hostname ?? viaConfig?.hostname ?? name,
    user: ssh?.user ?? viaConfig?.user ?? defaults.user,
    port: ssh?.port ?? viaConfig?.port ?? 22,
    socketPath,
    appCount
  }
}

export async function listServerNames(paths: Paths): Promise<string[]> {
  try {
    const entries = await fs.readdir(paths.serversDir, { withFileTypes: true })
    return entries
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => e.name)
      .filter((n) => !n.startsWith('.'))
      .sort()
  } catch {
    return []
  }
}

export async function serverExists(paths: Paths, name: string): Promise<boolean> {
  return (await listServerNames(paths)).includes(name)
}

export async function saveServer(
  paths: Paths,
  server: { name: string; sshAlias?: string; kind: 'ssh' | 'local'; hostname: string; user: string; port: number; socketPath: string }
): Promise<void> {
  await fs.mkdir(confinedPath(paths.serversDir, server.name), { recursive: true })
  if (server.kind === 'local' && server.socketPath === DEFAULT_SOCKET) return
  const host = server.kind === 'ssh' ? `ssh://${encodeURIComponent(server.user)}@${server.hostname.includes(':') ? `[${server.hostname}]` : server.hostname}:${server.port}` : `unix://${server.socketPath}`
  const meta: ContextMeta = {
    Name: server.name,
    Metadata: ownMetadata(server),
    Endpoints: { docker: { Host: host, SkipTLSVerify: false } }
  }
  const file = contextMetaFile(paths, server.name)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await writeFileAtomic(file, JSON.stringify(meta))
}

function ownMetadata(server: { name: string; sshAlias?: string; socketPath: string }): ContextMeta['Metadata'] {
  const own: { socketPath?: string; sshAlias?: string } = {}
  if (server.socketPath !== DEFAULT_SOCKET) own.socketPath = server.socketPath
  if (server.sshAlias && server.sshAlias !== server.name) own.sshAlias = server.sshAlias
  return Object.keys(own).length ? { CoopCloudDesktop: own } : {}
}

// Removing a server from the list never touches the server, and never loses
// the app settings (.env files) kept for it: those are set aside, not deleted.
export async function removeServer(paths: Paths, name: string): Promise<{ keptAppsIn?: string }> {
  const dir = confinedPath(paths.serversDir, name)
  await fs.rm(path.dirname(contextMetaFile(paths, name)), { recursive: true, force: true })
  if ((await countApps(paths, name)) === 0) {
    await fs.rm(dir, { recursive: true, force: true })
    return {}
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const kept = confinedPath(paths.abraDir, 'removed-servers', `${name}-${stamp}`)
  await fs.mkdir(path.dirname(kept), { recursive: true })
  await fs.rename(dir, kept)
  return { keptAppsIn: kept }
}
