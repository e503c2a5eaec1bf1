// One service → the body of POST /services/create (docker/cli
// cli/compose/convert/service.go Service and its convert* helpers, plus what
// the docker client adds on the way: the image tag and ForceUpdate 0).
//
// Fields appear in Go's struct order and are omitted exactly where Go's
// encoding/json omits them (`omitempty` on an empty value); pointer fields
// that docker always sets (Privileges, Resources, Placement, EndpointSpec)
// are always present, even when empty.

import type { Json } from '../objects'
import type {
  DeployConfig,
  HealthCheckConfig,
  Resources,
  RestartPolicy,
  ServiceConfig,
  ServicePortConfig,
  UlimitsConfig,
  UpdateConfig
} from '../model'
import { convertServiceConfigs } from './configs'
import type { ConvertContext } from './context'
import { goCompare, goSortSlice, goSortStrings } from './gosort'
import { imageWithTag } from './image'
import { LABEL_IMAGE, addStackLabel, jsonObject, nonEmpty, nonEmptyMap, nonZero, scope, sortedMap } from './names'
import { convertServiceNetworks } from './networks'
import { convertServiceSecrets } from './secrets'
import { convertMounts } from './volumes'
import { t } from '../../i18n/i18n'

export interface ExternalRefs {
  secrets: Set<string>
  configs: Set<string>
}

export function convertService(
  ctx: ConvertContext,
  service: ServiceConfig,
  external: ExternalRefs
): { name: string; spec: { [key: string]: Json } } | undefined {
  const path = `services.${service.name}`
  const errorsBefore = ctx.diagnostics.filter((d) => d.severity === 'error').length
  const deploy: DeployConfig = service.deploy ?? {}
  const name = scope(ctx.namespace, service.name)

  if (!service.image) ctx.error(path, t('compose.convert.noImage', { service: service.name }))
  warnIgnored(ctx, service, path)

  const secrets = convertServiceSecrets(ctx, service, path, external.secrets)
  const configs = convertServiceConfigs(ctx, service, path, external.configs)
  const endpoint = convertEndpointSpec(deploy.endpoint_mode, service.ports)
  const mode = convertDeployMode(ctx, deploy, `${path}.deploy`)
  const mounts = convertMounts(ctx, service, path)
  const resources = convertResources(ctx, deploy.resources, `${path}.deploy.resources`)
  const restartPolicy = convertRestartPolicy(ctx, service, deploy.restart_policy, path)
  const healthcheck = convertHealthcheck(ctx, service.healthcheck, `${path}.healthcheck`)
  const networks = convertServiceNetworks(ctx, service, path)
  const credentialSpec = convertCredentialSpec(ctx, service, `${path}.credential_spec`)
  const [capAdd, capDrop] = effectiveCapAddCapDrop(service.cap_add ?? [], service.cap_drop ?? [])

  const errorsAfter = ctx.diagnostics.filter((d) => d.severity === 'error').length
  if (errorsAfter > errorsBefore) return undefined

  const image = service.image ?? ''
  const placement = deploy.placement ?? {}
  const containerSpec = jsonObject({
    Image: nonZero(imageWithTag(image)),
    Labels: addStackLabel(ctx.namespace, service.labels),
    Command: nonEmpty(service.entrypoint),
    Args: nonEmpty(service.command),
    Hostname: nonZero(service.hostname),
    Env: nonEmpty(convertEnvironment(service.environment)),
    Dir: nonZero(service.working_dir),
    User: nonZero(service.user),
    Privileges: { CredentialSpec: credentialSpec ?? null, SELinuxContext: null },
    Init: service.init,
    StopSignal: nonZero(service.stop_signal),
    TTY: nonZero(service.tty),
    OpenStdin: nonZero(service.stdin_open),
    ReadOnly: nonZero(service.read_only),
    Mounts: mounts,
    StopGracePeriod: service.stop_grace_period,
    Healthcheck: healthcheck,
    Hosts: nonEmpty(convertExtraHosts(service.extra_hosts)),
    DNSConfig: convertDNSConfig(service.dns, service.dns_search),
    Secrets: secrets,
    Configs: configs,
    Isolation: nonZero(service.isolation),
    Sysctls: nonEmptyMap(service.sysctls),
    CapabilityAdd: nonEmpty(capAdd),
    CapabilityDrop: nonEmpty(capDrop),
    Ulimits: nonEmpty(convertUlimits(service.ulimits))
  })

  const spec = jsonObject({
    Name: name,
    Labels: sortedMap({ ...addStackLabel(ctx.namespace, deploy.labels), [LABEL_IMAGE]: image }),
    TaskTemplate: jsonObject({
      ContainerSpec: containerSpec,
      Resources: resources,
      RestartPolicy: restartPolicy,
      Placement: jsonObject({
        Constraints: nonEmpty(placement.constraints),
        Preferences: nonEmpty((placement.preferences ?? []).map((p) => ({ Spread: { SpreadDescriptor: p.spread ?? '' } }))),
        MaxReplicas: nonZero(placement.max_replicas_per_node)
      }),
      Networks: networks,
      LogDriver: service.logging
        ? jsonObject({ Name: nonZero(service.logging.driver), Options: nonEmptyMap(service.logging.options) })
        : undefined,
      ForceUpdate: 0
    }),
    Mode: mode,
    UpdateConfig: convertUpdateConfig(deploy.update_config),
    RollbackConfig: convertUpdateConfig(deploy.rollback_config),
    EndpointSpec: endpoint
  })
  return { name, spec }
}

