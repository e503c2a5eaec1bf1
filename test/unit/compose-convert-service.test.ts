// Service fields, one case per converted field and edge case. Expectations
// follow docker/cli v20.10.24 cli/compose/convert/service.go; cases marked
// EMPIRICAL were checked against the body the real `docker stack deploy`
// (/usr/bin/docker, Debian docker.io 20.10.24) sent to the engine.

import { describe, expect, it } from 'vitest'
import type { ServiceConfig } from '../../src-main/compose/model'
import type { Json } from '../../src-main/compose/objects'
import { bareServiceSpec, containerSpec, convertOne, taskTemplate } from './compose-convert-helpers'

type Case = [title: string, service: Partial<ServiceConfig>, expected: Record<string, Json | undefined>]

/** Expected ContainerSpec fields, next to the bare ones. */
function expectContainer(cases: Case[]): void {
  it.each(cases)('%s', (_title, service, expected) => {
    const { spec, diagnostics } = convertOne(service)
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const actual = containerSpec(spec)
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(actual, key).not.toHaveProperty(key)
      else expect(actual[key], key).toEqual(value)
    }
  })
}

/** Expected TaskTemplate / ServiceSpec fields. */
function expectSpec(where: 'task' | 'service', cases: Case[]): void {
  it.each(cases)('%s', (_title, service, expected) => {
    const { spec, diagnostics } = convertOne(service)
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const actual = where === 'task' ? taskTemplate(spec) : (spec as Record<string, Json>)
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(actual, key).not.toHaveProperty(key)
      else expect(actual[key], key).toEqual(value)
    }
  })
}

function errorsOf(service: Partial<ServiceConfig>): string[] {
  return convertOne(service)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.path ?? '')
}

describe('a bare service', () => {
  it('is sent with the fields docker always fills in (EMPIRICAL)', () => {
    expect(convertOne({}).spec).toEqual(bareServiceSpec())
  })
})

describe('image', () => {
  expectContainer([
    ['adds :latest to a bare name; the label keeps the written image (EMPIRICAL)', { image: 'busybox' }, { Image: 'busybox:latest' }],
    ['shortens docker.io/library/ (EMPIRICAL)', { image: 'docker.io/library/busybox:1.36' }, { Image: 'busybox:1.36' }],
    ['keeps another registry, adds :latest (EMPIRICAL)', { image: 'ghcr.io/foo/bar' }, { Image: 'ghcr.io/foo/bar:latest' }],
    ['keeps a tag', { image: 'traefik:v2.4.8' }, { Image: 'traefik:v2.4.8' }],
    [
      'keeps a digest without adding a tag (EMPIRICAL)',
      { image: 'busybox@sha256:' + 'a'.repeat(64) },
      { Image: 'busybox@sha256:' + 'a'.repeat(64) }
    ],
    ['sends an unparsable reference unchanged (EMPIRICAL; the engine then refuses it)', { image: 'Bad/Image' }, { Image: 'Bad/Image' }]
  ])

  it('puts the image as written in the com.docker.stack.image service label (EMPIRICAL)', () => {
    const { spec } = convertOne({ image: 'busybox' })
    expect(spec?.Labels).toEqual({ 'com.docker.stack.image': 'busybox', 'com.docker.stack.namespace': 'st' })
  })

  it('is an error when missing (docker cannot build)', () => {
    expect(errorsOf({ image: undefined })).toEqual(['services.app'])
  })
})

describe('command and entrypoint', () => {
  expectContainer([
    ['entrypoint → Command, command → Args (EMPIRICAL)', { entrypoint: ['/bin/sh'], command: ['sh', '-c', 'sleep 1'] }, { Command: ['/bin/sh'], Args: ['sh', '-c', 'sleep 1'] }],
    ['empty lists are not sent (EMPIRICAL: `command: []`, `entrypoint: ""`)', { command: [], entrypoint: [] }, { Command: undefined, Args: undefined }],
  ])
})

