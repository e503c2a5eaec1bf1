import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hostsList, mapping, mappingWithEquals, parseDockerEnvFile, parseVolumeSpec, shellSplit, shortPorts } from '../../src-main/compose/short-syntax'
import { formatDuration, parseBytes, parseDuration } from '../../src-main/compose/model'
import { errors, load } from './compose-fixture'

const one = (body: string, top = '', extra: Record<string, string> = {}, env = '') => {
  const r = load({ 'compose.yml': `version: "3.8"\nservices:\n  app:\n    image: nginx\n${body}${top}`, ...extra }, env)
  expect(errors(r.diagnostics)).toEqual([])
  return { svc: r.config!.services[0], config: r.config!, dir: r.dir }
}

describe('normalize: ports', () => {
  it.each([
    ['80', [{ mode: 'ingress', target: 80, protocol: 'tcp' }]],
    ['8080:80', [{ mode: 'ingress', target: 80, published: 8080, protocol: 'tcp' }]],
    ['8080:80/udp', [{ mode: 'ingress', target: 80, published: 8080, protocol: 'udp' }]],
    ['127.0.0.1:8080:80', [{ mode: 'ingress', target: 80, published: 8080, protocol: 'tcp' }]],
    ['9090-9091:8080-8081', [
      { mode: 'ingress', target: 8080, published: 9090, protocol: 'tcp' },
      { mode: 'ingress', target: 8081, published: 9091, protocol: 'tcp' }
    ]],
    ['8000-8001:80', [
      { mode: 'ingress', target: 80, published: 8000, protocol: 'tcp' },
      { mode: 'ingress', target: 80, published: 8001, protocol: 'tcp' }
    ]],
    ['10000-10001:9999-10000', [
      // docker walks "port/proto" keys in string order
      { mode: 'ingress', target: 10000, published: 10001, protocol: 'tcp' },
      { mode: 'ingress', target: 9999, published: 10000, protocol: 'tcp' }
    ]]
  ])('short %s', (spec, ports) => {
    expect(shortPorts(spec)).toEqual({ ports })
  })

  it('numbers, strings and long syntax in a file', () => {
    const { svc } = one('    ports:\n      - 80\n      - "443:443"\n      - target: 53\n        published: 53\n        protocol: udp\n        mode: host\n')
    expect(svc.ports).toEqual([
      { mode: 'ingress', target: 80, protocol: 'tcp' },
      { mode: 'ingress', target: 443, published: 443, protocol: 'tcp' },
      { mode: 'host', target: 53, published: 53, protocol: 'udp' }
    ])
  })
})

describe('normalize: volumes', () => {
  it.each([
    ['/data', { type: 'volume', target: '/data' }],
    ['data:/data', { type: 'volume', source: 'data', target: '/data' }],
    ['data:/data:ro', { type: 'volume', source: 'data', target: '/data', read_only: true }],
    ['data:/data:nocopy', { type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } }],
    ['/srv:/srv:rw,rshared', { type: 'bind', source: '/srv', target: '/srv', bind: { propagation: 'rshared' } }],
    ['./conf:/etc/conf:ro', { type: 'bind', source: './conf', target: '/etc/conf', read_only: true }],
    ['~/x:/x', { type: 'bind', source: '~/x', target: '/x' }],
    ['C:\\data:/data', { type: 'bind', source: 'C:\\data', target: '/data' }],
    ['ab', { type: 'volume', target: 'ab' }]
  ])('short %s', (spec, volume) => {
    expect(parseVolumeSpec(spec)).toEqual({ volume })
  })

  it.each([
    ['', 'invalid empty volume spec'],
    ['ab::c', 'empty section between colons'],
    ['ab:/b:ro:d', 'too many colons']
  ])('short %j is invalid', (spec, error) => {
    expect(parseVolumeSpec(spec).error).toBe(error)
  })

  it('bind sources become absolute against the recipe dir', () => {
    const { svc, dir } = one('    volumes:\n      - ./conf:/etc/conf:ro\n      - type: bind\n        source: data/x\n        target: /x\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          size: 65536\n', '', {}, 'HOME=/home/me')
    expect(svc.volumes).toEqual([
      { type: 'bind', source: path.join(dir, 'conf'), target: '/etc/conf', read_only: true },
      { type: 'bind', source: path.join(dir, 'data/x'), target: '/x' },
      { type: 'tmpfs', target: '/tmp', tmpfs: { size: 65536 } }
    ])
  })

  it('~ expands from HOME in the app environment', () => {
    expect(one('    volumes:\n      - ~/x:/x\n', '', {}, 'HOME=/home/me').svc.volumes![0].source).toBe('/home/me/x')
  })
})

