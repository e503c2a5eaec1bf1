// Merge: several normalized files into one, the way `docker stack deploy -c a
// -c b` does (docker/cli loader/merge.go, which runs mergo with WithOverride
// and WithAppendSlice plus a few special cases). The rules, per service that
// exists in both files:
// - plain values (strings, numbers, booleans) are replaced only by a non-empty
//   override: "", 0 and false never clear a value (mergo skips zero values);
//   an optional value that the base lacks is taken as is;
// - replicas, healthcheck.retries, update/rollback parallelism and
//   restart_policy.max_attempts are replaced whenever the override sets them
//   (docker's mergeUint64), so `replicas: 0` works;
// - lists are APPENDED: cap_add, cap_drop, dns, dns_search, extra_hosts,
//   tmpfs, env_file, placement constraints and preferences, generic
//   resources — and, as in docker, healthcheck.test (a warning says so);
// - command, entrypoint and volumes are APPENDED too, and `replicas: 0`
//   does not override, as in docker 20.10 (Debian's docker.io, the parity
//   oracle); later docker/cli replaces them, and a warning says so;
// - ports are merged by published port, secrets and configs by source, then
//   sorted by that key. Docker does this whenever the
//   base service has the list at all, so duplicates in the base collapse too
//   (e.g. two unpublished ports) — kept for parity, with a warning;
// - maps (environment, labels, deploy.labels, sysctls, ulimits) merge key by
//   key; an environment value is replaced only by a non-empty one; a service
//   network entry keeps the base's driver_opts, takes the override's aliases
//   (even none) and its non-empty addresses;
// - logging: same driver (or one unset) → options merged, but only if the
//   base already had options (docker loses them otherwise); a different
//   driver replaces the whole logging block.
// Services only in one file are taken whole. Top-level networks, volumes,
// secrets and configs are replaced whole per name. Top-level x- fields come
// from the first file only, as in docker. Services end sorted by name.

import type { Diagnostic } from './diagnostics'
import { describeAt } from './diagnostics'
import { positionOf } from './load'
import type {
  Config,
  DeployConfig,
  FileReferenceConfig,
  HealthCheckConfig,
  LoggingConfig,
  Resource,
  ResourceLimit,
  RestartPolicy,
  ServiceConfig,
  ServiceNetworkConfig,
  ServicePortConfig,
  UpdateConfig
} from './model'
import { t } from '../i18n/i18n'

export function mergeConfigs(configs: readonly Config[]): { config: Config; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const [first, ...rest] = configs
  // One position table for the result: later files overwrite the keys they set.
  const positions = new Map(first.positions)
  let base: Config = { ...first, filenames: [...first.filenames], positions }
  for (const override of rest) {
    for (const [k, v] of override.positions) positions.set(k, v)
    base = mergeTwo(base, override, diagnostics)
  }
  base.services = [...base.services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { config: base, diagnostics }
}

function mergeTwo(base: Config, over: Config, diagnostics: Diagnostic[]): Config {
  const merged: Config = {
    ...base,
    filenames: [...base.filenames, ...over.filenames],
    networks: { ...base.networks, ...over.networks },
    volumes: { ...base.volumes, ...over.volumes },
    secrets: { ...base.secrets, ...over.secrets },
    configs: { ...base.configs, ...over.configs }
  }
  const byName = new Map(base.services.map((s) => [s.name, s]))
  for (const s of over.services) {
    const b = byName.get(s.name)
    byName.set(s.name, b ? mergeService(b, s, over, merged, diagnostics) : s)
  }
  merged.services = [...byName.values()]
  return merged
}

// ---------------------------------------------------------------------------
// Value rules

type Scalar = string | number | boolean

function isZero(v: Scalar): boolean {
  return v === '' || v === 0 || v === false
}

/** mergo with override: a non-zero override wins; an unset base takes whatever the override has. */
function scalar<T extends Scalar>(dst: T | undefined, src: T | undefined): T | undefined {
  if (src === undefined) return dst
  if (dst === undefined) return src
  return isZero(src) ? dst : src
}

/** docker's mergeUint64: any value the override sets wins. */
function counter(dst: number | undefined, src: number | undefined): number | undefined {
  return src ?? dst
}

function append<T>(dst: T[] | undefined, src: T[] | undefined): T[] | undefined {
  if (!dst) return src
  if (!src) return dst
  return [...dst, ...src]
}

function stringMap(dst: Record<string, string> | undefined, src: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!dst) return src
  if (!src) return dst
  return { ...dst, ...src }
}

