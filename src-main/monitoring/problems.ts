// What a round of checks finds, as facts (no words yet: health-words.ts puts
// them into the page's language). Pure: everything it looks at comes in.
import type { AppSummary, ServiceStatus } from '../contract/apps'
import type { NightlySeen } from '../contract/nightly'
import type { CertificateResult } from './certificate'
import type { DomainResult } from './dns'
import type { ServerUsage } from './server-usage'
import { nodeIsDown, type SwarmSeen } from './swarm'

// Defined with the nightly contract (backups/nightly-watch.ts makes it); monitor.ts and service.ts take it from here.
export type { NightlySeen }

export type Problem =
  | { kind: 'server-unreachable'; server: string; error?: string }
  | { kind: 'disk-full'; server: string; mount: string; paths: string[]; usedPct: number; freeBytes: number; totalBytes: number }
  | { kind: 'memory-full'; server: string; usedPct: number; availableBytes: number; totalBytes: number }
  // A machine of the server's swarm that Docker says is not ready (or a manager the others can't reach).
  | { kind: 'node-down'; server: string; nodeId: string; node: string; role: 'manager' | 'worker'; state: string; message?: string }
  | { kind: 'app-down' | 'app-unhealthy' | 'app-restarting'; server: string; domain: string; service: string; restarts: number; failingHealth: boolean; error?: string }
  // `nightly`: its server has nightly backups, and none of them is of this app.
  | { kind: 'backup-never'; server: string; domain: string; nightly?: true }
  | { kind: 'backup-stale'; server: string; domain: string; lastGood: number; limitDays: number }
  // The server's nightly backups (backup-bot-two, the app `bot`): the run due most recently failed, didn't happen, or the bot isn't running.
  | { kind: 'nightly-missed'; server: string; bot: string; why: 'failed' | 'missed' | 'not-running'; said?: string }
  | { kind: 'upgrade'; server: string; domain: string; from?: string; to: string; security: boolean }
  // Checked from this computer, as a visitor's browser would: the words are the check's own.
  | { kind: 'cert-expiring'; server: string; domain: string; daysLeft: number; detail: string }
  | { kind: 'cert-invalid'; server: string; domain: string; state: CertificateResult['state']; detail: string }
  | { kind: 'site-unreachable'; server: string; domain: string; detail: string }
  | { kind: 'domain-elsewhere' | 'domain-missing'; server: string; domain: string; detail: string }

export type ProblemKind = Problem['kind']
export type Severity = 'critical' | 'warning' | 'notice'

export interface Limits {
  /** A disk this full (%, as df shows it) needs attention; the 85. */
  diskPct: number
  /** …and this full is critical: writes are about to fail. */
  diskCriticalPct: number
  /** Memory this full (% of MemTotal not available). */
  memoryPct: number
  /** The newest good backup may be this old. */
  backupDays: number
  /** Tasks replaced since the last update that make a restart loop (apps/status.ts counts 3). */
  restartLoop: number
}

export const DEFAULT_LIMITS: Limits = { diskPct: 85, diskCriticalPct: 95, memoryPct: 90, backupDays: 7, restartLoop: 3 }

export interface ServerSeen {
  name: string
  /** Its swarm answered this round. */
  reached: boolean
  error?: string
  /** Undefined when the usage command could not run. */
  usage?: ServerUsage
  /** Its swarm's machines (docker node ls); undefined when they could not be listed. */
  swarm?: SwarmSeen
}

export interface Snapshot {
  now: number
  servers: ServerSeen[]
  apps: AppSummary[]
  /** When the newest verified backup of an app was made on this computer (ms), if any. */
  lastGoodBackup: (domain: string) => number | undefined
  /** A server's nightly backups, when it has them: an app's newest snapshot there counts as a good backup too. */
  nightly?: (server: string) => NightlySeen | undefined
  /** Whether the release notes between an app's version and its upgrade say "security". */
  securityUpgrade: (app: AppSummary) => boolean
  /** An app's certificate and domain, checked from this computer (absent when they weren't). */
  fromHere?: (domain: string) => { certificate?: CertificateResult; domain?: DomainResult } | undefined
}

const DAY = 24 * 60 * 60 * 1000

