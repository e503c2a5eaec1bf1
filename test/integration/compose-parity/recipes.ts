// The recipe corpus under ../shared/recipes and what a parity case needs
// around it: a writable copy with stand-ins for the config and secret files
// that shared/ leaves out, and the names of the external secrets to create.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

export const RECIPES_ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'recipes')

export interface RecipeVersion {
  recipe: string
  version: string
  dir: string
}

/** Version folders in the order abra would upgrade through them (releases by version, then `main`). */
export function recipeVersions(root = RECIPES_ROOT): RecipeVersion[] {
  if (!fs.existsSync(root)) return []
  const out: RecipeVersion[] = []
  for (const recipe of fs.readdirSync(root).sort()) {
    const rdir = path.join(root, recipe)
    if (!fs.statSync(rdir).isDirectory()) continue
    const versions = fs.readdirSync(rdir).filter((v) => fs.existsSync(path.join(rdir, v, '.env.sample')))
    versions.sort(compareVersions)
    for (const version of versions) out.push({ recipe, version, dir: path.join(rdir, version) })
  }
  return out
}

function compareVersions(a: string, b: string): number {
  const key = (v: string): number[] => (/^v?\d/.test(v) ? v.replace(/^v/, '').split(/[.+_-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : 0)) : [Infinity])
  const ka = key(a)
  const kb = key(b)
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0)
    if (d !== 0 && !Number.isNaN(d)) return d
  }
  return a.localeCompare(b)
}

// ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?e}, ${VAR?e}, ${VAR:+a}, ${VAR+a}, $VAR, $$:
// enough to work out file paths and secret names for the test's own setup.
export function interpolate(s: string, env: Record<string, string>): string {
  return s.replace(/\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (whole === '$$') return '$'
    const name = braced ?? bare!
    const value = env[name]
    const set = value !== undefined
    const nonEmpty = set && value !== ''
    switch (op) {
      case ':-':
        return nonEmpty ? value : interpolate(arg ?? '', env)
      case '-':
        return set ? value : interpolate(arg ?? '', env)
      case ':+':
        return nonEmpty ? interpolate(arg ?? '', env) : ''
      case '+':
        return set ? interpolate(arg ?? '', env) : ''
      default:
        return value ?? ''
    }
  })
}

type Dict = Record<string, unknown>
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v)

function composeFilesIn(dir: string): string[] {
  const found: string[] = []
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (/^compose.*\.ya?ml$/.test(e.name)) found.push(path.relative(dir, p))
    }
  }
  walk(dir)
  return found.sort()
}

function readCompose(dir: string, file: string): Dict {
  const doc = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8'), { merge: true }) as unknown
  return isDict(doc) ? doc : {}
}

/**
 * Copies a recipe version to a temp dir and writes small, deterministic
 * stand-ins for every `file:` of a config or secret that is missing
 * (shared/ leaves the shell-script templates out). Returns the copy's path.
 */
export function prepareRecipeCopy(src: RecipeVersion, env: Record<string, string>): string {
  const root = process.env.CCD_TEST_HOME_ROOT || os.tmpdir()
  fs.mkdirSync(root, { recursive: true })
  const dir = fs.mkdtempSync(path.join(root, `ccdpar-${src.recipe}-`))
  fs.cpSync(src.dir, dir, { recursive: true })
  const makeWritable = (p: string): void => {
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644)
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) makeWritable(path.join(p, e))
  }
  makeWritable(dir)
  for (const file of composeFilesIn(dir)) {
    const doc = readCompose(dir, file)
    for (const section of ['configs', 'secrets'] as const) {
      const defs = doc[section]
      if (!isDict(defs)) continue
      for (const [key, def] of Object.entries(defs)) {
        if (!isDict(def) || typeof def.file !== 'string') continue
        const rel = interpolate(def.file, env)
        const target = path.resolve(dir, rel)
        if (!target.startsWith(dir + path.sep) || fs.existsSync(target)) continue
        fs.mkdirSync(path.dirname(target), { recursive: true })
        fs.writeFileSync(target, `#!/bin/sh\n# Stand-in for ${rel} (${section}.${key}), written by the parity tests.\nexec "$@"\n`)
      }
    }
  }
  return dir
}

/** Names of the external secrets the given compose files declare, interpolated with `env`. */
export function externalSecretNames(dir: string, files: string[], env: Record<string, string>): string[] {
  const names = new Set<string>()
  for (const file of files) {
    if (!fs.existsSync(path.join(dir, file))) continue
    const defs = readCompose(dir, file).secrets
    if (!isDict(defs)) continue
    for (const [key, def] of Object.entries(defs)) {
      if (!isDict(def)) continue
      const ext = def.external
      if (!ext) continue
      const extName = isDict(ext) && typeof ext.name === 'string' ? ext.name : undefined
      names.add(interpolate(typeof def.name === 'string' ? def.name : (extName ?? key), env))
    }
  }
  return [...names].sort()
}

/**
 * Secrets and configs the services of `files` use without any of the files
 * defining them, e.g. `service app: undefined secret "github_client_secret"`:
 * docker stack deploy refuses such a set of files.
 */
export function undefinedReferences(dir: string, files: string[]): string[] {
  const defined = { secrets: new Set<string>(), configs: new Set<string>() }
  const used: { kind: 'secrets' | 'configs'; name: string; service: string }[] = []
  for (const file of files) {
    if (!fs.existsSync(path.join(dir, file))) continue
    const doc = readCompose(dir, file)
    for (const kind of ['secrets', 'configs'] as const) {
      const defs = doc[kind]
      if (isDict(defs)) for (const k of Object.keys(defs)) defined[kind].add(k)
    }
    const services = doc.services
    if (!isDict(services)) continue
    for (const [service, def] of Object.entries(services)) {
      if (!isDict(def)) continue
      for (const kind of ['secrets', 'configs'] as const) {
        const refs = def[kind]
        if (!Array.isArray(refs)) continue
        for (const r of refs) {
          const name = typeof r === 'string' ? r : isDict(r) && typeof r.source === 'string' ? r.source : undefined
          if (name) used.push({ kind, name, service })
        }
      }
    }
  }
  return used.filter((u) => !defined[u.kind].has(u.name)).map((u) => `service ${u.service}: undefined ${u.kind.slice(0, -1)} "${u.name}"`)
}
