// Load: read the compose files named by COMPOSE_FILE and turn each into
// plain data, remembering the line of every key for messages.
//
// The oracle, docker stack deploy from Debian's docker.io (docker/cli
// 20.10.24), parses with go-yaml v2, i.e. YAML 1.1 scalars. This walks the
// `yaml` package's syntax tree instead of calling toJS() so that it can
// (1) resolve plain scalars the way go-yaml v2 does (0444 is octal 292,
// 1_000 is 1000, yes/no/on/off/y/n are booleans — with a warning, because
// newer docker reads them as text), (2) refuse non-text keys as docker/cli
// does ("Non-string key"), (3) expand aliases and merge keys (`<<`) itself,
// and (4) record positions per key path. Duplicate keys are an error (go-yaml
// v2 silently kept the last one; v3 and this refuse them).
//
// A recipe is outside input, so every parse has a budget (see budgets.ts):
// the text's size is checked before the `yaml` package parses it, its
// nesting before the package composes the document (which recurses once per
// level, and thousands of levels overflow the stack), and the walk stops
// after a fixed number of nodes, aliases expanded — docker refuses a "billion
// laughs" alias chain with "excessive aliasing", and so does this.
// Duplicate keys are found here rather than with the package's uniqueKeys,
// whose check is quadratic in the size of a mapping.

import path from 'node:path'
import { Composer, LineCounter, Parser, YAMLParseError, isAlias, isMap, isScalar, isSeq, visit } from 'yaml'
import type { Alias, Document, Node as YamlNode, Pair, Scalar, YAMLMap } from 'yaml'
import { readTextBounded, sizeWords } from '../core/limits'
import { COMPOSE_LIMITS, deepestNesting } from './budgets'
import type { Diagnostic } from './diagnostics'
import { excerpt } from './diagnostics'
import { DEFAULT_OUTSIDE_FILES, insideFolder, outsideWords, type OutsideFiles } from './outside-files'
import type { Position } from './model'
import { t } from '../i18n/i18n'

export type Dict = Record<string, unknown>

export interface LoadedFile {
  /** Recipe-relative name as written in COMPOSE_FILE, e.g. "compose.postgres.yml". */
  file: string
  /** Absolute path. */
  path: string
  data: Dict
  /** Dotted key path ("services.app.ports.0") → where it is written. */
  positions: Map<string, Position>
}

export interface LoadResult {
  files: LoadedFile[]
  diagnostics: Diagnostic[]
}

/** Joins key path segments the one way every stage uses. */
export function joinPath(parts: readonly (string | number)[]): string {
  return parts.join('.')
}

export interface LoadOptions {
  /** A compose file outside the recipe folder (a `../` name, an absolute one, a symlink): refused, or read with a warning. */
  outsideFiles?: OutsideFiles
  /** Where COMPOSE_FILE is set, so that a message about a file it names points there. */
  composeFileAt?: { file: string; line?: number }
}

export function loadComposeFiles(
  recipeDir: string,
  files: readonly string[],
  readText: (abs: string) => string = (p) => readTextBounded(p, COMPOSE_LIMITS.bytes),
  options: LoadOptions = {}
): LoadResult {
  const out: LoadedFile[] = []
  const diagnostics: Diagnostic[] = []
  const mode = options.outsideFiles ?? DEFAULT_OUTSIDE_FILES
  for (const file of files) {
    const abs = path.resolve(recipeDir, file)
    if (!insideFolder(recipeDir, abs)) {
      const at = options.composeFileAt ?? { file }
      const where = at.line ? `${at.file} line ${at.line}: ` : `${at.file}: `
      diagnostics.push({
        severity: mode === 'refuse' ? 'error' : 'warning',
        file: at.file,
        ...(at.line ? { line: at.line } : {}),
        path: 'COMPOSE_FILE',
        message: `${where}${outsideWords('COMPOSE_FILE', file, mode)}`
      })
      if (mode === 'refuse') continue
    }
    let text: string
    try {
      text = readText(abs)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      // Not translated: apps/recipe-gaps.ts reads the missing file's name from these words.
      const message =
        code === 'ENOENT'
          ? `${excerpt(file)}: this compose file, named in COMPOSE_FILE, does not exist in the recipe.`
          : t('compose.load.unreadable', { file: excerpt(file), message: (err as Error).message })
      diagnostics.push({ severity: 'error', file, path: 'COMPOSE_FILE', message })
      continue
    }
    const r = parseComposeText(text, file, abs)
    diagnostics.push(...r.diagnostics)
    if (r.loaded) out.push(r.loaded)
  }
  return { files: out, diagnostics }
}

