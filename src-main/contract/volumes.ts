import { z } from 'zod'
import { Domain } from './apps'
import { ServerName } from './schemas'

// An app's volumes (where it keeps its data), as `abra app volume ls|rm`
// lists and removes them: Docker volumes labelled with the app's stack
// (com.docker.stack.namespace=<stack>), named `<stack>_<name>`.

const appRef = { server: ServerName, domain: Domain }

export const VolumeUser = z.object({
  /** The container's name. */
  container: z.string(),
  /** Its app service ("app"), when it is one of the swarm's tasks. */
  service: z.string().optional(),
  /** The app (stack) it belongs to, when it has one. */
  stack: z.string().optional(),
  running: z.boolean()
})

export const AppVolume = z.object({
  /** The name in the recipe ("data"). */
  name: z.string(),
  /** Docker's name ("blog_example_org_data"). */
  volume: z.string(),
  /** Bytes; absent when Docker couldn't tell in time. */
  bytes: z.number().optional(),
  /** When Docker made it (ISO), when it says. */
  createdAt: z.string().optional(),
  /** The containers (running or stopped) that mount it; Docker won't remove it while there are any. */
  usedBy: z.array(VolumeUser)
})

export const AppVolumes = z.object({
  /** The app's stack: its volumes are named `<stack>_<name>`. */
  stack: z.string(),
  /** While the app is deployed, none of its volumes can be removed. */
  deployed: z.boolean(),
  volumes: z.array(AppVolume),
  /** Why the sizes are missing (Docker was too slow to add them up), when they are. */
  sizesMissing: z.string().optional()
})

export const volumeMethods = {
  'apps.volumes': { input: z.strictObject(appRef), output: AppVolumes },
  // Removes the named volumes (recipe names or Docker names) of this app
  // only, never while it is deployed; `confirm` must equal the domain.
  'apps.removeVolumes': {
    input: z.strictObject({ ...appRef, names: z.array(z.string().min(1).max(255)).min(1).max(100), confirm: z.string().max(253) }),
    output: z.object({ jobId: z.string() })
  }
} as const

export type AppVolume = z.infer<typeof AppVolume>
export type AppVolumes = z.infer<typeof AppVolumes>
