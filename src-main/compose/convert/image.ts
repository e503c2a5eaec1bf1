// The image tagging the docker client applies to every service it creates or
// updates (docker/docker client/service_create.go imageWithTagString): parse
// the reference the way docker/distribution's ParseNormalizedNamed does, add
// ":latest" when it has neither tag nor digest, and print it in the familiar
// short form ("docker.io/library/busybox" → "busybox:latest"). A reference
// that does not parse is sent unchanged, as docker does.

// docker/distribution reference/regexp.go. nameComponent is written without
// the optional empty separator (`[-]*` can match nothing) so that it does not
// backtrack exponentially on bad input; it matches the same strings.
const nameComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*'
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const domain = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`
const tag = '[\\w][\\w.-]{0,127}'
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}'
const name = `(?:${domain}/)?${nameComponent}(?:/${nameComponent})*`
const referenceRe = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`)
const anchoredNameRe = new RegExp(`^(?:(${domain})/)?(${nameComponent}(?:/${nameComponent})*)$`)
const identifierRe = /^[a-f0-9]{64}$/

const NAME_TOTAL_LENGTH_MAX = 255
/** go-digest: the algorithms the docker CLI links in, and their hex lengths. */
const digestHexLength: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 }

interface Reference {
  domain: string
  path: string
  tag: string
  digest: string
}

function splitDockerDomain(ref: string): [string, string] {
  const i = ref.indexOf('/')
  let dom: string
  let remainder: string
  if (i === -1 || (!/[.:]/.test(ref.slice(0, i)) && ref.slice(0, i) !== 'localhost')) {
    dom = 'docker.io'
    remainder = ref
  } else {
    dom = ref.slice(0, i)
    remainder = ref.slice(i + 1)
  }
  if (dom === 'index.docker.io') dom = 'docker.io'
  if (dom === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`
  return [dom, remainder]
}

function validDigest(d: string): boolean {
  const i = d.indexOf(':')
  if (i <= 0 || i + 1 === d.length) return false
  const size = digestHexLength[d.slice(0, i)]
  const encoded = d.slice(i + 1)
  return size !== undefined && encoded.length === size && /^[a-f0-9]+$/.test(encoded)
}

/** reference.ParseNormalizedNamed; undefined where docker returns an error. */
export function parseNormalizedNamed(ref: string): Reference | undefined {
  if (identifierRe.test(ref)) return undefined
  const [dom, remainder] = splitDockerDomain(ref)
  const colon = remainder.indexOf(':')
  const remoteName = colon > -1 ? remainder.slice(0, colon) : remainder
  if (remoteName.toLowerCase() !== remoteName) return undefined
  const m = referenceRe.exec(`${dom}/${remainder}`)
  if (!m) return undefined
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return undefined
  const nm = anchoredNameRe.exec(m[1])
  const parsed: Reference = nm
    ? { domain: nm[1] ?? '', path: nm[2], tag: m[2] ?? '', digest: m[3] ?? '' }
    : { domain: '', path: m[1], tag: m[2] ?? '', digest: m[3] ?? '' }
  if (parsed.digest && !validDigest(parsed.digest)) return undefined
  return parsed
}

/** reference.FamiliarString. */
function familiarString(ref: Reference): string {
  let dom = ref.domain
  let path = ref.path
  if (dom === 'docker.io') {
    dom = ''
    const split = path.split('/')
    if (split.length === 2 && split[0] === 'library') path = split[1]
  }
  let out = dom ? `${dom}/${path}` : path
  if (ref.tag) out += `:${ref.tag}`
  if (ref.digest) out += `@${ref.digest}`
  return out
}

/**
 * The image the docker client actually sends in ContainerSpec.Image:
 * "busybox" → "busybox:latest", "docker.io/library/busybox:1.36" →
 * "busybox:1.36"; unparsable references unchanged.
 */
export function imageWithTag(image: string): string {
  const ref = parseNormalizedNamed(image)
  if (!ref) return image
  if (!ref.tag && !ref.digest) ref.tag = 'latest'
  return familiarString(ref)
}
