// A swarm of several machines for tests (issue 13): each node is a Docker
// engine and an sshd in a network namespace of its own, joined to the others
// and to this machine by a bridge on a private /24 that exists only between
// those namespaces. Node 1 is the manager, the others join as workers; a node
// from addNode() runs but is not joined (for the add-a-machine wizard).
//
// Per node:
//   - `ip netns add`, a veth pair into the bridge, address 10.213.<x>.(10+N);
//   - dockerd started with `nsenter --net=/var/run/netns/<ns>` (never `ip
//     netns exec`, which remounts /sys: dockerd then fails with "Devices
//     cgroup isn't mounted"), wrapped in `unshare --uts --mount` so it has
//     its own hostname (ccd-node-N: nodes don't all show as this machine) and
//     its own /run (a tmpfs), where it listens on /var/run/docker.sock as a
//     real server's engine does, and its own /etc/docker (its engine ID); it also listens on a socket under /tmp for
//     this machine's side. Own --data-root, --exec-root, --pidfile, containerd
//     namespaces, cgroup parent, `--bridge none --iptables=false`; in its
//     mount namespace its data root is bound at /var/lib/docker, so
//     /var/lib/docker/volumes there holds its own volumes (what a container
//     bind-mounting that path, as backup-bot-two does, reads);
//   - sshd on port 22 of the node's address, entered into the same network,
//     mount and UTS namespaces (`nsenter --target <dockerd>`), taking the
//     rig's test users with the rig's keys and password (its
//     AuthorizedKeysFile), with a host key of its own.
// Docker sets the FORWARD policy to DROP; one rule lets the bridge forward.
// This machine has an address on the bridge (.1) and reaches the nodes there.
// Images are copied in from the rig's engine 1 (`docker save | docker load`).
//
// Everything is named with the prefix ccdsw<id> (namespaces, links, the
// iptables rule, the cgroup parent, the folder /tmp/ccdsw<id>), and stop()
// removes it by PID and by name. A run that crashed leaves it behind: the
// next start sweeps every ccdsw* whose owner process is gone.
//
// The kernel here has no IPVS: swarm service VIPs across nodes don't work.
// Use endpoint mode dnsrr and container addresses on overlay networks.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { api, ping } from '../rig/engine.mjs'
import { loadRig } from '../rig/rig'

export interface SwarmNode {
  /** Its hostname, as `docker node ls` and `docker info` show it: ccd-node-N. */
  name: string
  index: number
  /** Its address on the bridge (reachable from this machine and the other nodes). */
  address: string
  /** sshd's port on `address` (22, as a real server's). */
  sshPort: number
  /** sshd's host key (public line), to trust it without asking. */
  hostKeyPub: string
  /** This machine's side of its Docker socket (inside the node it is /var/run/docker.sock). */
  socket: string
  /** Its network namespace's name (`ip netns`). */
  netns: string
  dockerdPid: number
  sshdPid: number
  /** Calls its Docker API (see test/rig/engine.mjs). */
  api(method: string, urlPath: string, body?: unknown, timeoutMs?: number): Promise<{ status: number; text: string; json: unknown }>
  /** Runs the docker CLI against its engine; throws with stderr on failure. */
  docker(args: string[], input?: Buffer): string
  /** Runs a shell command as root inside the node (its network, mount and UTS namespaces). */
  sh(cmd: string): string
}

export interface SwarmNodes {
  /** The prefix of everything this run made (ccdsw<4 hex>): namespaces, links, the iptables rule, cgroups, /tmp/<tag>. */
  tag: string
  /** The nodes started so far (those of addNode() too), in order; nodes[0] is the manager. */
  nodes: SwarmNode[]
  manager: SwarmNode
  /** e.g. 10.213.57.0/24 */
  subnet: string
  /** This machine's address on the bridge. */
  hostAddress: string
  bridge: string
  /** A fresh node: engine and sshd running, images loaded, NOT in the swarm. */
  addNode(): Promise<SwarmNode>
  /** Joins a node to the manager's swarm (what the wizard does, for tests that need it done already). */
  join(node: SwarmNode, role?: 'worker' | 'manager'): Promise<void>
  /** Cuts (false) or restores (true) the node's link to the bridge: nothing reaches it, it reaches nothing. */
  setReachable(node: SwarmNode, reachable: boolean): void
  /** The swarm's view of the nodes, from the manager: hostname, state, availability, role, address. */
  nodeList(): Promise<{ id: string; hostname: string; state: string; availability: string; role: string; addr: string }[]>
  /** Stops every daemon by PID and removes namespaces, links, bridge, the iptables rule, cgroups and folders. */
  stop(): Promise<void>
}

