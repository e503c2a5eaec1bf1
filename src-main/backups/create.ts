// Taking a backup: hooks around the copy, every volume streamed from the
// server into one archive on this computer, read back against its manifest,
// and only then given its final name. Anything short of that leaves nothing.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import type Docker from 'dockerode'
import type { BackupInfo, BackupPlan } from '../contract/backups'
import { ApiError, errorDetail } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { loadApp, type AppContext } from '../apps/context'
import { stackFilter } from '../apps/list-docker'
import { ArchiveWriter, volumeEntry, type Manifest, type ManifestHook, type ManifestVolume } from './archive'
import { verifyArchive } from './checksum'
import { recipeLabel, versionLabel } from './labels'
import { buildPlan, type PlanService } from './plan'
import { Progress } from './stream-progress'
import { applyRetention } from './retention'
import { readSettings } from './settings'
import { archivePath, backupDir, ensurePrivateDir, newBackupId, partialPath, writeSidecar, type Sidecar } from './store'
import { machineOpener, localNode, runningAnywhere, stoppedServiceEngine, type Engine } from './machines'
import { archiveOf, copyPaths, measure, runHook, startHelper, type Source } from './stream'
import { t } from '../i18n/i18n'

/** The backup job's steps, in the current language. */
export const backupSteps = (): string[] => [
  t('backups.create.steps.look'),
  t('backups.create.steps.preHooks'),
  t('backups.create.steps.copy'),
  t('backups.create.steps.postHooks'),
  t('backups.create.steps.check'),
  t('backups.create.steps.save')
]

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The plan from the app's deployed services, and those services (for images and labels). */
export async function planFor(ctx: AppContext, server: string, domain: string): Promise<{ plan: BackupPlan; services: PlanService[]; docker: Docker }> {
  const app = await loadApp(ctx, server, domain)
  const conn = await ctx.open(server)
  const docker = conn.docker()
  const services = (await docker.listServices({ filters: stackFilter(app.stackName) })) as PlanService[]
  return { plan: buildPlan({ server, domain, stackName: app.stackName }, services), services, docker }
}

function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code
  return code === 'ENOSPC' || code === 'EDQUOT'
}

class CopyLost extends Error {}

interface Reached {
  service: string
  source: Source
  /** The engine of the machine the source container is on. */
  engine: Engine
  postHook?: string
}

/**
 * Takes a backup of the app inside an existing job (the upgrade's too):
 * hooks, streaming, manifest, verification, rename. Resolves to the verified
 * backup; rejects (leaving nothing under a final name) on any failure.
 */
