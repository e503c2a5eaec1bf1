// What a deploy would change, worked out without sending anything: the specs
// a deploy would send (built from the rendered objects with applyStack's own
// image step: images pinned as their registries answer, the stored image
// kept when not asked and unchanged, the stored ForceUpdate kept) compared with what the engine
// holds now. Pure: the reads from the server are handed in.
//
// The engine hands specs back in its own form, so both sides are normalised
// before comparing: network IDs become names, secret and config IDs are
// dropped (names are compared), values the engine fills in for what was left
// out (Runtime "container", Isolation "default", a restart condition "any",
// update settings "pause"/"stop-first", endpoint mode "vip", port protocol
// "tcp" and mode "ingress", mount consistency "default", bind propagation
// "rprivate") count as left out, and empty or zero values count as absent,
// as the swarm's own store (protocol buffers) doesn't tell them apart.
//
// A service restarts when its task template or its endpoint changes: that is
// what the swarm compares to decide that a running task is out of date
// (swarmkit's IsTaskDirty). Other changes (labels, replicas, update
// settings) are applied without restarting anything.
import { abraLabelKeys, MAIN_SERVICE } from '../compose/abra-labels'
import { isBuiltinNetwork, setImageToSend, type ImageResolution } from '../compose/apply'
import type { Json, StackObjects, StackService } from '../compose/objects'

type JsonObject = { [key: string]: Json }

/** A service as GET /services returns it (only what is read here). */
export interface EngineServiceLike {
  ID?: string
  Version?: { Index?: number }
  Spec?: { Name?: string; Labels?: Record<string, string>; [key: string]: unknown }
}

export interface PreviewReads {
  /** The stack's services now (label com.docker.stack.namespace=<stack>). */
  services: EngineServiceLike[]
  /** Network ID → name, for the networks the engine stores by ID. */
  networkNames: Map<string, string>
  /** Names of the secrets, configs, networks and volumes that exist on the server (at least those the stack uses). */
  secrets: Set<string>
  configs: Set<string>
  networks: Set<string>
  volumes: Set<string>
  /** What the services' registries answered, as the deploy will ask them (compose/apply.ts resolveImages); none when not asked. */
  images?: Map<string, ImageResolution>
}

export type ServiceChange = 'create' | 'restart' | 'update' | 'unchanged' | 'left'

export interface ServicePreview {
  /** The name in the recipe (app, db…). */
  name: string
  /** <stack>_<name> */
  fullName: string
  change: ServiceChange
  /** The parts of the spec that differ, as paths ("TaskTemplate.ContainerSpec.Env", "Labels"). */
  changed: string[]
}

export interface SettingChange {
  name: string
  service: string
  change: 'added' | 'removed' | 'changed'
}

