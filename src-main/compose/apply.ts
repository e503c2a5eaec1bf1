// Apply: sends StackObjects to a swarm the way `docker stack deploy` does
// (docker/cli v20.10, cli/command/stack/swarm/deploy_composefile.go), with
// the options abra uses: no --prune, no registry auth, --resolve-image always
// (abra's app deploy passes stack.ResolveImageAlways to its copy of that code).
//
// What the CLI does, and what this does the same:
// - The engine must be a swarm manager (GET /info, Swarm.ControlAvailable).
// - External networks must exist and be swarm-scoped; built-in ones (host,
//   bridge, none…) are not looked up.
// - Networks: the stack's existing ones are found with the label filter
//   com.docker.stack.namespace=<ns>; only missing ones are created (driver
//   "overlay" when none is given). Existing networks are never changed.
// - Secrets and configs (never external ones): looked up by name; created when
//   missing, otherwise SecretUpdate/ConfigUpdate with the whole spec at the
//   current version. The swarm only accepts label changes there: different
//   data is refused ("only updates to Labels are allowed"), which is why
//   recipes put a version in those names.
// - Secret and config references in services get their IDs by name
//   (ParseSecrets/ParseConfigs); a duplicate target is refused.
// - Services: the stack's existing ones (label filter again) are updated in
//   place with their current Version.Index, the others created.
//   TaskTemplate.ForceUpdate is carried over, as stack deploy has no --force.
//   The image is sent in its tagged familiar form (`nginx` → `nginx:latest`),
//   as the client library does.
// - Images (--resolve-image, the client's QueryRegistry): with `always`, every
//   service's image is looked up on its registry through the engine (GET
//   /distribution/<image>/json) and sent pinned, `name:tag@sha256:…`, with
//   Placement.Platforms set to the platforms the registry lists (architecture
//   "arm" left out, as the client does). `changed` looks up new services and
//   those whose image differs from their com.docker.stack.image label; the
//   others keep the image stored (pinned the last time). `never` looks nothing
//   up, and an unchanged image keeps what is stored. A lookup that fails
//   (no such image, registry unreachable, an image that exists only on the
//   server) sends the plain tag, and each node pulls it itself, as the CLI does.
//
// Where this differs on purpose: independent calls run in parallel (networks,
// secrets and configs together, then all services, and all image lookups),
// and every check that can fail is made before anything is created (external
// networks, secrets and configs, the swarm role), so a failing deploy leaves
// the server untouched. An image lookup gives up after RESOLVE_TIMEOUT_MS (the
// CLI waits as long as the engine does): an offline server whose DNS drops
// queries must not hold a deploy. The CLI prints a warning for each image it
// could not pin ("could not be accessed on a registry to record its digest");
// here that is an 'image' event and ApplyResult.unresolved, not a warning:
// apps whose images exist only on the server (built there, or loaded by hand)
// would otherwise carry that warning on every deploy, and when a pull truly
// fails the deploy's end words say why in plain words (apps/pull-check.ts).

import type Docker from 'dockerode'
import { ApiError } from '../contract/errors'
import { imageWithTag } from './convert/image'
import { LABEL_IMAGE, LABEL_NAMESPACE } from './convert/names'
import type { Json, StackObjects } from './objects'
import { t } from '../i18n/i18n'

export type ApplyKind = 'network' | 'secret' | 'config' | 'service'
export type ApplyAction = 'create' | 'update' | 'unchanged' | 'remove'

export type ApplyEvent =
  | { type: 'check'; message: string }
  | { type: 'start'; kind: ApplyKind; name: string; action: ApplyAction }
  | { type: 'done'; kind: ApplyKind; name: string; action: ApplyAction }
  | { type: 'warning'; kind?: ApplyKind; name?: string; message: string }
  /** A service's image looked up on its registry: pinned to a digest, or why not (then sent as tagged). */
  | { type: 'image'; name: string; image: string; pinned?: string; problem?: string }

/** docker stack deploy --resolve-image. */
export type ResolveImage = 'always' | 'changed' | 'never'
export const RESOLVE_IMAGE_DEFAULT: ResolveImage = 'always'
/** How long one image lookup may take before the tag is sent as it is. */
export const RESOLVE_TIMEOUT_MS = 15_000

