import crypto from 'node:crypto'
import os from 'node:os'
import type { Handlers } from '../api/dispatch'
import type { EventBus } from '../api/events'
import { ApiError, toErrorBody } from '../contract/errors'
import type { ServerSummary } from '../contract/schemas'
import type { Jobs } from '../core/jobs'
import type { Paths } from '../core/paths'
import { withTimeout } from '../core/shell'
import type { Keychain } from '../keychain/keychain'
import { resolveSshHost } from '../ssh/config'
import { checkHostKey, trustHostKey } from '../ssh/known-hosts'
import { SshLink } from '../ssh/link'
import { localInterfaces, parseIpAddr, rankAddresses } from './addresses'
import { evaluateChecks } from './checks'
import { Connections, type Credentials, type MachineConn, type ServerConn, type SwarmMachine } from './connections'
import { addKeyOver, keyFileInHome, putKeyOnServer } from './keys'
import { passwordOffSteps, turnOffPasswords } from './password-off'
import { autoUpdatesSteps, firewallSteps, reached, turnOnAutoUpdates, turnOnFirewall } from './hardening'
import { t } from '../i18n/i18n'
import { authMethods } from '../ssh/auth-methods'
import { rememberKeyFor } from './remember-key'
import { gatherFacts } from './facts'
import { prepareServer, prepareSteps } from './prepare'
import { DEFAULT_SOCKET, LOCAL_SERVER, listServerNames, readServer, removeServer, saveServer, serverExists, type StoredServer } from './store'

type ServerHandlers = Omit<Pick<Handlers, Extract<keyof Handlers, `servers.${string}`>>, 'servers.deployProxy' | 'servers.prepareProxy' | 'servers.cleanupPreview' | 'servers.cleanup' | 'servers.cleanupResult'>
// (The clean-up methods are served by servers/cleanup/, composed in core.ts.)

interface Probe {
  hostname: string
  port: number
  keyType: string
  keyBase64: string
  fingerprint: string
  expires: number
}

interface DockerSummary {
  dockerVersion?: string
  swarmRole?: 'manager' | 'worker' | 'none'
  nodeCount?: number
}

const LIST_WAIT_MS = 4000

