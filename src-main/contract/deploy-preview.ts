import { z } from 'zod'
import { AppRef, DeployKind, RecipeVersion } from './apps'

// What a deploy, upgrade, rollback or redeploy would change on the server,
// worked out without sending anything (abra's deploy overview, and more):
// the specs the deploy would send, compared with what runs now. Setting and
// secret changes are given by name only, never by value.

export const PreviewServiceChange = z.enum([
  /** New: it will be created. */
  'create',
  /** What its containers run changes (image, settings, command, secrets, mounts…): they will restart. */
  'restart',
  /** Only its labels, number of copies or update settings change: nothing restarts. */
  'update',
  'unchanged',
  /** Running, but no longer in the recipe: abra doesn't remove it, so it keeps running. */
  'left'
])

export const DeployPreview = z.object({
  server: z.string(),
  domain: z.string(),
  kind: DeployKind,
  stackName: z.string(),
  /** The recipe version running now (its label) and the one that would be deployed. */
  version: z.object({ from: z.string().optional(), to: z.string().optional() }),
  deployed: z.boolean(),
  services: z.array(
    z.object({
      name: z.string(),
      fullName: z.string(),
      change: PreviewServiceChange,
      /** Parts of the spec that differ ("TaskTemplate.ContainerSpec.Env", "Labels"…). */
      changed: z.array(z.string())
    })
  ),
  /** Images that change (from is absent for a service that will be created). */
  images: z.array(z.object({ service: z.string(), from: z.string().optional(), to: z.string() })),
  /** Env variables in the containers' specs that change: names only. */
  settings: z.array(z.object({ name: z.string(), service: z.string(), change: z.enum(['added', 'removed', 'changed']) })),
  /** Secrets the services would use that they didn't before: names only. */
  secrets: z.array(z.object({ name: z.string(), service: z.string(), change: z.enum(['added', 'changed']), exists: z.boolean() })),
  /** Volumes mounted by the services that will be created or restart. */
  volumes: z.array(z.object({ name: z.string(), services: z.array(z.string()), exists: z.boolean() })),
  /** What the server lacks, so the deploy would stop before changing anything. */
  missing: z.array(z.object({ kind: z.enum(['secret', 'config', 'network']), name: z.string() })),
  /** Fingerprint of the stack's services as read (ID and version of each), of what would be sent and of the pins: give it to apps.deploy as expectServerState to apply exactly this. */
  serverState: z.string(),
  /** The images as the registries pinned them: service (full name) → `name:tag@sha256:…`. Give them to apps.deploy with expectServerState, and the registries are not asked again. */
  pins: z.record(z.string(), z.string()),
  /** The same, in plain words, one line each. */
  words: z.array(z.string()),
  /**
   * Sharing with the team: what to know before confirming. 'unshared-deploy':
   * the app runs settings a teammate deployed and hasn't shared (apps.deploy
   * then needs replaceUnshared); 'not-fetched': the team's latest changes
   * could not be fetched.
   */
  team: z.array(z.object({ kind: z.enum(['unshared-deploy', 'not-fetched']), words: z.string() })).optional()
})
export type DeployPreview = z.infer<typeof DeployPreview>

export const deployPreviewMethods = {
  'apps.preview': {
    input: z.strictObject({
      ...AppRef.shape,
      kind: DeployKind.default('deploy'),
      version: RecipeVersion.optional(),
      // The recipe's local copy as it is (abra's --chaos); deploy and redeploy only, no version.
      chaos: z.boolean().optional(),
      // Given: the preview's steps arrive as preview.progress events carrying this id.
      progressId: z.string().min(1).max(64).optional()
    }),
    output: DeployPreview
  }
} as const

/** A step of a preview under way (apps.preview with a progressId), in plain words. */
export const PreviewProgress = z.object({
  progressId: z.string(),
  server: z.string(),
  domain: z.string(),
  /** Reading the server; asking an image's registry (n of m, the image still waited for); comparing. */
  step: z.enum(['reading', 'registry', 'comparing']),
  image: z.string().optional(),
  n: z.number().int().optional(),
  of: z.number().int().optional(),
  words: z.string()
})
export type PreviewProgress = z.infer<typeof PreviewProgress>

export const deployPreviewEvents = {
  'preview.progress': PreviewProgress
} as const
