import net from 'node:net'
import { shellQuote } from '../core/shell'

// The shell behind "Turn on the firewall" and "Turn on automatic updates".
// Pure text, table-tested (test/unit/hardening-scripts.test.ts); run by
// hardening.ts as root on the server.
//
// The firewall is changed the way a careful admin changes it by hand: keep a
// copy of how things are (ufw's files and the kernel's filter table), start
// a timer on the server that puts the copy back, make the change, prove with
// a fresh connection that SSH still gets in, and only then stop the timer.
// If the app, the network or the proof fails, the server undoes it by itself.

/** Where the copy taken before a change waits, until the change is kept or undone. */
export const STATE_DIR = '/var/lib/coopcloud-desktop'

/** What the swarm's machines say to each other (docs.docker.com/engine/swarm/swarm-tutorial). */
export const SWARM_PORTS: { port: number; proto: 'tcp' | 'udp' }[] = [
  { port: 2377, proto: 'tcp' }, // managing the swarm
  { port: 7946, proto: 'tcp' }, // machines finding each other
  { port: 7946, proto: 'udp' },
  { port: 4789, proto: 'udp' } // the overlay networks' traffic
]

export const RULE_COMMENT = 'Co-op Cloud Desktop'

export interface FirewallPlan {
  /** Names this change's copy and timer, so two changes never mix. */
  tag: string
  revertAfterSec: number
  /** The port this very SSH connection came in on: it stays open whatever else changes. */
  sshPort: number
  /** The swarm's machines (IP addresses): only they reach the swarm ports. */
  peers: string[]
}

const stateOf = (tag: string): string => `${STATE_DIR}/firewall-before-${tag}`

function checked(plan: FirewallPlan): FirewallPlan {
  if (!/^[0-9a-f]{6,32}$/.test(plan.tag)) throw new Error(`bad change tag ${plan.tag}`)
  if (!Number.isInteger(plan.sshPort) || plan.sshPort < 1 || plan.sshPort > 65535) throw new Error(`bad SSH port ${plan.sshPort}`)
  if (!Number.isInteger(plan.revertAfterSec) || plan.revertAfterSec < 1) throw new Error(`bad undo time ${plan.revertAfterSec}`)
  for (const p of plan.peers) if (net.isIP(p) === 0) throw new Error(`not an IP address: ${p}`)
  return plan
}

/**
 * The port of this connection on the server's side, from $SSH_CONNECTION
 * ("client-ip client-port server-ip server-port"): what sshd really serves
 * it on, after any port forwarding in front of the server. Run as the
 * signed-in user (sudo would drop the variable).
 */
export const connectionPortScript = (): string => 'echo "ssh_connection=$SSH_CONNECTION"'

export function connectionPort(sshConnection: string | undefined): number | undefined {
  const parts = (sshConnection ?? '').trim().split(/\s+/)
  const port = Number(parts[3])
  return parts.length === 4 && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined
}

/** `cmd` run as root: directly when signed in as root, else through passwordless sudo. */
function asRootText(cmd: string): string {
  return `if [ "$(id -u)" = 0 ]; then sh -c ${shellQuote(cmd)}; else sudo -n sh -c ${shellQuote(cmd)}; fi`
}

/**
 * What the checks need to know, in one round trip: whether the app could
 * change these things (root or passwordless sudo on Debian/Ubuntu), whether
 * ufw is there and on, and whether unattended-upgrades is installed and on.
 * Prints key=value lines; ufw's status needs root, so it is asked as root.
 */
export function hardeningProbeScript(): string {
  const asRoot = [
    'echo hardening_admin=1',
    'if command -v ufw >/dev/null 2>&1; then',
    '  echo ufw=1',
    '  s=$(ufw status verbose 2>/dev/null || true)',
    `  if echo "$s" | grep -q '^Status: active'; then echo ufw_active=1; else echo ufw_active=0; fi`,
    `  echo "ufw_incoming=$(echo "$s" | sed -n 's/^Default: \\([a-z]*\\) (incoming).*/\\1/p')"`,
    'else echo ufw=0; fi'
  ].join('\n')
  return [
    'if [ -r /etc/os-release ]; then . /etc/os-release; echo "hardening_os=$ID"; echo "hardening_os_like=$ID_LIKE"; fi',
    'if command -v unattended-upgrade >/dev/null 2>&1 || [ -x /usr/bin/unattended-upgrade ]; then echo uu=1; else echo uu=0; fi',
    // apt's own reading of every file in apt.conf.d, as its daily timer sees them.
    'if command -v apt-config >/dev/null 2>&1; then',
    '  eval "$(apt-config shell APT_LISTS APT::Periodic::Update-Package-Lists APT_UU APT::Periodic::Unattended-Upgrade 2>/dev/null)"',
    '  echo "apt_lists=$APT_LISTS"; echo "apt_uu=$APT_UU"',
    'fi',
    `if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then ${asRootText(asRoot)}; else echo hardening_admin=0; fi`
  ].join('\n')
}

