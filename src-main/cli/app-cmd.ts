// app cmd <domain> [service] <function> [-- args…]: a function of the recipe's
// abra.sh, run in a container of the app (abra app cmd). --list shows them;
// --local runs it on this computer with the app's settings as environment.
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadApp } from '../apps/context'
import { abraShAt, INNER_SCRIPT } from '../apps/recipe-commands'
import type { Core } from '../core/core'
import { parse } from './args'
import { findApp, table } from './app-find'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { call, print } from './io'

export function exitWords(code: number | undefined): string {
  if (code === 0) return t('commands.exitOk')
  if (code === undefined) return t('commands.exitUnknown')
  return t('commands.exitFailed', { code })
}

export async function cmd(core: Core, argv: string[]): Promise<number> {
  const dash = argv.indexOf('--')
  const own = dash < 0 ? argv : argv.slice(0, dash)
  const fnArgs = dash < 0 ? [] : argv.slice(dash + 1)
  const { values, positionals } = parse(own, {
    server: { type: 'string' },
    list: { type: 'boolean', short: 'l' },
    local: { type: 'boolean' }
  })
  const app = await findApp(core, positionals[0], values.server)
  const { version, commands } = await call(core, 'apps.commands', app)
  const loaded = await loadApp(core, app.server, app.domain)
  const where = { recipe: loaded.recipe ?? '', version: version ?? 'HEAD' }

  if (values.list) {
    if (commands.length === 0) {
      await print(t('commands.cli.none', where))
      return 0
    }
    await print(table(['', ''], commands.map((c) => [c.name, c.description ?? ''])).split('\n').slice(1).join('\n'))
    return 0
  }

  const rest = positionals.slice(1)
  if (rest.length === 0) throw new UsageError(t('commands.cli.giveCommand'))
  if (rest.length > 2 || (values.local && rest.length > 1)) throw new UsageError(t('commands.cli.tooMany', { got: rest.join(' ') }))
  const name = rest[rest.length - 1]
  if (!commands.some((c) => c.name === name)) {
    throw new CliError({
      code: 'command-unknown',
      message: commands.length ? t('commands.unknown', { ...where, name, names: commands.map((c) => c.name).join(', ') }) : t('commands.noneAtAll', { ...where, name })
    })
  }

  if (values.local) return runLocal(core, loaded, version, name, fnArgs)

  let service = rest.length === 2 ? rest[0] : undefined
  if (service === undefined) {
    const detail = await call(core, 'apps.get', app)
    const running = detail.app.services.filter((s) => s.running > 0).map((s) => s.name)
    if (running.length === 0) throw new CliError({ code: 'app-not-deployed', message: t('commands.cli.noServices', { domain: app.domain }) })
    if (running.length > 1) throw new UsageError(t('commands.cli.noService', { name, services: running.join(', ') }))
    service = running[0]
  }
  return follow(core, () => call(core, 'apps.runCommand', { ...app, service: service!, command: name, args: fnArgs }))
}

async function follow(core: Core, start: () => Promise<{ streamId: string }>): Promise<number> {
  let streamId: string | undefined
  const early: Array<[string, unknown]> = []
  let finish: (code: number) => void = () => {}
  const done = new Promise<number>((resolve) => (finish = resolve))
  const handle = (event: string, payload: unknown): void => {
    if (event === 'stream.data') {
      process.stdout.write((payload as { data: string }).data)
    } else if (event === 'stream.end') {
      const { error, exitCode } = payload as { error?: string; exitCode?: number }
      if (error) void print(error, process.stderr).then(() => finish(1))
      else void print(exitWords(exitCode), process.stderr).then(() => finish(exitCode === 0 ? 0 : 1))
    }
  }
  const off = core.events.subscribe((event, payload) => {
    if (event !== 'stream.data' && event !== 'stream.end') return
    if (streamId === undefined) early.push([event, payload])
    else if ((payload as { streamId: string }).streamId === streamId) handle(event, payload)
  })
  let stops = 0
  const onSigint = (): void => {
    if (++stops > 1 || streamId === undefined) return finish(130)
    void call(core, 'streams.stop', { streamId })
      .catch(() => undefined)
      .then(() => print(t('commands.cli.stopped'), process.stderr))
      .then(() => finish(130))
  }
  process.on('SIGINT', onSigint)
  try {
    streamId = (await start()).streamId
    for (const [event, payload] of early) if ((payload as { streamId: string }).streamId === streamId) handle(event, payload)
    const code = await done
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
    return code
  } finally {
    off()
    process.off('SIGINT', onSigint)
  }
}

// --local: the same script as in a container, with this computer's bash (else sh).
async function runLocal(core: Core, app: Awaited<ReturnType<typeof loadApp>>, version: string | undefined, name: string, args: string[]): Promise<number> {
  const text = await abraShAt(core.paths.recipesDir, app.recipe ?? '', version)
  if (text === undefined) throw new CliError({ code: 'command-unknown', message: t('commands.cli.noAbraSh', { recipe: app.recipe ?? '', version: version ?? 'HEAD' }) })
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ccd-abra-sh-'))
  const file = path.join(dir, 'abra.sh')
  await fs.writeFile(file, text, { mode: 0o600 })
  try {
    const code = await new Promise<number | undefined>((resolve, reject) => {
      const tryShell = (shells: string[]): void => {
        const child = spawn(shells[0], ['-c', INNER_SCRIPT, 'abra.sh', file, name, ...args], {
          env: { ...process.env, ...app.values },
          stdio: 'inherit'
        })
        child.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT' && shells.length > 1) tryShell(shells.slice(1))
          else reject(new CliError({ code: 'command-failed', message: t('commands.cli.localFailed', { message: err.message }) }))
        })
        child.on('close', (c) => resolve(c ?? undefined))
      }
      tryShell(['bash', 'sh'])
    })
    await print(exitWords(code), process.stderr)
    return code === 0 ? 0 : 1
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