export const SWARM_PREFIX = 'ccdsw'
const SSHD = '/usr/sbin/sshd'
const ENV = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin` }
const CGROUP_ROOT = '/sys/fs/cgroup'
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function run(cmd: string, args: string[], input?: string | Buffer): string {
  const r = spawnSync(cmd, args, { env: ENV, input, maxBuffer: 512 * 1024 * 1024 })
  if (r.error || r.status !== 0) {
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`}): ${`${r.stderr?.toString() ?? ''}`.trim()}`)
  }
  return r.stdout.toString('utf8')
}
const tryRun = (cmd: string, args: string[]): string => {
  try {
    return run(cmd, args)
  } catch {
    return ''
  }
}

/** What the rig must give (and the words when it doesn't): never a silent skip. */
function requireTools(): void {
  const missing = [
    ['ip', 'iproute2'],
    ['nsenter', 'util-linux'],
    ['unshare', 'util-linux'],
    ['iptables', 'iptables'],
    ['dockerd', 'docker.io'],
    ['docker', 'docker.io']
  ].filter(([cmd]) => spawnSync('sh', ['-c', `command -v ${cmd}`], { env: ENV }).status !== 0)
  if (!fs.existsSync(SSHD)) missing.push([SSHD, 'openssh-server'])
  if (missing.length) {
    throw new Error(`swarm nodes need ${missing.map(([c, p]) => `${c} (Debian package ${p})`).join(', ')}: run npm test, whose rig (test/rig/setup.mjs) installs them`)
  }
  if (process.getuid?.() !== 0) throw new Error('swarm nodes need root (network namespaces, bridges, dockerd)')
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function killPid(pid: number, graceMs: number): Promise<void> {
  if (!pid || !pidAlive(pid)) return
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  for (const end = Date.now() + graceMs; pidAlive(pid) && Date.now() < end; ) await sleep(100)
  if (pidAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone
    }
    for (const end = Date.now() + 5000; pidAlive(pid) && Date.now() < end; ) await sleep(50)
  }
}

/** Every process of cgroups under `<controller>/<parent>` (the nodes' containers), v1 or v2. */
function cgroupDirs(parent: string): string[] {
  const dirs: string[] = []
  const roots = fs.existsSync(path.join(CGROUP_ROOT, 'cgroup.controllers'))
    ? [CGROUP_ROOT]
    : fs.readdirSync(CGROUP_ROOT).map((c) => path.join(CGROUP_ROOT, c))
  const walk = (d: string): void => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(d, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) if (e.isDirectory()) walk(path.join(d, e.name))
    dirs.push(d) // deepest first
  }
  for (const r of roots) {
    try {
      for (const e of fs.readdirSync(r)) if (e.startsWith(parent)) walk(path.join(r, e))
    } catch {
      // not a folder (a controller link)
    }
  }
  return dirs
}

async function removeCgroups(parent: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const dirs = cgroupDirs(parent)
    if (!dirs.length) return
    for (const d of dirs) {
      let procs: string[] = []
      try {
        procs = fs.readFileSync(path.join(d, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)
      } catch {
        // gone
      }
      for (const p of procs) {
        try {
          process.kill(Number(p), 'SIGKILL')
        } catch {
          // gone
        }
      }
    }
    await sleep(100)
    for (const d of dirs) {
      try {
        fs.rmdirSync(d)
      } catch {
        // processes still leaving, or another controller's view
      }
    }
  }
}

/** Removes everything a run named `tag` (ccdsw<id>) made; every step tolerates it being gone already. */
async function removeByTag(tag: string, dir: string, pids: number[]): Promise<void> {
  // Engines first, gracefully (they stop their containers), then sshds and anything left in the namespaces.
  const dockerds = pids.filter((p) => (tryRead(`/proc/${p}/comm`) ?? '').startsWith('dockerd'))
  await Promise.all(dockerds.map((p) => killPid(p, 20_000)))
  const netnses = tryRun('ip', ['netns', 'list'])
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n.startsWith(tag))
  const inNs = netnses.flatMap((ns) => tryRun('ip', ['netns', 'pids', ns]).split('\n').filter(Boolean).map(Number))
  await Promise.all([...new Set([...pids, ...inNs])].map((p) => killPid(p, 3000)))
  await removeCgroups(tag)
  for (const ns of netnses) tryRun('ip', ['netns', 'del', ns])
  for (const link of tryRun('ip', ['-o', 'link', 'show']).split('\n')) {
    const name = /^\d+: ([^:@]+)[@:]/.exec(link)?.[1]
    if (name?.startsWith(tag)) tryRun('ip', ['link', 'del', name])
  }
  for (const rule of tryRun('iptables', ['-w', '-S', 'FORWARD']).split('\n')) {
    if (rule.startsWith('-A FORWARD') && rule.includes(tag)) tryRun('iptables', ['-w', '-D', ...rule.slice(3).split(' ')])
  }
  // A node's mounts live in its own mount namespace, gone with its processes; the folder can go.
  for (let i = 0; i < 20 && fs.existsSync(dir); i++) {
    try {
      fs.rmSync(dir, { recursive: true, force: true })
    } catch {
      await sleep(250)
    }
  }
}

const tryRead = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Leftovers of earlier runs whose owner process is gone (a crashed test): removed. Runs still alive are left alone. */
export async function sweepSwarmLeftovers(): Promise<string[]> {
  const tags = new Set<string>()
  for (const e of fs.readdirSync('/tmp')) if (/^ccdsw[0-9a-f]{4}$/.test(e)) tags.add(e)
  for (const l of tryRun('ip', ['netns', 'list']).split('\n')) {
    const m = /^(ccdsw[0-9a-f]{4})/.exec(l)
    if (m) tags.add(m[1])
  }
  for (const l of tryRun('ip', ['-o', 'link', 'show']).split('\n')) {
    const m = /^\d+: (ccdsw[0-9a-f]{4})/.exec(l)
    if (m) tags.add(m[1])
  }
  for (const l of tryRun('iptables', ['-w', '-S', 'FORWARD']).split('\n')) {
    const m = /(ccdsw[0-9a-f]{4})/.exec(l)
    if (m) tags.add(m[1])
  }
  const swept: string[] = []
  for (const tag of tags) {
    const dir = path.join('/tmp', tag)
    const owner = Number(tryRead(path.join(dir, 'owner')) ?? 0)
    if (owner && owner !== process.pid && pidAlive(owner)) continue
    const pids = (tryRead(path.join(dir, 'pids')) ?? '').split('\n').filter(Boolean).map(Number)
    // A recorded PID may have been reused since: only ours (dockerd, sshd) are killed by number.
    const ours = pids.filter((p) => /dockerd|sshd/.test(tryRead(`/proc/${p}/comm`) ?? '') && (tryRead(`/proc/${p}/cmdline`) ?? '').includes(tag))
    await removeByTag(tag, dir, ours)
    swept.push(tag)
  }
  return swept
}

function freeThird(): number {
  const used = run('ip', ['-o', 'addr']) + run('ip', ['-o', 'route'])
  for (let i = 0; i < 1000; i++) {
    const x = crypto.randomInt(0, 256)
    if (!used.includes(`10.213.${x}.`)) return x
  }
  throw new Error('no free 10.213.x.0/24 for the swarm nodes')
}

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms: number, logFile?: string): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) {
    const v = await check()
    if (v) return v
  }
  const tail = logFile ? (tryRead(logFile) ?? '').split('\n').slice(-25).join('\n') : ''
  throw new Error(`${what} within ${ms / 1000}s${tail ? `; end of ${logFile}:\n${tail}` : ''}`)
}

/** The rig's AuthorizedKeysFile line, so the nodes take the rig's keys for its users. */
function rigAuthorizedKeysFile(): string {
  const rig = loadRig()
  const line = (tryRead(rig.sshd.configFile) ?? '').split('\n').find((l) => l.startsWith('AuthorizedKeysFile '))
  if (!line) throw new Error(`no AuthorizedKeysFile in the rig's ${rig.sshd.configFile}: run the rig (node test/rig/setup.mjs)`)
  return line.slice('AuthorizedKeysFile '.length).trim()
}

