// Interpolate: replace ${VAR} forms in every string VALUE (never in keys) of
// one loaded compose file, then cast the values docker/cli casts — but only
// where interpolation changed the string, exactly like docker/cli's
// interpolation.recursiveInterpolate (so `replicas: "2"` written quoted stays
// a string and fails validation, as it does with docker stack deploy).
//
// Forms: $$ → $, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?message}, ${VAR?message}, ${VAR:+alternative}, ${VAR+alternative},
// with ${...} nested inside defaults/alternatives (compose spec).
//
// Where docker stack deploy reads a form differently, the compose-spec
// meaning is used and a warning says so, because the recipe would not deploy
// the same with abra / docker stack deploy:
// - docker/cli has no :+ / + (it rejects them as invalid);
// - docker/cli does not nest: the default ends at the first `}`;
// - docker/cli's unbraced $VAR swallows a following -, :-, ? or :? and the
//   rest of the string up to a `}`, i.e. `$A-b` means ${A-b}. That quirk is
//   kept (it decides the value) with a warning.
// Unset variables become "" as in docker, with a warning naming the key.

import type { Diagnostic } from './diagnostics'
import { describeAt, excerpt } from './diagnostics'
import type { Dict, LoadedFile } from './load'
import { positionOf } from './load'
import { t as tr } from '../i18n/i18n'

export type Lookup = (name: string) => string | undefined

export interface SubstituteResult {
  value: string
  /** Variables read bare (no default) that are not set. */
  unset: string[]
  /** Plain-words error, e.g. for ${X:?msg} or an unterminated `${`. */
  error?: string
  /** Forms docker stack deploy reads differently. */
  notes: string[]
}

const nameStart = /[_a-zA-Z]/
const nameChar = /[_a-zA-Z0-9]/

/** Substitutes one string. Never throws. */
export function substitute(template: string, lookup: Lookup): SubstituteResult {
  const res: SubstituteResult = { value: '', unset: [], notes: [] }
  const r = expand(template, lookup, res)
  if (r === undefined) return { ...res, value: template }
  res.value = r
  return res
}

function expand(t: string, lookup: Lookup, res: SubstituteResult): string | undefined {
  let out = ''
  let i = 0
  while (i < t.length) {
    const c = t[i]
    if (c !== '$') {
      out += c
      i++
      continue
    }
    const next = t[i + 1]
    if (next === '$') {
      out += '$'
      i += 2
      continue
    }
    if (next === '{') {
      const end = matchingBrace(t, i + 2)
      if (end === -1) {
        res.error = tr('compose.interpolate.unclosed', { text: excerpt(t) })
        return undefined
      }
      const v = braced(t.slice(i + 2, end), t, lookup, res)
      if (v === undefined) return undefined
      out += v
      i = end + 1
      continue
    }
    if (next !== undefined && nameStart.test(next)) {
      let j = i + 1
      while (j < t.length && nameChar.test(t[j])) j++
      const name = t.slice(i + 1, j)
      // docker/cli quirk: an unbraced name followed by -, :-, ?, :? takes
      // the rest of the string up to `}` as its modifier.
      const op = /^(:?[-?])/.exec(t.slice(j))
      if (op) {
        let k = t.indexOf('}', j)
        if (k === -1) k = t.length
        const body = t.slice(i + 1, k)
        res.notes.push(tr('compose.interpolate.readAs', { dollar: `$${excerpt(body)}`, braced: `\${${excerpt(body)}}`, name: `\${${name}}` }))
        const v = braced(body, t, lookup, res)
        if (v === undefined) return undefined
        out += v
        i = k
        continue
      }
      out += valueOf(name, lookup, res)
      i = j
      continue
    }
    res.error = tr('compose.interpolate.noName', { text: excerpt(t) })
    return undefined
  }
  return out
}

