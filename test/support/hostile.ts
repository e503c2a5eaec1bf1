// Hostile input for every method of the contract, for the "abuse of every
// door" suites (test/integration/abuse-doors.test.ts, test/unit/ipc-abuse.test.ts).
//
// Each method's input schema is turned into JSON Schema with zod 4's own
// z.toJSONSchema (zod-fast-check does not support zod 4), and from it come:
//   - a valid-looking example, so broken variants still reach the handlers;
//   - that example with ONE field broken at a time (wrong types, huge strings,
//     path tricks, NUL, odd Unicode, shell metacharacters, bad numbers);
//   - whole-input abuse (not an object, extra and prototype keys, deep nesting);
//   - fast-check samples drawn over the JSON Schema, half of them hostile.
// Everything is deterministic for a given seed.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { z } from 'zod'
import { methods, type MethodName } from '../../src-main/contract/contract'

export interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  propertyNames?: JsonSchema
  items?: JsonSchema
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  default?: unknown
  minLength?: number
  maxLength?: number
  pattern?: string
  minimum?: number
  maximum?: number
  maxItems?: number
}

export const METHOD_NAMES = Object.keys(methods) as MethodName[]

export function inputSchema(method: MethodName): JsonSchema {
  return z.toJSONSchema(methods[method].input as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema
}

// ----- the test's world: a home, and a sentinel tree around it -----

/**
 * root/                       everything here but home/ is sentinel
 *   sentinel/  h1/sentinel/  h1/h2/sentinel/   (.env files, a fake ~/.ssh, a project)
 *   h1/h2/home/               the core's home, 3 levels down so that the
 *                             deepest "../" in the pools (5) from the
 *                             shallowest base (~/.abra/backups) stays in root
 * home/.abra/servers/abuse-nowhere/abuse.example.org.env   an app to aim at
 * home/.abra/servers/abuse-link -> root/sentinel           a symlink way out
 */
export interface AbuseWorld {
  root: string
  home: string
  /** A random marker in every sentinel file: it must never come back in an answer. */
  canary: string
  /** Paths (absolute) of files any answer or file must not reveal or change. */
  sentinelDirs: string[]
}

export const MAX_UPS = 5
export const SERVER = 'abuse-nowhere'
export const LINK_SERVER = 'abuse-link'
export const DOMAIN = 'abuse.example.org'
// Port 9 (discard) has no listener on the test machine; the rig's sshd is on 2222.
export const CLOSED_PORT = 9

export function makeAbuseWorld(parent: string): AbuseWorld {
  const root = fs.mkdtempSync(path.join(parent, 'abuse-'))
  const canary = `CANARY-${crypto.randomBytes(8).toString('hex')}`
  const home = path.join(root, 'h1', 'h2', 'home')
  const sentinelDirs = [path.join(root, 'sentinel'), path.join(root, 'h1', 'sentinel'), path.join(root, 'h1', 'h2', 'sentinel')]
  for (const dir of sentinelDirs) {
    fs.mkdirSync(path.join(dir, '.ssh'), { recursive: true, mode: 0o700 })
    fs.mkdirSync(path.join(dir, 'projects', 'shop'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'app.env'), `DOMAIN=${canary}\nSECRET=${canary}\n`)
    fs.writeFileSync(path.join(dir, `${DOMAIN}.env`), `RECIPE=abuse-recipe\nDOMAIN=${DOMAIN}\nSECRET=${canary}\n`)
    fs.writeFileSync(path.join(dir, '.env'), `API_KEY=${canary}\n`)
    fs.writeFileSync(path.join(dir, 'projects', 'shop', '.env'), `DB_PASSWORD=${canary}\n`)
    fs.writeFileSync(path.join(dir, '.ssh', 'id_ed25519'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary}\n-----END OPENSSH PRIVATE KEY-----\n`, { mode: 0o600 })
    fs.writeFileSync(path.join(dir, '.ssh', 'known_hosts'), `example.org ssh-ed25519 ${canary}\n`)
    fs.writeFileSync(path.join(dir, 'passwd'), `root:x:0:0:${canary}:/root:/bin/sh\n`)
  }
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 })
  // Typed as an address, the example server is an SSH alias for a port where
  // nothing listens: refused at once, with no DNS lookup to wait for.
  fs.writeFileSync(path.join(home, '.ssh', 'config'), `Host ${SERVER}\n  HostName 127.0.0.1\n  Port ${CLOSED_PORT}\n  User abuse\n`)
  const servers = path.join(home, '.abra', 'servers')
  fs.mkdirSync(path.join(servers, SERVER), { recursive: true })
  fs.writeFileSync(path.join(servers, SERVER, `${DOMAIN}.env`), `RECIPE=abuse-recipe:1.0.0+1.0\nDOMAIN=${DOMAIN}\n`)
  fs.symlinkSync(sentinelDirs[0], path.join(servers, LINK_SERVER))
  // Both servers are stored as `servers.add` stores them (a docker context),
  // dialling that same closed port.
  for (const name of [SERVER, LINK_SERVER]) {
    const meta = path.join(home, '.docker', 'contexts', 'meta', crypto.createHash('sha256').update(name).digest('hex'))
    fs.mkdirSync(meta, { recursive: true })
    fs.writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: `ssh://abuse@127.0.0.1:${CLOSED_PORT}`, SkipTLSVerify: false } } }))
  }
  return { root, home, canary, sentinelDirs }
}

export interface Snapshot {
  files: Map<string, string>
}

/** Every entry under root except home/: type, mode, size, mtime and a hash of its content. */
export function snapshotOutsideHome(world: AbuseWorld): Snapshot {
  const files = new Map<string, string>()
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (full === world.home) continue
      const st = fs.lstatSync(full)
      let what = `${st.mode.toString(8)} ${st.size} ${st.mtimeMs}`
      if (st.isFile()) what += ` ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`
      if (st.isSymbolicLink()) what += ` -> ${fs.readlinkSync(full)}`
      files.set(path.relative(world.root, full), what)
      if (st.isDirectory()) walk(full)
    }
  }
  walk(world.root)
  return { files }
}

