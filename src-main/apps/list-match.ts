// The pure half of the apps list: Docker's services and tasks (asked for
// once per server) grouped by stack, and each app's summary from its env
// file and its stack's share of them.
import { abraLabelKeys, MAIN_SERVICE } from '../compose/abra-labels'
import type { AppSummary } from '../contract/apps'
import { compareRecipeVersions } from '../recipes/versions'
import { EARLIER_VERSION_LABEL, earlierToOffer } from './earlier-version'
import { NAMESPACE_LABEL } from './list-docker'
import { appHealth, serviceStatus, type SwarmService, type SwarmTask } from './status'
import { t } from '../i18n/i18n'

export interface StackState {
  services: SwarmService[]
  /** Every task of those services, any state. */
  tasks: SwarmTask[]
}

/** Services and tasks by the stack (namespace label) their service belongs to. */
export function groupByStack(services: SwarmService[], tasks: SwarmTask[]): Map<string, StackState> {
  const stacks = new Map<string, StackState>()
  const stackOfService = new Map<string, string>()
  for (const s of services) {
    const stack = s.Spec?.Labels?.[NAMESPACE_LABEL]
    if (!stack) continue
    stackOfService.set(s.ID, stack)
    const state = stacks.get(stack) ?? { services: [], tasks: [] }
    state.services.push(s)
    stacks.set(stack, state)
  }
  for (const t of tasks) {
    const stack = t.ServiceID ? stackOfService.get(t.ServiceID) : undefined
    if (stack) stacks.get(stack)?.tasks.push(t)
  }
  return stacks
}

export interface DeployedLabels {
  recipe?: string
  version?: string
  chaos: boolean
  /** On a chaos deploy, the recipe checkout's commit ("+U" when it had changes not saved in git). */
  chaosVersion?: string
  /** The version this app ran before (earlier-version.ts). */
  earlier?: string
}

/**
 * What abra's labels say is deployed. abra labels only the `app` service; a
 * stack deployed otherwise may carry them on another service, so any is read
 * when `app` has none.
 */
export function deployedLabels(stack: string, services: SwarmService[]): DeployedLabels {
  const keys = abraLabelKeys(stack)
  const main = `${stack}_${MAIN_SERVICE}`
  const ordered = [...services].sort((a, b) => Number(b.Spec?.Name === main) - Number(a.Spec?.Name === main))
  const labelled = ordered.find((s) => [keys.recipe, keys.version, keys.chaos].some((k) => s.Spec?.Labels?.[k] !== undefined))
  const labels = labelled?.Spec?.Labels ?? {}
  const earlier = labels[EARLIER_VERSION_LABEL] || undefined
  const chaos = labels[keys.chaos] === 'true'
  const chaosVersion = (chaos && labels[keys.chaosVersion]) || undefined
  return { recipe: labels[keys.recipe] || undefined, version: labels[keys.version] || undefined, chaos, ...(chaosVersion ? { chaosVersion } : {}), ...(earlier ? { earlier } : {}) }
}

/** The newest version when it is newer than the one the app is on. */
export function upgradeFrom(version: string | undefined, newest: string | undefined): string | undefined {
  if (!version || !newest) return undefined
  return compareRecipeVersions(newest, version) > 0 ? newest : undefined
}

export interface AppFile {
  server: string
  domain: string
  envFile: string
  stackName: string
  /** From the env's RECIPE/TYPE line. */
  recipe?: string
  version?: string
}

/**
 * One app's summary. `state` is its stack's services and tasks, undefined when
 * nothing of it runs; `reachable` false when the server couldn't be asked.
 * `upgrade` is left for the caller, who reads the recipe checkouts.
 */
export function summarize(app: AppFile, state: StackState | undefined, reachable: boolean): AppSummary {
  const base = { server: app.server, domain: app.domain, envFile: app.envFile, stackName: app.stackName }
  if (!reachable) {
    const version = app.version
    return {
      ...base,
      recipe: app.recipe,
      version,
      deployed: false,
      chaos: false,
      health: 'unknown',
      words: t('apps.list.unreachable'),
      services: []
    }
  }
  const services = state?.services ?? []
  const deployed = services.length > 0
  const labels = deployedLabels(app.stackName, services)
  const recipe = labels.recipe ?? app.recipe
  const version = labels.version ?? app.version
  const earlierVersion = earlierToOffer(labels.earlier, version)
  const statuses = [...services]
    .sort((a, b) => (a.Spec?.Name ?? '').localeCompare(b.Spec?.Name ?? ''))
    .map((s) => serviceStatus(s, (state?.tasks ?? []).filter((t) => t.ServiceID === s.ID), app.stackName))
  return {
    ...base,
    recipe,
    version,
    deployed,
    chaos: labels.chaos,
    ...(labels.chaosVersion ? { chaosVersion: labels.chaosVersion } : {}),
    ...(earlierVersion ? { earlierVersion } : {}),
    ...appHealth(statuses, deployed),
    services: statuses
  }
}