/** The thing a problem is about, stable across rounds: one incident per key. */
export function problemKey(p: Problem): string {
  switch (p.kind) {
    case 'server-unreachable':
      return `server:${p.server}`
    case 'disk-full':
      return `disk:${p.server}:${p.mount}`
    case 'memory-full':
      return `memory:${p.server}`
    case 'node-down':
      return `node:${p.server}:${p.nodeId}`
    case 'app-down':
    case 'app-unhealthy':
    case 'app-restarting':
      // One incident per app: going from "restarting" to "down" is the same trouble.
      return `app:${p.server}/${p.domain}`
    case 'backup-never':
    case 'backup-stale':
      return `backup:${p.server}/${p.domain}`
    case 'nightly-missed':
      return `nightly:${p.server}`
    case 'upgrade':
      return `upgrade:${p.server}/${p.domain}`
    case 'cert-expiring':
    case 'cert-invalid':
    case 'site-unreachable':
      return `cert:${p.server}/${p.domain}`
    case 'domain-elsewhere':
    case 'domain-missing':
      return `dns:${p.server}/${p.domain}`
  }
}

/** The keys of an app's checks from this computer that could not run (offline): neither problem nor fixed this round. */
export function uncheckedFromHere(server: string, domain: string, seen: { certificate?: CertificateResult; domain?: DomainResult } | undefined): string[] {
  const keys: string[] = []
  if (!seen?.certificate || seen.certificate.state === 'cant-check') keys.push(`cert:${server}/${domain}`)
  if (!seen?.domain || seen.domain.state === 'cant-check') keys.push(`dns:${server}/${domain}`)
  return keys
}

/** The server a key's check needs to have answered, if any (backups and upgrades are known here). */
export function keyNeedsServer(key: string): string | undefined {
  const m = /^(server|disk|memory|node|app):([^:/]+)/.exec(key)
  return m && m[1] !== 'server' ? m[2] : undefined
}

export function severityOf(p: Problem, limits: Limits = DEFAULT_LIMITS): Severity {
  switch (p.kind) {
    case 'server-unreachable':
    case 'app-down':
    case 'app-restarting':
    case 'cert-invalid':
    case 'site-unreachable':
      return 'critical'
    case 'cert-expiring':
    case 'domain-elsewhere':
    case 'domain-missing':
      return 'warning'
    case 'disk-full':
      return p.usedPct >= limits.diskCriticalPct ? 'critical' : 'warning'
    // A manager down puts the whole swarm at risk; a worker's apps move to the other machines.
    case 'node-down':
      return p.role === 'manager' ? 'critical' : 'warning'
    case 'app-unhealthy':
    case 'memory-full':
    case 'backup-stale':
    case 'backup-never':
    case 'nightly-missed':
      return 'warning'
    case 'upgrade':
      return p.security ? 'warning' : 'notice'
  }
}

const ORDER: Severity[] = ['critical', 'warning', 'notice']

/** Most serious first; then servers before their apps, then by name, so the list doesn't jump about. */
export function bySeverity(a: Problem, b: Problem): number {
  return ORDER.indexOf(severityOf(a)) - ORDER.indexOf(severityOf(b)) || problemKey(a).localeCompare(problemKey(b))
}

/** The newer of two backup times (ms), either of which may be missing. */
export function newerBackup(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b)
}

/**
 * What a round can't judge on a server whose nightly backups it couldn't
 * read: their last run, and every backup problem it found there (a nightly
 * snapshot it couldn't see may answer it). Neither raised nor cleared; a
 * backup this computer has still clears one, as it isn't found at all.
 */
export function unsureWithoutNightly(server: string, nightly: NightlySeen | undefined, found: readonly Problem[]): Set<string> {
  const unsure = new Set<string>()
  if (!nightly || nightly.known) return unsure
  unsure.add(`nightly:${server}`)
  for (const p of found) if (p.server === server && (p.kind === 'backup-never' || p.kind === 'backup-stale')) unsure.add(problemKey(p))
  return unsure
}

