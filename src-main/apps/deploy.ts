// Deploy, upgrade, roll back or redeploy an app as abra does, then watch the
// swarm until the app runs (or fails, or is rolled back by the swarm), so the
// person learns the outcome instead of "sent". Everything that can be refused
// without touching the server (env syntax, unknown version, a recipe that does
// not render) is refused before the job starts.
import type { DeployProgress } from '../contract/apps'
import { ApiError, errorDetail, errorWords, knownErrorBody } from '../contract/errors'
import { abraLabelKeys, MAIN_SERVICE } from '../compose/abra-labels'
import { applyStack, type ApplyEvent } from '../compose/apply'
import type { StackObjects } from '../compose/objects'
import { loadApp, refuseWhileBusy, type AppContext, type LoadedApp } from './context'
import { updateBaseline, watchConvergence, type WatchEnd } from './converge-watch'
import { objectsToSend, refuseChangedState, renderForDeploy, resolutionsFromPins, serverStateOf, type ImagePins } from './deploy-render'
import { notRecordedWords, outcomeWords } from './deploy-words'
import { envProblems, updateEnvFile, withRecipeVersion } from './env-file'
import type { HandlersFor } from './handlers-types'
import type { JobContext } from '../core/jobs'
import { t } from '../i18n/i18n'
import { stackFilter } from './list-docker'
import type { SwarmService } from './status'

export type DeployKind = 'deploy' | 'upgrade' | 'rollback' | 'redeploy'

// abra waits 50 seconds for a deploy to converge unless the app service
// carries coop-cloud.<stack>.timeout. This figure is from memory of abra's
// pkg/upstream/stack (its source could not be looked up from here).
export const ABRA_DEFAULT_TIMEOUT_SECONDS = 50

/** The deploy job's steps, in the current language. */
export const deploySteps = (): string[] => [
  t('apps.deploy.steps.recipe'),
  t('apps.deploy.steps.connect'),
  t('apps.deploy.steps.send'),
  t('apps.deploy.steps.wait'),
  t('apps.deploy.steps.record')
]

const title = (kind: DeployKind, domain: string, version?: string, chaos = false): string =>
  chaos ? t('apps.deploy.title.chaos', { domain }) : t(`apps.deploy.title.${kind}`, { domain, version })

/** A chaos version in words: "abc12345" or "abc12345, with changes not saved in git". */
export const chaosWords = (chaosVersion: string): string =>
  chaosVersion.endsWith('+U') ? t('apps.deploy.chaosUnsaved', { commit: chaosVersion.slice(0, -2) }) : chaosVersion

// The last progress of each deploy job, for screens opened after it started.
const progressByCtx = new WeakMap<AppContext, Map<string, DeployProgress>>()
const KEEP_PROGRESS = 100

function progressOf(ctx: AppContext): Map<string, DeployProgress> {
  let m = progressByCtx.get(ctx)
  if (!m) progressByCtx.set(ctx, (m = new Map()))
  return m
}

function remember(ctx: AppContext, p: DeployProgress): void {
  const m = progressOf(ctx)
  m.delete(p.jobId)
  m.set(p.jobId, p)
  if (m.size > KEEP_PROGRESS) m.delete(m.keys().next().value as string)
  ctx.events.emit('deploy.progress', p)
}

/** The version to check out for this kind of deploy (undefined: the recipe's newest). */
export function versionToDeploy(kind: DeployKind, app: Pick<LoadedApp, 'domain' | 'version'>, asked?: string): string | undefined {
  if (kind === 'upgrade' || kind === 'rollback') {
    if (!asked) throw new ApiError('version-required', t(kind === 'upgrade' ? 'apps.deploy.chooseUpgrade' : 'apps.deploy.chooseRollback', { domain: app.domain }))
    return asked
  }
  if (kind === 'redeploy') {
    const v = asked ?? app.version
    if (!v) throw new ApiError('version-unknown', t('apps.deploy.nothingToRedeploy', { domain: app.domain }))
    return v
  }
  return asked ?? app.version
}

