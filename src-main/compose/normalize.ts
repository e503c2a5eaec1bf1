// Normalize: one interpolated, schema-valid file → the typed model, the way
// docker/cli's loadSections/LoadService transform it. Short syntaxes are
// expanded here (see the list at the top of model.ts). Runs per file, before
// merging, because docker merges typed configs (ports merge by published
// port, volumes by target... which needs them parsed).
//
// Relative paths (bind sources, env_file, secret/config files) resolve
// against the working dir, which docker takes from the FIRST compose file's
// folder: the recipe dir.

import path from 'node:path'
import { ENV_FILE_LIMIT, readTextBounded } from '../core/limits'
import type { Diagnostic } from './diagnostics'
import { describeAt, excerpt } from './diagnostics'
import type { Dict, LoadedFile } from './load'
import { goSprint, joinPath, positionOf } from './load'
import { DEFAULT_OUTSIDE_FILES, insideFolder, outsideWords, type OutsideFiles } from './outside-files'
import type {
  Config,
  ConfigObjConfig,
  DeployConfig,
  FileObjectConfig,
  FileReferenceConfig,
  HealthCheckConfig,
  NetworkConfig,
  Position,
  ServiceConfig,
  ServiceNetworkConfig,
  ServicePortConfig,
  ServiceVolumeConfig,
  UlimitsConfig,
  UpdateConfig,
  VolumeConfig
} from './model'
import { parseBytes, parseDuration } from './model'
import { hostsList, mapping, mappingWithEquals, parseDockerEnvFile, parseVolumeSpec, shellSplit, shortPorts, stringList, stringMap } from './short-syntax'
import { t } from '../i18n/i18n'

/** docker/cli UnsupportedProperties: stack deploy ignores these with "Ignoring unsupported options: …". */
export const UNSUPPORTED_PROPERTIES = [
  'build',
  'cgroupns_mode',
  'cgroup_parent',
  'devices',
  'domainname',
  'external_links',
  'ipc',
  'links',
  'mac_address',
  'network_mode',
  'pid',
  'privileged',
  'restart',
  'security_opt',
  'shm_size',
  'userns_mode'
]

/** docker/cli DeprecatedProperties: ignored with "Ignoring deprecated options: …". */
export const DEPRECATED_PROPERTIES: Record<string, string> = {
  container_name: 'Setting the container name is not supported.',
  expose: "Exposing ports is unnecessary - services on the same network can access each other's containers on any port."
}

// Keys the schema accepts but stack deploy never uses (beyond the two lists above).
const UNUSED_KEYS = new Set(['depends_on'])

export interface NormalizeOptions {
  /** docker's working dir: the folder of the first compose file. */
  workingDir: string
  /** The app environment, for `- VAR` entries without a value and ~ in bind paths. */
  env: Record<string, string>
  /** Compose version in force (for deprecation warnings). */
  version: string
  readText?: (abs: string) => string
  /** The recipe folder, which env_file entries must stay inside (see outsideFiles); the working dir when left out. */
  recipeDir?: string
  /** An env_file outside the recipe folder: refused (the default) or read with a warning. */
  outsideFiles?: OutsideFiles
}

/** The warnings stack deploy prints for ignored keys, one per key and file, with its line. */
export function ignoredOptionWarnings(files: readonly LoadedFile[]): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const f of files) {
    const services = f.data.services
    if (!isDict(services)) continue
    for (const [name, svc] of Object.entries(services)) {
      if (!isDict(svc)) continue
      for (const key of Object.keys(svc)) {
        const parts = ['services', name, key]
        const where = { file: f.file, line: positionOf(f.positions, parts)?.line, path: joinPath(parts) }
        if (UNSUPPORTED_PROPERTIES.includes(key)) {
          out.push({ severity: 'warning', ...where, message: `${describeAt(where)}Ignoring unsupported options: ${key} (\`${where.path}\` has no effect with docker stack deploy).` })
        } else if (DEPRECATED_PROPERTIES[key]) {
          out.push({ severity: 'warning', ...where, message: `${describeAt(where)}Ignoring deprecated options: ${key}: ${DEPRECATED_PROPERTIES[key]}` })
        }
      }
    }
  }
  return out
}