// Index of the `}` closing a `${` whose body starts at `from`, counting nested ${...}.
function matchingBrace(t: string, from: number): number {
  let depth = 0
  for (let k = from; k < t.length; k++) {
    if (t[k] === '$' && t[k + 1] === '$') {
      k++
      continue
    }
    if (t[k] === '$' && t[k + 1] === '{') {
      depth++
      k++
      continue
    }
    if (t[k] === '}') {
      if (depth === 0) return k
      depth--
    }
  }
  return -1
}

function braced(body: string, whole: string, lookup: Lookup, res: SubstituteResult): string | undefined {
  const m = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:-|-|:\?|\?|:\+|\+)([\s\S]*))?$/.exec(body)
  if (!m) {
    res.error = tr('compose.interpolate.invalid', { text: excerpt(whole), braced: `\${${excerpt(body)}}` })
    return undefined
  }
  const [, name, op, word = ''] = m
  if (!op) return valueOf(name, lookup, res)
  if (op === ':+' || op === '+') res.notes.push(tr('compose.interpolate.notUnderstood', { braced: `\${${name}${op}...}` }))
  if (word.includes('${') || (op !== ':?' && op !== '?' && word.includes('$'))) {
    res.notes.push(tr('compose.interpolate.noNested', { braced: `\${${excerpt(body)}}` }))
  }
  const value = lookup(name)
  const set = value !== undefined
  const nonEmpty = set && value !== ''
  const sub = (): string | undefined => expand(word, lookup, res)
  switch (op) {
    case ':-':
      return nonEmpty ? value : sub()
    case '-':
      return set ? value : sub()
    case ':+':
      return nonEmpty ? sub() : ''
    case '+':
      return set ? sub() : ''
    case ':?':
    case '?': {
      if (op === ':?' ? nonEmpty : set) return value
      const msg = sub()
      if (msg === undefined) return undefined
      res.error = msg
        ? tr(set ? 'compose.interpolate.requiredEmptyWhy' : 'compose.interpolate.requiredUnsetWhy', { name, message: excerpt(msg) })
        : tr(set ? 'compose.interpolate.requiredEmpty' : 'compose.interpolate.requiredUnset', { name })
      return undefined
    }
  }
  return undefined
}

function valueOf(name: string, lookup: Lookup, res: SubstituteResult): string {
  const v = lookup(name)
  if (v === undefined) {
    if (!res.unset.includes(name)) res.unset.push(name)
    return ''
  }
  return v
}

// ---------------------------------------------------------------------------
// Casts after interpolation: docker/cli loader's interpolateTypeCastMapping.

type Cast = (v: string) => { ok: true; value: unknown } | { ok: false; why: string }

const toInt: Cast = (v) => (/^[+-]?\d+$/.test(v) ? { ok: true, value: parseInt(v, 10) } : { ok: false, why: tr('compose.interpolate.notWhole', { value: excerpt(v) }) })
const toFloat: Cast = (v) => {
  const n = Number(v)
  return v.trim() !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, why: tr('compose.interpolate.notNumber', { value: excerpt(v) }) }
}
const toBoolean: Cast = (v) => {
  switch (v.toLowerCase()) {
    case 'y':
    case 'yes':
    case 'true':
    case 'on':
      return { ok: true, value: true }
    case 'n':
    case 'no':
    case 'false':
    case 'off':
      return { ok: true, value: false }
    default:
      return { ok: false, why: tr('compose.interpolate.notBoolean', { value: excerpt(v) }) }
  }
}