/** What changed between two snapshots, in words ("changed: sentinel/app.env"). */
export function touched(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = []
  for (const [file, what] of before.files) {
    const now = after.files.get(file)
    if (now === undefined) out.push(`removed: ${file}`)
    else if (now !== what) out.push(`changed: ${file}`)
  }
  for (const file of after.files.keys()) if (!before.files.has(file)) out.push(`created: ${file}`)
  return out
}

// ----- hostile values -----

export const HUGE = 'A'.repeat(1_000_000)

/** Strings for string fields: path tricks, NUL, odd Unicode, injection, lengths. */
export function hostileStrings(world: AbuseWorld): string[] {
  const ups = (n: number): string => '../'.repeat(n)
  const escapes: string[] = []
  for (let n = 1; n <= MAX_UPS; n++) escapes.push(`${ups(n)}sentinel/app`)
  escapes.push(`${ups(3)}sentinel/projects/shop/`, `${ups(4)}sentinel/.ssh/id_ed25519`)
  return [
    '',
    ' ',
    '\t\r\n',
    'a'.repeat(254),
    'a'.repeat(4097),
    'a'.repeat(300_000),
    HUGE,
    ...escapes,
    '../../../x',
    '..',
    '.',
    '/',
    '/etc/passwd',
    path.join(world.sentinelDirs[0], 'app'),
    path.join(world.sentinelDirs[0], 'passwd'),
    `file://${world.sentinelDirs[0]}/app.env`,
    world.sentinelDirs[0],
    // Inside ~/.abra by name, outside it once the symlink is followed.
    path.join(world.home, '.abra', 'servers', LINK_SERVER),
    path.join(world.home, '.abra', 'servers', LINK_SERVER, `${DOMAIN}.env`),
    'a\u0000b',
    '\u0000',
    `${DOMAIN}\u0000.evil`,
    '%2e%2e/%2e%2e/%2e%2e/sentinel/app',
    '..%2f..%2f..%2fsentinel%2fapp',
    '..\\..\\..\\sentinel\\app',
    '\uff0e\uff0e\uff0f\uff0e\uff0e\uff0fsentinel', // full-width ../../
    'abuse\u202Egro.elpmaxe', // RTL override
    'abu\u200Bse.example.org', // zero-width space
    'e\u0301xample.org', // combining accent
    '\ud83d\ude00.example.org', // emoji
    '\ud800', // lone surrogate
    'ABUSE.EXAMPLE.ORG',
    `${DOMAIN}.`,
    ` ${DOMAIN} `,
    `${DOMAIN}\nEVIL=1`,
    'xn--80ak6aa92e.com',
    '-rf',
    '--help',
    `$(touch ${world.root}/pwned-dollar)`,
    `\`touch ${world.root}/pwned-backtick\``,
    `x; touch ${world.root}/pwned-semicolon`,
    `x' ; touch ${world.root}/pwned-quote ; '`,
    '${HOME}',
    '%s%s%n',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty'
  ]
}

