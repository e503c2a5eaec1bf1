// Co-op Cloud's backup-bot-two, when a server runs it: its restic snapshots,
// and copying one out to ~/.abra/backups/<server>-backupbot/<snapshot>.tar.
// Everything runs inside the bot's own container (restic and its repository
// settings live there), so nothing extra is installed on the server.
import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type Docker from 'dockerode'
import type { AppContext } from '../apps/context'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import { machineOpener, runningAnywhere } from './machines'
import { execIn } from './restore-exec'
import { ensurePrivateDir } from './store'
import { t } from '../i18n/i18n'

export interface BotSnapshot {
  id: string
  time: string
  paths: string[]
  tags: string[]
}

const isBot = (s: Docker.Service): boolean => {
  const image = (s.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined)?.ContainerSpec?.Image ?? ''
  const labels = (s.Spec?.Labels ?? {}) as Record<string, string>
  return image.includes('backup-bot') || Object.entries(labels).some(([k, v]) => /^coop-cloud\..+\.recipe$/.test(k) && v === 'backup-bot-two')
}

/** restic snapshots --json → our shape; entries without an id or time are skipped. */
export function mapResticSnapshots(json: string): BotSnapshot[] {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    throw new ApiError('bot-output', t('backups.bot.notList'), json.slice(0, 500))
  }
  if (!Array.isArray(raw)) throw new ApiError('bot-output', t('backups.bot.notList'), json.slice(0, 500))
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  return raw
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string' && typeof (s as { time?: unknown }).time === 'string')
    .map((s) => ({ id: s.id as string, time: s.time as string, paths: strings(s.paths), tags: strings(s.tags) }))
    .sort((a, b) => b.time.localeCompare(a.time))
}

/** The bot's running container, on whichever machine of the server's swarm it runs. */
export async function botContainer(ctx: AppContext, server: string, docker: Docker): Promise<{ service: string; container?: Docker.Container } | undefined> {
  const bot = ((await docker.listServices()) as Docker.Service[]).find(isBot)
  if (!bot) return undefined
  const name = bot.Spec?.Name ?? bot.ID
  const found = await runningAnywhere(docker, name, { server, service: name, open: machineOpener(ctx, server) })
  return { service: name, container: found?.container }
}

export async function botSnapshots(ctx: AppContext, server: string): Promise<{ running: boolean; snapshots: BotSnapshot[] }> {
  const docker = (await ctx.open(server)).docker()
  const bot = await botContainer(ctx, server, docker)
  if (!bot?.container) return { running: false, snapshots: [] }
  // Without restic's lock: a listing must never make the bot's own forget --prune fail.
  const r = await execIn(bot.container, ['restic', '--no-lock', 'snapshots', '--json'], { timeoutMs: 120_000 })
  if (r.exitCode !== 0) throw new ApiError('bot-failed', t('backups.bot.cannotList', { service: bot.service }), r.output.trim() || `exit code ${r.exitCode}`)
  return { running: true, snapshots: mapResticSnapshots(r.stdout.toString('utf8')) }
}

/** Where downloads unpack inside the bot's container; one name per download. */
const UNPACK_PREFIX = '/tmp/ccd-snapshot-'
/** What an unpacked snapshot must leave free of the bot's /tmp: a twentieth of the disk, at least 512 MiB. */
const KEEP_FREE = (diskBytes: number): number => Math.max(diskBytes / 20, 512 * 1024 * 1024)

