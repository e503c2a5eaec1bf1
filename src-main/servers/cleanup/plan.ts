// What a clean-up would remove, from Docker's disk usage answer (/system/df)
// and the images the swarm's services ask for. Pure: the same answer always
// gives the same plan, so applying can plan again and compare.
import type { CleanupContainer, CleanupImage } from '../../contract/cleanup'

export interface DfImage {
  Id: string
  ParentId?: string
  RepoTags?: string[] | null
  RepoDigests?: string[] | null
  Size?: number
  SharedSize?: number
  Containers?: number
}
export interface DfContainer {
  Id: string
  Names?: string[] | null
  Image?: string
  ImageID?: string
  State?: string
  SizeRw?: number
}
export interface DfBuildCache {
  ID?: string
  InUse?: boolean
  Shared?: boolean
  Size?: number
}
export interface DiskUsage {
  LayersSize?: number
  Images?: DfImage[] | null
  Containers?: DfContainer[] | null
  BuildCache?: DfBuildCache[] | null
}

export interface Plan {
  containers: CleanupContainer[]
  removeImages: CleanupImage[]
  keptImages: number
  buildCache: { entries: number; bytes: number }
  bytes: { containers: number; images: number; imagesUpTo: number; buildCache: number; total: number; totalUpTo: number }
}

/** States of a container that is not running: what `docker container prune` removes. */
const STOPPED = new Set(['created', 'exited', 'dead'])

const NONE = new Set(['<none>:<none>', '<none>@<none>'])
const named = (tags: readonly string[] | null | undefined): string[] => (tags ?? []).filter((t) => !NONE.has(t))

/**
 * An image reference as Docker stores it in RepoTags/RepoDigests: without
 * the default registry ("docker.io/") and library ("library/"), and with
 * ":latest" when it names no tag or digest.
 */
export function normalRef(ref: string): string {
  let r = ref.trim()
  if (r.startsWith('docker.io/')) r = r.slice('docker.io/'.length)
  else if (r.startsWith('index.docker.io/')) r = r.slice('index.docker.io/'.length)
  if (r.startsWith('library/')) r = r.slice('library/'.length)
  const lastSlash = r.lastIndexOf('/')
  if (!r.includes('@') && !r.slice(lastSlash + 1).includes(':')) r += ':latest'
  return r
}

/**
 * The refs a service's image stands for: "nginx:1.27@sha256:…" is both
 * "nginx:1.27" and "nginx@sha256:…" (swarm pins the digest it resolved).
 */
export function serviceRefs(image: string): string[] {
  const at = image.indexOf('@')
  if (at < 0) return [normalRef(image)]
  const name = image.slice(0, at)
  const digest = image.slice(at + 1)
  const lastSlash = name.lastIndexOf('/')
  const colon = name.lastIndexOf(':')
  const repo = colon > lastSlash ? name.slice(0, colon) : name
  const out = [normalRef(`${repo}@${digest}`).replace(/:latest$/, '')]
  if (colon > lastSlash) out.push(normalRef(name))
  return out
}

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12)

/**
 * The plan: every stopped container; then the images no container left
 * afterwards uses and no service asks for (with `dangling`, only those
 * without a name); then the build cache nothing uses. An image that is the
 * parent of a kept image is kept too (Docker would refuse to remove it).
 */
