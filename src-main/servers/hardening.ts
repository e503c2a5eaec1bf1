import crypto from 'node:crypto'
import net from 'node:net'
import type Docker from 'dockerode'
import { ApiError, errorWords } from '../contract/errors'
import type { CheckResult } from '../contract/schemas'
import type { JobContext } from '../core/jobs'
import { parseKeyValues, withTimeout } from '../core/shell'
import { t } from '../i18n/i18n'
import { SshError } from '../ssh/errors'
import type { ServerConn } from './connections'
import {
  autoUpdatesOnScript,
  connectionPort,
  connectionPortScript,
  firewallKeepScript,
  firewallOnScript,
  firewallUndoScript,
  hardeningProbeScript,
  installIfMissingScript,
  periodicOn,
  type FirewallPlan
} from './hardening-scripts'
import { asRoot } from './prepare'

// Two things a careful admin sets up besides what apps need, each optional,
// each safe to run twice: a firewall that lets in only SSH, the web and the
// swarm's own machines, and automatic security updates. The firewall can
// never lock anyone out: the port this connection uses stays open, the change
// is proven by a fresh SSH connection, and the server undoes it by itself
// unless that proof arrives in time (see hardening-scripts.ts).

export interface HardeningFacts {
  /** The app could sign in as root or use passwordless sudo. */
  admin: boolean
  debianLike: boolean
  firewall: { installed: boolean; active: boolean; incoming?: string }
  autoUpdates: { installed: boolean; on: boolean }
}

export function hardeningFacts(kv: Record<string, string>): HardeningFacts {
  const like = (kv.hardening_os_like ?? '').split(/\s+/)
  return {
    admin: kv.hardening_admin === '1',
    debianLike: ['debian', 'ubuntu'].includes(kv.hardening_os ?? '') || like.includes('debian'),
    firewall: { installed: kv.ufw === '1', active: kv.ufw_active === '1', incoming: kv.ufw_incoming || undefined },
    autoUpdates: { installed: kv.uu === '1', on: kv.uu === '1' && periodicOn(kv.apt_lists) && periodicOn(kv.apt_uu) }
  }
}

/** Recommendations: a server without them runs apps fine (see isInformational in the renderer). */
export function hardeningChecks(h: HardeningFacts | undefined | 'unknown'): CheckResult[] {
  if (h === undefined) return []
  const FIREWALL = t('hardening.firewall.title')
  const AUTO_UPDATES = t('hardening.autoUpdates.title')
  if (h === 'unknown') {
    const detail = t('hardening.unknown')
    return [
      { id: 'firewall', ok: null, title: FIREWALL, detail },
      { id: 'auto-updates', ok: null, title: AUTO_UPDATES, detail }
    ]
  }
  const canFix = h.admin && h.debianLike
  const cannot = canFix ? '' : ` ${t(!h.debianLike ? 'hardening.cannotNotDebian' : 'hardening.cannotNoAdmin')}`
  const out: CheckResult[] = []

  const fw = h.firewall
  if (!h.admin) {
    out.push({ id: 'firewall', ok: null, title: FIREWALL, detail: t('hardening.firewall.noAdmin') })
  } else if (fw.active && (fw.incoming === 'deny' || fw.incoming === 'reject')) {
    out.push({ id: 'firewall', ok: true, title: FIREWALL, detail: t('hardening.firewall.on') })
  } else {
    out.push({
      id: 'firewall',
      ok: false,
      title: FIREWALL,
      detail: fw.active ? t('hardening.firewall.lenient') : t('hardening.firewall.off') + cannot,
      fix: canFix ? { label: t('hardening.firewall.fixLabel'), action: 'firewall-on', text: t('hardening.firewall.fixText') } : undefined
    })
  }

  const au = h.autoUpdates
  if (au.on) {
    out.push({ id: 'auto-updates', ok: true, title: AUTO_UPDATES, detail: t('hardening.autoUpdates.on') })
  } else {
    out.push({
      id: 'auto-updates',
      ok: false,
      title: AUTO_UPDATES,
      detail: t('hardening.autoUpdates.off') + cannot,
      fix: canFix
        ? {
            label: t('hardening.autoUpdates.fixLabel'),
            action: 'auto-updates-on',
            text: t(au.installed ? 'hardening.autoUpdates.fixTextTurnOn' : 'hardening.autoUpdates.fixTextInstall')
          }
        : undefined
    })
  }
  return out
}

/** The job's steps, in the language of the moment it starts. */
export const firewallSteps = (): string[] =>
  (['look', 'install', 'peers', 'apply', 'prove', 'keep'] as const).map((k) => t(`hardening.firewall.steps.${k}`))

export const autoUpdatesSteps = (): string[] => (['look', 'install', 'turnOn', 'check'] as const).map((k) => t(`hardening.autoUpdates.steps.${k}`))

export interface FirewallDeps {
  /** The connection the change is made through; stays open until the end. */
  conn: ServerConn
  /** A new, separate SSH connection to the server; resolves with how far it got in words, rejects when the server can't be reached. */
  freshConnection: () => Promise<string>
  /** How long the server waits for the proof before undoing by itself. */
  revertAfterSec: number
  /** How long the proof keeps trying while the server does not answer (20 s). */
  proofWithinMs?: number
}