export function normalizeFile(data: Dict, f: LoadedFile, opts: NormalizeOptions): { config: Config; diagnostics: Diagnostic[] } {
  const n = new Normalizer(f, opts)
  const config = n.run(data)
  return { config, diagnostics: n.diagnostics }
}

class Normalizer {
  readonly diagnostics: Diagnostic[] = []
  private readonly positions: Map<string, Position>

  constructor(
    private readonly f: LoadedFile,
    private readonly opts: NormalizeOptions
  ) {
    this.positions = new Map(f.positions)
  }

  private error(parts: (string | number)[], text: string): void {
    const where = { file: this.f.file, line: positionOf(this.f.positions, parts)?.line, path: joinPath(parts) }
    this.diagnostics.push({ severity: 'error', ...where, message: `${describeAt(where)}${text}` })
  }

  private warn(parts: (string | number)[], text: string): void {
    const where = { file: this.f.file, line: positionOf(this.f.positions, parts)?.line, path: joinPath(parts) }
    this.diagnostics.push({ severity: 'warning', ...where, message: `${describeAt(where)}${text}` })
  }

  // Semantic aliases for list items, so later stages can find e.g. the line
  // of a secret reference by its source after merging has reordered lists.
  private alias(from: (string | number)[], to: (string | number)[]): void {
    const p = positionOf(this.f.positions, from)
    if (p) this.positions.set(joinPath(to), p)
  }

  run(data: Dict): Config {
    const services: ServiceConfig[] = []
    for (const [name, raw] of Object.entries(dictOf(data.services))) services.push(this.service(name, dictOf(raw)))
    services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return {
      filename: this.f.file,
      filenames: [this.f.file],
      version: Object.hasOwn(data, 'version') ? goSprint(data.version) : '',
      services,
      networks: this.networks(dictOf(data.networks)),
      volumes: this.volumes(dictOf(data.volumes)),
      secrets: this.fileObjects('secret', dictOf(data.secrets)),
      configs: this.fileObjects('config', dictOf(data.configs)) as Record<string, ConfigObjConfig>,
      extras: extrasOf(data) ?? {},
      positions: this.positions
    }
  }

  // -------------------------------------------------------------------------
  // Services

  private service(name: string, s: Dict): ServiceConfig {
    const at = (...k: (string | number)[]): (string | number)[] => ['services', name, ...k]
    const svc: ServiceConfig = { name }
    const str = (k: string): string | undefined => (typeof s[k] === 'string' ? (s[k] as string) : undefined)
    const bool = (k: string): boolean | undefined => (typeof s[k] === 'boolean' ? (s[k] as boolean) : undefined)

    if (Array.isArray(s.cap_add)) svc.cap_add = s.cap_add.map(String)
    if (Array.isArray(s.cap_drop)) svc.cap_drop = s.cap_drop.map(String)
    if (s.command !== undefined && s.command !== null) svc.command = this.shellCommand(s.command, at('command'))
    if (s.entrypoint !== undefined && s.entrypoint !== null) svc.entrypoint = this.shellCommand(s.entrypoint, at('entrypoint'))
    if (Array.isArray(s.configs)) svc.configs = this.fileRefs(s.configs, at('configs'))
    if (Array.isArray(s.secrets)) svc.secrets = this.fileRefs(s.secrets, at('secrets'))
    if (isDict(s.credential_spec)) {
      const c = s.credential_spec
      svc.credential_spec = pickStrings(c, ['config', 'file', 'registry'])
    }
    if (isDict(s.deploy)) svc.deploy = this.deploy(s.deploy, at('deploy'))
    if (s.dns !== undefined && s.dns !== null) svc.dns = stringList(s.dns)
    if (s.dns_search !== undefined && s.dns_search !== null) svc.dns_search = stringList(s.dns_search)
    if (s.extra_hosts !== undefined && s.extra_hosts !== null) svc.extra_hosts = hostsList(s.extra_hosts)
    for (const k of ['hostname', 'image', 'isolation', 'stop_signal', 'user', 'working_dir'] as const) {
      const v = str(k)
      if (v !== undefined) svc[k] = v
    }
    if (isDict(s.healthcheck)) svc.healthcheck = this.healthcheck(s.healthcheck, at('healthcheck'))
    for (const k of ['init', 'read_only', 'stdin_open', 'tty'] as const) {
      const v = bool(k)
      if (v !== undefined) svc[k] = v
    }
    if (s.labels !== undefined && s.labels !== null) svc.labels = mapping(s.labels)
    if (isDict(s.logging)) {
      const l = s.logging
      svc.logging = {}
      if (typeof l.driver === 'string') svc.logging.driver = l.driver
      if (isDict(l.options)) svc.logging.options = stringMap(l.options)
    }
    if (s.networks !== undefined && s.networks !== null) svc.networks = this.serviceNetworks(s.networks, at('networks'))
    if (typeof s.oom_score_adj === 'number') svc.oom_score_adj = s.oom_score_adj
    if (Array.isArray(s.ports)) svc.ports = this.ports(s.ports, at('ports'))
    if (typeof s.stop_grace_period === 'string') svc.stop_grace_period = this.duration(s.stop_grace_period, at('stop_grace_period'))
    if (s.sysctls !== undefined && s.sysctls !== null) svc.sysctls = mapping(s.sysctls)
    if (s.tmpfs !== undefined && s.tmpfs !== null) svc.tmpfs = stringList(s.tmpfs)
    if (isDict(s.ulimits)) svc.ulimits = this.ulimits(s.ulimits)
    if (Array.isArray(s.volumes)) svc.volumes = this.serviceVolumes(s.volumes, at('volumes'))

    const env = this.environment(s, at())
    if (env) svc.environment = env
    if (s.env_file !== undefined && s.env_file !== null) svc.env_file = stringList(s.env_file).map((p) => absPath(this.opts.workingDir, p))

    const ignored: Dict = {}
    for (const [k, v] of Object.entries(s)) {
      if (UNSUPPORTED_PROPERTIES.includes(k) || DEPRECATED_PROPERTIES[k] || UNUSED_KEYS.has(k)) ignored[k] = v
    }
    if (Object.keys(ignored).length) svc.ignored = ignored
    const extras = extrasOf(s)
    if (extras) svc.extras = extras
    return svc
  }

