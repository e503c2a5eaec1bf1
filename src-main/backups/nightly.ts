// Nightly backups on the server (issue 14): Co-op Cloud's backup-bot-two
// recipe made and deployed as an app through the normal flow (apps.new,
// apps.saveEnv, secrets.create, apps.deploy: handed in by core.ts, since
// this folder builds on apps/ but doesn't call its doors itself), and what it
// has done since: its restic snapshots per app, last night's run.
//
// The bot keeps its repository settings in its container (RESTIC_REPOSITORY,
// RESTIC_PASSWORD_FILE, the credentials' files), so every restic command
// runs there. Secrets (the restic password, the SSH key, the S3 secret key)
// go to the server as swarm secrets only: never into the env file, a job's
// log, an event or an error; the restic password comes back once, in
// nightly.setup's answer, for the recovery kit.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import type Docker from 'dockerode'
import { loadApp, type AppContext } from '../apps/context'
import { setEnvValues } from '../apps/env-file'
import type { Handlers } from '../api/dispatch'
import { ApiError, errorWords } from '../contract/errors'
import type { NightlyDestination, NightlyStatus } from '../contract/nightly'
import { confinedPath } from '../core/confine'
import { mapResticSnapshots, type BotSnapshot } from './bot'
import { machineOpener, runningAnywhere } from './machines'
import { execIn } from './restore-exec'
import { cronForTime, graceMs, lastDue, timeOfCron } from './nightly-schedule'
import { t } from '../i18n/i18n'

export const BOT_RECIPE = 'backup-bot-two'
/** The bot's own volume on the server, where a "folder on the server" repository lives. */
export const SERVER_REPOSITORY = '/backups/restic'

/** The app doors setup goes through: the same ones the window uses. */
export type NightlyDoors = Pick<Handlers, 'apps.new' | 'apps.saveEnv' | 'secrets.create' | 'apps.deploy' | 'apps.remove'>

export interface NightlyContext extends AppContext {
  doors: NightlyDoors
}

/** The doors, taken from the core's handlers when called (the team's wrapped ones included). */
export function nightlyDoors(all: () => NightlyDoors): NightlyDoors {
  return {
    'apps.new': (input, client) => all()['apps.new'](input, client),
    'apps.saveEnv': (input, client) => all()['apps.saveEnv'](input, client),
    'secrets.create': (input, client) => all()['secrets.create'](input, client),
    'apps.deploy': (input, client) => all()['apps.deploy'](input, client),
    'apps.remove': (input, client) => all()['apps.remove'](input, client)
  }
}

/** The env file's settings for a destination; nothing secret goes in. */
export function destinationEnv(d: NightlyDestination): { env: Record<string, string>; secrets: Record<string, string>; repository: string } {
  switch (d.kind) {
    case 'server':
      return { env: { RESTIC_REPOSITORY: SERVER_REPOSITORY }, secrets: {}, repository: SERVER_REPOSITORY }
    case 'sftp': {
      const repository = `sftp:${d.user}@${d.host}:${d.path}`
      // restic's sftp backend takes the port from ssh's own settings; the bot writes them from SSH_HOST_KEY and the key.
      const env: Record<string, string> = { RESTIC_REPOSITORY: repository, SSH_HOST_KEY: d.hostKey, SECRET_SSH_KEY_VERSION: 'v1', COMPOSE_FILE: 'compose.yml:compose.ssh.yml' }
      if (d.port !== 22) env.SSH_PORT = String(d.port)
      return { env, secrets: { ssh_key: d.privateKey.endsWith('\n') ? d.privateKey : `${d.privateKey}\n` }, repository }
    }
    case 's3': {
      const repository = `s3:${d.endpoint.replace(/\/+$/, '')}/${d.bucket}`
      return {
        env: { RESTIC_REPOSITORY: repository, AWS_ACCESS_KEY_ID: d.accessKeyId, SECRET_AWS_SECRET_ACCESS_KEY_VERSION: 'v1', COMPOSE_FILE: 'compose.yml:compose.s3.yml' },
        secrets: { aws_secret_access_key: d.secretAccessKey },
        repository
      }
    }
  }
}