/** A Periodic value means "every N days"; empty or 0 means never. */
export const periodicOn = (value: string | undefined): boolean => /^[1-9][0-9]*$/.test((value ?? '').trim())

/** Run as root: installs a Debian package when its program is missing (needs the internet). */
export function installIfMissingScript(program: string, pkg: string): string {
  if (!/^[a-z0-9.+-]+$/.test(program) || !/^[a-z0-9.+-]+$/.test(pkg)) throw new Error(`bad package ${pkg}`)
  return [
    `if command -v ${program} >/dev/null 2>&1; then echo already-installed; exit 0; fi`,
    'export DEBIAN_FRONTEND=noninteractive',
    `apt-get update && apt-get install -y ${pkg}`,
    `command -v ${program} >/dev/null 2>&1 && echo installed`
  ].join('\n')
}

/** The ufw commands of the change: SSH first, so a firewall already on never stops it, even for a moment. */
export function ufwCommands(plan: FirewallPlan): string[] {
  const p = checked(plan)
  const comment = (what: string): string => `comment ${shellQuote(`${what} (${RULE_COMMENT})`)}`
  const peers = [...new Set(p.peers)]
  return [
    `ufw allow ${p.sshPort}/tcp ${comment('SSH')}`,
    `ufw allow 80/tcp ${comment('web')}`,
    `ufw allow 443/tcp ${comment('secure web')}`,
    ...peers.flatMap((peer) => SWARM_PORTS.map(({ port, proto }) => `ufw allow proto ${proto} from ${shellQuote(peer)} to any port ${port} ${comment('swarm')}`)),
    'ufw default deny incoming',
    'ufw default allow outgoing',
    'ufw --force enable'
  ]
}

// Docker's own rules, as one fingerprint: they must be the same after ufw is
// turned on (ufw leaves them alone; this proves it on each server).
const dockerRules = "{ iptables-save -t filter; iptables-save -t nat; } 2>/dev/null | grep DOCKER | sed 's/\\[[0-9]*:[0-9]*\\]//' | md5sum | cut -d' ' -f1"

/**
 * Run as root. Copies ufw's files and the kernel's filter tables (IPv4 and
 * IPv6) and the settings ufw's sysctl.conf changes aside, starts the timed
 * undo (detached from this connection, so losing it does not stop the
 * undo), then makes the change. Prints "applied" when it got to the end.
 * Exit 4, before anything is touched: no setsid, so no undo could outlive
 * this connection (a backgrounded command that fails doesn't stop set -e).
 */
export function firewallOnScript(plan: FirewallPlan): string {
  const p = checked(plan)
  const st = shellQuote(stateOf(p.tag))
  // The undo comes revertAfterSec after the change is in place (ufw takes its
  // time on a busy server), or after it started if the change never finishes.
  const deadline = `echo $(( $(date +%s) + ${p.revertAfterSec} )) > ${st}/deadline.new && mv ${st}/deadline.new ${st}/deadline`
  const waitDeadline = `while [ "$(date +%s)" -lt "$(cat ${st}/deadline 2>/dev/null || echo 0)" ]; do sleep 1; done`
  const timer = `echo $$ > ${st}/timer 2>/dev/null; sleep ${p.revertAfterSec}; ${waitDeadline}; ${restoreText(p.tag)}`
  return [
    'set -e',
    'command -v setsid >/dev/null 2>&1 && command -v nohup >/dev/null 2>&1 || exit 4',
    'umask 077',
    `mkdir -p ${shellQuote(STATE_DIR)}`,
    `mkdir ${st}`,
    `cp -a /etc/ufw ${st}/ufw`,
    `cp -p /etc/default/ufw ${st}/default-ufw`,
    `iptables-save -t filter > ${st}/iptables`,
    `if ip6tables -L INPUT -n >/dev/null 2>&1; then ip6tables-save -t filter > ${st}/ip6tables; fi`,
    `: > ${st}/sysctl`,
    'if command -v sysctl >/dev/null 2>&1 && [ -f /etc/ufw/sysctl.conf ]; then',
    `  for k in $(sed -n 's/^\\([a-z][a-z0-9_/.-]*\\)=.*/\\1/p' /etc/ufw/sysctl.conf); do v=$(sysctl -n "$k" 2>/dev/null) && echo "$k=$v" >> ${st}/sysctl || true; done`,
    'fi',
    `echo "docker_rules_before=$(${dockerRules})"`,
    `touch ${st}/complete`,
    deadline,
    `nohup setsid sh -c ${shellQuote(timer)} >/dev/null 2>&1 </dev/null &`,
    ...ufwCommands(p),
    deadline,
    `echo "docker_rules_after=$(${dockerRules})"`,
    'echo applied'
  ].join('\n')
}

