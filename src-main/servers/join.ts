// Adding a machine to a server's swarm: the machine is reached from this
// computer over SSH exactly as a server is (its host key trusted first with
// servers.probeHostKey / trustHostKey, the same sign-in through Connections),
// checked with the servers' own checks plus the swarm's, prepared with the
// servers' prepare job, then joined with a token read from the manager here,
// in the core: the token is never returned, logged, put in an event or
// written anywhere. A join that fails half-way is undone.
import crypto from 'node:crypto'
import type Docker from 'dockerode'
import type { Handlers } from '../api/dispatch'
import { EventBus } from '../api/events'
import { ApiError, errorWords } from '../contract/errors'
import type { JoinCheck, JoinCheckItem, MachineTarget } from '../contract/nodes'
import type { Jobs, JobContext } from '../core/jobs'
import type { Paths } from '../core/paths'
import { parseKeyValues, shellQuote, withTimeout } from '../core/shell'
import { t } from '../i18n/i18n'
import type { Keychain } from '../keychain/keychain'
import { evaluateChecks } from './checks'
import { Connections, type ServerConn } from './connections'
import { gatherFacts } from './facts'
import { keyFileInHome } from './keys'
import { prepareServer, prepareSteps } from './prepare'
import { DEFAULT_SOCKET, type StoredServer } from './store'
import { resolveSshHost } from '../ssh/config'

/** What this file reads of a swarm node (Docker's GET /nodes). */
interface ApiNode {
  ID: string
  Spec?: { Role?: string }
  Status?: { State?: string }
  Description?: { Hostname?: string }
}

/** Each Docker call. */
const CALL_TIMEOUT_MS = 30_000
/** Docker's own join gives up after about 20 s; this bounds the call around it. */
const JOIN_CALL_TIMEOUT_MS = 60_000
/** How long the manager has to list the new machine as ready. */
export const READY_WAIT_MS = 60_000
const POLL_MS = 1_000
/** The TCP test from the machine to the manager's swarm port. */
const REACH_TIMEOUT_S = 5

export interface JoinDeps {
  paths: Paths
  env: NodeJS.ProcessEnv
  keychain: Keychain
  jobs: Jobs
  /** The server's (the manager's) Docker, connection ready. */
  docker: (server: string) => Promise<Docker>
  /** Tests shorten the wait for Ready. */
  readyWaitMs?: number
}

type JoinHandlers = Pick<Handlers, 'nodes.joinCheck' | 'nodes.prepareMachine' | 'nodes.join'>

const late = (): Error => new ApiError('nodes-timeout', t('nodes.timeout', { seconds: CALL_TIMEOUT_MS / 1000 }))
const call = <T>(p: Promise<T>, ms = CALL_TIMEOUT_MS): Promise<T> => withTimeout(p, ms, late)

interface ManagerView {
  /** host:port of the manager's swarm endpoint (RemoteAddrs for the join). */
  address: string
  nodes: ApiNode[]
  managers: number
}

interface SwarmInfo {
  Name?: string
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string; NodeAddr?: string; RemoteManagers?: { NodeID?: string; Addr?: string }[] | null }
}

async function readManager(docker: Docker, server: string): Promise<ManagerView> {
  const [info, nodes] = await Promise.all([call(docker.info() as Promise<SwarmInfo>), call(docker.listNodes() as Promise<ApiNode[]>).catch(() => undefined)])
  const sw = info.Swarm
  if (sw?.LocalNodeState !== 'active' || !sw.ControlAvailable || !nodes) throw new ApiError('not-a-swarm-manager', t('join.notManager', { server }))
  const self = sw.RemoteManagers?.find((m) => m.NodeID === sw.NodeID)?.Addr ?? (sw.NodeAddr ? `${sw.NodeAddr}:2377` : undefined)
  if (!self) throw new ApiError('not-a-swarm-manager', t('join.notManager', { server }))
  return { address: self, nodes, managers: nodes.filter((n) => n.Spec?.Role === 'manager').length }
}

/** host and port of "host:port" or "[v6]:port". */
function splitAddress(address: string): { host: string; port: string } {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(address)
  return m ? { host: m[1], port: m[2] } : { host: address, port: '2377' }
}