describe('environment', () => {
  expectContainer([
    [
      'K=V, K= for empty, bare K for unset; sorted (EMPIRICAL)',
      { environment: { ZED: 'z', ALPHA: '1', EMPTY: '', UNSET: null } },
      { Env: ['ALPHA=1', 'EMPTY=', 'UNSET', 'ZED=z'] }
    ],
    ['sorted byte-wise like Go (upper case before "_" before lower case) (EMPIRICAL)', { environment: { a: '1', B: '2', _c: '3', A_B: '4', AB: '5' } }, { Env: ['AB=5', 'A_B=4', 'B=2', '_c=3', 'a=1'] }],
    ['keeps "=" inside values', { environment: { URL: 'a=b=c' } }, { Env: ['URL=a=b=c'] }],
    ['an empty environment is not sent (EMPIRICAL: `environment: []`)', { environment: {} }, { Env: undefined }]
  ])
})

describe('plain container fields', () => {
  expectContainer([
    ['hostname (EMPIRICAL)', { hostname: 'myhost' }, { Hostname: 'myhost' }],
    ['user (EMPIRICAL)', { user: '1000:1000' }, { User: '1000:1000' }],
    ['working_dir → Dir (EMPIRICAL)', { working_dir: '/tmp' }, { Dir: '/tmp' }],
    ['stop_signal (EMPIRICAL)', { stop_signal: 'SIGTERM' }, { StopSignal: 'SIGTERM' }],
    ['stop_grace_period in ns: 1m30s (EMPIRICAL)', { stop_grace_period: 90e9 }, { StopGracePeriod: 90000000000 }],
    ['stop_grace_period 0s is still sent (a pointer in Go) (EMPIRICAL)', { stop_grace_period: 0 }, { StopGracePeriod: 0 }],
    ['tty, stdin_open → OpenStdin, read_only (EMPIRICAL)', { tty: true, stdin_open: true, read_only: true }, { TTY: true, OpenStdin: true, ReadOnly: true }],
    ['false booleans are not sent', { tty: false, stdin_open: false, read_only: false }, { TTY: undefined, OpenStdin: undefined, ReadOnly: undefined }],
    ['init: true (EMPIRICAL)', { init: true }, { Init: true }],
    ['init: false is sent (a pointer in Go) (EMPIRICAL)', { init: false }, { Init: false }],
    ['isolation (EMPIRICAL)', { isolation: 'default' }, { Isolation: 'default' }],
    ['sysctls (EMPIRICAL)', { sysctls: { 'net.core.somaxconn': '1024' } }, { Sysctls: { 'net.core.somaxconn': '1024' } }],
    ['empty sysctls are not sent', { sysctls: {} }, { Sysctls: undefined }]
  ])
})

describe('labels', () => {
  it('container labels go on the ContainerSpec, deploy.labels on the service (EMPIRICAL)', () => {
    const { spec } = convertOne({ labels: { 'c.label': 'c' }, deploy: { labels: { 'd.label': 'd' } } })
    expect(containerSpec(spec).Labels).toEqual({ 'c.label': 'c', 'com.docker.stack.namespace': 'st' })
    expect(spec?.Labels).toEqual({ 'com.docker.stack.image': 'ccd-busybox:test', 'com.docker.stack.namespace': 'st', 'd.label': 'd' })
  })

  it('the stack labels win over labels of the same name', () => {
    const { spec } = convertOne({
      labels: { 'com.docker.stack.namespace': 'x' },
      deploy: { labels: { 'com.docker.stack.namespace': 'x', 'com.docker.stack.image': 'y' } }
    })
    expect(containerSpec(spec).Labels).toEqual({ 'com.docker.stack.namespace': 'st' })
    expect(spec?.Labels).toEqual({ 'com.docker.stack.image': 'ccd-busybox:test', 'com.docker.stack.namespace': 'st' })
  })

  it('label keys are sorted like Go writes a map', () => {
    const { spec } = convertOne({ deploy: { labels: { z: '1', 'a.b': '2', A: '3' } } })
    expect(Object.keys(spec?.Labels as object)).toEqual(['A', 'a.b', 'com.docker.stack.image', 'com.docker.stack.namespace', 'z'])
  })
})

