// Compose short syntaxes, parsed the way docker/cli parses them: ports
// (go-connections nat.ParsePortSpec + toServicePortConfigs), volumes
// (loader.ParseVolume), list-or-map fields, extra_hosts, env files
// (pkg/kvfile) and string commands (google/shlex).

import { isIP } from 'node:net'
import { goSprint } from './load'
import type { ServicePortConfig, ServiceVolumeConfig } from './model'

type Dict = Record<string, unknown>

function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function dictOf(v: unknown): Dict {
  return isDict(v) ? v : {}
}

/** map[string]string: values via fmt.Sprint, null → "". */
export function stringMap(d: Dict): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(d)) out[k] = v === null || v === undefined ? '' : goSprint(v)
  return out
}

export interface PortMapping {
  hostIp: string
  /** "" when not published; may be a range "8000-8010" when the container port is single. */
  hostPort: string
  containerPort: number
  proto: string
}

export function parsePortSpec(raw: string): { mappings: PortMapping[]; error?: string } {
  const parts = raw.split(':')
  const n = parts.length
  let containerPort = parts[n - 1]
  let ip = ''
  let hostPort = ''
  if (n === 2) hostPort = parts[0]
  else if (n === 3) [ip, hostPort] = parts
  else if (n > 3) {
    ip = parts.slice(0, n - 2).join(':')
    hostPort = parts[n - 2]
  }
  let proto: string
  {
    const pp = containerPort.split('/')
    if (containerPort === '' || pp[0] === '') {
      proto = ''
      containerPort = ''
    } else if (pp.length === 1) proto = 'tcp'
    else {
      proto = pp[1] === '' ? 'tcp' : pp[1]
      containerPort = pp[0]
    }
  }
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) return { mappings: [], error: `invalid IP address ${ip}` }
    ip = ip.slice(1, -1)
  }
  if (ip !== '' && isIP(ip) === 0) return { mappings: [], error: `invalid IP address: ${ip}` }
  if (containerPort === '') return { mappings: [], error: `no port specified: ${raw}<empty>` }
  const c = parsePortRange(containerPort)
  if (!c) return { mappings: [], error: `invalid containerPort: ${containerPort}` }
  let h: [number, number] = [0, 0]
  if (hostPort !== '') {
    const r = parsePortRange(hostPort)
    if (!r) return { mappings: [], error: `invalid hostPort: ${hostPort}` }
    h = r
  }
  if (hostPort !== '' && c[1] - c[0] !== h[1] - h[0] && c[1] !== c[0]) {
    return { mappings: [], error: `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}` }
  }
  const lower = proto.toLowerCase()
  if (!['tcp', 'udp', 'sctp'].includes(lower)) return { mappings: [], error: `invalid proto: ${proto}` }
  const mappings: PortMapping[] = []
  for (let i = 0; i <= c[1] - c[0]; i++) {
    let hp = hostPort === '' ? '' : String(h[0] + i)
    if (c[0] === c[1] && h[0] !== h[1]) hp = `${hp}-${h[1]}`
    mappings.push({ hostIp: ip, hostPort: hp, containerPort: c[0] + i, proto: lower })
  }
  return { mappings }
}

export function parsePortRange(s: string): [number, number] | undefined {
  if (s === '') return undefined
  const u16 = (x: string): number | undefined => (/^\d+$/.test(x) && Number(x) <= 65535 ? Number(x) : undefined)
  if (!s.includes('-')) {
    const v = u16(s)
    return v === undefined ? undefined : [v, v]
  }
  const [a, b] = s.split('-')
  const start = u16(a)
  const end = u16(b ?? '')
  if (start === undefined || end === undefined || end < start) return undefined
  return [start, end]
}

/** string → [string]; list → strings (docker's StringList). */
export function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => goSprint(x))
  return [String(v)]
}