/** From the machine: the address it reaches the manager from (its advertise address) and whether the swarm port answers. */
async function reachScript(conn: ServerConn, managerAddress: string): Promise<{ source?: string; reach: 'yes' | 'no' | 'unknown' }> {
  const { host, port } = splitAddress(managerAddress)
  const h = shellQuote(host)
  const p = shellQuote(port)
  const script = [
    'PATH="$PATH:/usr/sbin:/sbin"',
    `src=$(ip -o route get ${h} 2>/dev/null | sed -n 's/.* src \\([^ ]*\\).*/\\1/p')`,
    'echo "source=$src"',
    `if command -v bash >/dev/null 2>&1; then if timeout ${REACH_TIMEOUT_S} bash -c 'exec 3<>"/dev/tcp/$0/$1"' ${h} ${p} 2>/dev/null; then echo reach=yes; else echo reach=no; fi`,
    `elif command -v nc >/dev/null 2>&1; then if nc -z -w ${REACH_TIMEOUT_S} ${h} ${p} 2>/dev/null; then echo reach=yes; else echo reach=no; fi`,
    'else echo reach=unknown; fi'
  ].join('\n')
  const res = await conn.exec(script, { timeoutMs: (REACH_TIMEOUT_S + 15) * 1000 })
  const kv = parseKeyValues(res.stdout)
  return { source: kv.source || undefined, reach: kv.reach === 'yes' ? 'yes' : kv.reach === 'no' ? 'no' : 'unknown' }
}

/** Where the machine stands: in no swarm, in this server's, or in another (or joining one). */
function swarmState(info: SwarmInfo, manager: ManagerView): 'none' | 'this' | 'other' | 'pending' {
  const state = info.Swarm?.LocalNodeState ?? 'inactive'
  if (state === 'inactive') return 'none'
  if (state === 'pending') return 'pending'
  const id = info.Swarm?.NodeID
  return id && manager.nodes.some((n) => n.ID === id) ? 'this' : 'other'
}

/**
 * The servers' checks say "this server" in a few sentences: those, exactly
 * as the checks made them, are said of the machine instead. Any other
 * sentence is returned as it is.
 */
function machineWords(user: string | undefined): (sentence: string) => string {
  const table = new Map<string, string>([
    [t('servers.checks.dockerMissing'), t('join.checks.dockerMissing')],
    [t('servers.checks.installNeedsRoot'), t('join.checks.installNeedsRoot')],
    [t('servers.checks.noDocker'), t('join.checks.noDocker')],
    ...(user ? [[t('servers.checks.userNoDocker', { user }), t('join.checks.userNoDocker', { user })] as [string, string]] : [])
  ])
  return (sentence) => table.get(sentence) ?? sentence
}

/** Docker's words without anything that could be the token (it is never in them; this makes sure). */
function scrub(text: string, token: string | undefined): string {
  return token ? text.split(token).join('[hidden]') : text
}