function byKey<T>(dst: T[] | undefined, src: T[] | undefined, key: (t: T) => string | number): T[] | undefined {
  // docker's mergeSlice only runs when the base list exists; otherwise the
  // override's list is appended to nothing, i.e. taken as is.
  if (!dst) return src
  const m = new Map<string | number, T>()
  for (const t of dst) m.set(key(t), t)
  for (const t of src ?? []) m.set(key(t), t)
  return [...m.values()].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
}

function obj<T extends object>(dst: T | undefined, src: T | undefined, fn: (d: T, s: T) => T): T | undefined {
  if (!dst) return src
  if (!src) return dst
  return fn(dst, src)
}

// ---------------------------------------------------------------------------
// Services

function mergeService(b: ServiceConfig, s: ServiceConfig, overFile: Config, merged: Config, diagnostics: Diagnostic[]): ServiceConfig {
  const out: ServiceConfig = { ...b }
  const warn = (parts: (string | number)[], text: string): void => {
    const pos = positionOf(overFile.positions, parts) ?? positionOf(merged.positions, parts)
    const where = { file: pos?.file, line: pos?.line, path: parts.join('.') }
    diagnostics.push({ severity: 'warning', ...where, message: `${describeAt(where)}${text}` })
  }

  for (const k of ['hostname', 'image', 'isolation', 'stop_signal', 'user', 'working_dir'] as const) out[k] = scalar(b[k], s[k])
  for (const k of ['init', 'read_only', 'stdin_open', 'tty'] as const) out[k] = scalar(b[k], s[k])
  out.oom_score_adj = scalar(b.oom_score_adj, s.oom_score_adj)
  out.stop_grace_period = scalar(b.stop_grace_period, s.stop_grace_period)

  for (const k of ['cap_add', 'cap_drop', 'dns', 'dns_search', 'extra_hosts', 'tmpfs', 'env_file'] as const) out[k] = append(b[k], s[k])

  // docker 20.10 (the parity oracle) appends command, entrypoint and volumes
  // and never lets `replicas: 0` override; newer docker/cli replaces them. We
  // do what 20.10 does and say where newer tools would differ.
  for (const k of ['command', 'entrypoint'] as const) {
    if (b[k]?.length && s[k]?.length) {
      warn(['services', s.name, k], t('compose.merge.appended', { service: s.name, key: k }))
    }
    out[k] = append(b[k], s[k])
  }
  if (b.volumes?.length && s.volumes?.length && s.volumes.some((v) => b.volumes!.some((x) => x.target === v.target))) {
    warn(['services', s.name, 'volumes'], t('compose.merge.mountedTwice', { service: s.name }))
  }
  if (b.deploy?.replicas && s.deploy?.replicas === 0) {
    warn(['services', s.name, 'deploy', 'replicas'], t('compose.merge.zeroReplicas', { service: s.name, replicas: b.deploy.replicas }))
  }

  const unpublished = (b.ports ?? []).filter((p) => !p.published).length
  out.ports = byKey<ServicePortConfig>(b.ports, s.ports, (p) => p.published ?? 0)
  if (b.ports && unpublished + (s.ports ?? []).filter((p) => !p.published).length > 1) {
    warn(['services', s.name, 'ports'], t('compose.merge.ports', { service: s.name }))
  }
  out.volumes = append(b.volumes, s.volumes)
  out.secrets = byKey<FileReferenceConfig>(b.secrets, s.secrets, (r) => r.source)
  out.configs = byKey<FileReferenceConfig>(b.configs, s.configs, (r) => r.source)

  out.labels = stringMap(b.labels, s.labels)
  out.sysctls = stringMap(b.sysctls, s.sysctls)
  out.environment = obj(b.environment, s.environment, (d, x) => {
    const e = { ...d }
    for (const [k, v] of Object.entries(x)) {
      if (!(k in e) || e[k] === null) e[k] = v
      else if (v !== null && v !== '') e[k] = v
    }
    return e
  })
  out.ulimits = obj(b.ulimits, s.ulimits, (d, x) => ({ ...d, ...x }))
  out.networks = obj(b.networks, s.networks, (d, x) => {
    const n: Record<string, ServiceNetworkConfig | null> = { ...d }
    for (const [k, v] of Object.entries(x)) {
      const cur = n[k]
      if (v === null) {
        if (!(k in n)) n[k] = null
      } else if (!cur) n[k] = v
      else {
        const m: ServiceNetworkConfig = { ...cur, aliases: v.aliases }
        if (m.aliases === undefined) delete m.aliases
        if (v.ipv4_address) m.ipv4_address = v.ipv4_address
        if (v.ipv6_address) m.ipv6_address = v.ipv6_address
        n[k] = m
      }
    }
    return n
  })
  out.logging = obj(b.logging, s.logging, mergeLogging)
  out.healthcheck = obj(b.healthcheck, s.healthcheck, (d, x) => {
    if (d.test?.length && x.test?.length) {
      warn(['services', s.name, 'healthcheck', 'test'], t('compose.merge.healthcheck', { service: s.name, test: JSON.stringify([...d.test, ...x.test]) }))
    }
    return mergeHealthcheck(d, x)
  })
  out.deploy = obj(b.deploy, s.deploy, mergeDeploy)
  out.credential_spec = obj(b.credential_spec, s.credential_spec, (d, x) => ({
    config: scalar(d.config, x.config),
    file: scalar(d.file, x.file),
    registry: scalar(d.registry, x.registry)
  }))
  out.ignored = obj(b.ignored, s.ignored, (d, x) => ({ ...d, ...x }))
  out.extras = obj(b.extras, s.extras, (d, x) => ({ ...d, ...x }))
  return prune(out)
}