/**
 * Starts `nodes` nodes in one swarm: node 1 the manager (advertising its
 * bridge address), the others workers. `images`: copied from the rig's engine
 * 1 into every node (default: the rig's busybox).
 */
export async function startSwarmNodes(opts: { nodes?: number; images?: string[] } = {}): Promise<SwarmNodes> {
  requireTools()
  await sweepSwarmLeftovers()
  const rig = loadRig()
  const count = opts.nodes ?? 3
  if (count < 1 || count > 40) throw new Error('startSwarmNodes: 1 to 40 nodes')
  const images = opts.images ?? [rig.image]
  const tag = `${SWARM_PREFIX}${crypto.randomBytes(2).toString('hex')}`
  const dir = path.join('/tmp', tag)
  fs.mkdirSync(dir, { mode: 0o755 })
  fs.chmodSync(dir, 0o755) // sockets and logs readable by tests; host keys stay 0600
  fs.writeFileSync(path.join(dir, 'owner'), String(process.pid))
  const pidsFile = path.join(dir, 'pids')
  const allPids: number[] = []
  const remember = (pid: number): void => {
    allPids.push(pid)
    fs.appendFileSync(pidsFile, `${pid}\n`)
  }
  const children: ChildProcess[] = []
  const x = freeThird()
  const bridge = `${tag}br`
  const hostAddress = `10.213.${x}.1`
  const authorizedKeysFile = rigAuthorizedKeysFile()
  const nodes: SwarmNode[] = []
  let stopped = false

  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    await removeByTag(tag, dir, allPids)
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  }

  // The image tar, saved once from the rig's engine 1.
  const imageTar = path.join(dir, 'images.tar')
  const startNode = async (index: number): Promise<SwarmNode> => {
    const name = `ccd-node-${index}`
    const netns = `${tag}n${index}`
    const hostIf = `${tag}h${index}`
    const nodeIf = `${tag}p${index}`
    const address = `10.213.${x}.${10 + index}`
    const nd = path.join(dir, `n${index}`)
    fs.mkdirSync(nd, { mode: 0o755 })
    const socket = path.join(nd, 'd.sock')
    const dockerLog = path.join(nd, 'dockerd.log')
    const sshdLog = path.join(nd, 'sshd.log')
    run('ip', ['netns', 'add', netns])
    run('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nodeIf])
    run('ip', ['link', 'set', nodeIf, 'netns', netns])
    run('ip', ['link', 'set', hostIf, 'master', bridge])
    run('ip', ['link', 'set', hostIf, 'up'])
    run('ip', ['-n', netns, 'addr', 'add', `${address}/24`, 'dev', nodeIf])
    run('ip', ['-n', netns, 'link', 'set', nodeIf, 'up'])
    run('ip', ['-n', netns, 'link', 'set', 'lo', 'up'])
    // No default route: the nodes have no internet, and say so at once. With one, every task start
    // waited ~20 s for the engine's image lookup on Docker Hub to time out (DNS sent nowhere).

    // dockerd: hostname and a /run of its own first, then exec (the child's PID is dockerd's).
    const etcDocker = path.join(nd, 'etc-docker')
    const dataRoot = path.join(nd, 'data')
    fs.mkdirSync(etcDocker, { mode: 0o755 })
    const out = fs.openSync(dockerLog, 'a')
    let dockerd: ChildProcess
    try {
      dockerd = spawn(
        'nsenter',
        [
          `--net=/var/run/netns/${netns}`,
          'unshare',
          '--uts',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          // /etc/docker too: dockerd 20.10 keeps its engine ID in /etc/docker/key.json, which the nodes would share.
          // Its data root at /var/lib/docker, as on a real server: a container bind-mounting
          // /var/lib/docker/volumes (backup-bot-two does) gets this node's volumes, not engine 1's.
          'hostname "$0" && mount -t tmpfs -o mode=755 ccdswrun "$(readlink -f /var/run)" && mkdir -p /var/run/sshd /etc/docker "$2" && mount --bind "$1" /etc/docker && mount --bind "$2" /var/lib/docker && shift 2 && exec "$@"',
          name,
          etcDocker,
          dataRoot,
          'dockerd',
          '--data-root', dataRoot,
          '--exec-root', path.join(nd, 'exec'),
          '--pidfile', path.join(nd, 'dockerd.pid'),
          '-H', 'unix:///var/run/docker.sock',
          '-H', `unix://${socket}`,
          '-G', 'docker',
          '--containerd-namespace', `${netns}`,
          '--containerd-plugins-namespace', `${netns}p`,
          '--cgroup-parent', `/${netns}`,
          '--bridge', 'none',
          '--iptables=false',
          '--ip-masq=false',
          '--ip6tables=false'
        ],
        { stdio: ['ignore', out, out], env: ENV }
      )
    } finally {
      fs.closeSync(out)
    }
    children.push(dockerd)
    if (!dockerd.pid) throw new Error(`dockerd for ${name} did not start`)
    remember(dockerd.pid)
    await until(`${name}'s dockerd to answer`, async () => {
      if (dockerd.exitCode !== null || dockerd.signalCode !== null) {
        throw new Error(`${name}'s dockerd exited (${dockerd.exitCode ?? dockerd.signalCode}); end of ${dockerLog}:\n${(tryRead(dockerLog) ?? '').slice(-2000)}`)
      }
      return ping(socket)
    }, 60_000, dockerLog)
    const dockerdPid = dockerd.pid

    // sshd in the same network, mount and UTS namespaces.
    const hostKey = path.join(nd, 'ssh_host_ed25519_key')
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', hostKey])
    const sshdConfig = path.join(nd, 'sshd_config')
    fs.writeFileSync(
      sshdConfig,
      [
        `# ${tag}: swarm test node ${name} (test/support/swarm-nodes.ts)`,
        'Port 22',
        `ListenAddress ${address}`,
        `HostKey ${hostKey}`,
        `PidFile ${path.join(nd, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeysFile}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin yes',
        'AllowStreamLocalForwarding yes',
        'AllowTcpForwarding yes',
        'UsePAM no',
        'StrictModes no',
        'LogLevel VERBOSE',
        'MaxStartups 200',
        'MaxSessions 100',
        'Subsystem sftp internal-sftp',
        ''
      ].join('\n')
    )
    const sshd = spawn('nsenter', ['--target', String(dockerdPid), '--net', '--mount', '--uts', SSHD, '-D', '-f', sshdConfig, '-E', sshdLog], { stdio: 'ignore', env: ENV })
    children.push(sshd)
    if (!sshd.pid) throw new Error(`sshd for ${name} did not start`)
    remember(sshd.pid)
    const sh = (cmd: string): string => run('nsenter', ['--target', String(dockerdPid), '--net', '--mount', '--uts', 'sh', '-c', cmd])
    await until(`${name}'s sshd to listen on ${address}:22`, () => {
      if (sshd.exitCode !== null) throw new Error(`${name}'s sshd exited (${sshd.exitCode}): ${tryRead(sshdLog) ?? ''}`)
      return tryRun('nsenter', [`--net=/var/run/netns/${netns}`, 'ss', '-Htln']).includes(`${address}:22 `)
    }, 15_000, sshdLog)

    const docker = (args: string[], input?: Buffer): string => {
      const r = spawnSync('docker', ['-H', `unix://${socket}`, ...args], { input, env: ENV, maxBuffer: 512 * 1024 * 1024 })
      if (r.status !== 0) throw new Error(`docker ${args.join(' ')} on ${name} failed: ${r.stderr?.toString() ?? r.error?.message}`)
      return r.stdout.toString('utf8')
    }
    if (images.length) docker(['load', '-q', '-i', imageTar])
    const node: SwarmNode = {
      name,
      index,
      address,
      sshPort: 22,
      hostKeyPub: fs.readFileSync(`${hostKey}.pub`, 'utf8').trim(),
      socket,
      netns,
      dockerdPid,
      sshdPid: sshd.pid,
      api: (method, urlPath, body, timeoutMs) => api(socket, method, urlPath, body, timeoutMs) as Promise<{ status: number; text: string; json: unknown }>,
      docker,
      sh
    }
    nodes.push(node)
    return node
  }

  const manager = (): SwarmNode => nodes[0]
  const join = async (node: SwarmNode, role: 'worker' | 'manager' = 'worker'): Promise<void> => {
    const sw = await manager().api('GET', '/swarm')
    const tokens = (sw.json as { JoinTokens?: { Worker: string; Manager: string } }).JoinTokens
    if (sw.status !== 200 || !tokens) throw new Error(`reading the join token on ${manager().name} failed: ${sw.text}`)
    const r = await node.api('POST', '/swarm/join', {
      ListenAddr: `${node.address}:2377`,
      AdvertiseAddr: node.address,
      RemoteAddrs: [`${manager().address}:2377`],
      JoinToken: role === 'manager' ? tokens.Manager : tokens.Worker
    }, 60_000)
    if (r.status !== 200) throw new Error(`${node.name} joining the swarm failed: ${r.text}`)
  }
  const nodeList = async (): Promise<{ id: string; hostname: string; state: string; availability: string; role: string; addr: string }[]> => {
    const r = await manager().api('GET', '/nodes', undefined, 10_000)
    if (r.status !== 200) throw new Error(`docker node ls on ${manager().name} failed: ${r.text}`)
    type N = { ID: string; Description: { Hostname: string }; Status: { State: string; Addr: string }; Spec: { Availability: string; Role: string } }
    return (r.json as N[]).map((n) => ({ id: n.ID, hostname: n.Description.Hostname, state: n.Status.State, availability: n.Spec.Availability, role: n.Spec.Role, addr: n.Status.Addr }))
  }

  try {
    run('ip', ['link', 'add', bridge, 'type', 'bridge'])
    run('ip', ['addr', 'add', `${hostAddress}/24`, 'dev', bridge])
    run('ip', ['link', 'set', bridge, 'up'])
    // Docker's FORWARD policy is DROP, and bridged frames pass it when br_netfilter is loaded.
    run('iptables', ['-w', '-I', 'FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT'])
    if (images.length) run('docker', ['save', '-o', imageTar, ...images])
    // The engines start side by side (each waits for its dockerd); the swarm forms after.
    // allSettled: stop() must not run while another node is still being made.
    const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => startNode(i + 1)))
    for (const s of started) if (s.status === 'rejected') throw s.reason
    nodes.sort((a, b) => a.index - b.index)
    const init = await manager().api('POST', '/swarm/init', { ListenAddr: `${manager().address}:2377`, AdvertiseAddr: manager().address }, 60_000)
    if (init.status !== 200) throw new Error(`swarm init on ${manager().name} failed: ${init.text}`)
    for (const n of nodes.slice(1)) await join(n)
    await until(`all ${count} nodes Ready in the manager's node list`, async () => {
      const l = await nodeList()
      return l.length === count && l.every((n) => n.state === 'ready')
    }, 60_000)
  } catch (err) {
    await stop()
    throw err
  }

  let next = count + 1
  return {
    tag,
    nodes,
    manager: manager(),
    subnet: `10.213.${x}.0/24`,
    hostAddress,
    bridge,
    addNode: () => startNode(next++),
    join,
    setReachable: (node, reachable) => run('ip', ['link', 'set', `${tag}h${node.index}`, reachable ? 'up' : 'down']),
    nodeList,
    stop
  }
}

/** Names this run's leftovers would carry: for a test to check that stop() removed them. */
export function swarmLeftovers(tag: string): string[] {
  const found: string[] = []
  for (const l of tryRun('ip', ['netns', 'list']).split('\n')) if (l.startsWith(tag)) found.push(`netns ${l.split(' ')[0]}`)
  for (const l of tryRun('ip', ['-o', 'link', 'show']).split('\n')) {
    const name = /^\d+: ([^:@]+)[@:]/.exec(l)?.[1]
    if (name?.startsWith(tag)) found.push(`link ${name}`)
  }
  for (const l of tryRun('iptables', ['-w', '-S', 'FORWARD']).split('\n')) if (l.includes(tag)) found.push(`iptables ${l}`)
  for (const l of execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')) if (l.includes(tag)) found.push(`process ${l.trim()}`)
  for (const d of cgroupDirs(tag)) found.push(`cgroup ${d}`)
  if (fs.existsSync(path.join('/tmp', tag))) found.push(`folder /tmp/${tag}`)
  return found
}
