// Restore, move/clone and backup-bot-two: the handlers. The work lives in
// restore-run.ts (writing back), move.ts (another server) and bot.ts.
import { loadApp, refuseWhileBusy, type AppContext } from '../apps/context'
import type { HandlersFor } from '../apps/handlers-types'
import { botDownload, botSnapshots } from './bot'
import { startMove } from './move'
import { checkedManifest } from './restore-check'
import { restorePlanOf, runningVersion } from './restore-plan'
import { restoreSteps, runRestore } from './restore-run'
import { findBackup, findSidecar, localTime, toInfo } from './store'
import { t } from '../i18n/i18n'

export function restoreHandlers(ctx: AppContext): HandlersFor<'backups.restorePlan' | 'backups.restore' | 'apps.move' | 'backups.botSnapshots' | 'backups.botDownload'> {
  return {
    'backups.restorePlan': async ({ domain, id, server }) => {
      // The sidecar describes the volumes, so the plan needs no pass over the archive.
      const sidecar = await findSidecar(ctx.paths, domain, id)
      const app = await loadApp(ctx, server, domain)
      const docker = await ctx
        .open(server)
        .then((c) => c.docker())
        .catch(() => undefined)
      return restorePlanOf(toInfo(sidecar), sidecar, await runningVersion(docker, app.stackName, app.version))
    },
    'backups.restore': async ({ domain, id, server }) => {
      const backup = await findBackup(ctx.paths, domain, id)
      await loadApp(ctx, server, domain)
      refuseWhileBusy(ctx, server, domain)
      const job = ctx.jobs.start(
        { kind: 'app-restore', title: t('backups.restore.title', { domain, time: localTime(backup.createdAt) }), target: domain, app: { server, domain }, steps: restoreSteps() },
        async (job) => {
          job.step(0)
          const manifest = await checkedManifest(ctx, backup)
          job.log(`${t('backups.restore.passedCheck')}\n`)
          await runRestore(ctx, { server, domain, file: backup.file, manifest }, job)
        }
      )
      return { jobId: job.id }
    },
    'apps.move': (req) => startMove(ctx, req),
    'backups.botSnapshots': ({ server }) => botSnapshots(ctx, server),
    'backups.botDownload': (req) => botDownload(ctx, req)
  }
}
