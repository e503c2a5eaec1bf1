// A recipe is outside input: every parse of it has a budget, and what goes
// over is refused in plain words (defect 8 of issue 9).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src-main/api/dispatch'
import { COMPOSE_LIMITS } from '../../src-main/compose/budgets'
import { appEnvironment, parseEnvFile } from '../../src-main/compose/env'
import { loadComposeFiles, parseComposeText } from '../../src-main/compose/load'
import { renderStack } from '../../src-main/compose/pipeline'
import type { Diagnostic } from '../../src-main/compose/diagnostics'
import { createCore } from '../../src-main/core/core'
import { ENV_FILE_LIMIT } from '../../src-main/core/limits'
import { errors, load, recipe } from './compose-fixture'

const parse = (text: string) => parseComposeText(text, 'compose.yml')

/** `levels` anchors, each a list of `width` aliases of the one before: width^levels nodes once expanded. */
function aliasChain(levels: number, width: number): string {
  let s = 'version: "3.8"\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for (let i = 1; i <= levels; i++) s += `x-a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`
  return `${s}services:\n  app:\n    image: nginx\n`
}

describe('compose budget: aliases', () => {
  it('refuses a billion-laughs chain (ten levels of nine) with docker\'s words', () => {
    const r = parse(aliasChain(10, 9))
    expect(r.loaded).toBeUndefined()
    expect(errors(r.diagnostics)).toHaveLength(1)
    expect(r.diagnostics[0].message).toMatch(/^compose\.yml: .*"yaml: document contains excessive aliasing"/)
  })

  it('stops after a fixed number of nodes, however far the chain would expand', () => {
    // 9^40 nodes: a walk that were not cut off at COMPOSE_LIMITS.nodes would never end.
    const r = parse(aliasChain(40, 9))
    expect(r.diagnostics[0].message).toContain(`more than ${COMPOSE_LIMITS.nodes} entries`)
    expect(r.diagnostics[0].message).toContain('excessive aliasing')
  })

  it('counts aliases reached through merge keys too', () => {
    let s = 'version: "3.8"\nx-m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n'
    for (let i = 1; i <= 12; i++) s += `x-m${i}: &m${i}\n${Array.from({ length: 9 }, (_, k) => `  k${k}: *m${i - 1}`).join('\n')}\n  <<: [*m${i - 1}, *m${i - 1}]\n`
    const r = parse(`${s}services:\n  app:\n    image: nginx\n`)
    expect(r.loaded).toBeUndefined()
    expect(r.diagnostics[0].message).toContain('excessive aliasing')
  })

  it('is refused by stacks.render, the door the window and `stack render` use', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-laughs-'))
    const recipeDir = path.join(home, '.abra', 'recipes', 'laughs')
    fs.mkdirSync(recipeDir, { recursive: true })
    fs.writeFileSync(path.join(recipeDir, 'compose.yml'), aliasChain(10, 9))
    fs.mkdirSync(path.join(home, '.abra', 'servers', 's1'), { recursive: true })
    const envFile = path.join(home, '.abra', 'servers', 's1', 'laughs.example.org.env')
    fs.writeFileSync(envFile, 'DOMAIN=laughs.example.org\n')
    const core = createCore({ transport: 'browser', home, env: { HOME: home } })
    try {
      const r = await dispatch(core.handlers, 'stacks.render', { recipeDir, envFile })
      expect(r.ok).toBe(true)
      const value = (r as { value: { objects?: unknown; diagnostics: Diagnostic[] } }).value
      expect(value.objects).toBeUndefined()
      expect(value.diagnostics.map((d) => d.message)).toEqual([
        `compose.yml: its aliases (*name) expand to more than ${COMPOSE_LIMITS.nodes} entries, so it was not read (docker refuses it too: "yaml: document contains excessive aliasing").`
      ])
    } finally {
      await core.close()
    }
  })

  it('still expands the aliases real recipes use', () => {
    const r = parse('version: "3.8"\nx-env: &env\n  A: "1"\nservices:\n  app:\n    image: nginx\n    environment: *env\n  worker:\n    image: nginx\n    environment:\n      <<: *env\n      B: "2"\n')
    expect(r.diagnostics).toEqual([])
    const services = r.loaded!.data.services as Record<string, { environment: unknown }>
    expect(services.worker.environment).toEqual({ A: '1', B: '2' })
  })
})

