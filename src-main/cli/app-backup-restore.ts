import readline from 'node:readline/promises'
import type { RestorePlan } from '../contract/backups'
import type { Core } from '../core/core'
import { parse } from './args'
import { followLongJob, humanSize, when } from './app-backup-follow'
import { findApp } from './app-find'
import { CliError, UsageError } from './errors'
import { call, canAsk, print } from './io'

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
        message: `Nothing was restored. To restore without being asked, run: coopcloud-desktop app restore ${domain} ${id} --yes`
      })
    }
    if (!(await askTyped('Type yes to restore: '))) {
      await print('Nothing was restored.', process.stderr)
      return 1
    }
  }
  await followLongJob(core, () => call(core, 'backups.restore', { ...app, id }), {
    failure: `The restore of ${domain} did not finish.`,
    cancelled: `The restore of ${domain} was cancelled; the lines above say how far it got. Check the app with: coopcloud-desktop app ps ${domain}`
  })
  await print(`Restored ${domain} on ${app.server} from backup ${id}.`)
  return 0
}

function describe(plan: RestorePlan, app: { server: string; domain: string }): string {
  const b = plan.backup
  const lines = [`Backup ${b.id} of ${b.domain}: taken ${when(b.createdAt)} on ${b.server}, ${humanSize(b.size)}, version ${b.version ?? 'unknown'}.`]
  if (plan.versionWarning) lines.push(`Warning: ${plan.versionWarning}`)
  lines.push(`Restoring it into ${app.domain} on ${app.server} overwrites:`, ...plan.overwrites.map((o) => `  - ${o}`))
  if (plan.stops.length > 0) lines.push(`These services stop while their data is written back: ${plan.stops.join(', ')}.`)
  return lines.join('\n')
}

// The whole word, not y: this overwrites live data. Ctrl-C or Ctrl-D at the
// prompt is a no (readline alone would just pause on Ctrl-C).
async function askTyped(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr })
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')))
  rl.on('SIGINT', () => {
    process.stderr.write('\n')
    rl.close()
  })
  try {
    return (await Promise.race([rl.question(question), closed])).trim().toLowerCase() === 'yes'
  } finally {
    rl.close()
  }
}

// app move <domain> --to SERVER [--clone NEW_DOMAIN]: abra finds an app by
// its domain alone, so a clone that keeps running beside the original needs its own.
export async function moveApp(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, to: { type: 'string' }, clone: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError(`"app move" takes one domain; got "${positionals.join(' ')}".`)
  if (!values.to) throw new UsageError('Say which server the app goes to with --to SERVER (see: coopcloud-desktop server ls).')
  const app = await findApp(core, positionals[0], values.server)
  const to = values.to
  const clone = values.clone
  const what = clone === undefined ? `Moving ${app.domain}` : `Copying ${app.domain} as ${clone}`
  await followLongJob(core, () => call(core, 'apps.move', { ...app, toServer: to, ...(clone === undefined ? { mode: 'move' } : { mode: 'clone', newDomain: clone }) }), {
    failure: `${what} to ${to} did not finish.`,
    cancelled: `${what} to ${to} was cancelled; the lines above say how far it got.`
  })
  await print(
    clone === undefined
      ? `Moved ${app.domain} from ${app.server} to ${to}, with its data; it is no longer deployed on ${app.server}.`
      : `Copied ${app.domain} to ${to} as ${clone}, with the data of its newest backup; ${app.domain} still runs on ${app.server}.`
  )
  return 0
}