// Claims the copy (a rename: the app's undo, its keep and the timer can't
// both have it), then puts everything back exactly.
function restoreText(tag: string): string {
  const st = shellQuote(stateOf(tag))
  const u = shellQuote(`${stateOf(tag)}.undoing`)
  return [
    `if mv ${st} ${u} 2>/dev/null; then`,
    `  if [ -f ${u}/complete ]; then`,
    '    find /etc/ufw -mindepth 1 -maxdepth 1 -exec rm -rf {} +',
    `    cp -a ${u}/ufw/. /etc/ufw/`,
    `    cp -p ${u}/default-ufw /etc/default/ufw`,
    `    iptables-restore -w < ${u}/iptables`,
    `    if [ -f ${u}/ip6tables ]; then ip6tables-restore -w < ${u}/ip6tables; fi`,
    `    if [ -s ${u}/sysctl ]; then sysctl -e -q -p ${u}/sysctl || true; fi`,
    '  fi',
    `  rm -rf ${u}`,
    'fi'
  ].join('\n')
}

/** Run as root when the proof failed: everything as it was, now, and the timer stopped. */
export function firewallUndoScript(tag: string): string {
  const st = shellQuote(stateOf(tag))
  const u = shellQuote(`${stateOf(tag)}.undoing`)
  // The timer is stopped only once this undo owns the copy, so it is never cut off halfway through its own undo.
  return [
    `if [ -f ${st}/timer ]; then t=$(cat ${st}/timer); fi`,
    restoreText(tag).replace(`if mv ${st} ${u} 2>/dev/null; then`, `if mv ${st} ${u} 2>/dev/null; then\n  [ -n "$t" ] && kill -TERM -"$t" 2>/dev/null || true`),
    'echo undone'
  ].join('\n')
}

/** Run as root once the proof arrived: the copy goes and the timer stops, so nothing is undone. */
export function firewallKeepScript(tag: string): string {
  const st = shellQuote(stateOf(tag))
  const k = shellQuote(`${stateOf(tag)}.kept`)
  return [`if mv ${st} ${k} 2>/dev/null; then`, `  t=$(cat ${k}/timer 2>/dev/null || true)`, '  [ -n "$t" ] && kill -TERM -"$t" 2>/dev/null || true', `  rm -rf ${k}`, '  echo kept', 'fi'].join('\n')
}

export const AUTO_UPGRADES_FILE = '/etc/apt/apt.conf.d/20auto-upgrades'

export const AUTO_UPGRADES_LINES = ['APT::Periodic::Update-Package-Lists "1";', 'APT::Periodic::Unattended-Upgrade "1";']

/**
 * Run as root: turns on apt's daily list update and unattended-upgrades, as
 * `dpkg-reconfigure unattended-upgrades` does. Other lines of the file are
 * kept; the file is replaced in one step.
 */
export function autoUpdatesOnScript(): string {
  const f = shellQuote(AUTO_UPGRADES_FILE)
  const tmp = shellQuote(`${AUTO_UPGRADES_FILE}.ccd-new`)
  return [
    'set -e',
    `{ if [ -f ${f} ]; then grep -v -E '^[[:space:]]*APT::Periodic::(Update-Package-Lists|Unattended-Upgrade)[[:space:]]' ${f} || true; fi`,
    `  printf '%s\\n' ${AUTO_UPGRADES_LINES.map(shellQuote).join(' ')}; } > ${tmp}`,
    `chmod 644 ${tmp}`,
    `mv ${tmp} ${f}`,
    'echo written'
  ].join('\n')
}
