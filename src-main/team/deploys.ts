import type { Handlers } from '../api/dispatch'
import { ApiError, toErrorBody } from '../contract/errors'
import { deployRecordKeys, type ActivityItem, type AppActivity } from '../contract/team'
import { currentLanguage, t } from '../i18n/i18n'
import type { TeamSync } from './service'

// Deploys and the team (issue 14). Each deploy made while sharing is
// connected says on the server who deployed and from which settings commit
// (apps/deploy-render.ts writes the labels, contract/team.ts names them).
// Before a deploy, the app reads them: when the app runs settings a teammate
// deployed from a commit this computer doesn't have (they haven't been
// shared yet), the preview says so in words and the deploy needs the
// person's confirmation. An app's activity joins its env file's git history
// with the deploy recorded on the server.

/** What the server says of the app's main service: its labels, when it was last updated, and the labels before that. */
export interface RunningDeploy {
  stackName: string
  labels: Record<string, string>
  /** Docker's UpdatedAt (ISO). */
  updatedAt?: string
  previousLabels?: Record<string, string>
}

export interface DeployDeps {
  hooks: TeamSync
  record: {
    deployRecord(server: string, domain: string): Promise<{ by: string; commit?: string } | undefined>
    hasCommit(oid: string): Promise<boolean>
    history(server: string, domain: string): Promise<Array<{ oid: string; by: string; at: number; message: string; unshared: boolean }>>
  }
  /** The app's main service as deployed, or undefined when it isn't deployed. */
  running(server: string, domain: string): Promise<RunningDeploy | undefined>
  /** How long the server may take to answer (default 15 s). */
  serverTimeoutMs?: number
}

const SERVER_TIMEOUT_MS = 15_000
/** A git "Deployed…" commit and the server's record this close together by the same member are one deploy. */
const SAME_DEPLOY_MS = 15 * 60_000

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ApiError('timeout', t('team.serverSlow', { seconds: Math.round(ms / 1000) }))), ms)
      })
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** "at 14:02" today, else "on 3 Dec at 14:02", in the core's language. */
export function whenWords(at: number, now = Date.now()): string {
  const d = new Date(at)
  const lang = currentLanguage()
  const clock = d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' })
  if (new Date(now).toDateString() === d.toDateString()) return t('team.when.today', { clock })
  return t('team.when.day', { clock, date: d.toLocaleDateString(lang, { day: 'numeric', month: 'short' }) })
}

export function teamDeploys(deps: DeployDeps) {
  const serverMs = deps.serverTimeoutMs ?? SERVER_TIMEOUT_MS

  /** The running deploy's settings commit, when a teammate deployed it from settings this computer doesn't have; undefined otherwise. */
  async function unsharedDeploy(server: string, domain: string): Promise<{ words: string; by: string } | undefined> {
    // Only while sharing: without it there is no shared history to compare with.
    if (!(await deps.record.deployRecord(server, domain))) return undefined
    let running: RunningDeploy | undefined
    try {
      running = await within(serverMs, deps.running(server, domain))
    } catch {
      // The server can't be read: the deploy will say so itself.
      return undefined
    }
    if (!running) return undefined
    const keys = deployRecordKeys(running.stackName)
    const commit = running.labels[keys.commit]
    if (!commit || (await deps.record.hasCommit(commit))) return undefined
    const by = running.labels[keys.by] || t('team.someone')
    const at = running.updatedAt ? Date.parse(running.updatedAt) : NaN
    const when = Number.isFinite(at) ? whenWords(at) : ''
    return { by, words: t(when ? 'team.deployedUnshared' : 'team.deployedUnsharedNoTime', { name: by, when }) }
  }

  /** Before a deploy: refused while the app runs a teammate's unshared settings, unless the person confirmed replacing them. */
  async function checkDeploy(input: { server: string; domain: string; replaceUnshared?: boolean }): Promise<void> {
    if (input.replaceUnshared) return
    const unshared = await unsharedDeploy(input.server, input.domain)
    if (unshared) throw new ApiError('team-unshared-deploy', t('team.deployedUnsharedConfirm', { words: unshared.words, name: unshared.by }), undefined, { by: unshared.by })
  }

  /** apps.preview, after a pull (as before any deploy), with what the team should know first. */
  function withTeamPreview(preview: Handlers['apps.preview']): Handlers['apps.preview'] {
    return async (input, client) => {
      const pulled = await deps.hooks.beforeChange({ server: input.server, domain: input.domain, action: 'deploy' })
      const out = await preview(input, client)
      const team: Array<{ kind: 'unshared-deploy' | 'not-fetched'; words: string }> = []
      const unshared = await unsharedDeploy(input.server, input.domain)
      if (unshared) team.push({ kind: 'unshared-deploy', words: unshared.words })
      if (pulled.notFetched) team.push({ kind: 'not-fetched', words: pulled.notFetched })
      return team.length ? { ...out, team } : out
    }
  }

  async function activity(input: { server: string; domain: string }): Promise<AppActivity> {
    const history = await deps.record.history(input.server, input.domain)
    const items: ActivityItem[] = history.map((c) => ({ kind: 'change', at: c.at, by: c.by, words: c.message, commit: c.oid, ...(c.unshared ? { unshared: true } : {}) }))
    let serverProblem: string | undefined
    try {
      const running = await within(serverMs, deps.running(input.server, input.domain))
      if (running) {
        const keys = deployRecordKeys(running.stackName)
        const by = running.labels[keys.by] || undefined
        const commit = running.labels[keys.commit] || undefined
        const version = running.labels[`coop-cloud.${running.stackName}.version`] || undefined
        const at = running.updatedAt ? Date.parse(running.updatedAt) : NaN
        if (Number.isFinite(at)) {
          // The deployer's own "Deployed…" commit (made when the deploy ended) is the same event: marked as what runs now.
          const same = items.find((i) => i.kind === 'change' && i.by === by && by !== undefined && Math.abs(i.at - at) < SAME_DEPLOY_MS && i.at >= at)
          if (same) same.running = true
          else
            items.push({
              kind: 'deploy',
              at,
              ...(by ? { by } : {}),
              words: version ? t('team.activity.deployedVersion', { version }) : t('team.activity.deployed'),
              ...(commit ? { commit } : {}),
              running: true
            })
        }
      }
    } catch (err) {
      serverProblem = toErrorBody(err, 'apps.activity').message
    }
    items.sort((a, b) => b.at - a.at)
    return { items, history: history.length > 0, ...(serverProblem ? { serverProblem } : {}) }
  }

  return { checkDeploy, withTeamPreview, activity, unsharedDeploy }
}
