import { describe, expect, it } from 'vitest'
import { interpolateFile, substitute } from '../../src-main/compose/interpolate'
import { parseComposeText } from '../../src-main/compose/load'

const env: Record<string, string> = { SET: 'value', EMPTY: '', B: 'bee', lower: 'low' }
const lookup = (k: string): string | undefined => env[k]
const sub = (t: string): ReturnType<typeof substitute> => substitute(t, lookup)

describe('substitute: every compose-spec form', () => {
  it.each([
    ['plain text', 'plain text'],
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['$SET/$B', 'value/bee'],
    ['${lower}', 'low'],
    // :- soft default: unset or empty
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${SET:-d}', 'value'],
    // - hard default: unset only
    ['${UNSET-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${SET-d}', 'value'],
    // :+ and + alternatives
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${UNSET:+alt}', ''],
    ['${SET+alt}', 'alt'],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    // ?-forms that pass
    ['${SET:?boom}', 'value'],
    ['${SET?boom}', 'value'],
    ['${EMPTY?boom}', ''],
    // $$ escapes
    ['$$', '$'],
    ['$$SET', '$SET'],
    ['$${SET}', '${SET}'],
    ['a $$ b', 'a $ b'],
    // nesting inside defaults
    ['${UNSET:-${B}}', 'bee'],
    ['${UNSET:-${ALSO_UNSET:-c}}', 'c'],
    ['${UNSET:-x${B}y}', 'xbeey'],
    ['${SET:+[${B}]}', '[bee]'],
    // defaults may hold spaces, colons, slashes
    ['${UNSET:-a b:c/d}', 'a b:c/d'],
    ['${UNSET:-}', ''],
    ['${APP_VERSION:-1.0.6}-${B}', '1.0.6-bee']
  ])('%s → %s', (template, expected) => {
    const r = sub(template)
    expect(r.error).toBeUndefined()
    expect(r.value).toBe(expected)
  })

  it('reports unset variables read without a default', () => {
    expect(sub('${NOPE}').unset).toEqual(['NOPE'])
    expect(sub('$NOPE and $NOPE').unset).toEqual(['NOPE'])
    expect(sub('${NOPE:-x}').unset).toEqual([])
    expect(sub('${NOPE-x}').unset).toEqual([])
    expect(sub('${NOPE}').value).toBe('')
  })

  it.each([
    ['${UNSET:?you must set it}', 'required variable UNSET is not set: you must set it'],
    ['${EMPTY:?must not be empty}', 'required variable EMPTY is empty: must not be empty'],
    ['${UNSET?gone}', 'required variable UNSET is not set: gone'],
    ['${UNSET:?}', 'required variable UNSET is not set']
  ])('%s is an error with the message', (template, message) => {
    expect(sub(template).error).toBe(message)
  })

  it.each(['${', '${SET', 'a ${B', '${}', '${ SET}', '${1A}', '${SET:x}', '$', 'cost: 5$', '$1', '${SET:-${B}'])('%s is invalid', (template) => {
    expect(sub(template).error).toMatch(/\$/)
  })

  it('keeps docker quirk: an unbraced name takes a following -default, with a note', () => {
    const r = sub('$UNSET-fallback')
    expect(r.value).toBe('fallback')
    expect(r.notes.join()).toMatch(/read as "\$\{UNSET-fallback\}"/)
    expect(sub('$SET-fallback').value).toBe('value')
  })

  it('notes the forms docker stack deploy reads differently', () => {
    expect(sub('${SET:+x}').notes.join()).toMatch(/not understood by docker stack deploy/)
    expect(sub('${UNSET:-${B}}').notes.join()).toMatch(/does not expand variables inside/)
    expect(sub('${UNSET:-plain}').notes).toEqual([])
  })
})

