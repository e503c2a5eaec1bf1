// Nightly backups as Health sees them (issue 14): each app's newest snapshot
// on its server counts as a good backup, and last night's run that failed or
// didn't happen is a problem. Health checks every server every minute or so;
// reading the bot's restic repository costs a few Docker calls and a restic
// process in its container (a network round trip for SFTP or S3), so:
//
// - a server without nightly backups costs nothing: its backup app is found
//   among the apps Health's round already listed, or there is none;
// - a server's answer is kept while no new run can have come due (the
//   schedule's last due time is the same) and for at most `rereadMs`;
// - at most one read per server is under way: a round that finds one going
//   waits for it instead of starting another;
// - a round waits at most `waitMs` for a read, then goes on with what was
//   known (the read carries on for the next round, up to `readTimeoutMs`,
//   after which its restic is killed), and close() abandons them all;
// - restic lists the snapshots without its lock, so a look never makes the
//   bot's own forget --prune fail.
//
// It never throws: a read that fails leaves what it knew before, marked as
// not known now, and Health neither raises nor clears what it can't judge.
import type { AppContext } from '../apps/context'
import { loadApp } from '../apps/context'
import type { AppSummary } from '../contract/apps'
import type { NightlySeen } from '../contract/nightly'
import { BOT_RECIPE, readBot, snapshotStacks, type BotRead } from './nightly'
import { lastDue } from './nightly-schedule'

export interface NightlyWatchOptions {
  /** How long a look waits for a read before answering with what was known (ms). */
  waitMs?: number
  /** A read's own limit (ms), whoever waits for it. */
  readTimeoutMs?: number
  /** An answer is read again after this long even when no run came due (ms): snapshots forgotten or restored by hand. */
  rereadMs?: number
  now?: () => number
  /** How a read reaches the server (Health's shared connection), with the read's own signal; else ctx.open. */
  open?: (server: string, signal: AbortSignal) => ReturnType<AppContext['open']>
}

export const NIGHTLY_WAIT_MS = 8000
export const NIGHTLY_READ_TIMEOUT_MS = 60_000
export const NIGHTLY_REREAD_MS = 15 * 60_000
/** The bot's own words in a problem: its last failure line, this long at most. */
const SAID_MAX = 300

interface Known {
  /** What the answer depends on: the bot, its schedule, the last due time, whether it runs. */
  stamp: string
  readAt: number
  look: NightlySeen
}

interface ServerState {
  known?: Known
  /** The newest snapshots of the latest read that worked, whatever its stamp. */
  newest: ReadonlyMap<string, number>
  reading?: Promise<void>
}

/**
 * The bot's words for a problem: of its last three failure lines, the one
 * saying most (a summary such as "finished with errors" says least), without
 * the timestamps in front, short.
 */
export function saidOf(details: string): string | undefined {
  const lines = details
    .split('\n')
    .map((l) => l.replace(/^(\d{4}-\d\d-\d\dT\S+\s+)+/, '').trim())
    .filter(Boolean)
    .slice(-3)
  const words = lines.reduce<string | undefined>((best, l) => (best === undefined || l.length > best.length ? l : best), undefined)
  if (!words) return undefined
  return words.length > SAID_MAX ? `${words.slice(0, SAID_MAX - 1)}…` : words
}

/** Each stack's newest snapshot (ms), for the stacks given and those the snapshots name themselves. */
export function newestByStack(snapshots: ReadonlyArray<{ id: string; time: string; tags: string[]; paths: string[]; hostname?: string }>, stacks: readonly string[]): Map<string, number> {
  const newest = new Map<string, number>()
  for (const s of snapshots) {
    const at = Date.parse(s.time)
    if (!Number.isFinite(at)) continue
    const named = new Set([...snapshotStacks(s, [...stacks]), ...s.tags.filter((x) => x !== 'backupbot'), ...(s.hostname ? [s.hostname] : [])])
    for (const stack of named) if (at > (newest.get(stack) ?? -Infinity)) newest.set(stack, at)
  }
  return newest
}