export function serverHandlers(deps: { paths: Paths; env: NodeJS.ProcessEnv; events: EventBus; jobs: Jobs; keychain: Keychain }): {
  handlers: ServerHandlers
  connections: Connections
  /** The one connection to a stored server, opened if needed. */
  open: (name: string) => Promise<ServerConn>
  /** Another machine of the server's swarm, reached through the server's link (ssh -J), opened if needed. */
  openMachine: (name: string, machine: SwarmMachine) => Promise<MachineConn>
} {
  const { paths, events, jobs } = deps
  const connections = new Connections(paths, deps.env, events, deps.keychain)
  const probes = new Map<string, Probe>()
  const dockerCache = new Map<string, DockerSummary>()
  const osUser = (): string => os.userInfo().username

  const load = async (name: string): Promise<StoredServer> => {
    if (!(await serverExists(paths, name))) {
      throw new ApiError('not-found', t('servers.service.noSuchServer', { name }))
    }
    return readServer(paths, name, { user: osUser() })
  }

  const open = async (name: string, creds?: Credentials): Promise<ServerConn> => connections.open(await load(name), creds)
  const openMachine = async (name: string, machine: SwarmMachine): Promise<MachineConn> => connections.openMachine(await load(name), machine)

  const refreshDocker = async (conn: ServerConn): Promise<DockerSummary> => {
    const docker = conn.docker()
    const [version, info] = await Promise.all([docker.version(), docker.info()])
    const sw = info.Swarm ?? {}
    const summary: DockerSummary = {
      dockerVersion: version.Version,
      swarmRole: sw.LocalNodeState === 'active' ? (sw.ControlAvailable ? 'manager' : 'worker') : 'none',
      nodeCount: typeof sw.Nodes === 'number' && sw.Nodes > 0 ? sw.Nodes : undefined
    }
    dockerCache.set(conn.server.name, summary)
    return summary
  }

  const summarize = (s: StoredServer, extra: Partial<ServerSummary> = {}): ServerSummary => ({
    name: s.name,
    kind: s.kind,
    hostname: s.hostname,
    user: s.user,
    port: s.port,
    socketPath: s.socketPath,
    appCount: s.appCount,
    state: connections.get(s.name)?.state() ?? 'unknown',
    ...dockerCache.get(s.name),
    ...extra
  })

  // Connects with remembered secrets only; a server that needs a passphrase
  // typed in shows as offline with the reason, it never blocks the list.
  const refreshOne = async (s: StoredServer): Promise<ServerSummary> => {
    try {
      const conn = await connections.open(s)
      // Removed while this list was being made: its link must not outlive it.
      if (!(await serverExists(paths, s.name))) {
        await connections.drop(s.name)
        throw new ApiError('not-found', t('servers.service.removed', { name: s.name }))
      }
      await refreshDocker(conn)
      return summarize(s)
    } catch (err) {
      return summarize(s, { state: 'offline', error: toErrorBody(err) })
    }
  }

  const knownHostsFiles = [`${paths.sshDir}/known_hosts`, paths.appKnownHosts]
  const verdictFor = (k: { hostname: string; port: number; keyType: string; keyBase64: string }) =>
    checkHostKey({ host: k.hostname, port: k.port, keyType: k.keyType, keyBlob: Buffer.from(k.keyBase64, 'base64'), files: knownHostsFiles })

  const handlers: ServerHandlers = {
    'servers.list': async () => {
      const names = await listServerNames(paths)
      const stored = await Promise.all(names.map((n) => readServer(paths, n, { user: osUser() })))
      return Promise.all(
        stored.map((s) => {
          const refresh = refreshOne(s)
          refresh.then((summary) => events.emit('server.state', { name: s.name, state: summary.state, error: summary.error }))
          return withTimeout(refresh, LIST_WAIT_MS, () => new Error('slow')).catch(() => summarize(s, { state: 'connecting' }))
        })
      )
    },

    'servers.resolve': async ({ host, user, port }) => {
      const r = resolveSshHost({ host, user, port }, { home: paths.home, env: deps.env })
      const fromSshConfig = r.hostname !== host || r.identityFiles.length > 0 || (user === undefined && r.user !== osUser()) || (port === undefined && r.port !== 22)
      return { alias: r.alias, hostname: r.hostname, user: r.user, port: r.port, identityFiles: r.identityFiles, fromSshConfig }
    },

    'servers.probeHostKey': async ({ hostname, port }) => {
      const r = resolveSshHost({ host: hostname, port }, { home: paths.home, env: deps.env })
      // Asks for the recorded key types first, as the connection will: a key
      // of another type is then shown only when the recorded one is gone.
      const key = await SshLink.probeHostKey({ hostname: r.hostname, port: r.port, timeoutMs: 10_000, knownHostsFiles })
      const verdict = await verdictFor({ hostname: r.hostname, port: r.port, ...key })
      const probeId = crypto.randomUUID()
      probes.set(probeId, { hostname: r.hostname, port: r.port, ...key, expires: Date.now() + 10 * 60_000 })
      return {
        probeId,
        hostname: r.hostname,
        port: r.port,
        keyType: key.keyType,
        fingerprint: key.fingerprint,
        // A revoked key is refused exactly like a changed one.
        status: verdict.status === 'revoked' ? 'changed' : verdict.status,
        knownFingerprint: verdict.status === 'changed' ? verdict.knownFingerprint : undefined
      }
    },

    'servers.trustHostKey': async ({ probeId }) => {
      const p = probes.get(probeId)
      if (!p || p.expires < Date.now()) {
        throw new ApiError('probe-expired', t('servers.service.probeExpired'))
      }
      // Looked at again: the files may have changed since the probe.
      const verdict = await verdictFor(p)
      // A changed key is never trusted through the app; the user must clear
      // the old record by hand after talking to the server's administrator.
      if (verdict.status === 'changed' || verdict.status === 'revoked') {
        throw new ApiError('host-key-changed', t('servers.service.hostKeyChanged'))
      }
      if (verdict.status === 'unknown') await trustHostKey(paths.appKnownHosts, p.hostname, p.port, p.keyType, Buffer.from(p.keyBase64, 'base64'))
      probes.delete(probeId)
      return { fingerprint: p.fingerprint }
    },

    'servers.add': async (input) => {
      let server: StoredServer
      if (input.kind === 'local') {
        server = { name: LOCAL_SERVER, kind: 'local', hostname: 'localhost', user: osUser(), port: 0, socketPath: input.socketPath ?? DEFAULT_SOCKET, appCount: 0 }
      } else {
        const r = resolveSshHost({ host: input.host, user: input.user, port: input.port }, { home: paths.home, env: deps.env })
        server = {
          name: input.name ?? input.host,
          sshAlias: input.host,
          identityFile: input.keyFile ? await keyFileInHome(paths.home, input.keyFile) : undefined,
          kind: 'ssh',
          hostname: r.hostname,
          user: r.user,
          port: r.port,
          socketPath: input.socketPath ?? DEFAULT_SOCKET,
          appCount: 0
        }
      }
      let creds: Credentials = input.kind === 'ssh' ? input : {}
      if (input.kind === 'ssh' && input.installKey) {
        if (!server.identityFile || !input.password) {
          throw new ApiError('invalid-request', t('servers.service.installNeeds'))
        }
        await putKeyOnServer(server, server.identityFile, { password: input.password, passphrase: input.passphrase }, { home: paths.home, knownHostsFiles, keychain: deps.keychain })
        // The key must now sign in by itself: the password is not offered again.
        creds = { passphrase: input.passphrase, remember: input.remember }
      }
      const conn = await connections.open(server, creds)
      if (server.identityFile) {
        const used = conn.signedInWith()
        if (used?.keyFile === server.identityFile) {
          await rememberKeyFor(paths.home, server.sshAlias ?? server.name, server.identityFile)
        } else if (input.kind === 'ssh' && input.installKey) {
          await connections.drop(server.name)
          throw keyNotAccepted(server.hostname)
        }
      }
      await saveServer(paths, server)
      const saved = await readServer(paths, server.name, { user: osUser() })
      await refreshDocker(conn).catch(() => undefined)
      return summarize(saved)
    },

    'servers.connect': async ({ name, ...creds }) => {
      const s = await load(name)
      // The link is kept, not replaced: calls waiting for it carry on.
      const conn = await connections.open(s, creds, { now: true })
      await refreshDocker(conn).catch(() => undefined)
      return summarize(s)
    },

    'servers.check': async ({ name }) => {
      const s = await load(name)
      const facts = await gatherFacts(s, () => connections.open(s))
      // The checks already asked Docker; the list's summary reuses the answer.
      if (facts.api?.ok) {
        dockerCache.set(name, {
          dockerVersion: facts.api.version,
          swarmRole: facts.swarm?.role ?? 'none',
          nodeCount: facts.swarm?.nodes && facts.swarm.nodes > 0 ? facts.swarm.nodes : undefined
        })
      }
      return evaluateChecks(facts)
    },

    'servers.addresses': async ({ name }) => {
      const conn = await open(name)
      if (conn.server.kind === 'local') return rankAddresses(localInterfaces())
      const res = await conn.exec('ip -o addr show 2>/dev/null', { timeoutMs: 15_000 })
      return rankAddresses(parseIpAddr(res.stdout), conn.server.hostname)
    },

    'servers.swarmInit': async ({ name, advertiseAddr, listenAddr, dataPathPort }) => {
      const conn = await open(name)
      try {
        await conn.docker().swarmInit({
          ListenAddr: listenAddr ?? '0.0.0.0:2377',
          AdvertiseAddr: advertiseAddr,
          ...(dataPathPort ? { DataPathPort: dataPathPort } : {})
        })
      } catch (err) {
        const msg = dockerMessage(err)
        if (/already part of a swarm/i.test(msg)) return {}
        throw new ApiError('swarm-init-failed', t('servers.service.swarmInitFailed', { reason: msg, address: advertiseAddr }), msg)
      }
      await refreshDocker(conn).catch(() => undefined)
      return {}
    },

    'servers.createProxyNetwork': async ({ name }) => {
      const docker = (await open(name)).docker()
      const existing = (await docker.listNetworks({ filters: { name: ['proxy'] } })).find((n) => n.Name === 'proxy')
      if (existing) return {}
      try {
        await docker.createNetwork({ Name: 'proxy', Driver: 'overlay', Attachable: true, Scope: 'swarm' })
      } catch (err) {
        const msg = dockerMessage(err)
        throw new ApiError('network-create-failed', t('servers.service.networkFailed', { reason: msg }), msg)
      }
      return {}
    },

    'servers.prepare': async ({ name }) => {
      const s = await load(name)
      if (s.kind !== 'ssh') throw new ApiError('prepare-unsupported', t('servers.service.prepareLocal'))
      const conn = await connections.open(s)
      const job = jobs.start({ kind: 'prepare', title: t('servers.service.prepareTitle', { name }), target: name, steps: prepareSteps() }, async (ctx) => {
        await prepareServer(conn, ctx, async () => {
          await connections.drop(name)
          return connections.open(s)
        })
        await refreshDocker(connections.get(name)!).catch(() => undefined)
      })
      return { jobId: job.id }
    },

    'servers.addKey': async ({ name, keyFile }) => {
      const s = await load(name)
      if (s.kind !== 'ssh') throw new ApiError('prepare-unsupported', t('servers.service.keyLocal'))
      const file = await keyFileInHome(paths.home, keyFile)
      await addKeyOver(await connections.open(s), file, deps.keychain)
      // Proven with this very key before ~/.ssh/config is told to use it: a
      // key the server ignores must not become the host's IdentityFile.
      const used = await connections.proveKeySignIn({ ...s, identityFile: file }).catch(() => undefined)
      if (used?.method !== 'publickey' || used.keyFile !== file) throw keyNotAccepted(s.hostname)
      await rememberKeyFor(paths.home, s.sshAlias ?? s.name, file)
      // From now on the app signs in with the key, not the password.
      await connections.drop(name)
      await refreshDocker(await connections.open(s)).catch(() => undefined)
      return summarize(s)
    },

    'servers.passwordOff': async ({ name }) => {
      const s = await load(name)
      if (s.kind !== 'ssh') throw new ApiError('prepare-unsupported', t('servers.service.passwordOffLocal'))
      const conn = await connections.open(s)
      const job = jobs.start({ kind: 'password-off', title: t('servers.service.passwordOffTitle', { name }), target: name, steps: passwordOffSteps() }, async (ctx) => {
        await turnOffPasswords(
          {
            conn,
            freshKeySignIn: () => connections.proveKeySignIn(s),
            methods: () => authMethods({ hostname: s.hostname, port: s.port, user: s.user, knownHostsFiles }),
            revertAfterSec: undoSeconds(deps.env)
          },
          ctx
        )
        // Signed in again, so the link (and the checks) see the server's new ways in.
        await connections.drop(name)
        await connections.open(s).catch(() => undefined)
      })
      return { jobId: job.id }
    },

    'servers.firewallOn': async ({ name }) => {
      const s = await load(name)
      if (s.kind !== 'ssh') throw new ApiError('prepare-unsupported', t('hardening.notSsh'))
      const conn = await connections.open(s)
      const job = jobs.start({ kind: 'firewall-on', title: t('hardening.firewall.jobTitle', { name }), target: name, steps: firewallSteps() }, async (ctx) => {
        await turnOnFirewall({ conn, freshConnection: () => reached(() => connections.proveKeySignIn(s)), revertAfterSec: undoSeconds(deps.env) }, ctx)
      })
      return { jobId: job.id }
    },

    'servers.autoUpdatesOn': async ({ name }) => {
      const s = await load(name)
      if (s.kind !== 'ssh') throw new ApiError('prepare-unsupported', t('hardening.notSsh'))
      const conn = await connections.open(s)
      const job = jobs.start({ kind: 'auto-updates-on', title: t('hardening.autoUpdates.jobTitle', { name }), target: name, steps: autoUpdatesSteps() }, async (ctx) => {
        await turnOnAutoUpdates(conn, ctx)
      })
      return { jobId: job.id }
    },

    'servers.remove': async ({ name }) => {
      await load(name)
      await connections.drop(name)
      dockerCache.delete(name)
      const removed = await removeServer(paths, name)
      // An open that started before the folder went (the list, an app call)
      // may have made a new link meanwhile: close that one too.
      await connections.drop(name)
      return removed
    }
  }
  return { handlers, connections, open, openMachine }
}

// A minute, as careful admins give themselves; tests may shorten it to see
// the server undo a change nobody confirmed.
function undoSeconds(env: NodeJS.ProcessEnv): number {
  const asked = Number(env.CCD_SIGN_IN_UNDO_SECONDS)
  return Number.isInteger(asked) && asked >= 3 && asked <= 600 ? asked : 60
}

function dockerMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; message?: string }
  return (e?.json?.message ?? e?.message ?? String(err)).trim()
}

/** The key is on the server, yet a fresh sign-in with it fails: the server looks for allowed keys elsewhere. */
function keyNotAccepted(hostname: string): ApiError {
  return new ApiError(
    'key-not-accepted',
    t('servers.service.keyNotAccepted', { host: hostname })
  )
}
