import fs from 'node:fs/promises'
import path from 'node:path'
import type { AppSummary } from '../contract/apps'
import type { Core } from '../core/core'
import { onePositional, parse } from './args'
import { backupCommand, backupUsage } from './app-backup'
import { cmd } from './app-cmd'
import { cp, cpUsage } from './app-cp'
import { moveApp, restore } from './app-backup-restore'
import { deploy, move } from './app-deploy'
import { findApp, printSecretValues, table } from './app-find'
import { logs } from './app-logs'
import { secretCommand } from './app-secret'
import { volumeCommand, volumeUsage } from './app-volume'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { followJob } from './jobs'
import { call, print } from './io'

export const appUsage = (): string => `  coopcloud-desktop app new <recipe> <domain> --server NAME [--version V] [--secrets] [--env FILE]
  coopcloud-desktop app ls [--server NAME] [--json]
  coopcloud-desktop app config <domain>              (${t('cli.usage.appConfig')})
  coopcloud-desktop app deploy <domain> [--version V] [--redeploy] [--no-domain-checks|-D] [--chaos|-C] [--dry-run] [--yes|-y]  (${t('cli.usage.appDeployChaos')})
  coopcloud-desktop app upgrade <domain> <version> [--no-backup] [--dry-run] [--yes|-y]  (${t('cli.usage.appUpgrade')})
  coopcloud-desktop app rollback <domain> <version> [--dry-run] [--yes|-y]  (${t('cli.usage.appRollback')})
  coopcloud-desktop app ps <domain> [--json]
  coopcloud-desktop app logs <domain> [--service S] [--tail N] [--follow]
  coopcloud-desktop app restart <domain> <service>
  coopcloud-desktop app cmd <domain> [service] <command> [-- args…] [--local] | --list  (${t('commands.cli.usage')})
  coopcloud-desktop app undeploy <domain>
  coopcloud-desktop app rm <domain> --confirm <domain>  (${t('cli.usage.appRm')})
  coopcloud-desktop app secret ls|generate|insert|rotate|rm <domain> [name] [value|-]
  coopcloud-desktop app secret rotate <domain> <name> [--yes|-y]  (${t('cli.usage.secretRotate')})
${volumeUsage()}
${cpUsage()}
${backupUsage()}
                                      (${t('cli.usage.domainFindsServer')})`

export async function appCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'new':
      return create(core, rest)
    case 'ls':
    case 'list':
      return list(core, rest)
    case 'config':
      return config(core, rest)
    case 'deploy':
      return deploy(core, rest)
    case 'upgrade':
    case 'rollback':
      return move(core, sub, rest)
    case 'ps':
      return ps(core, rest)
    case 'logs':
      return logs(core, rest)
    case 'cmd':
    case 'command':
      return cmd(core, rest)
    case 'restart':
      return restart(core, rest)
    case 'undeploy':
      return undeploy(core, rest)
    case 'rm':
    case 'remove':
      return remove(core, rest)
    case 'secret':
    case 'secrets':
      return secretCommand(core, rest)
    case 'volume':
    case 'volumes':
      return volumeCommand(core, rest)
    case 'cp':
      return cp(core, rest)
    case 'backup':
    case 'backups':
      return backupCommand(core, rest)
    case 'restore':
      return restore(core, rest)
    case 'move':
      return moveApp(core, rest)
    case undefined:
      throw new UsageError(t('cli.app.sayWhat'))
    default:
      throw new UsageError(t('cli.app.notCommand', { sub }))
  }
}

async function create(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    server: { type: 'string' },
    version: { type: 'string' },
    secrets: { type: 'boolean' },
    // Not --env-file: Node 20 takes that flag for itself anywhere on the command line and exits.
    env: { type: 'string' }
  })
  if (positionals.length !== 2) throw new UsageError(t('cli.app.giveRecipeDomain'))
  if (!values.server) throw new UsageError(t('cli.app.giveServer'))
  const [recipe, domain] = positionals
  const envText = values.env === undefined ? undefined : await readEnvFile(values.env)
  const made = await call(core, 'apps.new', {
    server: values.server,
    domain,
    recipe,
    version: values.version,
    envText,
    secrets: values.secrets ? 'generate' : 'none'
  })
  await print(t('cli.app.created', { domain, server: values.server, file: made.envFile }), process.stderr)
  await printSecretValues(made.secrets, print)
  if (!values.secrets) await print(t('cli.app.next', { domain }), process.stderr)
  return 0
}