export async function runBackup(ctx: AppContext, req: { server: string; domain: string }, job: JobContext): Promise<BackupInfo> {
  const { server, domain } = req
  job.step(0)
  const app = await loadApp(ctx, server, domain)
  // The app's services and which machine we are on, asked together (one round trip, not two).
  const hereAsked = ctx.open(server).then((conn) => localNode(conn.docker()))
  hereAsked.catch(() => undefined)
  const { plan, services, docker } = await planFor(ctx, server, domain)
  if (plan.explanation) throw new ApiError('backup-nothing', plan.explanation)
  const here = await hereAsked
  // On a swarm of several machines, each service's data is read where it runs (or last ran).
  const open = machineOpener(ctx, server)

  const byName = new Map(services.map((s) => [s.Spec?.Name ?? '', s]))
  const work = plan.services.filter((s) => s.volumes.some((v) => !v.excluded))
  // abra labels the `app` service only; any service that carries the labels will do.
  const labels = [byName.get(`${plan.stackName}_app`), ...services].find((s) => versionLabel(s?.Spec?.Labels, plan.stackName))?.Spec?.Labels
  const createdAt = new Date()
  const id = newBackupId(createdAt)
  const dir = backupDir(ctx.paths, domain)
  const partial = partialPath(ctx.paths, domain, id)
  const final = archivePath(ctx.paths, domain, id)
  const hooks: ManifestHook[] = []
  const volumes: ManifestVolume[] = []
  const helpers: Docker.Container[] = []
  const progress = new Progress(job, 2)
  // How much each service's volumes hold (du in its container), measured while the copy begins.
  const measuring = new Map<string, Promise<void>>()
  let writer: ArchiveWriter | undefined
  let current: Readable | undefined
  const onAbort = (): void => {
    void writer?.abort(new Error('cancelled'))
    current?.destroy(new Error('cancelled'))
  }
  job.signal.addEventListener('abort', onAbort)
  const cancelled = (): void => {
    if (job.signal.aborted) throw new ApiError('cancelled', t('backups.create.cancelled', { domain }))
  }

  try {
    // Find where each service's data can be read, and how much there is, before changing anything.
    const sources: { svc: (typeof work)[number]; source: Source; engine: Engine }[] = []
    for (const svc of work) {
      cancelled()
      const full = `${plan.stackName}_${svc.service}`
      const kept = svc.volumes.filter((v) => !v.excluded)
      const where = { server, service: svc.service, open, here }
      const running = await runningAnywhere(docker, full, where)
      if (running) {
        if (running.engine.machine) job.log(`${t('backups.create.onMachine', { service: svc.service, machine: running.engine.machine })}\n`)
        sources.push({ svc, source: { container: running.container, helper: false }, engine: running.engine })
        continue
      }
      const engine = await stoppedServiceEngine(docker, full, where)
      job.log(`${engine.machine ? t('backups.create.helperOnMachine', { service: svc.service, machine: engine.machine }) : t('backups.create.helper', { service: svc.service, server })}\n`)
      const image = byName.get(full)?.Spec?.TaskTemplate?.ContainerSpec?.Image
      if (!image) throw new ApiError('backup-no-image', t('backups.create.noImage', { service: svc.service }))
      const helper = await startHelper(engine.docker, { image, stackName: plan.stackName, service: svc.service, volumes: kept })
      helpers.push(helper)
      sources.push({ svc, source: { container: helper, helper: true }, engine })
    }
    // The copy starts without waiting for du (an exec: a few round trips, and
    // a process started in the container): the bar shows bytes at once, and
    // a percentage once every service's size is known.
    for (const { svc } of sources) progress.expect(svc.service, undefined)
    for (const { svc, source } of sources) {
      const kept = svc.volumes.filter((v) => !v.excluded)
      measuring.set(
        svc.service,
        measure(source.container, kept.flatMap((v) => copyPaths(v.mountPath, v.paths).map((c) => c.at))).then((bytes) => progress.expect(svc.service, bytes))
      )
    }

    await ensurePrivateDir(ctx.paths, dir)
    writer = new ArchiveWriter(partial)
    for (const { svc, source, engine } of sources) {
      cancelled()
      const reached: Reached = { service: svc.service, source, engine, postHook: source.helper ? undefined : svc.postHook }
      try {
        if (svc.preHook && !source.helper) {
          job.step(1, t('backups.create.preHookStep', { service: svc.service }))
          const hook = await runHook(source.container, svc.service, 'pre', svc.preHook)
          hooks.push(hook)
          job.log(`${t(hook.output ? 'backups.create.preHookLogOutput' : 'backups.create.preHookLog', { service: svc.service, code: hook.exitCode, output: hook.output })}\n`)
          if (hook.exitCode !== 0) {
            throw new ApiError(
              'backup-hook-failed',
              t(hook.output ? 'backups.create.preHookFailedOutput' : 'backups.create.preHookFailed', { service: svc.service, code: hook.exitCode, output: hook.output?.slice(-500) }),
              svc.preHook
            )
          }
          // The dump it wrote counts too (measured after the first measure, which would otherwise overwrite it).
          await measuring.get(svc.service)
          const kept = svc.volumes.filter((v) => !v.excluded)
          progress.expect(svc.service, await measure(source.container, kept.flatMap((v) => copyPaths(v.mountPath, v.paths).map((c) => c.at))))
        }
        for (const v of svc.volumes.filter((x) => !x.excluded)) {
          const vol: ManifestVolume = {
            service: svc.service,
            volume: v.name,
            dockerName: v.dockerName,
            mountPath: v.mountPath,
            ...(v.paths ? { paths: v.paths } : {}),
            entry: volumeEntry(svc.service, v.name),
            bytes: 0,
            files: []
          }
          await writer.startVolume(vol)
          for (const { part, at } of copyPaths(v.mountPath, v.paths)) {
            cancelled()
            progress.copying(`${svc.service}/${v.name}${part ? `/${part}` : ''}`)
            const tar = await archiveOf(source.container, at).catch((err: unknown) => {
              throw new CopyLost(errorDetail(err))
            })
            if (!tar) {
              job.log(`${t('backups.create.notInVolume', { path: at, volume: v.name, service: svc.service })}\n`)
              continue
            }
            // A cancel that came while Docker was still answering found no
            // stream to stop; this one, left unread, would hold up the
            // connection the post-hook needs.
            if (job.signal.aborted) tar.destroy()
            cancelled()
            current = tar
            let sourceFailed: unknown
            tar.on('error', (e) => (sourceFailed ??= e))
            try {
              vol.files.push(...(await writer.addTar(vol, tar, part, (n) => progress.add(n))))
            } catch (err) {
              cancelled()
              if (isDiskFull(err)) throw err
              // Whatever broke on the reading side (a dropped connection, or Docker's stream cut short) loses the copy.
              throw new CopyLost(String((sourceFailed as Error | undefined)?.message ?? (err as Error)?.message ?? err))
            } finally {
              current = undefined
            }
          }
          vol.bytes = vol.files.reduce((n, f) => n + f.size, 0)
          volumes.push(vol)
        }
      } finally {
        await runPostHook(ctx, server, reached, hooks, job)
      }
    }

    await Promise.all(measuring.values())
    cancelled()
    const manifest: Manifest = {
      format: 1,
      app: { server, domain, stackName: plan.stackName, recipe: app.recipe ?? recipeLabel(labels, plan.stackName), version: versionLabel(labels, plan.stackName) ?? app.version },
      createdAt: createdAt.toISOString(),
      services: work.map((s) => s.service),
      volumes,
      hooks,
      bytes: volumes.reduce((n, v) => n + v.bytes, 0)
    }
    job.step(4)
    const written = await writer.finish(manifest)
    writer = undefined
    cancelled()
    const verdict = await verifyArchive(partial, { archiveSha256: written.sha256 })
    if (!verdict.ok) {
      throw new ApiError('backup-unverified', t('backups.create.unverified'), verdict.problems.join('\n'))
    }
    cancelled()
    job.step(5)
    const now = new Date().toISOString()
    const sidecar: Sidecar = {
      id,
      domain,
      server,
      file: final,
      createdAt: manifest.createdAt,
      size: written.size,
      ...(manifest.app.recipe ? { recipe: manifest.app.recipe } : {}),
      ...(manifest.app.version ? { version: manifest.app.version } : {}),
      services: manifest.services,
      verified: true,
      verifiedAt: now,
      stackName: plan.stackName,
      archiveSha256: written.sha256,
      volumes: volumes.map((v) => ({ service: v.service, volume: v.volume, mountPath: v.mountPath, ...(v.paths ? { paths: v.paths } : {}), files: v.files.length, bytes: v.bytes })),
      hooks: hooks.map((h) => ({ service: h.service, kind: h.kind, exitCode: h.exitCode }))
    }
    // The sidecar first: without its archive it is not listed, so a crash between the two leaves no good-looking backup.
    await writeSidecar(ctx.paths, sidecar)
    await fs.rename(partial, final)
    job.log(`${t('backups.create.backedUp', { domain, size: progress.words(manifest.bytes), count: volumes.length })}\n`)
    const { keepLast } = await readSettings(ctx.paths)
    const removed = await applyRetention(ctx.paths, domain, keepLast).catch(() => [])
    if (removed.length) job.log(`${t('backups.create.deletedOlder', { count: removed.length, keep: keepLast })}\n`)
    const { stackName: _s, archiveSha256: _a, volumes: _v, hooks: _h, problems: _p, ...info } = sidecar
    return info
  } catch (err) {
    await writer?.abort(err instanceof Error ? err : new Error(String(err)))
    await fs.rm(partial, { force: true })
    await fs.rm(path.join(dir, `${id}.json`), { force: true }).catch(() => undefined)
    if (job.signal.aborted) throw new ApiError('cancelled', t('backups.create.cancelled', { domain }))
    if (isDiskFull(err)) {
      throw new ApiError(
        'backup-disk-full',
        t('backups.create.diskFull', { domain }),
        String((err as Error).message)
      )
    }
    if (err instanceof CopyLost) {
      throw new ApiError(
        'backup-connection-lost',
        t('backups.create.connectionLost', { server, domain }),
        err.message
      )
    }
    throw err
  } finally {
    job.signal.removeEventListener('abort', onAbort)
    // No du left running in a container (measure never rejects; it gives up after its own timeout).
    await Promise.all(measuring.values())
    for (const h of helpers) await h.remove({ force: true }).catch(() => undefined)
  }
}