  private shellCommand(v: unknown, at: (string | number)[]): string[] {
    if (Array.isArray(v)) return v.map(String)
    const r = shellSplit(String(v))
    if (r.error) this.error(at, t('compose.normalize.cannotSplit', { path: joinPath(at), error: r.error }))
    return r.args
  }

  private fileRefs(list: unknown[], at: (string | number)[]): FileReferenceConfig[] {
    return list.map((item, i) => {
      const ref: FileReferenceConfig = isDict(item) ? { source: typeof item.source === 'string' ? item.source : '' } : { source: String(item) }
      if (isDict(item)) {
        for (const k of ['target', 'uid', 'gid'] as const) if (typeof item[k] === 'string') ref[k] = item[k] as string
        if (typeof item.mode === 'number') ref.mode = item.mode
      }
      this.alias([...at, i], [...at, ref.source])
      return ref
    })
  }

  private deploy(d: Dict, at: (string | number)[]): DeployConfig {
    const out: DeployConfig = {}
    if (typeof d.mode === 'string') out.mode = d.mode
    if (typeof d.replicas === 'number') out.replicas = d.replicas
    if (d.labels !== undefined && d.labels !== null) out.labels = mapping(d.labels)
    if (isDict(d.update_config)) out.update_config = this.updateConfig(d.update_config, [...at, 'update_config'])
    if (isDict(d.rollback_config)) out.rollback_config = this.updateConfig(d.rollback_config, [...at, 'rollback_config'])
    if (isDict(d.resources)) {
      const r = d.resources
      out.resources = {}
      if (isDict(r.limits)) {
        const l = r.limits
        out.resources.limits = {}
        if (l.cpus !== undefined) out.resources.limits.cpus = goSprint(l.cpus)
        if (l.memory !== undefined) out.resources.limits.memory = this.size(l.memory, [...at, 'resources', 'limits', 'memory'])
        if (typeof l.pids === 'number') out.resources.limits.pids = l.pids
      }
      if (isDict(r.reservations)) {
        const l = r.reservations
        out.resources.reservations = {}
        if (l.cpus !== undefined) out.resources.reservations.cpus = goSprint(l.cpus)
        if (l.memory !== undefined) out.resources.reservations.memory = this.size(l.memory, [...at, 'resources', 'reservations', 'memory'])
        if (Array.isArray(l.generic_resources)) {
          out.resources.reservations.generic_resources = l.generic_resources.map((g) => {
            const spec = isDict(g) && isDict(g.discrete_resource_spec) ? g.discrete_resource_spec : undefined
            return spec ? { discrete_resource_spec: { kind: String(spec.kind ?? ''), value: Number(spec.value ?? 0) } } : {}
          })
        }
      }
    }
    if (isDict(d.restart_policy)) {
      const r = d.restart_policy
      const rp: NonNullable<DeployConfig['restart_policy']> = {}
      if (typeof r.condition === 'string') rp.condition = r.condition
      if (typeof r.delay === 'string') rp.delay = this.duration(r.delay, [...at, 'restart_policy', 'delay'])
      if (typeof r.max_attempts === 'number') rp.max_attempts = r.max_attempts
      if (typeof r.window === 'string') rp.window = this.duration(r.window, [...at, 'restart_policy', 'window'])
      out.restart_policy = rp
    }
    if (isDict(d.placement)) {
      const p = d.placement
      out.placement = {}
      if (Array.isArray(p.constraints)) out.placement.constraints = p.constraints.map(String)
      if (Array.isArray(p.preferences)) out.placement.preferences = p.preferences.map((x) => (isDict(x) && typeof x.spread === 'string' ? { spread: x.spread } : {}))
      if (typeof p.max_replicas_per_node === 'number') out.placement.max_replicas_per_node = p.max_replicas_per_node
    }
    if (typeof d.endpoint_mode === 'string') out.endpoint_mode = d.endpoint_mode
    return out
  }