const API_TIMEOUT = 15_000

// Refused, closed or silent: the server was not reached. Anything else (a key
// or password refused) is the server answering through the firewall.
const unreachable = (err: unknown): boolean => err instanceof SshError && ['refused', 'closed', 'network', 'timeout', 'unknown-host'].includes(err.code)

/** A fresh connection's outcome in words, or an error when the server could not be reached at all. */
export async function reached(signIn: () => Promise<{ method?: string; keyFile?: string } | undefined>): Promise<string> {
  try {
    const used = await signIn()
    return used?.keyFile ? t('hardening.firewall.log.signedInWith', { keyFile: used.keyFile }) : t('hardening.firewall.log.signedIn')
  } catch (err) {
    if (unreachable(err)) throw err
    return t('hardening.firewall.log.answered', { reason: errorWords(err) })
  }
}

// The swarm's machines, by the addresses they use to reach each other.
export async function swarmPeers(docker: Docker): Promise<string[]> {
  const info = await withTimeout(docker.info(), API_TIMEOUT, () => new Error('Docker did not answer within 15 seconds.'))
  const sw = info.Swarm ?? {}
  if (sw.LocalNodeState !== 'active') return []
  const hostOf = (addr: string | undefined): string => (addr ?? '').replace(/^\[?(.*?)\]?:\d+$/, '$1')
  const found: string[] = []
  if (sw.ControlAvailable) {
    const nodes = await withTimeout(docker.listNodes(), API_TIMEOUT, () => new Error('Docker did not answer within 15 seconds.'))
    for (const n of nodes) {
      const addr = n.Status?.Addr
      // A manager may report 0.0.0.0 as its own address; its manager address is the true one.
      found.push(addr && addr !== '0.0.0.0' ? addr : hostOf(n.ManagerStatus?.Addr))
    }
  } else {
    found.push(sw.NodeAddr, ...((sw.RemoteManagers ?? []) as { Addr?: string }[]).map((m) => hostOf(m.Addr)))
  }
  return [...new Set(found.filter((a): a is string => typeof a === 'string' && net.isIP(a) !== 0 && a !== '0.0.0.0' && a !== '::'))]
}

