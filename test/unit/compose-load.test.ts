import { describe, expect, it } from 'vitest'
import { goSprint, loadComposeFiles, parseComposeText, resolvePlain } from '../../src-main/compose/load'
import { errors, recipe } from './compose-fixture'

const parse = (text: string) => parseComposeText(text, 'compose.yml')

describe('load: YAML', () => {
  it('expands anchors and merge keys, explicit keys win', () => {
    const r = parse(`version: "3.8"
x-deploy: &deploy
  replicas: 1
  labels: &labels
    a: "1"
    b: "2"
x-more: &more
  replicas: 5
  mode: replicated
services:
  app:
    image: nginx
    deploy:
      <<: [*deploy, *more]
      labels:
        <<: *labels
        b: "3"
`)
    expect(r.diagnostics).toEqual([])
    const app = (r.loaded!.data.services as Record<string, Record<string, unknown>>).app
    expect(app.deploy).toEqual({ replicas: 1, mode: 'replicated', labels: { a: '1', b: '3' } })
    // x- extension fields stay in the data (normalize keeps them as extras)
    expect(r.loaded!.data['x-deploy']).toEqual({ replicas: 1, labels: { a: '1', b: '2' } })
  })

  it('records the line of every key, merged keys pointing at the anchor', () => {
    const r = parse('version: "3.8"\nx-a: &a\n  memory: 1G\nservices:\n  app:\n    image: nginx\n    ports:\n      - "80:80"\n      - "443:443"\n    deploy:\n      resources:\n        limits:\n          <<: *a\n          cpus: "1"\n')
    const pos = r.loaded!.positions
    expect(pos.get('services.app.image')).toEqual({ file: 'compose.yml', line: 6 })
    expect(pos.get('services.app.ports.1')).toEqual({ file: 'compose.yml', line: 9 })
    expect(pos.get('services.app.deploy.resources.limits.cpus')?.line).toBe(14)
    expect(pos.get('services.app.deploy.resources.limits.memory')?.line).toBe(3)
  })

  it('duplicate keys are an error with the line', () => {
    const r = parse('services:\n  app:\n    image: a\n    image: b\n')
    expect(r.loaded).toBeUndefined()
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', file: 'compose.yml', line: 4 })
    expect(r.diagnostics[0].message).toMatch(/^compose\.yml line 4: the YAML is malformed: a key appears twice/)
  })

  it('malformed YAML names the file and line', () => {
    const r = parse('services:\n  app:\n    image: nginx\n   bad: [\n')
    expect(r.diagnostics.length).toBeGreaterThan(0)
    expect(r.diagnostics[0].message).toMatch(/^compose\.yml line \d+: the YAML is malformed/)
    expect(r.diagnostics[0].line).toBeGreaterThan(1)
  })

  it('the top level must be a mapping', () => {
    expect(parse('- a\n- b\n').diagnostics[0].message).toMatch(/top level must be a mapping/)
    expect(parse('').diagnostics[0].message).toMatch(/top level must be a mapping/)
  })

  it('an alias to an unknown anchor is an error', () => {
    expect(parse('a: *nope\n').diagnostics[0].severity).toBe('error')
  })

  it('refuses keys that are not text, as docker does', () => {
    const r = parse('services:\n  app:\n    sysctls:\n      on: 1\n')
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 4 })
    expect(r.diagnostics[0].message).toMatch(/read as a boolean/)
  })

  it('warns where YAML 1.1 booleans (docker 20.10) differ from newer docker', () => {
    const r = parse('services:\n  app:\n    environment:\n      FLAG: yes\n')
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', line: 4, path: 'services.app.environment.FLAG' })
    expect((r.loaded!.data.services as Record<string, { environment: unknown }>).app.environment).toEqual({ FLAG: true })
  })
})

describe('load: scalars as go-yaml resolves them', () => {
  it.each([
    ['0444', 292],
    ['0o444', 292],
    ['0x1F', 31],
    ['1_000', 1000],
    ['-12', -12],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['~', null],
    ['null', null],
    ['', null],
    ['true', true],
    ['Yes', true],
    ['off', false],
    ['y', true],
    ['2m', '2m'],
    ['2001-12-14', '2001-12-14'],
    ['08', 8],
    ['3.8', 3.8],
    ['"quoted"', '"quoted"']
  ])('%s → %j', (src, value) => {
    expect(resolvePlain(src)).toEqual(value)
  })

  it('quoted scalars stay strings', () => {
    const r = parse('a: "0444"\nb: \'yes\'\nc: !!str 12\n')
    expect(r.loaded!.data).toEqual({ a: '0444', b: 'yes', c: '12' })
  })

  it.each([
    [1, '1'],
    [1.5, '1.5'],
    [true, 'true'],
    [null, '<nil>'],
    [0.00001, '1e-05'],
    [1e21, '1e+21']
  ])('goSprint(%j) = %s', (v, s) => {
    expect(goSprint(v)).toBe(s)
  })
})

describe('loadComposeFiles', () => {
  it('a missing compose file is an error naming it', () => {
    const dir = recipe({ 'compose.yml': 'version: "3.8"\nservices: {}\n' })
    const r = loadComposeFiles(dir, ['compose.yml', 'compose.postgres.yml'])
    expect(r.files).toHaveLength(1)
    expect(errors(r.diagnostics)[0]).toMatchObject({ file: 'compose.postgres.yml', path: 'COMPOSE_FILE' })
    expect(errors(r.diagnostics)[0].message).toMatch(/^compose\.postgres\.yml: this compose file, named in COMPOSE_FILE, does not exist/)
  })
})