  private updateConfig(u: Dict, at: (string | number)[]): UpdateConfig {
    const out: UpdateConfig = {}
    if (typeof u.parallelism === 'number') out.parallelism = u.parallelism
    if (typeof u.delay === 'string') out.delay = this.duration(u.delay, [...at, 'delay'])
    if (typeof u.failure_action === 'string') out.failure_action = u.failure_action
    if (typeof u.monitor === 'string') out.monitor = this.duration(u.monitor, [...at, 'monitor'])
    if (typeof u.max_failure_ratio === 'number') out.max_failure_ratio = u.max_failure_ratio
    if (typeof u.order === 'string') out.order = u.order
    return out
  }

  private healthcheck(h: Dict, at: (string | number)[]): HealthCheckConfig {
    const out: HealthCheckConfig = {}
    if (typeof h.test === 'string') out.test = ['CMD-SHELL', h.test]
    else if (Array.isArray(h.test)) out.test = h.test.map(String)
    for (const k of ['interval', 'timeout', 'start_period', 'start_interval'] as const) {
      if (typeof h[k] === 'string') out[k] = this.duration(h[k] as string, [...at, k])
    }
    if (typeof h.retries === 'number') out.retries = h.retries
    if (typeof h.disable === 'boolean') out.disable = h.disable
    return out
  }

  private duration(s: string, at: (string | number)[]): number {
    const d = parseDuration(s)
    if (d === undefined) {
      this.error(at, t('compose.normalize.duration', { path: joinPath(at), value: s }))
      return 0
    }
    return d
  }

  private size(v: unknown, at: (string | number)[]): number {
    if (typeof v === 'number' && Number.isInteger(v)) return v
    const b = typeof v === 'string' ? parseBytes(v) : undefined
    if (b === undefined) {
      this.error(at, t('compose.normalize.size', { path: joinPath(at), value: JSON.stringify(v) }))
      return 0
    }
    return b
  }