// Parsing dominates a render, and the UI and the bench render the same
// files again and again; results are reused while the text is unchanged.
// Later stages never mutate a LoadedFile.
const parsed = new Map<string, { text: string; result: { loaded?: LoadedFile; diagnostics: Diagnostic[] } }>()
const PARSE_CACHE_SIZE = 64

export function parseComposeText(text: string, file: string, abs = file): { loaded?: LoadedFile; diagnostics: Diagnostic[] } {
  const key = `${file}\u0000${abs}`
  const hit = parsed.get(key)
  if (hit && hit.text === text) return { loaded: hit.result.loaded, diagnostics: [...hit.result.diagnostics] }
  const result = parseUncached(text, file, abs)
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string)
  parsed.set(key, { text, result })
  return { loaded: result.loaded, diagnostics: [...result.diagnostics] }
}

function parseUncached(text: string, file: string, abs: string): { loaded?: LoadedFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const refused = (message: string): { diagnostics: Diagnostic[] } => ({ diagnostics: [{ severity: 'error', file, message: `${file}: ${message}` }] })
  if (text.length > COMPOSE_LIMITS.bytes) {
    return refused(t('compose.load.tooBig', { size: sizeWords(text.length), limit: sizeWords(COMPOSE_LIMITS.bytes) }))
  }
  // parseDocument in two steps, so that the nesting is checked between them
  // on the same tokens (the parser is most of the cost of a parse).
  const lineCounter = new LineCounter()
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)]
  const nesting = deepestNesting(tokens)
  if (nesting.depth > COMPOSE_LIMITS.depth) {
    const line = lineCounter.linePos(nesting.offset).line
    return { diagnostics: [{ severity: 'error', file, line, message: `${file} line ${line}: ${t('compose.load.tooDeep', { depth: COMPOSE_LIMITS.depth })}` }] }
  }
  let doc: Document | undefined
  for (const d of new Composer({ merge: true, uniqueKeys: false }).compose(tokens, true, text.length)) {
    if (!doc) doc = d
    else {
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'))
      break
    }
  }
  if (!doc) return refused(t('compose.load.empty'))
  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line
    const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    diagnostics.push({ severity: 'error', file, line, message: `${file}${line ? ` line ${line}` : ''}: ${t('compose.load.malformed', { why: yamlWords(e.code, first) })}` })
  }
  if (diagnostics.length) return { diagnostics }

  const positions = new Map<string, Position>()
  const walker = new Walker(doc, file, lineCounter, positions, diagnostics)
  let data: unknown
  try {
    data = walker.node(doc.contents as YamlNode | null, [])
  } catch (err) {
    if (!(err instanceof OverBudget)) throw err
    return refused(err.message)
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push({ severity: 'error', file, line: 1, message: `${file}: ${t('compose.load.notMapping')}` })
    return { diagnostics }
  }
  return { loaded: { file, path: abs, data: data as Dict, positions }, diagnostics }
}

function yamlWords(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return t('compose.load.duplicateKey')
  return message.endsWith('.') ? message : `${message}.`
}

/** Thrown inside the walk when the document goes over its budget; ends the walk at once. */
class OverBudget extends Error {}

/**
 * What each alias points at: the last anchor of that name before it, in
 * document order (YAML's rule). One pass; the package's own Alias.resolve
 * walks the whole document for every alias.
 */
function aliasTargets(doc: Document): Map<Alias, YamlNode> {
  const anchors = new Map<string, YamlNode>()
  const targets = new Map<Alias, YamlNode>()
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source)
        if (target) targets.set(node, target)
      } else if (node.anchor) anchors.set(node.anchor, node)
    }
  })
  return targets
}

class Walker {
  private depth = 0
  /** Nodes produced so far, every alias expansion counted again. */
  private produced = 0
  private readonly targets: Map<Alias, YamlNode>
  private readonly hasAliases: boolean
  constructor(
    doc: Document,
    private readonly file: string,
    private readonly lc: LineCounter,
    private positions: Map<string, Position>,
    private readonly diagnostics: Diagnostic[]
  ) {
    this.targets = aliasTargets(doc)
    this.hasAliases = this.targets.size > 0
  }

  /** Counts one produced node; over the budget, the walk ends. */
  private spend(): void {
    if (++this.produced <= COMPOSE_LIMITS.nodes) return
    throw new OverBudget(
      t(this.hasAliases ? 'compose.load.tooManyAliased' : 'compose.load.tooMany', { nodes: COMPOSE_LIMITS.nodes })
    )
  }

  private tooDeep(): string {
    return t(this.hasAliases ? 'compose.load.tooDeepAliases' : 'compose.load.tooDeep', { depth: COMPOSE_LIMITS.depth })
  }

