import { describe, expect, it } from 'vitest'
import { mergeConfigs } from '../../src-main/compose/merge'
import type { Config, ServiceConfig } from '../../src-main/compose/model'
import { errors, load, warnings } from './compose-fixture'

const cfg = (file: string, services: ServiceConfig[], top: Partial<Config> = {}): Config => ({
  filename: file,
  filenames: [file],
  version: '3.8',
  services,
  networks: {},
  volumes: {},
  secrets: {},
  configs: {},
  extras: {},
  positions: new Map(),
  ...top
})

const merge = (a: ServiceConfig, b: ServiceConfig): ServiceConfig => mergeConfigs([cfg('a.yml', [a]), cfg('b.yml', [b])]).config.services[0]

describe('merge rules (docker stack deploy -c a -c b)', () => {
  it('non-empty scalars override; empty ones do not clear', () => {
    expect(merge({ name: 's', image: 'a', user: 'u', read_only: true, hostname: 'h' }, { name: 's', image: 'b', user: '', read_only: false })).toEqual({
      name: 's',
      image: 'b',
      user: 'u',
      read_only: true,
      hostname: 'h'
    })
  })

  // docker 20.10 skips zero overrides; newer docker/cli lets 0 win.
  it('replicas: an override wins unless it is 0, as in docker 20.10', () => {
    expect(merge({ name: 's', deploy: { replicas: 3, mode: 'replicated' } }, { name: 's', deploy: { replicas: 0 } }).deploy).toEqual({ replicas: 3, mode: 'replicated' })
    expect(merge({ name: 's', deploy: { replicas: 3 } }, { name: 's', deploy: { replicas: 5 } }).deploy).toEqual({ replicas: 5 })
    expect(merge({ name: 's' }, { name: 's', deploy: { replicas: 0 } }).deploy).toEqual({ replicas: 0 })
  })

  it('lists are appended', () => {
    const m = merge(
      { name: 's', cap_add: ['A'], dns: ['1.1.1.1'], extra_hosts: ['a:1'], deploy: { placement: { constraints: ['node.role == manager'] } } },
      { name: 's', cap_add: ['B'], dns: ['8.8.8.8'], extra_hosts: ['b:2'], deploy: { placement: { constraints: ['node.labels.x == y'] } } }
    )
    expect(m.cap_add).toEqual(['A', 'B'])
    expect(m.dns).toEqual(['1.1.1.1', '8.8.8.8'])
    expect(m.extra_hosts).toEqual(['a:1', 'b:2'])
    expect(m.deploy!.placement!.constraints).toEqual(['node.role == manager', 'node.labels.x == y'])
  })

  // Seen from the real 20.10 CLI: ["sleep","1"] + ["sleep","2"] was sent as
  // ["sleep","1","sleep","2"].
  it('command and entrypoint are appended, as docker 20.10 does', () => {
    const m = merge({ name: 's', command: ['a', 'b'], entrypoint: ['e'] }, { name: 's', command: ['c'] })
    expect(m.command).toEqual(['a', 'b', 'c'])
    expect(m.entrypoint).toEqual(['e'])
  })

  it('ports by published port, secrets and configs by source, sorted; volumes appended in file order', () => {
    const m = merge(
      {
        name: 's',
        ports: [{ target: 443, published: 443, mode: 'ingress', protocol: 'tcp' }, { target: 80, published: 80, mode: 'ingress', protocol: 'tcp' }],
        volumes: [{ type: 'volume', source: 'a', target: '/z' }, { type: 'volume', source: 'b', target: '/a' }],
        secrets: [{ source: 'y' }, { source: 'x', target: 'old' }],
        configs: [{ source: 'c1' }]
      },
      {
        name: 's',
        ports: [{ target: 8080, published: 80, mode: 'host', protocol: 'tcp' }],
        volumes: [{ type: 'bind', source: '/srv', target: '/z' }],
        secrets: [{ source: 'x', target: 'new' }],
        configs: [{ source: 'c0' }]
      }
    )
    expect(m.ports).toEqual([{ target: 8080, published: 80, mode: 'host', protocol: 'tcp' }, { target: 443, published: 443, mode: 'ingress', protocol: 'tcp' }])
    expect(m.volumes).toEqual([
      { type: 'volume', source: 'a', target: '/z' },
      { type: 'volume', source: 'b', target: '/a' },
      { type: 'bind', source: '/srv', target: '/z' }
    ])
    expect(m.secrets).toEqual([{ source: 'x', target: 'new' }, { source: 'y' }])
    expect(m.configs).toEqual([{ source: 'c0' }, { source: 'c1' }])
  })

  it('a list only the override has is taken as is', () => {
    expect(merge({ name: 's' }, { name: 's', secrets: [{ source: 'b' }, { source: 'a' }] }).secrets).toEqual([{ source: 'b' }, { source: 'a' }])
  })

  it('maps merge key by key; environment values are only replaced by non-empty ones', () => {
    const m = merge(
      { name: 's', environment: { A: '1', B: '2', C: null, D: '4' }, labels: { x: '1', y: '2' }, deploy: { labels: { l: 'a' } } },
      { name: 's', environment: { A: 'one', B: '', C: '3', E: null }, labels: { y: '', z: '3' }, deploy: { labels: { m: 'b' } } }
    )
    expect(m.environment).toEqual({ A: 'one', B: '2', C: '3', D: '4', E: null })
    expect(m.labels).toEqual({ x: '1', y: '', z: '3' })
    expect(m.deploy!.labels).toEqual({ l: 'a', m: 'b' })
  })

  it('service networks: aliases from the override, addresses when set, base driver_opts kept', () => {
    const m = merge(
      { name: 's', networks: { a: { aliases: ['x'], ipv4_address: '10.0.0.2', driver_opts: { o: '1' } }, b: null } },
      { name: 's', networks: { a: { ipv6_address: 'fe80::1' }, c: null, b: { aliases: ['y'] } } }
    )
    expect(m.networks).toEqual({ a: { ipv4_address: '10.0.0.2', ipv6_address: 'fe80::1', driver_opts: { o: '1' } }, b: { aliases: ['y'] }, c: null })
  })

  it('logging: same driver merges options, another driver replaces', () => {
    expect(merge({ name: 's', logging: { driver: 'json-file', options: { a: '1' } } }, { name: 's', logging: { options: { b: '2' } } }).logging).toEqual({ driver: 'json-file', options: { a: '1', b: '2' } })
    expect(merge({ name: 's', logging: { driver: 'json-file', options: { a: '1' } } }, { name: 's', logging: { driver: 'syslog' } }).logging).toEqual({ driver: 'syslog' })
  })

  it('deploy and healthcheck merge field by field', () => {
    const m = merge(
      { name: 's', deploy: { resources: { limits: { memory: 100, cpus: '1' } }, restart_policy: { condition: 'any', delay: 5e9 } }, healthcheck: { interval: 1e9, retries: 3 } },
      { name: 's', deploy: { resources: { limits: { memory: 200 } }, restart_policy: { max_attempts: 0 } }, healthcheck: { timeout: 2e9, retries: 0 } }
    )
    expect(m.deploy).toEqual({ resources: { limits: { memory: 200, cpus: '1' } }, restart_policy: { condition: 'any', delay: 5e9, max_attempts: 0 } })
    expect(m.healthcheck).toEqual({ interval: 1e9, timeout: 2e9, retries: 0 })
  })

  it('top-level definitions are replaced whole per name; services sorted; x- from the first file', () => {
    const r = mergeConfigs([
      cfg('a.yml', [{ name: 'web' }, { name: 'db' }], { networks: { n: { driver: 'overlay', attachable: true } }, extras: { 'x-a': 1 } }),
      cfg('b.yml', [{ name: 'api' }], { networks: { n: { external: true, name: 'n' } }, extras: { 'x-b': 2 } })
    ]).config
    expect(r.services.map((s) => s.name)).toEqual(['api', 'db', 'web'])
    expect(r.networks).toEqual({ n: { external: true, name: 'n' } })
    expect(r.extras).toEqual({ 'x-a': 1 })
    expect(r.filenames).toEqual(['a.yml', 'b.yml'])
  })
})