/**
 * Keys the model carries but docker stack deploy 20.10 drops without a word.
 * We say so, so that nobody wonders why they have no effect.
 */
function warnIgnored(ctx: ConvertContext, service: ServiceConfig, path: string): void {
  const ignored = (key: string, why: 'tmpfs' | 'unsupported' | 'staticAddress' | 'driverOpts' | 'tmpfsMode'): void =>
    ctx.warn(`${path}.${key}`, t(`compose.convert.ignored.${why}`, { key }))
  if (service.tmpfs && service.tmpfs.length > 0) ignored('tmpfs', 'tmpfs')
  if (service.oom_score_adj !== undefined) ignored('oom_score_adj', 'unsupported')
  if (service.healthcheck?.start_interval !== undefined) ignored('healthcheck.start_interval', 'unsupported')
  for (const [key, options] of Object.entries(service.networks ?? {})) {
    if (options?.ipv4_address) ignored(`networks.${key}.ipv4_address`, 'staticAddress')
    if (options?.ipv6_address) ignored(`networks.${key}.ipv6_address`, 'staticAddress')
    if (options?.driver_opts) ignored(`networks.${key}.driver_opts`, 'driverOpts')
  }
  for (const v of service.volumes ?? []) {
    if (v.bind?.create_host_path !== undefined) ignored(`volumes.${v.target}.bind.create_host_path`, 'unsupported')
    if (v.volume?.subpath !== undefined) ignored(`volumes.${v.target}.volume.subpath`, 'unsupported')
    if (v.tmpfs?.mode !== undefined) ignored(`volumes.${v.target}.tmpfs.mode`, 'tmpfsMode')
  }
}

/** "K=V" for each variable, "K" for one declared without a value; sorted as Go sorts strings. */
export function convertEnvironment(environment: Record<string, string | null> | undefined): string[] {
  const out = Object.entries(environment ?? {}).map(([k, v]) => (v === null || v === undefined ? k : `${k}=${v}`))
  return goSortStrings(out)
}

/** "host:ip" → "ip host" (SwarmKit's /etc/hosts notation); order kept, entries without ':' dropped. */
export function convertExtraHosts(extraHosts: string[] | undefined): string[] {
  const hosts: string[] = []
  for (const entry of extraHosts ?? []) {
    const i = entry.indexOf(':')
    if (i >= 0) hosts.push(`${entry.slice(i + 1)} ${entry.slice(0, i)}`)
  }
  return hosts
}

function convertDNSConfig(dns: string[] | undefined, search: string[] | undefined): Json | undefined {
  if (dns === undefined && search === undefined) return undefined
  return jsonObject({ Nameservers: nonEmpty(dns), Search: nonEmpty(search) })
}

/**
 * Healthcheck: durations in nanoseconds, zero values omitted; `disable`
 * gives just {Test: ["NONE"]}. An empty `healthcheck: {}` is sent as {}.
 */
export function convertHealthcheck(ctx: ConvertContext, hc: HealthCheckConfig | undefined, path: string): Json | undefined {
  if (!hc) return undefined
  if (hc.disable) {
    if (hc.test && hc.test.length > 0 && !(hc.test.length === 1 && hc.test[0] === 'NONE')) {
      ctx.error(path, t('compose.convert.testAndDisable'))
      return undefined
    }
    return { Test: ['NONE'] }
  }
  return jsonObject({
    Test: nonEmpty(hc.test),
    Interval: nonZero(hc.interval),
    Timeout: nonZero(hc.timeout),
    StartPeriod: nonZero(hc.start_period),
    Retries: nonZero(hc.retries)
  })
}

