// What every app feature needs from the rest of the core, and the two
// lookups they all share: where a recipe comes from, and an app's env file.
import type { EventBus } from '../api/events'
import { ApiError } from '../contract/errors'
import { parseEnvFile, stackNameFor } from '../compose/env'
import type { JobContext, Jobs } from '../core/jobs'
import type { Paths } from '../core/paths'
import type Docker from 'dockerode'
import type { ServerConn, SwarmMachine } from '../servers/connections'
import { appEnvPath, readAppEnv, recipeOf } from './env-file'
import { t } from '../i18n/i18n'

export interface AppContext {
  paths: Paths
  env: NodeJS.ProcessEnv
  jobs: Jobs
  events: EventBus
  /** The one connection to a server (opened on first use). */
  open(server: string): Promise<ServerConn>
  /**
   * The Docker engine of another machine in the server's swarm, reached
   * through the server's SSH link as a jump host: where a task or a volume
   * lives is where terminals, commands and files go.
   */
  machineDocker?(server: string, machine: SwarmMachine): Promise<Docker>
  /** The recipe's git URL from the catalogue, else Co-op Cloud's usual place. */
  recipeUrl(recipe: string): Promise<string>
  /**
   * Takes a backup of the app, reporting on `job`: what deploy runs before an
   * upgrade. Handed in by core.ts, since backups/ builds on apps/ and not the
   * other way round.
   */
  backUpFirst(req: { server: string; domain: string }, job: JobContext): Promise<{ file: string }>
  /**
   * Who deploys, and from which settings commit, when the settings are
   * shared with a team (team/, handed in by core.ts): written on the app's
   * main service as coop-cloud.<stack>.deployed-by and .settings-commit.
   */
  deployRecord?(server: string, domain: string): Promise<{ by: string; commit?: string } | undefined>
}

export const DEFAULT_RECIPE_GIT = 'https://git.coopcloud.tech/coop-cloud'

export interface LoadedApp {
  server: string
  domain: string
  envFile: string
  envText: string
  /** Values as the compose pipeline reads them (invalid lines are skipped here, reported by envProblems). */
  values: Record<string, string>
  recipe?: string
  /** The version on the RECIPE/TYPE line, when there is one. */
  version?: string
  stackName: string
}

/** Reads ~/.abra/servers/<server>/<domain>.env; `app-unknown` when it isn't there. */
export async function loadApp(ctx: Pick<AppContext, 'paths'>, server: string, domain: string): Promise<LoadedApp> {
  const envText = await readAppEnv(ctx.paths, server, domain)
  // Confined once: the apps list and Health load every app each time.
  const envFile = appEnvPath(ctx.paths, server, domain)
  let values: Record<string, string> = {}
  try {
    values = parseEnvFile(envText, envFile, [])
  } catch {
    // A file broken by hand still lists and opens, so it can be fixed.
  }
  const { recipe, version } = recipeOf(envText)
  return {
    server,
    domain,
    envFile,
    envText,
    values,
    recipe,
    version,
    stackName: values.STACK_NAME || stackNameFor(domain)
  }
}

/**
 * Refuses to start work on an app while another job (deploy, undeploy,
 * remove) is still working on it: two at once would fight over its services,
 * volumes and env file.
 */
export function refuseWhileBusy(ctx: Pick<AppContext, 'jobs'>, server: string, domain: string): void {
  const busy = ctx.jobs.list().find((j) => j.status === 'running' && j.app?.server === server && j.app.domain === domain)
  if (busy) {
    throw new ApiError('app-busy', t('apps.misc.busy', { domain, title: busy.title }), undefined, { jobId: busy.id })
  }
}