  /** The node an alias stands for, or undefined when no anchor comes before it. */
  private resolve(n: Alias): YamlNode | undefined {
    return this.targets.get(n)
  }

  private line(n: { range?: [number, number, number] | null } | null | undefined): number | undefined {
    const at = n?.range?.[0]
    return at === undefined ? undefined : this.lc.linePos(at).line
  }

  private mark(parts: (string | number)[], line: number | undefined): void {
    if (line !== undefined) this.positions.set(joinPath(parts), { file: this.file, line })
  }

  node(n: YamlNode | null | undefined, at: (string | number)[]): unknown {
    if (n == null) return null
    this.spend()
    if (++this.depth > COMPOSE_LIMITS.depth) {
      this.depth--
      throw new OverBudget(this.tooDeep())
    }
    try {
      if (isAlias(n)) {
        const target = this.resolve(n)
        if (!target) {
          const line = this.line(n)
          this.diagnostics.push({ severity: 'error', file: this.file, line, message: `${this.file}${line ? ` line ${line}` : ''}: ${t('compose.load.noAnchor', { name: excerpt(n.source) })}` })
          return null
        }
        return this.node(target, at)
      }
      if (isScalar(n)) {
        const v = scalarValue(n)
        if (typeof v === 'boolean' && isYaml11Bool(n)) this.yaml11(n, at)
        return v
      }
      if (isSeq(n)) {
        return n.items.map((item, i) => {
          this.mark([...at, i], this.line(item as YamlNode))
          return this.node(item as YamlNode, [...at, i])
        })
      }
      if (isMap(n)) return this.mapEntries(n, at)
      return null
    } finally {
      this.depth--
    }
  }

  private yaml11(n: Scalar, at: (string | number)[]): void {
    const line = this.line(n)
    const where = { file: this.file, line, path: joinPath(at) }
    this.diagnostics.push({
      severity: 'warning',
      ...where,
      message: `${this.file}${line ? ` line ${line}` : ''}: ${t('compose.load.yaml11', { path: excerpt(where.path), source: n.source, old: String(scalarValue(n)) })}`
    })
  }

  // docker/cli (go-yaml v2) refuses keys that are not text: `80:` or `on:`.
  private key(k: YamlNode | null, at: (string | number)[]): string {
    const s = keyString(k)
    if (isScalar(k)) {
      const v = scalarValue(k)
      if (typeof v !== 'string' && v !== null) {
        const line = this.line(k)
        const where = excerpt(joinPath(at)) || t('compose.load.topLevel')
        const shown = excerpt(k.source ?? s)
        this.diagnostics.push({
          severity: 'error',
          file: this.file,
          line,
          path: joinPath([...at, k.source ?? s]),
          message: `${this.file}${line ? ` line ${line}` : ''}: ${t(typeof v === 'boolean' ? 'compose.load.keyBoolean' : 'compose.load.keyNumber', { key: shown, where })}`
        })
      }
    }
    return s
  }

  /** A map reached through a merge key (`<<`), which does not pass through node(): counted and nested the same. */
  private mergedMap(m: YAMLMap, at: (string | number)[]): Dict {
    this.spend()
    if (++this.depth > COMPOSE_LIMITS.depth) {
      this.depth--
      throw new OverBudget(this.tooDeep())
    }
    try {
      return this.mapEntries(m, at)
    } finally {
      this.depth--
    }
  }

  private mapEntries(m: YAMLMap, at: (string | number)[]): Dict {
    const out: Dict = {}
    const explicit = new Set<string>()
    const merges: Pair[] = []
    for (const pair of m.items as Pair[]) {
      if (isMergeKey(pair.key)) {
        merges.push(pair)
        continue
      }
      const key = this.key(pair.key as YamlNode | null, at)
      if (explicit.has(key)) {
        const line = this.line(pair.key as YamlNode)
        this.diagnostics.push({
          severity: 'error',
          file: this.file,
          line,
          message: `${this.file}${line ? ` line ${line}` : ''}: ${t('compose.load.malformed', { why: t('compose.load.duplicateKey') })}`
        })
        continue
      }
      explicit.add(key)
      this.mark([...at, key], this.line(pair.key as YamlNode))
      out[key] = this.node(pair.value as YamlNode | null, [...at, key])
    }
    // Merge keys: explicit keys win, and among several merged maps the
    // earlier one wins (YAML merge-key spec, as go-yaml does).
    for (const pair of merges) {
      const value = pair.value as YamlNode | null
      const sources = isSeq(value) ? (value.items as YamlNode[]) : [value]
      for (const src of sources) {
        const target = isAlias(src) ? this.resolve(src) : src
        if (!isMap(target)) {
          this.diagnostics.push({
            severity: 'error',
            file: this.file,
            line: this.line(pair.key as YamlNode),
            message: `${this.file} line ${this.line(pair.key as YamlNode)}: ${t('compose.load.mergeKey')}`
          })
          continue
        }
        // Walk the merged map into its own position table, so that keys the
        // map sets explicitly keep their own lines.
        const saved = this.positions
        const temp = new Map<string, Position>()
        this.positions = temp
        const merged = this.mergedMap(target, at)
        this.positions = saved
        for (const [k, v] of Object.entries(merged)) {
          if (explicit.has(k)) continue
          explicit.add(k)
          out[k] = v
          const prefix = joinPath([...at, k])
          for (const [p, pos] of temp) if (p === prefix || p.startsWith(`${prefix}.`)) saved.set(p, pos)
        }
      }
    }
    return out
  }
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.type === 'PLAIN' && key.source === '<<'))
}

