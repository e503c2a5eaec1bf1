// The normalized compose model: what load → interpolate → validate → merge →
// normalize hands to convert. It mirrors docker/cli's cli/compose/types so
// that convert can follow cli/compose/convert field by field, and keeps
// compose's snake_case key names.
//
// Representation choices (all short syntaxes are already expanded here):
// - Durations are nanoseconds as plain numbers (Go's time.Duration). A number
//   holds every realistic value exactly (2^53 ns ≈ 104 days).
//   `formatDuration` renders one back the way Go does, for messages.
// - Sizes (memory, tmpfs size, shm) are bytes as numbers (docker's UnitBytes).
// - `cpus` stays the decimal string docker keeps (convert parses it).
// - environment is Record<string, string | null>: null means "declared without
//   a value" (`- FOO` in list form, `FOO:` with null in map form) AND not
//   found in the app environment either (docker's loader fills such keys from
//   the environment stack deploy runs in; normalize does the same from the
//   app env). Labels, sysctls, driver options are Record<string, string>.
// - Optional fields are absent (undefined) when the file does not set them,
//   the way docker's zero values / nil pointers are "unset".
//
// Where short syntax is expanded (normalize.ts):
// - ports "8080:80/udp", "127.0.0.1:80:80", ranges "8000-8001:80-81" → one
//   ServicePortConfig per port (mode "ingress", protocol "tcp" defaults).
// - volumes "src:/dst:ro" → ServiceVolumeConfig; a source that starts with
//   ".", "/" or "~" is a bind (relative ones resolved against the recipe
//   dir), otherwise a named volume; no source → anonymous volume.
// - secrets/configs "name" → {source: name}.
// - environment list "K=V"/"K" → map; env_file contents merged underneath.
// - labels / deploy.labels / sysctls lists → maps.
// - healthcheck.test string → ["CMD-SHELL", s] (`disable` is kept as is;
//   convert turns it into ["NONE"] as docker's convert does).
// - command/entrypoint strings → shell-split argument lists.
// - extra_hosts map → ["host:ip"] list (docker's format).
// - ulimits number → {single}.
// - external: {name} (deprecated) → name set on the object.

export type Nanoseconds = number
export type Bytes = number

/** Where a key was written, for messages. */
export interface Position {
  /** Recipe-relative file name, e.g. "compose.yml". */
  file: string
  /** 1-based line. */
  line: number
}

export interface Config {
  /** The first compose file, like docker's Config.Filename. */
  filename: string
  /** Every compose file merged into this config, in COMPOSE_FILE order. */
  filenames: string[]
  /** `version` as written in the first file ('' when it has none); every file must agree. */
  version: string
  /** In order of first appearance across the files. */
  services: ServiceConfig[]
  networks: Record<string, NetworkConfig>
  volumes: Record<string, VolumeConfig>
  secrets: Record<string, SecretConfig>
  configs: Record<string, ConfigObjConfig>
  /** Top-level `x-` keys. */
  extras: Record<string, unknown>
  /**
   * Dotted key path → where it was written. Paths use the raw file's shape
   * with service names, e.g. "services.app.deploy.resources.limits.memory",
   * list items by index "services.app.ports.0". For merged keys the last
   * file that set the key wins.
   */
  positions: Map<string, Position>
}

export interface ServiceConfig {
  name: string

  cap_add?: string[]
  cap_drop?: string[]
  /** Already split into arguments (google/shlex rules for the string form). */
  command?: string[]
  configs?: ServiceConfigObjConfig[]
  credential_spec?: CredentialSpecConfig
  deploy?: DeployConfig
  dns?: string[]
  dns_search?: string[]
  entrypoint?: string[]
  /** Final environment: env_file entries overridden by `environment`. */
  environment?: Record<string, string | null>
  /** Absolute paths of the env files read (kept for messages). */
  env_file?: string[]
  /** docker's format: "host:ip" (ipv6 kept as written after the first colon). */
  extra_hosts?: string[]
  hostname?: string
  healthcheck?: HealthCheckConfig
  image?: string
  init?: boolean
  isolation?: string
  /** Container labels (as opposed to deploy.labels, which go on the service). */
  labels?: Record<string, string>
  logging?: LoggingConfig
  /** Key = network name; value null when listed without options. */
  networks?: Record<string, ServiceNetworkConfig | null>
  ports?: ServicePortConfig[]
  read_only?: boolean
  secrets?: ServiceSecretConfig[]
  stdin_open?: boolean
  stop_grace_period?: Nanoseconds
  stop_signal?: string
  sysctls?: Record<string, string>
  /** tmpfs mount points as written ("/run:size=64m" style options kept). */
  tmpfs?: string[]
  tty?: boolean
  ulimits?: Record<string, UlimitsConfig>
  user?: string
  oom_score_adj?: number
  volumes?: ServiceVolumeConfig[]
  working_dir?: string
  /** Keys the schema allows but stack deploy does not use (build, container_name, depends_on, ...), raw values; normalize warns about them. */
  ignored?: Record<string, unknown>
  /** Service-level `x-` keys. */
  extras?: Record<string, unknown>
}

export interface CredentialSpecConfig {
  config?: string
  file?: string
  registry?: string
}

export interface LoggingConfig {
  driver?: string
  options?: Record<string, string>
}

export interface DeployConfig {
  /** "replicated" | "global" | "replicated-job" | "global-job". */
  mode?: string
  replicas?: number
  /** Service labels. */
  labels?: Record<string, string>
  update_config?: UpdateConfig
  rollback_config?: UpdateConfig
  resources?: Resources
  restart_policy?: RestartPolicy
  placement?: Placement
  /** "vip" | "dnsrr". */
  endpoint_mode?: string
}

