// A restore inside a job (backups.restore's own, and apps.move's): restore
// pre-hook in the running container, scale the services that own the
// restored volumes to 0, write each volume back, scale them up again, wait
// for the app to be healthy, then the restore post-hook in the new container.
// If writing fails midway the services are still brought back, and the
// error says which volumes hold what.
import type Docker from 'dockerode'
import { loadApp, type AppContext } from '../apps/context'
import { updateBaseline, watchConvergence } from '../apps/converge-watch'
import { ApiError, errorDetail, errorWords } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { forEachVolume, type Manifest, type ManifestVolume } from './archive'
import { execIn } from './restore-exec'
import { localNode, machineOpener, runningAnywhere, stoppedServiceEngine, swarmSize as swarmNodes, tasksOn, type Engine, type OpenMachine } from './machines'
import { backWords, bringBack } from './restore-bring-back'
import { recordService, scaleDown, STOP_TIMEOUT_MS, type Scaled } from './restore-scale'
import { removeLeftHelpers, writeVolume } from './restore-volume'
import { localTime } from './store'
import { t as tr } from '../i18n/i18n'

/** The restore job's steps, in the current language. */
export const restoreSteps = (): string[] => [
  tr('backups.restore.steps.check'),
  tr('backups.restore.steps.preHook'),
  tr('backups.restore.steps.stop'),
  tr('backups.restore.steps.write'),
  tr('backups.restore.steps.start'),
  tr('backups.restore.steps.postHook')
]

const DEFAULT_TIMEOUT_SECONDS = 120

/**
 * How long a service may take to stop. CCD_RESTORE_STOP_TIMEOUT_SECONDS in
 * the core's environment changes it: for a service that needs longer, and
 * for the tests, which can't wait 90 seconds for a timeout.
 */
function stopTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.CCD_RESTORE_STOP_TIMEOUT_SECONDS)
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : STOP_TIMEOUT_MS
}

interface ServiceTarget {
  service: string
  fullName: string
  image: string
  labels: Record<string, string>
  /** Docker volume by mount path, from the deployed service's spec. */
  volumeAt: Map<string, string>
  /** The machine whose volumes are written: where the service runs (or last ran), found before anything changes. */
  engine: Engine
}

/** What finding a service's machine needs: the server, the machines' opener, the node we are connected to. */
interface Where {
  server: string
  open?: OpenMachine
  here?: string
}

async function serviceTargets(docker: Docker, stackName: string, manifest: Manifest, domain: string, where: Where): Promise<Map<string, ServiceTarget>> {
  const out = new Map<string, ServiceTarget>()
  for (const service of [...new Set(manifest.volumes.map((v) => v.service))]) {
    const fullName = `${stackName}_${service}`
    let info: Docker.Service
    try {
      info = (await docker.getService(fullName).inspect()) as Docker.Service
    } catch {
      throw new ApiError('restore-not-deployed', tr('backups.restore.notDeployed', { domain, service }))
    }
    const cs = (info.Spec?.TaskTemplate as Docker.ContainerTaskSpec | undefined)?.ContainerSpec
    const volumeAt = new Map<string, string>()
    for (const m of (cs?.Mounts ?? []) as Array<{ Type?: string; Source?: string; Target?: string }>) {
      if ((m.Type ?? 'volume') === 'volume' && m.Source && m.Target) volumeAt.set(m.Target, m.Source)
    }
    const opts = { ...where, service }
    const engine = (await runningAnywhere(docker, fullName, opts))?.engine ?? (await stoppedServiceEngine(docker, fullName, opts))
    out.set(service, { service, fullName, image: cs?.Image ?? '', labels: (info.Spec?.Labels ?? {}) as Record<string, string>, volumeAt, engine })
  }
  return out
}