/** A shorter pool for fields with a pattern or a fixed set of values (the validator's job). */
export function coreHostileStrings(world: AbuseWorld, maxLength = 253): string[] {
  return [
    '',
    ' ',
    'a'.repeat(maxLength + 1),
    HUGE,
    '../../../x',
    `${'../'.repeat(MAX_UPS)}sentinel/app`,
    '/etc/passwd',
    path.join(world.sentinelDirs[0], 'app'),
    'a\u0000b',
    '%2e%2e/%2e%2e/sentinel',
    '\uff0e\uff0e\uff0fsentinel',
    'abuse\u202Egro.elpmaxe',
    'abu\u200Bse',
    '\ud800',
    '\ud83d\ude00',
    `${DOMAIN}\nEVIL=1`,
    `$(touch ${world.root}/pwned-dollar)`,
    '-rf',
    '__proto__',
    'constructor',
    LINK_SERVER,
    'ABUSE.EXAMPLE.ORG'
  ]
}

/** Values of the wrong type for any field. */
export function wrongTypes(): unknown[] {
  return [null, true, 0, -1, 1.5, 'x', [], ['a'], {}, protoBomb(), deep(500)]
}

/** Numbers for number fields (NaN and Infinity survive IPC; JSON turns them into null). */
export function hostileNumbers(): unknown[] {
  return [0, -1, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 65536, 100_000, '80', '1e3', '0x10']
}

/** An object whose own keys are __proto__, constructor and prototype, as JSON.parse makes them. */
export function protoBomb(): Record<string, unknown> {
  return JSON.parse('{"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}') as Record<string, unknown>
}

export function deep(depth: number, array = false): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v }
  return v
}

// ----- a valid-looking example for each field -----

export interface ExampleContext {
  world: AbuseWorld
}

