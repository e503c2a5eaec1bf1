// Checks every server in the background, each on its own timer, so a slow
// or unreachable server never holds the others up: each check has its own
// time limit. What a check finds goes through the debouncer; the monitor
// keeps the confirmed problems and says when one appears or clears. It
// knows nothing of SSH, Docker or files: the core hands it what to call.
import type { AppSummary } from '../contract/apps'
import { Debounce, type Incident } from './debounce'
import type { CertificateResult } from './certificate'
import type { DomainResult } from './dns'
import { DEFAULT_LIMITS, findProblems, problemKey, uncheckedFromHere, unsureWithoutNightly, type Limits, type NightlySeen, type Problem, type ServerSeen } from './problems'
import type { ServerUsage } from './server-usage'
import type { SwarmSeen } from './swarm'

export interface ServerCheck {
  reached: boolean
  error?: string
  usage?: ServerUsage
  /** Its Docker and swarm (docker node ls), when they could be read this round. */
  swarm?: SwarmSeen
  apps: AppSummary[]
}

export interface MonitorDeps {
  /** The servers to watch (~/.abra/servers), read again every round. */
  servers(): Promise<string[]>
  /** One server's swarm, apps and usage. Must give up when `signal` aborts. */
  checkServer(name: string, signal: AbortSignal): Promise<ServerCheck>
  /** When the newest verified backup of an app was made (ms). */
  lastGoodBackup(domain: string): Promise<number | undefined>
  /**
   * The server's nightly backups, from this round's apps (its backup app is
   * one of them): undefined when it has none set up, and then nothing more
   * is asked of the server. Bounded by its own time limit; never throws.
   */
  nightly?(server: string, apps: AppSummary[]): Promise<NightlySeen | undefined>
  /** Whether the release notes between the app's version and its upgrade say "security". */
  securityUpgrade(app: AppSummary): Promise<boolean>
  /** An app's certificate and domain checked from this computer; without it they aren't checked. */
  fromHere?(app: AppSummary): Promise<{ certificate?: CertificateResult; domain?: DomainResult }>
  now?: () => number
}

export interface MonitorOptions {
  /** Between two checks of one server; the default is 60 s. */
  intervalMs: number
  /** One server's check; past it the server counts as not answering this round. */
  timeoutMs?: number
  limits?: Partial<Limits>
  /** A problem was confirmed (became) or is fixed (cleared). */
  onIncidents?: (change: { became: Incident<Problem>[]; cleared: Incident<Problem>[] }) => void
  /** Anything the overview shows changed. */
  onChange?: () => void
  /** A server left the servers list: its problems were forgotten, neither fixed nor announced. */
  onForget?: (server: string) => void
  /** When a problem began, if known from before this run (an incident left open in the history): its "since" once confirmed. */
  begunAt?: (key: string) => number | undefined
  /**
   * One server's round, with everything it found (confirmed or not), and
   * which problem keys it could check (a key checked and not found is fine
   * now): for the history.
   */
  onRound?: (round: { server: string; check: ServerCheck; found: Problem[]; checked: (key: string) => boolean; at: number }) => void
}

export interface MonitorView {
  problems: Incident<Problem>[]
  servers: number
  apps: number
  /** The last time any server's check finished (ms). */
  checkedAt?: number
  /** Some app's certificate or domain could not be checked from here in the latest rounds (this computer seems offline). */
  offline?: boolean
}

/** The server a problem key is about: every key starts "<what>:<server>". */
export const serverOfKey = (key: string): string | undefined => /^[a-z-]+:([^:/]+)/.exec(key)?.[1]

export class Monitor {
  private readonly debounce = new Debounce<Problem>()
  private limits: Limits
  private intervalMs: number
  private readonly now: () => number
  /** Per server: its next check's timer, the check under way, when the last one started, its apps. */
  private readonly loops = new Map<string, { timer?: ReturnType<typeof setTimeout>; abort?: AbortController; started?: number; apps: number }>()
  private active: Incident<Problem>[] = []
  private checkedAt?: number
  /** Servers whose latest round could not check some app from here. */
  private readonly offlineFor = new Set<string>()
  private supervisor?: ReturnType<typeof setTimeout>
  /** What the first check waits for (start()). */
  private after?: Promise<unknown>
  private stopped = true
  /** Set by stop(): checks still under way then change nothing. */
  private closed = false

