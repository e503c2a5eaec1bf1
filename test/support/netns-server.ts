import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

// A test server in a network namespace of its own, for changes the tests must
// never make on this machine itself (a firewall). It has its own interfaces,
// its own iptables rules and its own sshd, reached from the tests over a veth
// pair on a private /30. `ip netns exec` gives everything started in it
// private copies of /etc/ufw, /etc/default and /etc/apt (bound over the real
// ones from /etc/netns/<name>/), so nothing under this machine's /etc
// changes. Docker's socket is a file, so the rig's engine 1 (the swarm)
// answers there too, as the server's own Docker.
//
// Docker's routing mesh is there too, as Docker builds it: a second
// namespace stands for the swarm's ingress sandbox (a listener on its port
// 80), and the server's nat and filter tables send ports 443 and 8088 to it
// through PREROUTING and FORWARD, with Docker's own chains (DOCKER-INGRESS,
// DOCKER-USER) ahead of everything.
//
// The server has no internet: ufw and unattended-upgrades must already be
// installed on this machine (test/rig/setup.mjs installs them).

export interface NetnsServer {
  name: string
  /** The server's address (inside the namespace). */
  host: string
  /** Where the tests' side of the link sits. */
  peer: string
  /** sshd's port inside the namespace: never 22, so nothing assumes it. */
  port: number
  hostKeyPub: string
  /** Published by the (simulated) swarm ingress, not by a program on the server itself. */
  ingressPorts: number[]
  /** The private /etc copies: ufw/, default/, apt/. */
  etc: string
  /** Run a shell command as root inside the namespace (with its private /etc). */
  sh(cmd: string): string
  /** Whether a TCP connection from the tests reaches `port` on the server. */
  reach(port: number, timeoutMs?: number): Promise<'open' | 'refused' | 'timeout'>
  /** Everything the firewall change may touch, as text: iptables v4/v6 (counters dropped), ufw's status and files, the sysctls it sets. */
  firewallState(): string
  /** Puts the firewall back as the server started (files, tables, sysctls). */
  resetFirewall(): void
  stop(): Promise<void>
}

const SSHD = '/usr/sbin/sshd'
/** 443 as the reverse proxy publishes it; 8088 as an app might, which the firewall does not allow. */
const INGRESS_PORTS = [443, 8088]

/** The kernel's filter tables and ufw's own files and status, comparable byte for byte. */
const STATE_CMD = [
  'for t in filter nat; do iptables-save -t $t; done',
  'ip6tables-save -t filter',
  'ufw status verbose',
  'for f in /etc/default/ufw /etc/ufw/*.rules /etc/ufw/ufw.conf; do echo "== $f"; cat "$f"; done',
  'sysctl net.ipv4.conf.all.accept_redirects net.ipv4.conf.default.accept_redirects net.ipv4.icmp_echo_ignore_broadcasts net.ipv4.conf.all.log_martians'
].join('; ')

function freeSubnet(): { third: number } {
  const used = execFileSync('ip', ['-o', 'addr'], { encoding: 'utf8' })
  for (;;) {
    const third = crypto.randomInt(0, 256)
    if (!used.includes(`10.231.${third}.`)) return { third }
  }
}