export interface ApplyOptions {
  onProgress?(event: ApplyEvent): void
  signal?: AbortSignal
  /** Remove the stack's services that are not in `objects` (stack deploy --prune). Off by default, as in abra. */
  prune?: boolean
  /** Look images up on their registry and pin their digest (stack deploy --resolve-image). 'always' by default, as in abra. */
  resolveImage?: ResolveImage
  /** The registries' answers already had (a preview's, see resolutionsFromPins): used as they are, nothing is asked again. */
  resolved?: Map<string, ImageResolution>
}

export interface ApplyResult {
  /** "kind name", e.g. "service mystack_app". */
  created: string[]
  updated: string[]
  unchanged: string[]
  removed: string[]
  /** The engine's warnings (ServiceCreate/ServiceUpdate responses). */
  warnings: string[]
  /** Services whose image was looked up and pinned: service name → `image@sha256:…`. */
  pinned: Record<string, string>
  /** Services whose image lookup failed, sent with the plain tag, and the engine's reason. */
  unresolved: { name: string; image: string; problem: string }[]
}

export class ApplyError extends ApiError {
  constructor(code: string, message: string, detail?: string, data?: Record<string, unknown>) {
    super(code, message, detail, data)
    this.name = 'ApplyError'
  }
}

// ---------------------------------------------------------------- requests

type JsonObject = { [key: string]: Json }

export class DockerApiError extends Error {
  constructor(
    readonly statusCode: number | undefined,
    message: string
  ) {
    super(message)
    this.name = 'DockerApiError'
  }
}

interface RequestOptions {
  query?: Record<string, string | number | boolean | object>
  body?: unknown
  signal?: AbortSignal
}

// docker-modem directly: dockerode's helpers put the whole spec into the
// query string for updates and add fields of their own.
function request<T>(docker: Docker, method: 'GET' | 'POST' | 'DELETE', path: string, o: RequestOptions = {}): Promise<T> {
  const options: Record<string, unknown> = {}
  if (o.query && Object.keys(o.query).length > 0) options._query = o.query
  if (o.body !== undefined) options._body = o.body
  return new Promise<T>((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(abortError(o.signal))
      return
    }
    docker.modem.dial(
      {
        path: options._query ? `${path}?` : path,
        method,
        options,
        allowEmpty: method === 'POST',
        abortSignal: o.signal,
        statusCodes: { 200: true, 201: true, 204: true, 304: true, 400: 'bad parameter', 404: 'not found', 406: 'not a swarm manager', 409: 'conflict', 500: 'server error', 503: 'not part of a swarm' }
      },
      (err: (Error & { statusCode?: number; json?: unknown }) | null, data: unknown) => {
        if (err) {
          if (o.signal?.aborted) return reject(abortError(o.signal))
          const json = err.json as { message?: string } | undefined
          const msg = json && typeof json === 'object' && typeof json.message === 'string' ? json.message : err.message
          return reject(new DockerApiError(err.statusCode, msg.trim()))
        }
        resolve(data as T)
      }
    )
  })
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new ApplyError('cancelled', t('compose.cancelled'))
}

const isNotFound = (err: unknown): boolean => err instanceof DockerApiError && err.statusCode === 404

function labelFilter(namespace: string): { label: string[] } {
  return { label: [`${LABEL_NAMESPACE}=${namespace}`] }
}

// ---------------------------------------------------------------- validation

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Networks that always exist on every node (container.NetworkMode.IsUserDefined). */
export function isBuiltinNetwork(name: string): boolean {
  return ['default', 'bridge', 'host', 'none'].includes(name) || name.startsWith('container:')
}

interface SecretRef {
  SecretName?: unknown
  SecretID?: unknown
  File?: { Name?: unknown }
}
interface ConfigRef {
  ConfigName?: unknown
  ConfigID?: unknown
  File?: { Name?: unknown }
  Runtime?: unknown
}

function containerSpecOf(spec: JsonObject): JsonObject | undefined {
  const tt = spec.TaskTemplate
  return isObject(tt) && isObject(tt.ContainerSpec) ? tt.ContainerSpec : undefined
}