function keyString(key: YamlNode | null): string {
  if (key == null) return ''
  if (isScalar(key)) {
    const v = scalarValue(key)
    return v === null ? '' : typeof v === 'string' ? v : goSprint(v)
  }
  return String((key as { toString(): string }).toString())
}

const yaml11Bools = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'])

function isYaml11Bool(n: Scalar): boolean {
  return n.type === 'PLAIN' && !n.tag && typeof n.source === 'string' && yaml11Bools.has(n.source)
}

/**
 * A plain (unquoted, untagged) scalar resolved as go-yaml v2 resolves it into
 * an `interface{}`: null, YAML 1.1 booleans (true/yes/on/y and
 * false/no/off/n in their three casings), Go base-prefixed integers (0x..,
 * 0o.., 0b.., and 0777 octal; underscores allowed), floats, .inf/.nan;
 * anything else is a string (timestamps included).
 */
export function scalarValue(s: Scalar): unknown {
  if (s.type !== 'PLAIN' || s.tag) return s.value
  const src = typeof s.source === 'string' ? s.source : String(s.value ?? '')
  return resolvePlain(src)
}

export function resolvePlain(src: string): unknown {
  switch (src) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null
    case 'true':
    case 'True':
    case 'TRUE':
    case 'y':
    case 'Y':
    case 'yes':
    case 'Yes':
    case 'YES':
    case 'on':
    case 'On':
    case 'ON':
      return true
    case 'false':
    case 'False':
    case 'FALSE':
    case 'n':
    case 'N':
    case 'no':
    case 'No':
    case 'NO':
    case 'off':
    case 'Off':
    case 'OFF':
      return false
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Infinity
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return -Infinity
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN
  }
  const c = src[0]
  if ((c >= '0' && c <= '9') || c === '-' || c === '+' || c === '.') {
    const plain = src.replaceAll('_', '')
    const int = goParseInt(plain)
    if (int !== undefined) return int
    if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return parseFloat(plain)
    const m = /^([-+]?)0[bB]([01]+)$/.exec(plain)
    if (m) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 2)
    const o = /^([-+]?)0[oO]([0-7]+)$/.exec(plain)
    if (o) return (o[1] === '-' ? -1 : 1) * parseInt(o[2], 8)
  }
  return src
}

// strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal / decimal.
function goParseInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s)
  if (!m) return undefined
  const sign = m[1] === '-' ? -1 : 1
  const body = m[2]
  let n: number
  if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16)
  else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8)
  else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2)
  else if (body.length > 1 && body[0] === '0') n = parseInt(body.slice(1), 8)
  else n = parseInt(body, 10)
  return sign * n
}

/** Go's fmt.Sprint for the scalars YAML produces (used wherever docker stringifies values). */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN'
    if (v === Infinity) return '+Inf'
    if (v === -Infinity) return '-Inf'
    const abs = Math.abs(v)
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
      const [mant, exp] = v.toExponential().split('e')
      const e = Number(exp)
      return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
    }
    return String(v)
  }
  if (typeof v === 'boolean' || typeof v === 'string') return String(v)
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`
  if (typeof v === 'object') {
    const entries = Object.entries(v as Dict).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `map[${entries.map(([k, x]) => `${k}:${goSprint(x)}`).join(' ')}]`
  }
  return String(v)
}

/** The nearest recorded position for a path: the key itself, else its closest parent. */
export function positionOf(positions: Map<string, Position>, parts: readonly (string | number)[]): Position | undefined {
  for (let n = parts.length; n > 0; n--) {
    const p = positions.get(joinPath(parts.slice(0, n)))
    if (p) return p
  }
  return undefined
}