describe('extra_hosts and DNS', () => {
  expectContainer([
    [
      'host:ip → "ip host", order kept (EMPIRICAL)',
      { extra_hosts: ['somehost:162.242.195.82', 'otherhost:50.31.209.229'] },
      { Hosts: ['162.242.195.82 somehost', '50.31.209.229 otherhost'] }
    ],
    ['IPv6: split at the first colon (EMPIRICAL)', { extra_hosts: ['v6host:::1'] }, { Hosts: ['::1 v6host'] }],
    ['dns and dns_search → DNSConfig (EMPIRICAL)', { dns: ['8.8.8.8', '1.1.1.1'], dns_search: ['example.com'] }, { DNSConfig: { Nameservers: ['8.8.8.8', '1.1.1.1'], Search: ['example.com'] } }],
    ['dns alone', { dns: ['8.8.8.8'] }, { DNSConfig: { Nameservers: ['8.8.8.8'] } }],
    ['`dns: []` still sends an empty DNSConfig (EMPIRICAL)', { dns: [] }, { DNSConfig: {} }],
    ['no dns: no DNSConfig', {}, { DNSConfig: undefined }]
  ])
})

describe('capabilities (CapabilityAdd / CapabilityDrop, API 1.41)', () => {
  expectContainer([
    ['normalized to CAP_ upper case and sorted; ALL kept (EMPIRICAL)', { cap_add: ['net_admin', 'SYS_ADMIN'], cap_drop: ['ALL'] }, { CapabilityAdd: ['CAP_NET_ADMIN', 'CAP_SYS_ADMIN'], CapabilityDrop: ['ALL'] }],
    ['an added capability is not dropped', { cap_add: ['chown'], cap_drop: ['CAP_CHOWN', 'kill'] }, { CapabilityAdd: ['CAP_CHOWN'], CapabilityDrop: ['CAP_KILL'] }],
    ['ALL in cap_add replaces the others, and does not cancel drops (EMPIRICAL)', { cap_add: ['chown', 'all'], cap_drop: ['CAP_CHOWN', 'kill'] }, { CapabilityAdd: ['ALL'], CapabilityDrop: ['CAP_CHOWN', 'CAP_KILL'] }],
    ['duplicates removed', { cap_add: ['chown', 'CAP_CHOWN', ' Chown '] }, { CapabilityAdd: ['CAP_CHOWN'] }],
    ['RESET is dropped on create (EMPIRICAL)', { cap_add: ['RESET'], cap_drop: ['reset'] }, { CapabilityAdd: undefined, CapabilityDrop: undefined }]
  ])
})

describe('ulimits', () => {
  expectContainer([
    [
      'sorted by name; a single value is both soft and hard (EMPIRICAL)',
      { ulimits: { nproc: { single: 65535 }, nofile: { soft: 20000, hard: 40000 } } },
      {
        Ulimits: [
          { Name: 'nofile', Hard: 40000, Soft: 20000 },
          { Name: 'nproc', Hard: 65535, Soft: 65535 }
        ]
      }
    ]
  ])
})