/** Seconds to wait: the app service's coop-cloud.<stack>.timeout label, else abra's default. */
export function timeoutOf(objects: StackObjects): number {
  const main = objects.services.find((s) => s.name === `${objects.namespace}_${MAIN_SERVICE}`)
  const labels = main?.spec.Labels as Record<string, unknown> | undefined
  const n = Number(labels?.[`coop-cloud.${objects.namespace}.timeout`])
  return Number.isFinite(n) && n > 0 ? n : ABRA_DEFAULT_TIMEOUT_SECONDS
}

export function refuseBrokenEnv(app: LoadedApp): void {
  const errors = envProblems(app.envText).filter((p) => p.severity === 'error')
  if (errors.length === 0) return
  throw new ApiError(
    'env-invalid',
    t('apps.deploy.envInvalid', { domain: app.domain, problems: errors.map((e) => e.message).join(' ') }),
    undefined,
    { problems: errors }
  )
}

async function recordVersion(file: string, version: string): Promise<boolean> {
  // Under the app's env lock, on the file as it is now: the person may have saved settings while the deploy ran.
  const { before, after } = await updateEnvFile(file, (text) => withRecipeVersion(text, version))
  return after !== before
}

function applyLine(e: ApplyEvent): string | undefined {
  if (e.type === 'done' && e.action !== 'unchanged')
    return `${t(e.action === 'create' ? 'apps.deploy.created' : e.action === 'update' ? 'apps.deploy.updated' : 'apps.deploy.removed', { kind: e.kind, name: e.name })}\n`
  if (e.type === 'warning') return `${t('apps.deploy.dockerWarns', { message: e.message })}\n`
  return undefined
}


/**
 * The backup an upgrade takes before it changes anything. An app whose
 * deployed services carry no backupbot.backup=true label (or that isn't
 * deployed) has nothing to back up: that is logged and the deploy goes on,
 * since refusing would block every upgrade of such a recipe.
 */
async function backupFirst(ctx: AppContext, app: LoadedApp, kind: DeployKind, job: JobContext): Promise<void> {
  job.step(0)
  try {
    const conn = await ctx.open(app.server)
    await conn.ready()
    const services = await conn.docker().listServices({ filters: stackFilter(app.stackName) })
    if (services.length === 0) {
      job.log(`${t('apps.deploy.noBackupNotDeployed', { domain: app.domain })}\n`)
      return
    }
    if (!services.some((s) => s.Spec?.Labels?.['backupbot.backup'] === 'true')) {
      job.log(`${t('apps.deploy.noBackupNoLabel', { domain: app.domain })}\n`)
      return
    }
    // The backup reports its own steps; they all show as this one step of the deploy.
    const inner: JobContext = {
      signal: job.signal,
      step: (_i, words) => job.step(0, words ? t('apps.deploy.steps.backupFirstWords', { words }) : t('apps.deploy.steps.backupFirst')),
      log: (t) => job.log(t),
      percent: (p) => job.percent(p)
    }
    const b = await ctx.backUpFirst({ server: app.server, domain: app.domain }, inner)
    job.log(`${t('apps.deploy.backedUpFirst', { domain: app.domain, file: b.file })}\n`)
  } catch (err) {
    const known = knownErrorBody(err)
    const why = errorWords(err)
    throw new ApiError(
      'backup-first-failed',
      t(`apps.deploy.backupFirstFailed.${kind}`, { why, domain: app.domain }),
      known?.detail ?? errorDetail(err),
      { cause: known?.code ?? 'internal' }
    )
  }
}

