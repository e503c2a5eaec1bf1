import fs from 'node:fs'
import type { Core } from '../core/core'
import type { NightlyDestination, NightlyStatus } from '../contract/nightly'
import { parse } from './args'
import { followLongJob, humanSize, when } from './app-backup-follow'
import { findApp } from './app-find'
import { CliError, UsageError } from './errors'
import { askLine, call, canAsk, print, readStdin } from './io'
import { t } from '../i18n/i18n'

// nightly setup|status|snapshots|restore: nightly backups on the server with
// backup-bot-two, as the server's page sets them up. Secrets never go on the
// command line (shell history, ps): the SSH key from a file, the S3 secret
// key piped in or from COOPCLOUD_S3_SECRET.
export const nightlyUsage = (): string => t('backups.nightly.cli.usage')

export async function nightlyCommand(core: Core, args: string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'setup':
      return setup(core, rest)
    case 'status':
      return status(core, rest)
    case 'snapshots':
    case 'ls':
      return snapshots(core, rest)
    case 'restore':
      return restore(core, rest)
    case undefined:
      throw new UsageError(t('backups.nightly.cli.sayWhat'))
    default:
      throw new UsageError(t('backups.nightly.cli.notCommand', { sub }))
  }
}

async function destinationOf(to: string | undefined, v: Record<string, string | boolean | undefined>): Promise<NightlyDestination> {
  if (!to || to === 'server') return { kind: 'server' }
  const sftp = /^sftp:\/\/([^@/]+)@([^:/]+)(?::(\d+))?(\/.*)$/.exec(to)
  if (sftp) {
    if (typeof v['ssh-key'] !== 'string' || typeof v['host-key'] !== 'string') throw new UsageError(t('backups.nightly.cli.sftpNeeds'))
    return { kind: 'sftp', user: sftp[1], host: sftp[2], port: sftp[3] ? Number(sftp[3]) : 22, path: sftp[4], privateKey: fs.readFileSync(v['ssh-key'], 'utf8'), hostKey: v['host-key'] }
  }
  const s3 = /^s3:(https?:\/\/[^/]+)\/(.+)$/.exec(to)
  if (s3) {
    const secret = v['secret-stdin'] ? (await readStdin()).trim() : process.env.COOPCLOUD_S3_SECRET
    if (typeof v['key-id'] !== 'string' || !secret) throw new UsageError(t('backups.nightly.cli.s3Needs'))
    return { kind: 's3', endpoint: s3[1], bucket: s3[2], accessKeyId: v['key-id'], secretAccessKey: secret }
  }
  throw new UsageError(t('backups.nightly.cli.badTo', { to }))
}

async function setup(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    to: { type: 'string' },
    time: { type: 'string' },
    keep: { type: 'string' },
    domain: { type: 'string' },
    'ssh-key': { type: 'string' },
    'host-key': { type: 'string' },
    'key-id': { type: 'string' },
    'secret-stdin': { type: 'boolean' }
  })
  if (positionals.length !== 1) throw new UsageError(t('backups.nightly.cli.giveServer', { sub: 'setup' }))
  const [server] = positionals
  const destination = await destinationOf(values.to, values)
  let kit: { server: string; domain: string; repository: string; password: string } | undefined
  await followLongJob(
    core,
    async () => {
      const answer = await call(core, 'nightly.setup', {
        server,
        destination,
        ...(values.time ? { time: values.time } : {}),
        ...(values.keep ? { keep: Number(values.keep) } : {}),
        ...(values.domain ? { domain: values.domain } : {})
      })
      kit = answer.recoveryKit
      return answer
    },
    { failure: t('backups.nightly.cli.setupFailed', { server }), cancelled: t('backups.nightly.cli.setupCancelled', { server }) }
  )
  // The one time the password is shown: on stdout, so it can be saved to a file.
  if (kit) await print(t('backups.nightly.cli.kit', kit))
  return 0
}

function describe(s: NightlyStatus): string {
  if (!s.configured) return t('backups.nightly.cli.notConfigured', { server: s.server })
  const lines = [t('backups.nightly.cli.configured', { server: s.server, domain: s.domain ?? '', where: s.where?.words ?? '', time: s.time ?? '?', keep: s.keep ?? '?' })]
  if (s.lastRun?.ok) lines.push(t('backups.nightly.cli.lastOk', { when: when(s.lastRun.time ?? ''), size: s.lastRun.size !== undefined ? humanSize(s.lastRun.size) : '?' }))
  if (s.warning) lines.push(t('backups.nightly.cli.warning', { warning: s.warning }))
  if (s.lastRun?.details) lines.push(...s.lastRun.details.split('\n').map((l) => `    ${l}`))
  for (const a of s.apps) lines.push(t('backups.nightly.cli.app', { app: a.domain ?? a.stack, count: a.snapshots.length, when: when(a.snapshots[0]?.time ?? '') }))
  return lines.join('\n')
}

async function status(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  if (positionals.length !== 1) throw new UsageError(t('backups.nightly.cli.giveServer', { sub: 'status' }))
  const answer = await call(core, 'nightly.status', { server: positionals[0] })
  await print(values.json ? JSON.stringify(answer, null, 2) : describe(answer))
  // Like health: exit code 1 while something needs attention.
  return answer.warning ? 1 : 0
}

async function snapshots(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, server: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError(t('backups.nightly.cli.giveDomain'))
  const app = await findApp(core, positionals[0], values.server)
  const list = await call(core, 'nightly.snapshots', app)
  if (values.json) await print(JSON.stringify(list, null, 2))
  else await print(list.length ? list.map((s) => `${s.id.slice(0, 8)}  ${when(s.time)}${s.size !== undefined ? `  ${humanSize(s.size)}` : ''}`).join('\n') : t('backups.nightly.cli.none', { domain: app.domain }))
  return 0
}

async function restore(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, yes: { type: 'boolean', short: 'y' } })
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(t('backups.nightly.cli.giveDomain'))
  const app = await findApp(core, positionals[0], values.server)
  const snapshot = positionals[1] ?? 'latest'
  const plan = await call(core, 'nightly.restorePlan', { ...app, snapshot })
  await print([t('backups.nightly.cli.plan', { domain: app.domain, when: when(plan.snapshot.time), id: plan.snapshot.id.slice(0, 8) }), ...plan.overwrites.map((o) => `  - ${o}`), t('cli.restore.stops', { services: plan.stops.join(', ') })].join('\n'), process.stderr)
  if (!values.yes) {
    if (!canAsk()) throw new CliError({ code: 'confirm-needed', message: t('backups.nightly.cli.askFirst', { domain: app.domain }) })
    if ((await askLine(t('backups.nightly.restore.confirm', { domain: app.domain }))) !== app.domain) {
      await print(t('cli.restore.nothing'), process.stderr)
      return 1
    }
  }
  await followLongJob(core, () => call(core, 'nightly.restore', { ...app, snapshot: plan.snapshot.id, confirm: app.domain }), {
    failure: t('cli.restore.failed', { domain: app.domain }),
    cancelled: t('cli.restore.cancelled', { domain: app.domain })
  })
  await print(t('backups.nightly.cli.restored', { domain: app.domain, when: when(plan.snapshot.time) }))
  return 0
}
