// Validate: what docker stack deploy checks, in plain words with file, line
// and key.
// - Per file, before interpolation: `version` (supported, the same in every
//   file) and the properties docker/cli forbids (extends, volumes_from...).
// - Per file, after interpolation: docker/cli's JSON schema for that version
//   (see schema/index.ts), compiled with ajv. Formats are docker's: Go
//   durations and port specs.
// - After merging: references docker/cli's convert stage would refuse
//   (undefined secret/config/network/volume), a missing image, and secret or
//   config files that do not exist.

import { existsSync, statSync } from 'node:fs'
import AjvModule from 'ajv'
import type { ErrorObject, ValidateFunction } from 'ajv'
import type { Diagnostic } from './diagnostics'
import { describeAt, excerpt } from './diagnostics'
import type { Dict, LoadedFile } from './load'
import { goSprint, positionOf } from './load'
import type { Config, Position } from './model'
import { parseDuration } from './model'
import { DEFAULT_VERSION, schemas } from './schema/index'
import { parsePortSpec } from './short-syntax'
import { t as tr } from '../i18n/i18n'

// ajv ships CommonJS; under some loaders the class is on .default.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule

/** docker/cli's schema.Version: the file's `version` as text, "" or "3" meaning the newest 3.x. */
export function composeVersion(data: Dict): string {
  if (!Object.hasOwn(data, 'version')) return DEFAULT_VERSION
  const v = goSprint(data.version)
  return v === '' || v === '3' ? DEFAULT_VERSION : v
}

/** Checks `version` in each raw file: supported and the same everywhere (docker compares every file to the first). */
export function checkVersions(files: readonly LoadedFile[]): { version: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const first = files[0] ? composeVersion(files[0].data) : DEFAULT_VERSION
  for (const f of files) {
    const v = composeVersion(f.data)
    const line = f.positions.get('version')?.line
    const where = { file: f.file, line, path: 'version' }
    if (!Object.hasOwn(f.data, 'version')) {
      diagnostics.push({
        severity: 'warning',
        ...where,
        line: 1,
        message: tr('compose.check.noVersion', { file: f.file, version: DEFAULT_VERSION })
      })
    }
    if (!schemas[v]) {
      diagnostics.push({ severity: 'error', ...where, message: `${describeAt(where)}${tr('compose.check.versionUnsupported', { version: excerpt(v), latest: DEFAULT_VERSION })}` })
    } else if (v !== first) {
      diagnostics.push({ severity: 'error', ...where, message: `${describeAt(where)}${tr('compose.check.versionMismatch', { version: excerpt(v), file: files[0].file, first: excerpt(first) })}` })
    }
  }
  return { version: first, diagnostics }
}

/** docker/cli ForbiddenProperties: stack deploy refuses these service keys outright. */
export const FORBIDDEN_PROPERTIES: Record<string, string> = {
  extends: 'Support for `extends` is not implemented yet.',
  volume_driver:
    'Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.',
  volumes_from:
    'To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.',
  cpu_quota: 'Set resource limits using deploy.resources',
  cpu_shares: 'Set resource limits using deploy.resources',
  cpuset: 'Set resource limits using deploy.resources',
  mem_limit: 'Set resource limits using deploy.resources',
  memswap_limit: 'Set resource limits using deploy.resources'
}

export function checkForbidden(f: LoadedFile): Diagnostic[] {
  const out: Diagnostic[] = []
  const services = f.data.services
  if (!isDict(services)) return out
  for (const [name, svc] of Object.entries(services)) {
    if (!isDict(svc)) continue
    for (const key of Object.keys(svc)) {
      const why = FORBIDDEN_PROPERTIES[key]
      if (!why) continue
      const parts = ['services', name, key]
      const where = { file: f.file, line: positionOf(f.positions, parts)?.line, path: parts.join('.') }
      out.push({ severity: 'error', ...where, message: `${describeAt(where)}${tr('compose.check.forbidden', { path: where.path, why })}` })
    }
  }
  return out
}

// ---------------------------------------------------------------------------
// Schema

const compiled = new Map<string, ValidateFunction>()

function validatorFor(version: string): ValidateFunction | undefined {
  const hit = compiled.get(version)
  if (hit) return hit
  const schema = schemas[version]
  if (!schema) return undefined
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    verbose: true,
    formats: {
      duration: { type: 'string', validate: (s: string) => parseDuration(s) !== undefined },
      ports: { type: 'string', validate: (s: string) => parsePortSpec(s).error === undefined },
      ports_number: { type: 'number', validate: (n: number) => parsePortSpec(goSprint(n)).error === undefined },
      // docker registers no checker for "expose"; gojsonschema lets unknown formats pass.
      expose: true
    }
  })
  const fn = ajv.compile(adaptDraft04(schema) as object)
  compiled.set(version, fn)
  return fn
}

