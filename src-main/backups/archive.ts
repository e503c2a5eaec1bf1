// STUB — being written: the backup archive format (manifest, volumes, checksums).
import type { Readable } from 'node:stream'

export interface ManifestFile {
  /** Path inside the volume, e.g. keep/hooks.log */
  path: string
  size: number
  sha256: string
}

export interface ManifestVolume {
  service: string
  /** Compose name (data) and Docker name (<stack>_data). */
  volume: string
  dockerName: string
  mountPath: string
  paths?: string[]
  /** Where its tar lies inside the archive. */
  entry: string
  bytes: number
  files: ManifestFile[]
}

export interface ManifestHook {
  service: string
  kind: 'pre' | 'post'
  command: string
  exitCode: number
  output?: string
}

export interface Manifest {
  format: 1
  app: { server: string; domain: string; stackName: string; recipe?: string; version?: string }
  createdAt: string
  services: string[]
  volumes: ManifestVolume[]
  hooks: ManifestHook[]
  bytes: number
}

/**
 * Reads an archive in one pass, handing each volume's tar (as Docker's
 * archive API gave it) to `use`; resolves to the manifest. Rejects a
 * corrupted archive.
 */
export async function forEachVolume(_file: string, _use: (volume: ManifestVolume, tar: Readable) => Promise<void>): Promise<Manifest> {
  throw new Error('not written yet')
}
