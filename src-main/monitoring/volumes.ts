// The sizes of an app's volumes (where it keeps its data), from Docker's
// disk usage answer (/system/df). Docker walks every volume to size it, which
// can take a while on a big server: asked only when a page asks, and only
// for volumes (type=volume, on engines that know it), within a time limit.
import type Docker from 'dockerode'
import { withTimeout } from '../core/shell'
import { shortName } from './stats'

export interface VolumeSize {
  /** The name in the recipe ("data"). */
  name: string
  /** Docker's name, as `abra app volume ls` shows it ("cloud_example_org_data"). */
  volume: string
  /** Bytes; undefined when Docker couldn't tell (it says -1). */
  bytes?: number
}

interface DfVolume {
  Name?: string
  Labels?: Record<string, string> | null
  UsageData?: { Size?: number; RefCount?: number } | null
}

/** The stack's volumes in a /system/df answer, by name. */
export function stackVolumes(df: { Volumes?: DfVolume[] | null }, stack: string): VolumeSize[] {
  const out: VolumeSize[] = []
  for (const v of df.Volumes ?? []) {
    if (!v.Name || v.Labels?.['com.docker.stack.namespace'] !== stack) continue
    const size = v.UsageData?.Size
    out.push({ name: shortName(stack, v.Name), volume: v.Name, ...(size !== undefined && size >= 0 ? { bytes: size } : {}) })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

/** Rejects with `onTimeout()` when Docker hasn't answered within timeoutMs. */
export async function volumeSizes(docker: Docker, stack: string, timeoutMs: number, onTimeout: () => Error): Promise<VolumeSize[]> {
  const controller = new AbortController()
  // dockerode's df() sends no query, so it is dialled here with type=volume (older engines ignore it and size everything).
  const df = new Promise<{ Volumes?: DfVolume[] }>((resolve, reject) =>
    docker.modem.dial(
      { path: '/system/df?', method: 'GET', options: { type: 'volume' }, abortSignal: controller.signal, statusCodes: { 200: true, 500: 'server error' } },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as { Volumes?: DfVolume[] }))
    )
  )
  const answer = await withTimeout(df, timeoutMs, () => (controller.abort(), onTimeout()))
  return stackVolumes(answer, stack)
}
