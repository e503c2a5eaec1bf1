// Is image:tag in its registry? Asked with the Docker Registry HTTP API v2:
// HEAD /v2/<repository>/manifests/<tag>. A registry that wants a token
// (Docker Hub always does) says where in its WWW-Authenticate header; an
// anonymous token for pull is asked there, as `docker pull` does. Every
// request has a short limit: an unreachable registry makes the rule
// "not checked", never "failed".
import { parseImage, type ImageRef } from './images'
import type { RegistryAnswer } from './model'

export type RegistryChecker = (ref: ImageRef) => Promise<RegistryAnswer>

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

export interface RegistryOptions {
  fetch?: typeof fetch
  /** Per request; the whole check is at most two requests plus a token. */
  timeoutMs?: number
}

// Docker talks plain HTTP to registries on this computer's loopback
// addresses (its default insecure registries); everything else is HTTPS.
function baseUrl(registry: string): string {
  if (registry === 'docker.io') return 'https://registry-1.docker.io'
  const host = registry.replace(/:\d+$/, '')
  const loopback = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]'
  return `${loopback ? 'http' : 'https'}://${registry}`
}

export function registryChecker(options: RegistryOptions = {}): RegistryChecker {
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  const request = (url: string, headers: Record<string, string>, method = 'HEAD'): Promise<Response> =>
    doFetch(url, { method, headers, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) })

  return async (ref) => {
    const reference = ref.tag ?? ref.digest ?? 'latest'
    const url = `${baseUrl(ref.registry)}/v2/${ref.repository}/manifests/${reference}`
    const headers: Record<string, string> = { Accept: MANIFEST_TYPES }
    try {
      let res = await request(url, headers)
      if (res.status === 401) {
        const token = await anonymousToken(res.headers.get('www-authenticate'), ref.repository, (u) => request(u, {}, 'GET'))
        if (!token) return 'unreachable'
        res = await request(url, { ...headers, Authorization: `Bearer ${token}` })
      }
      if (res.status === 200) return 'present'
      // 401/403 after a token: a private image this computer may not read; not proof that it is missing.
      if (res.status === 404) return 'absent'
      return 'unreachable'
    } catch {
      return 'unreachable'
    }
  }
}

async function anonymousToken(challenge: string | null, repository: string, get: (url: string) => Promise<Response>): Promise<string | undefined> {
  if (!challenge || !/^bearer\s/i.test(challenge)) return undefined
  const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1].toLowerCase(), m[2]]))
  if (!params.realm) return undefined
  const u = new URL(params.realm)
  if (params.service) u.searchParams.set('service', params.service)
  u.searchParams.set('scope', params.scope ?? `repository:${repository}:pull`)
  const res = await get(u.toString())
  if (!res.ok) return undefined
  const body = (await res.json()) as { token?: string; access_token?: string }
  return body.token ?? body.access_token
}

/** Each distinct image asked once, all at once; keyed as image-rules.ts reads them. */
export async function askRegistries(images: string[], check: RegistryChecker, key: (ref: ImageRef) => string): Promise<Map<string, RegistryAnswer>> {
  const refs = new Map<string, ImageRef>()
  for (const image of images) {
    const ref = parseImage(image)
    if (ref) refs.set(key(ref), ref)
  }
  const answers = new Map<string, RegistryAnswer>()
  await Promise.all([...refs].map(async ([k, ref]) => answers.set(k, await check(ref))))
  return answers
}