const castPatterns: [string, Cast][] = [
  ['services.*.configs.[].mode', toInt],
  ['services.*.secrets.[].mode', toInt],
  ['services.*.healthcheck.retries', toInt],
  ['services.*.healthcheck.disable', toBoolean],
  ['services.*.deploy.replicas', toInt],
  ['services.*.deploy.update_config.parallelism', toInt],
  ['services.*.deploy.update_config.max_failure_ratio', toFloat],
  ['services.*.deploy.rollback_config.parallelism', toInt],
  ['services.*.deploy.rollback_config.max_failure_ratio', toFloat],
  ['services.*.deploy.restart_policy.max_attempts', toInt],
  ['services.*.deploy.placement.max_replicas_per_node', toInt],
  ['services.*.ports.[].target', toInt],
  ['services.*.ports.[].published', toInt],
  ['services.*.ulimits.*', toInt],
  ['services.*.ulimits.*.hard', toInt],
  ['services.*.ulimits.*.soft', toInt],
  ['services.*.privileged', toBoolean],
  ['services.*.oom_score_adj', toInt],
  ['services.*.read_only', toBoolean],
  ['services.*.stdin_open', toBoolean],
  ['services.*.tty', toBoolean],
  ['services.*.volumes.[].read_only', toBoolean],
  ['services.*.volumes.[].volume.nocopy', toBoolean],
  ['networks.*.external', toBoolean],
  ['networks.*.internal', toBoolean],
  ['networks.*.attachable', toBoolean],
  ['volumes.*.external', toBoolean],
  ['secrets.*.external', toBoolean],
  ['configs.*.external', toBoolean]
]

// docker matches on the dotted path string split at ".", so a key holding a
// dot (a service called "a.b") never matches and its value is not cast.
const splitPatterns = castPatterns.map(([pattern, cast]) => [pattern.split('.'), cast] as const)

function casterFor(dockerPath: string): Cast | undefined {
  if (!dockerPath.startsWith('services.') && !/^(networks|volumes|secrets|configs)\./.test(dockerPath)) return undefined
  const parts = dockerPath.split('.')
  for (const [pp, cast] of splitPatterns) {
    if (pp.length !== parts.length) continue
    if (pp.every((p, i) => p === '*' || p === parts[i])) return cast
  }
  return undefined
}

export interface InterpolateResult {
  data: Dict
  diagnostics: Diagnostic[]
}

/** Interpolates one loaded file with the app environment. */
export function interpolateFile(loaded: LoadedFile, env: Record<string, string>): InterpolateResult {
  const diagnostics: Diagnostic[] = []
  const lookup: Lookup = (name) => (Object.hasOwn(env, name) ? env[name] : undefined)
  const noted = new Set<string>()

  const at = (parts: (string | number)[]): Pick<Diagnostic, 'file' | 'line' | 'path'> => ({
    file: loaded.file,
    line: positionOf(loaded.positions, parts)?.line,
    path: parts.join('.')
  })

  const walk = (value: unknown, parts: (string | number)[], dockerPath: string): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value
      const r = substitute(value, lookup)
      const where = at(parts)
      const key = `\`${excerpt(where.path ?? '')}\``
      if (r.error) {
        diagnostics.push({ severity: 'error', ...where, message: `${describeAt(where)}${tr('compose.interpolate.error', { key, error: r.error })}${r.error.endsWith('.') ? '' : '.'}` })
        return value
      }
      for (const name of r.unset) {
        diagnostics.push({ severity: 'warning', ...where, message: `${describeAt(where)}${tr('compose.interpolate.unset', { key, name })}` })
      }
      for (const note of r.notes) {
        if (noted.has(`${where.path}\n${note}`)) continue
        noted.add(`${where.path}\n${note}`)
        diagnostics.push({ severity: 'warning', ...where, message: `${describeAt(where)}${tr('compose.interpolate.note', { key, note })}` })
      }
      if (r.value === value) return value
      const cast = casterFor(dockerPath)
      if (!cast) return r.value
      const c = cast(r.value)
      if (c.ok) return c.value
      diagnostics.push({ severity: 'error', ...where, message: `${describeAt(where)}${tr('compose.interpolate.cast', { key, why: c.why })}` })
      return r.value
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...parts, i], `${dockerPath}.[]`))
    if (value !== null && typeof value === 'object') {
      const out: Dict = {}
      for (const [k, v] of Object.entries(value as Dict)) out[k] = walk(v, [...parts, k], dockerPath ? `${dockerPath}.${k}` : k)
      return out
    }
    return value
  }

  const data = walk(loaded.data, [], '') as Dict
  return { data, diagnostics }
}