/** Where a repository is, in words and without anything secret. */
export function whereWords(repository: string, server: string): { kind: 'server' | 'sftp' | 's3'; words: string } {
  if (repository.startsWith('sftp:')) return { kind: 'sftp', words: t('backups.nightly.where.sftp', { where: repository.slice(5) }) }
  if (repository.startsWith('s3:')) return { kind: 's3', words: t('backups.nightly.where.s3', { where: repository.slice(3) }) }
  return { kind: 'server', words: t('backups.nightly.where.server', { server }) }
}

/** The bot's app on this server, from the env files kept for it. */
export async function findBotApp(ctx: Pick<AppContext, 'paths'>, server: string): Promise<{ domain: string; values: Record<string, string>; stackName: string } | undefined> {
  let names: string[]
  try {
    names = await fs.readdir(confinedPath(ctx.paths.serversDir, server))
  } catch {
    return undefined
  }
  for (const name of names.filter((n) => n.endsWith('.env') && !n.startsWith('.')).sort()) {
    const app = await loadApp(ctx, server, name.slice(0, -4)).catch(() => undefined)
    if (app?.recipe === BOT_RECIPE) return { domain: app.domain, values: app.values, stackName: app.stackName }
  }
  return undefined
}

/** restic inside the bot's container, with the S3 secret key read from its file as the bot does. */
async function restic(container: Docker.Container, args: string[], opts: { timeoutMs: number; signal?: AbortSignal }) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const script = `[ -n "$AWS_SECRET_ACCESS_KEY_FILE" ] && export AWS_SECRET_ACCESS_KEY="$(cat "$AWS_SECRET_ACCESS_KEY_FILE")"; exec restic ${quoted}`
  let r = await execIn(container, ['sh', '-c', script], { ...opts, killable: true })
  // The bot's own forget --prune holds the repository's lock for a moment: try again a few times.
  for (let i = 0; i < 5 && r.exitCode !== 0 && /locked/i.test(r.output) && !opts.signal?.aborted; i++) {
    await sleep(1000)
    r = await execIn(container, ['sh', '-c', script], { ...opts, killable: true })
  }
  return r
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The running container of the bot app's service (<stack>_app), on whichever machine it runs. */
export async function botOf(ctx: AppContext, server: string, docker: Docker, stackName: string): Promise<{ service: string; container?: Docker.Container }> {
  const service = `${stackName}_app`
  const found = await runningAnywhere(docker, service, { server, service, open: machineOpener(ctx, server) }).catch(() => undefined)
  return { service, container: found?.container }
}

