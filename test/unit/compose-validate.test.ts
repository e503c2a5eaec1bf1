import { describe, expect, it } from 'vitest'
import { parsePortSpec } from '../../src-main/compose/short-syntax'
import { imageReferenceProblem } from '../../src-main/compose/validate'
import { errors, load, warnings } from './compose-fixture'

const svc = (body: string, top = ''): Record<string, string> => ({
  'compose.yml': `version: "3.8"\nservices:\n  app:\n    image: nginx:1.25\n${body}${top}`
})

const firstError = (files: Record<string, string>, env = ''): { message: string; line?: number; file?: string; path?: string } => {
  const r = load(files, env)
  const e = errors(r.diagnostics)
  expect(e.length).toBeGreaterThan(0)
  return e[0]
}

describe('validate: schema errors in plain words', () => {
  it('invalid duration names file, line and key', () => {
    const e = firstError({
      'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n',
      'compose.postgres.yml': 'version: "3.8"\nservices:\n  db:\n    image: postgres\n    stop_grace_period: 2 minutes\n'
    }, 'COMPOSE_FILE=compose.yml:compose.postgres.yml')
    expect(e).toMatchObject({ file: 'compose.postgres.yml', line: 5, path: 'services.db.stop_grace_period' })
    expect(e.message).toBe('compose.postgres.yml line 5: `services.db.stop_grace_period` must be a duration like 2m or 1h30s (got "2 minutes").')
  })

  it('unknown key', () => {
    const e = firstError(svc('    foo: bar\n'))
    expect(e).toMatchObject({ line: 5, path: 'services.app.foo' })
    expect(e.message).toBe('compose.yml line 5: unknown key `foo` under `services.app`.')
  })

  it('unknown top-level key suggests x-', () => {
    const e = firstError(svc('', 'extras:\n  a: 1\n'))
    expect(e.message).toMatch(/unknown key `extras` under `the top level` \(extension keys must start with x-\)/)
  })

  it('x- keys are allowed at the top level, in services and in definitions', () => {
    const r = load(svc('    x-note: hi\n', 'x-top: 1\nnetworks:\n  net:\n    x-n: 1\n'))
    expect(errors(r.diagnostics)).toEqual([])
    expect(r.config!.extras).toEqual({ 'x-top': 1 })
    expect(r.config!.services[0].extras).toEqual({ 'x-note': 'hi' })
  })

  it('wrong type', () => {
    expect(firstError(svc('    deploy:\n      replicas: two\n')).message).toBe('compose.yml line 6: `services.app.deploy.replicas` must be a whole number.')
    expect(firstError(svc('    command: {a: 1}\n')).message).toBe('compose.yml line 5: `services.app.command` must be a string or a list.')
    expect(firstError(svc('    environment: 5\n')).message).toBe('compose.yml line 5: `services.app.environment` must be a mapping or a list.')
    expect(firstError(svc('    read_only: "true"\n')).message).toBe('compose.yml line 5: `services.app.read_only` must be true or false.')
  })

  it('quoted numbers stay strings, as in docker', () => {
    expect(firstError(svc('    ports:\n      - target: 80\n        published: "8080"\n')).path).toBe('services.app.ports.0.published')
  })

  it('invalid port', () => {
    const e = firstError(svc('    ports:\n      - "80:80:80:x"\n'))
    expect(e).toMatchObject({ line: 6, path: 'services.app.ports.0' })
    expect(e.message).toMatch(/must be a port like 8080:80/)
  })

  it('invalid service name', () => {
    expect(firstError({ 'compose.yml': 'version: "3.8"\nservices:\n  "my app":\n    image: x\n' }).message).toMatch(/`my app` is not a valid name under `services`/)
  })

  it('missing required key', () => {
    const e = firstError(svc('    ulimits:\n      nofile:\n        soft: 1\n'))
    expect(e.message).toBe('compose.yml line 6: `services.app.ulimits.nofile` needs `hard`.')
  })

  it('a missing required variable', () => {
    const e = firstError(svc('    hostname: ${HOST:?set HOST}\n'))
    expect(e).toMatchObject({ line: 5, path: 'services.app.hostname' })
    expect(e.message).toMatch(/required variable HOST is not set: set HOST/)
  })

  it('keys only newer schema versions know are refused under 3.8', () => {
    expect(firstError(svc('    healthcheck:\n      start_interval: 5s\n')).message).toMatch(/unknown key `start_interval`/)
    const ok = load({ 'compose.yml': 'version: "3.13"\nservices:\n  app:\n    image: x\n    healthcheck:\n      start_interval: 5s\n' })
    expect(errors(ok.diagnostics)).toEqual([])
    expect(ok.config!.services[0].healthcheck!.start_interval).toBe(5e9)
  })
})

