import type { Handlers } from '../api/dispatch'
import { t } from '../i18n/i18n'
import type { ChangeAction, TeamSync } from './service'

// The app changes that write an app's env file, wrapped by core.ts: the team's
// changes are pulled before, and after (for a job, once it has ended) the
// result is committed in plain words and pushed. apps/ knows nothing of this.

type Wrapped = 'apps.new' | 'apps.saveEnv' | 'apps.deploy' | 'secrets.rotate' | 'secrets.create' | 'secrets.remove' | 'apps.remove'

export interface ChangeDeps {
  hooks: TeamSync
  /** The recipe and version on the app's TYPE/RECIPE line now, or undefined when it has no file. */
  versionOf(server: string, domain: string): Promise<{ recipe?: string; version?: string } | undefined>
  /** Resolves when the job has ended, however it ended. */
  jobEnded(jobId: string): Promise<unknown>
}

export function withTeamSync(h: Pick<Handlers, Wrapped>, deps: ChangeDeps): Pick<Handlers, Wrapped> {
  const { hooks } = deps
  const before = (server: string, domain: string, action: ChangeAction): Promise<void> => hooks.beforeChange({ server, domain, action })
  // A job's change is committed when it ends (in the background: the job's own progress is what the person follows).
  const afterJob = (jobId: string | undefined, message: () => Promise<string>): void => {
    if (!jobId) return
    void deps
      .jobEnded(jobId)
      .catch(() => undefined)
      .then(async () => hooks.afterChange(await message()))
      .catch(() => undefined)
  }
  return {
    'apps.new': async (input, client) => {
      await before(input.server, input.domain, 'new')
      const out = await h['apps.new'](input, client)
      const v = await deps.versionOf(input.server, input.domain)
      const recipe = [v?.recipe ?? input.recipe, v?.version].filter(Boolean).join(' ')
      await hooks.afterChange(t('team.message.new', { domain: input.domain, recipe, server: input.server }))
      return out
    },
    'apps.saveEnv': async (input, client) => {
      await before(input.server, input.domain, 'config')
      const out = await h['apps.saveEnv'](input, client)
      await hooks.afterChange(t('team.message.config', { domain: input.domain }))
      return out
    },
    'apps.deploy': async (input, client) => {
      await before(input.server, input.domain, 'deploy')
      const was = (await deps.versionOf(input.server, input.domain))?.version
      const out = await h['apps.deploy'](input, client)
      afterJob(out.jobId, async () => {
        const now = (await deps.versionOf(input.server, input.domain))?.version
        const domain = input.domain
        if (now && now !== was && input.kind === 'upgrade') return t('team.message.upgrade', { domain, version: now })
        if (now && now !== was && input.kind === 'rollback') return t('team.message.rollback', { domain, version: now })
        return now && now !== was ? t('team.message.deployVersion', { domain, version: now }) : t('team.message.deploy', { domain })
      })
      return out
    },
    'secrets.rotate': async (input, client) => {
      await before(input.server, input.domain, 'secrets')
      const out = await h['secrets.rotate'](input, client)
      // The version bump is in the file already; a redeploy that follows changes nothing more in it.
      await hooks.afterChange(t('team.message.rotate', { domain: input.domain, name: input.name }))
      return out
    },
    'secrets.create': async (input, client) => {
      await before(input.server, input.domain, 'secrets')
      const out = await h['secrets.create'](input, client)
      await hooks.afterChange(t('team.message.secrets', { domain: input.domain }))
      return out
    },
    'secrets.remove': async (input, client) => {
      await before(input.server, input.domain, 'secrets')
      const out = await h['secrets.remove'](input, client)
      await hooks.afterChange(t('team.message.secrets', { domain: input.domain }))
      return out
    },
    'apps.remove': async (input, client) => {
      await before(input.server, input.domain, 'remove')
      const out = await h['apps.remove'](input, client)
      afterJob(out.jobId, async () => t('team.message.remove', { domain: input.domain }))
      return out
    }
  }
}
