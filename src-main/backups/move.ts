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
import { isDeployed, takeDown } from '../apps/undeploy'
import { stackNameFor } from '../compose/env'
import type { BackupInfo } from '../contract/backups'
import { ApiError, errorWords } from '../contract/errors'
import { confinedPath } from '../core/confine'
import type { JobContext } from '../core/jobs'
import { planFor, runBackup } from './create'
import { readSecretValues } from './move-secrets'
import { checkedManifest } from './restore-check'
import { RESTORE_STEPS, runRestore } from './restore-run'
import { listBackups, localTime } from './store'

export interface MoveRequest {
  server: string
  domain: string
  toServer: string
  mode: 'move' | 'clone'
  newDomain?: string
}

export function moveSteps(mode: 'move' | 'clone', toServer: string): string[] {
  return [
    mode === 'move' ? 'Backing up the app' : 'Finding the newest backup',
    'Reading its secrets',
    `Creating the app on ${toServer}`,
    `Deploying it on ${toServer}`,
    'Restoring the backup into it',
    ...(mode === 'move' ? ['Undeploying the old app'] : [])
  ]
}

/** A JobContext whose own steps all show as one step of the outer job. */
function within(job: JobContext, index: number, label: string, names: string[]): JobContext {
  return {
    signal: job.signal,
    step: (i, words) => job.step(index, `${label}: ${words ?? names[i] ?? ''}`.replace(/: $/, '')),
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
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ApiError('app-exists', `An app called ${domain} already exists on ${server}.`)
    throw err
  } finally {
    await fs.rm(tmp, { force: true })
  }
  return file
}

async function refuseEarly(ctx: AppContext, req: MoveRequest, app: LoadedApp): Promise<string> {
  if (req.toServer === req.server) throw new ApiError('move-same-server', `${req.domain} is already on ${req.server}. Choose another server.`)
  try {
    await fs.access(confinedPath(ctx.paths.serversDir, req.toServer))
  } catch {
    throw new ApiError('server-unknown', `There is no server called ${req.toServer}; add it first.`)
  }
  if (!app.recipe) throw new ApiError('env-invalid', `The settings of ${app.domain} do not say which recipe it runs (RECIPE=…).`)
  let target = req.domain
  if (req.mode === 'clone') {
    if (!req.newDomain || req.newDomain === req.domain) {
      throw new ApiError(
        'clone-needs-domain',
        `A copy of ${req.domain} needs its own domain: abra finds apps by their domain alone, so the same domain on two servers would clash. Choose a new domain for the copy, or move the app instead.`
      )
    }
    target = req.newDomain
  }
  try {
    await fs.access(appEnvPath(ctx.paths, req.toServer, target))
    throw new ApiError('app-exists', `An app called ${target} already exists on ${req.toServer}.`)
  } catch (err) {
    if (err instanceof ApiError) throw err
  }
  refuseWhileBusy(ctx, req.server, req.domain)
  const docker = (await ctx.open(req.server)).docker()
  if (!(await isDeployed(docker, app.stackName))) {
    throw new ApiError(
      'not-deployed',
      `${req.domain} is not deployed on ${req.server}. Its secrets can only be read from its running containers, so deploy it first, then ${req.mode === 'move' ? 'move' : 'copy'} it.`
    )
  }
  return target
}

/** The backup to restore into the new app; undefined when the recipe marks nothing to back up. */
async function backupToUse(ctx: AppContext, req: MoveRequest, job: JobContext): Promise<BackupInfo | undefined> {
  const { plan } = await planFor(ctx, req.server, req.domain)
  if (plan.explanation) {
    job.log(`No data is carried over: ${plan.explanation}\n`)
    return undefined
  }
  const inner = within(job, 0, req.mode === 'move' ? 'Backing up the app' : 'Taking a backup', [])
  if (req.mode === 'clone') {
    const newest = (await listBackups(ctx.paths, req.domain)).filter((b) => b.verified).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
    if (newest) {
      job.log(`Using the newest verified backup, from ${localTime(newest.createdAt)}. Changes made since then are not in the copy.\n`)
      return newest
    }
    job.log(`${req.domain} has no verified backup yet, so one is taken first.\n`)
  } else {
    // A move stops the old app at the end: data written after an older backup would be left behind.
    job.log(`Taking a fresh backup, so the moved app has the data as it is now.\n`)
  }
  return runBackup(ctx, { server: req.server, domain: req.domain }, inner)
}