// The proof waits for the server within bounds, but only while it is not
// answering; an answer is an answer.
async function whenReachable<T>(what: () => Promise<T>, withinMs: number, signal: AbortSignal): Promise<T> {
  const end = Date.now() + withinMs
  for (;;) {
    try {
      return await what()
    } catch (err) {
      if (!unreachable(err) || Date.now() > end || signal.aborted) throw err
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

async function rootProbe(conn: ServerConn): Promise<{ kv: Record<string, string>; h: HardeningFacts }> {
  const probe = await conn.exec(hardeningProbeScript(), { timeoutMs: 30_000 })
  const kv = parseKeyValues(probe.stdout)
  return { kv, h: hardeningFacts(kv) }
}

function refuseUnless(h: HardeningFacts, conn: ServerConn): void {
  if (!h.admin) throw new ApiError('needs-admin', t('hardening.needsAdmin', { user: conn.server.user }))
  if (!h.debianLike) throw new ApiError('prepare-unsupported', t('hardening.notDebian'))
}

async function install(conn: ServerConn, ctx: JobContext, program: string, pkg: string): Promise<void> {
  const res = await conn.exec(asRoot(installIfMissingScript(program, pkg)), { onStdout: ctx.log, onStderr: ctx.log, timeoutMs: 20 * 60_000 })
  if (/^already-installed$/m.test(res.stdout)) return
  if (res.code !== 0 || !/^installed$/m.test(res.stdout)) throw new ApiError('install-failed', t('hardening.installFailed', { what: pkg }), res.stderr.slice(-2000))
}

export async function turnOnFirewall(deps: FirewallDeps, ctx: JobContext): Promise<void> {
  const { conn } = deps
  const stopIfCancelled = (words = t('hardening.firewall.cancelled')): void => {
    if (ctx.signal.aborted) throw new ApiError('cancelled', words)
  }

  ctx.step(0)
  const [{ h }, portProbe] = await Promise.all([rootProbe(conn), conn.exec(connectionPortScript(), { timeoutMs: 30_000 })])
  refuseUnless(h, conn)
  const sshPort = connectionPort(parseKeyValues(portProbe.stdout).ssh_connection)
  if (!sshPort) {
    throw new ApiError('ssh-port-unknown', t('hardening.firewall.portUnknown'), portProbe.stdout)
  }
  ctx.log(`${t('hardening.firewall.log.port', { port: sshPort })}\n`)
  stopIfCancelled()

  ctx.step(1)
  if (h.firewall.installed) ctx.log(`${t('hardening.firewall.log.installed')}\n`)
  else await install(conn, ctx, 'ufw', 'ufw')
  stopIfCancelled(t('hardening.firewall.cancelledInstalled'))

  ctx.step(2)
  const peers = await swarmPeers(conn.docker()).catch((err: unknown) => {
    ctx.log(`${t('hardening.firewall.log.peersFailed', { reason: errorWords(err) })}\n`)
    return [] as string[]
  })
  ctx.log(`${peers.length ? t('hardening.firewall.log.peers', { peers: peers.join(', ') }) : t('hardening.firewall.log.noPeers')}\n`)
  stopIfCancelled()

  ctx.step(3)
  const plan: FirewallPlan = { tag: crypto.randomBytes(6).toString('hex'), revertAfterSec: deps.revertAfterSec, sshPort, peers }
  const applied = await conn.exec(asRoot(firewallOnScript(plan)), { onStderr: ctx.log, timeoutMs: 60_000 }).catch((err: unknown) => ({ code: -1, stdout: '', stderr: errorWords(err) }))
  const kv = parseKeyValues(applied.stdout)
  // Nothing was changed: the server can't run an undo that outlives us.
  if (applied.code === 4) throw new ApiError('undo-timer-unavailable', t('hardening.firewall.noSetsid'))
  if (applied.code !== 0 || !/^applied$/m.test(applied.stdout)) {
    await undo(conn, plan, ctx)
    throw new ApiError('firewall-failed', t('hardening.firewall.failed'), (applied.stdout + applied.stderr).slice(-2000))
  }
  if (kv.docker_rules_before !== kv.docker_rules_after) {
    await undo(conn, plan, ctx)
    throw new ApiError('firewall-touched-docker', t('hardening.firewall.touchedDocker'))
  }
  ctx.log(`${t('hardening.firewall.log.applied', { seconds: deps.revertAfterSec })}\n`)

  try {
    ctx.step(4)
    stopIfCancelled()
    const words = await whenReachable(() => deps.freshConnection(), deps.proofWithinMs ?? 20_000, ctx.signal)
    ctx.log(`${words}\n`)
    stopIfCancelled()
  } catch (err) {
    await undo(conn, plan, ctx)
    if (err instanceof ApiError && err.code === 'cancelled') throw new ApiError('cancelled', t('hardening.firewall.cancelledUndone'))
    throw new ApiError('firewall-not-proven', t('hardening.firewall.notProven'), errorWords(err))
  }

  ctx.step(5)
  let kept = false
  try {
    kept = (await conn.exec(asRoot(firewallKeepScript(plan.tag)), { timeoutMs: 15_000 })).stdout.includes('kept')
  } catch (err) {
    ctx.log(`${t('hardening.firewall.log.notKept', { reason: errorWords(err) })}\n`)
  }
  if (!kept) throw new ApiError('change-not-kept', t('hardening.firewall.notKept', { seconds: deps.revertAfterSec }))
  ctx.log(`${t('hardening.firewall.log.done')}\n`)
}

// Put everything back now; when even that fails, the server's timer does it.
async function undo(conn: ServerConn, plan: FirewallPlan, ctx: JobContext): Promise<void> {
  try {
    const res = await conn.exec(asRoot(firewallUndoScript(plan.tag)), { timeoutMs: 30_000 })
    if (res.stdout.includes('undone')) {
      ctx.log(`${t('hardening.firewall.log.undone')}\n`)
      return
    }
  } catch (err) {
    ctx.log(`${t('hardening.firewall.log.undoLater', { reason: errorWords(err) })}\n`)
  }
  ctx.log(`${t('hardening.firewall.log.undoWithin', { seconds: plan.revertAfterSec })}\n`)
}

export async function turnOnAutoUpdates(conn: ServerConn, ctx: JobContext): Promise<'done' | 'already-on'> {
  ctx.step(0)
  const { h } = await rootProbe(conn)
  refuseUnless(h, conn)
  if (h.autoUpdates.on) {
    ctx.log(`${t('hardening.autoUpdates.log.already')}\n`)
    return 'already-on'
  }
  if (ctx.signal.aborted) throw new ApiError('cancelled', t('hardening.autoUpdates.cancelled'))

  ctx.step(1)
  if (h.autoUpdates.installed) ctx.log(`${t('hardening.autoUpdates.log.installed')}\n`)
  else await install(conn, ctx, 'unattended-upgrade', 'unattended-upgrades')
  if (ctx.signal.aborted) throw new ApiError('cancelled', t('hardening.autoUpdates.cancelledInstalled'))

  ctx.step(2)
  const res = await conn.exec(asRoot(autoUpdatesOnScript()), { onStderr: ctx.log, timeoutMs: 30_000 })
  if (res.code !== 0 || !res.stdout.includes('written')) throw new ApiError('auto-updates-failed', t('hardening.autoUpdates.failed'), res.stderr.slice(-2000))

  ctx.step(3)
  const after = await rootProbe(conn)
  if (!after.h.autoUpdates.on) {
    throw new ApiError(
      'auto-updates-elsewhere',
      t('hardening.autoUpdates.elsewhere'),
      `APT::Periodic::Update-Package-Lists=${after.kv.apt_lists ?? ''} APT::Periodic::Unattended-Upgrade=${after.kv.apt_uu ?? ''}`
    )
  }
  ctx.log(`${t('hardening.autoUpdates.log.done')}\n`)
  return 'done'
}
