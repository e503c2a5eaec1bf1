import type { RestorePlan } from '../contract/backups'
import type { Core } from '../core/core'
import { parse } from './args'
import { followLongJob, humanSize, when } from './app-backup-follow'
import { findApp } from './app-find'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { askLine, call, canAsk, print } from './io'

// app restore <domain> <id> [--yes]: the plan is always shown; going ahead
// takes a typed "yes" on a terminal, or --yes in a script.
export async function restore(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, yes: { type: 'boolean', short: 'y' } })
  if (positionals.length !== 2) throw new UsageError("Give the app's domain and the backup's id, like: coopcloud-desktop app restore <domain> <id> (see: app backup ls <domain>).")
  const [domain, id] = positionals
  const app = await findApp(core, domain, values.server)
  const plan = await call(core, 'backups.restorePlan', { ...app, id })
  await print(describe(plan, app), process.stderr)

  if (!values.yes) {
    if (!canAsk()) {
      throw new CliError({
        code: 'confirm-needed',
        message: t('cli.restore.askFirst', { domain, id })
      })
    }
    if (!(await askTyped(t('cli.restore.typeYes')))) {
      await print(t('cli.restore.nothing'), process.stderr)
      return 1
    }
  }
  await followLongJob(core, () => call(core, 'backups.restore', { ...app, id }), {
    failure: t('cli.restore.failed', { domain }),
    cancelled: t('cli.restore.cancelled', { domain })
  })
  await print(t('cli.restore.restored', { domain, server: app.server, id }))
  return 0
}

function describe(plan: RestorePlan, app: { server: string; domain: string }): string {
  const b = plan.backup
  const lines = [t('cli.restore.plan', { id: b.id, domain: b.domain, when: when(b.createdAt), server: b.server, size: humanSize(b.size), version: b.version ?? t('cli.restore.unknown') })]
  if (plan.versionWarning) lines.push(t('cli.common.warning', { message: plan.versionWarning }))
  lines.push(t('cli.restore.overwrites', { domain: app.domain, server: app.server }), ...plan.overwrites.map((o) => `  - ${o}`))
  if (plan.stops.length > 0) lines.push(t('cli.restore.stops', { services: plan.stops.join(', ') }))
  return lines.join('\n')
}

// The whole word, not y: this overwrites live data.
async function askTyped(question: string): Promise<boolean> {
  const answer = (await askLine(question)).toLowerCase()
  return answer === 'yes' || answer === t('cli.restore.yesWord')
}

// app move <domain> --to SERVER [--clone NEW_DOMAIN]: abra finds an app by
// its domain alone, so a clone that keeps running beside the original needs its own.
export async function moveApp(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, to: { type: 'string' }, clone: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError(t('cli.restore.moveOneDomain', { got: positionals.join(' ') }))
  if (!values.to) throw new UsageError(t('cli.restore.moveTo'))
  const app = await findApp(core, positionals[0], values.server)
  const to = values.to
  const clone = values.clone
  const vars = { domain: app.domain, clone: clone ?? '', to }
  await followLongJob(core, () => call(core, 'apps.move', { ...app, toServer: to, ...(clone === undefined ? { mode: 'move' } : { mode: 'clone', newDomain: clone }) }), {
    failure: clone === undefined ? t('cli.restore.moveFailed', vars) : t('cli.restore.cloneFailed', vars),
    cancelled: clone === undefined ? t('cli.restore.moveCancelled', vars) : t('cli.restore.cloneCancelled', vars)
  })
  await print(
    clone === undefined
      ? t('cli.restore.moved', { domain: app.domain, server: app.server, to })
      : t('cli.restore.copied', { domain: app.domain, to, clone, server: app.server })
  )
  return 0
}
