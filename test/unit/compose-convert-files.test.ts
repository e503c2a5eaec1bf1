// Secrets and configs: create bodies and service references (docker/cli
// v20.10.24 convert/compose.go Secrets/Configs, convert/service.go
// convertFileObject, command/service/parse.go). EMPIRICAL = checked against
// the bodies docker stack deploy sent.

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { convertStack } from '../../src-main/compose/convert'
import type { Config, FileReferenceConfig } from '../../src-main/compose/model'
import { NS, containerSpec, convertOne, model, recipeDir } from './compose-convert-helpers'

const dir = recipeDir({ 'sec.txt': 's3cret\n', 'cfg.txt': 'hello\n', 'empty.txt': '' })
const run = (partial: Partial<Config>) => convertStack(model(partial), { namespace: NS, recipeDir: dir })
const stackLabel = { 'com.docker.stack.namespace': NS }

describe('secret and config create bodies', () => {
  it('a file secret with template_driver golang (EMPIRICAL)', () => {
    const { objects } = run({ secrets: { sec: { file: join(dir, 'sec.txt'), template_driver: 'golang' } } })
    expect(objects.secrets).toEqual([
      { name: 'st_sec', spec: { Name: 'st_sec', Labels: stackLabel, Data: 'czNjcmV0Cg==', Templating: { Name: 'golang' } } }
    ])
  })

  it('a config with labels (EMPIRICAL)', () => {
    const { objects } = run({ configs: { cfg: { file: join(dir, 'cfg.txt'), labels: { 'cf.label': 'cfval' } } } })
    expect(objects.configs.map((c) => c.spec)).toEqual([{ Name: 'st_cfg', Labels: { 'cf.label': 'cfval', ...stackLabel }, Data: 'aGVsbG8K' }])
  })

  it('an explicit name is not scoped (EMPIRICAL)', () => {
    const { objects } = run({ configs: { c: { name: 'ccdconv-explicit-cfg', file: join(dir, 'cfg.txt') } } })
    expect(objects.configs.map((c) => c.name)).toEqual(['ccdconv-explicit-cfg'])
  })

  it('a relative file is read from the recipe dir', () => {
    const { objects, diagnostics } = run({ configs: { c: { file: 'cfg.txt' } } })
    expect(diagnostics).toEqual([])
    expect(objects.configs[0].spec.Data).toBe('aGVsbG8K')
  })

  it('an empty file sends no Data (Go omits an empty []byte) (EMPIRICAL; the engine then refuses it)', () => {
    const { objects } = run({ configs: { c: { file: 'empty.txt' } } })
    expect(objects.configs[0].spec).toEqual({ Name: 'st_c', Labels: stackLabel })
  })

  it('external ones are not created', () => {
    const { objects } = run({ secrets: { s: { external: true, name: 'x' } }, configs: { c: { external: true } } })
    expect(objects.secrets).toEqual([])
    expect(objects.configs).toEqual([])
  })

  it('defined but unused ones are created all the same', () => {
    const { objects } = run({ services: [{ name: 'app', image: 'x' }], secrets: { s: { file: 'sec.txt' } } })
    expect(objects.secrets.map((s) => s.name)).toEqual(['st_s'])
  })

  it('a driver secret has Driver and no Data (EMPIRICAL)', () => {
    const { objects } = run({ secrets: { s: { driver: 'vault', driver_opts: { path: 'a/b' } } } })
    expect(objects.secrets[0].spec).toEqual({ Name: 'st_s', Labels: stackLabel, Driver: { Name: 'vault', Options: { path: 'a/b' } } })
  })

  it('a missing file is an error naming the key and the file', () => {
    const { objects, diagnostics } = run({ configs: { app_entrypoint: { file: 'entrypoint.sh.tmpl' } } })
    expect(objects.configs).toEqual([])
    expect(diagnostics).toMatchObject([{ severity: 'error', path: 'configs.app_entrypoint.file' }])
    expect(diagnostics[0].message).toContain('entrypoint.sh.tmpl')
  })

  it('neither file nor external is an error', () => {
    expect(run({ secrets: { s: {} } }).diagnostics).toMatchObject([{ severity: 'error', path: 'secrets.s' }])
  })
})

