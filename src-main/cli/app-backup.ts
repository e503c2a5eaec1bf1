import type { BackupInfo } from '../contract/backups'
import type { Core } from '../core/core'
import { parse } from './args'
import { followLongJob, humanSize, when } from './app-backup-follow'
import { findApp, table } from './app-find'
import { CliError, UsageError } from './errors'
import { call, print } from './io'

export const backupUsage = `  coopcloud-desktop app backup <domain>               (a verified backup in ~/.abra/backups/<domain>/)
  coopcloud-desktop app backup ls [<domain>] [--json]
  coopcloud-desktop app backup verify <domain> <id>   (exit code 1 if the backup is damaged)
  coopcloud-desktop app backup rm <domain> <id> --confirm
  coopcloud-desktop app backup keep [N|all]           (how many backups of each app to keep)
  coopcloud-desktop app restore <domain> <id> [--yes] (overwrites the app's data with the backup's)
  coopcloud-desktop app move <domain> --to SERVER [--clone NEW_DOMAIN]  (a clone leaves the app running where it is)`

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
      throw new UsageError("Give the app's domain to back it up, or say what to do with backups: ls, verify, rm or keep.")
    default:
      return create(core, args)
  }
}

async function create(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError(`"app backup" takes one domain; got "${positionals.join(' ')}".`)
  const app = await findApp(core, positionals[0], values.server)
  // A recipe without backupbot labels gets its explanation, never an empty backup.
  const plan = await call(core, 'backups.plan', app)
  if (plan.explanation) throw new CliError({ code: 'nothing-to-back-up', message: plan.explanation })

  const before = new Set((await call(core, 'backups.list', { domain: app.domain })).map((b) => b.id))
  const startedAt = Date.now()
  await followLongJob(core, () => call(core, 'backups.create', app), {
    failure: `The backup of ${app.domain} did not finish, so none was kept.`,
    cancelled: `Cancelled: no backup of ${app.domain} was kept.`
  })
  // The job has no result of its own: the new backup is the one that wasn't listed before.
  const made = (await call(core, 'backups.list', { domain: app.domain }))
    .filter((b) => !before.has(b.id) && Date.parse(b.createdAt) >= startedAt - 60_000)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
  if (!made) throw new CliError({ code: 'backup-missing', message: `The backup of ${app.domain} finished, but it is not in the list of backups. See: coopcloud-desktop app backup ls ${app.domain}` })
  await print(`Backed up ${app.domain}: backup ${made.id} (${humanSize(made.size)}, ${made.verified ? 'verified' : 'NOT verified'}).`)
  await print(made.file)
  return 0
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  if (positionals.length > 1) throw new UsageError(`"app backup ls" takes at most one domain; got "${positionals.join(' ')}".`)
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
  if (parsed.positionals.length !== 2) throw new UsageError(`Give the app's domain and the backup's id, like: coopcloud-desktop app backup ${command} <domain> <id> (see: app backup ls <domain>).`)
  const [domain, id] = parsed.positionals
  return { domain, id, values: parsed.values }
}

async function verify(core: Core, args: string[]): Promise<number> {
  const { domain, id } = domainAndId(args, 'verify')
  const result = await call(core, 'backups.verify', { domain, id })
  if (result.ok) {
    await print(`Backup ${id} of ${domain} is intact: ${result.files} files, ${humanSize(result.bytes)}, each matching its checksum.`)
    return 0
  }
  const problems = result.problems.length > 0 ? result.problems : ['It does not match its manifest.']
  await print([`Backup ${id} of ${domain} is damaged; do not restore from it.`, ...problems.map((p) => `  - ${p}`)].join('\n'), process.stderr)
  return 1
}

async function remove(core: Core, args: string[]): Promise<number> {
  const { domain, id, values } = domainAndId(args, 'rm', { confirm: { type: 'boolean' } })
  // Named first, so a wrong id is not answered with "are you sure?".
  const backup = (await call(core, 'backups.list', { domain })).find((b) => b.id === id)
  if (!backup) throw new CliError({ code: 'backup-unknown', message: `There is no backup ${id} of ${domain}. See the backups with: coopcloud-desktop app backup ls ${domain}` })
  if (!values.confirm) {
    throw new CliError({
      code: 'confirm-needed',
      message: `Nothing was deleted. Deleting backup ${id} of ${domain} (${when(backup.createdAt)}) cannot be undone. To go ahead, run: coopcloud-desktop app backup rm ${domain} ${id} --confirm`
    })
  }
  await call(core, 'backups.remove', { domain, id })
  await print(`Deleted backup ${id} of ${domain}.`)
  return 0
}

async function keep(core: Core, args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  if (positionals.length > 1) throw new UsageError('Give one number (how many backups of each app to keep), or "all".')
  const [given] = positionals
  let settings
  if (given === undefined) settings = await call(core, 'backups.getSettings', {})
  else if (given === 'all') settings = await call(core, 'backups.setSettings', {})
  else {
    const n = Number(given)
    if (!/^\d+$/.test(given) || n < 1 || n > 1000) throw new UsageError(`"${given}" is not a number of backups to keep: give a number from 1 to 1000, or "all".`)
    settings = await call(core, 'backups.setSettings', { keepLast: n })
  }
  const words =
    settings.keepLast === undefined
      ? 'Every backup is kept.'
      : `Keeping the newest ${settings.keepLast === 1 ? 'backup' : `${settings.keepLast} backups`} of each app; older ones are deleted.`
  await print(words)
  return 0
}