describe('normalize: environment and labels', () => {
  it('list and map forms, values without "=" come from the app environment', () => {
    const { svc } = one('    environment:\n      - A=1\n      - B\n      - C=\n      - DOMAIN\n      - EMPTY_IN_ENV\n', '', {}, 'DOMAIN=example.org\nEMPTY_IN_ENV=\nC=from-env')
    expect(svc.environment).toEqual({ A: '1', B: null, C: 'from-env', DOMAIN: 'example.org', EMPTY_IN_ENV: '' })
  })

  it('map values are stringified as docker does; null stays null', () => {
    const { svc } = one('    environment:\n      NUM: 5\n      F: 1.5\n      OCT: 0755\n      Z:\n      S: "x"\n')
    expect(svc.environment).toEqual({ NUM: '5', F: '1.5', OCT: '493', Z: null, S: 'x' })
  })

  it('env_file under environment, relative to the recipe', () => {
    const { svc, dir } = one('    env_file: app.env\n    environment:\n      B: override\n', '', { 'app.env': '# c\nA=1\nB=2\n  C= kept \nD\nE\n' }, 'D=from-app-env')
    expect(svc.environment).toEqual({ A: '1', B: 'override', C: ' kept ', D: 'from-app-env' })
    expect(svc.env_file).toEqual([path.join(dir, 'app.env')])
  })

  it('a missing env_file is an error naming it', () => {
    const r = load({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: x\n    env_file:\n      - missing.env\n' })
    expect(errors(r.diagnostics)[0]).toMatchObject({ line: 5, path: 'services.app.env_file' })
    expect(errors(r.diagnostics)[0].message).toMatch(/names missing\.env, which does not exist/)
  })

  it('docker env files: key=value verbatim, bare keys looked up, spaces in keys refused', () => {
    expect(parseDockerEnvFile('\uFEFFA=1 \n# x\n  B="q"\nC\nD\n', (k) => (k === 'C' ? 'c' : undefined))).toEqual({ lines: ['A=1 ', 'B="q"', 'C=c'] })
    expect(parseDockerEnvFile('A B=1', () => undefined).error).toMatch(/contains whitespaces/)
    expect(parseDockerEnvFile('=1', () => undefined).error).toMatch(/no variable name/)
  })

  it('labels: list and map', () => {
    expect(mapping(['a=1', 'b', 'c=x=y'])).toEqual({ a: '1', b: '', 'c': 'x=y' })
    expect(mapping({ a: 1, b: null, c: true })).toEqual({ a: '1', b: '', c: 'true' })
    expect(mappingWithEquals(['a=1', 'b'])).toEqual({ a: '1', b: null })
    const { svc } = one('    labels:\n      - com.example=1\n    deploy:\n      labels:\n        traefik.enable: "true"\n        num: 5\n')
    expect(svc.labels).toEqual({ 'com.example': '1' })
    expect(svc.deploy!.labels).toEqual({ 'traefik.enable': 'true', num: '5' })
  })

  it('extra_hosts: list kept, map sorted host:ip, brackets dropped', () => {
    expect(hostsList(['a:1.2.3.4', 'b=5.6.7.8', 'nosep'])).toEqual(['a:1.2.3.4', 'b:5.6.7.8'])
    expect(hostsList({ z: '1.1.1.1', a: '::1', n: null, v6: '[::2]' })).toEqual(['a:::1', 'v6:::2', 'z:1.1.1.1'])
  })
})

describe('normalize: commands, healthcheck, deploy', () => {
  it.each([
    ['echo hi there', ['echo', 'hi', 'there']],
    ["sh -c 'echo $$HOME && ls'", ['sh', '-c', 'echo $HOME && ls']],
    ['a "b c" d\\ e', ['a', 'b c', 'd e']],
    ['a "x\\"y\\n"', ['a', 'x"yn']],
    ['a # comment', ['a']],
    ['a#b', ['a#b']],
    ["''", ['']],
    ['', []]
  ])('shell split %j', (s, args) => {
    expect(shellSplit(s.replaceAll('$$', '$')).args).toEqual(args)
  })

  it('unterminated quote is an error', () => {
    expect(shellSplit('a "b').error).toMatch(/closing quote/)
  })

  it('string and list commands; healthcheck forms', () => {
    const { svc } = one(`    command: nginx -g 'daemon off;'
    entrypoint: ["/docker-entrypoint.sh"]
    healthcheck:
      test: curl -f http://localhost
      interval: 1m30s
      timeout: 10s
      retries: 3
      start_period: 40s
    stop_grace_period: 1m
`)
    expect(svc.command).toEqual(['nginx', '-g', 'daemon off;'])
    expect(svc.entrypoint).toEqual(['/docker-entrypoint.sh'])
    expect(svc.healthcheck).toEqual({ test: ['CMD-SHELL', 'curl -f http://localhost'], interval: 90e9, timeout: 10e9, retries: 3, start_period: 40e9 })
    expect(svc.stop_grace_period).toBe(60e9)
  })

  it('healthcheck disable is kept for convert', () => {
    expect(one('    healthcheck:\n      disable: true\n').svc.healthcheck).toEqual({ disable: true })
  })

  it('deploy: resources in bytes and cpu strings, durations in ns', () => {
    const { svc } = one(`    deploy:
      mode: replicated
      replicas: 2
      endpoint_mode: dnsrr
      resources:
        limits:
          cpus: "0.5"
          memory: 1024M
        reservations:
          memory: 512m
          generic_resources:
            - discrete_resource_spec: {kind: gpu, value: 2}
      restart_policy:
        condition: on-failure
        delay: 5s
        max_attempts: 3
        window: 2m
      update_config:
        parallelism: 1
        delay: 10s
        order: start-first
        failure_action: rollback
        monitor: 1m
        max_failure_ratio: 0.1
      placement:
        constraints: [node.role == manager]
        preferences:
          - spread: node.labels.zone
        max_replicas_per_node: 1
`)
    expect(svc.deploy).toEqual({
      mode: 'replicated',
      replicas: 2,
      endpoint_mode: 'dnsrr',
      resources: {
        limits: { cpus: '0.5', memory: 1024 * 1024 * 1024 },
        reservations: { memory: 512 * 1024 * 1024, generic_resources: [{ discrete_resource_spec: { kind: 'gpu', value: 2 } }] }
      },
      restart_policy: { condition: 'on-failure', delay: 5e9, max_attempts: 3, window: 120e9 },
      update_config: { parallelism: 1, delay: 10e9, order: 'start-first', failure_action: 'rollback', monitor: 60e9, max_failure_ratio: 0.1 },
      placement: { constraints: ['node.role == manager'], preferences: [{ spread: 'node.labels.zone' }], max_replicas_per_node: 1 }
    })
  })

  it('an invalid size is an error naming the key', () => {
    const r = load({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: x\n    deploy:\n      resources:\n        limits:\n          memory: lots\n' })
    expect(errors(r.diagnostics)[0]).toMatchObject({ line: 8, path: 'services.app.deploy.resources.limits.memory' })
    expect(errors(r.diagnostics)[0].message).toBe('compose.yml line 8: `services.app.deploy.resources.limits.memory` must be a size like 512M or 1G (got "lots").')
  })

  it('secrets/configs: short and long forms; networks list and map; ulimits; misc', () => {
    const { svc } = one(`    secrets:
      - pw
      - source: key
        target: /run/k
        uid: "1000"
        gid: "1000"
        mode: 0400
    networks:
      backend:
        aliases: [db]
      proxy:
    ulimits:
      nproc: 65535
      nofile: {soft: 20000, hard: 40000}
    sysctls:
      - net.core.somaxconn=1024
    dns: 8.8.8.8
    tmpfs: /run
    cap_add: [NET_ADMIN]
    init: true
    user: "1000:1000"
`, `networks:
  backend:
  proxy:
    external: true
secrets:
  pw:
    external: true
  key:
    external:
      name: real_key
`)
    expect(svc.secrets).toEqual([{ source: 'pw' }, { source: 'key', target: '/run/k', uid: '1000', gid: '1000', mode: 0o400 }])
    expect(svc.networks).toEqual({ backend: { aliases: ['db'] }, proxy: null })
    expect(svc.ulimits).toEqual({ nproc: { single: 65535 }, nofile: { soft: 20000, hard: 40000 } })
    expect(svc.sysctls).toEqual({ 'net.core.somaxconn': '1024' })
    expect(svc.dns).toEqual(['8.8.8.8'])
    expect(svc.tmpfs).toEqual(['/run'])
    expect(svc.cap_add).toEqual(['NET_ADMIN'])
    expect(svc.init).toBe(true)
    expect(svc.user).toBe('1000:1000')
  })

  it('top-level definitions: external names, files made absolute', () => {
    const { config, dir } = one('', `networks:
  proxy:
    external: true
  internal:
    driver: overlay
    attachable: true
    driver_opts:
      encrypted: ""
volumes:
  data:
    driver_opts: {type: nfs}
  old:
    external:
      name: legacy
configs:
  conf:
    file: ./c.tmpl
    template_driver: golang
`, { 'c.tmpl': 'x' })
    expect(config.networks).toEqual({ proxy: { external: true, name: 'proxy' }, internal: { driver: 'overlay', attachable: true, driver_opts: { encrypted: '' } } })
    expect(config.volumes).toEqual({ data: { driver_opts: { type: 'nfs' } }, old: { external: true, name: 'legacy' } })
    expect(config.configs).toEqual({ conf: { file: path.join(dir, 'c.tmpl'), template_driver: 'golang' } })
  })

  it('external volume with driver is a conflict', () => {
    const r = load({ 'compose.yml': 'version: "3.8"\nservices: {}\nvolumes:\n  v:\n    external: true\n    driver: local\n' })
    expect(errors(r.diagnostics)[0].message).toMatch(/conflicting parameters "external" and "driver" specified for volume "v"/)
  })
})

describe('durations and sizes', () => {
  it.each([
    ['0', 0],
    ['1s', 1e9],
    ['1.5h', 5400e9],
    ['1h30m', 5400e9],
    ['100ms', 1e8],
    ['10us', 1e4],
    ['10µs', 1e4],
    ['5ns', 5],
    ['-1m', -60e9]
  ])('duration %s', (s, ns) => {
    expect(parseDuration(s)).toBe(ns)
  })
  it.each(['', '1', '5 m', '1d', 'm', '1h-1m'])('duration %j is invalid', (s) => {
    expect(parseDuration(s)).toBeUndefined()
  })
  it.each([
    [90e9, '1m30s'],
    [5400e9, '1h30m0s'],
    [1e6, '1ms'],
    [0, '0s']
  ])('formatDuration(%d) = %s', (ns, s) => {
    expect(formatDuration(ns)).toBe(s)
  })
  it.each([
    ['1024', 1024],
    ['1k', 1024],
    ['1kb', 1024],
    ['512M', 512 * 1024 ** 2],
    ['1.5G', 1.5 * 1024 ** 3],
    ['1GiB', 1024 ** 3],
    ['2 g', 2 * 1024 ** 3]
  ])('size %s', (s, b) => {
    expect(parseBytes(s)).toBe(b)
  })
  it.each(['', 'x', '1x', '-1', '1MBB'])('size %j is invalid', (s) => {
    expect(parseBytes(s)).toBeUndefined()
  })
})