describe('healthcheck', () => {
  expectContainer([
    [
      'test and durations in ns (EMPIRICAL)',
      { healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost'], interval: 30e9, timeout: 10e9, retries: 3, start_period: 40e9 } },
      { Healthcheck: { Test: ['CMD-SHELL', 'curl -f http://localhost'], Interval: 30e9, Timeout: 10e9, StartPeriod: 40e9, Retries: 3 } }
    ],
    ['test alone (EMPIRICAL)', { healthcheck: { test: ['CMD', 'true'] } }, { Healthcheck: { Test: ['CMD', 'true'] } }],
    ['disable → Test NONE only (EMPIRICAL)', { healthcheck: { disable: true, interval: 5e9 } }, { Healthcheck: { Test: ['NONE'] } }],
    ['disable with the normalized NONE test', { healthcheck: { disable: true, test: ['NONE'] } }, { Healthcheck: { Test: ['NONE'] } }],
    ['test: [NONE] keeps its durations (EMPIRICAL)', { healthcheck: { test: ['NONE'], interval: 5e9 } }, { Healthcheck: { Test: ['NONE'], Interval: 5e9 } }],
    ['`healthcheck: {}` is sent as {} (EMPIRICAL)', { healthcheck: {} }, { Healthcheck: {} }],
    ['zero durations and retries are not sent', { healthcheck: { test: ['CMD', 'x'], interval: 0, retries: 0 } }, { Healthcheck: { Test: ['CMD', 'x'] } }]
  ])

  it('test and disable together are an error', () => {
    expect(errorsOf({ healthcheck: { disable: true, test: ['CMD', 'true'] } })).toEqual(['services.app.healthcheck'])
  })
})

describe('logging', () => {
  expectSpec('task', [
    ['driver and options → LogDriver (EMPIRICAL)', { logging: { driver: 'json-file', options: { 'max-size': '10m' } } }, { LogDriver: { Name: 'json-file', Options: { 'max-size': '10m' } } }],
    ['options without a driver (EMPIRICAL)', { logging: { options: { a: 'b' } } }, { LogDriver: { Options: { a: 'b' } } }],
    ['driver without options (EMPIRICAL)', { logging: { driver: 'none' } }, { LogDriver: { Name: 'none' } }],
    ['no logging: no LogDriver', {}, { LogDriver: undefined }]
  ])
})

describe('ports → EndpointSpec', () => {
  expectSpec('service', [
    [
      'sorted by published port; target-only ports publish 0 (EMPIRICAL)',
      {
        ports: [
          { mode: 'ingress', target: 80, published: 8080, protocol: 'tcp' },
          { mode: 'ingress', target: 9000, published: 9000, protocol: 'udp' },
          { target: 443, published: 8443, mode: 'host' },
          { mode: 'ingress', target: 7000, protocol: 'tcp' }
        ]
      },
      {
        EndpointSpec: {
          Ports: [
            { Protocol: 'tcp', TargetPort: 7000, PublishMode: 'ingress' },
            { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
            { TargetPort: 443, PublishedPort: 8443, PublishMode: 'host' },
            { Protocol: 'udp', TargetPort: 9000, PublishedPort: 9000, PublishMode: 'ingress' }
          ]
        }
      }
    ],
    ['endpoint_mode dnsrr (EMPIRICAL)', { deploy: { endpoint_mode: 'dnsrr' } }, { EndpointSpec: { Mode: 'dnsrr' } }],
    ['endpoint_mode is lower-cased (EMPIRICAL)', { deploy: { endpoint_mode: 'VIP' } }, { EndpointSpec: { Mode: 'vip' } }],
    ['no ports, no mode: an empty EndpointSpec (EMPIRICAL)', {}, { EndpointSpec: {} }]
  ])

  it('keeps Go sort.Slice order for equal published ports beyond 12 ports (EMPIRICAL, 19 and 81 ports)', () => {
    // Go's sort.Slice is pdqsort, not stable; these orders are what docker sent.
    const short = ['7005', '8003:8003/udp', '7001', '8001:8001', '7003', '8003:8003', '7002', '7004', '8002:8002', '7006', '7007', '8001:8001/udp', '7008', '7009', '7010', '7011', '9000:9000', '7012', '7013']
    expect(sortedTargets(short)).toEqual([7008, 7009, 7006, 7012, 7003, 7011, 7002, 7004, 7001, 7013, 7010, 7007, 7005, 8001, 8001, 8002, 8003, 8003, 9000])
    expect(sortedProtocols(short).slice(13, 15)).toEqual(['udp', 'tcp'])
    // 81 ports: long enough for pdqsort to break patterns (go1.19 xorshift 13/17/5).
    const long = ['7032', '7000', '7044', '7024', '7049', '7005', '7020', '7039', '8009:8009', '7042', '7029', '7016', '7028', '7033', '7048', '9002:9008', '7038', '8001:8001', '7047', '7010', '7013', '8011:8011', '7021', '7015', '7031', '9000:9006', '7001', '7043', '9001:9001', '7022', '7017', '7054', '7023', '9002:9002', '9002:9005', '8003:8003', '7045', '9001:9007', '7051', '7057', '7034', '9001:9004', '7026', '7018', '8005:8005', '8002:8002', '7002', '7056', '7059', '7025', '8006:8006', '7058', '8000:8000', '7037', '8007:8007', '7040', '7014', '9000:9000', '7036', '7052', '7003', '8010:8010', '7035', '9000:9003', '7030', '7008', '7053', '7055', '7011', '7004', '7027', '8004:8004', '7007', '7046', '7012', '8008:8008', '7009', '7006', '7050', '7019', '7041']
    expect(sortedTargets(long)).toEqual([7034, 7047, 7044, 7024, 7049, 7005, 7020, 7039, 7042, 7029, 7016, 7028, 7033, 7048, 7038, 7026, 7010, 7013, 7021, 7041, 7019, 7015, 7031, 7050, 7006, 7001, 7043, 7009, 7022, 7017, 7054, 7023, 7012, 7046, 7007, 7027, 7045, 7004, 7032, 7057, 7051, 7011, 7000, 7018, 7055, 7053, 7002, 7056, 7059, 7025, 7008, 7058, 7030, 7037, 7035, 7040, 7014, 7003, 7036, 7052, 8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009, 8010, 8011, 9003, 9000, 9006, 9004, 9001, 9007, 9008, 9005, 9002])
  })
})

/** Short-syntax ports as normalize expands them. */
function shortPorts(list: string[]): ServiceConfig['ports'] {
  return list.map((s) => {
    const [spec, protocol = 'tcp'] = s.split('/')
    const [a, b] = spec.split(':')
    return b === undefined ? { mode: 'ingress', target: +a, protocol } : { mode: 'ingress', target: +b, published: +a, protocol }
  })
}

function sortedPorts(list: string[]): { TargetPort: number; Protocol: string }[] {
  return (convertOne({ ports: shortPorts(list) }).spec?.EndpointSpec as { Ports: { TargetPort: number; Protocol: string }[] }).Ports
}
const sortedTargets = (list: string[]): number[] => sortedPorts(list).map((p) => p.TargetPort)
const sortedProtocols = (list: string[]): string[] => sortedPorts(list).map((p) => p.Protocol)

describe('deploy mode', () => {
  expectSpec('service', [
    ['replicated without replicas (EMPIRICAL)', {}, { Mode: { Replicated: {} } }],
    ['replicas: 0 is sent (EMPIRICAL)', { deploy: { mode: 'replicated', replicas: 0 } }, { Mode: { Replicated: { Replicas: 0 } } }],
    ['replicas: 2 (EMPIRICAL)', { deploy: { replicas: 2 } }, { Mode: { Replicated: { Replicas: 2 } } }],
    ['global (EMPIRICAL)', { deploy: { mode: 'global' } }, { Mode: { Global: {} } }]
  ])

  it('global with replicas is an error', () => {
    expect(errorsOf({ deploy: { mode: 'global', replicas: 1 } })).toEqual(['services.app.deploy.replicas'])
  })

  it('job modes are an error (20.10 stack deploy does not know them)', () => {
    expect(errorsOf({ deploy: { mode: 'replicated-job' } })).toEqual(['services.app.deploy.mode'])
  })
})

describe('resources', () => {
  expectSpec('task', [
    [
      'limits and reservations: NanoCPUs, MemoryBytes, Pids (EMPIRICAL)',
      { deploy: { resources: { limits: { cpus: '0.5', memory: 52428800, pids: 100 }, reservations: { cpus: '0.25', memory: 20971520 } } } },
      { Resources: { Limits: { NanoCPUs: 500000000, MemoryBytes: 52428800, Pids: 100 }, Reservations: { NanoCPUs: 250000000, MemoryBytes: 20971520 } } }
    ],
    ['`limits: {}` is sent as {} (EMPIRICAL)', { deploy: { resources: { limits: {} } } }, { Resources: { Limits: {} } }],
    [
      'generic resources (EMPIRICAL)',
      { deploy: { resources: { reservations: { generic_resources: [{ discrete_resource_spec: { kind: 'gpu', value: 2 } }] } } } },
      { Resources: { Reservations: { GenericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 2 } }] } } }
    ],
    ['cpus as a fraction or with an exponent (big.Rat) (EMPIRICAL)', { deploy: { resources: { limits: { cpus: '1/4' }, reservations: { cpus: '1.5e-1' } } } }, { Resources: { Limits: { NanoCPUs: 250000000 }, Reservations: { NanoCPUs: 150000000 } } }],
    ['whole cpus', { deploy: { resources: { limits: { cpus: '2' } } } }, { Resources: { Limits: { NanoCPUs: 2000000000 } } }],
    ['no resources: {} (EMPIRICAL)', {}, { Resources: {} }]
  ])

  it('cpus finer than 1e-9 or not a number are errors', () => {
    expect(errorsOf({ deploy: { resources: { limits: { cpus: '0.0000000001' } } } })).toEqual(['services.app.deploy.resources.limits.cpus'])
    expect(errorsOf({ deploy: { resources: { reservations: { cpus: 'lots' } } } })).toEqual(['services.app.deploy.resources.reservations.cpus'])
  })
})

