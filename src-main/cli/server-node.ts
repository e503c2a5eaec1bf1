import type { Core } from '../core/core'
import type { SwarmMachine } from '../contract/nodes'
import { parse } from './args'
import { CliError, UsageError } from './errors'
import { followJob } from './jobs'
import { askYesNo, call, canAsk, print } from './io'
import { sizeText, t } from '../i18n/i18n'

// server node ls|drain|activate|pause|label|rm: the machines of a server's
// swarm, as `docker node …` run on its manager, named by hostname or ID.
// A drain shows what would move and asks first, as the Machines page does.
export async function serverNode(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'ls':
    case 'list':
      return list(core, rest)
    case 'drain':
      return drain(core, rest)
    case 'activate':
    case 'pause':
      return setAvailability(core, sub === 'activate' ? 'active' : 'pause', rest)
    case 'label':
      return label(core, rest)
    case 'rm':
    case 'remove':
      return remove(core, rest)
    case 'add':
      return addMachine(core, rest)
    case undefined:
      throw new UsageError(t('nodes.cli.sayWhat'))
    default:
      throw new UsageError(t('nodes.cli.notCommand', { sub }))
  }
}

function serverAndMachine(positionals: string[], extra = false): [string, string, string[]] {
  const [server, machine, ...more] = positionals
  if (!server || !machine) throw new UsageError(t('nodes.cli.giveMachine'))
  if (more.length && !extra) throw new UsageError(t('nodes.cli.tooMany', { got: more.join(' ') }))
  return [server, machine, more]
}

/** The machine named by hostname or ID (or the start of an ID, as docker takes it). */
async function findMachine(core: Core, server: string, name: string): Promise<SwarmMachine> {
  const list = await call(core, 'nodes.list', { server })
  if (!list.swarm) throw new CliError({ code: 'not-a-swarm-manager', message: t('nodes.notManager', { server }) })
  const exact = list.machines.filter((m) => m.hostname === name || m.id === name)
  const found = exact.length ? exact : list.machines.filter((m) => name.length >= 3 && m.id.startsWith(name))
  if (found.length === 1) return found[0]
  const names = list.machines.map((m) => m.hostname).join(', ')
  throw new CliError({ code: found.length ? 'machine-ambiguous' : 'machine-not-found', message: t(found.length ? 'nodes.cli.ambiguous' : 'nodes.cli.noSuchMachine', { server, name, names }) })
}

async function list(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  const [server, ...more] = positionals
  if (!server || more.length) throw new UsageError(t('nodes.cli.giveServer'))
  const answer = await call(core, 'nodes.list', { server })
  if (values.json) return print(JSON.stringify(answer, null, 2)).then(() => 0)
  if (!answer.swarm) {
    await print(t('nodes.notManager', { server }))
    return 0
  }
  const lines = answer.machines.map((m) =>
    [
      m.hostname + (m.self ? ' *' : ''),
      m.leader ? t('nodes.cli.leader') : t(`nodes.cli.role.${m.role}`),
      t(`nodes.cli.state.${m.state}`),
      t(`nodes.availability.${m.availability}`),
      m.address,
      `Docker ${m.dockerVersion}`,
      t('nodes.cli.resources', { cpus: m.cpus, memory: sizeText(m.memoryBytes) }),
      Object.entries(m.labels).map(([k, v]) => `${k}=${v}`).join(',') || '-',
      m.running.length ? m.running.join(', ') : t('nodes.cli.runsNothing')
    ].join('  ')
  )
  await print([t('nodes.cli.heading', { server, count: answer.machines.length }), ...lines].join('\n'))
  return 0
}

async function drain(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { yes: { type: 'boolean', short: 'y' } })
  const [server, name] = serverAndMachine(positionals)
  const machine = await findMachine(core, server, name)
  const plan = await call(core, 'nodes.drainPlan', { server, node: machine.id })
  const words = [t('nodes.cli.drainHeading', { machine: machine.hostname })]
  for (const s of plan.moving) {
    words.push(t('nodes.cli.moves', { service: s.name, to: s.movesTo.join(', ') }))
    if (s.localData.length) words.push(t('nodes.cli.leavesData', { volumes: s.localData.join(', '), machine: machine.hostname }))
  }
  for (const s of plan.stuck) words.push(t('nodes.cli.stuck', { service: s.name }))
  for (const s of plan.everywhere) words.push(t('nodes.cli.everywhere', { service: s.name }))
  if (plan.moving.length + plan.stuck.length + plan.everywhere.length === 0) words.push(t('nodes.cli.nothingRuns'))
  await print(words.join('\n'), process.stderr)
  if (!values.yes) {
    if (!canAsk()) throw new CliError({ code: 'confirm-needed', message: t('nodes.cli.askFirst', { machine: machine.hostname }) })
    if (!(await askYesNo(t('nodes.cli.confirmDrain', { machine: machine.hostname })))) {
      await print(t('nodes.cli.nothingChanged'), process.stderr)
      return 1
    }
  }
  return runAvailability(core, server, machine, 'drain')
}