  private environment(s: Dict, at: (string | number)[]): Record<string, string | null> | undefined {
    const lookup = (k: string): string | undefined => (Object.hasOwn(this.opts.env, k) ? this.opts.env[k] : undefined)
    const env: Record<string, string | null> = {}
    // docker's updateEnvironment: a key without a value, or with an empty
    // one, takes the value from the environment stack deploy runs in.
    const update = (vars: Record<string, string | null>): void => {
      for (const [k, v] of Object.entries(vars)) {
        const found = lookup(k)
        env[k] = (v === null || v === '') && found !== undefined ? found : v
      }
    }
    let any = false
    if (s.env_file !== undefined && s.env_file !== null) {
      any = true
      const lines: string[] = []
      for (const file of stringList(s.env_file)) {
        const abs = absPath(this.opts.workingDir, file)
        const key = `\`${excerpt(joinPath([...at, 'env_file']))}\``
        if (!insideFolder(this.opts.recipeDir ?? this.opts.workingDir, abs)) {
          const mode = this.opts.outsideFiles ?? DEFAULT_OUTSIDE_FILES
          if (mode === 'refuse') {
            this.error([...at, 'env_file'], outsideWords(key, file, mode))
            continue
          }
          this.warn([...at, 'env_file'], outsideWords(key, file, mode))
        }
        let text: string
        try {
          text = (this.opts.readText ?? ((p: string) => readTextBounded(p, ENV_FILE_LIMIT)))(abs)
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code
          this.error(
            [...at, 'env_file'],
            code === 'ENOENT' || code === undefined
              ? t('compose.normalize.envFileMissing', { key, file: excerpt(file), abs: excerpt(abs) })
              : t('compose.normalize.envFileUnreadable', { key, file: excerpt(file), message: (err as Error).message })
          )
          continue
        }
        if (text.length > ENV_FILE_LIMIT) {
          this.error([...at, 'env_file'], t('compose.normalize.envFileTooBig', { key, file: excerpt(file) }))
          continue
        }
        const r = parseDockerEnvFile(text, lookup)
        if (r.error) this.error([...at, 'env_file'], t('compose.normalize.envFileInvalid', { file: excerpt(file), error: excerpt(r.error, 200) }))
        lines.push(...r.lines)
      }
      const vars: Record<string, string | null> = {}
      for (const l of lines) {
        const eq = l.indexOf('=')
        if (eq === -1) vars[l] = null
        else vars[l.slice(0, eq)] = l.slice(eq + 1)
      }
      update(vars)
    }
    if (s.environment !== undefined && s.environment !== null) {
      any = true
      update(mappingWithEquals(s.environment))
    }
    return any ? env : undefined
  }

  private serviceNetworks(v: unknown, at: (string | number)[]): Record<string, ServiceNetworkConfig | null> {
    const out: Record<string, ServiceNetworkConfig | null> = {}
    if (Array.isArray(v)) {
      v.forEach((name, i) => {
        out[String(name)] = null
        this.alias([...at, i], [...at, String(name)])
      })
      return out
    }
    for (const [name, cfg] of Object.entries(dictOf(v))) {
      if (!isDict(cfg)) {
        out[name] = null
        continue
      }
      const n: ServiceNetworkConfig = {}
      if (Array.isArray(cfg.aliases)) n.aliases = cfg.aliases.map(String)
      if (isDict(cfg.driver_opts)) n.driver_opts = stringMap(cfg.driver_opts)
      if (typeof cfg.ipv4_address === 'string') n.ipv4_address = cfg.ipv4_address
      if (typeof cfg.ipv6_address === 'string') n.ipv6_address = cfg.ipv6_address
      out[name] = n
    }
    return out
  }

  private ports(list: unknown[], at: (string | number)[]): ServicePortConfig[] {
    const out: ServicePortConfig[] = []
    list.forEach((item, i) => {
      if (isDict(item)) {
        const p: ServicePortConfig = { target: typeof item.target === 'number' ? item.target : 0 }
        if (typeof item.mode === 'string') p.mode = item.mode
        if (typeof item.published === 'number' && item.published !== 0) p.published = item.published
        if (typeof item.protocol === 'string') p.protocol = item.protocol
        out.push(p)
        return
      }
      if (typeof item === 'number' && !Number.isInteger(item)) {
        this.error([...at, i], t('compose.normalize.wholePort', { path: joinPath([...at, i]) }))
        return
      }
      const r = shortPorts(goSprint(item))
      if (r.error) this.error([...at, i], t('compose.normalize.badPort', { path: joinPath([...at, i]), error: r.error }))
      out.push(...r.ports)
    })
    return out
  }

  private ulimits(u: Dict): Record<string, UlimitsConfig> {
    const out: Record<string, UlimitsConfig> = {}
    for (const [k, v] of Object.entries(u)) {
      if (typeof v === 'number') out[k] = { single: v }
      else if (isDict(v)) out[k] = { soft: Number(v.soft ?? 0), hard: Number(v.hard ?? 0) }
    }
    return out
  }

