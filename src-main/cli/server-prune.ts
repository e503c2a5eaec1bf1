import type { Core } from '../core/core'
import { onePositional, parse } from './args'
import { CliError, UsageError } from './errors'
import { followJob } from './jobs'
import { askYesNo, call, canAsk, print } from './io'
import { t } from '../i18n/i18n'

// server prune <name>, as abra's `server prune`: stopped containers, images
// and build cache, with --all for every image no container uses (without it,
// only images without a name). Unlike abra it shows what would go first and
// asks (or takes --yes), and it never removes volumes: --volumes is refused.
export async function serverPrune(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    all: { type: 'boolean', short: 'a' },
    volumes: { type: 'boolean', short: 'v' },
    'no-build-cache': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' }
  })
  if (values.volumes) throw new UsageError(t('cleanup.cli.noVolumes'))
  const server = onePositional(positionals, 'serverName')
  const images = values.all ? 'unused' : 'dangling'
  const preview = await call(core, 'servers.cleanupPreview', { server, images })
  const buildCache = !values['no-build-cache'] && preview.buildCache.entries > 0
  const empty = preview.containers.length === 0 && preview.removeImages.length === 0 && !buildCache
  if (values['dry-run'] || empty) {
    await print(values.json ? JSON.stringify(preview, null, 2) : preview.words.join('\n'))
    return 0
  }
  if (!values.json) await print(preview.words.join('\n'), values.yes ? process.stdout : process.stderr)
  if (!values.yes) {
    if (!canAsk()) throw new CliError({ code: 'confirm-needed', message: t('cleanup.cli.askFirst', { server }) })
    if (!(await askYesNo(t('cleanup.cli.confirm', { server })))) {
      await print(t('cleanup.cli.nothing'), process.stderr)
      return 1
    }
  }
  const job = await followJob(
    core,
    () => call(core, 'servers.cleanup', { server, images, containers: preview.containers.map((c) => c.id), removeImages: preview.removeImages.map((i) => i.id), buildCache }),
    { failure: t('cleanup.cli.failed', { server }) }
  )
  const result = await call(core, 'servers.cleanupResult', { jobId: job.id })
  if (values.json) await print(JSON.stringify(result, null, 2))
  else if (result) await print(result.words)
  return 0
}
