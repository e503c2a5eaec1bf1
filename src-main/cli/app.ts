import fs from 'node:fs/promises'
import path from 'node:path'
import type { AppSummary } from '../contract/apps'
import type { Core } from '../core/core'
import { onePositional, parse } from './args'
import { backupCommand, backupUsage } from './app-backup'
import { moveApp, restore } from './app-backup-restore'
import { deploy, move } from './app-deploy'
import { findApp, printSecretValues, table } from './app-find'
import { logs } from './app-logs'
import { secretCommand } from './app-secret'
import { CliError, UsageError } from './errors'
import { followJob } from './jobs'
import { call, print } from './io'

export const appUsage = `  coopcloud-desktop app new <recipe> <domain> --server NAME [--version V] [--secrets] [--env FILE]
  coopcloud-desktop app ls [--server NAME] [--json]
  coopcloud-desktop app config <domain>              (prints the app's settings file)
  coopcloud-desktop app deploy <domain> [--version V] [--redeploy]
  coopcloud-desktop app upgrade <domain> <version> [--no-backup]  (takes a backup first unless --no-backup)
  coopcloud-desktop app rollback <domain> <version>   (deploys: exit code 1 if it failed or was rolled back)
  coopcloud-desktop app ps <domain> [--json]
  coopcloud-desktop app logs <domain> [--service S] [--tail N] [--follow]
  coopcloud-desktop app restart <domain> <service>
  coopcloud-desktop app undeploy <domain>
  coopcloud-desktop app rm <domain> --confirm <domain>  (for good: type the domain twice)
  coopcloud-desktop app secret ls|generate|insert|rotate|rm <domain> [name] [value|-]
${backupUsage}
                                      (commands taking a domain find its server; --server NAME picks one)`

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
    case 'backup':
    case 'backups':
      return backupCommand(core, rest)
    case 'restore':
      return restore(core, rest)
    case 'move':
      return moveApp(core, rest)
    case undefined:
      throw new UsageError('Say what to do with apps.')
    default:
      throw new UsageError(`"app ${sub}" is not a command.`)
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
  if (positionals.length !== 2) throw new UsageError("Give the recipe and the app's domain, like: app new wordpress blog.example.org --server example.org")
  if (!values.server) throw new UsageError('Give the server the app goes on with --server (see: coopcloud-desktop server ls).')
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
  await print(`Created ${domain} on ${values.server}; its settings are in ${made.envFile}`, process.stderr)
  await printSecretValues(made.secrets, print)
  if (!values.secrets) await print(`Next: coopcloud-desktop app config ${domain}, then app secret generate ${domain} and app deploy ${domain}.`, process.stderr)
  return 0
}

async function readEnvFile(file: string): Promise<string> {
  try {
    return await fs.readFile(path.resolve(file), 'utf8')
  } catch (err) {
    throw new CliError({ code: 'env-file-unreadable', message: `Could not read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message}.` })
  }
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, json: { type: 'boolean' } })
  if (positionals.length > 0) throw new UsageError('"app ls" takes no names; use --server NAME to show one server.')
  const result = await call(core, 'apps.list', { server: values.server })
  if (values.json) {
    await print(JSON.stringify(result, null, 2))
    return 0
  }
  for (const s of result.servers.filter((s) => !s.ok)) await print(`Could not ask ${s.name} how its apps are: ${s.error ?? 'no answer'}`, process.stderr)
  if (result.apps.length === 0) {
    await print('No apps yet. Make one with: coopcloud-desktop app new <recipe> <domain> --server NAME')
    return 0
  }
  await print(
    table(
      ['SERVER', 'DOMAIN', 'RECIPE', 'VERSION', 'STATUS', 'UPGRADE'],
      result.apps.map((a) => [a.server, a.domain, a.recipe ?? '?', versionOf(a), a.deployed ? a.health : 'not deployed', a.upgrade ?? ''])
    )
  )
  return 0
}

const versionOf = (a: AppSummary): string => `${a.version ?? '?'}${a.chaos ? ' (chaos)' : ''}`

// The text on stdout (so it can be piped or saved), where it lives on stderr.
async function config(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  const app = await findApp(core, onePositional(positionals, "app's domain"), values.server)
  const detail = await call(core, 'apps.get', app)
  await print(`# ${detail.app.envFile}`, process.stderr)
  await print(detail.form.envText)
  return 0
}

async function ps(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, json: { type: 'boolean' } })
  const app = await findApp(core, onePositional(positionals, "app's domain"), values.server)
  const result = await call(core, 'apps.ps', app)
  if (values.json) {
    await print(JSON.stringify(result, null, 2))
    return 0
  }
  if (result.services.length === 0) {
    await print(`${app.domain} is not deployed on ${app.server}.`)
    return 0
  }
  await print(table(['SERVICE', 'IMAGE', 'RUNNING', 'STATUS'], result.services.map((s) => [s.name, s.image, `${s.running}/${s.desired}`, s.error ? `${s.words} (${s.error})` : s.words])))
  return 0
}

async function restart(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  if (positionals.length !== 2) throw new UsageError('Give the app\'s domain and the service to restart (see: coopcloud-desktop app ps <domain>).')
  const app = await findApp(core, positionals[0], values.server)
  await call(core, 'apps.restart', { ...app, service: positionals[1] })
  await print(`Restarted ${positionals[1]} of ${app.domain}.`)
  return 0
}

async function undeploy(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  const app = await findApp(core, onePositional(positionals, "app's domain"), values.server)
  await followJob(core, () => call(core, 'apps.undeploy', app), { failure: `${app.domain} was not fully taken down.` })
  await print(`Undeployed ${app.domain} from ${app.server}.`)
  return 0
}

// Typing the domain again is the same guard the app's remove dialog has.
async function remove(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, confirm: { type: 'string' } })
  const app = await findApp(core, onePositional(positionals, "app's domain"), values.server)
  if (values.confirm !== app.domain) {
    const said = values.confirm === undefined ? 'Nothing was removed.' : `--confirm said "${values.confirm}", not ${app.domain}, so nothing was removed.`
    throw new CliError({
      code: 'confirm-needed',
      message: `${said} Removing takes ${app.domain} off ${app.server} for good, settings included. To go ahead, run: coopcloud-desktop app rm ${app.domain} --confirm ${app.domain}`
    })
  }
  await followJob(core, () => call(core, 'apps.remove', { ...app, confirm: values.confirm! }), { failure: `${app.domain} was not fully removed.` })
  await print(`Removed ${app.domain} from ${app.server}.`)
  return 0
}