  private serviceVolumes(list: unknown[], at: (string | number)[]): ServiceVolumeConfig[] {
    const out: ServiceVolumeConfig[] = []
    list.forEach((item, i) => {
      const here = [...at, i]
      let v: ServiceVolumeConfig
      if (typeof item === 'string') {
        const r = parseVolumeSpec(item)
        if (r.error) {
          this.error(here, t('compose.normalize.badVolume', { path: joinPath(here), item, error: r.error }))
          return
        }
        v = r.volume
      } else if (isDict(item)) {
        v = { type: String(item.type ?? '') as ServiceVolumeConfig['type'], target: typeof item.target === 'string' ? item.target : '' }
        if (typeof item.source === 'string') v.source = item.source
        if (typeof item.read_only === 'boolean') v.read_only = item.read_only
        if (typeof item.consistency === 'string') v.consistency = item.consistency
        if (isDict(item.bind)) {
          v.bind = {}
          if (typeof item.bind.propagation === 'string') v.bind.propagation = item.bind.propagation
          if (typeof item.bind.create_host_path === 'boolean') v.bind.create_host_path = item.bind.create_host_path
        }
        if (isDict(item.volume)) {
          v.volume = {}
          if (typeof item.volume.nocopy === 'boolean') v.volume.nocopy = item.volume.nocopy
          if (typeof item.volume.subpath === 'string') v.volume.subpath = item.volume.subpath
        }
        if (isDict(item.tmpfs)) {
          v.tmpfs = {}
          if (item.tmpfs.size !== undefined) v.tmpfs.size = this.size(item.tmpfs.size, [...here, 'tmpfs', 'size'])
          if (typeof item.tmpfs.mode === 'number') v.tmpfs.mode = item.tmpfs.mode
        }
      } else return
      // docker's resolveVolumePaths: bind sources become absolute.
      if (v.type === 'bind') {
        if (!v.source) {
          this.error(here, `\`${joinPath(here)}\`: invalid mount config for type "bind": field Source must not be empty.`)
          return
        }
        let src = v.source
        if (src.startsWith('~')) {
          const home = this.opts.env.HOME
          if (home === undefined) this.warn(here, `cannot expand '~' in "${src}", because the environment lacks HOME.`)
          else src = src.replace('~', home)
        }
        if (!path.posix.isAbsolute(src) && !/^[a-zA-Z]:[\\/]/.test(src) && !src.startsWith('\\\\')) src = absPath(this.opts.workingDir, src)
        v.source = src
      }
      this.alias(here, [...at, v.target])
      out.push(v)
    })
    return out
  }

  // -------------------------------------------------------------------------
  // Top level

  private networks(d: Dict): Record<string, NetworkConfig> {
    const out: Record<string, NetworkConfig> = {}
    for (const [name, raw] of Object.entries(d)) {
      const n = dictOf(raw)
      const cfg: NetworkConfig = {}
      if (typeof n.name === 'string') cfg.name = n.name
      if (typeof n.driver === 'string') cfg.driver = n.driver
      if (isDict(n.driver_opts)) cfg.driver_opts = stringMap(n.driver_opts)
      if (isDict(n.ipam)) {
        cfg.ipam = {}
        if (typeof n.ipam.driver === 'string') cfg.ipam.driver = n.ipam.driver
        if (Array.isArray(n.ipam.config)) cfg.ipam.config = n.ipam.config.map((c) => (isDict(c) && typeof c.subnet === 'string' ? { subnet: c.subnet } : {}))
      }
      if (typeof n.internal === 'boolean') cfg.internal = n.internal
      if (typeof n.attachable === 'boolean') cfg.attachable = n.attachable
      if (n.labels !== undefined && n.labels !== null) cfg.labels = mapping(n.labels)
      this.external(cfg, n, 'network', name, '3.5')
      const extras = extrasOf(n)
      if (extras) cfg.extras = extras
      out[name] = cfg
    }
    return out
  }