/** Problems with the objects themselves, in plain words; empty when they can be sent. */
export function validateObjects(objects: StackObjects): string[] {
  const problems: string[] = []
  if (!objects || typeof objects !== 'object') return [t('compose.nothingToDeploy')]
  if (typeof objects.namespace !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(objects.namespace)) {
    problems.push(t('compose.badStackName', { name: String(objects.namespace) }))
  }
  for (const key of ['networks', 'externalNetworks', 'secrets', 'externalSecrets', 'configs', 'externalConfigs', 'services'] as const) {
    if (!Array.isArray(objects[key])) problems.push(t('compose.noList', { key }))
  }
  if (problems.length > 0) return problems

  const named = (kind: string, list: { name: string; spec: JsonObject }[]): void => {
    const seen = new Set<string>()
    for (const o of list) {
      if (!o || typeof o.name !== 'string' || o.name === '') {
        problems.push(t('compose.noName', { kind }))
        continue
      }
      if (!isObject(o.spec)) problems.push(t('compose.noDefinition', { kind, name: o.name }))
      else if (o.spec.Name !== undefined && o.spec.Name !== o.name) problems.push(t('compose.namedOtherwise', { kind, name: o.name, other: String(o.spec.Name) }))
      if (seen.has(o.name)) problems.push(t('compose.definedTwice', { kind, name: o.name }))
      seen.add(o.name)
    }
  }
  named('network', objects.networks)
  named('secret', objects.secrets)
  named('config', objects.configs)
  named('service', objects.services)
  for (const [kind, list] of [['network', objects.externalNetworks], ['secret', objects.externalSecrets], ['config', objects.externalConfigs]] as const) {
    for (const n of list) if (typeof n !== 'string' || n === '') problems.push(t('compose.externalNoName', { kind }))
  }

  for (const s of objects.services) {
    if (!s || !isObject(s.spec)) continue
    const cs = containerSpecOf(s.spec)
    if (!cs) {
      problems.push(t('compose.noContainer', { name: s.name }))
      continue
    }
    if (typeof cs.Image !== 'string' || cs.Image === '') problems.push(t('compose.noImage', { name: s.name }))
    // ParseSecrets / ParseConfigs
    const secretTargets = new Set<string>()
    for (const item of Array.isArray(cs.Secrets) ? cs.Secrets : []) {
      const ref = (isObject(item) ? item : {}) as SecretRef
      if (typeof ref.SecretName !== 'string' || ref.SecretName === '') {
        problems.push(t('compose.secretNoName', { name: s.name }))
        continue
      }
      const target = String(ref.File?.Name ?? '')
      if (secretTargets.has(target)) problems.push(`The service "${s.name}": duplicate secret target for ${ref.SecretName} not allowed.`)
      secretTargets.add(target)
    }
    const configTargets = new Set<string>()
    for (const item of Array.isArray(cs.Configs) ? cs.Configs : []) {
      const ref = (isObject(item) ? item : {}) as ConfigRef
      if (typeof ref.ConfigName !== 'string' || ref.ConfigName === '') {
        problems.push(t('compose.configNoName', { name: s.name }))
        continue
      }
      if (ref.Runtime !== undefined && ref.Runtime !== null) continue
      const target = String(ref.File?.Name ?? '')
      if (configTargets.has(target)) problems.push(`The service "${s.name}": duplicate config target for ${ref.ConfigName} not allowed.`)
      configTargets.add(target)
    }
  }
  return problems
}

// ---------------------------------------------------------------- apply

interface EngineSecretOrConfig {
  ID: string
  Version: { Index: number }
  Spec: { Name: string; Labels?: Record<string, string> }
}
interface EngineService {
  ID: string
  Version: { Index: number }
  Spec: JsonObject & { Name: string; Labels?: Record<string, string>; TaskTemplate?: JsonObject }
}
interface EngineNetwork {
  Id: string
  Name: string
  Scope: string
}

function referencedNames(objects: StackObjects): { secrets: Set<string>; configs: Set<string>; networks: Set<string> } {
  const secrets = new Set<string>()
  const configs = new Set<string>()
  const networks = new Set<string>()
  for (const s of objects.services) {
    const cs = containerSpecOf(s.spec)
    for (const ref of (Array.isArray(cs?.Secrets) ? cs.Secrets : []) as SecretRef[]) secrets.add(String(ref.SecretName))
    for (const ref of (Array.isArray(cs?.Configs) ? cs.Configs : []) as ConfigRef[]) configs.add(String(ref.ConfigName))
    const tt = s.spec.TaskTemplate
    const nets = isObject(tt) && Array.isArray(tt.Networks) ? tt.Networks : []
    for (const n of nets) if (isObject(n) && typeof n.Target === 'string') networks.add(n.Target)
  }
  return { secrets, configs, networks }
}

