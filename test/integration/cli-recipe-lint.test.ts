import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { cliBin, requireBuiltCli, runCli } from '../support/cli'

// `recipe lint` as a person runs it: the built bin in a fresh process, a
// temp HOME, a recipe by name from the test recipe world (cloned over git
// HTTP as abra would) and folders on disk. --offline keeps the registry
// rule from asking anyone (lint-registry.test.ts covers it).

const FIXTURES = path.resolve(__dirname, '../fixtures/lint')
let home: string
let world: RecipeWorld

beforeAll(async () => {
  requireBuiltCli()
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-cli-lint-'))
  world = await startRecipeWorld()
}, 60_000)

afterAll(async () => {
  await world?.close()
  if (home) fs.rmSync(home, { recursive: true, force: true })
})

const cli = (args: string[]) => runCli(cliBin, home, { ABRA_DIR: path.join(home, '.abra'), LANG: 'C', ...world.env }, args)

describe('coopcloud-desktop recipe lint', () => {
  it('lints a recipe by name at its newest version, with a table and JSON; exit code follows error-level rules', async () => {
    const json = await cli(['recipe', 'lint', 'traefik', '--offline', '--json'])
    const report = JSON.parse(json.stdout)
    expect(report.results.map((r: { id: string }) => r.id)).toEqual(['R001', 'R002', 'R003', 'R004', 'R005', 'R006', 'R007', 'R008', 'R009', 'R010', 'R011', 'R012', 'R013', 'R014', 'R015', 'D001'])
    expect(report.version).toBe('v2.4.8')
    const by = Object.fromEntries(report.results.map((r: { id: string; status: string }) => [r.id, r.status]))
    // A published, annotated version from a repository the catalogue lists.
    expect([by.R006, by.R013, by.R014]).toEqual(['ok', 'ok', 'ok'])
    expect(by.D001).toBe('skipped')
    expect(json.code).toBe(report.errors > 0 ? 1 : 0)

    const table = await cli(['recipe', 'lint', 'traefik', '--offline'])
    expect(table.code).toBe(json.code)
    expect(table.stdout).toMatch(/^Recipe traefik, version v2\.4\.8:/)
    expect(table.stdout).toMatch(/^Rule\s+Level\s+Result\s+What it checks\s+How to fix it/m)
    // README metadata: traefik's Status is "?" (a warning), shown with how to fix it.
    expect(table.stdout).toMatch(/^R007\s+warn\s+fails\s+The README describes the recipe.*Fill in the README.*Fails for: Status/m)
    expect(table.stdout).toMatch(/^D001\s+error\s+skipped\s+.*Not checked: the registries were not asked\./m)
  }, 60_000)

  it('lints a folder: exit 1 when an error-level rule fails, 0 with warnings only', async () => {
    const bad = await cli(['recipe', 'lint', path.join(FIXTURES, 'r009-app-service'), '--offline'])
    expect(bad.code, bad.stderr).toBe(1)
    // Failing rules first, errors before warnings.
    const rows = bad.stdout.split('\n').filter((l) => /^[RD]\d{3}\s/.test(l))
    expect(rows[0]).toMatch(/^R009\s+error\s+fails\s+One service is named "app"\s+Name the main service "app"/)
    expect(bad.stdout).toMatch(/1 problem\(s\) and 2 warning\(s\)\./)

    // A folder outside git: no published version and no repository are warnings only.
    const good = await cli(['recipe', 'lint', path.join(FIXTURES, 'good'), '--offline'])
    expect(good.code, good.stderr).toBe(0)
    expect(good.stdout).toMatch(/^R006\s+warn\s+fails/m)
    expect(good.stdout).toMatch(/^R014\s+error\s+skipped\s+.*not a git repository/m)
  }, 60_000)

  it('says in words what is wrong with the command or the folder', async () => {
    const notFolder = await cli(['recipe', 'lint', path.join(FIXTURES), '--offline'])
    expect(notFolder.code).toBe(1)
    expect(notFolder.stderr).toMatch(/is not a recipe folder \(no compose\.yml\)/)
    for (const args of [['recipe'], ['recipe', 'explode'], ['recipe', 'lint'], ['recipe', 'lint', 'a', 'b'], ['recipe', 'lint', 'x', '--nope']]) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('Usage:')
    }
  }, 60_000)
})