  private volumes(d: Dict): Record<string, VolumeConfig> {
    const out: Record<string, VolumeConfig> = {}
    for (const [name, raw] of Object.entries(d)) {
      const n = dictOf(raw)
      const cfg: VolumeConfig = {}
      if (typeof n.name === 'string') cfg.name = n.name
      if (typeof n.driver === 'string') cfg.driver = n.driver
      if (isDict(n.driver_opts)) cfg.driver_opts = stringMap(n.driver_opts)
      if (n.labels !== undefined && n.labels !== null) cfg.labels = mapping(n.labels)
      if (isDict(n['x-cluster-spec'])) cfg['x-cluster-spec'] = n['x-cluster-spec']
      if (isExternal(n.external)) {
        for (const k of ['driver', 'driver_opts', 'labels'] as const) {
          const set = k === 'driver' ? !!cfg.driver : Object.keys(cfg[k] ?? {}).length > 0
          if (set) this.error(['volumes', name, k], `conflicting parameters "external" and "${k}" specified for volume "${name}".`)
        }
      }
      this.external(cfg, n, 'volume', name, '3.4')
      const extras = extrasOf(n)
      if (extras) cfg.extras = extras
      out[name] = cfg
    }
    return out
  }

  // external: true | {name} → external + name, as docker's Load* functions do.
  private external(cfg: { name?: string; external?: boolean }, n: Dict, kind: string, key: string, deprecatedFrom: string): void {
    if (!isExternal(n.external)) {
      if (n.external === false) cfg.external = false
      return
    }
    cfg.external = true
    const extName = isDict(n.external) && typeof n.external.name === 'string' ? n.external.name : ''
    const section = `${kind}s`
    if (extName) {
      if (cfg.name) {
        this.error([section, key], `${kind} ${key}: ${kind}.external.name and ${kind}.name conflict; only use ${kind}.name.`)
        return
      }
      if (versionAtLeast(this.opts.version, deprecatedFrom)) this.warn([section, key, 'external'], `${kind} ${key}: ${kind}.external.name is deprecated in favor of ${kind}.name.`)
      cfg.name = extName
    } else if (!cfg.name) cfg.name = key
  }

  private fileObjects(kind: 'secret' | 'config', d: Dict): Record<string, FileObjectConfig> {
    const out: Record<string, FileObjectConfig> = {}
    for (const [name, raw] of Object.entries(d)) {
      const n = dictOf(raw)
      const cfg: FileObjectConfig = {}
      for (const k of ['name', 'driver', 'template_driver'] as const) if (typeof n[k] === 'string') cfg[k] = n[k] as string
      if (typeof n.file === 'string') cfg.file = n.file
      if (n.labels !== undefined && n.labels !== null) cfg.labels = mapping(n.labels)
      if (isDict(n.driver_opts)) cfg.driver_opts = stringMap(n.driver_opts)
      if (isExternal(n.external)) this.external(cfg, n, kind, name, '3.5')
      else if (cfg.driver) {
        if (cfg.file) this.error([`${kind}s`, name], `${kind} ${name}: ${kind}.driver and ${kind}.file conflict; only use ${kind}.driver.`)
      } else if (cfg.file !== undefined) cfg.file = absPath(this.opts.workingDir, cfg.file)
      const extras = extrasOf(n)
      if (extras) cfg.extras = extras
      out[name] = cfg
    }
    return out
  }
}

// ---------------------------------------------------------------------------
// Helpers shared by the transforms.

function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function dictOf(v: unknown): Dict {
  return isDict(v) ? v : {}
}

function isExternal(v: unknown): boolean {
  return v === true || isDict(v)
}

function extrasOf(d: Dict): Dict | undefined {
  const out: Dict = {}
  for (const [k, v] of Object.entries(d)) if (k.startsWith('x-')) out[k] = v
  return Object.keys(out).length ? out : undefined
}

function pickStrings<K extends string>(d: Dict, keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {}
  for (const k of keys) if (typeof d[k] === 'string') out[k] = d[k] as string
  return out
}

function absPath(workingDir: string, p: string): string {
  return path.isAbsolute(p) ? p : path.join(workingDir, p)
}

function versionAtLeast(v: string, min: string): boolean {
  const [a1, a2 = 0] = v.split('.').map(Number)
  const [b1, b2 = 0] = min.split('.').map(Number)
  return a1 > b1 || (a1 === b1 && a2 >= b2)
}
