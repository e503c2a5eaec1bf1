import { z } from 'zod'
import { FilePath, HostInput, PortInput, Secret, ServerName, UserInput } from './schemas'

// The machines in a server's swarm (Docker calls them nodes): the Machines
// page and `server node …`. The server's own connection lands on a manager,
// which answers for every machine.

/** A swarm node ID, as Docker writes it. */
export const NodeId = z.string().regex(/^[a-z0-9]{10,64}$/, 'a machine ID')

export const SwarmMachine = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  leader: z.boolean(),
  /** ready, down (it stopped answering), unknown or disconnected. */
  state: z.enum(['ready', 'down', 'unknown', 'disconnected']),
  message: z.string().optional(),
  /** active (takes work), pause (keeps what it runs, takes nothing new) or drain (runs nothing). */
  availability: z.enum(['active', 'pause', 'drain']),
  address: z.string(),
  dockerVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  labels: z.record(z.string(), z.string()),
  /** The services running on it now. */
  running: z.array(z.string()),
  /** Whether the server's own connection lands on this machine. */
  self: z.boolean()
})

export const MachinesList = z.object({
  server: z.string(),
  /** false when the server is not part of a swarm, or not one of its managers (the list is then empty). */
  swarm: z.boolean(),
  machines: z.array(SwarmMachine)
})

const DrainService = z.object({
  id: z.string(),
  name: z.string(),
  stack: z.string().optional(),
  tasks: z.number(),
  movesTo: z.array(z.string()),
  localData: z.array(z.string())
})

export const DrainPlan = z.object({
  node: z.string(),
  moving: z.array(DrainService),
  stuck: z.array(DrainService),
  everywhere: z.array(DrainService)
})

// A label name as Docker accepts it, without the prefixes Docker keeps for itself.
const LabelName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits, dots, dashes, underscores and slashes')
  .refine((n) => !/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(n), 'names starting with com.docker., io.docker. or org.dockerproject. are kept for Docker')
export const NodeLabels = z.record(LabelName, z.string().max(1024)).refine((l) => Object.keys(l).length <= 100, 'at most 100 labels')

/** A machine to add, reached from this computer as a server is (an ~/.ssh/config alias works too). */
export const MachineTarget = z.strictObject({
  host: HostInput,
  user: UserInput.optional(),
  port: PortInput.optional(),
  /** A private key file under the user's home to sign in with. */
  keyFile: FilePath.optional(),
  passphrase: Secret.optional(),
  password: Secret.optional()
})

export const JoinCheckItem = z.object({
  id: z.enum(['ssh', 'docker-installed', 'docker-access', 'swarm-free', 'manager-reachable']),
  /** null: not checked, an earlier check failed. */
  ok: z.boolean().nullable(),
  title: z.string(),
  detail: z.string(),
  fix: z.object({ label: z.string(), action: z.enum(['prepare', 'reconnect']), text: z.string() }).optional()
})

export const JoinCheck = z.object({
  /** The machine's own name (its hostname), once Docker answered. */
  hostname: z.string().optional(),
  /** Every check passed: it can join. */
  ready: z.boolean(),
  /** Whether it is already in a swarm: this server's, another, or none. */
  inSwarm: z.enum(['none', 'this', 'other']).optional(),
  /** Docker is missing and the machine can be prepared from here (Debian or Ubuntu, an admin account). */
  canPrepare: z.boolean(),
  /** How many managers the swarm has now. */
  managers: z.number(),
  checks: z.array(JoinCheckItem)
})

const onNode = { server: ServerName, node: NodeId }

export const nodeMethods = {
  'nodes.list': { input: z.strictObject({ server: ServerName }), output: MachinesList },
  // What draining a machine would move, stop or leave behind (its local volumes): shown before asking.
  'nodes.drainPlan': { input: z.strictObject(onNode), output: DrainPlan },
  // A job: sets the machine's availability, and for a drain waits until what
  // ran there runs elsewhere. Cancelled or lost, it sets the machine back.
  'nodes.setAvailability': {
    input: z.strictObject({ ...onNode, availability: z.enum(['active', 'pause', 'drain']) }),
    output: z.object({ jobId: z.string() })
  },
  // Replaces the machine's labels (its placement tags, e.g. storage=ssd).
  'nodes.setLabels': { input: z.strictObject({ ...onNode, labels: NodeLabels }), output: z.object({ labels: z.record(z.string(), z.string()) }) },
  // Takes a machine that is down out of the swarm's list; a manager or a running machine is refused.
  'nodes.remove': { input: z.strictObject(onNode), output: z.object({ removed: z.string() }) },
  // Adding a machine (servers/join.ts): reached over SSH as a server is (its host
  // key trusted first with servers.probeHostKey / trustHostKey), then checked.
  'nodes.joinCheck': { input: z.strictObject({ server: ServerName, machine: MachineTarget }), output: JoinCheck },
  // "Prepare this machine": the servers' prepare job (install Docker), pointed at the machine.
  'nodes.prepareMachine': { input: z.strictObject({ server: ServerName, machine: MachineTarget }), output: z.object({ jobId: z.string() }) },
  // A job: the join token is read from the manager inside the core and never
  // leaves it. A join that fails half-way is undone (the machine leaves, its entry goes).
  'nodes.join': {
    input: z.strictObject({
      server: ServerName,
      machine: MachineTarget,
      role: z.enum(['worker', 'manager']),
      /** Needed when the join would leave an even number of managers. */
      confirmEvenManagers: z.boolean().optional()
    }),
    output: z.object({ jobId: z.string() })
  }
} as const

export type SwarmMachine = z.infer<typeof SwarmMachine>
export type MachinesList = z.infer<typeof MachinesList>
export type DrainPlanOut = z.infer<typeof DrainPlan>
export type MachineTarget = z.infer<typeof MachineTarget>
export type JoinCheck = z.infer<typeof JoinCheck>
export type JoinCheckItem = z.infer<typeof JoinCheckItem>