export function joinHandlers(deps: JoinDeps): { handlers: JoinHandlers; close: () => Promise<void> } {
  // The machines' own links, apart from the servers': a machine being added is
  // no server of the app. One link per call, closed when the call (or its job) ends.
  const links = new Connections(deps.paths, deps.env, new EventBus(), deps.keychain)
  const readyWait = deps.readyWaitMs ?? READY_WAIT_MS

  /** The machine as the servers' connections take a server: ~/.ssh/config and a key file under the home, as servers.add reads them. */
  const asServer = async (m: MachineTarget): Promise<StoredServer> => {
    const r = resolveSshHost({ host: m.host, user: m.user, port: m.port }, { home: deps.paths.home, env: deps.env })
    return {
      name: `machine-${crypto.randomUUID()}`,
      sshAlias: m.host,
      identityFile: m.keyFile ? await keyFileInHome(deps.paths.home, m.keyFile) : undefined,
      kind: 'ssh',
      hostname: r.hostname,
      user: r.user,
      port: r.port,
      socketPath: DEFAULT_SOCKET,
      appCount: 0
    }
  }
  const openMachine = (s: StoredServer, m: MachineTarget): Promise<ServerConn> => links.open(s, { password: m.password, passphrase: m.passphrase, remember: false })

  const check = async (server: string, m: MachineTarget): Promise<JoinCheck> => {
    const manager = await readManager(await deps.docker(server), server)
    const s = await asServer(m)
    try {
      // The servers' checks, as the add-server wizard shows them: SSH, Docker installed, Docker answering.
      const facts = await gatherFacts(s, () => openMachine(s, m))
      const base = evaluateChecks(facts).filter((c) => c.id === 'ssh' || c.id === 'docker-installed' || c.id === 'docker-access')
      const said = machineWords(facts.user)
      const checks: JoinCheckItem[] = base.map((c) => ({
        id: c.id as JoinCheckItem['id'],
        ok: c.ok,
        title: c.title,
        detail: said(c.detail),
        ...(c.fix && (c.fix.action === 'prepare' || c.fix.action === 'reconnect') ? { fix: { label: c.fix.label, action: c.fix.action, text: said(c.fix.text) } } : {})
      }))
      const result: JoinCheck = { ready: false, canPrepare: facts.canPrepare === true, managers: manager.managers, checks }
      const swarmTitle = t('join.title.swarmFree')
      const reachTitle = t('join.title.managerReachable')
      const notChecked = (id: JoinCheckItem['id'], title: string): JoinCheckItem => ({ id, ok: null, title, detail: t('servers.checks.notChecked') })
      if (!checks.every((c) => c.ok === true)) {
        result.checks.push(notChecked('swarm-free', swarmTitle), notChecked('manager-reachable', reachTitle))
        return result
      }
      const conn = await openMachine(s, m)
      const [info, reach] = await Promise.all([call(conn.docker().info() as Promise<SwarmInfo>), reachScript(conn, manager.address)])
      const machine = info.Name ?? s.hostname
      result.hostname = machine
      const where = swarmState(info, manager)
      result.inSwarm = where === 'pending' ? 'other' : where
      checks.push({
        id: 'swarm-free',
        ok: where === 'none',
        title: swarmTitle,
        detail: where === 'none' ? t('join.swarmFree') : where === 'this' ? t('join.inThisSwarm', { machine, server }) : where === 'pending' ? t('join.pending', { machine }) : t('join.inOtherSwarm', { machine })
      })
      const { port } = splitAddress(manager.address)
      checks.push({
        id: 'manager-reachable',
        // Not testable (no bash, no nc) is no reason to refuse: the join itself will tell.
        ok: reach.reach !== 'no',
        title: reachTitle,
        detail: reach.reach === 'yes' ? t('join.reachable', { address: manager.address }) : reach.reach === 'no' ? t('join.unreachable', { address: manager.address, port }) : t('join.reachUnknown')
      })
      result.ready = checks.every((c) => c.ok === true)
      return result
    } finally {
      await links.drop(s.name)
    }
  }

  const handlers: JoinHandlers = {
    'nodes.joinCheck': async ({ server, machine }) => check(server, machine),

    'nodes.prepareMachine': async ({ machine }) => {
      const s = await asServer(machine)
      let conn: ServerConn
      try {
        conn = await openMachine(s, machine)
      } catch (err) {
        await links.drop(s.name)
        throw err
      }
      const label = machine.host
      const job = deps.jobs.start({ kind: 'prepare-machine', title: t('join.prepareTitle', { machine: label }), target: label, steps: prepareSteps() }, async (ctx) => {
        try {
          // The servers' prepare job, pointed at the machine's link; signing in again once docker's group is given.
          await prepareServer(conn, ctx, async () => {
            await links.drop(s.name)
            return openMachine(s, machine)
          })
        } finally {
          await links.drop(s.name)
        }
      })
      return { jobId: job.id }
    },

    'nodes.join': async ({ server, machine, role, confirmEvenManagers }) => {
      const managerDocker = await deps.docker(server)
      const before = await readManager(managerDocker, server)
      const count = before.managers + (role === 'manager' ? 1 : 0)
      if (role === 'manager' && count % 2 === 0 && !confirmEvenManagers) {
        throw new ApiError('even-managers', t('join.evenManagers', { server, count }))
      }
      const s = await asServer(machine)
      let conn: ServerConn
      try {
        conn = await openMachine(s, machine)
      } catch (err) {
        await links.drop(s.name)
        throw err
      }
      const steps = [t('join.step.look'), t('join.step.join'), t('join.step.ready')]
      const job = deps.jobs.start({ kind: 'node-join', title: t('join.jobTitle', { machine: machine.host, server }), target: server, steps }, async (j) => {
        try {
          await runJoin(j, { server, role, conn, managerDocker, readyWaitMs: readyWait })
        } finally {
          await links.drop(s.name)
        }
      })
      return { jobId: job.id }
    }
  }
  return { handlers, close: () => links.closeAll() }
}