describe('merge through the pipeline', () => {
  it('an overlay adds environment, secrets and deploy labels like the bonfire overlays', () => {
    const r = load(
      {
        'compose.yml': `version: "3.8"
services:
  app:
    image: nginx
    environment:
      - A=1
    secrets: [one]
    deploy:
      labels:
        - traefik.enable=true
secrets:
  one:
    external: true
`,
        'compose.extra.yml': `version: "3.8"
services:
  app:
    environment:
      - B=2
    secrets: [two]
    deploy:
      labels:
        - extra=yes
secrets:
  two:
    external: true
    name: \${STACK_NAME}_two_\${TWO_VERSION:-v1}
`
      },
      'COMPOSE_FILE="compose.yml"\nCOMPOSE_FILE="$COMPOSE_FILE:compose.extra.yml"'
    )
    expect(errors(r.diagnostics)).toEqual([])
    const app = r.config!.services[0]
    expect(app.environment).toEqual({ A: '1', B: '2' })
    expect(app.secrets).toEqual([{ source: 'one' }, { source: 'two' }])
    expect(app.deploy!.labels).toEqual({ 'traefik.enable': 'true', extra: 'yes' })
    expect(r.config!.secrets.two).toEqual({ external: true, name: 'app_example_com_two_v1' })
    // positions follow the file that wrote each key
    expect(r.config!.positions.get('secrets.two')).toEqual({ file: 'compose.extra.yml', line: 11 })
  })

  it('warns where docker appends healthcheck tests', () => {
    const r = load(
      {
        'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: x\n    healthcheck:\n      test: ["CMD", "a"]\n',
        'b.yml': 'version: "3.8"\nservices:\n  app:\n    healthcheck:\n      test: ["CMD", "b"]\n'
      },
      'COMPOSE_FILE=compose.yml:b.yml'
    )
    expect(r.config!.services[0].healthcheck!.test).toEqual(['CMD', 'a', 'CMD', 'b'])
    expect(warnings(r.diagnostics).map((d) => d.message).join()).toMatch(/appends healthcheck.test/)
  })
})