const BY_KEY: Record<string, (c: ExampleContext) => unknown> = {
  server: () => SERVER,
  name: () => SERVER,
  toServer: () => SERVER,
  host: () => SERVER,
  hostname: () => SERVER,
  domain: () => DOMAIN,
  newDomain: () => `clone.${DOMAIN}`,
  confirm: () => DOMAIN,
  recipe: () => 'abuse-recipe',
  version: () => '1.0.0+1.0',
  target: () => '1.0.0+1.0',
  chaosVersion: () => '1.0.0+1.0',
  id: () => '2026-11-30T12-00-00Z',
  snapshot: () => 'abuse-snapshot',
  jobId: () => 'abuse-job',
  streamId: () => 'abuse-stream',
  probeId: () => 'abuse-probe',
  port: () => 9,
  dataPathPort: () => 4789,
  advertiseAddr: () => '192.0.2.1',
  listenAddr: () => '0.0.0.0:2377',
  socketPath: () => '/nonexistent/abuse-docker.sock',
  recipeDir: (c) => path.join(c.world.home, '.abra', 'recipes', 'abuse-recipe'),
  envFile: (c) => path.join(c.world.home, '.abra', 'servers', SERVER, `${DOMAIN}.env`),
  stackName: () => 'abuse_example_org',
  envText: () => `RECIPE=abuse-recipe:1.0.0+1.0\nDOMAIN=${DOMAIN}\n`,
  service: () => 'app',
  user: () => 'abuse',
  email: () => 'admin@example.org',
  data: () => 'ls\n',
  search: () => 'cloud',
  category: () => 'Apps'
}

export function exampleFor(schema: JsonSchema, ctx: ExampleContext, key?: string): unknown {
  if (key && BY_KEY[key] && matches(schema, BY_KEY[key](ctx))) return BY_KEY[key](ctx)
  const branches = schema.oneOf ?? schema.anyOf
  if (branches) return exampleFor(branches[0], ctx, key)
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return schema.enum[0]
  if (schema.default !== undefined) return schema.default
  switch (typeOf(schema)) {
    case 'string': {
      const candidates = ['abuse', 'a', '1.0.0', 'abuse.example.org', '/abuse', 'abuse-1']
      return candidates.find((c) => matches(schema, c)) ?? 'abuse'
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1))
    case 'boolean':
      return true
    case 'array':
      return schema.items ? [exampleFor(schema.items, ctx)] : []
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = exampleFor(s, ctx, k)
      if (!schema.properties && typeof schema.additionalProperties === 'object') out.abuse = exampleFor(schema.additionalProperties, ctx)
      return out
    }
    default:
      return null
  }
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type[0]
  if (schema.type) return schema.type
  if (schema.properties) return 'object'
  return undefined
}

function matches(schema: JsonSchema, value: unknown): boolean {
  const t = typeOf(schema)
  if (t === 'string') {
    if (typeof value !== 'string') return false
    if (schema.minLength !== undefined && value.length < schema.minLength) return false
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return false
    return !schema.pattern || new RegExp(schema.pattern).test(value)
  }
  if (t === 'integer' || t === 'number') {
    return typeof value === 'number' && (schema.minimum === undefined || value >= schema.minimum) && (schema.maximum === undefined || value <= schema.maximum)
  }
  return true
}

// ----- the inputs for one method -----

export interface HostileInput {
  /** Short words for a failure report: "domain = \"../../x\"". */
  label: string
  value: unknown
}

