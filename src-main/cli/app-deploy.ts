import type { Core } from '../core/core'
import { parse } from './args'
import { findApp } from './app-find'
import { CliError, UsageError } from './errors'
import { t } from '../i18n/i18n'
import { followJob } from './jobs'
import { askYesNo, call, canAsk, print } from './io'
import { previewShowingSteps } from './preview-progress'

type Kind = 'deploy' | 'upgrade' | 'rollback' | 'redeploy'

// app deploy <domain> [--version V] [--redeploy] [--no-domain-checks|-D] [--chaos|-C] [--dry-run] [--yes|-y]
export async function deploy(core: Core, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    server: { type: 'string' },
    ...NO_QUESTIONS,
    version: { type: 'string' },
    redeploy: { type: 'boolean' },
    // abra's --chaos: the recipe's local copy as it is, uncommitted changes included.
    chaos: { type: 'boolean', short: 'C' },
    // abra's --no-domain-checks: no DNS check before deploying.
    'no-domain-checks': { type: 'boolean', short: 'D' },
    // Say what the deploy would change, and send nothing.
    'dry-run': { type: 'boolean' }
  })
  if (positionals.length > 1) throw new UsageError(t('cli.deploy.oneDomain', { got: positionals.join(' ') }))
  const app = await findApp(core, positionals[0], values.server)
  if (!values['no-domain-checks']) await warnAboutDomain(core, app)
  const req = { ...app, kind: values.redeploy ? ('redeploy' as const) : ('deploy' as const), version: values.version, ...(values.chaos ? { chaos: true } : {}) }
  if (values['dry-run']) return dryRun(core, req)
  return runDeploy(core, req, asks(values))
}

// app upgrade|rollback <domain> <version> [--no-backup] [--dry-run] [--yes|-y]
export async function move(core: Core, kind: 'upgrade' | 'rollback', args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { server: { type: 'string' }, 'no-backup': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, ...NO_QUESTIONS })
  if (positionals.length !== 2) throw new UsageError(kind === 'upgrade' ? t('cli.deploy.giveUpgrade') : t('cli.deploy.giveRollback'))
  const app = await findApp(core, positionals[0], values.server)
  if (values['dry-run']) return dryRun(core, { ...app, kind, version: positionals[1] })
  return runDeploy(core, { ...app, kind, version: positionals[1], ...(values['no-backup'] ? { backupFirst: false } : {}) }, asks(values))
}

// --yes, and abra's own --no-input (-n): go ahead without showing the preview and asking.
export const NO_QUESTIONS = { yes: { type: 'boolean', short: 'y' }, 'no-input': { type: 'boolean', short: 'n' } } as const
// abra shows its deploy overview and asks before going on; so does this, on a
// terminal. A script (no terminal to ask on) goes ahead as before.
export const asks = (values: { yes?: boolean; 'no-input'?: boolean }): boolean => !values.yes && !values['no-input'] && canAsk()

/**
 * As abra does before a deploy: does the app's domain lead to the server?
 * Only a warning, on stderr; the deploy goes on whatever it says.
 */
async function warnAboutDomain(core: Core, app: { server: string; domain: string }): Promise<void> {
  const check = await call(core, 'apps.checkDomain', app).catch(() => undefined)
  if (!check || check.state === 'ok' || check.state === 'local') return
  await print(t('cli.deploy.domainWarning', { words: check.words }), process.stderr)
}

/** --dry-run: what the deploy would change, in plain words; nothing is sent. */
async function dryRun(core: Core, req: { server: string; domain: string; kind: Kind; version?: string; chaos?: boolean }): Promise<number> {
  const preview = await previewShowingSteps(core, req)
  await print([...preview.words, ...teamWords(preview), '', t('preview.cli.nothingSent')].join('\n'))
  return 0
}

/** What the team should know before this deploy (a teammate's unshared deploy, a pull that failed), each on a line of its own after a blank one. */
const teamWords = (preview: { team?: Array<{ words: string }> }): string[] => (preview.team?.length ? ['', ...preview.team.map((w) => w.words)] : [])

export type DeployReq = { server: string; domain: string; kind: Kind; version?: string; backupFirst?: boolean; chaos?: boolean }

/** The preview, asked about on a terminal (`ask`), then the deploy with its fingerprint. `notSent`: what to say after a no (app secret rotate says the app keeps the old value). */
export async function runDeploy(core: Core, req: DeployReq, ask: boolean, notSent = t('cli.deploy.notAsked')): Promise<number> {
  let started: { jobId: string; stackName: string; version?: string } | undefined
  if (!ask) {
    const start = async () => (started = await call(core, 'apps.deploy', req))
    return followDeploy(core, start, () => started?.jobId, t('cli.deploy.deployed', { domain: req.domain }))
  }
  // What goes is exactly what was shown: the deploy carries the preview's
  // fingerprint, and the core refuses, sending nothing, when the server, the
  // settings or the recipe changed since. Then the new preview is shown and asked about.
  for (let shown = 0; shown < MAX_PREVIEWS; shown++) {
    const { kind, version, chaos, server, domain } = req
    const preview = await previewShowingSteps(core, { server, domain, kind, version, ...(chaos ? { chaos } : {}) })
    await print([...preview.words, ...teamWords(preview)].join('\n'))
    if (!(await askYesNo(t('cli.deploy.goAhead')))) {
      await print(notSent, process.stderr)
      return 1
    }
    try {
      // The images go as the preview's registries pinned them: not asked again.
      // Yes to a preview that said the app runs a teammate's unshared settings is replacing them.
      const replaceUnshared = preview.team?.some((w) => w.kind === 'unshared-deploy') ? { replaceUnshared: true } : {}
      const start = async () => (started = await call(core, 'apps.deploy', { ...req, expectServerState: preview.serverState, pins: preview.pins, ...replaceUnshared }))
      return await followDeploy(core, start, () => started?.jobId, t('cli.deploy.deployed', { domain: req.domain }))
    } catch (err) {
      if (!(err instanceof CliError) || err.body.code !== 'server-changed') throw err
      await print(`${err.body.message}\n`, process.stderr)
    }
  }
  throw new CliError({ code: 'server-changed', message: t('cli.deploy.keepsChanging', { domain: req.domain }) })
}

// A server that changes under every preview (another operator mid-deploy) is not asked about forever.
const MAX_PREVIEWS = 3

/**
 * Follows a deploy job, then prints the deploy's own last words (what
 * happened, what to do next). Exit code 1 unless the app ended up running
 * the new version: a rollback by the swarm is a failed deploy.
 */
export async function followDeploy(core: Core, start: () => Promise<{ jobId: string }>, jobIdOf: () => string | undefined, fallback: string): Promise<number> {
  let failure: unknown
  try {
    await followJob(core, start, { failure: t('cli.stack.deployFailed') })
  } catch (err) {
    failure = err
  }
  const jobId = jobIdOf()
  // The deploy never started (bad version, unknown app…): the core's message says why.
  if (jobId === undefined) throw failure
  const progress = await call(core, 'apps.deployProgress', { jobId }).catch(() => undefined)
  if (!progress) {
    if (failure) throw failure
    await print(`${fallback}.`)
    return 0
  }
  const ok = progress.phase === 'done' && failure === undefined
  const words = [progress.summary ?? (ok ? `${fallback}.` : t('cli.deploy.ended', { phase: progress.phase })), progress.next].filter(Boolean).join('\n')
  if (ok) {
    await print(words)
    return 0
  }
  if (failure instanceof CliError && failure.body.message && !words.includes(failure.body.message)) await print(failure.body.message, process.stderr)
  await print(words, process.stderr)
  return 1
}