/** A read's answer as a look (pure). `before`: the newest snapshots known before, kept when this read couldn't list them. */
export function lookOf(bot: string, read: BotRead | undefined, stacks: readonly string[], before: ReadonlyMap<string, number>): NightlySeen {
  if (!read || read.state === 'cannot-read') return { bot, newest: before, known: false }
  if (read.state === 'not-running') return { bot, newest: before, known: true, run: { ok: false, why: 'not-running' } }
  const newest = newestByStack(read.snapshots, stacks)
  const run = read.run
  if (!run) return { bot, newest, known: true }
  if (run.ok) return { bot, newest, known: true, run: { ok: true } }
  const said = run.why === 'failed' ? saidOf(run.details) : undefined
  return { bot, newest, known: true, run: { ok: false, why: run.why, ...(said ? { said } : {}) } }
}

export function nightlyWatch(ctx: AppContext, options: NightlyWatchOptions = {}) {
  const waitMs = options.waitMs ?? NIGHTLY_WAIT_MS
  const readTimeoutMs = options.readTimeoutMs ?? NIGHTLY_READ_TIMEOUT_MS
  const rereadMs = options.rereadMs ?? NIGHTLY_REREAD_MS
  const now = options.now ?? Date.now
  const servers = new Map<string, ServerState>()
  const reads = new Set<AbortController>()
  let closed = false

  async function read(server: string, state: ServerState, bot: AppSummary, values: Record<string, string>, stamp: string, stacks: string[]): Promise<void> {
    const abort = new AbortController()
    reads.add(abort)
    const timer = setTimeout(() => abort.abort(), readTimeoutMs)
    let answer: BotRead | undefined
    try {
      const limit = new Promise<undefined>((resolve) => abort.signal.addEventListener('abort', () => resolve(undefined), { once: true }))
      const open = options.open
      const reach: AppContext = open ? { ...ctx, open: (name) => open(name, abort.signal) } : ctx
      answer = await Promise.race([readBot(reach, server, { stackName: bot.stackName, values }, { now: now(), timeoutMs: readTimeoutMs, signal: abort.signal }), limit])
    } catch {
      answer = undefined
    } finally {
      clearTimeout(timer)
      // Whatever is still going (a restic in the bot's container) is killed.
      abort.abort()
      reads.delete(abort)
    }
    if (closed || servers.get(server) !== state) return
    const look = lookOf(bot.domain, answer, stacks, state.newest)
    if (!look.known) return
    state.newest = look.newest
    state.known = { stamp, readAt: now(), look }
  }

  return {
    /** The server's nightly backups, from the apps this round listed; undefined when it has none (nothing is read). */
    async look(server: string, apps: readonly AppSummary[]): Promise<NightlySeen | undefined> {
      const bot = apps.find((a) => a.recipe === BOT_RECIPE)
      if (!bot || closed) {
        servers.delete(server)
        return undefined
      }
      let state = servers.get(server)
      if (!state) servers.set(server, (state = { newest: new Map() }))
      try {
        // Set up but not deployed (or taken down): no run will happen, and there is nothing to read.
        if (!bot.deployed) return { bot: bot.domain, newest: state.newest, known: true, run: { ok: false, why: 'not-running' } }
        const { values } = await loadApp(ctx, server, bot.domain)
        const cron = (values.CRON_SCHEDULE ?? '').trim()
        const running = bot.services.map((s) => `${s.name}=${s.running}`).join(',')
        const stamp = [bot.domain, cron, lastDue(cron, now()) ?? '', running].join('\n')
        const known = state.known
        if (known && known.stamp === stamp && now() - known.readAt < rereadMs && known.look.bot === bot.domain) return known.look
        const stacks = apps.map((a) => a.stackName)
        const current = state
        state.reading ??= read(server, state, bot, values, stamp, stacks).finally(() => {
          if (current.reading) current.reading = undefined
        })
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([state.reading, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))])
        clearTimeout(timer)
        // Read while this look waited (by a read this look or an earlier one started).
        const after = state.known
        if (after && after !== known) return after.look
        // Not read (yet, or it failed): what was known, as not known now.
        return { bot: bot.domain, newest: state.newest, known: false }
      } catch {
        return { bot: bot.domain, newest: state.newest, known: false }
      }
    },
    /** Abandons the reads under way (their restic is killed) and answers nothing more. */
    close(): void {
      closed = true
      for (const a of reads) a.abort()
      servers.clear()
    }
  }
}