/**
 * deploy.restart_policy, or else the service-level `restart` (which docker
 * warns it ignores, yet converts): always/unless-stopped → any,
 * on-failure[:N] → on-failure with MaxAttempts N, no/unset → none sent.
 */
function convertRestartPolicy(
  ctx: ConvertContext,
  service: ServiceConfig,
  source: RestartPolicy | undefined,
  path: string
): Json | undefined {
  if (source) {
    return jsonObject({
      Condition: nonZero(source.condition),
      Delay: source.delay,
      MaxAttempts: source.max_attempts,
      Window: source.window
    })
  }
  const restart = serviceRestart(service)
  if (!restart) return undefined
  const parts = restart.split(':')
  if (parts.length > 2) {
    ctx.error(`${path}.restart`, t('compose.convert.badRestart', { restart }))
    return undefined
  }
  let count = 0
  if (parts.length === 2) {
    if (!/^[+-]?\d+$/.test(parts[1])) {
      ctx.error(`${path}.restart`, t('compose.convert.restartCount', { restart }))
      return undefined
    }
    count = parseInt(parts[1], 10)
  }
  switch (parts[0]) {
    case '':
    case 'no':
      return undefined
    case 'always':
    case 'unless-stopped':
      return { Condition: 'any' }
    case 'on-failure':
      return { Condition: 'on-failure', MaxAttempts: count }
    default:
      ctx.error(`${path}.restart`, t('compose.convert.unknownRestart', { restart }))
      return undefined
  }
}

/** The service-level `restart:` value (kept among the keys docker reports as unsupported). */
function serviceRestart(service: ServiceConfig): string | undefined {
  const raw = (service as { restart?: unknown }).restart ?? service.ignored?.restart
  if (raw === undefined || raw === null) return undefined
  return String(raw)
}

/** update_config / rollback_config; Parallelism defaults to 1 when the block exists. */
function convertUpdateConfig(source: UpdateConfig | undefined): Json | undefined {
  if (!source) return undefined
  return jsonObject({
    Parallelism: source.parallelism ?? 1,
    Delay: nonZero(source.delay),
    FailureAction: nonZero(source.failure_action),
    Monitor: nonZero(source.monitor),
    MaxFailureRatio: source.max_failure_ratio ?? 0,
    Order: source.order ?? ''
  })
}

/** Resources is always sent, {} when nothing is limited or reserved. */
function convertResources(ctx: ConvertContext, source: Resources | undefined, path: string): Json {
  const out: Record<string, Json | undefined> = {}
  if (source?.limits) {
    const limits = source.limits
    out.Limits = jsonObject({
      NanoCPUs: nonZero(limits.cpus ? parseCPUs(ctx, limits.cpus, `${path}.limits.cpus`) : 0),
      MemoryBytes: nonZero(limits.memory),
      Pids: nonZero(limits.pids)
    })
  }
  if (source?.reservations) {
    const reservations = source.reservations
    const generic = (reservations.generic_resources ?? []).map((r): Json =>
      r.discrete_resource_spec
        ? {
            DiscreteResourceSpec: jsonObject({
              Kind: nonZero(r.discrete_resource_spec.kind),
              Value: nonZero(r.discrete_resource_spec.value)
            })
          }
        : {}
    )
    out.Reservations = jsonObject({
      NanoCPUs: nonZero(reservations.cpus ? parseCPUs(ctx, reservations.cpus, `${path}.reservations.cpus`) : 0),
      MemoryBytes: nonZero(reservations.memory),
      GenericResources: nonEmpty(generic)
    })
  }
  return jsonObject(out)
}

/**
 * docker's opts.ParseCPUs: a rational number (big.Rat: "0.5", "1.5e-1",
 * "1/4") times 1e9, which must come out whole.
 */
export function parseCPUs(ctx: ConvertContext, value: string, path: string): number {
  const rat = parseRational(String(value))
  if (!rat) {
    ctx.error(path, t('compose.convert.badCpus', { value }))
    return 0
  }
  const [num, den] = rat
  const nano = num * 1_000_000_000n
  if (nano % den !== 0n) {
    ctx.error(path, t('compose.convert.preciseCpus', { value }))
    return 0
  }
  return Number(nano / den)
}

