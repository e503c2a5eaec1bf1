import { z } from 'zod'
import { Domain } from './apps'
import { ServerName } from './schemas'
import { say } from './zod-words'

// Files in an app's volumes (where it keeps its data), as `abra app cp` moves
// them: browsing a volume's folders, downloading a file or a folder (.tar.gz),
// uploading files into a folder, deleting one. Paths are inside the volume,
// relative to its root ("" or "/" is the root); one that leaves the volume
// ("../x", a symlink pointing out) is refused.

const appRef = { server: ServerName, domain: Domain }

// Control characters can't be typed in a file name here, and a NUL can't be in one at all.
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/

/** A path inside a volume, as given; the core normalises it and refuses `..` escapes. */
export const VolumePath = z
  .string()
  .max(4096)
  .regex(NO_CONTROL)
  .refine((p) => !p.split('/').includes('..'), say('files.outside'))
/** A volume of the app, by its recipe name ("data") or Docker name ("blog_example_org_data"). */
const VolumeName = z.string().min(1).max(255).regex(NO_CONTROL)
/** A path on this computer (the command line's own files; the window's are confined by the core). */
const LocalPath = z.string().min(1).max(4096).regex(NO_CONTROL)

/** One file's own name, as it will be called in the folder (no "/", not "." or ".."). */
export const UploadName = z
  .string()
  .min(1)
  .max(255)
  .regex(NO_CONTROL)
  .refine((n) => !n.includes('/') && n !== '.' && n !== '..', say('files.uploadName'))
/** Browser mode's limit on one file sent from the page: 16 GB. */
export const STAGE_MAX_BYTES = 16 * 1024 ** 3
/** A staged file's id: random, made by the core (files/staging.ts). */
export const StageId = z.string().regex(/^[A-Za-z0-9_-]{22}$/)

export const FileEntry = z.object({
  name: z.string(),
  type: z.enum(['file', 'folder', 'link', 'other']),
  bytes: z.number(),
  /** Last changed (ISO). */
  modifiedAt: z.string().optional()
})

export const FileVolume = z.object({
  /** The name in the recipe ("data"). */
  name: z.string(),
  /** Docker's name. */
  volume: z.string(),
  /** The service that mounts it, and where. */
  service: z.string().optional(),
  mountPath: z.string().optional()
})

export const FolderListing = z.object({
  volume: FileVolume,
  /** The folder, normalised, relative to the volume's root ("" is the root). */
  path: z.string(),
  /** How it was reached: a running container of the service, or a short-lived helper container (the service is stopped). */
  via: z.enum(['container', 'helper']),
  entries: z.array(FileEntry)
})

export const fileMethods = {
  // The app's volumes with the service that mounts each and where.
  'apps.files.volumes': { input: z.strictObject(appRef), output: z.object({ volumes: z.array(FileVolume) }) },
  'apps.files.list': { input: z.strictObject({ ...appRef, volume: VolumeName, path: VolumePath }), output: FolderListing },
  // A job: a file is saved as itself, a folder as <name>.tar.gz. `to` (the command line): a file or
  // folder on this computer; the window's downloads go to the Downloads folder, under a free name.
  'apps.files.download': {
    input: z.strictObject({ ...appRef, volume: VolumeName, path: VolumePath, to: LocalPath.optional() }),
    output: z.object({ jobId: z.string(), file: z.string() })
  },
  // A job: these files of this computer go into the folder `path` of the volume (replacing ones of the same name).
  'apps.files.upload': {
    input: z.strictObject({ ...appRef, volume: VolumeName, path: VolumePath, files: z.array(LocalPath).min(1).max(100) }),
    output: z.object({ jobId: z.string() })
  },
  // Browser mode's uploads, whose files the core can't open by path: the page says which files it
  // will send (name, size); each gets an id, and its bytes go to POST /api/upload/<id> (browser/upload.ts).
  // They are kept for this page only, and deleted when the upload ends, the page goes, or after 15 minutes unused.
  'apps.files.stage': {
    input: z.strictObject({ files: z.array(z.strictObject({ name: UploadName, bytes: z.number().int().min(0).max(STAGE_MAX_BYTES) })).min(1).max(100) }),
    output: z.object({ staged: z.array(z.object({ id: z.string(), name: z.string() })) })
  },
  // A job, as apps.files.upload, for files this page staged (all of them must have arrived); they are deleted when it ends.
  'apps.files.uploadStaged': {
    input: z.strictObject({ ...appRef, volume: VolumeName, path: VolumePath, staged: z.array(StageId).min(1).max(100) }),
    output: z.object({ jobId: z.string() })
  },
  // Forgets staged files at once (the page cancelled before the upload started).
  'apps.files.discard': { input: z.strictObject({ staged: z.array(StageId).min(1).max(100) }), output: z.object({}) },
  // Deletes a file or folder; `confirm` must be its name.
  'apps.files.remove': {
    input: z.strictObject({ ...appRef, volume: VolumeName, path: VolumePath, confirm: z.string().max(255) }),
    output: z.object({ removed: z.string() })
  }
} as const

export type FileEntry = z.infer<typeof FileEntry>
export type FileVolume = z.infer<typeof FileVolume>
export type FolderListing = z.infer<typeof FolderListing>