interface JoinRun {
  server: string
  role: 'worker' | 'manager'
  conn: ServerConn
  managerDocker: Docker
  readyWaitMs: number
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

async function runJoin(j: JobContext, r: JoinRun): Promise<void> {
  const { server, role, conn, managerDocker } = r
  const machineDocker = conn.docker()
  j.step(0)
  const manager = await readManager(managerDocker, server)
  const info = (await call(machineDocker.info())) as SwarmInfo
  const machine = info.Name ?? conn.server.hostname
  if (swarmState(info, manager) !== 'none') throw new ApiError('already-in-swarm', t('join.alreadyIn', { machine }))
  const reach = await reachScript(conn, manager.address)
  const known = new Set(manager.nodes.map((n) => n.ID))
  if (j.signal.aborted) throw new ApiError('cancelled', t('join.cancelled'))

  // Read here and kept in this function's scope only.
  let token: string | undefined = ((await call(managerDocker.swarmInspect())) as { JoinTokens?: { Worker?: string; Manager?: string } }).JoinTokens?.[role === 'manager' ? 'Manager' : 'Worker']
  if (!token) throw new ApiError('join-failed', t('join.joinFailed', { machine, server, reason: t('join.notManager', { server }) }))

  j.step(1)
  j.log(`${t('join.joining', { machine, server, role: t(`join.role.${role}`) })}\n`)
  try {
    try {
      await call(
        machineDocker.swarmJoin({
          ListenAddr: '0.0.0.0:2377',
          ...(reach.source ? { AdvertiseAddr: reach.source } : {}),
          RemoteAddrs: [manager.address],
          JoinToken: token
        }),
        JOIN_CALL_TIMEOUT_MS
      )
    } catch (err) {
      throw new ApiError('join-failed', t('join.joinFailed', { machine, server, reason: scrub(errorWords(err), token) }))
    } finally {
      token = undefined
    }
    j.step(2)
    const id = ((await call(machineDocker.info())) as SwarmInfo).Swarm?.NodeID
    const until = Date.now() + r.readyWaitMs
    for (;;) {
      if (j.signal.aborted) throw new ApiError('cancelled', t('join.cancelled'))
      const nodes = (await call(managerDocker.listNodes())) as ApiNode[]
      if (nodes.some((n) => n.ID === id && n.Status?.State === 'ready')) break
      if (Date.now() > until) throw new ApiError('join-not-ready', t('join.notReady', { machine, seconds: Math.round(r.readyWaitMs / 1000) }))
      await sleep(POLL_MS, j.signal)
    }
    j.log(`${t('join.joined', { machine, server, role: t(`join.role.${role}`) })}\n`)
  } catch (err) {
    const undo = await undoJoin(machineDocker, managerDocker, machine, known)
    j.log(`${undo ?? t('join.undone', { machine })}\n`)
    if (undo) throw new ApiError('join-undo-failed', `${errorWords(err)} ${t('join.undoFailed', { what: undo })}`)
    throw err
  }
}

/**
 * Makes the machine leave and takes any entry it got off the manager's list
 * (a node not there before the join, by the machine's ID or hostname), then
 * looks again: undefined when both are true now, else what is still wrong.
 */
async function undoJoin(machineDocker: Docker, managerDocker: Docker, machine: string, known: Set<string>): Promise<string | undefined> {
  let leaveProblem: string | undefined
  let entryProblem: string | undefined
  const id = ((await call(machineDocker.info()).catch(() => undefined)) as SwarmInfo | undefined)?.Swarm?.NodeID
  try {
    await call(machineDocker.swarmLeave({ force: true }))
  } catch (err) {
    if (!/not part of a swarm/i.test(errorWords(err))) leaveProblem = errorWords(err)
  }
  const mine = (n: ApiNode): boolean => !known.has(n.ID) && (n.ID === id || n.Description?.Hostname === machine)
  try {
    const nodes = (await call(managerDocker.listNodes())) as ApiNode[]
    for (const n of nodes.filter(mine)) await call(managerDocker.getNode(n.ID).remove({ force: true }))
  } catch (err) {
    entryProblem = errorWords(err)
  }
  // The true state, read again.
  const [after, nodes] = await Promise.all([
    call(machineDocker.info()).catch(() => undefined) as Promise<SwarmInfo | undefined>,
    call(managerDocker.listNodes()).catch(() => undefined) as Promise<ApiNode[] | undefined>
  ])
  const state = after?.Swarm?.LocalNodeState
  if (!leaveProblem && state !== 'inactive') leaveProblem = state ?? t('join.noAnswer')
  if (!entryProblem && (!nodes || nodes.some(mine))) entryProblem = nodes ? t('join.stillListed') : t('join.noAnswer')
  const problems = [leaveProblem && t('join.undoLeft', { machine, reason: leaveProblem }), entryProblem && t('join.undoEntry', { machine, reason: entryProblem })].filter(Boolean)
  return problems.length ? problems.join(' ') : undefined
}
