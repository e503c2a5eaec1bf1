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
import { execIn } from './restore-exec'
import { ensurePrivateDir } from './store'

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
    throw new ApiError('bot-output', 'backup-bot-two answered with something that is not a list of snapshots.', json.slice(0, 500))
  }
  if (!Array.isArray(raw)) throw new ApiError('bot-output', 'backup-bot-two answered with something that is not a list of snapshots.', json.slice(0, 500))
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  return raw
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string' && typeof (s as { time?: unknown }).time === 'string')
    .map((s) => ({ id: s.id as string, time: s.time as string, paths: strings(s.paths), tags: strings(s.tags) }))
    .sort((a, b) => b.time.localeCompare(a.time))
}

async function botContainer(docker: Docker): Promise<{ service: string; container?: Docker.Container } | undefined> {
  const bot = ((await docker.listServices()) as Docker.Service[]).find(isBot)
  if (!bot) return undefined
  const name = bot.Spec?.Name ?? bot.ID
  const list = await docker.listContainers({ filters: JSON.stringify({ label: [`com.docker.swarm.service.name=${name}`], status: ['running'] }) })
  return { service: name, container: list[0] ? docker.getContainer(list[0].Id) : undefined }
}

export async function botSnapshots(ctx: AppContext, server: string): Promise<{ running: boolean; snapshots: BotSnapshot[] }> {
  const docker = (await ctx.open(server)).docker()
  const bot = await botContainer(docker)
  if (!bot?.container) return { running: false, snapshots: [] }
  const r = await execIn(bot.container, ['restic', 'snapshots', '--json'], { timeoutMs: 120_000 })
  if (r.exitCode !== 0) throw new ApiError('bot-failed', `backup-bot-two (${bot.service}) could not list its snapshots.`, r.output.trim() || `exit code ${r.exitCode}`)
  return { running: true, snapshots: mapResticSnapshots(r.stdout.toString('utf8')) }
}

export async function botDownload(ctx: AppContext, req: { server: string; snapshot: string }): Promise<{ jobId: string }> {
  if (!/^[A-Fa-f0-9]{8,64}$|^latest$/.test(req.snapshot)) throw new ApiError('bot-snapshot', `"${req.snapshot}" is not a snapshot id.`)
  const docker = (await ctx.open(req.server)).docker()
  const bot = await botContainer(docker)
  if (!bot?.container) throw new ApiError('bot-not-running', `backup-bot-two is not running on ${req.server}, so there is no snapshot to download.`)
  const container = bot.container
  const dir = confinedPath(ctx.paths.backupsDir, `${req.server}-backupbot`)
  const file = confinedPath(dir, `${req.snapshot}.tar`)
  const steps = ['Unpacking the snapshot on the server', 'Copying it to this computer', 'Cleaning up on the server']
  const job = ctx.jobs.start({ kind: 'backup-bot-download', title: `Downloading snapshot ${req.snapshot} from ${req.server}`, target: req.server, steps }, async (job) => {
    const inside = `/tmp/ccd-snapshot-${crypto.randomBytes(6).toString('hex')}`
    const tmp = path.join(dir, `.${req.snapshot}.${crypto.randomBytes(6).toString('hex')}.tmp`)
    try {
      job.step(0)
      const r = await execIn(container, ['restic', 'restore', req.snapshot, '--target', inside], { timeoutMs: 3_600_000 })
      if (r.exitCode !== 0) throw new ApiError('bot-failed', `backup-bot-two could not unpack snapshot ${req.snapshot}.`, r.output.trim() || `exit code ${r.exitCode}`)
      job.step(1)
      await ensurePrivateDir(ctx.paths, dir)
      const stream = (await container.getArchive({ path: inside })) as NodeJS.ReadableStream
      let bytes = 0
      stream.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes % (8 << 20) < c.length) job.log(`${Math.round(bytes / 1e6)} MB copied\n`)
      })
      await pipeline(stream, fs.createWriteStream(tmp, { mode: 0o600 }), { signal: job.signal })
      await fsp.rename(tmp, file)
      job.log(`Saved to ${file}.\n`)
    } finally {
      await fsp.rm(tmp, { force: true })
      job.step(2)
      await execIn(container, ['rm', '-rf', inside]).catch(() => undefined)
    }
  })
  return { jobId: job.id }
}
