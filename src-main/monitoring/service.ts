// The Health overview's door: health.get, the health.changed event, and the
// background monitor the window and browser mode run (the CLI asks once).
// What it checks comes from the other features through core.ts.
import type { Handlers } from '../api/dispatch'
import type { EventBus } from '../api/events'
import { alertsOn, CHECK_INTERVAL, DEFAULT_ALERTS, type AlertSettings } from '../contract/alerts'
import type { AppSummary } from '../contract/apps'
import type { HealthAlert } from '../contract/health'
import { t } from '../i18n/i18n'
import type { CertificateResult } from './certificate'
import type { DomainResult } from './dns'
import { attention, healthReport } from './health-words'
import { History, type Sample } from './history'
import { incidentOf, keyOfIncident, roundSamples } from './recorder'
import type { Incident } from './debounce'
import { Monitor, serverOfKey, type MonitorView, type ServerCheck } from './monitor'
import { problemKey, type NightlySeen, type Problem } from './problems'
import { parseUsage, usageCommand, type ServerUsage } from './server-usage'
import type { SwarmSeen } from './swarm'

export interface HealthDeps {
  events: EventBus
  /** The servers in ~/.abra/servers. */
  servers(): Promise<string[]>
  /** One server's apps with what its swarm says (the apps list's two Docker calls). */
  listApps(server: string, signal?: AbortSignal): Promise<{ apps: AppSummary[]; ok: boolean; error?: string }>
  /** Runs a command on the server (SSH, or this computer for a local server). */
  exec(server: string, cmd: string, timeoutMs: number, signal?: AbortSignal): Promise<{ stdout: string }>
  /** Docker's data folder on the server (docker info's DockerRootDir). */
  dockerRoot(server: string, signal?: AbortSignal): Promise<string>
  lastGoodBackup(domain: string): Promise<number | undefined>
  /** The server's nightly backups, from its apps this round; undefined when it has none (monitor.ts). */
  nightly?(server: string, apps: AppSummary[]): Promise<NightlySeen | undefined>
  securityUpgrade(app: AppSummary): Promise<boolean>
  /** Where the background monitor keeps its history (SQLite); without it nothing is kept. */
  historyFile?: string
  /** An app's certificate and domain checked from this computer; absent, they are not checked. */
  fromHere?(app: AppSummary): Promise<{ certificate?: CertificateResult; domain?: DomainResult }>
  /** The server's Docker version and swarm machines (one docker node ls a round); absent, they are not read. */
  swarm?(server: string, signal?: AbortSignal): Promise<SwarmSeen>
}

export interface HealthOptions {
  /**
   * Run the monitor in the background from the start: every intervalMs when
   * given (tests check every few seconds, whatever Settings says), else as
   * often as Settings says (configure()).
   */
  background?: { intervalMs?: number }
  /**
   * The door the core serves. Without `background`, the window and browser
   * mode start the monitor (every 60 s) on their first health.get; only the
   * CLI checks once and waits for the answer.
   */
  transport?: 'electron' | 'browser' | 'cli'
  /** How long the CLI waits before its second look (s). */
  confirmAfterMs?: number
}

const USAGE_TIMEOUT_MS = 10_000
/**
 * Servers' rounds that end within this long of the first are written to the
 * history together: one lock, transaction and fsync for all of them instead
 * of one per server (each server has its own loop, but they start together
 * and so end close together).
 */
const BATCH_MS = 2000
/** How long the monitor's first check waits for the history's open incidents (another process may hold the file). */
const TAKE_OVER_WAIT_MS = 5000
/** The background monitor's interval when the page's first health.get starts it (the default). */
export const DEFAULT_INTERVAL_MS = CHECK_INTERVAL.default * 1000

/** The notifications for one round's changes, of the kinds the person left on, in the core's language; `intervalMs`, how often the monitor looks. */
export function alertsFor(
  change: { became: Incident<Problem>[]; cleared: Incident<Problem>[] },
  settings: Pick<AlertSettings, 'groups'>,
  now: number,
  intervalMs = DEFAULT_INTERVAL_MS
): HealthAlert[] {
  const out: HealthAlert[] = []
  for (const [kind, incidents] of [
    ['became', change.became],
    ['cleared', change.cleared]
  ] as const) {
    for (const i of incidents) {
      if (!alertsOn(settings, i.problem.kind)) continue
      const item = attention(i, now, intervalMs)
      out.push(kind === 'became' ? { change: kind, item, title: item.title, body: item.detail } : { change: kind, item, title: t('health.alert.fixed', { title: item.title }), body: t('health.alert.fixedBody') })
    }
  }
  return out
}

