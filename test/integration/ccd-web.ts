// The ccd-web test recipe (test/fixtures/recipes/ccd-web: busybox httpd with a
// healthcheck; v1.0.0 and v2.0.0 work, v3.0.0's healthcheck fails so the swarm
// rolls it back): where its versions live, rendering one with this engine, its
// git repo, and waiting for the app to be healthy on a given version.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { renderStack, type RenderResult } from '../../src-main/compose/pipeline'
import { buildRecipeRepos, type RecipeRepo } from '../rig/git-server.mjs'
import { REPO_ROOT } from '../rig/rig'

/** Like ../shared/recipes: one folder per recipe, one folder per version in it. */
export const FIXTURE_RECIPES = path.join(REPO_ROOT, 'test', 'fixtures', 'recipes')
export const CCD_WEB_DIR = path.join(FIXTURE_RECIPES, 'ccd-web')
export const CCD_WEB_VERSIONS = ['v1.0.0', 'v2.0.0', 'v3.0.0'] as const
export type CcdWebVersion = (typeof CCD_WEB_VERSIONS)[number]

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The bare repo ccd-web.git (one commit and tag per version) under outDir. */
export function buildCcdWebRepo(outDir: string): RecipeRepo {
  const { repos } = buildRecipeRepos({ sharedRecipes: FIXTURE_RECIPES, outDir })
  const repo = repos.find((r) => r.name === 'ccd-web')
  if (!repo) throw new Error(`no ccd-web repo built from ${FIXTURE_RECIPES}`)
  return repo
}

/** An app env as `abra app new` would write it: the version's .env.sample with the domain set. */
export function ccdWebEnv(version: CcdWebVersion, domain: string): string {
  const sample = fs.readFileSync(path.join(CCD_WEB_DIR, version, '.env.sample'), 'utf8')
  return sample.replace(/^DOMAIN=.*$/m, `DOMAIN=${domain}`)
}

/** Renders one version of ccd-web for `stack` with this engine's pipeline. */
export function renderCcdWeb(version: CcdWebVersion, stack: string, envText: string): RenderResult {
  const recipeDir = path.join(CCD_WEB_DIR, version)
  return renderStack({
    recipeDir,
    envText,
    envFile: `${stack}.env`,
    abraShText: fs.readFileSync(path.join(recipeDir, 'abra.sh'), 'utf8'),
    stackName: stack
  })
}

export interface HealthyTask {
  taskId: string
  containerId: string
  /** APP_VERSION from the task's spec. */
  version: string
}

const versionOf = (task: Docker.Task): string =>
  ((task as { Spec?: { ContainerSpec?: { Env?: string[] } } }).Spec?.ContainerSpec?.Env ?? []).find((e) => e.startsWith('APP_VERSION='))?.slice('APP_VERSION='.length) ?? ''

/**
 * Waits until `service` has exactly one task that should run, runs, is on
 * `version` and whose container's healthcheck says healthy.
 */
export async function waitHealthy(docker: Docker, service: string, version: string, timeoutMs = 90_000): Promise<HealthyTask> {
  const filters = JSON.stringify({ service: [service], 'desired-state': ['running'] })
  let last = 'no task yet'
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(250)) {
    const tasks = (await docker.listTasks({ filters })).filter((t) => t.DesiredState === 'running')
    const states = []
    for (const t of tasks) {
      const containerId = (t.Status as { ContainerStatus?: { ContainerID?: string } } | undefined)?.ContainerStatus?.ContainerID
      let health = '-'
      if (containerId && t.Status?.State === 'running') {
        const info = await docker.getContainer(containerId).inspect().catch(() => undefined)
        health = info?.State?.Health?.Status ?? 'no healthcheck'
      }
      states.push(`${versionOf(t)} ${t.Status?.State}/${health}${t.Status?.Err ? ` (${t.Status.Err})` : ''}`)
      if (tasks.length === 1 && containerId && health === 'healthy' && versionOf(t) === version) {
        return { taskId: t.ID!, containerId, version }
      }
    }
    last = states.join('; ') || 'no task desired running'
  }
  throw new Error(`${service} was not running healthy on ${version} within ${timeoutMs / 1000}s; last seen: ${last}`)
}

/** The page the app serves, fetched from inside its container. */
export function pageOf(socket: string, containerId: string): string {
  return execFileSync('docker', ['-H', `unix://${socket}`, 'exec', containerId, 'timeout', '5', 'wget', '-q', '-O', '-', 'http://127.0.0.1:8080/'], {
    encoding: 'utf8',
    timeout: 30_000
  })
}