  constructor(
    private readonly deps: MonitorDeps,
    private readonly options: MonitorOptions
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits }
    this.intervalMs = options.intervalMs
    this.now = deps.now ?? Date.now
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? Math.min(20_000, Math.max(1000, this.intervalMs / 2))
  }

  /**
   * Follows a change made in Settings, without a restart: new limits apply
   * from the next check; a new interval moves each server's next check to
   * one new interval after its last one started (at once, if that is past).
   */
  configure(change: { intervalMs?: number; limits?: Partial<Limits> }): void {
    if (change.limits) this.limits = { ...this.limits, ...change.limits }
    if (change.intervalMs === undefined || change.intervalMs === this.intervalMs) return
    this.intervalMs = change.intervalMs
    if (this.stopped) return
    for (const [name, loop] of this.loops) {
      // A check under way schedules its own next one when it ends, with the new interval.
      if (!loop.timer) continue
      clearTimeout(loop.timer)
      const since = loop.started === undefined ? 0 : this.now() - loop.started
      this.schedule(name, loop.started === undefined ? 0 : Math.max(0, this.intervalMs - since))
    }
    this.followSoon(this.intervalMs)
  }

  /** Reads the servers list now (a server was just added or removed here), so a new one is checked at once, not at the next round. */
  serversChanged(): void {
    this.followSoon(0)
  }

  private followSoon(delayMs: number): void {
    if (this.stopped) return
    if (this.supervisor) clearTimeout(this.supervisor)
    this.supervisor = setTimeout(() => void this.followServers(), delayMs)
  }

  view(): MonitorView {
    return {
      problems: this.active,
      servers: this.loops.size,
      apps: [...this.loops.values()].reduce((n, l) => n + l.apps, 0),
      ...(this.checkedAt ? { checkedAt: this.checkedAt } : {}),
      ...(this.offlineFor.size > 0 ? { offline: true } : {})
    }
  }

  /**
   * Starts watching; the servers list is read again every interval, so
   * added and removed servers are followed. With `after`, the first check
   * waits for it (what an earlier run left open is read first).
   */
  start(after?: Promise<unknown>): void {
    if (!this.stopped || this.closed) return
    this.stopped = false
    this.after = after
    void this.followServers()
  }

  /** Stops every timer and abandons the checks under way. */
  stop(): void {
    this.stopped = true
    this.closed = true
    if (this.supervisor) clearTimeout(this.supervisor)
    for (const loop of this.loops.values()) {
      if (loop.timer) clearTimeout(loop.timer)
      loop.abort?.abort()
    }
  }

  /**
   * One check of every server now, for a one-off answer (the CLI): what it
   * finds needs a second look to count, so when anything is found every
   * server is checked once more after `confirmAfterMs`.
   */
  async checkAll(confirmAfterMs: number): Promise<MonitorView> {
    const names = await this.deps.servers()
    this.adopt(names)
    await Promise.all(names.map((n) => this.checkServer(n)))
    if (this.debounce.pending() > 0) {
      await new Promise((r) => setTimeout(r, confirmAfterMs))
      await Promise.all(names.map((n) => this.checkServer(n)))
    }
    return this.view()
  }

  private async followServers(): Promise<void> {
    if (this.after) await this.after
    if (this.stopped) return
    try {
      const names = await this.deps.servers()
      if (this.stopped) return
      for (const name of this.adopt(names)) this.schedule(name, 0)
    } catch {
      // The servers folder can't be read this time; the next round tries again.
    }
    if (this.stopped) return
    // Another read may have been started meanwhile (serversChanged): one timer, never two.
    if (this.supervisor) clearTimeout(this.supervisor)
    this.supervisor = setTimeout(() => void this.followServers(), this.intervalMs)
  }

  /** Adds loops for new servers (returned) and drops those of removed ones, forgetting their problems quietly. */
  private adopt(names: string[]): string[] {
    const added = names.filter((n) => !this.loops.has(n))
    for (const n of added) this.loops.set(n, { apps: 0 })
    for (const [name, loop] of this.loops) {
      if (names.includes(name)) continue
      if (loop.timer) clearTimeout(loop.timer)
      loop.abort?.abort()
      this.loops.delete(name)
      // By the server each key names: a prefix such as 'app:s1' would take s10's too.
      this.debounce.forget((key) => serverOfKey(key) === name)
      this.offlineFor.delete(name)
      this.active = this.active.filter((i) => serverOfKey(i.key) !== name)
      this.options.onForget?.(name)
      this.options.onChange?.()
    }
    return added
  }

  private schedule(name: string, delayMs: number): void {
    const loop = this.loops.get(name)
    if (!loop || this.stopped) return
    loop.timer = setTimeout(async () => {
      loop.timer = undefined
      const started = (loop.started = this.now())
      await this.checkServer(name)
      // The next check starts one interval after this one started, whatever it took.
      this.schedule(name, Math.max(0, this.intervalMs - (this.now() - started)))
    }, delayMs)
  }

  private async checkServer(name: string): Promise<void> {
    const loop = this.loops.get(name)
    if (!loop) return
    const abort = new AbortController()
    loop.abort = abort
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<ServerCheck>((resolve) => {
      timer = setTimeout(() => {
        abort.abort()
        resolve({ reached: false, error: `no answer within ${Math.round(this.timeoutMs / 1000)} s`, apps: [] })
      }, this.timeoutMs)
    })
    let check: ServerCheck
    try {
      check = await Promise.race([this.deps.checkServer(name, abort.signal), timedOut])
    } catch (err) {
      check = { reached: false, error: err instanceof Error ? err.message : String(err), apps: [] }
    } finally {
      clearTimeout(timer)
    }
    // Stopped, or the server was removed, while it was being checked.
    if (this.closed || !this.loops.has(name)) return
    loop.apps = check.apps.length
    await this.judge(name, check)
  }

  private async judge(name: string, check: ServerCheck): Promise<void> {
    const at = this.now()
    // From here only what the server says is deployed, and only when it answered.
    const deployed = check.reached ? check.apps.filter((a) => a.deployed) : []
    const fromHere = this.deps.fromHere
    const nightlyOf = this.deps.nightly
    const [backups, security, seenHere, nightly] = await Promise.all([
      Promise.all(check.apps.map(async (a) => [a.domain, await this.deps.lastGoodBackup(a.domain).catch(() => undefined)] as const)),
      Promise.all(check.apps.map(async (a) => [a.domain, a.upgrade ? await this.deps.securityUpgrade(a).catch(() => false) : false] as const)),
      fromHere ? Promise.all(deployed.map(async (a) => [a.domain, await fromHere(a).catch((): { certificate?: CertificateResult; domain?: DomainResult } => ({}))] as const)) : Promise.resolve([]),
      // Only from what the server said this round: its backup app is one of its apps.
      nightlyOf && check.reached ? nightlyOf(name, check.apps).catch(() => undefined) : Promise.resolve(undefined)
    ])
    // Stopped, or the server was removed, while its backups and the rest were looked at.
    if (this.closed || !this.loops.has(name)) return
    const lastGood = new Map(backups)
    const securityOf = new Map(security)
    const here = new Map(seenHere)
    const notHere = new Set(fromHere ? deployed.flatMap((a) => uncheckedFromHere(name, a.domain, here.get(a.domain))) : [])
    const offline = [...here.values()].some((h) => h.certificate?.state === 'cant-check' || h.domain?.state === 'cant-check')
    if (offline) this.offlineFor.add(name)
    else this.offlineFor.delete(name)
    const server: ServerSeen = { name, reached: check.reached, ...(check.error ? { error: check.error } : {}), ...(check.usage ? { usage: check.usage } : {}), ...(check.swarm ? { swarm: check.swarm } : {}) }
    const all = findProblems(
      {
        now: at,
        servers: [server],
        apps: check.apps,
        lastGoodBackup: (d) => lastGood.get(d),
        nightly: (s) => (s === name ? nightly : undefined),
        securityUpgrade: (a) => securityOf.get(a.domain) ?? false,
        fromHere: (d) => here.get(d)
      },
      this.limits
    )
    // Nightly backups that couldn't be read: their run, and backup problems a snapshot there may answer, wait for a round that can.
    const unsure = unsureWithoutNightly(name, nightly, all)
    const found = unsure.size ? all.filter((p) => !unsure.has(problemKey(p))) : all
    // Only this server's things were checked; when it didn't answer, only its
    // reachability was; a certificate or domain that couldn't be checked from here wasn't; nor were the
    // swarm's machines when they couldn't be listed (a failed node ls neither confirms nor clears a machine down).
    const checked = (key: string): boolean =>
      serverOfKey(key) === name &&
      (check.reached || key.startsWith('server:')) &&
      !notHere.has(key) &&
      !unsure.has(key) &&
      (check.swarm !== undefined || !key.startsWith('node:'))
    const result = this.debounce.round(
      found.map((p) => ({ key: problemKey(p), problem: p })),
      checked,
      at,
      this.options.begunAt
    )
    this.active = result.active
    this.checkedAt = at
    this.options.onRound?.({ server: name, check, found, checked, at })
    if (result.became.length || result.cleared.length) this.options.onIncidents?.({ became: result.became, cleared: result.cleared })
    this.options.onChange?.()
  }
}
