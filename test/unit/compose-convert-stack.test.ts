// A whole stack against what the real `docker stack deploy` sent.
//
// EMPIRICAL: fixtures/compose-convert/t1-docker-20.10.24.json holds the
// request bodies /usr/bin/docker (Debian docker.io 20.10.24) POSTed to the
// engine for `docker stack deploy --resolve-image never -c t1-compose.yml
// ccdconv-t1`, captured by a logging proxy on the docker socket (SecretID /
// ConfigID removed: apply fills those). The model below is t1-compose.yml as
// normalize hands it to convert. The comparison is on the serialized JSON, so
// it checks key order (Go struct order, sorted maps) as well as values.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { convertStack } from '../../src-main/compose/convert'
import type { Config } from '../../src-main/compose/model'
import { model } from './compose-convert-helpers'

const fixtures = join(__dirname, 'fixtures', 'compose-convert')
const docker = JSON.parse(readFileSync(join(fixtures, 't1-docker-20.10.24.json'), 'utf8'))

// t1-compose.yml, normalized.
const t1: Config = model({
  version: '3.9',
  services: [
    {
      name: 'app',
      image: 'ccd-busybox:test',
      command: ['sh', '-c', 'sleep 1000'],
      entrypoint: ['/bin/sh'],
      environment: { ZED: 'z', ALPHA: '1', EMPTY: '', UNSET: null },
      labels: { 'c.label': 'cval' },
      hostname: 'myhost',
      user: '1000:1000',
      working_dir: '/tmp',
      stop_signal: 'SIGTERM',
      stop_grace_period: 90e9,
      tty: true,
      stdin_open: true,
      read_only: true,
      init: true,
      extra_hosts: ['somehost:162.242.195.82', 'otherhost:50.31.209.229'],
      dns: ['8.8.8.8', '1.1.1.1'],
      dns_search: ['example.com'],
      cap_add: ['net_admin', 'SYS_ADMIN'],
      cap_drop: ['ALL'],
      sysctls: { 'net.core.somaxconn': '1024' },
      ulimits: { nproc: { single: 65535 }, nofile: { soft: 20000, hard: 40000 } },
      logging: { driver: 'json-file', options: { 'max-size': '10m' } },
      ports: [
        { mode: 'ingress', target: 80, published: 8080, protocol: 'tcp' },
        { mode: 'ingress', target: 9000, published: 9000, protocol: 'udp' },
        { mode: 'ingress', target: 9001, published: 9001, protocol: 'udp' },
        { target: 443, published: 8443, mode: 'host' },
        { mode: 'ingress', target: 7000, protocol: 'tcp' }
      ],
      healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost'], interval: 30e9, timeout: 10e9, retries: 3, start_period: 40e9 },
      volumes: [
        { type: 'volume', source: 'data', target: '/data' },
        { type: 'bind', source: '/tmp', target: '/hosttmp', read_only: true },
        { type: 'tmpfs', target: '/scratch', tmpfs: { size: 10000 } },
        { type: 'volume', target: '/anon' },
        { type: 'volume', source: 'data2', target: '/data2', volume: { nocopy: true } }
      ],
      tmpfs: ['/run'],
      secrets: [{ source: 'sec' }, { source: 'sec', target: '/etc/other', uid: '100', gid: '101', mode: 0o400 }],
      configs: [{ source: 'cfg' }],
      networks: { front: { aliases: ['web'] }, back: null },
      deploy: {
        mode: 'replicated',
        replicas: 0,
        labels: { 'd.label': 'dval' },
        resources: { limits: { cpus: '0.5', memory: 50 * 1024 * 1024, pids: 100 }, reservations: { cpus: '0.25', memory: 20 * 1024 * 1024 } },
        restart_policy: { condition: 'on-failure', delay: 5e9, max_attempts: 3, window: 120e9 },
        update_config: { parallelism: 2, delay: 10e9, failure_action: 'rollback', monitor: 60e9, max_failure_ratio: 0.3, order: 'start-first' },
        rollback_config: { parallelism: 0 },
        placement: { constraints: ['node.role == manager'], preferences: [{ spread: 'node.labels.zone' }], max_replicas_per_node: 2 },
        endpoint_mode: 'vip'
      }
    },
    { name: 'other', image: 'ccd-busybox:test', deploy: { mode: 'global' } }
  ],
  volumes: { data: { driver: 'local', driver_opts: { type: 'tmpfs', device: 'tmpfs' }, labels: { 'v.label': 'vval' } }, data2: {} },
  networks: {
    front: { attachable: true, driver_opts: { foo: 'bar' }, labels: { 'n.label': 'nval' }, ipam: { config: [{ subnet: '10.99.0.0/24' }] } },
    back: { internal: true }
  },
  configs: { cfg: { file: join(fixtures, 'cfg.txt'), labels: { 'cf.label': 'cfval' } } },
  secrets: { sec: { file: join(fixtures, 'sec.txt'), template_driver: 'golang' } }
})