/** Labels / Mapping: list "k=v" ("k" → "") or map (null → ""). */
export function mapping(v: unknown): Record<string, string> {
  if (!Array.isArray(v)) return stringMap(dictOf(v))
  const out: Record<string, string> = {}
  for (const item of v) {
    const s = String(item)
    const eq = s.indexOf('=')
    if (eq === -1) out[s] = ''
    else out[s.slice(0, eq)] = s.slice(eq + 1)
  }
  return out
}

/** MappingWithEquals (environment): list "k=v", "k" → null; map values null stay null. */
export function mappingWithEquals(v: unknown): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  if (!Array.isArray(v)) {
    for (const [k, x] of Object.entries(dictOf(v))) out[k] = x === null || x === undefined ? null : goSprint(x)
    return out
  }
  for (const item of v) {
    const s = String(item)
    const eq = s.indexOf('=')
    if (eq === -1) out[s] = null
    else out[s.slice(0, eq)] = s.slice(eq + 1)
  }
  return out
}

/** extra_hosts: map → sorted "host:ip" (null values dropped); list entries split at the first "=" or ":"; [ipv6] brackets removed. */
export function hostsList(v: unknown): string[] {
  let pairs: string[]
  if (Array.isArray(v)) {
    pairs = []
    for (const item of v) {
      const s = goSprint(item)
      const sep = s.includes('=') ? '=' : s.includes(':') ? ':' : undefined
      if (!sep) continue
      const i = s.indexOf(sep)
      pairs.push(`${s.slice(0, i)}:${s.slice(i + 1)}`)
    }
  } else {
    pairs = Object.entries(dictOf(v))
      .filter(([, x]) => x !== null && x !== undefined)
      .map(([k, x]) => `${k}:${goSprint(x)}`)
      .sort()
  }
  return pairs.map((hip) => {
    const i = hip.indexOf(':')
    const host = i === -1 ? hip : hip.slice(0, i)
    let ip = i === -1 ? '' : hip.slice(i + 1)
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1)
    return `${host}:${ip}`
  })
}

/** Short port syntax → one entry per port, exactly like docker's toServicePortConfigs. */
export function shortPorts(spec: string): { ports: ServicePortConfig[]; error?: string } {
  const r = parsePortSpec(spec)
  if (r.error) return { ports: [], error: r.error }
  // docker groups bindings per "port/proto" and walks the keys in string order.
  const byKey = new Map<string, { target: number; proto: string; hostPorts: string[] }>()
  for (const m of r.mappings) {
    const key = `${m.containerPort}/${m.proto}`
    const e = byKey.get(key) ?? { target: m.containerPort, proto: m.proto, hostPorts: [] }
    e.hostPorts.push(m.hostPort)
    byKey.set(key, e)
  }
  const ports: ServicePortConfig[] = []
  for (const key of [...byKey.keys()].sort()) {
    const e = byKey.get(key)!
    for (const hp of e.hostPorts) {
      const range = hp === '' ? ([0, 0] as [number, number]) : parsePortRange(hp)
      if (!range) return { ports: [], error: `invalid hostport binding (${hp}) for port (${e.target})` }
      for (let p = range[0]; p <= range[1]; p++) {
        const port: ServicePortConfig = { mode: 'ingress', target: e.target, protocol: e.proto }
        if (p !== 0) port.published = p
        ports.push(port)
      }
    }
  }
  return { ports }
}

const PROPAGATIONS = ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']

