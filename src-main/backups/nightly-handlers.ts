// nightly.*: nightly backups on the server with backup-bot-two (nightly.ts),
// and restoring an app from one of its snapshots (nightly-restore.ts).
import type { HandlersFor } from '../apps/handlers-types'
import { nightlySnapshots, nightlyStatus, startSetup, type NightlyContext } from './nightly'
import { nightlyRestorePlan, startNightlyRestore } from './nightly-restore'

export function nightlyHandlers(ctx: NightlyContext): HandlersFor<'nightly.setup' | 'nightly.status' | 'nightly.snapshots' | 'nightly.restorePlan' | 'nightly.restore'> {
  return {
    'nightly.setup': (req) => startSetup(ctx, req),
    'nightly.status': ({ server }) => nightlyStatus(ctx, server),
    'nightly.snapshots': ({ server, domain }) => nightlySnapshots(ctx, server, domain),
    'nightly.restorePlan': (req) => nightlyRestorePlan(ctx, req),
    'nightly.restore': (req) => startNightlyRestore(ctx, req)
  }
}