// Draft-04 → what ajv's default draft understands: drop `$schema` and the
// `id` keywords (they only name fragments; every $ref is "#/definitions/…"),
// and give number-typed "ports" its own format name since an ajv format has
// one type.
function adaptDraft04(node: unknown, inMap = false): unknown {
  if (Array.isArray(node)) return node.map((n) => adaptDraft04(n))
  if (!isDict(node)) return node
  const out: Dict = {}
  for (const [k, v] of Object.entries(node)) {
    if (!inMap && k === '$schema') continue
    if (!inMap && k === 'id' && typeof v === 'string') continue
    const isMap = !inMap && (k === 'properties' || k === 'patternProperties' || k === 'definitions')
    out[k] = adaptDraft04(v, isMap)
  }
  if (!inMap && out.format === 'ports' && out.type === 'number') out.format = 'ports_number'
  return out
}

/** Validates one interpolated file against docker/cli's schema for `version`. */
export function validateSchema(data: Dict, f: LoadedFile, version: string): Diagnostic[] {
  const validate = validatorFor(version)
  if (!validate) return []
  if (validate(data)) return []
  return translateErrors(validate.errors ?? [], f)
}

function pointerParts(pointer: string): string[] {
  if (!pointer) return []
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
}

const TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'] as const
const typeWords = (type: string): string => ((TYPES as readonly string[]).includes(type) ? tr(`compose.check.types.${type as (typeof TYPES)[number]}`) : type)

function orList(words: string[]): string {
  const uniq = [...new Set(words)]
  if (uniq.length <= 1) return uniq[0] ?? ''
  return tr('compose.check.or', { list: uniq.slice(0, -1).join(', '), last: uniq[uniq.length - 1] })
}

function translateErrors(errors: ErrorObject[], f: LoadedFile): Diagnostic[] {
  // One message per failing location; a location is dropped when a deeper
  // one failed too (the deeper one says more), like docker's "most specific
  // error", but every independent problem is reported.
  const byPath = new Map<string, { parts: string[]; errs: ErrorObject[] }>()
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue
    let parts = pointerParts(e.instancePath)
    if (e.keyword === 'additionalProperties') parts = [...parts, String((e.params as { additionalProperty: string }).additionalProperty)]
    if (e.keyword === 'required') parts = [...parts, String((e.params as { missingProperty: string }).missingProperty)]
    const key = parts.join('\u0000')
    const slot = byPath.get(key) ?? { parts, errs: [] }
    slot.errs.push(e)
    byPath.set(key, slot)
  }
  const keys = [...byPath.keys()]
  const out: Diagnostic[] = []
  for (const [key, { parts, errs }] of byPath) {
    if (keys.some((k) => k !== key && k.startsWith(`${key}\u0000`))) continue
    const path = parts.join('.')
    const pos = positionOf(f.positions, parts)
    const where = { file: f.file, line: pos?.line, path }
    out.push({ severity: 'error', ...where, message: `${describeAt(where)}${describe(errs, parts)}` })
  }
  return out
}