/** Valid examples (one per union branch), then each broken one field at a time, then whole-input abuse. */
export function mutations(schema: JsonSchema, ctx: ExampleContext): HostileInput[] {
  const out: HostileInput[] = []
  const branches = schema.oneOf ?? schema.anyOf ?? [schema]
  const strings = hostileStrings(ctx.world)
  for (const branch of branches) {
    const example = exampleFor(branch, ctx) as Record<string, unknown>
    out.push({ label: 'valid example', value: example })
    if (typeOf(branch) !== 'object') continue
    for (const [key, field] of Object.entries(branch.properties ?? {})) {
      const t = typeOf(field)
      if (key in example) out.push({ label: `without ${key}`, value: omit(example, key) })
      // Free-form strings get every trick; patterned ones and enums the short list.
      const free = t === 'string' && !field.pattern && !field.enum && field.const === undefined
      const stringish = t === 'string' || field.anyOf || field.oneOf
      const values = [
        ...wrongTypes(),
        ...(free ? [...strings, LINK_SERVER] : stringish ? coreHostileStrings(ctx.world, field.maxLength) : []),
        ...(t === 'integer' || t === 'number' ? hostileNumbers() : [])
      ]
      if (t === 'object' || field.additionalProperties) values.push(...recordAbuse(strings))
      if (t === 'array') values.push(Array.from({ length: 100_000 }, () => 'a'), strings, Array.from({ length: 1000 }, () => '../../../x'))
      for (const v of values) out.push({ label: `${key} = ${short(v)}`, value: { ...example, [key]: v } })
    }
    // Well-formed fields, aimed somewhere else: the symlinked server and escapes.
    if (branch.properties?.server) {
      out.push({ label: `server = ${LINK_SERVER}`, value: { ...example, server: LINK_SERVER } })
      out.push({ label: `server = ${LINK_SERVER}, domain = app`, value: { ...example, server: LINK_SERVER, domain: 'app', ...(branch.properties.confirm ? { confirm: 'app' } : {}) } })
    }
    if (branch.properties?.domain && branch.properties?.confirm) {
      for (const s of strings.filter((v) => v.includes('sentinel'))) out.push({ label: `domain = confirm = ${short(s)}`, value: { ...example, domain: s, confirm: s } })
    }
    out.push({ label: 'extra key', value: { ...example, extra: 'x' } })
    out.push({ label: 'own __proto__ key', value: { ...protoBomb(), ...example } })
    out.push({ label: 'own __proto__ key (JSON)', value: JSON.parse(`{"__proto__": ${JSON.stringify(example)}}`) })
    out.push({ label: '10 000 extra keys', value: { ...example, ...Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) } })
  }
  for (const v of [undefined, null, 'x', 0, true, [], [exampleFor(branches[0], ctx)], deep(1000), deep(1000, true), HUGE, Array.from({ length: 100_000 }, () => 0)]) {
    out.push({ label: `input = ${short(v)}`, value: v })
  }
  return out
}

function recordAbuse(strings: string[]): unknown[] {
  return [
    protoBomb(),
    JSON.parse('{"__proto__": "x", "constructor": "y", "toString": "z", "hasOwnProperty": "w"}'),
    Object.fromEntries(strings.filter((s) => s.length < 5000).map((s, i) => [s, `v${i}`])),
    Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`K${i}`, 'v'])),
    { a: HUGE }
  ]
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _gone, ...rest } = o
  return rest
}

export function short(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v === 'string') return v.length > 40 ? `${JSON.stringify(v.slice(0, 20))}… (${v.length} chars)` : JSON.stringify(v)
  if (Array.isArray(v)) return v.length > 5 ? `[${v.length} items]` : `array(${v.length})`
  let s: string
  try {
    s = JSON.stringify(v) ?? String(v)
  } catch {
    s = String(v)
  }
  return s.length > 60 ? `${s.slice(0, 40)}… (${s.length} chars)` : s
}

// ----- fast-check over the JSON Schema -----