async function runHook(docker: Docker, t: ServiceTarget, kind: 'pre' | 'post', job: JobContext, where: Where): Promise<void> {
  const hook = t.labels[`backupbot.restore.${kind}-hook`]
  if (!hook) return
  let container: Docker.Container | undefined
  for (let i = 0; i < 20 && !container; i++) {
    // On whichever machine it runs now.
    container = (await runningAnywhere(docker, t.fullName, { ...where, service: t.service }))?.container
    if (!container) await new Promise((r) => setTimeout(r, 500))
  }
  if (!container) throw new ApiError(`restore-${kind}-hook-failed`, tr(`backups.restore.hookNoContainer.${kind}`, { service: t.service }))
  job.log(`${tr(`backups.restore.hookRunning.${kind}`, { service: t.service, command: hook })}\n`)
  // Cancel stops the hook, and kills it in the container.
  const r = await execIn(container, ['sh', '-c', hook], { signal: job.signal })
  if (r.output.trim()) job.log(r.output.endsWith('\n') ? r.output : `${r.output}\n`)
  if (r.exitCode !== 0) {
    throw new ApiError(`restore-${kind}-hook-failed`, tr(`backups.restore.hookFailed.${kind}`, { service: t.service, code: r.exitCode }), r.output.trim() || undefined)
  }
  job.log(`${tr(`backups.restore.hookDone.${kind}`, { service: t.service })}\n`)
}

/** What the volumes hold after a restore that stopped part way, in words. */
export function dataState(all: string[], written: string[], partly: string | undefined): string {
  const untouched = all.filter((v) => !written.includes(v) && v !== partly)
  if (written.length === 0 && !partly) return tr('backups.restore.noDataWritten')
  return [
    written.length ? tr('backups.restore.restoredCompletely', { volumes: written.join(', ') }) : '',
    partly ? tr('backups.restore.partly', { volume: partly }) : '',
    untouched.length ? tr('backups.restore.untouched', { volumes: untouched.join(', ') }) : ''
  ]
    .filter(Boolean)
    .join(' ')
}

function volumeWords(v: Pick<ManifestVolume, 'volume' | 'service'>): string {
  return `${v.volume} (service ${v.service})`
}

/**
 * Restores `file` (a verified backup) into the app on `server`. `first` is
 * the job step the six restore steps start at.
 */
