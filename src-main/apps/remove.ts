// Removing an app for good, as abra's `app remove` does: its secrets, its
// volumes (the app's data) and its env file are deleted. abra refuses while
// the app is deployed; here the job undeploys it first, since the person has
// already typed the domain to confirm. The env file is deleted, not set
// aside, as abra deletes it: a removed app's settings would otherwise keep
// its domain taken.
import fs from 'node:fs/promises'
import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import type { JobContext } from '../core/jobs'
import { t } from '../i18n/i18n'
import { loadApp, refuseWhileBusy, type AppContext } from './context'
import { withEnvFileLock } from './env-file'
import { readAppFiles } from './list'
import { asDockerError, isNotFound, stackFilter } from './list-docker'
import { removeSwarmSecrets } from './secret-ops'
import { isDeployed, takeDown, undeploySteps } from './undeploy'

/** The remove job's steps, in the current language. */
export const removeSteps = (): string[] => [...undeploySteps(), t('apps.remove.steps.secrets'), t('apps.remove.steps.volumes'), t('apps.remove.steps.settings')]

/** Volumes stay busy for a few seconds after their containers exit. */
const VOLUME_RETRY_MS = 30_000

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * The app's secrets: `${stack}_` names, except those of another app on the
 * server whose stack name merely starts with ours (app.example.org and
 * app.example.org.old: app_example_org_old_… is not ours).
 */
export function secretsOfStack(names: string[], stack: string, otherStacks: string[]): string[] {
  const longer = otherStacks.filter((o) => o !== stack && o.startsWith(`${stack}_`))
  return names.filter((n) => n.startsWith(`${stack}_`) && !longer.some((o) => n.startsWith(`${o}_`))).sort()
}

/**
 * Removes one volume, trying again for a while as it stays busy just after
 * its containers exit; `failed` words the error when it never frees up.
 * Returns false when it was already gone.
 */
export async function removeVolume(docker: Docker, name: string, job: JobContext, failed: (message: string) => ApiError): Promise<boolean> {
  for (const end = Date.now() + VOLUME_RETRY_MS; ; ) {
    try {
      await docker.getVolume(name).remove()
      job.log(`${t('apps.remove.removedVolume', { name })}\n`)
      return true
    } catch (err) {
      if (isNotFound(err)) return false
      if (Date.now() > end || job.signal.aborted) throw failed(asDockerError(err).message)
      await sleep(1000)
    }
  }
}

async function removeVolumes(docker: Docker, stack: string, job: JobContext): Promise<string[]> {
  const volumes = (await docker.listVolumes({ filters: stackFilter(stack) })).Volumes ?? []
  const removed: string[] = []
  for (const v of volumes) {
    const failed = (message: string) => new ApiError('remove-failed', t('apps.remove.volumeFailed', { name: v.Name, message }))
    if (await removeVolume(docker, v.Name, job, failed)) removed.push(v.Name)
  }
  return removed
}

export async function startRemove(ctx: AppContext, server: string, domain: string, confirm: string): Promise<{ jobId: string }> {
  if (confirm.trim() !== domain) {
    throw new ApiError('confirm-mismatch', t('apps.remove.confirmMismatch', { domain }))
  }
  const app = await loadApp(ctx, server, domain)
  refuseWhileBusy(ctx, server, domain)
  const docker = (await ctx.open(server)).docker()
  const job = ctx.jobs.start({ kind: 'app-remove', title: t('apps.remove.title', { domain }), target: domain, app: { server, domain }, steps: removeSteps() }, async (j) => {
    const stack = app.stackName
    // Run even when nothing is deployed: a stack half taken down by hand
    // may still have networks or configs.
    if (!(await isDeployed(docker, stack))) j.log(`${t('apps.remove.notDeployed', { domain })}\n`)
    await takeDown(docker, stack, j)
    if (j.signal.aborted) return

    j.step(3)
    const others = (await readAppFiles(ctx.paths, server)).map((a) => a.stackName)
    const secrets = secretsOfStack(
      (await docker.listSecrets()).map((s) => s.Spec?.Name ?? ''),
      stack,
      others
    )
    if (secrets.length > 0) await removeSwarmSecrets(ctx, server, secrets)
    j.log(`${secrets.length ? t('apps.remove.removedSecrets', { count: secrets.length, names: secrets.join(', ') }) : t('apps.remove.noSecrets')}\n`)
    if (j.signal.aborted) return

    j.step(4)
    const volumes = await removeVolumes(docker, stack, j)
    j.log(`${volumes.length ? t('apps.remove.removedVolumes', { count: volumes.length }) : t('apps.remove.noVolumes')}\n`)
    if (j.signal.aborted) return

    j.step(5)
    // Under the env lock, so a change in flight (a save, a version write) can't write the file back after it is deleted.
    await withEnvFileLock(app.envFile, () => fs.rm(app.envFile, { force: true }))
    j.log(`${t('apps.remove.deletedSettings', { file: app.envFile })}\n`)
    j.log(`${t('apps.remove.done', { domain, server })}\n`)
  })
  return { jobId: job.id }
}
