import type { CheckResult, FixAction, HostKeyProbe, ServerSummary } from '../contract/schemas'
import type { Core } from '../core/core'
import { onePositional, parse } from './args'
import { CliError, UsageError } from './errors'
import { followJob } from './jobs'
import { askYesNo, call, canAsk, print, readStdin } from './io'
import { t } from '../i18n/i18n'
import { serverPrune } from './server-prune'
import { serverNode } from './server-node'

export const serverUsage = (): string => `Usage:
  coopcloud-desktop server add <host> [--user U] [--port N] [--name NAME] [--socket PATH]
                                      [--trust-host-key FINGERPRINT | --yes]
                                      [--password-stdin | --passphrase-stdin]
  coopcloud-desktop server add --local [--socket PATH]
  coopcloud-desktop server ls [--json]
  coopcloud-desktop server check <name> [--json]     (${t('cli.usage.serverCheck')})
  coopcloud-desktop server rm <name>
  coopcloud-desktop server swarm-init <name> [--advertise-addr A] [--listen-addr L] [--data-path-port N]
  coopcloud-desktop server proxy-network <name>       (${t('cli.usage.serverProxyNetwork')})
  coopcloud-desktop server prepare <name>             (${t('cli.usage.serverPrepare')})
  coopcloud-desktop server password-off <name>        (${t('cli.usage.serverPasswordOff')})
  coopcloud-desktop server firewall-on <name>         (${t('cli.usage.serverFirewallOn')})
  coopcloud-desktop server auto-updates-on <name>     (${t('cli.usage.serverAutoUpdatesOn')})
${t('cleanup.cli.usage')}
${t('nodes.cli.usage')}
${t('join.cli.usage')}`

export async function serverCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'add':
      return add(core, rest)
    case 'ls':
    case 'list':
      return list(core, rest)
    case 'check':
      return check(core, rest)
    case 'rm':
    case 'remove':
      return remove(core, rest)
    case 'swarm-init':
      return swarmInit(core, rest)
    case 'proxy-network':
      return proxyNetwork(core, rest)
    case 'prepare':
      return prepare(core, rest)
    case 'password-off':
    case 'firewall-on':
    case 'auto-updates-on':
      return serverJob(core, sub, rest)
    case 'prune':
      return serverPrune(core, rest)
    case 'node':
      return serverNode(core, rest)
    case undefined:
      throw new UsageError(t('cli.server.sayWhat'))
    default:
      throw new UsageError(t('cli.server.notCommand', { sub }))
  }
}

function portOf(value: string | undefined, flag = '--port'): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new UsageError(t('cli.server.badPort', { flag, value }))
  return port
}

async function add(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    user: { type: 'string' },
    port: { type: 'string' },
    name: { type: 'string' },
    local: { type: 'boolean' },
    socket: { type: 'string' },
    'trust-host-key': { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'password-stdin': { type: 'boolean' },
    'passphrase-stdin': { type: 'boolean' }
  })
  const socketPath = values.socket

  if (values.local) {
    if (positionals.length > 0) throw new UsageError(t('cli.server.localNoHost'))
    for (const flag of ['user', 'port', 'name', 'trust-host-key', 'password-stdin', 'passphrase-stdin'] as const) {
      if (values[flag] !== undefined) throw new UsageError(t('cli.server.notWithLocal', { flag }))
    }
    const summary = await call(core, 'servers.add', { kind: 'local', socketPath })
    await print(t('cli.server.addedLocal', { name: summary.name }))
    return 0
  }

  const host = onePositional(positionals, 'serverAddress')
  if (values['password-stdin'] && values['passphrase-stdin']) throw new UsageError(t('cli.server.passwordOrPassphrase'))
  if (values['trust-host-key'] !== undefined && values.yes) throw new UsageError(t('cli.server.trustOrYes'))
  const user = values.user
  const port = portOf(values.port)
  const secret = values['password-stdin'] || values['passphrase-stdin'] ? await readStdin() : undefined

  const resolved = await call(core, 'servers.resolve', { host, user, port })
  const probe = await call(core, 'servers.probeHostKey', { hostname: resolved.hostname, port: resolved.port })
  if (probe.status !== 'known') {
    await confirmHostKey(probe, values['trust-host-key'], Boolean(values.yes))
    await call(core, 'servers.trustHostKey', { probeId: probe.probeId })
  }

  const summary = await call(core, 'servers.add', {
    kind: 'ssh',
    host,
    name: values.name,
    user,
    port,
    socketPath,
    password: values['password-stdin'] ? secret : undefined,
    passphrase: values['passphrase-stdin'] ? secret : undefined
  })
  await print(t('cli.server.added', { name: summary.name, user: summary.user, host: summary.hostname, port: summary.port }))
  return 0
}

