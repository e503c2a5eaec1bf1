// Networks (docker/cli cli/compose/convert/compose.go Networks,
// cli/command/stack/swarm/deploy_composefile.go getServicesDeclaredNetworks
// and createNetworks, cli/compose/convert/service.go convertServiceNetworks).
//
// - Only networks some service uses are created, plus "default" when a
//   service lists none. Declared but unused networks are not created.
// - The name is `<stack>_<key>` unless the network sets `name:`.
// - External networks are not created; their names are returned so that
//   apply can check they exist (swarm scope) as docker does.
// - Driver defaults to "overlay" (createNetworks fills it in).

import type { Json, StackNetwork } from '../objects'
import type { NetworkConfig, ServiceConfig } from '../model'
import type { ConvertContext } from './context'
import { goCompare, goSortSlice } from './gosort'
import { addStackLabel, jsonObject, scope, sortedMap } from './names'
import { t } from '../../i18n/i18n'

export const DEFAULT_NETWORK = 'default'

/** The compose keys of the networks the services attach to. */
export function servicesDeclaredNetworks(services: ServiceConfig[]): Set<string> {
  const used = new Set<string>()
  for (const service of services) {
    const names = Object.keys(service.networks ?? {})
    if (names.length === 0) used.add(DEFAULT_NETWORK)
    for (const name of names) used.add(name)
  }
  return used
}

/** What a network key resolves to on the engine: its explicit name or the scoped one. */
export function networkTarget(ctx: ConvertContext, key: string, network: NetworkConfig | undefined): string {
  if (network?.name) return network.name
  if (network?.external) return key
  return scope(ctx.namespace, key)
}

export function convertNetworks(
  ctx: ConvertContext,
  used: Set<string>
): { networks: StackNetwork[]; externalNetworks: string[] } {
  const networks: StackNetwork[] = []
  const external = new Set<string>()
  for (const key of used) {
    const network: NetworkConfig = ctx.config.networks?.[key] ?? {}
    if (network.external) {
      external.add(network.name || key)
      continue
    }
    const name = network.name || scope(ctx.namespace, key)
    const ipam = network.ipam
    let IPAM: Json = null
    if (ipam?.driver || (ipam?.config && ipam.config.length > 0)) {
      IPAM = {
        Driver: ipam.driver ?? '',
        Options: null,
        Config: ipam.config && ipam.config.length > 0 ? ipam.config.map((c) => jsonObject({ Subnet: c.subnet || undefined })) : null
      }
    }
    // POST /networks/create as the docker client sends it: types.NetworkCreate
    // has no omitempty, so every field is present.
    networks.push({
      name,
      spec: {
        CheckDuplicate: false,
        Driver: network.driver || 'overlay',
        Scope: '',
        EnableIPv6: false,
        IPAM,
        Internal: network.internal ?? false,
        Attachable: network.attachable ?? false,
        Ingress: false,
        ConfigOnly: false,
        ConfigFrom: null,
        Options: network.driver_opts ? sortedMap(network.driver_opts) : null,
        Labels: addStackLabel(ctx.namespace, network.labels),
        Name: name
      }
    })
  }
  networks.sort((a, b) => goCompare(a.name, b.name))
  return { networks, externalNetworks: [...external].sort(goCompare) }
}

/**
 * Networks that have no aliases in swarm: docker's NetworkMode.IsUserDefined
 * is false for these, so the service name is not added as an alias.
 */
function isUserDefined(target: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(target) && !target.startsWith('container:')
}

/** TaskTemplate.Networks: one attachment per network, sorted by target. */
export function convertServiceNetworks(ctx: ConvertContext, service: ServiceConfig, path: string): Json[] | undefined {
  let entries = Object.entries(service.networks ?? {})
  if (entries.length === 0) entries = [[DEFAULT_NETWORK, null]]
  const attachments: { Target: string; Aliases?: string[] }[] = []
  let ok = true
  for (const [key, options] of entries) {
    const network = ctx.config.networks?.[key]
    if (!network && key !== DEFAULT_NETWORK) {
      ctx.error(`${path}.networks.${key}`, t('compose.convert.undefinedNetwork', { service: service.name, name: key }))
      ok = false
      continue
    }
    const target = networkTarget(ctx, key, network)
    const aliases = [...(options?.aliases ?? [])]
    if (isUserDefined(target)) aliases.push(service.name)
    attachments.push(aliases.length > 0 ? { Target: target, Aliases: aliases } : { Target: target })
  }
  if (!ok) return undefined
  goSortSlice(attachments, (a, b) => goCompare(a.Target, b.Target) < 0)
  return attachments
}