export async function startMove(ctx: AppContext, req: MoveRequest): Promise<{ jobId: string }> {
  const app = await loadApp(ctx, req.server, req.domain)
  const target = await refuseEarly(ctx, req, app)
  const steps = moveSteps(req.mode, req.toServer)
  const verb = req.mode === 'move' ? 'Moving' : 'Copying'
  const job = ctx.jobs.start(
    { kind: 'app-move', title: `${verb} ${req.domain} to ${req.toServer}`, target: req.domain, app: { server: req.server, domain: req.domain }, steps },
    async (job) => {
      job.step(0)
      const backup = await backupToUse(ctx, req, job)
      const manifest = backup ? await checkedManifest(ctx, backup) : undefined

      job.step(1)
      const docker = (await ctx.open(req.server)).docker()
      const secrets = await readSecretValues(docker, app, defaultRecipeDir(ctx.paths.recipesDir, app))
      const read = Object.keys(secrets.values)
      job.log(read.length ? `Read ${read.length} secret ${read.length === 1 ? 'value' : 'values'} from the running app: ${read.join(', ')}.\n` : 'The app has no secrets to carry over.\n')
      if (secrets.unread.length) job.log(`These secrets could not be read (no running container mounts them), so new values are made for them: ${secrets.unread.join(', ')}.\n`)

      job.step(2)
      const envText = req.mode === 'clone' ? app.envText.replaceAll(req.domain, target) : app.envText
      let envFile: string
      if (req.mode === 'clone') envFile = (await createApp(ctx, { server: req.toServer, domain: target, recipe: app.recipe!, envText, secrets: 'none' })).envFile
      else envFile = await placeEnvFile(ctx, req.toServer, target, envText)
      let made: string[] = []
      try {
        const created = await createSecrets(ctx, await loadApp(ctx, req.toServer, target), { values: secrets.values, recipeDir: defaultRecipeDir(ctx.paths.recipesDir, app) })
        made = created.map((s) => s.swarmName)
        job.log(`Created the app's settings on ${req.toServer}${made.length ? ` and ${made.length} secrets` : ''}.\n`)

        job.step(3)
        const deploy = await startDeploy(ctx, { server: req.toServer, domain: target, kind: 'deploy', backupFirst: false })
        const ended = await ctx.jobs.wait(deploy.jobId)
        if (ended.status !== 'done') {
          throw new ApiError('move-deploy-failed', `${target} could not be deployed on ${req.toServer}: ${ended.error?.message ?? ended.status}`, ended.error?.detail)
        }
      } catch (err) {
        // Nothing of it ran yet: the new server is left as it was.
        await removeSwarmSecrets(ctx, req.toServer, made).catch(() => undefined)
        const deployed = await isDeployed((await ctx.open(req.toServer)).docker(), stackNameFor(target)).catch(() => true)
        if (!deployed) await fs.rm(envFile, { force: true })
        throw new ApiError(
          'move-failed',
          `${verb} ${req.domain} stopped: ${errorWords(err)} ${deployed ? `What was started on ${req.toServer} is left there to look at.` : `Nothing was left on ${req.toServer}.`} The app on ${req.server} was not touched.`
        )
      }

      job.step(4)
      if (backup && manifest) {
        try {
          await runRestore(ctx, { server: req.toServer, domain: target, file: backup.file, manifest }, within(job, 4, 'Restoring the backup', RESTORE_STEPS))
        } catch (err) {
          throw new ApiError(
            'move-restore-failed',
            `${target} runs on ${req.toServer}, but the backup could not be restored into it: ${errorWords(err)} The app on ${req.server} was not touched; you can restore the backup from ${backup.createdAt} into the new app again from its Backups screen.`
          )
        }
      } else {
        job.log('There is no backup to restore: only the settings and secrets were carried over.\n')
      }

      if (req.mode === 'move') {
        job.step(5)
        await takeDown(docker, app.stackName, within(job, 5, 'Undeploying the old app', ["Stopping the app's services", 'Waiting for its containers to stop', 'Removing its networks and configs']))
        const aside = `${app.envFile}.moved-to-${req.toServer}`
        // Under the app's env lock, so a save or version write in flight can't recreate it.
        await withEnvFileLock(app.envFile, () => fs.rename(app.envFile, aside))
        const volumes = [...new Set((manifest?.volumes ?? []).map((v) => v.dockerName))]
        job.log(
          `${req.domain} now runs on ${req.toServer}. The old app on ${req.server} is undeployed; its settings were kept as ${aside}, and its data (volumes${volumes.length ? `: ${volumes.join(', ')}` : ''}) and secrets are still on ${req.server}. ` +
            `Once you are sure the move worked, remove them there (docker volume rm …, docker secret rm …), or delete that file.\n`
        )
      } else {
        job.log(`${target} now runs on ${req.toServer} as a copy of ${req.domain}, which keeps running on ${req.server}.\n`)
      }
    }
  )
  return { jobId: job.id }
}
