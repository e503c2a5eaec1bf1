import type { Handlers } from '../api/dispatch'
import { t } from '../i18n/i18n'
import type { ChangeAction, TeamSync } from './service'

// The app changes that write an app's env file, wrapped by core.ts: the team's
// changes are pulled before, and after (for a job, once it has ended) the
// result is committed in plain words and pushed. apps/ knows nothing of this.
//
// A job's commit waits in the background for the job's end. It has an owner:
// close() stops every wait (a change whose job had not ended is committed by
// the next pull, as a change made outside the app) and waits a bounded while
// for a commit already under way. A job that runs longer than jobWaitMs is
// committed as it is then.

type Wrapped = 'apps.new' | 'apps.saveEnv' | 'apps.deploy' | 'secrets.rotate' | 'secrets.create' | 'secrets.remove' | 'apps.remove' | 'apps.move'

type In<K extends Wrapped> = Parameters<Handlers[K]>[0]
type Out<K extends Wrapped> = Awaited<ReturnType<Handlers[K]>>

export interface ChangeDeps {
  hooks: TeamSync
  /** The recipe and version on the app's TYPE/RECIPE line now, or undefined when it has no file. */
  versionOf(server: string, domain: string): Promise<{ recipe?: string; version?: string } | undefined>
  /** Resolves when the job has ended, however it ended; rejects when `signal` aborts first. */
  jobEnded(jobId: string, signal: AbortSignal): Promise<unknown>
  /** How long a job's commit waits for its end (default JOB_WAIT_MS). */
  jobWaitMs?: number
  /** How long close() waits for a commit already under way (default CLOSE_WAIT_MS). */
  closeWaitMs?: number
  /**
   * Before a deploy: refuses (throws) when the app on the server was deployed
   * from a teammate's settings this computer doesn't have, unless the person
   * confirmed replacing them.
   */
  checkDeploy?(input: In<'apps.deploy'>): Promise<void>
}

/** A deploy's backup, apply and convergence rarely take more than minutes; beyond this, what the file says then is committed. */
export const JOB_WAIT_MS = 2 * 60 * 60_000
/** A commit and push under way at close: its push has its own 15 s limit; close doesn't wait longer than this. */
export const CLOSE_WAIT_MS = 5_000

/** One wrapped change: what it is (for the conflict refusal), what it reads before, and the words of its commit. */
interface ChangeSpec<K extends Wrapped> {
  action: ChangeAction
  app(input: In<K>): { server: string; domain: string }
  /** Read before the change (e.g. the version it replaces), handed to message. */
  before?(input: In<K>): Promise<unknown>
  /** The job to wait for; absent: the change is done when the call returns. */
  job?(out: Out<K>): string | undefined
  message(input: In<K>, was: unknown): Promise<string>
}

export interface TeamChanges {
  handlers: Pick<Handlers, Wrapped>
  /** Background commits still waiting (for tests and close). */
  pending(): number
  close(): Promise<void>
}

