// Image references as Docker reads them ("nginx", "foo/bar:1.2",
// "ghcr.io/a/b:3@sha256:…", "127.0.0.1:5000/x:1.0.0"): which registry,
// which repository, which tag. Docker Hub's short names gain "library/".

export interface ImageRef {
  /** As written. */
  raw: string
  /** Registry host[:port]; "docker.io" for Docker Hub. */
  registry: string
  /** Repository path in that registry, e.g. "library/nginx". */
  repository: string
  tag?: string
  digest?: string
}

const REPO_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/

/** undefined when `raw` is not a valid reference at all. */
export function parseImage(raw: string): ImageRef | undefined {
  let rest = raw.trim()
  if (rest === '') return undefined
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(digest)) return undefined
  }
  let tag: string | undefined
  const slash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > slash) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return undefined
  }
  const parts = rest.split('/')
  let registry = 'docker.io'
  // The first part is a registry when it looks like a host: a dot, a port, or "localhost".
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) registry = parts.shift() as string
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io'
  if (parts.length === 0 || !parts.every((p) => REPO_PART.test(p))) return undefined
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library')
  return { raw, registry, repository: parts.join('/'), ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) }
}

// Tags that move: whatever they name today is not what they named when the
// recipe was released.
const UNSTABLE = new Set(['latest', 'main', 'master', 'develop', 'dev', 'edge', 'nightly', 'stable', 'unstable', 'next', 'beta', 'alpha'])

export function isUnstableTag(tag: string): boolean {
  return UNSTABLE.has(tag.toLowerCase())
}

// "Semver-like", as abra's tag comparison reads tags: numbers separated by
// dots, an optional leading "v", and an optional "-suffix" (1.2.3,
// v2.4.8, 17-3.5, 1.0.6-social-amd64).
export function isSemverLikeTag(tag: string): boolean {
  return /^v?\d+(?:\.\d+)*(?:-[A-Za-z0-9][A-Za-z0-9._-]*)?$/.test(tag)
}