async function setAvailability(core: Core, availability: 'active' | 'pause', args: string[]): Promise<number> {
  const { positionals } = parse(args, {})
  const [server, name] = serverAndMachine(positionals)
  return runAvailability(core, server, await findMachine(core, server, name), availability)
}

async function runAvailability(core: Core, server: string, machine: SwarmMachine, availability: 'active' | 'pause' | 'drain'): Promise<number> {
  const job = await followJob(core, () => call(core, 'nodes.setAvailability', { server, node: machine.id, availability }), {
    failure: t('nodes.cli.failed', { machine: machine.hostname })
  })
  await print(job.log.at(-1) ?? '')
  return 0
}

async function label(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { rm: { type: 'string', multiple: true } })
  const [server, name, pairs] = serverAndMachine(positionals, true)
  const machine = await findMachine(core, server, name)
  const labels = { ...machine.labels }
  for (const key of values.rm ?? []) delete labels[key]
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at < 1) throw new UsageError(t('nodes.cli.badLabel', { pair }))
    labels[pair.slice(0, at)] = pair.slice(at + 1)
  }
  const after = await call(core, 'nodes.setLabels', { server, node: machine.id, labels })
  await print(t('nodes.cli.labels', { machine: machine.hostname, labels: Object.entries(after.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '-' }))
  return 0
}

async function remove(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { yes: { type: 'boolean', short: 'y' } })
  const [server, name] = serverAndMachine(positionals)
  const machine = await findMachine(core, server, name)
  if (!values.yes) {
    if (!canAsk()) throw new CliError({ code: 'confirm-needed', message: t('nodes.cli.askFirst', { machine: machine.hostname }) })
    if (!(await askYesNo(t('nodes.cli.confirmRemove', { machine: machine.hostname, server })))) {
      await print(t('nodes.cli.nothingChanged'), process.stderr)
      return 1
    }
  }
  const { removed } = await call(core, 'nodes.remove', { server, node: machine.id })
  await print(t('nodes.cli.removed', { machine: removed, server }))
  return 0
}

// server node add: what the "Add a machine" wizard does. The host key is shown
// and trusted (asked, or --yes), the machine checked, an even number of
// managers confirmed; the join token stays inside the core.
async function addMachine(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    user: { type: 'string' },
    port: { type: 'string' },
    manager: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' }
  })
  const [server, host, ...more] = positionals
  if (!server || !host) throw new UsageError(t('join.cli.giveHost'))
  if (more.length) throw new UsageError(t('nodes.cli.tooMany', { got: more.join(' ') }))
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new UsageError(t('join.cli.badPort'))
  const machine = { host, ...(values.user ? { user: values.user } : {}), ...(port ? { port } : {}) }
  const role = values.manager ? 'manager' : 'worker'
  const confirm = async (question: string, needsYes: string): Promise<boolean> => {
    if (values.yes) return true
    if (!canAsk()) throw new CliError({ code: 'confirm-needed', message: needsYes })
    if (await askYesNo(question)) return true
    await print(t('join.cli.declined'), process.stderr)
    return false
  }

  // The port ~/.ssh/config gives the host, unless --port says otherwise.
  const where = await call(core, 'servers.resolve', { host, ...(values.user ? { user: values.user } : {}), ...(port ? { port } : {}) })
  const probe = await call(core, 'servers.probeHostKey', { hostname: host, port: where.port })
  if (probe.status === 'changed') {
    throw new CliError({ code: 'host-key-changed', message: t('join.cli.hostKeyChanged', { known: probe.knownFingerprint ?? '?', fingerprint: probe.fingerprint }) })
  }
  if (probe.status !== 'known') {
    await print(t('join.cli.hostKeyNew', { host: probe.hostname, port: probe.port, type: probe.keyType, fingerprint: probe.fingerprint }), process.stderr)
    if (!(await confirm(t('join.cli.trustAsk'), t('join.cli.trustNeedsYes')))) return 1
  }
  await call(core, 'servers.trustHostKey', { probeId: probe.probeId })

  const check = await call(core, 'nodes.joinCheck', { server, machine })
  if (!check.ready) {
    const failing = check.checks.filter((c) => c.ok === false).map((c) => `  ✗ ${c.title}: ${c.detail}`)
    throw new CliError({ code: 'machine-not-ready', message: [t('join.cli.checksFailed'), ...failing, ...(check.canPrepare ? [t('join.cli.prepareHint')] : [])].join('\n') })
  }
  const managers = check.managers + (role === 'manager' ? 1 : 0)
  let confirmEvenManagers = false
  if (role === 'manager' && managers % 2 === 0) {
    await print(t('join.evenManagers', { server, count: managers }), process.stderr)
    if (!(await confirm(t('join.cli.evenAsk'), t('join.cli.evenNeedsYes')))) return 1
    confirmEvenManagers = true
  }
  const job = await followJob(core, () => call(core, 'nodes.join', { server, machine, role, confirmEvenManagers }), {
    failure: t('join.joinFailed', { machine: check.hostname ?? host, server, reason: '' }).trim()
  })
  await print(job.log.at(-1) ?? '')
  return 0
}
