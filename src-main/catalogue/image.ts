// Splits an image reference the way abra records it in the catalogue
// (docker's reference.ParseNormalizedNamed, then reference.Path and abra's
// StripTagMeta): the registry host is dropped and Docker Hub's "library/" is
// left out, so "traefik:v2.4.8" is image "traefik", tag "v2.4.8".
export interface ImageRef {
  image: string
  tag?: string
  digest?: string
}

export function splitImage(ref: string): ImageRef {
  let rest = ref.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const parts = rest.split('/')
  // Same rule as docker: a first part with a dot or port, or "localhost", is a registry.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift()
  if (parts.length > 1 && parts[0] === 'library') parts.shift()
  return { image: parts.join('/'), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }
}
