// "Go back to 1.2.0" is offered only for a version this app really ran
// before. The swarm keeps just one previous spec (and drops it after a failed
// update is rolled back), so each deploy writes the version it replaces into
// a label on the app's main service, beside abra's own labels; abra ignores it.
// A redeploy at the same version keeps the label it had, and a failed
// upgrade that the swarm rolls back brings back the old spec with its label.
import { abraLabelKeys, withMainServiceLabels } from '../compose/abra-labels'
import type { StackObjects } from '../compose/objects'
import { compareRecipeVersions } from '../recipes/versions'

export const EARLIER_VERSION_LABEL = 'coopcloud-desktop.earlier-version'

type Labels = Record<string, string> | undefined

/** The label to send with a deploy of `deploying`, from the main service's labels before it. */
export function earlierVersionFor(before: Labels, stackName: string, deploying: string): string | undefined {
  const running = before?.[abraLabelKeys(stackName).version] || undefined
  if (running && running !== deploying) return running
  return before?.[EARLIER_VERSION_LABEL] || undefined
}

/** A copy of `objects` whose main service carries the earlier version (unchanged when there is none). */
export function withEarlierVersion(objects: StackObjects, earlier: string | undefined): StackObjects {
  if (!earlier) return objects
  return withMainServiceLabels(objects, (labels) => {
    labels[EARLIER_VERSION_LABEL] = earlier
  })
}

/** The version to offer going back to: the recorded one, when it is older than what runs now. */
export function earlierToOffer(earlier: string | undefined, current: string | undefined): string | undefined {
  if (!earlier || !current || earlier === current) return undefined
  return compareRecipeVersions(earlier, current) < 0 ? earlier : undefined
}