/** An arbitrary for values shaped like `schema`, with hostile values mixed in at every level. */
export function arbitraryFor(schema: JsonSchema, ctx: ExampleContext, depth = 0): fc.Arbitrary<unknown> {
  const strings = hostileStrings(ctx.world).filter((s) => s.length < 5000)
  const hostile = fc.constantFrom(...wrongTypes().slice(0, 13), ...strings.slice(0, 30))
  const branches = schema.oneOf ?? schema.anyOf
  let shaped: fc.Arbitrary<unknown>
  if (branches) shaped = fc.oneof(...branches.map((b) => arbitraryFor(b, ctx, depth + 1)))
  else if (schema.const !== undefined) shaped = fc.constant(schema.const)
  else if (schema.enum) shaped = fc.constantFrom(...schema.enum)
  else {
    switch (typeOf(schema)) {
      case 'string': {
        const max = Math.min(schema.maxLength ?? 300, 300)
        const free = fc.string({ unit: 'binary', maxLength: max })
        shaped = schema.pattern
          ? fc.oneof(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, max)), free, fc.constantFrom(...strings))
          : fc.oneof(free, fc.constantFrom(...strings))
        break
      }
      case 'integer':
      case 'number':
        shaped = fc.oneof(fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 }), fc.constantFrom(...hostileNumbers()))
        break
      case 'boolean':
        shaped = fc.boolean()
        break
      case 'array':
        shaped = fc.array(schema.items && depth < 4 ? arbitraryFor(schema.items, ctx, depth + 1) : fc.anything(), { maxLength: 20 })
        break
      case 'object': {
        const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, depth < 4 ? arbitraryFor(s, ctx, depth + 1) : fc.anything()]))
        const record = fc.record(props, { requiredKeys: schema.required ?? [] })
        const extra = fc.dictionary(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), fc.anything({ maxDepth: 2 }), { maxKeys: 3 })
        const free = typeof schema.additionalProperties === 'object' ? fc.dictionary(fc.string({ unit: 'binary', maxLength: 30 }), arbitraryFor(schema.additionalProperties, ctx, depth + 1), { maxKeys: 8 }) : fc.constant({})
        shaped = fc
          .tuple(record, fc.option(extra, { freq: 4 }), free)
          // Object.assign keeps an own "__proto__" key as a prototype change; defineProperty makes it a plain key, as JSON.parse does.
          .map(([r, e, f]) => withOwnKeys({ ...f, ...r }, e ?? {}))
        break
      }
      default:
        shaped = fc.anything({ maxDepth: 2 })
    }
  }
  return depth === 0 ? shaped : fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: hostile, weight: 1 })
}

function withOwnKeys(target: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(extra)) Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true })
  return target
}

/** `count` fast-check samples for the method, the same for the same seed. */
export function samples(schema: JsonSchema, ctx: ExampleContext, count: number, seed: number): HostileInput[] {
  if (count <= 0) return []
  return fc.sample(arbitraryFor(schema, ctx), { seed, numRuns: count }).map((value, i) => ({ label: `fast-check sample ${i} (seed ${seed})`, value }))
}

// ----- never aimed at the rig -----

// The core treats a server named "default" as this computer's Docker socket,
// which on the test machine is the rig's swarm engine; and `servers.add` of
// kind local without a socket path means that same socket. Inputs are
// steered away from both (and from deeper "../" than the world has room
// for), and each steer is counted and printed, never silent.
export const RIG_NAMES = new Set(['default'])
const RIG_SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock', '/tmp/ccd-rig/d2.sock'])

export function steerAwayFromRig(method: MethodName, value: unknown): { value: unknown; steered: boolean } {
  let steered = false
  // Cycles (IPC can carry them) and deep nesting hold no names worth steering past a few levels.
  const seen = new WeakSet<object>()
  const fix = (v: unknown, depth = 0): unknown => {
    if (depth > 50 || (v && typeof v === 'object' && seen.has(v))) return v
    if (v && typeof v === 'object') seen.add(v)
    if (typeof v === 'string') {
      if (RIG_NAMES.has(v.trim()) || RIG_SOCKETS.has(v)) return ((steered = true), SERVER)
      if ((v.match(/\.\./g) ?? []).length > MAX_UPS && v.length < 5000) return ((steered = true), 'x')
      return v
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && i < 200; i++) v[i] = fix(v[i], depth + 1)
      return v
    }
    if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) (v as Record<string, unknown>)[k] = fix((v as Record<string, unknown>)[k], depth + 1)
      return v
    }
    return v
  }
  const out = fix(value)
  if (method === 'servers.add' && out && typeof out === 'object' && (out as Record<string, unknown>).kind === 'local') {
    const o = out as Record<string, unknown>
    if (typeof o.socketPath !== 'string' || RIG_SOCKETS.has(o.socketPath)) {
      steered = true
      o.socketPath = '/nonexistent/abuse-docker.sock'
    }
  }
  return { value: out, steered }
}