async function settleAll<T>(tasks: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks)
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
  return results.map((r) => (r as PromiseFulfilledResult<T>).value)
}

/** Tries for one service update refused as out of sequence (see applyStack). */
const UPDATE_ATTEMPTS = 3

function fail(what: string, err: unknown): ApplyError {
  if (err instanceof ApplyError) return err
  const detail = err instanceof Error ? err.message : String(err)
  return new ApplyError('deploy-failed', t('compose.couldNot', { what, detail }), detail)
}

/**
 * Sends `objects` to the swarm behind `docker`, as `docker stack deploy
 * --resolve-image always` would (opts.resolveImage for the others). Throws ApplyError (nothing sent) when the
 * objects are invalid or something they need is missing on the server.
 */
export async function applyStack(docker: Docker, objects: StackObjects, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const { signal } = opts
  const emit = (e: ApplyEvent): void => {
    try {
      opts.onProgress?.(e)
    } catch {
      /* a progress listener must not break a deploy */
    }
  }
  const result: ApplyResult = { created: [], updated: [], unchanged: [], removed: [], warnings: [], pinned: {}, unresolved: [] }
  const record = (kind: ApplyKind, name: string, action: ApplyAction): void => {
    const key = `${kind} ${name}`
    if (action === 'create') result.created.push(key)
    else if (action === 'update') result.updated.push(key)
    else if (action === 'remove') result.removed.push(key)
    else result.unchanged.push(key)
    emit({ type: 'done', kind, name, action })
  }

  const problems = validateObjects(objects)
  if (problems.length > 0) {
    throw new ApplyError('stack-invalid', t('compose.nothingSent', { problems: problems.join(' ') }), undefined, { problems })
  }
  const ns = objects.namespace
  const toCreate = {
    networks: new Set(objects.networks.map((n) => n.name)),
    secrets: new Set(objects.secrets.map((s) => s.name)),
    configs: new Set(objects.configs.map((c) => c.name))
  }
  const refs = referencedNames(objects)

  // ---- checks: reads only, all at once
  emit({ type: 'check', message: t('compose.checkingServer') })
  const externalNetworks = [...new Set([...objects.externalNetworks, ...[...refs.networks].filter((n) => !toCreate.networks.has(n))])].filter(
    (n) => !isBuiltinNetwork(n)
  )
  const neededSecrets = [...new Set([...objects.externalSecrets, ...[...refs.secrets].filter((n) => !toCreate.secrets.has(n))])]
  const neededConfigs = [...new Set([...objects.externalConfigs, ...[...refs.configs].filter((n) => !toCreate.configs.has(n))])]

  // Everything the deploy reads goes out in one round trip: the checks, and
  // what exists already (the stack's networks and services, the secrets and
  // configs of these names, to update or to create). Nothing it creates
  // below changes these answers for anything it looks up in them.
  const allSecrets = [...new Set([...toCreate.secrets, ...neededSecrets])]
  const allConfigs = [...new Set([...toCreate.configs, ...neededConfigs])]
  let info: { Swarm?: { ControlAvailable?: boolean; LocalNodeState?: string } }
  let networkChecks: { name: string; network?: EngineNetwork; error?: unknown }[]
  // The lists' failures are told after the swarm-role check: a worker or a lone engine refuses them too.
  type Read<T> = { value: T; error?: undefined } | { value?: undefined; error: unknown }
  const settled = <T>(p: Promise<T>): Promise<Read<T>> => p.then((value) => ({ value }), (error: unknown) => ({ error }))
  let secretsRead: Read<EngineSecretOrConfig[]>
  let configsRead: Read<EngineSecretOrConfig[]>
  let stackNetworksRead: Read<EngineNetwork[]>
  let existingServicesRead: Read<EngineService[]>
  try {
    ;[info, networkChecks, secretsRead, configsRead, stackNetworksRead, existingServicesRead] = await Promise.all([
      request<typeof info>(docker, 'GET', '/info', { signal }),
      Promise.all(
        externalNetworks.map((name) =>
          request<EngineNetwork>(docker, 'GET', `/networks/${encodeURIComponent(name)}`, { signal }).then(
            (network) => ({ name, network }),
            (error: unknown) => ({ name, error })
          )
        )
      ),
      // The name filter matches by prefix: only exact names are used below.
      settled(allSecrets.length ? request<EngineSecretOrConfig[]>(docker, 'GET', '/secrets', { query: { filters: { name: allSecrets } }, signal }) : Promise.resolve([])),
      settled(allConfigs.length ? request<EngineSecretOrConfig[]>(docker, 'GET', '/configs', { query: { filters: { name: allConfigs } }, signal }) : Promise.resolve([])),
      settled(request<EngineNetwork[]>(docker, 'GET', '/networks', { query: { filters: labelFilter(ns) }, signal })),
      settled(request<EngineService[]>(docker, 'GET', '/services', { query: { filters: labelFilter(ns) }, signal }))
    ])
  } catch (err) {
    if (signal?.aborted) throw abortError(signal)
    throw fail(t('compose.what.readSwarm'), err)
  }
  if (!info.Swarm?.ControlAvailable) {
    throw new ApplyError(
      'not-swarm-manager',
      t('compose.notManager')
    )
  }
  if (signal?.aborted) throw abortError(signal)
  if (secretsRead.error !== undefined) throw fail(t('compose.what.readSwarm'), secretsRead.error)
  if (configsRead.error !== undefined) throw fail(t('compose.what.readSwarm'), configsRead.error)
  const existingSecrets = secretsRead.value ?? []
  const existingConfigs = configsRead.value ?? []
  const missing: string[] = []
  for (const c of networkChecks) {
    if (c.error && !isNotFound(c.error)) throw fail(t('compose.what.lookUpNetwork', { name: c.name }), c.error)
    if (c.error) missing.push(t('compose.theNetwork', { name: c.name }))
    else if (c.network && c.network.Scope !== 'swarm') {
      throw new ApplyError(
        'external-network-scope',
        t('compose.networkScope', { name: c.name, scope: c.network.Scope }),
        `network "${c.name}" is declared as external, but it is not in the right scope: "${c.network.Scope}" instead of "swarm"`
      )
    }
  }
  const secretsByName = new Map(existingSecrets.filter((s) => allSecrets.includes(s.Spec.Name)).map((s) => [s.Spec.Name, s]))
  const configsByName = new Map(existingConfigs.filter((c) => allConfigs.includes(c.Spec.Name)).map((c) => [c.Spec.Name, c]))
  const secretNames = new Set(secretsByName.keys())
  const configNames = new Set(configsByName.keys())
  for (const n of neededSecrets) if (!secretNames.has(n)) missing.push(t('compose.theSecret', { name: n }))
  for (const n of neededConfigs) if (!configNames.has(n)) missing.push(t('compose.theConfig', { name: n }))
  if (missing.length > 0) {
    const missingNetworks = networkChecks.filter((c) => c.error).map((c) => c.name)
    throw new ApplyError(
      'external-missing',
      t('compose.missing', { count: missing.length, things: listWords(missing) }),
      missingNetworks.length
        ? `network ${JSON.stringify(missingNetworks[0])} is declared as external, but could not be found. You need to create a swarm-scoped network before the stack is deployed`
        : undefined,
      {
        networks: missingNetworks,
        secrets: neededSecrets.filter((n) => !secretNames.has(n)),
        configs: neededConfigs.filter((n) => !configNames.has(n))
      }
    )
  }

  if (stackNetworksRead.error !== undefined) throw fail(t('compose.what.listNetworks'), stackNetworksRead.error)
  if (existingServicesRead.error !== undefined) throw fail(t('compose.what.readObjects'), existingServicesRead.error)
  const stackNetworks = stackNetworksRead.value ?? []
  const existingServices = existingServicesRead.value ?? []

  // ---- prune (off unless asked): services of the stack no longer defined
  if (opts.prune) {
    const wanted = new Set(objects.services.map((s) => s.name))
    const current = await request<EngineService[]>(docker, 'GET', '/services', { query: { filters: labelFilter(ns) }, signal }).catch((err: unknown) => {
      throw fail(t('compose.what.listServices'), err)
    })
    await settleAll(
      current
        .filter((s) => !wanted.has(s.Spec.Name))
        .map(async (s) => {
          emit({ type: 'start', kind: 'service', name: s.Spec.Name, action: 'remove' })
          await request(docker, 'DELETE', `/services/${s.ID}`, { signal }).catch((err: unknown) => {
            throw fail(t('compose.what.removeService', { name: s.Spec.Name }), err)
          })
          record('service', s.Spec.Name, 'remove')
        })
    )
  }

  // ---- networks, secrets, configs: in parallel
  const haveNetwork = new Set(stackNetworks.map((n) => n.Name))
  // Services refer to secrets and configs by ID: those found above, and those created below.
  const secretIds = new Map([...secretsByName].map(([name, s]) => [name, s.ID]))
  const configIds = new Map([...configsByName].map(([name, c]) => [name, c.ID]))

  const networkTasks = objects.networks.map(async (n) => {
    if (haveNetwork.has(n.name)) {
      record('network', n.name, 'unchanged')
      return
    }
    const body: JsonObject = { ...n.spec, Name: n.name }
    if (!body.Driver) body.Driver = 'overlay'
    emit({ type: 'start', kind: 'network', name: n.name, action: 'create' })
    await request(docker, 'POST', '/networks/create', { body, signal }).catch((err: unknown) => {
      throw fail(t('compose.what.createNetwork', { name: n.name }), err)
    })
    record('network', n.name, 'create')
  })

  const fileObjectTasks = (kind: 'secret' | 'config', list: { name: string; spec: JsonObject }[]) =>
    list.map(async (o) => {
      const base = kind === 'secret' ? '/secrets' : '/configs'
      const body: JsonObject = { ...o.spec, Name: o.name }
      const existing = (kind === 'secret' ? secretsByName : configsByName).get(o.name)
      if (existing) {
        emit({ type: 'start', kind, name: o.name, action: 'update' })
        await request(docker, 'POST', `${base}/${existing.ID}/update`, { query: { version: existing.Version.Index }, body, signal }).catch((err: unknown) => {
          throw fail(t('compose.what.update', { kind, name: o.name }), err)
        })
        record(kind, o.name, 'update')
      } else {
        emit({ type: 'start', kind, name: o.name, action: 'create' })
        const created = await request<{ ID?: string }>(docker, 'POST', `${base}/create`, { body, signal }).catch((err: unknown) => {
          throw fail(t('compose.what.create', { kind, name: o.name }), err)
        })
        if (created?.ID) (kind === 'secret' ? secretIds : configIds).set(o.name, created.ID)
        record(kind, o.name, 'create')
      }
    })

  const byName = new Map(existingServices.map((s) => [s.Spec.Name, s]))
  // Images are looked up (reads only, nothing fails) while the networks, secrets and configs are made.
  const resolving = opts.resolved ? Promise.resolve(opts.resolved) : resolveImages(docker, objects.services, byName, opts.resolveImage ?? RESOLVE_IMAGE_DEFAULT, signal)
  resolving.catch(() => undefined)
  await settleAll([...networkTasks, ...fileObjectTasks('secret', objects.secrets), ...fileObjectTasks('config', objects.configs)])

  // ---- services: all in parallel

  const warn = (warnings: string[] | null | undefined, name: string): void => {
    for (const w of warnings ?? []) {
      result.warnings.push(w)
      emit({ type: 'warning', kind: 'service', name, message: w })
    }
  }
  // Images first (all at once), so every spec is complete before the first service call goes out.
  const resolutions = await resolving
  for (const s of objects.services) {
    const r = resolutions.get(s.name)
    if (!r) continue
    const image = imageWithTag(String(containerSpecOf(s.spec)?.Image ?? ''))
    if (r.pinned) result.pinned[s.name] = r.pinned
    else result.unresolved.push({ name: s.name, image, problem: r.problem ?? '' })
    emit({ type: 'image', name: s.name, image, pinned: r.pinned, problem: r.problem })
  }
  const specFor = (s: (typeof objects.services)[number], existing: EngineService | undefined): JsonObject => {
    const spec = withReferenceIds(s.spec, s.name, secretIds, configIds)
    setImageToSend(spec, existing, resolutions.get(s.name))
    return spec
  }
  const plans = objects.services.map((s) => {
    const existing = byName.get(s.name)
    return { name: s.name, source: s, spec: specFor(s, existing), existing }
  })
  const serviceTasks = plans.map(async ({ name, source, spec, existing }) => {
    if (existing) {
      emit({ type: 'start', kind: 'service', name, action: 'update' })
      // The swarm bumps a service's version itself (an earlier update
      // finishing, a rollback), and then refuses an update sent against the
      // version read before it: "update out of sequence". The service is
      // read again and the same spec built against it; nothing else changes.
      let current = existing
      let res: { Warnings?: string[] | null } | undefined
      for (let attempt = 1; ; attempt++) {
        try {
          res = await request<{ Warnings?: string[] | null }>(docker, 'POST', `/services/${current.ID}/update`, {
            query: { version: current.Version.Index },
            body: attempt === 1 ? spec : specFor(source, current),
            signal
          })
          break
        } catch (err) {
          const outOfSequence = err instanceof DockerApiError && /update out of sequence/i.test(err.message)
          const fresh = outOfSequence && attempt < UPDATE_ATTEMPTS ? await request<EngineService>(docker, 'GET', `/services/${current.ID}`, { signal }).catch(() => undefined) : undefined
          if (!fresh) throw fail(t('compose.what.updateService', { name }), err)
          current = fresh
        }
      }
      warn(res?.Warnings, name)
      record('service', name, 'update')
    } else {
      emit({ type: 'start', kind: 'service', name, action: 'create' })
      const res = await request<{ ID: string; Warnings?: string[] | null }>(docker, 'POST', '/services/create', { body: spec, signal }).catch((err: unknown) => {
        throw fail(t('compose.what.createService', { name }), err)
      })
      warn(res?.Warnings, name)
      record('service', name, 'create')
    }
  })
  await settleAll(serviceTasks)
  return result
}

