import { z } from 'zod'
import { ServerName } from './schemas'

// Freeing a server's disk, as `abra server prune` does: stopped containers,
// images no container (and no service) uses, and build cache, read from
// Docker's disk usage (/system/df). Volumes (the apps' data) are never
// removed from here. A preview first; applying removes exactly what the
// preview listed, by ID, and skips (and says) what has changed since.

/** unused: every image nothing uses (abra's --all); dangling: only images without a name. */
export const CleanupImages = z.enum(['unused', 'dangling'])

const DockerId = z.string().regex(/^(sha256:)?[0-9a-f]{12,64}$/, 'a Docker ID')

export const CleanupContainer = z.object({
  id: z.string(),
  name: z.string(),
  /** The image it was made from, as it was asked for ("nginx:1.27"). */
  image: z.string(),
  /** created, exited or dead. */
  state: z.string(),
  /** What its own writes take on disk (Docker's SizeRw). */
  bytes: z.number()
})

export const CleanupImage = z.object({
  id: z.string(),
  /** Its names; empty for an image without one (dangling). */
  tags: z.array(z.string()),
  /** Its whole size, layers shared with other images included. */
  bytes: z.number(),
  /** The part no other image shares: freed for certain when it goes. */
  uniqueBytes: z.number(),
  /** Stopped containers on the list that use it: it is unused once they have gone. */
  usedByStopped: z.array(z.string())
})

export const CleanupPreview = z.object({
  server: z.string(),
  images: CleanupImages,
  containers: z.array(CleanupContainer),
  removeImages: z.array(CleanupImage),
  /** Images kept because a container or a service uses them (or, for dangling, because they have a name). */
  keptImages: z.number(),
  buildCache: z.object({ entries: z.number(), bytes: z.number() }),
  /**
   * Bytes that would be freed. Images' layers shared with an image that stays
   * are not freed; when Docker's answer can't tell which are, images (and
   * total) are the least and imagesUpTo (and totalUpTo) the most: Docker's
   * own "reclaimable" figure. Equal when it can tell.
   */
  bytes: z.object({ containers: z.number(), images: z.number(), imagesUpTo: z.number(), buildCache: z.number(), total: z.number(), totalUpTo: z.number() }),
  /** The server's volumes, never touched from here. */
  volumes: z.number(),
  /** The whole preview in plain words (the core's language), as the CLI prints it. */
  words: z.array(z.string())
})

export const CleanupResult = z.object({
  containers: z.number(),
  images: z.number(),
  buildCacheBytes: z.number(),
  /** Bytes freed, measured on the server (before and after). */
  bytes: z.number(),
  /** What was on the preview but was not removed, and why, in plain words. */
  skipped: z.array(z.string()),
  /** The outcome in a sentence, in the core's language, as the CLI prints it. */
  words: z.string()
})

export const cleanupMethods = {
  'servers.cleanupPreview': {
    input: z.strictObject({ server: ServerName, images: CleanupImages.default('unused') }),
    output: CleanupPreview
  },
  // A job: removes the previewed stopped containers, then the previewed
  // images (each only if still unused), then the build cache when asked.
  'servers.cleanup': {
    input: z.strictObject({
      server: ServerName,
      images: CleanupImages.default('unused'),
      containers: z.array(DockerId).max(10_000),
      removeImages: z.array(DockerId).max(10_000),
      buildCache: z.boolean()
    }),
    output: z.object({ jobId: z.string() })
  },
  // How a clean-up job ended (what it removed and freed), while the job is still listed.
  'servers.cleanupResult': {
    input: z.strictObject({ jobId: z.string().max(64) }),
    output: CleanupResult.nullable()
  }
} as const

export type CleanupPreview = z.infer<typeof CleanupPreview>
export type CleanupImage = z.infer<typeof CleanupImage>
export type CleanupContainer = z.infer<typeof CleanupContainer>
export type CleanupResult = z.infer<typeof CleanupResult>
