import type { Core } from '../core/core'
import { parse } from './args'
import { asks, followDeploy, NO_QUESTIONS, runDeploy } from './app-deploy'
import { findApp, printSecretValues, table } from './app-find'
import { UsageError } from './errors'
import { t } from '../i18n/i18n'
import { call, print, readStdin } from './io'

export async function secretCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  // --yes/-y (or abra's --no-input/-n): rotate's redeploy goes without showing its preview and asking.
  const { values, positionals } = parse(rest, { server: { type: 'string' }, json: { type: 'boolean' }, ...NO_QUESTIONS })
  const [domain, ...more] = positionals
  // The command line's shape is checked before the app is looked for.
  const app = async (count: number | undefined, shape: string) => {
    if (!domain || (count !== undefined && more.length !== count)) throw new UsageError(shape)
    return findApp(core, domain, values.server)
  }
  switch (sub) {
    case 'ls':
    case 'list':
      return list(core, await app(0, '"app secret ls" takes only the domain.'), Boolean(values.json))
    case 'generate':
      return generate(core, await app(undefined, t('cli.secret.giveGenerate')), more)
    case 'insert':
      return insert(core, await app(2, t('cli.secret.giveInsert')), more[0], more[1])
    case 'rotate':
      return rotate(core, await app(1, t('cli.secret.giveRotate')), more[0], asks(values))
    case 'rm':
    case 'remove':
      return remove(core, await app(1, t('cli.secret.giveRemove')), more[0])
    case undefined:
      throw new UsageError(t('cli.secret.sayWhat'))
    default:
      throw new UsageError(t('cli.secret.notCommand', { sub }))
  }
}

type Ref = { server: string; domain: string }

async function list(core: Core, app: Ref, json: boolean): Promise<number> {
  const secrets = await call(core, 'secrets.list', app)
  if (json) {
    await print(JSON.stringify(secrets, null, 2))
    return 0
  }
  if (secrets.length === 0) {
    await print(t('cli.secret.none', { domain: app.domain }))
    return 0
  }
  const on = (exists: boolean | undefined) => (exists === undefined ? 'unknown' : exists ? 'yes' : 'no')
  await print(table(['NAME', 'VERSION', 'ON SERVER', 'GENERATED', 'DOCKER NAME'], secrets.map((s) => [s.name, s.version, on(s.exists), s.generate ? 'yes' : 'no (typed)', s.swarmName])))
  return 0
}

async function generate(core: Core, app: Ref, names: string[]): Promise<number> {
  const made = await call(core, 'secrets.create', { ...app, names: names.length > 0 ? names : undefined })
  if (made.length === 0) {
    await print(t('cli.secret.allThere', { domain: app.domain, server: app.server }))
    return 0
  }
  await print(`Created ${made.map((s) => s.swarmName).join(', ')} on ${app.server}.`, process.stderr)
  await printSecretValues(made, print)
  return 0
}

// The value as an argument lands in shell history; "-" reads it from stdin.
async function insert(core: Core, app: Ref, name: string, given: string): Promise<number> {
  const value = given === '-' ? await readStdin() : given
  if (value === '') throw new UsageError(t('cli.secret.empty', { name }))
  const made = await call(core, 'secrets.create', { ...app, names: [name], values: { [name]: value } })
  await print(`Stored ${made.map((s) => s.swarmName).join(', ') || name} on ${app.server}.`)
  return 0
}

// On a terminal the redeploy that switches the app to the new value is
// previewed and asked about, as app deploy does; until it goes, the app keeps the old value.
async function rotate(core: Core, app: Ref, name: string, ask: boolean): Promise<number> {
  const rotated = await call(core, 'secrets.rotate', { ...app, name, redeploy: !ask })
  await print(t('cli.secret.rotated', { name, version: rotated.version, swarmName: rotated.secret.swarmName }), process.stderr)
  await printSecretValues([rotated.secret], print)
  if (ask) {
    if (!rotated.deployed) return 0
    await print(t('cli.secret.previewFirst', { domain: app.domain, name }), process.stderr)
    return runDeploy(core, { ...app, kind: 'redeploy' }, true, t('cli.secret.notRedeployed', { domain: app.domain, name }))
  }
  const jobId = rotated.jobId
  if (jobId === undefined) return 0
  await print(t('cli.secret.redeploying', { domain: app.domain }), process.stderr)
  return followDeploy(core, async () => ({ jobId }), () => jobId, t('cli.deploy.redeployed', { domain: app.domain }))
}

async function remove(core: Core, app: Ref, name: string): Promise<number> {
  const { removed } = await call(core, 'secrets.remove', { ...app, name })
  await print(removed.length > 0 ? t('cli.secret.removed', { names: removed.join(', '), server: app.server }) : t('cli.secret.notThere', { name, server: app.server }))
  return 0
}