describe('validate: version', () => {
  it('an unsupported version', () => {
    expect(firstError({ 'compose.yml': 'version: "2.4"\nservices: {}\n' }).message).toMatch(/"2.4" is not supported by docker stack deploy/)
  })
  it('a version that is not a string', () => {
    expect(firstError({ 'compose.yml': 'version: 3.8\nservices:\n  a:\n    image: x\n' }).message).toBe('compose.yml line 1: `version` must be a string.')
  })
  it('versions must match across files', () => {
    const e = firstError({ 'compose.yml': 'version: "3.8"\nservices: {}\n', 'b.yml': 'version: "3.7"\nservices: {}\n' }, 'COMPOSE_FILE=compose.yml:b.yml')
    expect(e).toMatchObject({ file: 'b.yml', line: 1 })
    expect(e.message).toMatch(/every compose file must use the same version/)
  })
  it('no version: newest 3.x with a warning', () => {
    const r = load({ 'compose.yml': 'services:\n  a:\n    image: x\n' })
    expect(errors(r.diagnostics)).toEqual([])
    expect(warnings(r.diagnostics)[0].message).toMatch(/there is no `version`/)
  })
  it('"3" means the newest 3.x', () => {
    expect(errors(load({ 'compose.yml': 'version: "3"\nservices:\n  a:\n    image: x\n' }).diagnostics)).toEqual([])
  })
})

describe('validate: forbidden and ignored keys', () => {
  it('forbidden keys are errors', () => {
    const e = firstError(svc('    volumes_from:\n      - other\n'))
    expect(e).toMatchObject({ line: 5, path: 'services.app.volumes_from' })
    expect(e.message).toMatch(/is not supported by docker stack deploy\. To share a volume/)
  })
  it('unsupported and deprecated keys are warnings, like stack deploy prints', () => {
    const r = load(svc('    build: .\n    depends_on: [db]\n    container_name: x\n    restart: always\n'))
    expect(errors(r.diagnostics)).toEqual([])
    const w = warnings(r.diagnostics).map((d) => d.message)
    expect(w).toContain('compose.yml line 5: Ignoring unsupported options: build (`services.app.build` has no effect with docker stack deploy).')
    expect(w).toContain('compose.yml line 8: Ignoring unsupported options: restart (`services.app.restart` has no effect with docker stack deploy).')
    expect(w).toContain('compose.yml line 7: Ignoring deprecated options: container_name: Setting the container name is not supported.')
    expect(r.config!.services[0].ignored).toEqual({ build: '.', depends_on: ['db'], container_name: 'x', restart: 'always' })
  })
})