describe('service references', () => {
  const refsOf = (kind: 'secrets' | 'configs', refs: FileReferenceConfig[], defs: Config['secrets']) => {
    const { spec, diagnostics, objects } = convertOne({ [kind]: refs }, { [kind]: defs }, dir)
    return { refs: spec ? containerSpec(spec)[kind === 'secrets' ? 'Secrets' : 'Configs'] : undefined, diagnostics, objects }
  }

  it('defaults: target = key, uid/gid "0", mode 0444; custom values kept (EMPIRICAL)', () => {
    const { refs } = refsOf('secrets', [{ source: 'sec' }, { source: 'sec', target: '/etc/other', uid: '100', gid: '101', mode: 0o400 }], { sec: { file: 'sec.txt' } })
    expect(refs).toEqual([
      { File: { Name: 'sec', UID: '0', GID: '0', Mode: 292 }, SecretName: 'st_sec' },
      { File: { Name: '/etc/other', UID: '100', GID: '101', Mode: 256 }, SecretName: 'st_sec' }
    ])
  })

  it('config target defaults to the key too (EMPIRICAL)', () => {
    const { refs } = refsOf('configs', [{ source: 'cfg' }], { cfg: { file: 'cfg.txt' } })
    expect(refs).toEqual([{ File: { Name: 'cfg', UID: '0', GID: '0', Mode: 292 }, ConfigName: 'st_cfg' }])
  })

  it('mode 0755 (EMPIRICAL: 493 sent)', () => {
    const { refs } = refsOf('configs', [{ source: 'c', target: '/x', mode: 0o755 }], { c: { file: 'cfg.txt' } })
    expect(refs).toMatchObject([{ File: { Mode: 493 } }])
  })

  it('sorted by engine name (stable)', () => {
    const { refs } = refsOf('secrets', [{ source: 'b' }, { source: 'a', target: '/1' }, { source: 'a', target: '/2' }], {
      a: { file: 'sec.txt' },
      b: { external: true, name: 'A-external' }
    })
    expect((refs as { SecretName: string; File: { Name: string } }[]).map((r) => `${r.SecretName}:${r.File.Name}`)).toEqual(['A-external:b', 'st_a:/1', 'st_a:/2'])
  })

  it('an external secret is referenced by its name and listed for apply (EMPIRICAL)', () => {
    const { refs, objects } = refsOf('secrets', [{ source: 'extsec' }], { extsec: { external: true, name: 'ccdconv-extsec' } })
    expect(refs).toEqual([{ File: { Name: 'extsec', UID: '0', GID: '0', Mode: 292 }, SecretName: 'ccdconv-extsec' }])
    expect(objects.externalSecrets).toEqual(['ccdconv-extsec'])
  })

  it('external configs are listed for apply as well', () => {
    const { objects } = refsOf('configs', [{ source: 'c' }], { c: { external: true } })
    expect(objects.externalConfigs).toEqual(['c'])
  })

  it('two references with the same target are an error', () => {
    const { diagnostics } = refsOf('secrets', [{ source: 'a', target: '/x' }, { source: 'b', target: '/x' }], { a: { file: 'sec.txt' }, b: { file: 'sec.txt' } })
    expect(diagnostics).toMatchObject([{ severity: 'error', path: 'services.app.secrets.b' }])
  })

  it('an undefined secret is an error', () => {
    const { diagnostics, objects } = refsOf('secrets', [{ source: 'nope' }], {})
    expect(diagnostics).toMatchObject([{ severity: 'error', path: 'services.app.secrets.nope' }])
    expect(objects.services).toEqual([])
  })

  it('no references: no Secrets / Configs', () => {
    const { spec } = convertOne({})
    expect(containerSpec(spec)).not.toHaveProperty('Secrets')
    expect(containerSpec(spec)).not.toHaveProperty('Configs')
  })
})
