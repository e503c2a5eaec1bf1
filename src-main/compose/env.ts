// The app's environment as abra builds it: the env file
// (~/.abra/servers/<server>/<domain>.env), the recipe's abra.sh exports, and
// STACK_NAME. abra reads env files with its fork of joho/godotenv (1.5
// line), so this follows godotenv's parser rather than shell rules:
// - blank lines and lines starting with `#` are skipped; `export ` is dropped;
//   names are letters, digits, `_`, `.` and `-`;
//   `KEY: value` works as well as `KEY=value`;
// - unquoted values end at the line end; ` #` (a space, then #) starts an
//   inline comment, the LAST such one on the line wins (godotenv 1.5 scans
//   from the end), and surrounding spaces are trimmed;
// - 'single quoted' values are literal; "double quoted" values may span lines,
//   turn \n and \r into newlines, drop other backslashes, and expand variables;
// - expansion ($VAR, ${VAR}) happens in unquoted and double-quoted values
//   only, for UPPERCASE names ([A-Z0-9_]), from variables defined EARLIER in
//   the same file (unknown → ""), which is how
//   COMPOSE_FILE="$COMPOSE_FILE:compose.postgres.yml" accumulates; `\$`
//   keeps a literal `$`. There are no defaults: `${A:-b}` expands `${A` and
//   keeps `:-b}` literally, exactly as godotenv does.
// - a later line with the same key replaces the earlier value.

import { ENV_FILE_LIMIT, sizeWords } from '../core/limits'
import type { Diagnostic } from './diagnostics'
import { describeAt, excerpt } from './diagnostics'
import { t } from '../i18n/i18n'

/** abra trims sanitised app names to this many characters so that `<stack>_<service>` stays within Docker's 63-character name limit. */
export const MAX_STACK_NAME_LENGTH = 45

export interface AppEnvironmentInput {
  envText: string
  /** Label for messages, e.g. "bonfire.example.com.env". Its basename without ".env" is the app name when no domain is given. */
  envFile?: string
  abraShText?: string
  /** The app's domain (abra's app name); STACK_NAME is derived from it. */
  domain?: string
  /** Overrides everything else, like `--stack NAME`. */
  stackName?: string
}

export interface AppEnvironment {
  env: Record<string, string>
  stackName: string
  /** COMPOSE_FILE split on ":", default ["compose.yml"]. */
  composeFiles: string[]
  /** Where COMPOSE_FILE is set (the env file, else abra.sh), for messages about the files it names. */
  composeFileAt?: { file: string; line?: number }
  diagnostics: Diagnostic[]
}

export function appEnvironment(input: AppEnvironmentInput): AppEnvironment {
  const diagnostics: Diagnostic[] = []
  const envLabel = input.envFile ? basename(input.envFile) : '.env'
  const fromFile = parseEnvFile(input.envText, envLabel, diagnostics)
  const fromAbraSh = input.abraShText === undefined ? {} : parseAbraSh(input.abraShText, diagnostics)

  // abra.sh holds config versions (FOO_VERSION=v2) that the operator's env
  // file may pin, so the env file wins.
  const env: Record<string, string> = { ...fromAbraSh, ...fromFile }

  let stackName = input.stackName
  if (!stackName && env.STACK_NAME) stackName = env.STACK_NAME
  if (!stackName) {
    const appName = input.domain || appNameFromEnvFile(input.envFile) || env.DOMAIN
    if (appName) stackName = stackNameFor(appName)
  }
  if (!stackName) {
    diagnostics.push({
      severity: 'error',
      file: envLabel,
      path: 'STACK_NAME',
      message: t('compose.env.noStackName', { file: envLabel })
    })
    stackName = ''
  }
  env.STACK_NAME = stackName

  const composeFileAt = Object.hasOwn(fromFile, 'COMPOSE_FILE')
    ? { file: envLabel, line: lineOfAssignment(input.envText, 'COMPOSE_FILE') }
    : Object.hasOwn(fromAbraSh, 'COMPOSE_FILE')
      ? { file: 'abra.sh', line: lineOfAssignment(input.abraShText ?? '', 'COMPOSE_FILE') }
      : undefined
  return { env, stackName, composeFiles: composeFilesOf(env, envLabel, diagnostics), composeFileAt, diagnostics }
}