function describe(errs: ErrorObject[], parts: string[]): string {
  // Keys come from the file and may be of any length: messages quote them cut short.
  const path = excerpt(parts.join('.'))
  const parent = excerpt(parts.slice(0, -1).join('.'))
  const rawLast = parts[parts.length - 1]
  const last = excerpt(rawLast)
  const pick = (kw: string): ErrorObject | undefined => errs.find((e) => e.keyword === kw)

  const extra = pick('additionalProperties')
  if (extra) {
    const ps = extra.parentSchema as { patternProperties?: Record<string, unknown> } | undefined
    const named = Object.keys(ps?.patternProperties ?? {}).filter((p) => p !== '^x-')
    if (named.length && !/^[a-zA-Z0-9._-]+$/.test(rawLast)) {
      return tr('compose.check.badName', { name: last, parent })
    }
    return parent ? tr('compose.check.unknownKey', { key: last, parent }) : tr('compose.check.unknownTopKey', { key: last })
  }
  const req = pick('required')
  if (req) return tr('compose.check.needs', { parent, key: last })
  const fmt = pick('format')
  if (fmt) {
    const format = String((fmt.params as { format: string }).format)
    if (format === 'duration') return tr('compose.check.duration', { path, value: excerpt(JSON.stringify(fmt.data)) })
    if (format.startsWith('ports')) {
      const why = parsePortSpec(goSprint(fmt.data)).error
      return tr('compose.check.port', { path, why: excerpt(why ?? '') })
    }
    return tr('compose.check.format', { path, format })
  }
  const en = pick('enum')
  if (en) return tr('compose.check.oneOf', { path, values: ((en.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ') })
  const uniq = pick('uniqueItems')
  if (uniq) return tr('compose.check.unique', { path })
  const min = pick('minimum')
  if (min) return tr('compose.check.minimum', { path, limit: (min.params as { limit: number }).limit })
  const types = errs.filter((e) => e.keyword === 'type')
  if (types.length) {
    const words = types.flatMap((e) => {
      const t = (e.params as { type: string | string[] }).type
      return (Array.isArray(t) ? t : String(t).split(',')).map((x) => typeWords(x))
    })
    return tr('compose.check.type', { path, types: orList(words) })
  }
  return tr('compose.check.invalid', { path, message: errs[0].message ?? tr('compose.check.isInvalid') })
}

// ---------------------------------------------------------------------------
// After merge: references and files.

function at(config: Config, parts: (string | number)[]): { file?: string; line?: number; path: string } {
  const pos: Position | undefined = positionOf(config.positions, parts)
  return { file: pos?.file, line: pos?.line, path: parts.join('.') }
}

/** The checks docker's convert stage makes before anything is sent. */
export function validateReferences(config: Config): Diagnostic[] {
  const out: Diagnostic[] = []
  const err = (parts: (string | number)[], text: string): void => {
    const where = at(config, parts)
    out.push({ severity: 'error', ...where, message: `${describeAt(where)}${text}` })
  }
  for (const svc of config.services) {
    const s = svc.name
    if (!svc.image) err(['services', s], tr('compose.check.noImage', { service: s }))
    else {
      const why = imageReferenceProblem(svc.image)
      if (why) err(['services', s, 'image'], tr('compose.check.badImage', { service: s, image: excerpt(svc.image), why }))
    }
    for (const ref of svc.secrets ?? []) {
      if (!Object.hasOwn(config.secrets, ref.source)) {
        err(['services', s, 'secrets', ref.source], tr('compose.check.undefinedSecret', { service: s, name: ref.source }))
      }
    }
    for (const ref of svc.configs ?? []) {
      if (!Object.hasOwn(config.configs, ref.source)) {
        err(['services', s, 'configs', ref.source], tr('compose.check.undefinedConfig', { service: s, name: ref.source }))
      }
    }
    for (const net of Object.keys(svc.networks ?? {})) {
      if (net !== 'default' && !Object.hasOwn(config.networks, net)) {
        err(['services', s, 'networks', net], tr('compose.check.undefinedNetwork', { service: s, name: net }))
      }
    }
    for (const v of svc.volumes ?? []) {
      if (v.type === 'volume' && v.source && !Object.hasOwn(config.volumes, v.source)) {
        err(['services', s, 'volumes', v.target], tr('compose.check.undefinedVolume', { service: s, name: v.source }))
      }
    }
  }
  for (const [kind, objs] of [
    ['secrets', config.secrets],
    ['configs', config.configs]
  ] as const) {
    for (const [name, obj] of Object.entries(objs)) {
      if (obj.external || obj.driver) continue
      const parts = [kind, name, 'file']
      if (!obj.file) {
        err([kind, name], tr(kind === 'secrets' ? 'compose.check.noSecretFile' : 'compose.check.noConfigFile', { name }))
      } else if (!existsSync(obj.file)) {
        // Not translated: apps/recipe-gaps.ts reads the missing file's name from these words.
        err(parts, `\`${kind}.${name}.file\` is ${obj.file}, which does not exist.`)
      } else if (statSync(obj.file).isDirectory()) {
        err(parts, tr('compose.check.folderNotFile', { kind, name, file: obj.file }))
      }
    }
  }
  return out
}

// distribution/reference's grammar, enough for ParseAnyReference's verdict.
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const domainPart = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
const referenceRe = new RegExp(
  `^(?:${domainPart}/)?${pathComponent}(?:/${pathComponent})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`
)

export function imageReferenceProblem(image: string): string | undefined {
  if (/^[a-f0-9]{64}$/.test(image)) return undefined
  if (referenceRe.test(image)) return undefined
  if (referenceRe.test(image.toLowerCase())) return 'repository name must be lowercase'
  return 'invalid reference format'
}

function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}
