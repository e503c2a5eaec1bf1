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

// Where an app's data lives on a swarm of several machines (issue 13), and
// keeping a service on the machine that holds it (src-main/apps/volume-locality.ts).
export const LocalityState = z.enum(['pinned', 'unpinned', 'elsewhere', 'scattered', 'no-data'])

export const VolumeLocality = z.object({
  stack: z.string(),
  /** Machines in the server's swarm; 1 when it has no swarm of several. */
  machines: z.number().int(),
  volumes: z.array(
    z.object({
      name: z.string(),
      volume: z.string(),
      /** The machines holding a volume of that name, by hostname. */
      machines: z.array(z.string()),
      /** Bytes on each machine, when Docker said in time. */
      bytes: z.record(z.string(), z.number()).optional(),
      services: z.array(z.string())
    })
  ),
  services: z.array(
    z.object({
      name: z.string(),
      volumes: z.array(z.string()),
      machine: z.string().optional(),
      runningOn: z.array(z.string()),
      allowedOn: z.array(z.string()),
      state: LocalityState,
      canPin: z.boolean(),
      /** Kept on a machine by this app's pin (its env file names the machine). */
      pinnedBy: z.string().optional()
    })
  ),
  /** Why some machines could not be asked for their volumes, when some could not. */
  unreached: z.array(z.object({ machine: z.string(), why: z.string() })).optional()
})

const ServiceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).max(63)
const MachineName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).max(253)

export const volumeMethods = {
  'apps.volumeLocality': { input: z.strictObject(appRef), output: VolumeLocality },
  // Keeps `service` on `machine` (a hostname of the swarm holding its data):
  // its pin overlay added to the app's COMPOSE_FILE and PIN_<SERVICE>_MACHINE
  // set in its env file; nothing is sent (the window previews a redeploy
  // next). machine null takes the pin out again.
  'apps.pinService': {
    input: z.strictObject({ ...appRef, service: ServiceName, machine: MachineName.nullable() }),
    output: z.object({ changed: z.boolean(), composeFile: z.string(), variable: z.string() })
  },
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
export type VolumeLocality = z.infer<typeof VolumeLocality>