describe('compose budget: nesting and size', () => {
  it('refuses thousands of nested brackets before the YAML parser recurses into them', () => {
    const r = parse(`version: "3.8"\nx-deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)
    expect(r.loaded).toBeUndefined()
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 2 })
    expect(r.diagnostics[0].message).toBe(`compose.yml line 2: the YAML nests more than ${COMPOSE_LIMITS.depth} levels deep; it was not read.`)
  })

  it('refuses deep block nesting (compact "- - - -" lists and indented maps)', () => {
    expect(parse(`${'- '.repeat(5000)}x\n`).diagnostics[0].message).toMatch(/nests more than 64 levels deep/)
    const indented = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')
    expect(parse(indented).diagnostics[0].message).toMatch(/nests more than 64 levels deep/)
  })

  it('accepts nesting well within the limit', () => {
    const r = parse(`version: "3.8"\nx-deep: ${'['.repeat(30)}1${']'.repeat(30)}\nservices:\n  app:\n    image: nginx\n`)
    expect(r.diagnostics).toEqual([])
  })

  it('refuses an alias that points into its own anchor', () => {
    const r = parse('version: "3.8"\nx-loop: &loop\n  again: *loop\nservices:\n  app:\n    image: nginx\n')
    expect(r.loaded).toBeUndefined()
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'compose.yml',
        message: `compose.yml: the YAML nests more than ${COMPOSE_LIMITS.depth} levels deep once its aliases (*name) are followed (an alias inside its own anchor?); it was not read.`
      }
    ])
  })

  it('counts nesting the same before and after parsing: 60 nested maps are fine', () => {
    const nested = `${Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`
    expect(parse(nested).diagnostics).toEqual([])
  })

  it('refuses a compose file over the size limit, from text or from disk, without reading it whole', () => {
    const big = `version: "3.8"\nx-pad: "${'a'.repeat(COMPOSE_LIMITS.bytes)}"\n`
    expect(parse(big).diagnostics[0].message).toBe("compose.yml: this compose file is 256 kB, more than the 256 kB a recipe's compose file may have; it was not read.")

    const dir = recipe({})
    // 64 MB of holes: reading it whole is what the limit prevents.
    fs.closeSync(fs.openSync(path.join(dir, 'compose.yml'), 'w'))
    fs.truncateSync(path.join(dir, 'compose.yml'), 64 * 1024 * 1024)
    const r = loadComposeFiles(dir, ['compose.yml'])
    expect(r.files).toEqual([])
    expect(r.diagnostics[0].message).toBe('compose.yml: this compose file, named in COMPOSE_FILE, could not be read (it is larger than 256 kB, the most the app reads from such a file).')
  })

  it('finds a duplicate key in a large mapping (no quadratic check)', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `  k${i}: v`).join('\n')
    const r = parse(`x-many:\n${keys}\n  k7: again\n`)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 10_002 })
    expect(r.diagnostics[0].message).toMatch(/a key appears twice/)
  })
})

/** No message quotes more than a short excerpt of a 100 kB value. */
function expectShortQuotes(ds: Diagnostic[], value: string): void {
  expect(ds.length).toBeGreaterThan(0)
  for (const d of ds) {
    expect(d.message.length).toBeLessThan(600)
    expect(d.message).not.toContain(value.slice(0, 200))
  }
}

describe('messages quote only a short excerpt of the input', () => {
  const huge = 'x'.repeat(100_000)

  it('an unterminated ${ in a 100 kB value', () => {
    const r = load({ 'compose.yml': `version: "3.8"\nservices:\n  app:\n    image: "\${${huge}"\n` })
    const errs = errors(r.diagnostics)
    expectShortQuotes(errs, huge)
    expect(errs[0].message).toMatch(/^compose\.yml line 4: `services\.app\.image`: "\$\{x{77}…" has a \$\{ that is never closed; write \$\$ for a literal \$\.$/)
  })

  it('a 100 kB version, image and key', () => {
    expectShortQuotes(errors(load({ 'compose.yml': `version: "${huge}"\nservices:\n  app:\n    image: nginx\n` }).diagnostics), huge)
    expectShortQuotes(errors(load({ 'compose.yml': `version: "3.8"\nservices:\n  app:\n    image: "${huge}:::"\n` }).diagnostics), huge)
    expectShortQuotes(errors(load({ 'compose.yml': `version: "3.8"\nservices:\n  app:\n    image: nginx\n    ${huge}: 1\n` }).diagnostics), huge)
    expectShortQuotes(errors(load({ 'compose.yml': `version: "3.8"\nservices:\n  app:\n    image: nginx\n    stop_grace_period: "${huge}"\n` }).diagnostics), huge)
  })

  it('a 100 kB line of an env file and of a service env_file', () => {
    const env: Diagnostic[] = []
    parseEnvFile(`${huge}!=1\n`, 'app.env', env)
    expectShortQuotes(env, huge)
    const noEquals: Diagnostic[] = []
    parseEnvFile(`A=1\n${huge}`, 'app.env', noEquals)
    expectShortQuotes(noEquals, huge)
    expect(noEquals[0].message).toMatch(/^app\.env line 2: "x{79}…" has no "="\.$/)
    const r = load({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    env_file: app.env\n', 'app.env': `A=1\n${huge} y=1\n` })
    expectShortQuotes(errors(r.diagnostics), huge)
  })
})

describe('env file budget', () => {
  it('refuses an env file over the limit, unread', () => {
    const ds: Diagnostic[] = []
    const text = `A=1\n${'#'.repeat(ENV_FILE_LIMIT)}\n`
    expect(parseEnvFile(text, 'app.env', ds)).toEqual({})
    expect(ds).toEqual([{ severity: 'error', file: 'app.env', message: 'app.env: this env file is 1 MB, more than the 1 MB the app reads; it was not read.' }])
    const app = appEnvironment({ envText: text, domain: 'a.example.org' })
    expect(errors(app.diagnostics)[0].message).toContain('more than the 1 MB the app reads')
  })

  it('refuses a service env_file over the limit without reading it whole', () => {
    const dir = recipe({ 'compose.yml': 'version: "3.8"\nservices:\n  app:\n    image: nginx\n    env_file: big.env\n' })
    fs.closeSync(fs.openSync(path.join(dir, 'big.env'), 'w'))
    fs.truncateSync(path.join(dir, 'big.env'), 64 * 1024 * 1024)
    const r = renderStack({ recipeDir: dir, envText: '', domain: 'a.example.org' })
    expect(r.objects).toBeUndefined()
    expect(errors(r.diagnostics)[0].message).toBe(
      'compose.yml line 5: `services.app.env_file` names big.env, which could not be read: it is larger than 1 MB, the most the app reads from such a file.'
    )
  })
})