export async function runRestore(ctx: AppContext, req: { server: string; domain: string; file: string; manifest: Manifest }, job: JobContext, first = 0): Promise<void> {
  const app = await loadApp(ctx, req.server, req.domain)
  const conn = await ctx.open(req.server)
  await conn.ready()
  const docker = conn.docker()
  const { manifest } = req
  const where: Where = { server: req.server, open: machineOpener(ctx, req.server), here: await localNode(docker) }
  const targets = await serviceTargets(docker, app.stackName, manifest, app.domain, where)
  for (const v of manifest.volumes) {
    if (!targets.get(v.service)!.volumeAt.has(v.mountPath)) {
      throw new ApiError('restore-no-volume', tr('backups.restore.noMount', { service: v.service, domain: app.domain, path: v.mountPath, volume: v.volume }))
    }
  }

  job.step(first + 1)
  for (const t of targets.values()) {
    if (t.engine.machine) job.log(`${tr('backups.restore.onMachine', { service: t.service, machine: t.engine.machine })}\n`)
  }
  for (const t of targets.values()) await runHook(docker, t, 'pre', job, where)

  const main = targets.get('app') ?? [...targets.values()][0]
  const timeout = Number(main?.labels[`coop-cloud.${app.stackName}.timeout`])
  const timeoutSeconds = Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS

  job.step(first + 2)
  // Each service is recorded before it is changed: whatever stops the restore
  // from here on, every recorded service is brought back below.
  const scaled: Scaled[] = []
  let failure: unknown
  const written: string[] = []
  let partly: string | undefined
  try {
    for (const t of targets.values()) {
      job.log(`${tr('backups.restore.stopping', { name: t.fullName })}\n`)
      const record = await recordService(docker, t.fullName)
      scaled.push(record)
      await scaleDown(docker, record, job.signal, stopTimeoutMs(ctx.env), t.engine.machine ? t.engine.docker : undefined)
    }

    job.step(first + 3)
    const total = manifest.volumes.reduce((n, v) => n + v.bytes, 0) || 1
    let done = 0
    await forEachVolume(req.file, async (v, tar) => {
      try {
        if (job.signal.aborted) throw new ApiError('cancelled', tr('backups.restore.cancelled'))
        const t = targets.get(v.service)!
        partly = volumeWords(v)
        job.log(`${v.paths?.length ? tr('backups.restore.writingBackPaths', { paths: v.paths.join(', '), volume: volumeWords(v) }) : tr('backups.restore.writingBack', { volume: volumeWords(v) })}\n`)
        const onBytes = (n: number): void => {
          done += n
          job.percent(Math.min(100, Math.round((done / total) * 100)))
        }
        await writeVolume(t.engine.docker, { image: t.image, dockerName: t.volumeAt.get(v.mountPath)!, mountPath: v.mountPath, paths: v.paths, stackName: app.stackName }, tar, onBytes, job.signal)
        written.push(volumeWords(v))
        partly = undefined
      } catch (err) {
        // The archive reader waits for this volume's tar to be read: drain it so it can end.
        tar.unpipe()
        tar.resume()
        throw err
      }
    })
  } catch (err) {
    failure = err
  }

  // Whatever happened above, every recorded service is brought back, and
  // after a failure nothing else will check that it runs: bringBack looks.
  job.step(first + 4)
  const back = await bringBack(docker, scaled, {
    reconnect: () => conn.ready(),
    log: (text) => job.log(text),
    verifyMs: failure ? timeoutSeconds * 1000 : 0
  })
  // A helper whose removal failed with the connection would keep the volume in use.
  for (const engine of new Set([docker, ...[...targets.values()].map((t) => t.engine.docker)])) {
    await removeLeftHelpers(engine, app.stackName).catch(() => undefined)
  }

  if (failure) {
    const state = dataState(manifest.volumes.map(volumeWords), written, partly)
    const running = backWords(back, app.domain)
    const what = job.signal.aborted ? tr('backups.restore.wasCancelled', { domain: app.domain }) : tr('backups.restore.failed', { domain: app.domain, why: errorWords(failure) })
    const words = `${what} ${state} ${running}${written.length || partly ? ` ${tr('backups.restore.again')}` : ''}`
    // A cancelled job shows its log, not its error.
    job.log(`${words}\n`)
    throw new ApiError(
      'restore-failed',
      words,
      errorDetail(failure),
      { written, partly: partly ?? null, services: back }
    )
  }
  if (back.some((s) => s.problem)) {
    const words = tr('backups.restore.notAllRunning', { domain: app.domain, running: backWords(back, app.domain) })
    job.log(`${words}\n`)
    throw new ApiError('restore-start-failed', words, undefined, { services: back })
  }
  // Scaling changes no update state, so read now this still tells this
  // restore's start from an older update.
  const { baseline } = await updateBaseline(docker, app.stackName)

  job.log(`${tr('backups.restore.waiting', { seconds: timeoutSeconds, domain: app.domain })}\n`)
  const said = new Map<string, string>()
  const end = await watchConvergence(docker, {
    stackName: app.stackName,
    baseline,
    timeoutSeconds,
    signal: job.signal,
    onChange: (_phase, now) => {
      for (const s of now) {
        if (said.get(s.name) !== s.words) job.log(`${s.name}: ${s.words}\n`)
        said.set(s.name, s.words)
      }
    }
  })
  if (end.phase === 'cancelled') return
  if (end.phase !== 'done') {
    const problem = 'problem' in end ? end.problem : undefined
    throw new ApiError(
      'restore-not-running',
      tr('backups.restore.notBackUp', { domain: app.domain, why: end.phase === 'timed-out' ? tr('backups.restore.notHealthy', { seconds: timeoutSeconds }) : end.phase }),
      problem?.error
    )
  }

  // A service free to run on any machine may have started on another one than its data was written on.
  for (const t of targets.values()) {
    if (!t.engine.machine && (await swarmNodes(docker)) <= 1) continue
    const now = await tasksOn(docker, t.fullName).catch(() => undefined)
    if (now && now.nodes.length && !now.nodes.includes(t.engine.nodeId ?? '')) {
      job.log(`${tr('backups.restore.startedElsewhere', { service: t.service, machines: now.names.join(', '), machine: t.engine.machine ?? req.server })}\n`)
    }
  }

  job.step(first + 5)
  for (const t of targets.values()) await runHook(docker, t, 'post', job, where)
  job.log(`${tr('backups.restore.restored', { domain: app.domain, time: localTime(manifest.createdAt) })}\n`)
}
