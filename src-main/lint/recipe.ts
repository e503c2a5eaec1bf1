// A recipe's files read once into what the rules look at. Every compose
// file at the top of the recipe is read (abra lints compose.yml and every
// compose.*.yml overlay together), through the compose pipeline's own load
// and interpolate stages, with the recipe's .env.sample and abra.sh as the
// environment, as a new app would start from them.
import type { Diagnostic } from '../compose/diagnostics'
import { parseAbraSh, parseEnvFile, stackNameFor } from '../compose/env'
import { interpolateFile } from '../compose/interpolate'
import { parseComposeText, type Dict } from '../compose/load'
import type { ParsedRecipe, ParsedService } from './model'

const COMPOSE_FILE = /^compose(?:\.[A-Za-z0-9_.-]+)?\.ya?ml$/

export function composeFileNames(files: Iterable<string>): string[] {
  // compose.yml first, then the overlays by name, as abra globs them.
  return [...files].filter((f) => COMPOSE_FILE.test(f)).sort((a, b) => (a === 'compose.yml' ? -1 : b === 'compose.yml' ? 1 : a.localeCompare(b)))
}

const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v)

function labelsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = String(item)
      const eq = s.indexOf('=')
      out[eq < 0 ? s : s.slice(0, eq)] = eq < 0 ? '' : s.slice(eq + 1)
    }
  } else if (isDict(v)) {
    for (const [k, val] of Object.entries(v)) out[k] = val === null || val === undefined ? '' : String(val)
  }
  return out
}

function configNames(v: unknown): string[] {
  if (!Array.isArray(v)) return []
  return v.map((c) => (isDict(c) ? String(c.source ?? '') : String(c))).filter((s) => s !== '')
}

export function parseRecipe(name: string, files: ReadonlyMap<string, string>): ParsedRecipe {
  const ignored: Diagnostic[] = []
  const sample = files.get('.env.sample')
  const abraSh = files.get('abra.sh')
  const fromAbraSh = abraSh === undefined ? {} : parseAbraSh(abraSh, ignored)
  const env: Record<string, string> = { ...fromAbraSh, ...(sample === undefined ? {} : parseEnvFile(sample, '.env.sample', ignored)) }
  env.DOMAIN ||= `${name}.example.com`
  env.STACK_NAME = stackNameFor(env.DOMAIN)

  const parsed: ParsedRecipe = {
    files,
    composeFiles: [],
    services: [],
    secrets: [],
    configs: [],
    abraShExports: Object.keys(fromAbraSh),
    unreadable: []
  }
  const services = new Map<string, ParsedService>()
  const secrets = new Set<string>()
  for (const file of composeFileNames(files.keys())) {
    const r = parseComposeText(files.get(file) as string, file)
    if (!r.loaded) {
      parsed.unreadable.push({ file, why: r.diagnostics.map((d) => d.message).join(' ') })
      continue
    }
    const raw = r.loaded.data
    const data = interpolateFile(r.loaded, env).data
    parsed.composeFiles.push({ file, version: raw.version === undefined || raw.version === null ? '' : String(raw.version) })
    for (const [svcName, svc] of Object.entries(isDict(data.services) ? data.services : {})) {
      const s = isDict(svc) ? svc : {}
      const prev = services.get(svcName) ?? { name: svcName, file, hasHealthcheck: false, deployLabels: {}, configs: [] }
      const image = typeof s.image === 'string' ? s.image : prev.image
      const deploy = isDict(s.deploy) ? s.deploy : {}
      services.set(svcName, {
        name: svcName,
        file: typeof s.image === 'string' ? file : prev.file,
        ...(image === undefined ? {} : { image }),
        hasHealthcheck: prev.hasHealthcheck || Object.hasOwn(s, 'healthcheck'),
        deployLabels: { ...prev.deployLabels, ...labelsOf(deploy.labels) },
        configs: [...new Set([...prev.configs, ...configNames(s.configs)])]
      })
    }
    for (const key of Object.keys(isDict(raw.secrets) ? raw.secrets : {})) secrets.add(key)
    for (const [key, c] of Object.entries(isDict(raw.configs) ? raw.configs : {})) {
      if (parsed.configs.some((x) => x.key === key)) continue
      const nameText = isDict(c) && typeof c.name === 'string' ? c.name : ''
      const versionVars = [...nameText.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*_VERSION)\b/g)].map((m) => m[1])
      parsed.configs.push({ key, versionVars })
    }
  }
  parsed.services = [...services.values()]
  parsed.secrets = [...secrets]
  return parsed
}