export interface HealthCheckConfig {
  /** ["CMD", ...], ["CMD-SHELL", s] or as written; absent = inherit the image's. */
  test?: string[]
  timeout?: Nanoseconds
  interval?: Nanoseconds
  retries?: number
  start_period?: Nanoseconds
  start_interval?: Nanoseconds
  disable?: boolean
}

export interface UpdateConfig {
  parallelism?: number
  delay?: Nanoseconds
  failure_action?: string
  monitor?: Nanoseconds
  max_failure_ratio?: number
  order?: string
}

export interface Resources {
  limits?: ResourceLimit
  reservations?: Resource
}

export interface ResourceLimit {
  /** Decimal string as written, e.g. "0.5". */
  cpus?: string
  memory?: Bytes
  pids?: number
}

export interface Resource {
  cpus?: string
  memory?: Bytes
  generic_resources?: GenericResource[]
}

export interface GenericResource {
  discrete_resource_spec?: { kind: string; value: number }
}

export interface RestartPolicy {
  condition?: string
  delay?: Nanoseconds
  max_attempts?: number
  window?: Nanoseconds
}

export interface Placement {
  constraints?: string[]
  preferences?: { spread?: string }[]
  max_replicas_per_node?: number
}

export interface ServiceNetworkConfig {
  aliases?: string[]
  driver_opts?: Record<string, string>
  ipv4_address?: string
  ipv6_address?: string
}

export interface ServicePortConfig {
  /** "ingress" (default) | "host". */
  mode?: string
  target: number
  /** Absent when not published (docker: 0). */
  published?: number
  /** "tcp" (default) | "udp" | "sctp". */
  protocol?: string
}

export interface ServiceVolumeConfig {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image'
  /** Bind: absolute host path. Volume: the volume's key in `volumes` (before stack scoping). Absent for anonymous volumes and tmpfs. */
  source?: string
  target: string
  read_only?: boolean
  consistency?: string
  bind?: { propagation?: string; create_host_path?: boolean }
  volume?: { nocopy?: boolean; subpath?: string }
  image?: { subpath?: string }
  tmpfs?: { size?: Bytes; mode?: number }
}

/** A service's reference to a secret or config. */
export interface FileReferenceConfig {
  /** The key in the top-level secrets/configs. */
  source: string
  target?: string
  uid?: string
  gid?: string
  /** File mode as a number (0o444 written as 0444 in YAML is 292). */
  mode?: number
}
export type ServiceSecretConfig = FileReferenceConfig
export type ServiceConfigObjConfig = FileReferenceConfig

export interface UlimitsConfig {
  single?: number
  soft?: number
  hard?: number
}

export interface NetworkConfig {
  /** Explicit name (not stack-scoped); for external networks the name to look up. */
  name?: string
  driver?: string
  driver_opts?: Record<string, string>
  ipam?: { driver?: string; config?: { subnet?: string }[] }
  external?: boolean
  internal?: boolean
  attachable?: boolean
  labels?: Record<string, string>
  extras?: Record<string, unknown>
}

export interface VolumeConfig {
  name?: string
  driver?: string
  driver_opts?: Record<string, string>
  external?: boolean
  labels?: Record<string, string>
  extras?: Record<string, unknown>
  /** x-cluster-spec, passed through raw. */
  'x-cluster-spec'?: Record<string, unknown>
}

export interface FileObjectConfig {
  name?: string
  /** Absolute path on this machine, resolved against the recipe dir. */
  file?: string
  external?: boolean
  labels?: Record<string, string>
  driver?: string
  driver_opts?: Record<string, string>
  /** e.g. "golang": the engine renders the content as a Go template. */
  template_driver?: string
  extras?: Record<string, unknown>
}
export type SecretConfig = FileObjectConfig
export type ConfigObjConfig = FileObjectConfig

const unitNs: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9
}

/**
 * Go's time.ParseDuration: "1h30m", "2.5s", "-1m", "0". Returns undefined
 * when the text is not a Go duration (compose has no bare numbers here).
 */
export function parseDuration(text: string): Nanoseconds | undefined {
  let s = text
  let sign = 1
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1
    s = s.slice(1)
  }
  if (s === '0') return 0
  if (s === '') return undefined
  let total = 0
  const re = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/
  while (s.length > 0) {
    const m = re.exec(s)
    if (!m) return undefined
    total += parseFloat(m[1]) * unitNs[m[2]]
    s = s.slice(m[0].length)
  }
  return sign * Math.round(total)
}

/** Go's time.Duration.String(), e.g. 90e9 → "1m30s". */
export function formatDuration(ns: Nanoseconds): string {
  if (ns === 0) return '0s'
  const neg = ns < 0
  let u = Math.abs(ns)
  let out: string
  if (u < 1e9) {
    if (u < 1e3) out = `${u}ns`
    else if (u < 1e6) out = `${trim(u / 1e3)}µs`
    else out = `${trim(u / 1e6)}ms`
  } else {
    const h = Math.floor(u / 3600e9)
    u -= h * 3600e9
    const m = Math.floor(u / 60e9)
    u -= m * 60e9
    const s = trim(u / 1e9)
    out = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`
  }
  return neg ? `-${out}` : out
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)))
}

/**
 * docker/go-units RAMInBytes (what docker uses for memory, tmpfs size and
 * shm_size): binary multiples, case-insensitive suffix b/k/m/g/t/p with
 * optional "b"/"ib", e.g. "512m", "1.5GB", "1024". undefined when invalid.
 */
export function parseBytes(value: string | number): Bytes | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value)
  if (!m) return undefined
  const mult: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 }
  const unit = m[2]?.toLowerCase()
  return Math.trunc(parseFloat(m[1]) * (unit ? mult[unit] : 1))
}
