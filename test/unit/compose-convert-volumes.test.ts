// Service mounts (docker/cli v20.10.24 convert/volume.go). Mount order is the
// file's. EMPIRICAL = checked against the body docker stack deploy sent.

import { describe, expect, it } from 'vitest'
import type { ServiceVolumeConfig, VolumeConfig } from '../../src-main/compose/model'
import { containerSpec, convertOne } from './compose-convert-helpers'

function mountsOf(volumes: ServiceVolumeConfig[], defs: Record<string, VolumeConfig> = {}) {
  const { spec, diagnostics } = convertOne({ volumes }, { volumes: defs })
  return { mounts: spec ? containerSpec(spec).Mounts : undefined, errors: diagnostics.filter((d) => d.severity === 'error').map((d) => d.path) }
}

describe('mounts', () => {
  it.each([
    [
      'named volume: scoped, stack label, labels and driver config (EMPIRICAL)',
      [{ type: 'volume', source: 'data', target: '/data' }],
      { data: { driver: 'local', driver_opts: { type: 'tmpfs', device: 'tmpfs' }, labels: { 'v.label': 'vval' } } },
      [
        {
          Type: 'volume',
          Source: 'st_data',
          Target: '/data',
          VolumeOptions: {
            Labels: { 'com.docker.stack.namespace': 'st', 'v.label': 'vval' },
            DriverConfig: { Name: 'local', Options: { device: 'tmpfs', type: 'tmpfs' } }
          }
        }
      ]
    ],
    [
      'nocopy, no driver (EMPIRICAL)',
      [{ type: 'volume', source: 'data2', target: '/data2', volume: { nocopy: true } }],
      { data2: {} },
      [{ Type: 'volume', Source: 'st_data2', Target: '/data2', VolumeOptions: { NoCopy: true, Labels: { 'com.docker.stack.namespace': 'st' } } }]
    ],
    ['anonymous volume (EMPIRICAL)', [{ type: 'volume', target: '/anon' }], {}, [{ Type: 'volume', Target: '/anon' }]],
    [
      'an explicit volume name is not scoped (EMPIRICAL)',
      [{ type: 'volume', source: 'named', target: '/named' }],
      { named: { name: 'ccdconv-named-explicit' } },
      [{ Type: 'volume', Source: 'ccdconv-named-explicit', Target: '/named', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'st' } } }]
    ],
    [
      'external volume: its name, empty VolumeOptions (EMPIRICAL)',
      [{ type: 'volume', source: 'ext', target: '/ext' }],
      { ext: { external: true, name: 'ccdconv-extvol' } },
      [{ Type: 'volume', Source: 'ccdconv-extvol', Target: '/ext', VolumeOptions: {} }]
    ],
    ['external volume without a name uses its key (EMPIRICAL)', [{ type: 'volume', source: 'ext', target: '/ext' }], { ext: { external: true } }, [{ Type: 'volume', Source: 'ext', Target: '/ext', VolumeOptions: {} }]],
    [
      '`driver_opts: {}` alone still sends a DriverConfig (EMPIRICAL)',
      [{ type: 'volume', source: 'd', target: '/d' }],
      { d: { driver_opts: {} } },
      [{ Type: 'volume', Source: 'st_d', Target: '/d', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'st' }, DriverConfig: {} } }]
    ],
    ['bind, read only (EMPIRICAL)', [{ type: 'bind', source: '/tmp', target: '/hosttmp', read_only: true }], {}, [{ Type: 'bind', Source: '/tmp', Target: '/hosttmp', ReadOnly: true }]],
    [
      'bind with propagation (EMPIRICAL: `/srv:/srv:rshared`)',
      [{ type: 'bind', source: '/srv', target: '/srv', bind: { propagation: 'rshared' } }],
      {},
      [{ Type: 'bind', Source: '/srv', Target: '/srv', BindOptions: { Propagation: 'rshared' } }]
    ],
    ['consistency is passed through', [{ type: 'bind', source: '/srv', target: '/srv', consistency: 'cached' }], {}, [{ Type: 'bind', Source: '/srv', Target: '/srv', Consistency: 'cached' }]],
    ['tmpfs with size (EMPIRICAL)', [{ type: 'tmpfs', target: '/scratch', tmpfs: { size: 10000 } }], {}, [{ Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 10000 } }]],
    ['tmpfs without options', [{ type: 'tmpfs', target: '/scratch' }], {}, [{ Type: 'tmpfs', Target: '/scratch' }]],
    ['npipe like bind', [{ type: 'npipe', source: '\\\\.\\pipe\\x', target: '\\\\.\\pipe\\x' }], {}, [{ Type: 'npipe', Source: '\\\\.\\pipe\\x', Target: '\\\\.\\pipe\\x' }]]
  ] as [string, ServiceVolumeConfig[], Record<string, VolumeConfig>, unknown[]][])('%s', (_title, volumes, defs, expected) => {
    expect(mountsOf(volumes, defs)).toEqual({ mounts: expected, errors: [] })
  })

  it('keep the order of the file (EMPIRICAL)', () => {
    const { mounts } = mountsOf([
      { type: 'volume', source: 'b', target: '/b' },
      { type: 'bind', source: '/a', target: '/a' },
      { type: 'volume', source: 'a', target: '/aa' }
    ], { a: {}, b: {} })
    expect((mounts as { Target: string }[]).map((m) => m.Target)).toEqual(['/b', '/a', '/aa'])
  })

  it('no volumes: no Mounts', () => {
    expect(mountsOf([]).mounts).toBeUndefined()
  })

  it('tmpfs.mode is not passed on by 20.10 (warning)', () => {
    const { spec, diagnostics } = convertOne({ volumes: [{ type: 'tmpfs', target: '/t', tmpfs: { size: 1, mode: 0o1777 } }] })
    expect(containerSpec(spec).Mounts).toEqual([{ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1 } }])
    expect(diagnostics).toMatchObject([{ severity: 'warning', path: 'services.app.volumes./t.tmpfs.mode' }])
  })
})

describe('mount errors', () => {
  it.each([
    ['an undefined named volume', { type: 'volume', source: 'nope', target: '/x' }],
    ['tmpfs options on a volume', { type: 'volume', source: 'v', target: '/x', tmpfs: { size: 1 } }],
    ['bind options on a volume', { type: 'volume', source: 'v', target: '/x', bind: { propagation: 'rshared' } }],
    ['a bind without a source', { type: 'bind', target: '/x' }],
    ['volume options on a bind', { type: 'bind', source: '/x', target: '/x', volume: { nocopy: true } }],
    ['a tmpfs with a source', { type: 'tmpfs', source: '/x', target: '/x' }],
    ['a cluster volume (not in 20.10)', { type: 'cluster', source: 'v', target: '/x' }]
  ] as [string, ServiceVolumeConfig][])('%s', (_title, volume) => {
    expect(mountsOf([volume], { v: {} }).errors).toEqual(['services.app.volumes./x'])
  })
})