/** Every input for every method: `perMethod` each (mutations first, fast-check samples fill the rest). */
export function allInputs(ctx: ExampleContext, seed: number, perMethod?: number): { perMethod: number; inputs: Map<MethodName, HostileInput[]> } {
  const made = new Map<MethodName, HostileInput[]>()
  for (const m of METHOD_NAMES) made.set(m, mutations(inputSchema(m), ctx))
  const m = perMethod ?? Math.max(...[...made.values()].map((l) => l.length))
  const inputs = new Map<MethodName, HostileInput[]>()
  for (const [i, name] of METHOD_NAMES.entries()) {
    const fixed = made.get(name)!
    const list = [...fixed.slice(0, m), ...samples(inputSchema(name), ctx, m - fixed.length, seed + i)]
    inputs.set(name, list)
  }
  return { perMethod: m, inputs }
}

// ----- what every answer must look like -----

// A stack frame, or a path into the app's own source, in words meant for people.
// (A plain "in /tmp/recipe/compose.yml:12" is fine: a frame has a function and line:column.)
const STACK = /\n\s+at |\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+\)|\bat Object\.<anonymous>/
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const SOURCE = new RegExp(`src-main/|node_modules/|${REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|\\.tsx?:\\d+`)

/** Problems with one answer ({ok, value} or {ok:false, error}), in words; [] when it is fine. */
export function answerProblems(result: unknown, world: AbuseWorld): string[] {
  const problems: string[] = []
  if (!result || typeof result !== 'object' || typeof (result as { ok?: unknown }).ok !== 'boolean') return [`not a result: ${short(result)}`]
  const text = safeJson(result)
  if (text.includes(world.canary)) problems.push('the answer carries the contents of a file outside the home')
  const r = result as { ok: boolean; error?: Record<string, unknown> }
  if (r.ok) return problems
  const e = r.error
  if (!e || typeof e !== 'object') return [...problems, 'an error without a body']
  problems.push(...errorBodyProblems(e))
  return problems
}

/** The method's name when the answer is the generic "something went wrong inside" (a handler threw something unworded). */
export function internalError(result: unknown): boolean {
  return !!result && typeof result === 'object' && (result as { ok?: unknown }).ok === false && (result as { error?: { code?: unknown } }).error?.code === 'internal'
}

export function errorBodyProblems(e: Record<string, unknown>): string[] {
  const problems: string[] = []
  if (typeof e.code !== 'string' || !e.code) problems.push('error without a code')
  if (typeof e.message !== 'string' || !e.message.trim()) problems.push('error without a message')
  else if (e.message.length > 1000) problems.push(`error message of ${e.message.length} characters (it quotes the input whole)`)
  const body = safeJson(e)
  const stack = STACK.exec(body)
  if (stack) problems.push(`stack trace in the error body: ${JSON.stringify(stack[0].slice(0, 80))}`)
  const src = SOURCE.exec(body)
  if (src) problems.push(`app source path in the error body: ${JSON.stringify(src[0])}`)
  return problems
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? ''
  } catch {
    return String(v)
  }
}

/** Methods whose input names a server: they may open a connection or start a job. */
export function serverMethods(): MethodName[] {
  return METHOD_NAMES.filter((m) => {
    const schema = inputSchema(m)
    return (schema.oneOf ?? schema.anyOf ?? [schema]).some((b) => ['server', 'name', 'toServer', 'hostname', 'host'].some((k) => k in (b.properties ?? {})))
  })
}

/** Which methods reach a server, and why fuzzing them is safe here; printed by both suites. */
export const SERVER_METHODS_NOTE =
  `none skipped; the ${serverMethods().length} that take a server (${serverMethods().join(', ')}) only ever name servers ` +
  `that don't exist ("${SERVER}" and "${LINK_SERVER}" dial a closed port; random names don't resolve, or meet a host key the empty home doesn't trust), so no job reaches the rig; ` +
  '"default" (this computer\'s Docker, which is the rig\'s swarm) and the rig\'s sockets are steered away from'