export interface ImageResolution {
  pinned?: string
  platforms: JsonObject[]
  problem?: string
}

/** Told while the registries are asked: the image still waited for, and how many answered before it (n of m, n from 1). */
export type OnImageLookup = (e: { image: string; n: number; of: number }) => void

/** A service as the engine stores it, as far as the image step reads it. */
type StoredService = { Spec?: { Labels?: Record<string, string>; TaskTemplate?: unknown } }

/**
 * Which services' images `docker stack deploy --resolve-image <mode>` looks
 * up on their registry, and the answers: `always` every one, `changed` only
 * new services and changed images, `never` none. All at once. The deploy
 * and its preview (apps/deploy-preview*.ts) both use this, so the preview
 * says what the deploy will send.
 */
export async function resolveImages(
  docker: Docker,
  services: { name: string; spec: JsonObject }[],
  stored: Map<string, StoredService>,
  mode: ResolveImage,
  signal?: AbortSignal,
  onLookup?: OnImageLookup
): Promise<Map<string, ImageResolution>> {
  const resolutions = new Map<string, ImageResolution>()
  if (mode === 'never') return resolutions
  const asked = services.flatMap((s) => {
    const image = imageWithTag(String(containerSpecOf(s.spec)?.Image ?? ''))
    const changed = String(containerSpecOf(s.spec)?.Image ?? '') !== stored.get(s.name)?.Spec?.Labels?.[LABEL_IMAGE]
    return !image || (mode === 'changed' && stored.has(s.name) && !changed) ? [] : [{ name: s.name, image }]
  })
  // All at once; the one told about is the first still waited for, so a registry that hangs is the one named.
  const waiting = new Set(asked)
  const tell = (): void => {
    const next = waiting.values().next()
    if (next.done) return
    try {
      onLookup?.({ image: next.value.image, n: asked.length - waiting.size + 1, of: asked.length })
    } catch {
      /* a progress listener must not break a lookup */
    }
  }
  tell()
  await Promise.all(
    asked.map(async (a) => {
      resolutions.set(a.name, await resolveImage(docker, a.image, signal))
      waiting.delete(a)
      tell()
    })
  )
  if (signal?.aborted) throw abortError(signal)
  return resolutions
}