// Same rule as ssh: a key we have never seen is trusted only when the person
// has checked it, and a changed key (also a key of a new type where another
// type is on record) is refused outright: neither --yes, nor
// --trust-host-key, nor answering a question can wave it through.
async function confirmHostKey(probe: HostKeyProbe, given: string | undefined, yes: boolean): Promise<void> {
  const where = probe.port === 22 ? probe.hostname : `${probe.hostname}:${probe.port}`
  if (probe.status === 'changed') {
    const record = probe.port === 22 ? probe.hostname : `[${probe.hostname}]:${probe.port}`
    throw new CliError({
      code: 'host-key-changed',
      message: [
        t('cli.server.changed1', { where }),
        t('cli.server.changed2', { fingerprint: probe.knownFingerprint ?? t('cli.server.unknown') }),
        t('cli.server.changed3', { fingerprint: probe.fingerprint, type: probe.keyType }),
        t('cli.server.changed4'),
        t('cli.server.changed5'),
        t('cli.server.changed6', { record })
      ].join('\n')
    })
  }
  if (given !== undefined) {
    if (sameFingerprint(given, probe.fingerprint)) return
    throw new CliError({
      code: 'host-key-mismatch',
      message: t('cli.server.mismatch', { where }),
      detail: t('cli.server.mismatchDetail', { given, fingerprint: probe.fingerprint, type: probe.keyType })
    })
  }
  if (yes) return

  const lines = [t('cli.server.unknown1', { where }), `  ${probe.fingerprint} (${probe.keyType})`]
  if (!canAsk()) {
    throw new CliError({
      code: 'host-key-unknown',
      message: `${lines.join('\n')}\n${t('cli.server.unknown2', { fingerprint: probe.fingerprint })}`
    })
  }
  await print(lines.join('\n'), process.stderr)
  if (!(await askYesNo(t('cli.server.confirm')))) {
    throw new CliError({ code: 'cancelled', message: t('cli.server.notConfirmed') })
  }
}

function sameFingerprint(a: string, b: string): boolean {
  const norm = (s: string): string => s.trim().replace(/^SHA256:/i, '').replace(/=+$/, '')
  return norm(a) === norm(b)
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  if (positionals.length > 0) throw new UsageError(t('cli.server.lsNoNames'))
  const servers = await call(core, 'servers.list', {})
  if (values.json) {
    await print(JSON.stringify(servers, null, 2))
    return 0
  }
  if (servers.length === 0) {
    await print(t('cli.server.none'))
    return 0
  }
  await print(table([t('cli.server.head.name'), t('cli.server.head.address'), t('cli.server.head.state'), t('cli.server.head.apps')], servers.map((s) => [s.name, address(s), s.state, String(s.appCount)])))
  return 0
}

function address(s: ServerSummary): string {
  if (s.kind === 'local') return t('cli.server.thisComputer')
  return `${s.user ? `${s.user}@` : ''}${s.hostname}${s.port && s.port !== 22 ? `:${s.port}` : ''}`
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n')
}

