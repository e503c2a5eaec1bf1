// Moving or cloning an app to another server, as one guided job: a verified
// backup, the same settings and secret values on the new server, a deploy
// there, the backup restored into it, and (for a move) the old app
// undeployed. abra finds apps by domain alone, so:
// - a move keeps the domain: the env file is placed in the new server's
//   folder, and once everything worked the old one is renamed aside
//   (<domain>.env.moved-to-<server>), keeping the old volumes and secrets;
// - a clone needs a new domain (newDomain), and is otherwise apps.new.
import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { loadApp, refuseWhileBusy, type AppContext, type LoadedApp } from '../apps/context'
import { createApp } from '../apps/create'
import { startDeploy } from '../apps/deploy'
import { appEnvPath, withEnvFileLock } from '../apps/env-file'
import { createSecrets, removeSwarmSecrets } from '../apps/secret-ops'
import { defaultRecipeDir } from '../apps/secret-specs'
import { isDeployed, takeDown, undeploySteps } from '../apps/undeploy'
import { stackNameFor } from '../compose/env'
import type { BackupInfo } from '../contract/backups'
import { ApiError, errorWords } from '../contract/errors'
import { confinedPath } from '../core/confine'
import type { JobContext } from '../core/jobs'
import { planFor, runBackup } from './create'
import { machineOpener } from './machines'
import { readSecretValues } from './move-secrets'
import { checkedManifest } from './restore-check'
import { restoreSteps, runRestore } from './restore-run'
import { listBackups, localTime } from './store'
import { t } from '../i18n/i18n'

export interface MoveRequest {
  server: string
  domain: string
  toServer: string
  mode: 'move' | 'clone'
  newDomain?: string
}

export function moveSteps(mode: 'move' | 'clone', toServer: string): string[] {
  return [
    mode === 'move' ? t('backups.move.steps.backUp') : t('backups.move.steps.newest'),
    t('backups.move.steps.secrets'),
    t('backups.move.steps.create', { server: toServer }),
    t('backups.move.steps.deploy', { server: toServer }),
    t('backups.move.steps.restore'),
    ...(mode === 'move' ? [t('backups.move.steps.undeploy')] : [])
  ]
}

/** A JobContext whose own steps all show as one step of the outer job. */
function within(job: JobContext, index: number, label: string, names: string[]): JobContext {
  return {
    signal: job.signal,
    step: (i, words) => {
      const w = words ?? names[i] ?? ''
      job.step(index, w ? t('backups.move.stepWords', { label, words: w }) : label)
    },
    log: (t) => job.log(t),
    percent: (p) => job.percent(p)
  }
}