/**
 * The image part of the spec a deploy sends (changes `spec` in place), as
 * the docker CLI builds it: an image not looked up and unchanged keeps what
 * is stored (pinned the last time), a looked-up one is sent pinned with its
 * platforms, and the stored ForceUpdate is kept (stack deploy has no --force,
 * so tasks are not restarted for nothing).
 */
export function setImageToSend(spec: JsonObject, existing: StoredService | undefined, resolution: ImageResolution | undefined): void {
  const cs = containerSpecOf(spec)
  if (!cs) return
  const image = cs.Image as string
  if (existing?.Spec) {
    const oldTemplate = isObject(existing.Spec.TaskTemplate) ? existing.Spec.TaskTemplate : {}
    const oldContainer = isObject(oldTemplate.ContainerSpec) ? oldTemplate.ContainerSpec : {}
    if (!resolution && image === existing.Spec.Labels?.[LABEL_IMAGE] && typeof oldContainer.Image === 'string') cs.Image = oldContainer.Image
    ;(spec.TaskTemplate as JsonObject).ForceUpdate = (oldTemplate.ForceUpdate as Json | undefined) ?? 0
  }
  if (typeof cs.Image === 'string') cs.Image = imageWithTag(cs.Image)
  if (resolution?.pinned) {
    cs.Image = resolution.pinned
    if (resolution.platforms.length > 0) {
      const tt = spec.TaskTemplate as JsonObject
      tt.Placement = { ...(isObject(tt.Placement) ? tt.Placement : {}), Platforms: resolution.platforms }
    }
  }
}