export function planCleanup(df: DiskUsage, opts: { images: 'unused' | 'dangling'; serviceImages: readonly string[] }): Plan {
  const containers = (df.Containers ?? []).filter((c) => STOPPED.has(c.State ?? ''))
  const going = new Set(containers.map((c) => c.Id))
  const staying = (df.Containers ?? []).filter((c) => !going.has(c.Id))
  const usedByStaying = new Set(staying.map((c) => c.ImageID).filter((x): x is string => Boolean(x)))
  const wanted = new Set(opts.serviceImages.flatMap(serviceRefs))
  const images = df.Images ?? []
  const askedByService = (img: DfImage): boolean =>
    named(img.RepoTags).some((t) => wanted.has(normalRef(t))) || (img.RepoDigests ?? []).some((d) => wanted.has(normalRef(d).replace(/:latest$/, '')))

  let kept = new Set(images.filter((img) => usedByStaying.has(img.Id) || askedByService(img) || (opts.images === 'dangling' && named(img.RepoTags).length > 0)).map((i) => i.Id))
  // Parents of kept images stay (their layers are the kept image's too).
  const byId = new Map(images.map((i) => [i.Id, i]))
  for (let grew = true; grew; ) {
    grew = false
    for (const id of [...kept]) {
      const parent = byId.get(id)?.ParentId
      if (parent && byId.has(parent) && !kept.has(parent)) {
        kept = new Set([...kept, parent])
        grew = true
      }
    }
  }
  const removeImages: CleanupImage[] = images
    .filter((img) => !kept.has(img.Id))
    .map((img) => {
      const size = Math.max(0, img.Size ?? 0)
      const shared = Math.max(0, img.SharedSize ?? 0)
      return {
        id: img.Id,
        tags: named(img.RepoTags).sort(),
        bytes: size,
        uniqueBytes: Math.max(0, size - shared),
        usedByStopped: containers.filter((c) => c.ImageID === img.Id).map((c) => nameOf(c))
      }
    })
    .sort((a, b) => b.bytes - a.bytes || (a.tags[0] ?? a.id).localeCompare(b.tags[0] ?? b.id))

  const freed = imageBytes(images, kept, removeImages, df.LayersSize)
  const cache = (df.BuildCache ?? []).filter((b) => !b.InUse && !b.Shared)
  const cacheBytes = cache.reduce((n, b) => n + Math.max(0, b.Size ?? 0), 0)
  const containerBytes = containers.reduce((n, c) => n + Math.max(0, c.SizeRw ?? 0), 0)
  return {
    containers: containers
      .map((c) => ({ id: c.Id, name: nameOf(c), image: c.Image ?? shortId(c.ImageID ?? ''), state: c.State ?? '', bytes: Math.max(0, c.SizeRw ?? 0) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    removeImages,
    keptImages: kept.size,
    buildCache: { entries: cache.length, bytes: cacheBytes },
    bytes: { containers: containerBytes, images: freed.atLeast, imagesUpTo: freed.upTo, buildCache: cacheBytes, total: containerBytes + freed.atLeast + cacheBytes, totalUpTo: containerBytes + freed.upTo + cacheBytes }
  }
}

/**
 * What removing the images frees. /system/df gives each image's size and the
 * part it shares with other images, not which images share it, so:
 * - when no removed image shares a layer, exactly their own sizes;
 * - when no kept image shares one, exactly all layers less the kept images;
 * - otherwise somewhere between the removed images' own parts (the least)
 *   and Docker's "reclaimable" figure (all layers less the kept images' own
 *   parts), since shared layers a kept image also uses stay.
 * The job measures what was really freed (LayersSize before and after).
 */
export function imageBytes(images: DfImage[], kept: Set<string>, removed: CleanupImage[], layersSize: number | undefined): { atLeast: number; upTo: number } {
  if (removed.length === 0) return { atLeast: 0, upTo: 0 }
  const size = (i: DfImage): number => Math.max(0, i.Size ?? 0)
  const shared = (i: DfImage): number => Math.max(0, i.SharedSize ?? 0)
  const keptImages = images.filter((i) => kept.has(i.Id))
  const own = removed.reduce((n, i) => n + i.uniqueBytes, 0)
  const layers = layersSize ?? images.reduce((n, i) => n + size(i), 0)
  if (removed.every((i) => i.uniqueBytes === i.bytes)) return { atLeast: own, upTo: own }
  if (keptImages.every((i) => shared(i) === 0)) {
    const exact = Math.max(own, layers - keptImages.reduce((n, i) => n + size(i), 0))
    return { atLeast: exact, upTo: exact }
  }
  return { atLeast: own, upTo: Math.max(own, layers - keptImages.reduce((n, i) => n + size(i) - shared(i), 0)) }
}

function nameOf(c: DfContainer): string {
  return (c.Names?.[0] ?? shortId(c.Id)).replace(/^\//, '')
}
