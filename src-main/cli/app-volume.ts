import type { AppVolume } from '../contract/volumes'
import type { Core } from '../core/core'
import { parse } from './args'
import { humanSize, when } from './app-backup-follow'
import { findApp, table, type AppRef } from './app-find'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { followJob } from './jobs'
import { askLine, call, canAsk, print } from './io'

// app volume ls|rm, as abra's `app volume ls|rm`: an app's volumes (where it
// keeps its data) with their size and what uses them, and removing them.
export const volumeUsage = (): string => t('volumes.cli.usage')

export async function volumeCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  const { values, positionals } = parse(rest, { server: { type: 'string' }, json: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } })
  const [domain, ...names] = positionals
  switch (sub) {
    case 'ls':
    case 'list':
      if (names.length > 0 || values.yes) throw new UsageError(t('volumes.cli.lsOnlyDomain'))
      return list(core, await findApp(core, domain, values.server), Boolean(values.json))
    case 'rm':
    case 'remove':
      if (values.json) throw new UsageError(t('volumes.cli.notCommand', { sub: 'rm --json' }))
      return remove(core, await findApp(core, domain, values.server), names, Boolean(values.yes))
    case undefined:
      throw new UsageError(t('volumes.cli.sayWhat'))
    default:
      throw new UsageError(t('volumes.cli.notCommand', { sub }))
  }
}

const usersText = (v: AppVolume): string =>
  v.usedBy.length === 0
    ? t('volumes.cli.notUsed')
    : v.usedBy.map((u) => (u.running ? (u.service ?? u.container) : t('volumes.cli.stopped', { who: u.service ?? u.container }))).join(', ')

async function list(core: Core, app: AppRef, json: boolean): Promise<number> {
  const answer = await call(core, 'apps.volumes', app)
  if (json) {
    await print(JSON.stringify(answer, null, 2))
    return 0
  }
  if (answer.volumes.length === 0) {
    await print(t('volumes.cli.none', { ...app }))
    return 0
  }
  const h = (k: 'name' | 'size' | 'created' | 'usedBy' | 'docker') => t(`volumes.cli.head.${k}`)
  await print(
    table(
      [h('name'), h('size'), h('created'), h('usedBy'), h('docker')],
      answer.volumes.map((v) => [v.name, v.bytes === undefined ? t('volumes.cli.sizeUnknown') : humanSize(v.bytes), v.createdAt ? when(v.createdAt) : '', usersText(v), v.volume])
    )
  )
  if (answer.sizesMissing) await print(t('volumes.cli.sizesMissing', { why: answer.sizesMissing }), process.stderr)
  if (answer.deployed) await print(t('volumes.cli.deployedNote', { ...app }), process.stderr)
  return 0
}

// No names: every volume of the app, as abra's `app volume rm --force` does.
// The core refuses while the app is deployed and any name not its own.
async function remove(core: Core, app: AppRef, names: string[], yes: boolean): Promise<number> {
  let chosen = names
  if (chosen.length === 0) {
    const { volumes } = await call(core, 'apps.volumes', app)
    if (volumes.length === 0) {
      await print(t('volumes.cli.none', { ...app }))
      return 0
    }
    chosen = volumes.map((v) => v.name)
  }
  if (!yes) {
    if (!canAsk()) throw new CliError({ code: 'confirm-needed', message: t('volumes.cli.askFirst', { domain: app.domain, names: names.join(' ') }) })
    await print([t('volumes.cli.willRemove', { ...app }), ...chosen.map((n) => `  - ${n}`)].join('\n'), process.stderr)
    if ((await askLine(t('volumes.cli.typeDomain', { ...app }))) !== app.domain) {
      await print(t('volumes.cli.nothing'), process.stderr)
      return 1
    }
  }
  await followJob(core, () => call(core, 'apps.removeVolumes', { ...app, names: chosen, confirm: app.domain }), { failure: t('volumes.cli.failed', { ...app }) })
  const left = (await call(core, 'apps.volumes', app)).volumes
  const count = chosen.filter((n) => !left.some((v) => v.name === n || v.volume === n)).length
  await print(t('volumes.cli.removed', { count, ...app }))
  return 0
}
