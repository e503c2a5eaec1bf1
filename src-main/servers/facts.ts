import type Docker from 'dockerode'
import { errorWords, toErrorBody } from '../contract/errors'
import { parseKeyValues, shellQuote, withTimeout } from '../core/shell'
import { t } from '../i18n/i18n'
import type { ServerFacts } from './checks'
import type { ServerConn } from './connections'
import type { StoredServer } from './store'
import { takesPasswords } from '../ssh/auth-methods'
import { hardeningFacts } from './hardening'
import { hardeningProbeScript } from './hardening-scripts'

// One shell round trip tells what the Docker API can't: whether Docker is
// installed at all, whether the socket is there and ours to use, and whether
// we could install things (root or passwordless sudo on Debian/Ubuntu).
export function probeScript(socketPath: string): string {
  const s = shellQuote(socketPath)
  return [
    `if command -v docker >/dev/null 2>&1 || command -v dockerd >/dev/null 2>&1; then echo docker_installed=1; else echo docker_installed=0; fi`,
    `if [ -S ${s} ]; then echo socket_exists=1; else echo socket_exists=0; fi`,
    `if [ -r ${s} ] && [ -w ${s} ]; then echo socket_access=1; else echo socket_access=0; fi`,
    `echo user=$(id -un)`,
    `if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then echo admin=1; else echo admin=0; fi`,
    `if [ -r /etc/os-release ]; then . /etc/os-release; echo os_id=$ID; echo os_like=$ID_LIKE; fi`
  ].join('\n')
}

export function canPrepareFrom(kv: Record<string, string>): boolean {
  const debianLike = ['debian', 'ubuntu'].includes(kv.os_id ?? '') || (kv.os_like ?? '').split(/\s+/).includes('debian')
  return kv.admin === '1' && debianLike
}

const API_TIMEOUT = 15_000
const timeoutError = (): Error => new Error(t('servers.facts.dockerTimeout'))

export async function dockerFacts(docker: Docker): Promise<Pick<ServerFacts, 'api' | 'swarm' | 'proxyNetwork' | 'reverseProxy'>> {
  let version: string
  try {
    version = (await withTimeout(docker.version(), API_TIMEOUT, timeoutError)).Version
  } catch (err) {
    return { api: { ok: false, message: errorWords(err) } }
  }
  const info = await withTimeout(docker.info(), API_TIMEOUT, timeoutError)
  const sw = info.Swarm ?? {}
  const swarm = {
    state: String(sw.LocalNodeState ?? 'inactive'),
    role: sw.LocalNodeState === 'active' ? (sw.ControlAvailable ? ('manager' as const) : ('worker' as const)) : undefined,
    nodes: typeof sw.Nodes === 'number' ? sw.Nodes : undefined
  }
  if (swarm.role !== 'manager') return { api: { ok: true, version }, swarm }
  const [networks, services] = await Promise.all([
    withTimeout(docker.listNetworks({ filters: { name: ['proxy'] } }), API_TIMEOUT, timeoutError),
    withTimeout(docker.listServices(), API_TIMEOUT, timeoutError)
  ])
  const proxy = networks.find((n) => n.Name === 'proxy')
  const rp = services.find((s) => /(^|\/)(traefik|caddy)(:|@|$)/.test((s.Spec?.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined)?.ContainerSpec?.Image ?? ''))
  return {
    api: { ok: true, version },
    swarm,
    proxyNetwork: { exists: Boolean(proxy), driver: proxy?.Driver },
    reverseProxy: rp ? { service: rp.Spec?.Name ?? 'traefik' } : null
  }
}

export async function gatherFacts(server: StoredServer, open: () => Promise<ServerConn>): Promise<ServerFacts> {
  const label = server.kind === 'local' ? 'this computer' : `${server.user}@${server.hostname}`
  const base = { kind: server.kind, label, socketPath: server.socketPath }
  let conn: ServerConn
  try {
    conn = await open()
  } catch (err) {
    return { ...base, ssh: { ok: false, error: toErrorBody(err) } }
  }
  const [probe, docker, hardening] = await Promise.all([
    conn.exec(probeScript(server.socketPath), { timeoutMs: API_TIMEOUT }).catch(() => undefined),
    dockerFacts(conn.docker()),
    server.kind === 'ssh' ? conn.exec(hardeningProbeScript(), { timeoutMs: API_TIMEOUT }).catch(() => undefined) : undefined
  ])
  // Learnt when the link signed in: no second connection to ask.
  const used = conn.signedInWith()
  const methods = conn.signInMethods()
  const kv = probe ? parseKeyValues(probe.stdout) : {}
  return {
    ...base,
    ssh: { ok: true },
    ...docker,
    dockerInstalled: probe ? kv.docker_installed === '1' : undefined,
    socketExists: probe ? kv.socket_exists === '1' : undefined,
    socketAccessible: probe ? kv.socket_access === '1' : undefined,
    canPrepare: server.kind === 'ssh' && canPrepareFrom(kv),
    user: kv.user,
    signIn: methods && { passwords: takesPasswords(methods), byKey: used?.method === 'publickey' || used?.method === 'agent' },
    hardening: server.kind !== 'ssh' ? undefined : hardening?.code === 0 ? hardeningFacts(parseKeyValues(hardening.stdout)) : 'unknown'
  }
}