/**
 * The client's imageDigestAndPlatforms: asks the engine for the image's digest
 * on its registry. On success the tagged image gets `@digest` (one that names
 * a digest already is kept as it is) and the platforms the registry lists.
 * Never throws, except when the deploy is cancelled: a failure is the reason.
 */
async function resolveImage(docker: Docker, image: string, signal: AbortSignal | undefined): Promise<ImageResolution> {
  const bounded = AbortSignal.timeout(RESOLVE_TIMEOUT_MS)
  const both = signal ? AbortSignal.any([signal, bounded]) : bounded
  try {
    const got = await request<{ Descriptor?: { digest?: string }; Platforms?: { architecture?: string; os?: string }[] | null }>(
      docker,
      'GET',
      `/distribution/${image}/json`,
      { signal: both }
    )
    const digest = got?.Descriptor?.digest
    if (!digest) return { platforms: [], problem: 'the registry gave no digest' }
    const platforms = (got.Platforms ?? []).map((p) => {
      const out: JsonObject = {}
      // swarmkit issue 2294: nodes report armv7l, so "arm" would place nothing.
      if (p.architecture && p.architecture.toLowerCase() !== 'arm') out.Architecture = p.architecture
      if (p.os) out.OS = p.os
      return out
    })
    return { pinned: image.includes('@') ? image : `${image}@${digest}`, platforms }
  } catch (err) {
    if (signal?.aborted) throw abortError(signal)
    if (bounded.aborted) return { platforms: [], problem: `no answer within ${RESOLVE_TIMEOUT_MS / 1000} seconds` }
    return { platforms: [], problem: err instanceof Error ? err.message : String(err) }
  }
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return t('compose.and', { list: items.slice(0, -1).join(', '), last: items[items.length - 1] })
}