export function withTeamSync(h: Pick<Handlers, Wrapped>, deps: ChangeDeps): TeamChanges {
  const { hooks } = deps
  const jobWaitMs = deps.jobWaitMs ?? JOB_WAIT_MS
  const closeWaitMs = deps.closeWaitMs ?? CLOSE_WAIT_MS
  const waits = new Set<AbortController>()
  const commits = new Set<Promise<void>>()
  let closed = false

  const track = (p: Promise<void>): void => {
    commits.add(p)
    void p.finally(() => commits.delete(p))
  }

  // A job's change is committed when it ends (in the background: the job's own progress is what the person follows).
  const afterJob = (jobId: string, message: () => Promise<string>): void => {
    if (closed) return
    const stop = new AbortController()
    waits.add(stop)
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, jobWaitMs)
      timer.unref?.()
    })
    const ended = Promise.race([deps.jobEnded(jobId, stop.signal).then(
      () => true,
      () => !stop.signal.aborted
    ), late.then(() => true)])
    track(
      ended
        .then(async (go) => {
          clearTimeout(timer)
          waits.delete(stop)
          if (!go || stop.signal.aborted) return
          await hooks.afterChange(await message())
        })
        .catch(() => undefined)
    )
  }

  const specs: { [K in Wrapped]: ChangeSpec<K> } = {
    'apps.new': {
      action: 'new',
      app: (i) => i,
      message: async (i) => {
        const v = await deps.versionOf(i.server, i.domain)
        const recipe = [v?.recipe ?? i.recipe, v?.version].filter(Boolean).join(' ')
        return t('team.message.new', { domain: i.domain, recipe, server: i.server })
      }
    },
    'apps.saveEnv': { action: 'config', app: (i) => i, message: async (i) => t('team.message.config', { domain: i.domain }) },
    'apps.deploy': {
      action: 'deploy',
      app: (i) => i,
      before: async (i) => {
        await deps.checkDeploy?.(i)
        return (await deps.versionOf(i.server, i.domain))?.version
      },
      job: (o) => o.jobId,
      message: async (i, was) => {
        const now = (await deps.versionOf(i.server, i.domain))?.version
        const domain = i.domain
        if (now && now !== was && i.kind === 'upgrade') return t('team.message.upgrade', { domain, version: now })
        if (now && now !== was && i.kind === 'rollback') return t('team.message.rollback', { domain, version: now })
        return now && now !== was ? t('team.message.deployVersion', { domain, version: now }) : t('team.message.deploy', { domain })
      }
    },
    // The version bump is in the file already; a redeploy that follows changes nothing more in it.
    'secrets.rotate': { action: 'secrets', app: (i) => i, message: async (i) => t('team.message.rotate', { domain: i.domain, name: i.name }) },
    'secrets.create': { action: 'secrets', app: (i) => i, message: async (i) => t('team.message.secrets', { domain: i.domain }) },
    'secrets.remove': { action: 'secrets', app: (i) => i, message: async (i) => t('team.message.secrets', { domain: i.domain }) },
    'apps.remove': { action: 'remove', app: (i) => i, job: (o) => o.jobId, message: async (i) => t('team.message.remove', { domain: i.domain }) },
    // A move or clone writes the app's file for the other server (and a move takes the old one away once done).
    'apps.move': {
      action: 'move',
      app: (i) => i,
      job: (o) => o.jobId,
      message: async (i) =>
        i.mode === 'move'
          ? t('team.message.move', { domain: i.domain, from: i.server, to: i.toServer })
          : t('team.message.clone', { domain: i.domain, from: i.server, to: i.toServer, newDomain: i.newDomain ?? i.domain })
    }
  }

  function wrap<K extends Wrapped>(method: K): Handlers[K] {
    const spec = specs[method]
    const inner = h[method] as unknown as (input: In<K>, client?: Parameters<Handlers[K]>[1]) => Promise<Out<K>>
    const wrapped = async (input: In<K>, client?: Parameters<Handlers[K]>[1]): Promise<Out<K>> => {
      const { server, domain } = spec.app(input)
      await hooks.beforeChange({ server, domain, action: spec.action })
      const was = await spec.before?.(input)
      const out = await inner(input, client)
      const jobId = spec.job?.(out)
      if (spec.job) {
        if (jobId) afterJob(jobId, () => spec.message(input, was))
      } else await hooks.afterChange(await spec.message(input, was))
      return out
    }
    return wrapped as unknown as Handlers[K]
  }

  const methods = Object.keys(specs) as Wrapped[]
  const handlers = Object.fromEntries(methods.map((m) => [m, wrap(m)])) as unknown as Pick<Handlers, Wrapped>

  return {
    handlers,
    pending: () => commits.size,
    close: async () => {
      closed = true
      for (const w of waits) w.abort()
      waits.clear()
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.allSettled([...commits]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, closeWaitMs)
          timer.unref?.()
        })
      ])
      clearTimeout(timer)
    }
  }
}