/** Everything that needs attention in one snapshot. */
export function findProblems(s: Snapshot, limits: Limits = DEFAULT_LIMITS): Problem[] {
  const out: Problem[] = []
  const reached = new Set(s.servers.filter((x) => x.reached).map((x) => x.name))
  for (const server of s.servers) {
    if (!server.reached) {
      out.push({ kind: 'server-unreachable', server: server.name, ...(server.error ? { error: server.error } : {}) })
      continue
    }
    for (const d of server.usage?.disks ?? []) {
      if (d.usedPct >= limits.diskPct) out.push({ kind: 'disk-full', server: server.name, mount: d.mount, paths: d.paths, usedPct: d.usedPct, freeBytes: d.freeBytes, totalBytes: d.totalBytes })
    }
    const m = server.usage?.memory
    if (m && m.usedPct >= limits.memoryPct) out.push({ kind: 'memory-full', server: server.name, usedPct: m.usedPct, availableBytes: m.availableBytes, totalBytes: m.totalBytes })
    for (const n of server.swarm?.nodes ?? []) {
      if (nodeIsDown(n)) out.push({ kind: 'node-down', server: server.name, nodeId: n.id, node: n.hostname, role: n.role, state: n.unreachable && n.state === 'ready' ? 'unreachable' : n.state, ...(n.message ? { message: n.message } : {}) })
    }
    const run = s.nightly?.(server.name)
    if (run?.known && run.run && !run.run.ok) out.push({ kind: 'nightly-missed', server: server.name, bot: run.bot, why: run.run.why, ...(run.run.said ? { said: run.run.said } : {}) })
  }
  for (const app of s.apps) {
    // An app on a server that didn't answer is unknown, not down: the server's own problem says why.
    if (!app.deployed || !reached.has(app.server)) continue
    const trouble = appTrouble(app.services, limits)
    if (trouble) out.push({ ...trouble, server: app.server, domain: app.domain })
    // The newer of this computer's backups and the server's nightly snapshots.
    const lastGood = newerBackup(s.lastGoodBackup(app.domain), s.nightly?.(app.server)?.newest.get(app.stackName))
    if (lastGood === undefined) out.push({ kind: 'backup-never', server: app.server, domain: app.domain, ...(s.nightly?.(app.server) ? { nightly: true as const } : {}) })
    else if (s.now - lastGood > limits.backupDays * DAY) out.push({ kind: 'backup-stale', server: app.server, domain: app.domain, lastGood, limitDays: limits.backupDays })
    if (app.upgrade) out.push({ kind: 'upgrade', server: app.server, domain: app.domain, ...(app.version ? { from: app.version } : {}), to: app.upgrade, security: s.securityUpgrade(app) })
    out.push(...fromHere(app, s.fromHere?.(app.domain)))
  }
  return out.sort(bySeverity)
}

function fromHere(app: AppSummary, seen: { certificate?: CertificateResult; domain?: DomainResult } | undefined): Problem[] {
  const at = { server: app.server, domain: app.domain }
  const out: Problem[] = []
  const d = seen?.domain
  if (d?.state === 'elsewhere') out.push({ kind: 'domain-elsewhere', ...at, detail: d.detail })
  if (d?.state === 'missing') out.push({ kind: 'domain-missing', ...at, detail: d.detail })
  const c = seen?.certificate
  // A domain that leads nowhere has no certificate to judge: the domain's problem says it all.
  if (!c || c.reason === 'no-address' || d?.state === 'missing') return out
  if (c.state === 'expiring') out.push({ kind: 'cert-expiring', ...at, daysLeft: c.daysLeft ?? 0, detail: c.detail })
  else if (c.state === 'expired' || c.state === 'wrong-name' || c.state === 'untrusted') out.push({ kind: 'cert-invalid', ...at, state: c.state, detail: c.detail })
  else if (c.state === 'unreachable') out.push({ kind: 'site-unreachable', ...at, detail: c.detail })
  return out
}

type Trouble = Extract<Problem, { kind: 'app-down' | 'app-unhealthy' | 'app-restarting' }>

/** An app's worst service trouble: down (fewer running than wanted), in a restart loop, or failing its health check. */
function appTrouble(services: readonly ServiceStatus[], limits: Limits): Omit<Trouble, 'server' | 'domain'> | undefined {
  const found: Array<Omit<Trouble, 'server' | 'domain'>> = []
  for (const svc of services) {
    const loop = svc.restarts >= limits.restartLoop
    // Being updated or started is not trouble yet (the deploy screen watches
    // that), unless it is the same task being started again and again: a
    // restart loop passes through "starting" on every turn.
    if (svc.status === 'stopped' || (svc.status === 'updating' && !loop)) continue
    const base = { service: svc.name, restarts: svc.restarts, failingHealth: svc.health === 'unhealthy' || svc.stoppedUnhealthy === true, ...(svc.error ? { error: svc.error } : {}) }
    // Not running as wanted: in a loop of restarts (crashing, or stopped by the swarm for failing its health check), or simply down.
    if (svc.running < svc.desired) found.push({ ...base, kind: loop ? 'app-restarting' : 'app-down' })
    else if (svc.health === 'unhealthy') found.push({ ...base, kind: 'app-unhealthy' })
    else if (loop && (svc.status === 'attention' || svc.status === 'updating')) found.push({ ...base, kind: 'app-restarting' })
  }
  // Down is worst: the app can't be used at all.
  const rank = (k: Trouble['kind']): number => ['app-down', 'app-restarting', 'app-unhealthy'].indexOf(k)
  return found.sort((a, b) => rank(a.kind) - rank(b.kind))[0]
}
