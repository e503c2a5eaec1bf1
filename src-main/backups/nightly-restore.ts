// Restoring an app from one of backup-bot-two's nightly snapshots through the
// restore flow the laptop backups use (restore-run.ts: the restore pre-hook,
// its services stopped and brought back whatever happens, each volume
// written back on its own machine, the post-hook). The snapshot's files for
// this app are unpacked inside the bot's container, copied into an archive
// of the app's own format under ~/.abra/backups/<domain>/ (a hidden file,
// each file hashed on the way), and that archive is what is written back;
// it is removed at the end, and so is what was unpacked on the server.
import crypto from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import { loadApp, refuseWhileBusy } from '../apps/context'
import { ApiError } from '../contract/errors'
import { confinedPath } from '../core/confine'
import { ArchiveWriter, volumeEntry, type Manifest, type ManifestVolume } from './archive'
import { planFor } from './create'
import { botOf, findBotApp, nightlySnapshots, type NightlyContext } from './nightly'
import { overwriteWords } from './restore-plan'
import { execIn } from './restore-exec'
import { restoreSteps, runRestore } from './restore-run'
import { ensurePrivateDir, localTime } from './store'
import { t } from '../i18n/i18n'

const UNPACK_PREFIX = '/tmp/ccd-nightly-'

async function findSnapshot(ctx: NightlyContext, server: string, domain: string, snapshot: string) {
  const list = await nightlySnapshots(ctx, server, domain)
  const found = snapshot === 'latest' ? list[0] : list.find((s) => s.id === snapshot || s.id.startsWith(snapshot))
  if (!found) throw new ApiError('nightly-no-snapshot', t('backups.nightly.restore.noSnapshot', { domain, snapshot, server }))
  return found
}

/** The volumes a restore writes back: those the recipe backs up, as a laptop backup would hold them. */
async function volumesOf(ctx: NightlyContext, server: string, domain: string) {
  const { plan } = await planFor(ctx, server, domain)
  if (plan.explanation) throw new ApiError('backup-nothing', plan.explanation)
  return plan.services.flatMap((s) => s.volumes.filter((v) => !v.excluded).map((v) => ({ service: s.service, ...v })))
}

export async function nightlyRestorePlan(ctx: NightlyContext, req: { server: string; domain: string; snapshot: string }) {
  const snapshot = await findSnapshot(ctx, req.server, req.domain, req.snapshot)
  const volumes = await volumesOf(ctx, req.server, req.domain)
  const manifest = { volumes: volumes.map((v) => ({ service: v.service, volume: v.name, ...(v.paths?.length ? { paths: v.paths } : {}) })) }
  return { snapshot, overwrites: overwriteWords(manifest), stops: [...new Set(volumes.map((v) => v.service))] }
}