async function readEnvFile(file: string): Promise<string> {
  try {
    return await fs.readFile(path.resolve(file), 'utf8')
  } catch (err) {
    throw new CliError({ code: 'env-file-unreadable', message: t('cli.app.unreadable', { file, reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? t('cli.app.noSuchFile') : (err as Error).message }) })
  }
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, json: { type: 'boolean' } })
  if (positionals.length > 0) throw new UsageError(t('cli.app.lsNoNames'))
  const result = await call(core, 'apps.list', { server: values.server })
  if (values.json) {
    await print(JSON.stringify(result, null, 2))
    return 0
  }
  for (const s of result.servers.filter((s) => !s.ok)) await print(t('cli.app.couldNotAsk', { server: s.name, reason: s.error ?? t('cli.app.noAnswer') }), process.stderr)
  if (result.apps.length === 0) {
    await print(t('cli.app.none'))
    return 0
  }
  await print(
    table(
      [t('cli.app.head.server'), t('cli.app.head.domain'), t('cli.app.head.recipe'), t('cli.app.head.version'), t('cli.app.head.status'), t('cli.app.head.upgrade')],
      result.apps.map((a) => [a.server, a.domain, a.recipe ?? '?', versionOf(a), a.deployed ? a.health : t('cli.app.notDeployedCell'), a.upgrade ?? ''])
    )
  )
  return 0
}

// A chaos deploy shows its commit too, as abra's app ls does ("+U": changes not saved in git).
const versionOf = (a: AppSummary): string => `${a.version ?? '?'}${a.chaos ? ` (chaos${a.chaosVersion ? ` ${a.chaosVersion}` : ''})` : ''}`

// The text on stdout (so it can be piped or saved), where it lives on stderr.
async function config(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  const app = await findApp(core, onePositional(positionals, 'appDomain'), values.server)
  const detail = await call(core, 'apps.get', app)
  await print(`# ${detail.app.envFile}`, process.stderr)
  await print(detail.form.envText)
  return 0
}

async function ps(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, json: { type: 'boolean' } })
  const app = await findApp(core, onePositional(positionals, 'appDomain'), values.server)
  const result = await call(core, 'apps.ps', app)
  if (values.json) {
    await print(JSON.stringify(result, null, 2))
    return 0
  }
  if (result.services.length === 0) {
    await print(t('cli.app.notDeployed', { domain: app.domain, server: app.server }))
    return 0
  }
  await print(table([t('cli.app.head.service'), t('cli.app.head.image'), t('cli.app.head.running'), t('cli.app.head.status')], result.services.map((s) => [s.name, s.image, `${s.running}/${s.desired}`, s.error ? `${s.words} (${s.error})` : s.words])))
  return 0
}

async function restart(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  if (positionals.length !== 2) throw new UsageError(t('cli.app.giveService'))
  const app = await findApp(core, positionals[0], values.server)
  await call(core, 'apps.restart', { ...app, service: positionals[1] })
  await print(t('cli.app.restarted', { service: positionals[1], domain: app.domain }))
  return 0
}

async function undeploy(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  const app = await findApp(core, onePositional(positionals, 'appDomain'), values.server)
  await followJob(core, () => call(core, 'apps.undeploy', app), { failure: t('cli.app.undeployFailed', { domain: app.domain }) })
  await print(t('cli.app.undeployed', { domain: app.domain, server: app.server }))
  return 0
}

// Typing the domain again is the same guard the app's remove dialog has.
async function remove(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, confirm: { type: 'string' } })
  const app = await findApp(core, onePositional(positionals, 'appDomain'), values.server)
  if (values.confirm !== app.domain) {
    const vars = { domain: app.domain, server: app.server, said: values.confirm ?? '' }
    throw new CliError({
      code: 'confirm-needed',
      message: values.confirm === undefined ? t('cli.app.confirmMissing', vars) : t('cli.app.confirmWrong', vars)
    })
  }
  await followJob(core, () => call(core, 'apps.remove', { ...app, confirm: values.confirm! }), { failure: t('cli.app.removeFailed', { domain: app.domain }) })
  await print(t('cli.app.removed', { domain: app.domain, server: app.server }))
  return 0
}