export interface DeployPreviewData {
  stackName: string
  /** The recipe version running now (from the main service's label) and the one that would be deployed. */
  version: { from?: string; to?: string }
  deployed: boolean
  services: ServicePreview[]
  images: { service: string; from?: string; to: string }[]
  settings: SettingChange[]
  secrets: { name: string; service: string; change: 'added' | 'changed'; exists: boolean }[]
  volumes: { name: string; services: string[]; exists: boolean }[]
  /** Secrets, configs and networks the deploy needs that the server lacks: the deploy would stop before changing anything. */
  missing: { kind: 'secret' | 'config' | 'network'; name: string }[]
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

function containerSpec(spec: unknown): JsonObject | undefined {
  const tt = isObject(spec) ? spec.TaskTemplate : undefined
  return isObject(tt) && isObject(tt.ContainerSpec) ? tt.ContainerSpec : undefined
}

/**
 * The spec a deploy would send for `service`, as applyStack builds it (the
 * same image step), without the secret and config IDs (compared by name here).
 */
export function sentSpec(service: StackService, existing: EngineServiceLike | undefined, image?: ImageResolution): JsonObject {
  const spec = structuredClone(service.spec)
  setImageToSend(spec, existing, image)
  return spec
}

// Values the engine writes back for what was left out.
function dropDefault(o: JsonObject | undefined, key: string, value: Json): void {
  if (o && o[key] === value) delete o[key]
}

function normaliseNetworks(list: Json | undefined, names: Map<string, string>): void {
  if (!Array.isArray(list)) return
  for (const n of list) if (isObject(n) && typeof n.Target === 'string') n.Target = names.get(n.Target) ?? n.Target
}

/** Empty, zero and false values removed, deeply, and keys sorted (maps and structs come back from the engine in its own order); undefined when nothing is left. */
function stripEmpty(v: Json | undefined): Json | undefined {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return undefined
  if (Array.isArray(v)) {
    const out = v.map((x) => stripEmpty(x) ?? null)
    return out.length === 0 ? undefined : out
  }
  if (isObject(v)) {
    const out: JsonObject = {}
    for (const k of Object.keys(v).sort()) {
      const s = stripEmpty(v[k])
      if (s !== undefined) out[k] = s
    }
    return Object.keys(out).length === 0 ? undefined : out
  }
  return v
}

/** A service spec in a form where the engine's copy and a rendered one compare equal when the engine would see no change. */
export function normaliseSpec(spec: unknown, networkNames: Map<string, string>): JsonObject {
  const s = structuredClone((isObject(spec) ? spec : {}) as JsonObject)
  delete s.Name
  const tt = isObject(s.TaskTemplate) ? s.TaskTemplate : undefined
  if (tt) {
    dropDefault(tt, 'Runtime', 'container')
    normaliseNetworks(tt.Networks, networkNames)
    if (isObject(tt.RestartPolicy)) dropDefault(tt.RestartPolicy, 'Condition', 'any')
    const cs = isObject(tt.ContainerSpec) ? tt.ContainerSpec : undefined
    if (cs) {
      dropDefault(cs, 'Isolation', 'default')
      for (const ref of Array.isArray(cs.Secrets) ? cs.Secrets : []) if (isObject(ref)) delete ref.SecretID
      for (const ref of Array.isArray(cs.Configs) ? cs.Configs : []) if (isObject(ref)) delete ref.ConfigID
      for (const m of Array.isArray(cs.Mounts) ? cs.Mounts : []) {
        if (!isObject(m)) continue
        dropDefault(m, 'Consistency', 'default')
        if (isObject(m.BindOptions)) dropDefault(m.BindOptions, 'Propagation', 'rprivate')
      }
    }
  }
  normaliseNetworks(s.Networks, networkNames)
  for (const key of ['UpdateConfig', 'RollbackConfig']) {
    const c = s[key]
    if (isObject(c)) {
      dropDefault(c, 'FailureAction', 'pause')
      dropDefault(c, 'Order', 'stop-first')
    }
  }
  if (isObject(s.EndpointSpec)) {
    dropDefault(s.EndpointSpec, 'Mode', 'vip')
    for (const p of Array.isArray(s.EndpointSpec.Ports) ? s.EndpointSpec.Ports : []) {
      if (!isObject(p)) continue
      dropDefault(p, 'Protocol', 'tcp')
      dropDefault(p, 'PublishMode', 'ingress')
    }
  }
  // No mode, or replicated without a number, is stored as one copy; a mode
  // with nothing in it (global) must not vanish with the empties.
  if (!isObject(s.Mode)) s.Mode = { Replicated: {} }
  if (isObject(s.Mode.Replicated) && (s.Mode.Replicated.Replicas === undefined || s.Mode.Replicated.Replicas === null)) s.Mode.Replicated = { ...s.Mode.Replicated, Replicas: 1 }
  if (isObject(s.Mode)) for (const k of Object.keys(s.Mode)) s.Mode[k] = { ...(isObject(s.Mode[k]) ? s.Mode[k] : {}), mode: k }
  return (stripEmpty(s) as JsonObject | undefined) ?? {}
}

/** Paths where two normalised specs differ, down to `depth` levels. */
export function differingPaths(a: Json | undefined, b: Json | undefined, depth = 3, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return []
  // Label keys have dots of their own: a label map is one part.
  if (depth > 0 && isObject(a) && isObject(b) && !path.endsWith('Labels')) {
    const out: string[] = []
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) out.push(...differingPaths(a[k], b[k], depth - 1, path ? `${path}.${k}` : k))
    return out
  }
  return [path || '(all)']
}

const RESTARTS = ['TaskTemplate', 'EndpointSpec']

function envMap(spec: unknown): Map<string, string> {
  const env = containerSpec(spec)?.Env
  const m = new Map<string, string>()
  for (const e of Array.isArray(env) ? env : []) {
    if (typeof e !== 'string') continue
    const i = e.indexOf('=')
    m.set(i < 0 ? e : e.slice(0, i), i < 0 ? '' : e.slice(i + 1))
  }
  return m
}

function secretRefs(spec: unknown): Map<string, string> {
  const refs = containerSpec(spec)?.Secrets
  const m = new Map<string, string>()
  for (const r of Array.isArray(refs) ? refs : []) {
    if (!isObject(r) || typeof r.SecretName !== 'string') continue
    const target = isObject(r.File) && typeof r.File.Name === 'string' ? r.File.Name : r.SecretName
    m.set(target, r.SecretName)
  }
  return m
}

function volumeSources(spec: unknown): string[] {
  const mounts = containerSpec(spec)?.Mounts
  return (Array.isArray(mounts) ? mounts : []).flatMap((m) => (isObject(m) && m.Type === 'volume' && typeof m.Source === 'string' && m.Source ? [m.Source] : []))
}

const withoutDigest = (image: string): string => image.replace(/@sha256:[0-9a-f]+$/i, '')