const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`

/**
 * Refuses to unpack a snapshot that would fill the disk under the bot's /tmp.
 * `restic stats --mode restore-size` tells the size; when the bot's restic or
 * df can't, the unpack goes ahead (as it did before) and is cleaned up after.
 */
async function checkRoom(container: Docker.Container, snapshot: string, server: string, signal: AbortSignal): Promise<void> {
  const stats = await execIn(container, ['restic', 'stats', snapshot, '--mode', 'restore-size', '--json'], { timeoutMs: 600_000, signal, killable: true })
  const size = stats.exitCode === 0 ? Number((JSON.parse(stats.stdout.toString('utf8') || '{}') as { total_size?: unknown }).total_size) : NaN
  if (!Number.isFinite(size) || size < 0) return
  const df = await execIn(container, ['df', '-Pk', '/tmp'], { timeoutMs: 30_000 })
  const cols = df.stdout.toString('utf8').trim().split('\n').at(-1)?.split(/\s+/) ?? []
  const [disk, free] = [Number(cols[1]) * 1024, Number(cols[3]) * 1024]
  if (df.exitCode !== 0 || !Number.isFinite(disk) || !Number.isFinite(free)) return
  if (free - size < KEEP_FREE(disk)) {
    throw new ApiError(
      'bot-no-room',
      t('backups.bot.noRoom', { snapshot, size: gb(size), server, free: gb(free) })
    )
  }
}

export async function botDownload(ctx: AppContext, req: { server: string; snapshot: string }): Promise<{ jobId: string }> {
  if (!/^[A-Fa-f0-9]{8,64}$|^latest$/.test(req.snapshot)) throw new ApiError('bot-snapshot', t('backups.bot.badId', { snapshot: req.snapshot }))
  // One at a time per server: leftovers of earlier downloads are then surely
  // nobody's, and can be removed.
  const busy = ctx.jobs.list().find((j) => j.status === 'running' && j.kind === 'backup-bot-download' && j.target === req.server)
  if (busy) throw new ApiError('bot-busy', t('backups.bot.busy', { server: req.server, title: busy.title }), undefined, { jobId: busy.id })
  const docker = (await ctx.open(req.server)).docker()
  const bot = await botContainer(ctx, req.server, docker)
  if (!bot?.container) throw new ApiError('bot-not-running', t('backups.bot.notRunning', { server: req.server }))
  const container = bot.container
  const dir = confinedPath(ctx.paths.backupsDir, `${req.server}-backupbot`)
  const file = confinedPath(dir, `${req.snapshot}.tar`)
  const steps = [t('backups.bot.steps.unpack'), t('backups.bot.steps.copy'), t('backups.bot.steps.clean')]
  const job = ctx.jobs.start({ kind: 'backup-bot-download', title: t('backups.bot.title', { snapshot: req.snapshot, server: req.server }), target: req.server, steps }, async (job) => {
    const inside = `${UNPACK_PREFIX}${crypto.randomBytes(6).toString('hex')}`
    const tmp = path.join(dir, `.${req.snapshot}.${crypto.randomBytes(6).toString('hex')}.tmp`)
    try {
      job.step(0)
      // Left by a download that could not clean up (the connection dropped, the app was closed).
      await execIn(container, ['sh', '-c', `rm -rf -- ${UNPACK_PREFIX}*`], { timeoutMs: 120_000, signal: job.signal })
      await checkRoom(container, req.snapshot, req.server, job.signal)
      // Cancel kills restic in the bot's container; what it unpacked is removed below.
      const r = await execIn(container, ['restic', 'restore', req.snapshot, '--target', inside], { timeoutMs: 3_600_000, signal: job.signal, killable: true })
      if (r.exitCode !== 0) throw new ApiError('bot-failed', t('backups.bot.cannotUnpack', { snapshot: req.snapshot }), r.output.trim() || `exit code ${r.exitCode}`)
      job.step(1)
      await ensurePrivateDir(ctx.paths, dir)
      const stream = (await container.getArchive({ path: inside })) as NodeJS.ReadableStream
      let bytes = 0
      stream.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes % (8 << 20) < c.length) job.log(`${t('backups.bot.copied', { mb: Math.round(bytes / 1e6) })}\n`)
      })
      await pipeline(stream, fs.createWriteStream(tmp, { mode: 0o600 }), { signal: job.signal })
      await fsp.rename(tmp, file)
      job.log(`${t('backups.bot.saved', { file })}\n`)
    } finally {
      await fsp.rm(tmp, { force: true })
      job.step(2)
      // Not tied to Cancel: this is what a cancelled download must still do.
      const cleaned = await execIn(container, ['rm', '-rf', '--', inside], { timeoutMs: 300_000 }).then(
        (r) => (r.exitCode === 0 ? undefined : r.output.trim() || `exit code ${r.exitCode}`),
        (err: Error) => err.message
      )
      if (cleaned) job.log(`${t('backups.bot.notCleaned', { path: inside, why: cleaned, server: req.server })}\n`)
      else if (job.signal.aborted) job.log(`${t('backups.bot.cancelled')}\n`)
    }
  })
  return { jobId: job.id }
}