/**
 * The post-hook runs whatever happened to the copy. The connection may have
 * just dropped (that may be why the copy failed), so it is retried on a fresh
 * connection for a minute before giving up and saying what to run by hand.
 */
async function runPostHook(ctx: AppContext, server: string, reached: Reached, hooks: ManifestHook[], job: JobContext): Promise<void> {
  if (!reached.postHook) return
  job.step(3, t('backups.create.postHookStep', { service: reached.service }))
  const id = reached.source.container.id
  let lastError: unknown
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    try {
      const engine = lastError ? (reached.engine.machine ? await reached.engine.reopen() : (await ctx.open(server)).docker()) : undefined
      const container = engine ? engine.getContainer(id) : reached.source.container
      const hook = await runHook(container, reached.service, 'post', reached.postHook)
      hooks.push(hook)
      job.log(`${t(hook.output ? 'backups.create.postHookLogOutput' : 'backups.create.postHookLog', { service: reached.service, code: hook.exitCode, output: hook.output })}\n`)
      if (hook.exitCode !== 0) job.log(`${t('backups.create.postHookFailed', { service: reached.service, command: reached.postHook })}\n`)
      return
    } catch (err) {
      lastError = err
      if ((err as { statusCode?: number }).statusCode) break
      await sleep(2000)
    }
  }
  hooks.push({ service: reached.service, kind: 'post', command: reached.postHook, exitCode: -1, output: errorDetail(lastError) })
  job.log(`${t('backups.create.postHookNotRun', { service: reached.service, error: errorDetail(lastError), command: reached.postHook })}\n`)
}
