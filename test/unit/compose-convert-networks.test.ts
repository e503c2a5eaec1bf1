// Networks: which ones stack deploy creates, their create bodies, and the
// service attachments. docker/cli v20.10.24 convert/compose.go Networks,
// convert/service.go convertServiceNetworks, stack/swarm/deploy_composefile.go.
// EMPIRICAL = checked against the body the real docker stack deploy sent.

import { describe, expect, it } from 'vitest'
import { convertStack } from '../../src-main/compose/convert'
import type { NetworkConfig, ServiceConfig } from '../../src-main/compose/model'
import { NS, convertOne, model, recipeDir, taskTemplate } from './compose-convert-helpers'

/** The create body docker sends for a network with nothing set but its name. */
function plainNetwork(name: string, labels: Record<string, string> = {}) {
  return {
    CheckDuplicate: false,
    Driver: 'overlay',
    Scope: '',
    EnableIPv6: false,
    IPAM: null,
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigOnly: false,
    ConfigFrom: null,
    Options: null,
    Labels: { 'com.docker.stack.namespace': NS, ...labels },
    Name: name
  }
}

function stack(services: Partial<ServiceConfig>[], networks: Record<string, NetworkConfig>) {
  return convertStack(
    model({ services: services.map((s, i) => ({ name: `s${i}`, image: 'ccd-busybox:test', ...s })), networks }),
    { namespace: NS, recipeDir: recipeDir() }
  )
}

describe('which networks are created', () => {
  it('"default" when a service lists none (EMPIRICAL)', () => {
    const { objects } = stack([{}], {})
    expect(objects.networks).toEqual([{ name: 'st_default', spec: plainNetwork('st_default') }])
  })

  it('only the networks services use; declared but unused ones are not created', () => {
    const { objects } = stack([{ networks: { front: null } }], { front: {}, unused: {} })
    expect(objects.networks.map((n) => n.name)).toEqual(['st_front'])
  })

  it('"default" as well when one service has networks and another has none', () => {
    const { objects } = stack([{ networks: { front: null } }, {}], { front: {} })
    expect(objects.networks.map((n) => n.name)).toEqual(['st_default', 'st_front'])
  })

  it('a top-level "default" network sets the options of the default network (EMPIRICAL)', () => {
    const { objects } = stack([{}], { default: { driver_opts: { encrypted: '' }, labels: { x: 'z' } } })
    expect(objects.networks[0].spec).toEqual({ ...plainNetwork('st_default', { x: 'z' }), Options: { encrypted: '' } })
  })

  it('external networks are not created, but listed for apply to check (EMPIRICAL)', () => {
    const { objects } = stack([{ networks: { proxy: null } }], { proxy: { external: true, name: 'proxy' } })
    expect(objects.networks).toEqual([])
    expect(objects.externalNetworks).toEqual(['proxy'])
  })

  it('an external network without a name is looked up by its key', () => {
    const { objects } = stack([{ networks: { proxy: null } }], { proxy: { external: true } })
    expect(objects.externalNetworks).toEqual(['proxy'])
  })
})

describe('network create bodies', () => {
  const body = (network: NetworkConfig) => stack([{ networks: { n: null } }], { n: network }).objects.networks[0].spec
  it.each([
    ['attachable, driver_opts, labels, ipam subnet (EMPIRICAL)', { attachable: true, driver_opts: { foo: 'bar' }, labels: { 'n.label': 'nval' }, ipam: { config: [{ subnet: '10.99.0.0/24' }] } }, { Attachable: true, Options: { foo: 'bar' }, Labels: { 'com.docker.stack.namespace': NS, 'n.label': 'nval' }, IPAM: { Driver: '', Options: null, Config: [{ Subnet: '10.99.0.0/24' }] } }],
    ['internal (EMPIRICAL)', { internal: true }, { Internal: true }],
    ['ipam driver alone: Config null (EMPIRICAL)', { ipam: { driver: 'default' } }, { IPAM: { Driver: 'default', Options: null, Config: null } }],
    ['an explicit name is not scoped (EMPIRICAL)', { name: 'shared-net' }, { Name: 'shared-net' }],
    ['a driver is kept', { driver: 'macvlan' }, { Driver: 'macvlan' }],
    ['`driver_opts: {}` is sent as {}', { driver_opts: {} }, { Options: {} }],
    ['an empty ipam block: no IPAM', { ipam: {} }, { IPAM: null }],
    ['an ipam pool without a subnet is sent as {} (EMPIRICAL; the engine then refuses it)', { ipam: { config: [{}] } }, { IPAM: { Driver: '', Options: null, Config: [{}] } }]
  ] as [string, NetworkConfig, Record<string, unknown>][])('%s', (_title, network, expected) => {
    expect(body(network)).toEqual({ ...plainNetwork(network.name ?? 'st_n'), ...expected })
  })
})

describe('service attachments (TaskTemplate.Networks)', () => {
  const networksOf = (service: Partial<ServiceConfig>, networks: Record<string, NetworkConfig>) =>
    taskTemplate(convertOne(service, { networks }).spec).Networks

  it('the service name is an alias after the written ones; sorted by target (EMPIRICAL)', () => {
    expect(networksOf({ networks: { front: { aliases: ['web'] }, back: null } }, { front: {}, back: {} })).toEqual([
      { Target: 'st_back', Aliases: ['app'] },
      { Target: 'st_front', Aliases: ['web', 'app'] }
    ])
  })

  it('targets are the explicit / external names (EMPIRICAL)', () => {
    expect(
      networksOf({ networks: { proxy: null, renamed: null } }, { proxy: { external: true, name: 'ccdconv-proxy' }, renamed: { name: 'ccdconv-renamed' } })
    ).toEqual([
      { Target: 'ccdconv-proxy', Aliases: ['app'] },
      { Target: 'ccdconv-renamed', Aliases: ['app'] }
    ])
  })

  it('no alias on the host network (not user-defined) (EMPIRICAL)', () => {
    expect(networksOf({ networks: { hostnet: null } }, { hostnet: { external: true, name: 'host' } })).toEqual([{ Target: 'host' }])
  })

  it('written aliases keep their order, the service name comes last (EMPIRICAL)', () => {
    expect(networksOf({ networks: { net1: { aliases: ['x', 'z'] } } }, { net1: {} })).toEqual([{ Target: 'st_net1', Aliases: ['x', 'z', 'app'] }])
  })

  it('an empty aliases list gets just the service name (EMPIRICAL)', () => {
    expect(networksOf({ networks: { n: { aliases: [] } } }, { n: {} })).toEqual([{ Target: 'st_n', Aliases: ['app'] }])
  })

  it('sorted byte-wise by target, not by key', () => {
    expect(networksOf({ networks: { b: null, a: null } }, { a: { name: 'zz' }, b: { name: 'Zz' } })).toMatchObject([{ Target: 'Zz' }, { Target: 'zz' }])
  })

  it('an undefined network is an error, and the service is left out', () => {
    const { objects, diagnostics } = convertOne({ networks: { nope: null } })
    expect(diagnostics).toMatchObject([{ severity: 'error', path: 'services.app.networks.nope' }])
    expect(objects.services).toEqual([])
  })

  it('listing "default" explicitly needs no top-level definition', () => {
    expect(networksOf({ networks: { default: null } }, {})).toEqual([{ Target: 'st_default', Aliases: ['app'] }])
  })
})