function mergeLogging(d: LoggingConfig, x: LoggingConfig): LoggingConfig {
  if (d.driver === x.driver || !d.driver || !x.driver) {
    const out: LoggingConfig = { ...d, driver: d.driver || x.driver }
    if (d.options) out.options = { ...d.options, ...(x.options ?? {}) }
    return prune(out)
  }
  return x
}

function mergeHealthcheck(d: HealthCheckConfig, x: HealthCheckConfig): HealthCheckConfig {
  return prune({
    test: append(d.test, x.test),
    timeout: scalar(d.timeout, x.timeout),
    interval: scalar(d.interval, x.interval),
    retries: counter(d.retries, x.retries),
    start_period: scalar(d.start_period, x.start_period),
    start_interval: scalar(d.start_interval, x.start_interval),
    disable: scalar(d.disable, x.disable)
  })
}

function mergeUpdate(d: UpdateConfig, x: UpdateConfig): UpdateConfig {
  return prune({
    parallelism: counter(d.parallelism, x.parallelism),
    delay: scalar(d.delay, x.delay),
    failure_action: scalar(d.failure_action, x.failure_action),
    monitor: scalar(d.monitor, x.monitor),
    max_failure_ratio: scalar(d.max_failure_ratio, x.max_failure_ratio),
    order: scalar(d.order, x.order)
  })
}

function mergeDeploy(d: DeployConfig, x: DeployConfig): DeployConfig {
  return prune({
    mode: scalar(d.mode, x.mode),
    // docker 20.10 skips a zero override here (see mergeService).
    replicas: x.replicas ? x.replicas : (d.replicas ?? x.replicas),
    labels: stringMap(d.labels, x.labels),
    update_config: obj(d.update_config, x.update_config, mergeUpdate),
    rollback_config: obj(d.rollback_config, x.rollback_config, mergeUpdate),
    resources: obj(d.resources, x.resources, (a, b) =>
      prune({
        limits: obj<ResourceLimit>(a.limits, b.limits, (p, q) =>
          prune({ cpus: scalar(p.cpus, q.cpus), memory: scalar(p.memory, q.memory), pids: scalar(p.pids, q.pids) })
        ),
        reservations: obj<Resource>(a.reservations, b.reservations, (p, q) =>
          prune({
            cpus: scalar(p.cpus, q.cpus),
            memory: scalar(p.memory, q.memory),
            generic_resources: append(p.generic_resources, q.generic_resources)
          })
        )
      })
    ),
    restart_policy: obj<RestartPolicy>(d.restart_policy, x.restart_policy, (a, b) =>
      prune({
        condition: scalar(a.condition, b.condition),
        delay: scalar(a.delay, b.delay),
        max_attempts: counter(a.max_attempts, b.max_attempts),
        window: scalar(a.window, b.window)
      })
    ),
    placement: obj(d.placement, x.placement, (a, b) =>
      prune({
        constraints: append(a.constraints, b.constraints),
        preferences: append(a.preferences, b.preferences),
        max_replicas_per_node: scalar(a.max_replicas_per_node, b.max_replicas_per_node)
      })
    ),
    endpoint_mode: scalar(d.endpoint_mode, x.endpoint_mode)
  })
}

/** Drops keys whose value is undefined, so merged objects look like loaded ones. */
function prune<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k]
  return o
}