export function startSetup(
  ctx: NightlyContext,
  req: { server: string; domain?: string; destination: NightlyDestination; time: string; keep: number }
): Promise<{ jobId: string; domain: string; recoveryKit: { server: string; domain: string; repository: string; password: string } }> {
  return (async () => {
    // An unknown server is refused here, before anything is downloaded or written.
    await ctx.open(req.server)
    const existing = await findBotApp(ctx, req.server)
    if (existing) throw new ApiError('nightly-exists', t('backups.nightly.exists', { server: req.server, domain: existing.domain }))
    const domain = req.domain ?? `backups.${req.server}`
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(domain)) throw new ApiError('nightly-domain', t('backups.nightly.needDomain', { server: req.server }))
    const password = crypto.randomBytes(32).toString('base64url')
    const dest = destinationEnv(req.destination)
    // A test's short clock (e.g. "@every 8s"); never set by the window.
    const cron = ctx.env.CCD_NIGHTLY_SCHEDULE || cronForTime(req.time)
    const steps = [t('backups.nightly.steps.recipe'), t('backups.nightly.steps.settings'), t('backups.nightly.steps.secrets'), t('backups.nightly.steps.deploy'), t('backups.nightly.steps.check')]
    const job = ctx.jobs.start({ kind: 'nightly-setup', title: t('backups.nightly.setupTitle', { server: req.server }), target: req.server, steps }, async (job) => {
      // Not marked as the bot app's job: the app doors it calls refuse work on an app that has a job running.
      let made = false
      try {
        job.step(0)
        await ctx.doors['apps.new']({ server: req.server, domain, recipe: BOT_RECIPE, secrets: 'none' })
        made = true
        job.step(1)
        const app = await loadApp(ctx, req.server, domain)
        const envText = setEnvValues(app.envText, { ...dest.env, CRON_SCHEDULE: cron, BACKUPBOT_KEEP_LAST: String(req.keep) })
        await ctx.doors['apps.saveEnv']({ server: req.server, domain, envText, baseText: app.envText })
        job.log(`${t('backups.nightly.log.settings', { where: whereWords(dest.repository, req.server).words, time: req.time, keep: req.keep })}\n`)
        if (job.signal.aborted) throw new ApiError('cancelled', t('backups.nightly.cancelled'))
        job.step(2)
        const values = { restic_password: password, ...dest.secrets }
        await ctx.doors['secrets.create']({ server: req.server, domain, names: Object.keys(values), values })
        job.log(`${t('backups.nightly.log.secrets', { names: Object.keys(values).join(', ') })}\n`)
        if (job.signal.aborted) throw new ApiError('cancelled', t('backups.nightly.cancelled'))
        job.step(3)
        const { jobId } = await ctx.doors['apps.deploy']({ server: req.server, domain, kind: 'deploy' })
        const cancelDeploy = (): void => ctx.jobs.cancel(jobId)
        job.signal.addEventListener('abort', cancelDeploy, { once: true })
        const deployed = await ctx.jobs.wait(jobId).finally(() => job.signal.removeEventListener('abort', cancelDeploy))
        if (deployed.status !== 'done') {
          throw new ApiError('nightly-deploy', t('backups.nightly.deployFailed', { why: deployed.error?.message ?? deployed.status }), deployed.error?.detail)
        }
        job.step(4)
        await checkRepository(ctx, req.server, app.stackName, job.signal)
        job.log(`${t('backups.nightly.log.ready', { time: req.time })}\n`)
      } catch (err) {
        if (made) {
          job.log(`${t('backups.nightly.log.undo', { domain })}\n`)
          const undone = await undo(ctx, req.server, domain)
          if (undone) job.log(`${t('backups.nightly.log.notUndone', { domain, why: undone })}\n`)
        }
        throw err
      }
    })
    return { jobId: job.id, domain, recoveryKit: { server: req.server, domain, repository: dest.repository, password } }
  })()
}

/** Removes what setup made (services, volume, secrets, env file); undefined when done, else why not. */
async function undo(ctx: NightlyContext, server: string, domain: string): Promise<string | undefined> {
  try {
    const { jobId } = await ctx.doors['apps.remove']({ server, domain, confirm: domain })
    const removed = await ctx.jobs.wait(jobId)
    return removed.status === 'done' ? undefined : (removed.error?.message ?? removed.status)
  } catch (err) {
    return errorWords(err)
  }
}

/**
 * Waits for the bot's container, then opens (or makes) the restic repository
 * in it: a destination the bot can't write to is found now, not tonight.
 */
async function checkRepository(ctx: AppContext, server: string, stackName: string, signal: AbortSignal): Promise<void> {
  const docker = (await ctx.open(server)).docker()
  let container: Docker.Container | undefined
  for (const end = Date.now() + 90_000; !container && Date.now() < end && !signal.aborted; ) {
    container = (await botOf(ctx, server, docker, stackName)).container
    if (!container) await sleep(500)
  }
  if (!container) throw new ApiError('nightly-not-running', t('backups.nightly.notStarted', { server }))
  const opened = await restic(container, ['cat', 'config'], { timeoutMs: 120_000, signal })
  if (opened.exitCode === 0) return
  const made = await restic(container, ['init'], { timeoutMs: 120_000, signal })
  // The bot may have made it meanwhile (its first run): open it again before calling it a failure.
  if (made.exitCode !== 0 && (await restic(container, ['cat', 'config'], { timeoutMs: 120_000, signal })).exitCode === 0) return
  if (made.exitCode !== 0) throw new ApiError('nightly-destination', t('backups.nightly.cannotWrite'), made.output.trim().slice(-2000))
}

/** The stack an app's snapshot belongs to: its tag, its host, or the volumes in its paths. */
export function snapshotStacks(s: BotSnapshot & { hostname?: string }, stacks: string[]): string[] {
  return stacks.filter(
    (stack) => s.tags.includes(stack) || s.hostname === stack || s.paths.some((p) => p.startsWith(`/var/lib/docker/volumes/${stack}_`))
  )
}

const FAILURE = /\b(error|errors|failed|fatal)\b/i

