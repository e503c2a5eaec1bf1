import path from 'node:path'
import type { Job } from '../contract/schemas'
import type { Core } from '../core/core'
import { parse } from './args'
import { findApp } from './app-find'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { followJob } from './jobs'
import { call, print } from './io'

// app cp, as abra's `app cp <domain> <src> <dst>`: one side is <service>:<path>
// in the app (a path from the container's root, in one of the volumes the
// service mounts), the other a file or folder on this computer. Downloading a
// folder saves <name>.tar.gz; uploading puts files into a folder of the volume.
export const cpUsage = (): string => t('files.cli.usage')

const REMOTE = /^([A-Za-z0-9][A-Za-z0-9_.-]*):(.*)$/

export async function cp(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' } })
  if (positionals.length !== 3) throw new UsageError(t('files.cli.twoPaths'))
  const [domain, src, dst] = positionals
  const from = REMOTE.exec(src)
  const to = REMOTE.exec(dst)
  if (Boolean(from) === Boolean(to)) throw new UsageError(t('files.cli.oneRemote'))
  const app = await findApp(core, domain, values.server)
  const [, service, remotePath] = (from ?? to) as RegExpExecArray
  const { volume, inner } = await remoteTarget(core, app, service, remotePath)
  if (from) {
    let file = ''
    await followJob(
      core,
      async () => {
        const started = await call(core, 'apps.files.download', { ...app, volume, path: inner, to: path.resolve(dst) })
        file = started.file
        return started
      },
      { failure: t('files.cli.failed') }
    ).finally(stopShowing(core))
    await print(t('files.cli.saved', { file }))
  } else {
    await followJob(core, () => call(core, 'apps.files.upload', { ...app, volume, path: inner, files: [path.resolve(src)] }), { failure: t('files.cli.failed') }).finally(
      stopShowing(core)
    )
    await print(t('files.cli.uploaded', { where: `${service}:${remotePath}` }))
  }
  return 0
}

/** The volume and the path in it that `service:/some/path` names; refused when the path is in none of its volumes. */
async function remoteTarget(core: Core, app: { server: string; domain: string }, service: string, remotePath: string): Promise<{ volume: string; inner: string }> {
  if (!remotePath.startsWith('/')) throw new UsageError(t('files.cli.absolute', { service }))
  const { volumes } = await call(core, 'apps.files.volumes', app)
  const mine = volumes.filter((v) => v.service === service)
  const mounts = (list: typeof volumes) => list.map((v) => `${v.service}:${v.mountPath}`).join(', ') || t('files.none')
  if (mine.length === 0) throw new CliError({ code: 'files-no-service', message: t('files.cli.noSuchService', { domain: app.domain, service, mounts: mounts(volumes) }) })
  const parts = remotePath.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.includes('..')) throw new CliError({ code: 'files-outside', message: t('files.outside', { path: remotePath }) })
  const clean = `/${parts.join('/')}`
  let best: { volume: string; inner: string; depth: number } | undefined
  for (const v of mine) {
    const m = (v.mountPath ?? '').replace(/\/+$/, '')
    if (!m || !(clean === m || clean.startsWith(`${m}/`))) continue
    if (!best || m.length > best.depth) best = { volume: v.name, inner: clean.slice(m.length + 1), depth: m.length }
  }
  if (!best) throw new CliError({ code: 'files-outside', message: t('files.cli.notInVolume', { path: remotePath, service, mounts: mounts(mine) }) })
  return { volume: best.volume, inner: best.inner }
}

// Shows the job's progress words on one line of the terminal (stderr), at most every half second,
// from now on; returns what stops showing them.
function stopShowing(core: Core): () => void {
  let last = 0
  let words = ''
  const tty = process.stderr.isTTY
  const off = core.events.subscribe((event, payload) => {
    if (event !== 'job.update' || !tty) return
    const job = payload as Job
    if (job.status !== 'running' || job.step === words || Date.now() - last < 500) return
    last = Date.now()
    words = job.step
    process.stderr.write(`\r\x1b[K${job.percent !== undefined ? `${Math.round(job.percent)}% ` : ''}${job.step}`)
  })
  return () => {
    off()
    if (tty && words) process.stderr.write('\r\x1b[K')
  }
}