export function healthService(deps: HealthDeps, options: HealthOptions = {}) {
  const roots = new Map<string, string>()
  // What Settings says (configure()); the defaults until the settings file is read.
  let alerts: AlertSettings = DEFAULT_ALERTS
  const intervalMs = (): number => options.background?.intervalMs ?? alerts.checkIntervalSeconds * 1000

  async function usageOf(server: string, signal?: AbortSignal): Promise<ServerUsage | undefined> {
    try {
      // Asked once per server while the app runs: it only moves if Docker is reinstalled.
      let root = roots.get(server)
      if (!root) roots.set(server, (root = await deps.dockerRoot(server, signal)))
      const r = await deps.exec(server, usageCommand(root), USAGE_TIMEOUT_MS, signal)
      return parseUsage(r.stdout, ['/', root])
    } catch {
      // Disk and memory can't be read this round; the swarm's answer still counts.
      return undefined
    }
  }

  // The monitor's signal: aborted when it gives up on this server's round, so
  // nothing the round started keeps waiting for the server (servers/shared-ready.ts).
  async function checkServer(name: string, signal?: AbortSignal): Promise<ServerCheck> {
    // The swarm's machines can't be read this round: the apps' answer still counts.
    const [list, usage, swarm] = await Promise.all([deps.listApps(name, signal), usageOf(name, signal), deps.swarm?.(name, signal).catch(() => undefined)])
    return { reached: list.ok, ...(list.error ? { error: list.error } : {}), ...(usage ? { usage } : {}), ...(swarm ? { swarm } : {}), apps: list.apps }
  }
  /** Each server's latest round, for its page (its Docker and swarm, the latest disk use). */
  const latest = new Map<string, { check: ServerCheck; at: number }>()

  const monitorDeps = {
    servers: deps.servers,
    checkServer,
    lastGoodBackup: deps.lastGoodBackup,
    securityUpgrade: deps.securityUpgrade,
    ...(deps.nightly ? { nightly: deps.nightly } : {}),
    ...(deps.fromHere ? { fromHere: deps.fromHere } : {})
  }
  let background: Monitor | undefined
  // The history is written one step after another, so a slow write never
  // overlaps the next; a history that can't be opened or written costs the
  // charts, never the monitoring.
  let history: Promise<History | undefined> | undefined
  let writes: Promise<unknown> = Promise.resolve()
  let historyWarned = false
  const opened = (): Promise<History | undefined> => {
    if (!deps.historyFile) return Promise.resolve(undefined)
    history ??= History.open({ file: deps.historyFile }).catch((err: unknown) => {
      console.error('Health: the history file could not be opened; charts will be empty:', err)
      return undefined
    })
    return history
  }
  /** Queues a write; `then` gets its result, or undefined when there is no history or the write failed. */
  const keep = <T>(write: (h: History) => Promise<T>, then?: (result: T | undefined) => void): void => {
    if (!deps.historyFile) {
      then?.(undefined)
      return
    }
    const opened_ = opened()
    writes = writes.then(async () => {
      let result: T | undefined
      try {
        const h = await opened_
        if (h) result = await write(h)
      } catch (err) {
        if (!historyWarned) console.error('Health: could not write the history:', err)
        historyWarned = true
      }
      try {
        then?.(result)
      } catch (err) {
        console.error('Health:', err)
      }
    })
  }
  // Rounds waiting to be written together (BATCH_MS); flushed before any
  // other write or read, and on close, so everyone sees them in order.
  let batch: Sample[] = []
  let batchTimer: NodeJS.Timeout | undefined
  const flush = (): void => {
    if (batchTimer) clearTimeout(batchTimer)
    batchTimer = undefined
    if (batch.length === 0) return
    const samples = batch
    batch = []
    keep((h) => h.record(samples))
  }
  // Incidents open in the history when the monitor starts (an earlier run
  // left them; or another process watching too keeps them), by the monitor's
  // key; undefined until read. Each waits for its first round: seen there
  // and confirmed, it carries on (already announced: not again; counted
  // from when it began, as its incident is); checked and not seen, it ended
  // while nobody looked and is closed, at its server's last look (the last
  // minute the history has of it: the strips show the time after as not
  // checked, and the incident list claims no more than was seen).
  //
  // Closing one raises no "fixed" notification: the history keeps only
  // what kind of problem it was, not the details its words need (which disk,
  // how full), and it was fixed at a time nobody knows, maybe hours ago, so
  // "Fixed" at start would read as news about now. The Health screen shows
  // all is fine at once, and the app's page lists when it ended. One fixed
  // while the app runs is announced, even if it began in an earlier run.
  let leftOpen: Map<string, { subject: string; kind: string; start: number; end: number }> | undefined
  /** Keys whose start was announced but could not be written: their end is announced whatever the history says. */
  const unwritten = new Set<string>()
  /** A server's incidents end when it is removed (here, or from the servers folder while the app was closed): nobody watches it any more. */
  const closeServer = (h: History, server: string, at?: number): Promise<void> => h.closeIncidentsAbout(`server:${server}`, `app:${server}/`, at)
  const takeOver = (done: () => void): void =>
    keep(
      async (h) => {
        const open = new Map<string, { subject: string; kind: string; start: number; end: number }>()
        const looks = new Map<string, number | undefined>()
        // Undefined when the list can't be had (servers() failed): then none
        // counts as removed. (The core's listing answers an unreadable
        // servers folder as empty, as the monitor then watches none either.)
        const servers = await deps.servers().catch(() => undefined)
        const removed = new Set<string>()
        for (const i of await h.openIncidents()) {
          const key = keyOfIncident(i.subject, i.kind)
          const server = serverOfKey(key)
          if (!server) continue
          if (servers && !servers.includes(server)) {
            if (!removed.has(server)) await closeServer(h, server, await h.lastAt(`server:${server}`, 'reachable'))
            removed.add(server)
            continue
          }
          if (!looks.has(server)) looks.set(server, await h.lastAt(`server:${server}`, 'reachable'))
          open.set(key, { subject: i.subject, kind: i.kind, start: i.start, end: Math.max(i.start, looks.get(server) ?? i.start) })
        }
        leftOpen = open
      },
      () => {
        leftOpen ??= new Map()
        done()
      }
    )
  /** After a round of `server`: the incidents left open that it checked and didn't see are closed. */
  const closeLeftOpen = (server: string, found: Problem[], checked: (key: string) => boolean): void => {
    if (leftOpen?.size === 0) return
    const seen = new Set(found.map(problemKey))
    keep(async (h) => {
      const ended = [...(leftOpen ?? [])].filter(([key]) => serverOfKey(key) === server && !seen.has(key) && checked(key))
      for (const [key] of ended) leftOpen?.delete(key)
      if (ended.length) await h.changeIncidents({ closed: ended.map(([, i]) => ({ subject: i.subject, kind: i.kind, at: i.end })) })
    })
  }
  const watch = (): Monitor => {
    // Read before this run writes anything (the writes queue in order), and
    // before the first check unless the file is slow to open: then a problem
    // carrying on is still not announced, but counts from this run.
    let wait: NodeJS.Timeout | undefined
    const tookOver = new Promise<void>((resolve) => {
      takeOver(resolve)
      if (leftOpen) return
      wait = setTimeout(resolve, TAKE_OVER_WAIT_MS)
      wait.unref?.()
    }).finally(() => clearTimeout(wait))
    const m = new Monitor(monitorDeps, {
      intervalMs: intervalMs(),
      limits: { backupDays: alerts.backupMaxAgeDays },
      onForget: (server) => {
        for (const key of leftOpen?.keys() ?? []) if (serverOfKey(key) === server) leftOpen?.delete(key)
        if (deps.historyFile && !closed) keep((h) => closeServer(h, server))
      },
      // One carrying on from an earlier run shows how long it has really lasted, as its incident does.
      begunAt: (key) => leftOpen?.get(key)?.start,
      onChange: () => deps.events.emit('health.changed', healthReport(m.view(), Date.now(), intervalMs())),
      onRound: ({ server, check, found, checked, at }) => {
        latest.set(server, { check, at })
        if (!deps.historyFile || closed) return
        batch.push(...roundSamples(server, check, found, at))
        batchTimer ??= setTimeout(flush, BATCH_MS)
        closeLeftOpen(server, found, checked)
      },
      onIncidents: ({ became, cleared }) => {
        flush()
        keep(
          (h) => {
            // Confirmed here: no longer waiting for a first look.
            for (const i of became) leftOpen?.delete(i.key)
            // Closed at the time it is written, as closeIncident would.
            return h.changeIncidents({ opened: became.map(incidentOf), closed: cleared.map(incidentOf).map(({ subject, kind }) => ({ subject, kind })) })
          },
          (written) => {
            // Announced once per change, from the one core (who turns it into
            // a notification is the door's choice: contract/health.ts). A
            // problem whose incident was already open was announced when it
            // began (by an earlier run, or another process watching too),
            // so only those this write opened are; and the ends this write
            // closed (another process closing it first announced it). Without
            // a history (none, or it can't be opened or written), every
            // change, as before. Alerts turned on for a problem already open
            // announce nothing for it, as when they are turned on while the
            // app runs.
            const news = became.filter((_, n) => written?.opened[n] ?? true)
            if (!written && deps.historyFile) for (const i of news) unwritten.add(i.key)
            const fixed = cleared.filter((i, n) => unwritten.has(i.key) || (written?.closed[n] ?? true))
            for (const i of cleared) unwritten.delete(i.key)
            for (const alert of alertsFor({ became: news, cleared: fixed }, alerts, Date.now(), intervalMs())) deps.events.emit('health.alert', alert)
          }
        )
      }
    })
    m.start(deps.historyFile ? tookOver : undefined)
    return m
  }
  if (options.background) background = watch()
  let closed = false

  const handlers: Pick<Handlers, 'health.get'> = {
    'health.get': async ({ server }) => {
      let view: MonitorView
      // A page asked: watch from now on, and answer with what is known at once (health.changed follows).
      if (!background && !closed && options.transport && options.transport !== 'cli') background = watch()
      if (background) {
        view = background.view()
        // Before the first check the monitor may not have read the servers folder yet: "not checked yet", not "no servers".
        if (view.checkedAt === undefined) view = { ...view, servers: await deps.servers().then((n) => n.length, () => view.servers) }
      } else {
        // One answer, for the CLI: only the servers asked about, looked at twice when anything is found.
        const only = server
        const once = new Monitor({ ...monitorDeps, servers: async () => (await deps.servers()).filter((n) => !only || n === only) }, { intervalMs: 60_000 })
        view = await once.checkAll(options.confirmAfterMs ?? 5000)
      }
      const report = healthReport(view, Date.now(), intervalMs())
      if (!server) return report
      const items = report.items.filter((i) => i.server === server)
      return { ...report, items }
    }
  }

  return {
    handlers,
    /**
     * Reads the history (the charts, uptime strips and incident lists), after
     * the writes already queued; undefined when there is no history file or
     * it can't be opened. A failed read is the caller's to word.
     */
    readHistory: async <T>(read: (h: History) => Promise<T>): Promise<T | undefined> => {
      if (closed) return undefined
      flush()
      await writes
      const h = await opened()
      return h ? read(h) : undefined
    },
    /** Follows Settings: which alerts are raised, the interval (unless fixed by the options) and the backup age limit, without a restart. */
    configure: (next: AlertSettings): void => {
      alerts = next
      background?.configure({ intervalMs: intervalMs(), limits: { backupDays: next.backupMaxAgeDays } })
    },
    /** A server was added or removed here: the monitor reads the servers list now, and checks a new one at once. */
    serversChanged: (): void => background?.serversChanged(),
    /** The background monitor's latest view, if it runs (the window, browser mode). */
    view: (): MonitorView | undefined => background?.view(),
    /** A server's latest round seen by the background monitor, and when (ms). */
    latestRound: (server: string): { check: ServerCheck; at: number } | undefined => latest.get(server),
    close: async () => {
      closed = true
      background?.stop()
      flush()
      await writes
      await (await history)?.close()
    }
  }
}