/** docker's ParseVolume for the short syntax "[source:]target[:options]". */
export function parseVolumeSpec(spec: string): { volume: ServiceVolumeConfig; error?: string } {
  const volume: ServiceVolumeConfig = { type: 'volume', target: '' }
  const chars = [...spec]
  if (chars.length === 0) return { volume, error: 'invalid empty volume spec' }
  if (chars.length <= 2) return { volume: { type: 'volume', target: spec } }
  let source = ''
  let target = ''
  let buffer: string[] = []
  const isDrive = (buf: string[], c: string): boolean => c === ':' && buf.length === 1 && /\p{L}/u.test(buf[0])
  const END = '\u0000'
  for (const c of [...chars, END]) {
    if (isDrive(buffer, c)) {
      buffer.push(c)
      continue
    }
    if (c !== ':' && c !== END) {
      buffer.push(c)
      continue
    }
    const s = buffer.join('')
    buffer = []
    if (s.length === 0) return { volume: finish(), error: 'empty section between colons' }
    if (source === '' && c === END) target = s
    else if (source === '') source = s
    else if (target === '') target = s
    else if (c === ':') return { volume: finish(), error: 'too many colons' }
    else {
      for (const option of s.split(',')) {
        if (option === 'ro') volume.read_only = true
        else if (option === 'rw') volume.read_only = false
        else if (option === 'nocopy') volume.volume = { nocopy: true }
        else if (PROPAGATIONS.includes(option)) volume.bind = { propagation: option }
        // other options are ignored, as docker does
      }
    }
  }
  return { volume: finish() }

  function finish(): ServiceVolumeConfig {
    volume.target = target
    if (source) volume.source = source
    volume.type = source === '' ? 'volume' : isFilePath(source) ? 'bind' : 'volume'
    if (volume.read_only === false) delete volume.read_only
    return volume
  }
}

function isFilePath(source: string): boolean {
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true
  if ([...source].length === 1) return false
  if (source.startsWith('\\\\')) return true
  return /^\p{L}:/u.test(source)
}

/** docker's env_file reader (pkg/kvfile): KEY=VALUE lines kept verbatim, `KEY` alone looked up, `#` lines skipped. */
export function parseDockerEnvFile(text: string, lookup: (k: string) => string | undefined): { lines: string[]; error?: string } {
  const lines: string[] = []
  const rows = text.replace(/^\uFEFF/, '').split('\n')
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n].replace(/\r$/, '')
    const line = row.replace(/^\s+/, '')
    if (line === '' || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    const key = eq === -1 ? line : line.slice(0, eq)
    if (key === '') return { lines, error: `no variable name on line '${line}'` }
    if (/[ \t]/.test(key)) return { lines, error: `variable '${key}' contains whitespaces` }
    if (eq !== -1) {
      lines.push(line)
      continue
    }
    const v = lookup(line)
    if (v !== undefined) lines.push(`${key}=${v}`)
  }
  return { lines }
}

/**
 * google/shlex Split, which docker uses for string command/entrypoint:
 * blanks separate words, '…' is literal, inside "…" and outside quotes a \
 * keeps the next character whatever it is (not POSIX: "\n" gives n), and #
 * at a word start comments out the rest of the line.
 */
export function shellSplit(s: string): { args: string[]; error?: string } {
  const args: string[] = []
  let word: string | undefined
  let i = 0
  const blank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n'
  while (i < s.length) {
    const c = s[i]
    if (blank(c)) {
      if (word !== undefined) args.push(word)
      word = undefined
      i++
      continue
    }
    if (c === '#' && word === undefined) {
      const nl = s.indexOf('\n', i)
      i = nl === -1 ? s.length : nl
      continue
    }
    if (c === '\\') {
      if (i + 1 >= s.length) return { args, error: 'EOF found after escape character' }
      word = (word ?? '') + s[i + 1]
      i += 2
      continue
    }
    if (c === "'") {
      const end = s.indexOf("'", i + 1)
      if (end === -1) return { args, error: 'EOF found when expecting closing quote' }
      word = (word ?? '') + s.slice(i + 1, end)
      i = end + 1
      continue
    }
    if (c === '"') {
      let j = i + 1
      let acc = ''
      for (;;) {
        if (j >= s.length) return { args, error: 'EOF found when expecting closing quote' }
        const d = s[j]
        if (d === '"') break
        if (d === '\\') {
          if (j + 1 >= s.length) return { args, error: 'EOF found when expecting closing quote' }
          acc += s[j + 1]
          j += 2
          continue
        }
        acc += d
        j++
      }
      word = (word ?? '') + acc
      i = j + 1
      continue
    }
    word = (word ?? '') + c
    i++
  }
  if (word !== undefined) args.push(word)
  return { args }
}