describe('restart policy', () => {
  expectSpec('task', [
    [
      'deploy.restart_policy, durations in ns (EMPIRICAL)',
      { deploy: { restart_policy: { condition: 'on-failure', delay: 5e9, max_attempts: 3, window: 120e9 } } },
      { RestartPolicy: { Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3, Window: 120e9 } }
    ],
    ['`restart_policy: {}` is sent as {} and beats `restart` (EMPIRICAL)', { deploy: { restart_policy: {} }, ignored: { restart: 'no' } }, { RestartPolicy: {} }],
    ['max_attempts 0 and delay 0 are sent (pointers in Go) (EMPIRICAL)', { deploy: { restart_policy: { max_attempts: 0, delay: 0 } } }, { RestartPolicy: { Delay: 0, MaxAttempts: 0 } }],
    ['service-level restart: always → any (EMPIRICAL; docker warns it ignores `restart`, yet uses it)', { ignored: { restart: 'always' } }, { RestartPolicy: { Condition: 'any' } }],
    ['restart: unless-stopped → any', { ignored: { restart: 'unless-stopped' } }, { RestartPolicy: { Condition: 'any' } }],
    ['restart: on-failure:3 (EMPIRICAL)', { ignored: { restart: 'on-failure:3' } }, { RestartPolicy: { Condition: 'on-failure', MaxAttempts: 3 } }],
    ['restart: on-failure → MaxAttempts 0 (EMPIRICAL)', { ignored: { restart: 'on-failure' } }, { RestartPolicy: { Condition: 'on-failure', MaxAttempts: 0 } }],
    ['restart: "no" → none sent', { ignored: { restart: 'no' } }, { RestartPolicy: undefined }],
    ['nothing → none sent (EMPIRICAL)', {}, { RestartPolicy: undefined }]
  ])

  it('an unknown restart value is an error', () => {
    expect(errorsOf({ ignored: { restart: 'sometimes' } })).toEqual(['services.app.restart'])
    expect(errorsOf({ ignored: { restart: 'on-failure:x' } })).toEqual(['services.app.restart'])
  })
})