describe('convertStack against docker stack deploy 20.10.24 (t1)', () => {
  const { objects, diagnostics } = convertStack(t1, { namespace: 'ccdconv-t1', recipeDir: fixtures })

  it('sends the same network bodies', () => {
    expect(JSON.stringify(objects.networks.map((n) => n.spec))).toBe(JSON.stringify(docker.networks))
  })

  it('sends the same secret and config bodies', () => {
    expect(JSON.stringify(objects.secrets.map((s) => s.spec))).toBe(JSON.stringify(docker.secrets))
    expect(JSON.stringify(objects.configs.map((c) => c.spec))).toBe(JSON.stringify(docker.configs))
  })

  it('sends the same service bodies, key order included', () => {
    expect(objects.services.map((s) => s.name)).toEqual(['ccdconv-t1_app', 'ccdconv-t1_other'])
    expect(objects.services.map((s) => s.spec)).toEqual(docker.services)
    expect(JSON.stringify(objects.services.map((s) => s.spec))).toBe(JSON.stringify(docker.services))
  })

  it('only warns that service-level tmpfs is dropped (docker drops it silently)', () => {
    expect(diagnostics.map((d) => [d.severity, d.path])).toEqual([['warning', 'services.app.tmpfs']])
  })

  it('lists nothing external', () => {
    expect(objects.externalNetworks).toEqual([])
    expect(objects.externalSecrets).toEqual([])
    expect(objects.externalConfigs).toEqual([])
  })
})

describe('convertStack on the traefik recipe shape', () => {
  // traefik/main compose.yml (+ compose.host.yml's host-mode ports), as abra
  // deploys it: external proxy network, golang-templated configs with
  // versioned names, a named volume, update_config without parallelism.
  const traefik = model({
    services: [
      {
        name: 'app',
        image: 'traefik:v2.4.8',
        ports: [
          { target: 80, published: 80, mode: 'host' },
          { target: 443, published: 443, mode: 'host' }
        ],
        volumes: [
          { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock' },
          { type: 'volume', source: 'letsencrypt', target: '/etc/letsencrypt' }
        ],
        configs: [
          { source: 'traefik_yml', target: '/etc/traefik/traefik.yml' },
          { source: 'entrypoint', target: '/custom-entrypoint.sh', mode: 0o555 }
        ],
        networks: { proxy: null },
        environment: { DASHBOARD_ENABLED: 'true', LOG_LEVEL: null },
        healthcheck: { test: ['CMD', 'traefik', 'healthcheck'], interval: 30e9, timeout: 10e9, retries: 10, start_period: 60e9 },
        command: ['traefik'],
        entrypoint: ['/custom-entrypoint.sh'],
        deploy: { update_config: { failure_action: 'rollback', order: 'start-first' }, labels: { 'traefik.enable': 'true' } }
      }
    ],
    networks: { proxy: { external: true, name: 'proxy' } },
    volumes: { letsencrypt: {} },
    configs: {
      traefik_yml: { name: 'tr_traefik_yml_v1', file: 'cfg.txt', template_driver: 'golang' },
      entrypoint: { name: 'tr_entrypoint_v2', file: 'sec.txt', template_driver: 'golang' }
    }
  })
  const { objects, diagnostics } = convertStack(traefik, { namespace: 'tr', recipeDir: fixtures })
  const spec = objects.services[0].spec as { TaskTemplate: { ContainerSpec: { Configs: unknown } }; UpdateConfig: unknown; EndpointSpec: unknown }

  it('creates no network and expects the external one', () => {
    expect(diagnostics).toEqual([])
    expect(objects.networks).toEqual([])
    expect(objects.externalNetworks).toEqual(['proxy'])
  })

  it('creates the configs under their explicit names, templated', () => {
    expect(objects.configs.map((c) => c.spec)).toEqual([
      { Name: 'tr_entrypoint_v2', Labels: { 'com.docker.stack.namespace': 'tr' }, Data: 'czNjcmV0Cg==', Templating: { Name: 'golang' } },
      { Name: 'tr_traefik_yml_v1', Labels: { 'com.docker.stack.namespace': 'tr' }, Data: 'aGVsbG8K', Templating: { Name: 'golang' } }
    ])
  })

  it('references the configs sorted by name, with their modes', () => {
    expect(spec.TaskTemplate.ContainerSpec.Configs).toEqual([
      { File: { Name: '/custom-entrypoint.sh', UID: '0', GID: '0', Mode: 0o555 }, ConfigName: 'tr_entrypoint_v2' },
      { File: { Name: '/etc/traefik/traefik.yml', UID: '0', GID: '0', Mode: 0o444 }, ConfigName: 'tr_traefik_yml_v1' }
    ])
  })

  it('fills in the update_config defaults', () => {
    expect(spec.UpdateConfig).toEqual({ Parallelism: 1, FailureAction: 'rollback', MaxFailureRatio: 0, Order: 'start-first' })
  })

  it('publishes host-mode ports without a protocol, as the long syntax leaves it', () => {
    expect(spec.EndpointSpec).toEqual({
      Ports: [
        { TargetPort: 80, PublishedPort: 80, PublishMode: 'host' },
        { TargetPort: 443, PublishedPort: 443, PublishMode: 'host' }
      ]
    })
  })
})