/** What the bot said since `since` (ms), without the Docker stream's frame headers. */
async function botLogsSince(container: Docker.Container, since: number): Promise<string[]> {
  const raw = (await container.logs({ stdout: true, stderr: true, since: Math.floor(since / 1000), timestamps: true, follow: false })) as unknown as Buffer
  const lines: string[] = []
  // Multiplexed: 8-byte headers; a TTY container's log is plain text.
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw))
  let text = ''
  if (buf.length >= 8 && (buf[0] === 1 || buf[0] === 2) && buf[1] === 0 && buf[2] === 0 && buf[3] === 0) {
    for (let i = 0; i + 8 <= buf.length; ) {
      const len = buf.readUInt32BE(i + 4)
      text += buf.subarray(i + 8, i + 8 + len).toString('utf8')
      i += 8 + len
    }
  } else text = buf.toString('utf8')
  for (const line of text.split('\n')) if (line.trim()) lines.push(line)
  return lines
}

/** The run due most recently: its newest snapshot, or why there is none. */
export type RunVerdict =
  | { ok: true; newest: BotSnapshot }
  | { ok: false; why: 'failed'; time?: string; details: string }
  | { ok: false; why: 'missed'; graceMinutes: number }

/** What the bot has done, read in its container: what nightly.status and Health's rounds share. */
export type BotRead =
  | { state: 'not-running' }
  | { state: 'cannot-read'; details: string }
  /** `run` is undefined before a run was due (or when the schedule isn't understood). */
  | { state: 'read'; container: Docker.Container; snapshots: Array<BotSnapshot & { hostname?: string }>; run?: RunVerdict }

/**
 * The bot's snapshots and last night's run, in its container. The snapshots
 * are listed without taking restic's lock: a reader (Health's rounds, the
 * server's section every few minutes, Check again) must never make the
 * bot's own forget --prune fail, which would then be reported as a failed
 * night.
 */
export async function readBot(
  ctx: AppContext,
  server: string,
  bot: { stackName: string; values: Record<string, string> },
  opts: { now: number; timeoutMs: number; signal?: AbortSignal }
): Promise<BotRead> {
  const conn = await ctx.open(server)
  await conn.ready(opts.signal)
  const docker = conn.docker()
  const found = await botOf(ctx, server, docker, bot.stackName)
  if (!found.container) return { state: 'not-running' }
  const container = found.container
  const listed = await restic(container, ['--no-lock', 'snapshots', '--json'], { timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) })
  if (listed.exitCode !== 0) return { state: 'cannot-read', details: listed.output.trim().slice(-2000) }
  const snapshots = mapResticSnapshots(listed.stdout.toString('utf8')) as Array<BotSnapshot & { hostname?: string }>
  const hosts = new Map((JSON.parse(listed.stdout.toString('utf8') || '[]') as Array<{ id?: string; hostname?: string }>).map((s) => [s.id, s.hostname]))
  for (const s of snapshots) s.hostname = hosts.get(s.id)
  // Last night: the run due most recently. It succeeded when a snapshot is newer than that and the bot said nothing went wrong since.
  const cron = (bot.values.CRON_SCHEDULE ?? '').trim()
  const due = lastDue(cron, opts.now)
  if (due === undefined) return { state: 'read', container, snapshots }
  const botSince = Date.parse(((await docker.getService(found.service).inspect()) as Docker.Service).CreatedAt ?? '') || 0
  if (due < botSince) return { state: 'read', container, snapshots } // set up after the last due time: no run expected yet
  const newest = snapshots.find((s) => Date.parse(s.time) >= due)
  const said = await botLogsSince(container, due).catch(() => [] as string[])
  const failures = said.filter((l) => FAILURE.test(l))
  if (failures.length > 0) {
    const when = /^(\S+)\s/.exec(failures.at(-1) ?? '')?.[1]
    return { state: 'read', container, snapshots, run: { ok: false, why: 'failed', ...(when ? { time: when } : {}), details: failures.slice(-5).join('\n').slice(-2000) } }
  }
  if (!newest) return { state: 'read', container, snapshots, run: { ok: false, why: 'missed', graceMinutes: Math.round(graceMs(cron) / 60_000) } }
  return { state: 'read', container, snapshots, run: { ok: true, newest } }
}