/** Starts a deploy job for an existing app (used by secrets.rotate and servers.deployProxy too). */
export async function startDeploy(
  ctx: AppContext,
  req: { server: string; domain: string; kind: DeployKind; version?: string; backupFirst?: boolean; chaos?: boolean; expectServerState?: string; pins?: ImagePins }
): Promise<{ jobId: string; stackName: string; version?: string }> {
  const chaos = req.chaos === true
  // The local copy is deployed as it is: there is no version to choose, nor one to go back or up to.
  if (chaos && (req.version !== undefined || (req.kind !== 'deploy' && req.kind !== 'redeploy'))) throw new ApiError('invalid-request', t('apps.deploy.chaosNoVersion'))
  // Pins are taken only with the fingerprint that covers them.
  if (req.pins !== undefined && req.expectServerState === undefined) throw new ApiError('invalid-request', t('preview.pinsAlone'))
  const withPins = req.pins !== undefined
  const app = await loadApp(ctx, req.server, req.domain)
  // Two deploys of one app would fight over its services and its env file.
  refuseWhileBusy(ctx, app.server, app.domain)
  refuseBrokenEnv(app)
  // On a chaos deploy `version` is the working copy's commit, "+U" when it has changes not saved in git.
  const rendered = await renderForDeploy(ctx, app, { version: chaos ? undefined : versionToDeploy(req.kind, app, req.version), chaos })
  const { version, dir, stackName, objects } = rendered
  const recipe = app.recipe ?? ''
  // Apply exactly what was previewed: a changed server, env file or recipe since the preview is refused before anything is sent.
  if (req.expectServerState !== undefined) {
    const conn = await ctx.open(app.server)
    await conn.ready()
    const services = (await conn.docker().listServices({ filters: stackFilter(stackName) })) as SwarmService[]
    refuseChangedState(app, req.expectServerState, serverStateOf(services, objectsToSend(rendered, services), req.pins), withPins)
  }
  const timeoutSeconds = timeoutOf(objects)

  let jobId = ''
  let started!: () => void
  const begun = new Promise<void>((resolve) => (started = resolve))
  const report = (p: Omit<DeployProgress, 'jobId' | 'server' | 'domain' | 'version' | 'timeoutSeconds'>): void =>
    remember(ctx, { jobId, server: app.server, domain: app.domain, version, timeoutSeconds, ...(chaos ? { chaos } : {}), ...p })

  const withBackup = req.backupFirst ?? req.kind === 'upgrade'
  // With the backup first, every deploy step moves one along.
  const o = withBackup ? 1 : 0
  // A chaos deploy records no version in the env file.
  const ownSteps = chaos ? deploySteps().slice(0, -1) : deploySteps()
  const steps = withBackup ? [t('apps.deploy.steps.backupFirst'), ...ownSteps] : ownSteps
  const job = ctx.jobs.start({ kind: 'app-deploy', title: title(req.kind, app.domain, version, chaos), target: app.domain, app: { server: app.server, domain: app.domain }, steps }, async (job) => {
    await begun
    for (const d of rendered.diagnostics) job.log(`${t('apps.deploy.warning', { message: d.message })}\n`)
    job.log(`${chaos ? t('apps.deploy.chaosRecipe', { recipe, dir, words: chaosWords(version) }) : t('apps.deploy.recipeVersion', { recipe, version })}\n`)
    let services: DeployProgress['services'] = []
    try {
      if (withBackup) {
        await backupFirst(ctx, app, req.kind, job)
      }
      job.step(o + 1)
      const conn = await ctx.open(app.server)
      await conn.ready()
      const docker = conn.docker()
      const before = await updateBaseline(docker, stackName)
      const mainBefore = before.services.find((s) => s.Spec?.Name === `${stackName}_${MAIN_SERVICE}`)
      const previous = mainBefore?.Spec?.Labels?.[abraLabelKeys(stackName).version] || undefined
      const sent = objectsToSend(rendered, before.services)
      // Checked again as the services are read for the apply; not after a backup first, which ran in between and may have touched them itself.
      if (!withBackup) refuseChangedState(app, req.expectServerState, serverStateOf(before.services, sent, req.pins), withPins)

      job.step(o + 2)
      report({ phase: 'deploying', services })
      await applyStack(docker, sent, {
        signal: job.signal,
        // The preview's registry answers (checked above with its fingerprint): not asked again.
        resolved: req.pins ? resolutionsFromPins(sent, req.pins) : undefined,
        onProgress: (e) => {
          const line = applyLine(e)
          if (line) job.log(line)
        }
      })

      job.step(o + 3)
      report({ phase: 'converging', services })
      job.log(`${t('apps.deploy.waiting', { seconds: timeoutSeconds })}\n`)
      let lastPhase = ''
      const said = new Map<string, string>()
      const end: WatchEnd = await watchConvergence(docker, {
        stackName,
        baseline: before.baseline,
        timeoutSeconds,
        signal: job.signal,
        // The deploy is on the server already: a link that drops (or an
        // engine that restarts) now cuts off only the watch, so wait for the
        // server to answer again (the connection reconnects by itself) and
        // tell the true outcome, rather than fail while the server goes on.
        outages: {
          lost: () => job.log(`${t(`apps.deploy.lost.${req.kind}`)}\n`),
          back: () => job.log(`${t('apps.deploy.back')}\n`)
        },
        onChange: (phase, now) => {
          services = now
          if (phase === 'rolling-back' && lastPhase !== phase) job.log(`${t('apps.deploy.rollingBack')}\n`)
          lastPhase = phase
          for (const s of now) {
            if (said.get(s.name) !== s.words) job.log(`${s.name}: ${s.words}${s.error && s.status !== 'running' ? ` (${s.error})` : ''}\n`)
            said.set(s.name, s.words)
          }
          report({ phase, services: now })
        }
      })
      services = end.services
      const words = outcomeWords({ ...end, domain: app.domain, version, previous, timeoutSeconds, problem: 'problem' in end ? end.problem : undefined })
      if (end.phase === 'cancelled') {
        report({ phase: 'cancelled', services, ...words })
        return
      }
      if (end.phase === 'unreachable') {
        // Not known whether it started: the screen shows it like a deploy that ran out of time.
        report({ phase: 'timed-out', services, ...words })
        const lost = end.lost instanceof Error ? end.lost.message : String(end.lost)
        throw new ApiError('deploy-unconfirmed', words.summary, lost, { next: words.next, phase: 'timed-out' })
      }
      if (end.phase !== 'done') {
        report({ phase: end.phase, services, ...words })
        const problem = 'problem' in end ? end.problem : undefined
        throw new ApiError(`deploy-${end.phase}`, words.summary, problem?.error ?? problem?.updateMessage, { next: words.next, phase: end.phase, ...(words.cause ? { cause: words.cause } : {}) })
      }
      if (chaos) {
        // The env file keeps the version it names: what runs is the local copy, not a release.
        report({ phase: 'done', services, ...words, summary: t(services.some((s) => s.health === 'healthy') ? 'apps.deploy.chaosDoneHealthy' : 'apps.deploy.chaosDone', { domain: app.domain, words: chaosWords(version) }) })
        return
      }
      job.step(o + 4)
      try {
        if (await recordVersion(app.envFile, version)) job.log(`${t('apps.deploy.recorded', { version, file: app.envFile })}\n`)
      } catch (err) {
        const errno = (err as { code?: unknown }).code
        if (errno !== 'ENOSPC' && errno !== 'EDQUOT') throw err
        // The app runs the new version; only the laptop's record of it is missing.
        const notRecorded = notRecordedWords({ domain: app.domain, version, verb: req.kind === 'rollback' ? 'roll back' : req.kind })
        report({ phase: 'done', services, ...notRecorded })
        throw new ApiError('version-not-recorded', notRecorded.summary, err instanceof Error ? err.message : String(err), { next: notRecorded.next, phase: 'done' })
      }
      report({ phase: 'done', services, ...words })
    } catch (err) {
      const last = progressOf(ctx).get(jobId)
      if (job.signal.aborted) {
        if (last?.phase !== 'cancelled') report({ phase: 'cancelled', services, summary: t('apps.deploy.stopped', { domain: app.domain }), next: t('apps.deploy.stoppedNext') })
      } else if (!last || !['failed', 'rolled-back', 'timed-out', 'done'].includes(last.phase)) {
        const message = err instanceof Error ? err.message : String(err)
        report({ phase: 'failed', services, summary: message, next: t('apps.deploy.fixNext') })
      }
      throw err
    }
  })
  jobId = job.id
  remember(ctx, { jobId, server: app.server, domain: app.domain, version, timeoutSeconds, ...(chaos ? { chaos } : {}), phase: 'preparing', services: [] })
  started()
  return { jobId, stackName, version }
}

export function deployHandlers(ctx: AppContext): HandlersFor<'apps.deploy' | 'apps.deployProgress'> {
  return {
    'apps.deploy': ({ server, domain, kind, version, backupFirst, chaos, expectServerState, pins }) =>
      startDeploy(ctx, { server, domain, kind, version, backupFirst, chaos, expectServerState, pins }),
    'apps.deployProgress': async ({ jobId }) => {
      const p = progressOf(ctx).get(jobId)
      if (!p) throw new ApiError('not-found', t('apps.deploy.unknownJob'))
      return p
    }
  }
}
