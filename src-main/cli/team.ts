import type { Core } from '../core/core'
import type { TeamStatus } from '../contract/team'
import { parse } from './args'
import { UsageError } from './errors'
import { call, print, readStdin } from './io'
import { t } from '../i18n/i18n'

// team status|connect|join|sync|resolve|servers: app settings (~/.abra/servers)
// shared with a team through a git repository, as Settings shares them.
export const teamUsage = (): string => t('team.cli.usage')

export async function teamCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'status':
      return status(core, rest)
    case 'connect':
    case 'share':
    case 'join':
      return connectOrJoin(core, sub === 'join' ? 'join' : 'connect', rest)
    case 'sync':
      return show(await call(core, 'team.sync', {}))
    case 'resolve':
      return resolve(core, rest)
    case 'servers':
      return servers(core, rest)
    case undefined:
      throw new UsageError(t('team.cli.sayWhat'))
    default:
      throw new UsageError(t('team.cli.notCommand', { sub }))
  }
}

async function status(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  if (positionals.length) throw new UsageError(t('team.cli.sayWhat'))
  const answer = await call(core, 'team.status', {})
  if (values.json) return print(JSON.stringify(answer, null, 2)).then(() => 0)
  return show(answer)
}

async function connectOrJoin(core: Core, how: 'connect' | 'join', args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    name: { type: 'string' },
    server: { type: 'string', multiple: true },
    'token-stdin': { type: 'boolean' }
  })
  const [remote, ...more] = positionals
  if (!remote || !values.name || more.length || (how === 'join' && values.server)) throw new UsageError(t('team.cli.giveRemote', { sub: how }))
  // The token never goes on the command line (shell history, ps): piped in, or from the environment.
  const token = values['token-stdin'] ? await readStdin() : process.env.COOPCLOUD_TEAM_TOKEN || undefined
  const base = { remote, name: values.name, ...(token ? { token } : {}) }
  const answer = how === 'join' ? await call(core, 'team.join', base) : await call(core, 'team.connect', { ...base, ...(values.server ? { servers: values.server } : {}) })
  return show(answer)
}

async function resolve(core: Core, args: string[]): Promise<number> {
  const [file, ...choices] = args
  if (!file || !choices.length || choices.some((c) => c !== 'mine' && c !== 'theirs')) throw new UsageError(t('team.cli.giveResolve'))
  return show(await call(core, 'team.resolve', { file, choices: choices as Array<'mine' | 'theirs'> }))
}

/** Which servers are shared from now on: those named, or --all. */
async function servers(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { all: { type: 'boolean' } })
  if (values.all ? positionals.length > 0 : positionals.length === 0) throw new UsageError(t('team.cli.giveServers'))
  return show(await call(core, 'team.setServers', values.all ? {} : { servers: positionals }))
}

async function show(s: TeamStatus): Promise<number> {
  if (!s.connected) {
    await print(t('team.cli.notShared'))
    return 0
  }
  const out = [
    t('team.cli.sharedWith', { remote: s.remote, branch: s.branch, name: s.name }),
    s.servers ? t('team.cli.servers', { list: s.servers.join(', ') }) : t('team.cli.serversAll'),
    s.unsharedWords ?? t('team.cli.allShared')
  ]
  if (s.warning) out.push(s.warning)
  if (s.problem) out.push(s.problem)
  for (const c of s.conflicts) out.push(t('team.cli.conflictIn', { file: c.file }), c.words)
  await print(out.join('\n'))
  // A conflict waiting for a choice is something to act on, as health's exit code says.
  return s.conflicts.length ? 1 : 0
}