describe('interpolateFile', () => {
  const load = (text: string) => {
    const r = parseComposeText(text, 'compose.yml')
    expect(r.diagnostics).toEqual([])
    return r.loaded!
  }

  it('interpolates values everywhere but never keys', () => {
    const f = load(`version: "3.8"
services:
  app:
    image: "img:\${TAG:-1}"
    environment:
      \${KEY}: \${SET}
    labels:
      - "a=\${SET}"
x-thing:
  nested: ["\${SET}"]
`)
    const r = interpolateFile(f, { SET: 'v', KEY: 'k' })
    expect(r.diagnostics).toEqual([])
    const svc = (r.data.services as Record<string, Record<string, unknown>>).app
    expect(svc.image).toBe('img:1')
    expect(svc.environment).toEqual({ '${KEY}': 'v' })
    expect(svc.labels).toEqual(['a=v'])
    expect(r.data['x-thing']).toEqual({ nested: ['v'] })
  })

  it('warns about unset variables with file, line and key', () => {
    const f = load('services:\n  app:\n    image: nginx\n    hostname: ${HOST}\n')
    const r = interpolateFile(f, {})
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', file: 'compose.yml', line: 4, path: 'services.app.hostname' })
    expect(r.diagnostics[0].message).toBe('compose.yml line 4: `services.app.hostname` uses HOST, which is not set; an empty string is used.')
  })

  it('turns ?err into an error naming file, line and key', () => {
    const f = load('services:\n  app:\n    image: ${IMAGE:?set IMAGE in the env file}\n')
    const r = interpolateFile(f, {})
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 3, path: 'services.app.image' })
    expect(r.diagnostics[0].message).toContain('compose.yml line 3: `services.app.image`: required variable IMAGE is not set: set IMAGE in the env file')
  })

  it('reports an unterminated ${ as an error', () => {
    const f = load('services:\n  app:\n    image: "${IMAGE"\n')
    const r = interpolateFile(f, { IMAGE: 'x' })
    expect(r.diagnostics[0].severity).toBe('error')
    expect(r.diagnostics[0].message).toMatch(/never closed/)
  })

  it('casts the values docker casts, only when interpolation changed them', () => {
    const f = load(`services:
  app:
    read_only: \${RO}
    deploy:
      replicas: \${N}
      update_config:
        max_failure_ratio: \${R}
    ports:
      - target: \${P}
        published: "8080"
    secrets:
      - source: s
        mode: \${MODE}
    ulimits:
      nofile: \${N}
networks:
  proxy:
    external: \${EXT}
`)
    const r = interpolateFile(f, { RO: 'yes', N: '3', R: '0.5', P: '80', MODE: '0444', EXT: 'true' })
    expect(r.diagnostics).toEqual([])
    const app = (r.data.services as Record<string, Record<string, unknown>>).app
    expect(app.read_only).toBe(true)
    expect(app.deploy).toEqual({ replicas: 3, update_config: { max_failure_ratio: 0.5 } })
    // "8080" was not interpolated, so it stays a string (and fails the schema, as in docker)
    expect(app.ports).toEqual([{ target: 80, published: '8080' }])
    expect(app.secrets).toEqual([{ source: 's', mode: 444 }])
    expect(app.ulimits).toEqual({ nofile: 3 })
    expect(r.data.networks).toEqual({ proxy: { external: true } })
  })

  it('reports a value that cannot be cast', () => {
    const f = load('services:\n  app:\n    deploy:\n      replicas: ${N}\n')
    const r = interpolateFile(f, { N: 'two' })
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, path: 'services.app.deploy.replicas' })
    expect(r.diagnostics[0].message).toMatch(/"two" is not a whole number/)
  })

  it('does not cast under a service whose name holds a dot (docker matches split paths)', () => {
    const f = load('services:\n  a.b:\n    deploy:\n      replicas: ${N}\n')
    const r = interpolateFile(f, { N: '2' })
    expect((r.data.services as Record<string, { deploy: { replicas: unknown } }>)['a.b'].deploy.replicas).toBe('2')
  })
})