/** What deploying `objects` would change, against what the server holds now (`reads`). */
export function comparePreview(objects: StackObjects, reads: PreviewReads): DeployPreviewData {
  const ns = objects.namespace
  const short = (full: string): string => (full.startsWith(`${ns}_`) ? full.slice(ns.length + 1) : full)
  const byName = new Map(reads.services.filter((s) => s.Spec?.Name).map((s) => [s.Spec!.Name!, s]))
  const versionKey = abraLabelKeys(ns).version
  const mainName = `${ns}_${MAIN_SERVICE}`
  const sentMain = objects.services.find((s) => s.name === mainName)
  const data: DeployPreviewData = {
    stackName: ns,
    version: {
      from: byName.get(mainName)?.Spec?.Labels?.[versionKey] || undefined,
      to: ((sentMain?.spec.Labels as Record<string, string> | undefined)?.[versionKey] as string | undefined) || undefined
    },
    deployed: reads.services.length > 0,
    services: [],
    images: [],
    settings: [],
    secrets: [],
    volumes: [],
    missing: []
  }
  const touchedVolumes = new Map<string, string[]>()
  const seenSecrets = new Set<string>()

  for (const s of objects.services) {
    const name = short(s.name)
    const existing = byName.get(s.name)
    const spec = sentSpec(s, existing, reads.images?.get(s.name))
    const newImage = containerSpec(spec)?.Image
    const newEnv = envMap(spec)
    const newSecrets = secretRefs(spec)
    let change: ServiceChange
    let changed: string[] = []
    if (!existing?.Spec) {
      change = 'create'
      for (const n of newEnv.keys()) data.settings.push({ name: n, service: name, change: 'added' })
    } else {
      const before = normaliseSpec(existing.Spec, reads.networkNames)
      const after = normaliseSpec(spec, reads.networkNames)
      changed = differingPaths(before, after)
      change = changed.length === 0 ? 'unchanged' : changed.some((p) => RESTARTS.some((r) => p === r || p.startsWith(`${r}.`))) ? 'restart' : 'update'
      const oldImage = containerSpec(existing.Spec)?.Image
      if (typeof newImage === 'string' && typeof oldImage === 'string' && withoutDigest(newImage) !== withoutDigest(oldImage)) {
        data.images.push({ service: name, from: withoutDigest(oldImage), to: withoutDigest(newImage) })
      }
      const oldEnv = envMap(existing.Spec)
      for (const [n, v] of newEnv) {
        if (!oldEnv.has(n)) data.settings.push({ name: n, service: name, change: 'added' })
        else if (oldEnv.get(n) !== v) data.settings.push({ name: n, service: name, change: 'changed' })
      }
      for (const n of oldEnv.keys()) if (!newEnv.has(n)) data.settings.push({ name: n, service: name, change: 'removed' })
    }
    if (change === 'create' && typeof newImage === 'string') data.images.push({ service: name, to: withoutDigest(newImage) })
    const oldSecrets = existing?.Spec ? secretRefs(existing.Spec) : new Map<string, string>()
    for (const [target, secret] of newSecrets) {
      const was = oldSecrets.get(target)
      if (was === secret) continue
      data.secrets.push({ name: secret, service: name, change: was === undefined ? 'added' : 'changed', exists: reads.secrets.has(secret) })
    }
    for (const secret of newSecrets.values()) {
      if (!seenSecrets.has(secret) && !reads.secrets.has(secret) && !objects.secrets.some((o) => o.name === secret)) data.missing.push({ kind: 'secret', name: secret })
      seenSecrets.add(secret)
    }
    if (change === 'create' || change === 'restart') {
      for (const v of volumeSources(spec)) touchedVolumes.set(v, [...(touchedVolumes.get(v) ?? []), name])
    }
    data.services.push({ name, fullName: s.name, change, changed })
  }
  const wanted = new Set(objects.services.map((s) => s.name))
  for (const s of reads.services) {
    const full = s.Spec?.Name
    if (full && !wanted.has(full)) data.services.push({ name: short(full), fullName: full, change: 'left', changed: [] })
  }
  for (const [name, services] of touchedVolumes) data.volumes.push({ name, services, exists: reads.volumes.has(name) })

  // What applyStack would refuse before sending anything.
  const configs = new Set<string>()
  const networks = new Set<string>(objects.externalNetworks)
  for (const s of objects.services) {
    const cs = containerSpec(s.spec)
    for (const r of Array.isArray(cs?.Configs) ? cs.Configs : []) if (isObject(r) && typeof r.ConfigName === 'string') configs.add(r.ConfigName)
    const tt = s.spec.TaskTemplate
    for (const n of isObject(tt) && Array.isArray(tt.Networks) ? tt.Networks : []) if (isObject(n) && typeof n.Target === 'string') networks.add(n.Target)
  }
  for (const c of configs) if (!reads.configs.has(c) && !objects.configs.some((o) => o.name === c)) data.missing.push({ kind: 'config', name: c })
  for (const n of networks) if (!isBuiltinNetwork(n) && !reads.networks.has(n) && !objects.networks.some((o) => o.name === n)) data.missing.push({ kind: 'network', name: n })
  return data
}