/** A decimal ("-1.25e3") or fraction ("3/4") as numerator/denominator, like big.Rat.SetString. */
function parseRational(s: string): [bigint, bigint] | undefined {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(s)
  if (frac) {
    const den = BigInt(frac[2])
    return den === 0n ? undefined : [BigInt(frac[1]), den]
  }
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s)
  if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) return undefined
  const fraction = dec[3] ?? ''
  const exp = (dec[4] ? parseInt(dec[4], 10) : 0) - fraction.length
  if (Math.abs(exp) > 1000) return undefined
  let num = BigInt(`${dec[2]}${fraction}` || '0')
  if (dec[1] === '-') num = -num
  return exp >= 0 ? [num * 10n ** BigInt(exp), 1n] : [num, 10n ** BigInt(-exp)]
}

/** EndpointSpec: always sent; Mode only when endpoint_mode is set; ports sorted by published port (Go sort.Slice). */
export function convertEndpointSpec(endpointMode: string | undefined, ports: ServicePortConfig[] | undefined): Json {
  const portConfigs = (ports ?? []).map((p) => ({
    json: jsonObject({
      Protocol: nonZero(p.protocol),
      TargetPort: nonZero(p.target),
      PublishedPort: nonZero(p.published),
      PublishMode: nonZero(p.mode)
    }),
    published: p.published ?? 0
  }))
  goSortSlice(portConfigs, (a, b) => a.published < b.published)
  return jsonObject({
    Mode: nonZero(endpointMode?.toLowerCase()),
    Ports: nonEmpty(portConfigs.map((p) => p.json))
  })
}

function convertDeployMode(ctx: ConvertContext, deploy: DeployConfig, path: string): Json | undefined {
  switch (deploy.mode ?? '') {
    case 'global':
      if (deploy.replicas !== undefined) {
        ctx.error(`${path}.replicas`, t('compose.convert.replicasMode'))
        return undefined
      }
      return { Global: {} }
    case 'replicated':
    case '':
      return { Replicated: jsonObject({ Replicas: deploy.replicas }) }
    default:
      ctx.error(`${path}.mode`, t('compose.convert.badMode', { mode: deploy.mode }))
      return undefined
  }
}

/** Privileges.CredentialSpec: exactly one of config, file, registry (a config is named here; apply swaps in its ID). */
function convertCredentialSpec(ctx: ConvertContext, service: ServiceConfig, path: string): Json | undefined {
  const spec = service.credential_spec
  if (!spec) return undefined
  const set = (['config', 'file', 'registry'] as const).filter((k) => spec[k])
  if (set.length === 0) return undefined
  if (set.length > 1) {
    ctx.error(path, t('compose.convert.credentialSpec', { keys: set.map((k) => `\`${k}\``).join(', ') }))
    return undefined
  }
  let config = spec.config ?? ''
  if (config) {
    const obj = ctx.config.configs?.[config]
    config = obj?.name || (obj?.external ? config : scope(ctx.namespace, config))
  }
  return { Config: config, File: spec.file ?? '', Registry: spec.registry ?? '' }
}

/**
 * docker's opts.EffectiveCapAddCapDrop: upper-case, "CAP_" prefix (except
 * ALL/RESET), deduplicated, ALL wins within a list, an added capability is
 * not dropped, both lists sorted.
 */
export function effectiveCapAddCapDrop(add: string[], drop: string[]): [string[], string[]] {
  const normalize = (c: string): string => {
    const u = c.trim().toUpperCase()
    return u === 'ALL' || u === 'RESET' || u.startsWith('CAP_') ? u : `CAP_${u}`
  }
  let addCaps = new Set(add.map(normalize))
  let dropCaps = new Set(drop.map(normalize))
  if (addCaps.has('ALL')) addCaps = new Set(['ALL'])
  if (dropCaps.has('ALL')) dropCaps = new Set(['ALL'])
  const capDrop = [...dropCaps].filter((c) => !addCaps.has(c) && c !== 'RESET')
  const capAdd = [...addCaps].filter((c) => c !== 'RESET')
  return [goSortStrings(capAdd), goSortStrings(capDrop)]
}

/** Ulimits sorted by name; a single number sets both soft and hard. */
function convertUlimits(ulimits: Record<string, UlimitsConfig> | undefined): Json[] {
  return Object.entries(ulimits ?? {})
    .sort(([a], [b]) => goCompare(a, b))
    .map(([name, u]) =>
      u.single ? { Name: name, Hard: u.single, Soft: u.single } : { Name: name, Hard: u.hard ?? 0, Soft: u.soft ?? 0 }
    )
}