describe('validate: references and files', () => {
  it('undefined secret', () => {
    const e = firstError(svc('    secrets:\n      - db_password\n'))
    expect(e).toMatchObject({ line: 6, path: 'services.app.secrets.db_password' })
    expect(e.message).toBe('compose.yml line 6: service `app` uses secret `db_password`, which is not defined under the top-level `secrets`.')
  })
  it('undefined config (found in the overlay that uses it)', () => {
    const e = firstError(
      { 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: x\n', 'compose.extra.yml': 'version: "3.8"\nservices:\n  app:\n    configs:\n      - source: nginx_conf\n        target: /etc/nginx.conf\n' },
      'COMPOSE_FILE=compose.yml:compose.extra.yml'
    )
    expect(e).toMatchObject({ file: 'compose.extra.yml', line: 5 })
    expect(e.message).toMatch(/uses config `nginx_conf`, which is not defined/)
  })
  it('undefined network', () => {
    const e = firstError(svc('    networks:\n      - proxy\n'))
    expect(e.message).toMatch(/^compose\.yml line 6: service `app` uses network `proxy`/)
  })
  it('the default network needs no definition', () => {
    expect(errors(load(svc('    networks:\n      - default\n')).diagnostics)).toEqual([])
  })
  it('undefined named volume; binds need none', () => {
    expect(firstError(svc('    volumes:\n      - data:/var/lib/data\n')).message).toMatch(/^compose\.yml line 6: service `app` mounts volume `data`/)
    expect(errors(load(svc('    volumes:\n      - ./data:/var/lib/data\n      - /srv:/srv\n      - /anonymous\n')).diagnostics)).toEqual([])
  })
  it('a missing config file names the key and the path', () => {
    const e = firstError(svc('    configs:\n      - conf\n', 'configs:\n  conf:\n    file: ./conf/app.tmpl\n'))
    expect(e).toMatchObject({ line: 9, path: 'configs.conf.file' })
    expect(e.message).toMatch(/^compose\.yml line 9: `configs\.conf\.file` is .*conf\/app\.tmpl, which does not exist\.$/)
  })
  it('an existing config file and an external secret are fine', () => {
    const r = load({
      ...svc('    configs: [conf]\n    secrets: [pw]\n', 'configs:\n  conf:\n    file: ./app.tmpl\n    template_driver: golang\nsecrets:\n  pw:\n    external: true\n    name: ${STACK_NAME}_pw_v1\n'),
      'app.tmpl': 'x'
    })
    expect(errors(r.diagnostics)).toEqual([])
    expect(r.config!.secrets.pw).toEqual({ external: true, name: 'app_example_com_pw_v1' })
  })
  it('a service without image', () => {
    expect(firstError({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    hostname: x\n' }).message).toMatch(/service `app` has no `image`/)
  })
})

describe('image references', () => {
  it.each(['nginx', 'nginx:1.25', 'ghcr.io/baosystems/postgis:17-3.5', 'localhost:5000/a/b:tag', 'a@sha256:' + 'a'.repeat(64), 'registry.example.com/x_y/z-w:v1.0'])('%s is valid', (ref) => {
    expect(imageReferenceProblem(ref)).toBeUndefined()
  })
  it.each(['Nginx', 'nginx:', 'a b', ':tag', 'nginx:-bad'])('%s is invalid', (ref) => {
    expect(imageReferenceProblem(ref)).toBeDefined()
  })
})

describe('port specs (docker nat.ParsePortSpec)', () => {
  it.each([
    ['80', [{ hostIp: '', hostPort: '', containerPort: 80, proto: 'tcp' }]],
    ['8080:80/udp', [{ hostIp: '', hostPort: '8080', containerPort: 80, proto: 'udp' }]],
    ['127.0.0.1:8080:80', [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: 80, proto: 'tcp' }]],
    ['[::1]:8080:80', [{ hostIp: '::1', hostPort: '8080', containerPort: 80, proto: 'tcp' }]],
    ['8000-8001:80-81', [
      { hostIp: '', hostPort: '8000', containerPort: 80, proto: 'tcp' },
      { hostIp: '', hostPort: '8001', containerPort: 81, proto: 'tcp' }
    ]],
    ['8000-8010:80', [{ hostIp: '', hostPort: '8000-8010', containerPort: 80, proto: 'tcp' }]]
  ])('%s', (spec, mappings) => {
    expect(parsePortSpec(spec)).toEqual({ mappings })
  })
  it.each(['', 'x', '70000', '80/xyz', '1.2.3:80:80', '8000-8001:80-82', '81-80'])('%s is invalid', (spec) => {
    expect(parsePortSpec(spec).error).toBeDefined()
  })
})
