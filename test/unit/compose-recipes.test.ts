// Every version folder of every shared recipe must load without errors, with
// the overlays its .env.sample enables and with every commented
// COMPOSE_FILE line enabled too. shared/ leaves out shell-script templates,
// so missing `file:` targets get empty stand-ins in a temp copy (as the
// parity tests do) — after checking that the engine reports them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../src-main/compose/env'
import { loadStackConfig, renderStack } from '../../src-main/compose/pipeline'

const repoRoot = path.resolve(import.meta.dirname, '..', '..')
const recipesRoot = path.resolve(repoRoot, '..', 'shared', 'recipes')

const versions = fs.existsSync(recipesRoot)
  ? fs.readdirSync(recipesRoot).flatMap((recipe) =>
      fs
        .readdirSync(path.join(recipesRoot, recipe))
        .filter((v) => fs.existsSync(path.join(recipesRoot, recipe, v, '.env.sample')))
        .map((v) => ({ recipe, version: v, dir: path.join(recipesRoot, recipe, v) }))
    )
  : []

// Recipe bugs that docker stack deploy rejects too (it says `undefined secret
// "github_client_secret"`): compose.auth.github.yml uses a secret it declares
// under another name (oauth_client_secret).
const knownBroken: Record<string, RegExp[]> = {
  'bonfire every overlay': [/^compose\.auth\.github\.yml line 9: service `app` uses secret `github_client_secret`, which is not defined under the top-level `secrets`\.$/]
}

const uncommentComposeFiles = (text: string): string => text.replace(/^[ \t]*#[ \t]*(COMPOSE_FILE=)/gm, '$1')

function copyWithStandIns(src: string, envText: string, domain: string): { dir: string; standIns: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-recipe-'))
  fs.cpSync(src, dir, { recursive: true })
  const first = loadStackConfig({ recipeDir: dir, envText, domain })
  const standIns: string[] = []
  for (const defs of [first.config?.configs ?? {}, first.config?.secrets ?? {}]) {
    for (const def of Object.values(defs)) {
      if (!def.file || def.external || fs.existsSync(def.file)) continue
      fs.mkdirSync(path.dirname(def.file), { recursive: true })
      fs.writeFileSync(def.file, '')
      standIns.push(path.relative(dir, def.file))
    }
  }
  return { dir, standIns }
}

describe.skipIf(versions.length === 0)('shared recipes load without errors', () => {
  for (const { recipe, version, dir } of versions) {
    const sample = fs.readFileSync(path.join(dir, '.env.sample'), 'utf8')
    const abraShText = fs.existsSync(path.join(dir, 'abra.sh')) ? fs.readFileSync(path.join(dir, 'abra.sh'), 'utf8') : undefined
    const domain = parseEnvFile(sample, '.env.sample', []).DOMAIN ?? `${recipe}.example.com`
    for (const [variant, envText] of [
      ['as sampled', sample],
      ['every overlay', uncommentComposeFiles(sample)]
    ] as const) {
      it(`${recipe} ${version} (${variant})`, () => {
        // Missing templates are reported as errors naming the key…
        const known = knownBroken[`${recipe} ${variant}`] ?? []
        const isKnown = (m: string): boolean => known.some((re) => re.test(m))
        const raw = loadStackConfig({ recipeDir: dir, envText, domain, abraShText })
        for (const d of raw.diagnostics.filter((x) => x.severity === 'error' && !isKnown(x.message))) {
          expect(d.message).toMatch(/^[^ ]*compose[^ ]*\.yml line \d+: `(configs|secrets)\.[^`]+\.file` is .*, which does not exist\.$/)
        }
        // …and with stand-ins the whole pipeline is clean (but for known recipe bugs).
        const { dir: copy } = copyWithStandIns(dir, envText, domain)
        const r = renderStack({ recipeDir: copy, envText, domain, abraShText })
        const errs = r.diagnostics.filter((x) => x.severity === 'error').map((d) => d.message)
        expect(errs.filter((m) => !isKnown(m))).toEqual([])
        expect(errs).toHaveLength(known.length)
        if (!known.length) expect(r.objects?.services.length).toBeGreaterThan(0)
        else expect(r.config?.services.length).toBeGreaterThan(0)
        expect(r.stackName).toBe(domain.replaceAll('.', '_'))
        fs.rmSync(copy, { recursive: true, force: true })
      })
    }
  }
})
