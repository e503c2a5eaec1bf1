// backups.plan/create/list/verify/remove/getSettings/setSettings, and the
// backups slice of the core: these plus restore and move, and the backup an
// upgrade takes first (handed to deploy by core.ts).
import { ApiError } from '../contract/errors'
import { loadApp, refuseWhileBusy, type AppContext } from '../apps/context'
import type { HandlersFor } from '../apps/handlers-types'
import { verifyArchive } from './checksum'
import { backupSteps, planFor, runBackup } from './create'
import { readSettings, writeSettings } from './settings'
import { restoreHandlers } from './restore'
import { findSidecar, listBackups, removeBackup, writeSidecar } from './store'
import { t } from '../i18n/i18n'

export function backupHandlers(ctx: AppContext): HandlersFor<'backups.plan' | 'backups.create' | 'backups.list' | 'backups.verify' | 'backups.remove' | 'backups.getSettings' | 'backups.setSettings'> {
  return {
    'backups.plan': async ({ server, domain }) => (await planFor(ctx, server, domain)).plan,

    'backups.create': async ({ server, domain }) => {
      await loadApp(ctx, server, domain)
      refuseWhileBusy(ctx, server, domain)
      // Refused here, in the person's words, rather than as a job that fails at once.
      const { plan } = await planFor(ctx, server, domain)
      if (plan.explanation) throw new ApiError('backup-nothing', plan.explanation)
      const job = ctx.jobs.start({ kind: 'app-backup', title: t('backups.plan.title', { domain }), target: domain, steps: backupSteps(), app: { server, domain } }, async (j) => {
        await runBackup(ctx, { server, domain }, j)
      })
      return { jobId: job.id }
    },

    'backups.list': ({ domain }) => listBackups(ctx.paths, domain),

    'backups.verify': async ({ domain, id }) => {
      const sidecar = await findSidecar(ctx.paths, domain, id)
      const verdict = await verifyArchive(sidecar.file, { archiveSha256: sidecar.archiveSha256 })
      const { manifest: _m, archiveSha256: _a, ...result } = verdict
      // The list shows the outcome: a ✓ only while the archive still reads back as written.
      const { problems: _old, ...rest } = sidecar
      await writeSidecar(ctx.paths, verdict.ok ? { ...rest, verified: true, verifiedAt: new Date().toISOString() } : { ...rest, verified: false, problems: verdict.problems })
      return result
    },

    'backups.remove': async ({ domain, id }) => {
      await removeBackup(ctx.paths, domain, id)
      return {}
    },

    'backups.getSettings': () => readSettings(ctx.paths),
    'backups.setSettings': (settings) => writeSettings(ctx.paths, settings)
  }
}

/** Backups, restore and move, over the same AppContext the apps use. */
export function backupService(ctx: AppContext) {
  return { handlers: { ...backupHandlers(ctx), ...restoreHandlers(ctx) } }
}
