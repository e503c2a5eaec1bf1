// The labels abra puts on an app's main service when it deploys it, so that
// abra (and this app) can tell later what is deployed: in abra's
// pkg/app/app.go (SetRecipeLabel, SetChaosLabel, SetChaosVersionLabel,
// SetVersionLabel), called from `abra app deploy` in this order:
//
//   coop-cloud.<STACK_NAME>.recipe         = <recipe name>
//   coop-cloud.<STACK_NAME>.chaos          = "true" | "false"
//   coop-cloud.<STACK_NAME>.chaos-version  = <commit, "+U" if dirty>  (chaos deploys only)
//   coop-cloud.<STACK_NAME>.version        = <recipe version>
//
// They go into the service's deploy.labels, i.e. the swarm service's own
// Labels (not the containers'). abra only ever labels the service named
// `app` (hardcoded; recipes have no way to choose another), and a recipe
// without an `app` service gets no labels. On a chaos deploy the version label
// keeps whatever the recipe's compose file says (abra: "keep non-chaos version
// labelling when doing chaos ops"), empty when it says nothing.
//
// `docker stack deploy` adds none of these, so the parity tests compare
// without them.

import type { StackObjects } from './objects'

export const MAIN_SERVICE = 'app'

export interface AbraLabelOptions {
  stackName: string
  /** Recipe name, e.g. "traefik". */
  recipe: string
  /** The recipe version being deployed, e.g. "2.0.1+1.0.6-social-amd64". Ignored on chaos deploys. */
  version: string
  chaos: boolean
  /** The recipe checkout's short commit ("+U" when it has local changes); chaos deploys only. */
  chaosVersion?: string
}

export function abraLabelKeys(stackName: string): { recipe: string; chaos: string; chaosVersion: string; version: string } {
  const p = `coop-cloud.${stackName}`
  return { recipe: `${p}.recipe`, chaos: `${p}.chaos`, chaosVersion: `${p}.chaos-version`, version: `${p}.version` }
}

/** A copy of `objects` whose main service's labels `edit` has changed (the others are left as they are). */
export function withMainServiceLabels(objects: StackObjects, edit: (labels: Record<string, string>) => void): StackObjects {
  const mainName = `${objects.namespace}_${MAIN_SERVICE}`
  return {
    ...objects,
    services: objects.services.map((s) => {
      if (s.name !== mainName) return s
      const spec = structuredClone(s.spec)
      const current = spec.Labels
      const labels: Record<string, string> =
        current && typeof current === 'object' && !Array.isArray(current) ? Object.fromEntries(Object.entries(current).map(([k, v]) => [k, String(v)])) : {}
      edit(labels)
      spec.Labels = labels
      return { ...s, spec }
    })
  }
}

/** A copy of `objects` whose main service carries abra's deploy labels. */
export function withAbraLabels(objects: StackObjects, opts: AbraLabelOptions): StackObjects {
  const keys = abraLabelKeys(opts.stackName)
  return withMainServiceLabels(objects, (labels) => {
    labels[keys.recipe] = opts.recipe
    labels[keys.chaos] = String(opts.chaos)
    if (opts.chaos) labels[keys.chaosVersion] = opts.chaosVersion ?? ''
    labels[keys.version] = opts.chaos ? (labels[keys.version] ?? '') : opts.version
  })
}
