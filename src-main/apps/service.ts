// The app lifecycle's slice of the contract, joined from one file per concern.
// Backups build on apps and are mounted by core.ts, not here.
import type { AppContext } from './context'
import { createHandlers } from './create'
import { deployHandlers } from './deploy'
import { domainCheckHandlers } from './domain-check'
import { lifecycleHandlers } from './lifecycle'
import { recipeHandlers } from './recipes-service'
import { secretHandlers } from './secret-ops'
import { streamHandlers } from './streams'

export function appService(ctx: AppContext) {
  const streams = streamHandlers(ctx)
  return {
    handlers: { ...recipeHandlers(ctx), ...createHandlers(ctx), ...deployHandlers(ctx), ...domainCheckHandlers(ctx), ...lifecycleHandlers(ctx), ...secretHandlers(ctx), ...streams.handlers },
    close: () => streams.closeAll()
  }
}