export async function startNetnsServer(opts: { users: string[]; authorizedKey?: string }): Promise<NetnsServer> {
  const name = `ccdfw${crypto.randomBytes(3).toString('hex')}`
  const { third } = freeSubnet()
  const ingressNs = `${name}i`
  const sandbox = `10.232.${third}.2`
  const toSandbox = `10.232.${third}.1`
  const host = `10.231.${third}.2`
  const peer = `10.231.${third}.1`
  const port = 20000 + crypto.randomInt(0, 20000)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-netns-'))
  const etc = `/etc/netns/${name}`
  const children: ChildProcess[] = []
  const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const sh = (cmd: string): string => execFileSync('ip', ['netns', 'exec', name, 'sh', '-c', cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

  const stop = async (): Promise<void> => {
    // Everything still running in it (sshd, listeners, a timer left by a failed test).
    let pids: string[]
    try {
      pids = run('ip', ['netns', 'pids', name]).split('\n').filter(Boolean)
    } catch {
      pids = []
    }
    try {
      pids.push(...run('ip', ['netns', 'pids', ingressNs]).split('\n').filter(Boolean))
    } catch {
      // never made
    }
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL')
      } catch {
        // already gone
      }
    }
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
    for (const ns of [name, ingressNs]) {
      try {
        run('ip', ['netns', 'del', ns])
      } catch {
        // never made
      }
    }
    try {
      run('ip', ['link', 'del', `vh-${name}`])
    } catch {
      // went with the namespace
    }
    fs.rmSync(etc, { recursive: true, force: true })
    try {
      fs.rmdirSync('/etc/netns')
    } catch {
      // another namespace's files are there
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }

  try {
    run('ip', ['netns', 'add', name])
    run('ip', ['link', 'add', `vh-${name}`, 'type', 'veth', 'peer', 'name', `vp-${name}`])
    run('ip', ['link', 'set', `vp-${name}`, 'netns', name])
    run('ip', ['addr', 'add', `${peer}/30`, 'dev', `vh-${name}`])
    run('ip', ['link', 'set', `vh-${name}`, 'up'])
    fs.mkdirSync(etc, { recursive: true })
    for (const sub of ['ufw', 'default', 'apt']) execFileSync('cp', ['-a', `/etc/${sub}`, path.join(etc, sub)])
    // The server starts with automatic updates off, whatever this machine has.
    fs.rmSync(path.join(etc, 'apt/apt.conf.d/20auto-upgrades'), { force: true })
    sh(`ip addr add ${host}/30 dev vp-${name} && ip link set vp-${name} up && ip link set lo up`)
    // What Docker leaves in a server's filter table (a chain of its own ahead
    // of everything in FORWARD, whose policy it sets to DROP): the firewall
    // must leave it exactly as it is.
    sh('iptables -N DOCKER-USER && iptables -A DOCKER-USER -j RETURN && iptables -I FORWARD -j DOCKER-USER && iptables -P FORWARD DROP && ip6tables -L -n >/dev/null')
    // The ingress sandbox, and Docker's rules for two published ports.
    run('ip', ['netns', 'add', ingressNs])
    sh(`ip link add vs-${name} type veth peer name vi-${name} && ip link set vi-${name} netns ${ingressNs} && ip addr add ${toSandbox}/30 dev vs-${name} && ip link set vs-${name} up && sysctl -q -w net.ipv4.ip_forward=1`)
    run('ip', ['netns', 'exec', ingressNs, 'sh', '-c', `ip addr add ${sandbox}/30 dev vi-${name} && ip link set vi-${name} up && ip link set lo up && ip route add default via ${toSandbox}`])
    sh(
      [
        'iptables -t nat -N DOCKER-INGRESS',
        ...INGRESS_PORTS.map((p) => `iptables -t nat -A DOCKER-INGRESS -p tcp --dport ${p} -j DNAT --to-destination ${sandbox}:80`),
        'iptables -t nat -A DOCKER-INGRESS -j RETURN',
        'iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER-INGRESS',
        'iptables -N DOCKER-INGRESS',
        'iptables -A DOCKER-INGRESS -p tcp --dport 80 -j ACCEPT',
        'iptables -A DOCKER-INGRESS -p tcp -m conntrack --ctstate RELATED,ESTABLISHED --sport 80 -j ACCEPT',
        'iptables -A DOCKER-INGRESS -j RETURN',
        'iptables -I FORWARD 2 -j DOCKER-INGRESS'
      ].join(' && ')
    )
    // Pristine copies, to put the firewall back between tests.
    execFileSync('cp', ['-a', path.join(etc, 'ufw'), path.join(dir, 'ufw')])
    execFileSync('cp', ['-p', path.join(etc, 'default/ufw'), path.join(dir, 'default-ufw')])
    fs.writeFileSync(path.join(dir, 'iptables'), sh('iptables-save -t filter'))
    fs.writeFileSync(path.join(dir, 'ip6tables'), sh('ip6tables-save -t filter'))
    fs.writeFileSync(path.join(dir, 'sysctl'), sh("for k in $(sed -n 's/^\\([a-z][a-z0-9_/.-]*\\)=.*/\\1/p' /etc/ufw/sysctl.conf); do echo \"$k=$(sysctl -n $k)\"; done"))

    const hostKey = path.join(dir, 'ssh_host_ed25519_key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ccd-netns-sshd', '-f', hostKey])
    const authorized = path.join(dir, 'authorized_keys')
    fs.writeFileSync(authorized, opts.authorizedKey ? `${opts.authorizedKey}\n` : '', { mode: 0o644 })
    const configFile = path.join(dir, 'sshd_config')
    fs.writeFileSync(
      configFile,
      [
        `Port ${port}`,
        `ListenAddress ${host}`,
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        `AuthorizedKeysFile ${authorized}`,
        'StrictModes no',
        'UsePAM no',
        `AllowUsers ${opts.users.join(' ')}`,
        'AllowStreamLocalForwarding yes',
        'LogLevel VERBOSE',
        ''
      ].join('\n')
    )
    fs.chmodSync(dir, 0o755)
    const logFile = path.join(dir, 'sshd.log')
    children.push(spawn('ip', ['netns', 'exec', name, SSHD, '-D', '-f', configFile, '-E', logFile], { stdio: 'ignore' }))
    // Tiny listeners: SSH's neighbours that the firewall lets in (80, 443) and one it must not (8080).
    const listener = "const n=require('net');for(const p of process.argv.slice(1))n.createServer(s=>{s.on('error',()=>{});s.end('hi\\n')}).listen(+p,'0.0.0.0')"
    children.push(spawn('ip', ['netns', 'exec', name, process.execPath, '-e', listener, '80', '8080'], { stdio: 'ignore' }))
    children.push(spawn('ip', ['netns', 'exec', ingressNs, process.execPath, '-e', listener, '80'], { stdio: 'ignore' }))

    const reach = (p: number, timeoutMs = 1500): Promise<'open' | 'refused' | 'timeout'> =>
      new Promise((resolve) => {
        const s = net.connect({ host, port: p })
        const done = (r: 'open' | 'refused' | 'timeout'): void => {
          s.destroy()
          resolve(r)
        }
        s.setTimeout(timeoutMs, () => done('timeout'))
        s.once('connect', () => done('open'))
        s.once('error', (e: NodeJS.ErrnoException) => done(e.code === 'ECONNREFUSED' ? 'refused' : 'timeout'))
      })
    const allUp = async (): Promise<boolean> => {
      for (const p of [port, 80, 8080, ...INGRESS_PORTS]) if ((await reach(p)) !== 'open') return false
      return true
    }
    for (const end = Date.now() + 15_000; !(await allUp()); ) {
      if (Date.now() > end) throw new Error(`the namespace's sshd or listeners did not start: ${fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : 'no log'}`)
      await new Promise((r) => setTimeout(r, 100))
    }

    return {
      name,
      host,
      peer,
      port,
      ingressPorts: INGRESS_PORTS,
      etc,
      hostKeyPub: fs.readFileSync(`${hostKey}.pub`, 'utf8').trim(),
      sh,
      reach,
      firewallState: () => sh(STATE_CMD).replace(/^#.*\n/gm, '').replace(/\[\d+:\d+\]/g, '[]'),
      resetFirewall: () => {
        sh(`find /etc/ufw -mindepth 1 -maxdepth 1 -exec rm -rf {} + && cp -a ${dir}/ufw/. /etc/ufw/ && cp -p ${dir}/default-ufw /etc/default/ufw`)
        sh(`iptables-restore -w < ${dir}/iptables && ip6tables-restore -w < ${dir}/ip6tables && sysctl -q -p ${dir}/sysctl`)
      },
      stop
    }
  } catch (err) {
    await stop()
    throw err
  }
}

/** Timers and copies the firewall change leaves behind on the server (none, once it is kept or undone). */
export function firewallLeftovers(): string[] {
  const dir = '/var/lib/coopcloud-desktop'
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('firewall-before-')) : []
  const timers = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes('firewall-before-') && l.includes('sleep'))
  return [...files, ...timers]
}