/** The env file in the new server's folder, for a move (writeAppEnv refuses a domain another server has). */
async function placeEnvFile(ctx: AppContext, server: string, domain: string, text: string): Promise<string> {
  const file = appEnvPath(ctx.paths, server, domain)
  const tmp = path.join(path.dirname(file), `.${domain}.env.${crypto.randomBytes(6).toString('hex')}.tmp`)
  await fs.writeFile(tmp, text, { mode: 0o600 }) // private, like every new env file
  try {
    await fs.link(tmp, file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ApiError('app-exists', t('backups.move.appExists', { domain, server }))
    throw err
  } finally {
    await fs.rm(tmp, { force: true })
  }
  return file
}

async function refuseEarly(ctx: AppContext, req: MoveRequest, app: LoadedApp): Promise<string> {
  if (req.toServer === req.server) throw new ApiError('move-same-server', t('backups.move.sameServer', { domain: req.domain, server: req.server }))
  try {
    await fs.access(confinedPath(ctx.paths.serversDir, req.toServer))
  } catch {
    throw new ApiError('server-unknown', t('backups.move.noServer', { server: req.toServer }))
  }
  if (!app.recipe) throw new ApiError('env-invalid', t('backups.move.noRecipe', { domain: app.domain }))
  let target = req.domain
  if (req.mode === 'clone') {
    if (!req.newDomain || req.newDomain === req.domain) {
      throw new ApiError(
        'clone-needs-domain',
        t('backups.move.cloneNeedsDomain', { domain: req.domain })
      )
    }
    target = req.newDomain
  }
  try {
    await fs.access(appEnvPath(ctx.paths, req.toServer, target))
    throw new ApiError('app-exists', t('backups.move.appExists', { domain: target, server: req.toServer }))
  } catch (err) {
    if (err instanceof ApiError) throw err
  }
  refuseWhileBusy(ctx, req.server, req.domain)
  const docker = (await ctx.open(req.server)).docker()
  if (!(await isDeployed(docker, app.stackName))) {
    throw new ApiError(
      'not-deployed',
      t(req.mode === 'move' ? 'backups.move.notDeployedMove' : 'backups.move.notDeployedCopy', { domain: req.domain, server: req.server })
    )
  }
  return target
}

/** The backup to restore into the new app; undefined when the recipe marks nothing to back up. */
async function backupToUse(ctx: AppContext, req: MoveRequest, job: JobContext): Promise<BackupInfo | undefined> {
  const { plan } = await planFor(ctx, req.server, req.domain)
  if (plan.explanation) {
    job.log(`${t('backups.move.noData', { why: plan.explanation })}\n`)
    return undefined
  }
  const inner = within(job, 0, req.mode === 'move' ? t('backups.move.steps.backUp') : t('backups.move.takingBackup'), [])
  if (req.mode === 'clone') {
    const newest = (await listBackups(ctx.paths, req.domain)).filter((b) => b.verified).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
    if (newest) {
      job.log(`${t('backups.move.usingNewest', { time: localTime(newest.createdAt) })}\n`)
      return newest
    }
    job.log(`${t('backups.move.noBackupYet', { domain: req.domain })}\n`)
  } else {
    // A move stops the old app at the end: data written after an older backup would be left behind.
    job.log(`${t('backups.move.freshBackup')}\n`)
  }
  return runBackup(ctx, { server: req.server, domain: req.domain }, inner)
}

export async function startMove(ctx: AppContext, req: MoveRequest): Promise<{ jobId: string }> {
  const app = await loadApp(ctx, req.server, req.domain)
  const target = await refuseEarly(ctx, req, app)
  const steps = moveSteps(req.mode, req.toServer)
  const job = ctx.jobs.start(
    { kind: 'app-move', title: t(req.mode === 'move' ? 'backups.move.titleMove' : 'backups.move.titleCopy', { domain: req.domain, server: req.toServer }), target: req.domain, app: { server: req.server, domain: req.domain }, steps },
    async (job) => {
      job.step(0)
      const backup = await backupToUse(ctx, req, job)
      const manifest = backup ? await checkedManifest(ctx, backup) : undefined

      job.step(1)
      const docker = (await ctx.open(req.server)).docker()
      const secrets = await readSecretValues(docker, app, defaultRecipeDir(ctx.paths.recipesDir, app), machineOpener(ctx, req.server))
      const read = Object.keys(secrets.values)
      job.log(`${read.length ? t('backups.move.readSecrets', { count: read.length, names: read.join(', ') }) : t('backups.move.noSecrets')}\n`)
      if (secrets.unread.length) job.log(`${t('backups.move.unreadSecrets', { names: secrets.unread.join(', ') })}\n`)

      job.step(2)
      const envText = req.mode === 'clone' ? app.envText.replaceAll(req.domain, target) : app.envText
      let envFile: string
      if (req.mode === 'clone') envFile = (await createApp(ctx, { server: req.toServer, domain: target, recipe: app.recipe!, envText, secrets: 'none' })).envFile
      else envFile = await placeEnvFile(ctx, req.toServer, target, envText)
      let made: string[] = []
      try {
        const created = await createSecrets(ctx, await loadApp(ctx, req.toServer, target), { values: secrets.values, recipeDir: defaultRecipeDir(ctx.paths.recipesDir, app) })
        made = created.map((s) => s.swarmName)
        job.log(`${made.length ? t('backups.move.createdSettingsSecrets', { server: req.toServer, count: made.length }) : t('backups.move.createdSettings', { server: req.toServer })}\n`)

        job.step(3)
        const deploy = await startDeploy(ctx, { server: req.toServer, domain: target, kind: 'deploy', backupFirst: false })
        const ended = await ctx.jobs.wait(deploy.jobId)
        if (ended.status !== 'done') {
          throw new ApiError('move-deploy-failed', t('backups.move.deployFailed', { domain: target, server: req.toServer, why: ended.error?.message ?? ended.status }), ended.error?.detail)
        }
      } catch (err) {
        // Nothing of it ran yet: the new server is left as it was.
        await removeSwarmSecrets(ctx, req.toServer, made).catch(() => undefined)
        const deployed = await isDeployed((await ctx.open(req.toServer)).docker(), stackNameFor(target)).catch(() => true)
        if (!deployed) await fs.rm(envFile, { force: true })
        throw new ApiError(
          'move-failed',
          t(req.mode === 'move' ? 'backups.move.moveStopped' : 'backups.move.copyStopped', {
            domain: req.domain,
            why: errorWords(err),
            left: deployed ? t('backups.move.leftThere', { server: req.toServer }) : t('backups.move.nothingLeft', { server: req.toServer }),
            server: req.server
          })
        )
      }

      job.step(4)
      if (backup && manifest) {
        try {
          await runRestore(ctx, { server: req.toServer, domain: target, file: backup.file, manifest }, within(job, 4, t('backups.move.restoringBackup'), restoreSteps()))
        } catch (err) {
          throw new ApiError(
            'move-restore-failed',
            t('backups.move.restoreFailed', { domain: target, toServer: req.toServer, why: errorWords(err), server: req.server, time: backup.createdAt })
          )
        }
      } else {
        job.log(`${t('backups.move.noBackupToRestore')}\n`)
      }

      if (req.mode === 'move') {
        job.step(5)
        await takeDown(docker, app.stackName, within(job, 5, t('backups.move.steps.undeploy'), undeploySteps()))
        const aside = `${app.envFile}.moved-to-${req.toServer}`
        // Under the app's env lock, so a save or version write in flight can't recreate it.
        await withEnvFileLock(app.envFile, () => fs.rename(app.envFile, aside))
        const volumes = [...new Set((manifest?.volumes ?? []).map((v) => v.dockerName))]
        const moved = { domain: req.domain, toServer: req.toServer, server: req.server, aside, volumes: volumes.join(', ') }
        job.log(`${t(volumes.length ? 'backups.move.movedVolumes' : 'backups.move.moved', moved)}\n`)
      } else {
        job.log(`${t('backups.move.copied', { domain: target, toServer: req.toServer, original: req.domain, server: req.server })}\n`)
      }
    }
  )
  return { jobId: job.id }
}