async function check(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  const name = onePositional(positionals, 'serverName')
  const results = await call(core, 'servers.check', { name })
  if (values.json) await print(JSON.stringify(results, null, 2))
  else await print(results.map((r) => describeCheck(r, name)).join('\n'))
  return results.some((r) => r.ok === false) ? 1 : 0
}

function describeCheck(r: CheckResult, name: string): string {
  const mark = r.ok === null ? '[skip]' : r.ok ? '[ ok ]' : '[FAIL]'
  const lines = [`${mark} ${r.title}`]
  if (r.detail) lines.push(`       ${r.detail}`)
  if (r.fix) lines.push(t('cli.server.fix', { text: r.fix.text }))
  const command = r.fix && FIX_COMMANDS[r.fix.action]
  if (command) lines.push(t('cli.server.run', { command: command.replace('NAME', name) }))
  return lines.join('\n')
}

// The same fixes the wizard's buttons offer, for people at a terminal.
const FIX_COMMANDS: Partial<Record<FixAction, string>> = {
  'swarm-init': 'server swarm-init NAME',
  'proxy-network-create': 'server proxy-network NAME',
  prepare: 'server prepare NAME',
  'password-off': 'server password-off NAME',
  'firewall-on': 'server firewall-on NAME',
  'auto-updates-on': 'server auto-updates-on NAME'
}

// The server-changing jobs the checks offer. Each proves itself and undoes
// itself on failure (the same job as the window's button); the terminal shows
// its steps as it goes and says the true state at the end.
const SERVER_JOBS = {
  'password-off': { method: 'servers.passwordOff', failed: 'cli.server.passwordOffFailed', done: 'cli.server.passwordOff' },
  'firewall-on': { method: 'servers.firewallOn', failed: 'cli.server.firewallOnFailed', done: 'cli.server.firewallOn' },
  'auto-updates-on': { method: 'servers.autoUpdatesOn', failed: 'cli.server.autoUpdatesOnFailed', done: 'cli.server.autoUpdatesOn' }
} as const

async function serverJob(core: Core, sub: keyof typeof SERVER_JOBS, args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  const name = onePositional(positionals, 'serverName')
  const job = SERVER_JOBS[sub]
  await followJob(core, () => call(core, job.method, { name }), { failure: t(job.failed, { name }) })
  await print(t(job.done, { name }))
  return 0
}

async function swarmInit(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    'advertise-addr': { type: 'string' },
    'listen-addr': { type: 'string' },
    'data-path-port': { type: 'string' }
  })
  const name = onePositional(positionals, 'serverName')
  let advertiseAddr = values['advertise-addr']
  if (!advertiseAddr) {
    const addresses = await call(core, 'servers.addresses', { name })
    if (addresses.length === 0) throw new UsageError(t('cli.server.noAddresses'))
    advertiseAddr = addresses[0]
    await print(t('cli.server.usingAddress', { address: advertiseAddr, found: addresses.join(', ') }), process.stderr)
  }
  const dataPathPort = values['data-path-port'] === undefined ? undefined : portOf(values['data-path-port'], '--data-path-port')
  await call(core, 'servers.swarmInit', { name, advertiseAddr, listenAddr: values['listen-addr'], dataPathPort })
  await print(t('cli.server.swarmOn', { name }))
  return 0
}

async function proxyNetwork(core: Core, args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  const name = onePositional(positionals, 'serverName')
  await call(core, 'servers.createProxyNetwork', { name })
  await print(t('cli.server.proxyNetwork', { name }))
  return 0
}

async function prepare(core: Core, args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  const name = onePositional(positionals, 'serverName')
  await followJob(core, () => call(core, 'servers.prepare', { name }), { failure: t('cli.server.prepareFailed', { name }) })
  await print(t('cli.server.prepared', { name }))
  return 0
}

async function remove(core: Core, args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  const name = onePositional(positionals, 'serverName')
  await call(core, 'servers.remove', { name })
  await print(t('cli.server.removed', { name }))
  return 0
}