export async function startNightlyRestore(ctx: NightlyContext, req: { server: string; domain: string; snapshot: string; confirm: string }): Promise<{ jobId: string }> {
  if (req.confirm !== req.domain) throw new ApiError('confirm-mismatch', t('backups.nightly.restore.confirm', { domain: req.domain }))
  const app = await loadApp(ctx, req.server, req.domain)
  refuseWhileBusy(ctx, req.server, req.domain)
  const snapshot = await findSnapshot(ctx, req.server, req.domain, req.snapshot)
  const volumes = await volumesOf(ctx, req.server, req.domain)
  const docker = (await ctx.open(req.server)).docker()
  const botApp = await findBotApp(ctx, req.server)
  const bot = botApp ? await botOf(ctx, req.server, docker, botApp.stackName) : undefined
  if (!bot?.container || !botApp) throw new ApiError('bot-not-running', t('backups.bot.notRunning', { server: req.server }))
  const container = bot.container
  // The bot as it ran before the pause, to know a new container of it from this one.
  const botBefore = { stackName: botApp.stackName, container: bot.container.id }
  const steps = restoreSteps()
  steps[0] = t('backups.nightly.restore.unpack')
  const job = ctx.jobs.start(
    { kind: 'app-restore', title: t('backups.nightly.restore.title', { domain: req.domain, time: localTime(snapshot.time) }), target: req.domain, app: { server: req.server, domain: req.domain }, steps },
    async (job) => {
      const inside = `${UNPACK_PREFIX}${crypto.randomBytes(6).toString('hex')}`
      const dir = confinedPath(ctx.paths.backupsDir, req.domain)
      const file = confinedPath(dir, `.nightly-${snapshot.id.slice(0, 16)}-${crypto.randomBytes(4).toString('hex')}.tar.gz`)
      let writer: ArchiveWriter | undefined
      let paused = 0
      try {
        job.step(0)
        const includes = volumes.map((v) => ['--include', `/var/lib/docker/volumes/${v.dockerName}`]).flat()
        const unpack = (): ReturnType<typeof execIn> =>
          execIn(container, ['sh', '-c', `[ -n "$AWS_SECRET_ACCESS_KEY_FILE" ] && export AWS_SECRET_ACCESS_KEY="$(cat "$AWS_SECRET_ACCESS_KEY_FILE")"; exec restic restore ${shq(snapshot.id)} --target ${shq(inside)} ${includes.map(shq).join(' ')}`], {
            timeoutMs: 3_600_000,
            signal: job.signal,
            killable: true
          })
        let unpacked = await unpack()
        // The bot's own forget --prune holds the repository's lock for a moment: try again a few times.
        for (let i = 0; i < 5 && unpacked.exitCode !== 0 && /locked/i.test(unpacked.output) && !job.signal.aborted; i++) {
          await new Promise((r) => setTimeout(r, 2000))
          unpacked = await unpack()
        }
        if (unpacked.exitCode !== 0) throw new ApiError('bot-failed', t('backups.nightly.restore.cannotUnpack', { snapshot: snapshot.id }), unpacked.output.trim().slice(-2000))
        await ensurePrivateDir(ctx.paths, dir)
        writer = new ArchiveWriter(file)
        const written: ManifestVolume[] = []
        for (const v of volumes) {
          const root = `${inside}/var/lib/docker/volumes/${v.dockerName}/_data`
          const parts = v.paths?.length ? v.paths : [undefined]
          const vol: ManifestVolume = { service: v.service, volume: v.name, dockerName: v.dockerName, mountPath: v.mountPath, ...(v.paths?.length ? { paths: v.paths } : {}), entry: volumeEntry(v.service, v.name), bytes: 0, files: [] }
          let any = false
          for (const part of parts) {
            const at = part ? path.posix.join(root, part) : root
            const there = await execIn(container, ['test', '-e', at], { timeoutMs: 30_000 })
            if (there.exitCode !== 0) continue
            if (!any) await writer.startVolume(vol)
            any = true
            const tar = (await container.getArchive({ path: at })) as unknown as Readable
            vol.files.push(...(await writer.addTar(vol, tar, part)))
          }
          if (!any) continue
          vol.bytes = vol.files.reduce((n, f) => n + f.size, 0)
          written.push(vol)
        }
        if (written.length === 0) throw new ApiError('nightly-empty', t('backups.nightly.restore.empty', { snapshot: snapshot.id, domain: req.domain }))
        const manifest: Manifest = {
          format: 1,
          app: { server: req.server, domain: req.domain, stackName: app.stackName, ...(app.recipe ? { recipe: app.recipe } : {}), ...(app.version ? { version: app.version } : {}) },
          createdAt: snapshot.time,
          services: [...new Set(written.map((v) => v.service))],
          volumes: written,
          hooks: [],
          bytes: written.reduce((n, v) => n + v.bytes, 0)
        }
        await writer.finish(manifest)
        writer = undefined
        await execIn(container, ['rm', '-rf', '--', inside], { timeoutMs: 300_000 }).catch(() => undefined)
        // The bot is paused while the app is written back: a run then would back up (and its hooks touch) half-restored data.
        paused = await pauseBot(docker, bot.service)
        if (paused) job.log(`${t('backups.nightly.restore.paused')}\n`)
        // What the existing restore does from here: hooks, stop, write, bring back, post-hook.
        await runRestore(ctx, { server: req.server, domain: req.domain, file, manifest }, job)
      } finally {
        if (writer) await writer.abort()
        await fsp.rm(file, { force: true })
        // Not tied to Cancel: a cancelled restore must still clean the bot's /tmp and start the bot again.
        if (!paused) await execIn(container, ['rm', '-rf', '--', inside], { timeoutMs: 300_000 }).catch(() => undefined)
        if (paused) {
          const back = await setReplicas(docker, bot.service, paused).then(
            () => undefined,
            (err: unknown) => (err instanceof Error ? err.message : String(err))
          )
          if (back) job.log(`${t('backups.nightly.restore.notResumed', { why: back })}\n`)
          // Said only once it is true: a new container of the bot runs (the
          // job ends a few seconds later, and the server's page then shows
          // no "not running" warning meanwhile).
          else if (await botRunsAgain(ctx, req.server, docker, botBefore.stackName, botBefore.container)) job.log(`${t('backups.nightly.restore.resumed')}\n`)
          else job.log(`${t('backups.nightly.restore.notRunningYet', { seconds: RESUME_WAIT_MS / 1000 })}\n`)
        }
      }
    }
  )
  return { jobId: job.id }
}

/** How long a restore waits for the bot to run again before it says it doesn't. */
const RESUME_WAIT_MS = 60_000

/** Whether a container of the bot other than `before` (the one paused) runs within RESUME_WAIT_MS. */
async function botRunsAgain(ctx: NightlyContext, server: string, docker: Docker, stackName: string, before: string): Promise<boolean> {
  for (const end = Date.now() + RESUME_WAIT_MS; ; await new Promise((r) => setTimeout(r, 1000))) {
    const { container } = await botOf(ctx, server, docker, stackName)
    if (container && container.id !== before) return true
    if (Date.now() > end) return false
  }
}

/** Sets the bot's service to 0 copies; answers how many it had (0: nothing was changed). */
async function pauseBot(docker: Docker, service: string): Promise<number> {
  const info = (await docker.getService(service).inspect()) as Docker.Service
  const replicas = info.Spec?.Mode?.Replicated?.Replicas ?? 0
  if (replicas > 0) await setReplicas(docker, service, 0)
  return replicas
}

async function setReplicas(docker: Docker, service: string, replicas: number): Promise<void> {
  const info = (await docker.getService(service).inspect()) as Docker.Service
  await docker.getService(service).update({ ...info.Spec, version: info.Version?.Index, Mode: { Replicated: { Replicas: replicas } } } as never)
}

const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