// A deep copy of the spec with SecretID/ConfigID filled from the names (and
// a credential spec that names a config pointed at its ID), sorted by name as
// convertServiceSecrets/convertServiceConfigObjs leave them.
function withReferenceIds(spec: JsonObject, service: string, secretIds: Map<string, string>, configIds: Map<string, string>): JsonObject {
  const copy = structuredClone(spec)
  const cs = containerSpecOf(copy)
  if (!cs) return copy
  if (Array.isArray(cs.Secrets)) {
    for (const ref of cs.Secrets as JsonObject[]) {
      const id = secretIds.get(ref.SecretName as string)
      if (!id) throw new ApplyError('external-missing', t('compose.secretMissing', { name: String(ref.SecretName), service }), `secret not found: ${String(ref.SecretName)}`)
      ref.SecretID = id
    }
  }
  if (Array.isArray(cs.Configs)) {
    for (const ref of cs.Configs as JsonObject[]) {
      const id = configIds.get(ref.ConfigName as string)
      if (!id) throw new ApplyError('external-missing', t('compose.configMissing', { name: String(ref.ConfigName), service }), `config not found: ${String(ref.ConfigName)}`)
      ref.ConfigID = id
    }
  }
  const priv = cs.Privileges
  if (isObject(priv) && isObject(priv.CredentialSpec) && typeof priv.CredentialSpec.Config === 'string') {
    const id = configIds.get(priv.CredentialSpec.Config)
    if (id) priv.CredentialSpec.Config = id
  }
  return copy
}