/** The line of the last `NAME=` (or `export NAME=`, `NAME:`) in a file, 1-based; the one that wins. */
function lineOfAssignment(text: string, name: string): number | undefined {
  let found: number | undefined
  const re = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*[=:]`)
  text.split('\n').forEach((line, i) => {
    if (re.test(line)) found = i + 1
  })
  return found
}

/** abra's rule: dots become underscores, then the name is cut to 45 characters. */
export function stackNameFor(appName: string): string {
  return appName.replaceAll('.', '_').slice(0, MAX_STACK_NAME_LENGTH)
}

function appNameFromEnvFile(envFile: string | undefined): string | undefined {
  if (!envFile) return undefined
  const base = basename(envFile)
  return base.endsWith('.env') && base.length > 4 ? base.slice(0, -4) : undefined
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p
}

function composeFilesOf(env: Record<string, string>, envLabel: string, diagnostics: Diagnostic[]): string[] {
  const raw = env.COMPOSE_FILE
  if (raw === undefined) return ['compose.yml']
  const parts = raw.split(':')
  const files = parts.map((p) => p.trim()).filter((p) => p !== '')
  if (files.length !== parts.length) {
    diagnostics.push({
      severity: 'warning',
      file: envLabel,
      path: 'COMPOSE_FILE',
      message: t('compose.env.emptyEntry', { file: envLabel, value: excerpt(raw) })
    })
  }
  return files.length ? files : ['compose.yml']
}

/**
 * Parses an env file the way abra's godotenv does. Errors (bad key
 * characters, unterminated quotes) name the file and line; parsing stops at
 * the first one, as godotenv does.
 */
export function parseEnvFile(text: string, file: string, diagnostics: Diagnostic[]): Record<string, string> {
  const out: Record<string, string> = {}
  // An env file holds a few dozen settings; a huge one is refused unread
  // rather than parsed (and quoted back) at length.
  if (text.length > ENV_FILE_LIMIT) {
    diagnostics.push({ severity: 'error', file, message: t('compose.env.tooBig', { file, size: sizeWords(text.length), limit: sizeWords(ENV_FILE_LIMIT) }) })
    return out
  }
  const src = text.replaceAll('\r\n', '\n')
  const lineAt = (i: number): number => {
    let n = 1
    for (let k = 0; k < i && k < src.length; k++) if (src[k] === '\n') n++
    return n
  }
  const fail = (at: number, what: string): Record<string, string> => {
    const line = lineAt(at)
    diagnostics.push({ severity: 'error', file, line, message: `${describeAt({ file, line })}${what}` })
    return out
  }

  let i = 0
  for (;;) {
    // Statement start: skip whitespace (newlines included) and comment lines.
    for (;;) {
      while (i < src.length && /\s/.test(src[i])) i++
      if (i >= src.length) return out
      if (src[i] !== '#') break
      const nl = src.indexOf('\n', i)
      if (nl === -1) return out
      i = nl
    }
    const statementAt = i

    // Key: optional `export `, then [A-Za-z0-9_.] (spaces ignored) up to `=` or `:`.
    if (src.startsWith('export', i) && isSpace(src[i + 6])) {
      i += 6
      while (i < src.length && isSpace(src[i])) i++
    }
    const keyStart = i
    let key: string | undefined
    for (; i < src.length; i++) {
      const c = src[i]
      if (isSpace(c)) continue
      if (c === '=' || c === ':') {
        key = src.slice(keyStart, i).trimEnd()
        i++
        break
      }
      if (c === '_' || c === '.' || c === '-' || /[\p{L}\p{N}]/u.test(c)) continue
      const shown = c === '\n' ? t('compose.env.lineEnd') : `"${c}"`
      return fail(i, t('compose.env.unexpected', { shown, name: excerpt(src.slice(keyStart, i).trim()) }))
    }
    if (key === undefined) return fail(statementAt, t('compose.env.noEquals', { line: excerpt(src.slice(keyStart, keyStart + 200).trim()) }))
    if (key === '') return fail(statementAt, t('compose.env.noName'))
    while (i < src.length && isSpace(src[i])) i++

    const quote = src[i] === '"' || src[i] === "'" ? src[i] : undefined
    if (!quote) {
      const rest = src.slice(i).search(/[\r\n]/)
      const end = rest === -1 ? src.length : i + rest
      let line = src.slice(i, end)
      for (let k = line.length - 1; k > 0; k--) {
        if (line[k] === '#' && isSpace(line[k - 1])) {
          line = line.slice(0, k)
          break
        }
      }
      out[key] = expandVariables(trimSpace(line), out)
      i = end
      continue
    }

    let close = -1
    for (let k = i + 1; k < src.length; k++) {
      if (src[k] !== quote) continue
      if (src[k - 1] === '\\') continue
      close = k
      break
    }
    if (close === -1) return fail(i, t(quote === '"' ? 'compose.env.unclosedDouble' : 'compose.env.unclosedSingle', { key: excerpt(key) }))
    // godotenv trims every quote character at both ends of the raw value.
    let value = src.slice(i, close)
    while (value.startsWith(quote)) value = value.slice(1)
    while (value.endsWith(quote)) value = value.slice(0, -1)
    if (quote === '"') value = expandVariables(expandEscapes(value), out)
    out[key] = value
    i = close + 1
  }
}

// godotenv's isSpace: blanks but not line breaks.
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r' || c === '\u0085' || c === '\u00a0'
}

function trimSpace(s: string): string {
  let a = 0
  let b = s.length
  while (a < b && isSpace(s[a])) a++
  while (b > a && isSpace(s[b - 1])) b--
  return s.slice(a, b)
}

function expandEscapes(s: string): string {
  const out = s.replace(/\\[\s\S]/g, (m) => (m[1] === 'n' ? '\n' : m[1] === 'r' ? '\r' : m))
  return out.replace(/\\([^$])/g, '$1')
}

// Same pattern as godotenv: an optional backslash, `$`, optional `(`,
// optional `{`, an UPPERCASE name, optional `}`.
const expandVarRe = /(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?/g

function expandVariables(v: string, vars: Record<string, string>): string {
  return v.replace(expandVarRe, (whole: string, backslash: string | undefined, _dollar: string, _paren: string | undefined, name: string | undefined) => {
    if (backslash) return whole.slice(1)
    if (name) return Object.hasOwn(vars, name) ? vars[name] : ''
    return whole
  })
}

/**
 * abra.sh `export KEY=VALUE` lines (abra reads only these; the rest of the
 * script is shell for `abra app cmd`). Matching quotes around the value are
 * removed, as the shell would.
 */
export function parseAbraSh(text: string, diagnostics: Diagnostic[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (text.length > ENV_FILE_LIMIT) {
    diagnostics.push({ severity: 'error', file: 'abra.sh', message: t('compose.env.abraShTooBig', { size: sizeWords(text.length), limit: sizeWords(ENV_FILE_LIMIT) }) })
    return out
  }
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    const m = /^export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
    if (!m) {
      if (/^export\s+[A-Za-z_][A-Za-z0-9_]*\s*$/.test(line)) return
      if (line.startsWith('export ')) {
        diagnostics.push({
          severity: 'warning',
          file: 'abra.sh',
          line: index + 1,
          message: t('compose.env.abraShLine', { line: index + 1, text: excerpt(line) })
        })
      }
      return
    }
    let value = m[2].trim()
    const q = value[0]
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) value = value.slice(1, -1)
    out[m[1]] = value
  })
  return out
}
