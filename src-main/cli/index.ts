import path from 'node:path'
import { parseArgs } from 'node:util'
import { runBrowserMode } from '../browser/run'
import { createCore } from '../core/core'
import { setLanguage, systemLanguageFromEnv, t } from '../i18n/i18n'
import { appCommand, appUsage } from './app'
import { catalogueCommand, catalogueUsage } from './catalogue'
import { healthCommand, healthUsage } from './health'
import { CliError, UsageError } from './errors'
import { call, print } from './io'
import { serverCommand, serverUsage } from './server'
import { stackCommand, stackUsage } from './stack'
import { recipeCommand, recipeUsage } from './recipe'
import { teamCommand, teamUsage } from './team'
import { nightlyCommand, nightlyUsage } from './nightly'

const usage = (): string => `${t('cli.main.title')}

${serverUsage()}
${stackUsage()}
${catalogueUsage()}
${recipeUsage()}
${appUsage()}
${healthUsage()}
${teamUsage()}
${nightlyUsage()}
  coopcloud-desktop serve [--port N] [--open]         ${t('cli.main.serveNote')}
  coopcloud-desktop --version`

// Exit codes: 0 done, 1 failed (message on stderr), 2 bad command line.
// Returns null when the command keeps running (serve).
export async function run(argv: string[]): Promise<number | null> {
  const [command, ...rest] = argv
  // Words follow the computer's language (LANG and friends) until the core
  // has read the Settings choice, which wins when a person made one.
  setLanguage(systemLanguageFromEnv(process.env))
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    await print(usage(), command === undefined ? process.stderr : process.stdout)
    return command === undefined ? 2 : 0
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    await print(usage())
    return 0
  }
  if (command === 'serve') return serve(rest)

  const core = createCore({ transport: 'cli', checkFromHere: true })
  try {
    await call(core, 'settings.get', {}).catch(() => undefined)
    if (command === '--version' || command === 'version') {
      await print((await call(core, 'app.info', {})).version)
      return 0
    }
    if (command === 'server') return await serverCommand(core, rest)
    if (command === 'stack') return await stackCommand(core, rest)
    if (command === 'catalogue') return await catalogueCommand(core, rest)
    if (command === 'recipe') return await recipeCommand(core, rest)
    if (command === 'app') return await appCommand(core, rest)
    if (command === 'health') return await healthCommand(core, rest)
    if (command === 'team') return await teamCommand(core, rest)
    if (command === 'nightly') return await nightlyCommand(core, rest)
    throw new UsageError(t('cli.main.notCommand', { command }))
  } catch (err) {
    return report(err)
  } finally {
    await core.close()
  }
}

async function serve(args: string[]): Promise<number | null> {
  let values: { port?: string; open?: boolean }
  try {
    values = parseArgs({ args, options: { port: { type: 'string' }, open: { type: 'boolean' } } }).values
  } catch (err) {
    return report(new UsageError(err instanceof Error ? err.message : String(err)))
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!/^\d*$/.test(values.port ?? '') || port > 65535) return report(new UsageError(t('browser.badPort')))
  try {
    await runBrowserMode({ port, open: values.open })
    return null
  } catch (err) {
    return report(err)
  }
}

async function report(err: unknown): Promise<number> {
  if (err instanceof UsageError) {
    await print(`${err.message}\n\n${usage()}`, process.stderr)
    return 2
  }
  const body =
    err instanceof CliError
      ? err.body
      : { code: 'internal', message: t('cli.main.internal'), detail: err instanceof Error ? (err.stack ?? err.message) : String(err) }
  await print(body.detail ? t('cli.main.details', { message: body.message, detail: body.detail }) : body.message, process.stderr)
  return 1
}

// What bin/coopcloud-desktop.mjs calls.
export async function main(argv: string[]): Promise<void> {
  const code = await run(argv)
  if (code === null) return
  process.exitCode = code
  // A connection the core failed to close must not keep the shell waiting.
  setTimeout(() => process.exit(code), 2000).unref()
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) void main(process.argv.slice(2))