describe('update_config and rollback_config', () => {
  expectSpec('service', [
    [
      'all fields, durations in ns (EMPIRICAL)',
      { deploy: { update_config: { parallelism: 2, delay: 10e9, failure_action: 'rollback', monitor: 60e9, max_failure_ratio: 0.3, order: 'start-first' } } },
      { UpdateConfig: { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 60e9, MaxFailureRatio: 0.3, Order: 'start-first' } }
    ],
    ['`{}`: Parallelism 1, MaxFailureRatio and Order always sent (EMPIRICAL)', { deploy: { update_config: {} } }, { UpdateConfig: { Parallelism: 1, MaxFailureRatio: 0, Order: '' } }],
    ['rollback_config with parallelism 0 (EMPIRICAL)', { deploy: { rollback_config: { parallelism: 0 } } }, { RollbackConfig: { Parallelism: 0, MaxFailureRatio: 0, Order: '' } }],
    ['absent: not sent (EMPIRICAL)', {}, { UpdateConfig: undefined, RollbackConfig: undefined }]
  ])
})

describe('placement', () => {
  expectSpec('task', [
    [
      'constraints, spread preferences, max_replicas_per_node (EMPIRICAL)',
      { deploy: { placement: { constraints: ['node.role == manager'], preferences: [{ spread: 'node.labels.zone' }], max_replicas_per_node: 2 } } },
      { Placement: { Constraints: ['node.role == manager'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }], MaxReplicas: 2 } }
    ],
    ['empty constraints: Placement {} (EMPIRICAL)', { deploy: { placement: { constraints: [] } } }, { Placement: {} }]
  ])
})

