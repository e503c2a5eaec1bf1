import { z } from 'zod'
import { ServerName } from './schemas'

// One server's health on its page (src-main/monitoring/server-view.ts): its
// disks, memory and load over the last hours, from the history the
// background monitor writes, and its Docker and swarm as the latest round saw them.

export const SeriesPoint = z.object({
  /** Start of the minute or hour (ms). */
  at: z.number(),
  /** The measure (a minute), or the hour's average. */
  value: z.number(),
  /** An hour's lowest and highest (absent for a minute). */
  min: z.number().optional(),
  max: z.number().optional(),
  /** How long the point stands for (ms): a minute or an hour. */
  spanMs: z.number()
})

export const ServerDisk = z.object({
  /** Where the disk is mounted: "/", "/var/lib/docker". */
  mount: z.string(),
  /** What the check reads that lives on it ("/", Docker's data folder), when the latest round said. */
  paths: z.array(z.string()),
  /** % used, as df shows it. */
  points: z.array(SeriesPoint),
  /** From the latest round. */
  freeBytes: z.number().optional(),
  totalBytes: z.number().optional()
})

export const SwarmNode = z.object({
  id: z.string(),
  hostname: z.string(),
  /** manager: helps run the swarm (and runs apps); worker: only runs apps. */
  role: z.enum(['manager', 'worker']),
  leader: z.boolean(),
  /** Docker's word: ready, down, unknown, disconnected. */
  state: z.string(),
  /** active, pause or drain. */
  availability: z.string(),
  /** A manager the others can't reach. */
  unreachable: z.boolean(),
  address: z.string().optional(),
  engineVersion: z.string().optional(),
  message: z.string().optional()
})

export const ServerHealth = z.object({
  /** The charts' range (ms). */
  from: z.number(),
  to: z.number(),
  disks: z.array(ServerDisk),
  /** Memory used, % of the total. */
  memory: z.array(SeriesPoint),
  /** The 1-minute load divided by the number of processors: 1 is every processor busy. */
  load: z.array(SeriesPoint),
  /** The latest round (absent before the first). */
  checkedAt: z.number().optional(),
  /** The latest round could not reach the server: what it said. */
  unreachable: z.string().optional(),
  memoryTotalBytes: z.number().optional(),
  cpus: z.number().optional(),
  /** The server's Docker and swarm, when the latest round could read them. */
  docker: z
    .object({
      version: z.string().optional(),
      /** manager: this server runs the swarm; worker: it belongs to a swarm run elsewhere; off: no swarm. */
      swarm: z.enum(['manager', 'worker', 'off']),
      nodes: z.array(SwarmNode)
    })
    .optional(),
  /** False when there is no history to read (no file, or it can't be opened): the charts are empty. */
  history: z.boolean()
})

export const healthServerMethods = {
  /** A server's disks, memory and load over the last `hours` (default 24), and its Docker and swarm. */
  'health.server': { input: z.strictObject({ server: ServerName, hours: z.number().int().min(1).max(24).default(24) }), output: ServerHealth }
} as const

export type SeriesPoint = z.infer<typeof SeriesPoint>
export type ServerDisk = z.infer<typeof ServerDisk>
export type SwarmNode = z.infer<typeof SwarmNode>
export type ServerHealth = z.infer<typeof ServerHealth>
