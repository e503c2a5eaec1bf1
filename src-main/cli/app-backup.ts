import type { BackupInfo } from '../contract/backups'
import type { Core } from '../core/core'
import { parse } from './args'
import { followLongJob, humanSize, when } from './app-backup-follow'
import { findApp, table } from './app-find'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { call, print } from './io'

export const backupUsage = (): string => `  coopcloud-desktop app backup <domain>               (${t('cli.usage.backup')})
  coopcloud-desktop app backup ls [<domain>] [--json]
  coopcloud-desktop app backup verify <domain> <id>   (${t('cli.usage.backupVerify')})
  coopcloud-desktop app backup rm <domain> <id> --confirm
  coopcloud-desktop app backup keep [N|all]           (${t('cli.usage.backupKeep')})
  coopcloud-desktop app restore <domain> <id> [--yes] (${t('cli.usage.restore')})
  coopcloud-desktop app move <domain> --to SERVER [--clone NEW_DOMAIN]  (${t('cli.usage.move')})`

// `app backup <domain>` takes one; the other words name what to do with backups.
export async function backupCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'ls':
    case 'list':
      return list(core, rest)
    case 'verify':
      return verify(core, rest)
    case 'rm':
    case 'remove':
      return remove(core, rest)
    case 'keep':
      return keep(core, rest)
    case undefined:
      throw new UsageError(t('cli.backup.sayWhat'))
    default:
      return create(core, args)
  }
}

async function create(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError(t('cli.backup.oneDomain', { got: positionals.join(' ') }))
  const app = await findApp(core, positionals[0], values.server)
  // A recipe without backupbot labels gets its explanation, never an empty backup.
  const plan = await call(core, 'backups.plan', app)
  if (plan.explanation) throw new CliError({ code: 'nothing-to-back-up', message: plan.explanation })

  const before = new Set((await call(core, 'backups.list', { domain: app.domain })).map((b) => b.id))
  const startedAt = Date.now()
  await followLongJob(core, () => call(core, 'backups.create', app), {
    failure: t('cli.backup.failed', { domain: app.domain }),
    cancelled: t('cli.backup.cancelled', { domain: app.domain })
  })
  // The job has no result of its own: the new backup is the one that wasn't listed before.
  const made = (await call(core, 'backups.list', { domain: app.domain }))
    .filter((b) => !before.has(b.id) && Date.parse(b.createdAt) >= startedAt - 60_000)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
  if (!made) throw new CliError({ code: 'backup-missing', message: t('cli.backup.missing', { domain: app.domain }) })
  await print(made.verified ? t('cli.backup.made', { domain: app.domain, id: made.id, size: humanSize(made.size) }) : t('cli.backup.madeUnverified', { domain: app.domain, id: made.id, size: humanSize(made.size) }))
  await print(made.file)
  return 0
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  if (positionals.length > 1) throw new UsageError(t('cli.backup.lsOneDomain', { got: positionals.join(' ') }))
  // No findApp: the backups of an app that was removed or moved are still worth listing.
  const domain = positionals[0]
  const backups = await call(core, 'backups.list', { domain })
  if (values.json) {
    await print(JSON.stringify(backups, null, 2))
    return 0
  }
  if (backups.length === 0) {
    await print(domain ? `No backups of ${domain} yet. Take one with: coopcloud-desktop app backup ${domain}` : 'No backups yet. Take one with: coopcloud-desktop app backup <domain>')
    return 0
  }
  const row = (b: BackupInfo): string[] => [
    ...(domain ? [] : [b.domain]),
    b.id,
    when(b.createdAt),
    humanSize(b.size),
    b.version ?? '?',
    b.verified ? '✓' : '✗',
    b.server
  ]
  await print(table([...(domain ? [] : ['DOMAIN']), 'ID', 'DATE', 'SIZE', 'VERSION', 'VERIFIED', 'FROM SERVER'], backups.map(row)))
  return 0
}

function domainAndId(args: string[], command: string, extra: Parameters<typeof parse>[1] = {}) {
  const parsed = parse(args, extra)
  if (parsed.positionals.length !== 2) throw new UsageError(t('cli.backup.giveId', { command }))
  const [domain, id] = parsed.positionals
  return { domain, id, values: parsed.values }
}

async function verify(core: Core, args: string[]): Promise<number> {
  const { domain, id } = domainAndId(args, 'verify')
  const result = await call(core, 'backups.verify', { domain, id })
  if (result.ok) {
    await print(t('cli.backup.intact', { id, domain, files: result.files, size: humanSize(result.bytes) }))
    return 0
  }
  const problems = result.problems.length > 0 ? result.problems : [t('cli.backup.noManifest')]
  await print([t('cli.backup.damaged', { id, domain }), ...problems.map((p) => `  - ${p}`)].join('\n'), process.stderr)
  return 1
}

async function remove(core: Core, args: string[]): Promise<number> {
  const { domain, id, values } = domainAndId(args, 'rm', { confirm: { type: 'boolean' } })
  // Named first, so a wrong id is not answered with "are you sure?".
  const backup = (await call(core, 'backups.list', { domain })).find((b) => b.id === id)
  if (!backup) throw new CliError({ code: 'backup-unknown', message: t('cli.backup.unknown', { id, domain }) })
  if (!values.confirm) {
    throw new CliError({
      code: 'confirm-needed',
      message: t('cli.backup.confirmRm', { id, domain, when: when(backup.createdAt) })
    })
  }
  await call(core, 'backups.remove', { domain, id })
  await print(t('cli.backup.deleted', { id, domain }))
  return 0
}

async function keep(core: Core, args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  if (positionals.length > 1) throw new UsageError(t('cli.backup.keepOne'))
  const [given] = positionals
  let settings
  if (given === undefined) settings = await call(core, 'backups.getSettings', {})
  else if (given === 'all') settings = await call(core, 'backups.setSettings', {})
  else {
    const n = Number(given)
    if (!/^\d+$/.test(given) || n < 1 || n > 1000) throw new UsageError(t('cli.backup.keepBad', { given }))
    settings = await call(core, 'backups.setSettings', { keepLast: n })
  }
  const words =
    settings.keepLast === undefined
      ? t('cli.backup.keepAll')
      : t('cli.backup.keeping', { count: settings.keepLast })
  await print(words)
  return 0
}
