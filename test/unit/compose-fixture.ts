// A throwaway recipe folder for compose pipeline tests.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Diagnostic } from '../../src-main/compose/diagnostics'
import { loadStackConfig, type StackConfigResult } from '../../src-main/compose/pipeline'

export function recipe(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-compose-'))
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
  return dir
}

/** Loads a recipe made of `files` with the env file text (DOMAIN defaults to app.example.com). */
export function load(files: Record<string, string>, envText = ''): StackConfigResult & { dir: string } {
  const dir = recipe(files)
  return { dir, ...loadStackConfig({ recipeDir: dir, envText, domain: 'app.example.com' }) }
}

export const errors = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error')
export const warnings = (ds: Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'warning')