export async function nightlyStatus(ctx: AppContext, server: string, now = Date.now()): Promise<NightlyStatus> {
  const bot = await findBotApp(ctx, server)
  if (!bot) return { server, configured: false, running: false, apps: [] }
  const cron = (bot.values.CRON_SCHEDULE ?? '').trim()
  const keep = Number(bot.values.BACKUPBOT_KEEP_LAST)
  const base: NightlyStatus = {
    server,
    configured: true,
    domain: bot.domain,
    running: false,
    where: whereWords(bot.values.RESTIC_REPOSITORY ?? '', server),
    ...(timeOfCron(cron) ? { time: timeOfCron(cron) } : {}),
    ...(Number.isInteger(keep) && keep > 0 ? { keep } : {}),
    apps: []
  }
  const read = await readBot(ctx, server, bot, { now, timeoutMs: 120_000 })
  if (read.state === 'not-running') return { ...base, warning: t('backups.nightly.warn.notRunning', { server }) }
  if (read.state === 'cannot-read') {
    return { ...base, running: true, lastRun: { ok: false, problem: t('backups.nightly.warn.cannotRead'), details: read.details }, warning: t('backups.nightly.warn.cannotRead') }
  }
  const { container, snapshots } = read
  // Apps: the stacks the snapshots name, with their domains when this computer keeps their env files.
  const domains = new Map<string, string>()
  try {
    for (const n of await fs.readdir(confinedPath(ctx.paths.serversDir, server))) {
      if (!n.endsWith('.env') || n.startsWith('.')) continue
      const app = await loadApp(ctx, server, n.slice(0, -4)).catch(() => undefined)
      if (app && app.recipe !== BOT_RECIPE) domains.set(app.stackName, app.domain)
    }
  } catch {
    // no env files: stacks only
  }
  const stacks = new Set<string>(domains.keys())
  for (const s of snapshots) for (const tag of [...s.tags, s.hostname ?? '']) if (tag && tag !== 'backupbot' && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(tag)) stacks.add(tag)
  const apps = [...stacks]
    .sort()
    .map((stack) => ({ stack, ...(domains.has(stack) ? { domain: domains.get(stack) } : {}), snapshots: snapshots.filter((s) => snapshotStacks(s, [stack]).length > 0).map((s) => ({ id: s.id, time: s.time })) }))
    .filter((a) => a.snapshots.length > 0)
  // The newest snapshot of each app: its size once restored.
  let size = 0
  let sized = false
  for (const a of apps) {
    // Without the lock too (see readBot): at worst a size is missing for once.
    const stats = await restic(container, ['--no-lock', 'stats', a.snapshots[0].id, '--mode', 'restore-size', '--json'], { timeoutMs: 120_000 })
    const total = stats.exitCode === 0 ? Number((JSON.parse(stats.stdout.toString('utf8') || '{}') as { total_size?: unknown }).total_size) : NaN
    if (Number.isFinite(total)) {
      a.snapshots[0] = { ...a.snapshots[0], size: total } as (typeof a.snapshots)[0]
      size += total
      sized = true
    }
  }
  const status: NightlyStatus = { ...base, running: true, apps }
  const run = read.run
  if (!run) return status
  if (!run.ok && run.why === 'failed') {
    const lastRun = { ok: false, ...(run.time ? { time: run.time } : {}), problem: t('backups.nightly.warn.failed'), details: run.details }
    return { ...status, lastRun, warning: t('backups.nightly.warn.failed') }
  }
  if (!run.ok) {
    return { ...status, lastRun: { ok: false, problem: t('backups.nightly.warn.missed', { grace: run.graceMinutes }) }, warning: t('backups.nightly.warn.missed', { grace: run.graceMinutes }) }
  }
  return { ...status, lastRun: { ok: true, time: run.newest.time, ...(sized ? { size } : {}) } }
}

/** One app's snapshots, newest first. */
export async function nightlySnapshots(ctx: AppContext, server: string, domain: string): Promise<Array<{ id: string; time: string; size?: number }>> {
  const app = await loadApp(ctx, server, domain)
  const status = await nightlyStatus(ctx, server)
  if (!status.configured) throw new ApiError('nightly-not-set-up', t('backups.nightly.notSetUp', { server }))
  return status.apps.find((a) => a.stack === app.stackName)?.snapshots ?? []
}
