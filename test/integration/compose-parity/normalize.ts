// What may differ between two deploys of the same recipe under two stack
// names, and nothing else:
// - the stack name (in names, labels, aliases, env values…: every string and
//   key), replaced by the other stack's;
// - object IDs: top-level ID/Id fields dropped, IDs of networks, secrets and
//   configs referenced from specs replaced by the referenced object's name;
// - timestamps (CreatedAt, UpdatedAt, Created, UpdateStatus times);
// - Version.Index;
// - what the engine allocates per object: overlay subnets and gateways, VXLAN
//   IDs, virtual IPs, and ingress ports it picked itself;
// - runtime state that depends on when tasks got scheduled (they can't run
//   here: images can't be pulled): a network's Containers and Peers, a
//   service's UpdateStatus (its PreviousSpec is compared).
import type { StackSnapshot } from './swarm'

type Dict = Record<string, unknown>
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v)

function replaceAll(s: string, from: string, to: string): string {
  return from === to ? s : s.split(from).join(to)
}

function deepMap(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value)
  if (Array.isArray(value)) return value.map((v) => deepMap(v, f))
  if (isDict(value)) {
    const out: Dict = {}
    for (const [k, v] of Object.entries(value)) out[f(k)] = deepMap(v, f)
    return out
  }
  return value
}

const TIME_KEYS = new Set(['CreatedAt', 'UpdatedAt', 'Created', 'StartedAt', 'CompletedAt'])

function stripVolatile(value: unknown, path: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => stripVolatile(v, path))
  if (!isDict(value)) return value
  const out: Dict = {}
  for (const [k, v] of Object.entries(value)) {
    const here = [...path, k]
    if (path.length === 0 && (k === 'ID' || k === 'Id')) continue
    if (TIME_KEYS.has(k) && typeof v === 'string') {
      out[k] = '<time>'
      continue
    }
    if (k === 'Version' && isDict(v) && 'Index' in v) {
      out[k] = { ...v, Index: '<index>' }
      continue
    }
    out[k] = stripVolatile(v, here)
  }
  return out
}

function normalizeNetwork(n: Dict): Dict {
  const { Containers: _c, Peers: _p, ...out } = n
  if (isDict(out.IPAM) && Array.isArray(out.IPAM.Config)) {
    out.IPAM = { ...out.IPAM, Config: out.IPAM.Config.map((c: Dict) => ({ ...c, ...(c.Subnet ? { Subnet: '<subnet>' } : {}), ...(c.Gateway ? { Gateway: '<gateway>' } : {}) })) }
  }
  if (isDict(out.Options) && 'com.docker.network.driver.overlay.vxlanid_list' in out.Options) {
    out.Options = { ...out.Options, 'com.docker.network.driver.overlay.vxlanid_list': '<vxlanid>' }
  }
  return out
}

function normalizeService(s: Dict): Dict {
  const { UpdateStatus: _u, ...out } = s
  const endpoint = out.Endpoint
  if (isDict(endpoint)) {
    const e = { ...endpoint }
    if (Array.isArray(e.VirtualIPs)) e.VirtualIPs = e.VirtualIPs.map((v: Dict) => ({ ...v, Addr: '<addr>' }))
    const specPorts = isDict(e.Spec) && Array.isArray(e.Spec.Ports) ? (e.Spec.Ports as Dict[]) : []
    if (Array.isArray(e.Ports)) {
      e.Ports = e.Ports.map((p: Dict) => {
        const fromSpec = specPorts.find((sp) => sp.TargetPort === p.TargetPort && (sp.Protocol ?? 'tcp') === (p.Protocol ?? 'tcp') && sp.PublishedPort)
        return fromSpec ? p : { ...p, PublishedPort: '<engine-assigned>' }
      })
    }
    out.Endpoint = e
  }
  return out
}

/**
 * The snapshot with everything per-object or per-stack taken out; `from`
 * (the stack name used) becomes `to` so two stacks can be compared.
 */
export function normalizeSnapshot(snap: StackSnapshot, ids: Map<string, string>, from: string, to: string): StackSnapshot {
  const renamedIds = new Map([...ids].map(([id, name]) => [id, replaceAll(name, from, to)]))
  const mapped = deepMap(snap, (s) => renamedIds.get(s) ?? replaceAll(s, from, to)) as StackSnapshot
  const stripped = {
    services: mapped.services.map((s) => stripVolatile(normalizeService(s as Dict))),
    networks: mapped.networks.map((n) => stripVolatile(normalizeNetwork(n as Dict))),
    secrets: mapped.secrets.map((s) => stripVolatile(s)),
    configs: mapped.configs.map((c) => stripVolatile(c)),
    volumes: mapped.volumes.map((v) => stripVolatile(v))
  }
  return stripped
}

/** Differences as "path: expected … / actual …" lines (expected = docker stack deploy). */
export function diffJson(expected: unknown, actual: unknown, path = ''): string[] {
  if (Object.is(expected, actual)) return []
  const show = (v: unknown): string => (v === undefined ? '(missing)' : JSON.stringify(v))
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const lines: string[] = []
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) lines.push(...diffJson(expected[i], actual[i], `${path}[${i}]`))
    return lines
  }
  if (isDict(expected) && isDict(actual)) {
    const lines: string[] = []
    for (const k of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
      lines.push(...diffJson(expected[k], actual[k], path ? `${path}.${k}` : k))
    }
    return lines
  }
  return [`${path || '(root)'}: docker stack deploy ${show(expected)} / ours ${show(actual)}`]
}

/** A path prefix naming the object, e.g. services[ccdpar-x_app], so diffs read well. */
export function diffSnapshots(expected: StackSnapshot, actual: StackSnapshot): string[] {
  const lines: string[] = []
  for (const kind of ['services', 'networks', 'secrets', 'configs', 'volumes'] as const) {
    const key = (o: unknown): string => {
      const d = o as Dict
      return String((isDict(d.Spec) && d.Spec.Name) || d.Name || '?')
    }
    const exp = new Map(expected[kind].map((o) => [key(o), o]))
    const act = new Map(actual[kind].map((o) => [key(o), o]))
    for (const name of [...new Set([...exp.keys(), ...act.keys()])].sort()) {
      if (!exp.has(name)) lines.push(`${kind}[${name}]: only ours created it`)
      else if (!act.has(name)) lines.push(`${kind}[${name}]: only docker stack deploy created it`)
      else lines.push(...diffJson(exp.get(name), act.get(name), `${kind}[${name}]`))
    }
  }
  return lines
}