describe('credential_spec', () => {
  expectContainer([
    ['registry (EMPIRICAL)', { credential_spec: { registry: 'myreg' } }, { Privileges: { CredentialSpec: { Config: '', File: '', Registry: 'myreg' }, SELinuxContext: null } }],
    ['file', { credential_spec: { file: 'spec.json' } }, { Privileges: { CredentialSpec: { Config: '', File: 'spec.json', Registry: '' }, SELinuxContext: null } }],
    ['empty: none', { credential_spec: {} }, { Privileges: { CredentialSpec: null, SELinuxContext: null } }]
  ])

  it('a config credential spec names the config and adds a Runtime reference (apply swaps in the ID)', () => {
    const { spec, diagnostics } = convertOne({ credential_spec: { config: 'cred' } }, { configs: { cred: { external: true, name: 'my-cred' } } })
    expect(diagnostics).toEqual([])
    expect(containerSpec(spec).Privileges).toEqual({ CredentialSpec: { Config: 'my-cred', File: '', Registry: '' }, SELinuxContext: null })
    expect(containerSpec(spec).Configs).toEqual([{ Runtime: {}, ConfigName: 'my-cred' }])
  })

  it('the Runtime reference sorts among the file references by name, after a file reference to the same config (EMPIRICAL)', () => {
    const { spec } = convertOne(
      { credential_spec: { config: 'cred' }, configs: [{ source: 'empty' }, { source: 'cred' }] },
      { configs: { empty: { external: true, name: 'st_empty' }, cred: { external: true, name: 'st_cred' } } }
    )
    expect(containerSpec(spec).Configs).toEqual([
      { File: { Name: 'cred', UID: '0', GID: '0', Mode: 292 }, ConfigName: 'st_cred' },
      { Runtime: {}, ConfigName: 'st_cred' },
      { File: { Name: 'empty', UID: '0', GID: '0', Mode: 292 }, ConfigName: 'st_empty' }
    ])
  })

  it('two kinds at once are an error', () => {
    expect(errorsOf({ credential_spec: { file: 'a', registry: 'b' } })).toEqual(['services.app.credential_spec'])
  })
})

describe('keys docker 20.10 drops silently', () => {
  it('service-level tmpfs: no mount, and a warning (EMPIRICAL: docker sent no mount for `tmpfs: [/run]`)', () => {
    const { spec, diagnostics } = convertOne({ tmpfs: ['/run'] })
    expect(containerSpec(spec)).not.toHaveProperty('Mounts')
    expect(diagnostics).toMatchObject([{ severity: 'warning', path: 'services.app.tmpfs' }])
  })

  it('per-service network driver_opts and static addresses: warnings', () => {
    const { diagnostics } = convertOne({ networks: { n: { ipv4_address: '10.0.0.2', driver_opts: { a: 'b' } } } }, { networks: { n: {} } })
    expect(diagnostics.map((d) => d.path)).toEqual(['services.app.networks.n.ipv4_address', 'services.app.networks.n.driver_opts'])
  })
})

describe('diagnostics', () => {
  it('name the file and line of the key when normalize recorded it', () => {
    const { diagnostics } = convertOne(
      { deploy: { mode: 'global', replicas: 2 } },
      { positions: new Map([['services.app.deploy.replicas', { file: 'compose.app.yml', line: 12 }]]) }
    )
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        file: 'compose.app.yml',
        line: 12,
        path: 'services.app.deploy.replicas',
        message: 'compose.app.yml line 12: `replicas` can only be used with `mode: replicated`.'
      }
    ])
  })

  it('a service with errors is left out of the objects', () => {
    const { objects } = convertOne({ deploy: { mode: 'global', replicas: 2 } })
    expect(objects.services).toEqual([])
  })
})
