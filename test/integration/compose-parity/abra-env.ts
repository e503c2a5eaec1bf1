// The app environment as abra hands it to its compose loader, written
// independently of src-main/compose/env.ts so that the oracle side of the
// parity tests does not share the engine's parser:
// - the env file, read like godotenv 1.5 (abra's fork): `#` comments,
//   `export `, 'single' (literal) and "double" quotes (escapes, $VAR
//   expansion), unquoted values cut at the last " #" and trimmed, $VAR and
//   ${VAR} expanded from earlier lines;
// - abra.sh `export NAME=value` lines (abra's ReadAbraShEnvVars), which do not
//   override the env file (the issue's rule);
// - STACK_NAME.

const EXPAND = /(\\)?(\$)(\()?\{?([A-Z0-9_]+)?\}?/g

function expand(value: string, vars: Record<string, string>): string {
  return value.replace(EXPAND, (whole: string, escaped?: string, _dollar?: string, paren?: string, name?: string) => {
    if (escaped) return whole.slice(1)
    if (paren || !name) return whole
    return vars[name] ?? ''
  })
}

export function parseEnvText(text: string): Record<string, string> {
  const vars: Record<string, string> = {}
  let rest = text.replace(/\r\n?/g, '\n')
  while (rest.length > 0) {
    const nl = rest.indexOf('\n')
    const line = (nl === -1 ? rest : rest.slice(0, nl)).trim()
    if (line === '' || line.startsWith('#')) {
      rest = nl === -1 ? '' : rest.slice(nl + 1)
      continue
    }
    const m = /^(?:export\s+)?([A-Za-z0-9_.-]+)\s*[=:]\s*/.exec(rest.trimStart())
    if (!m) throw new Error(`env line not understood: ${line}`)
    const afterKey = rest.trimStart().slice(m[0].length)
    const key = m[1]
    const quote = afterKey[0]
    if (quote === '"' || quote === "'") {
      let end = 1
      while (end < afterKey.length && !(afterKey[end] === quote && afterKey[end - 1] !== '\\')) end++
      let value = afterKey.slice(1, end)
      if (quote === '"') {
        value = value.replace(/\\([^$])/g, (_w, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c))
        value = expand(value, vars)
      }
      vars[key] = value
      const after = afterKey.slice(end + 1)
      const nl2 = after.indexOf('\n')
      rest = nl2 === -1 ? '' : after.slice(nl2 + 1)
      continue
    }
    const nl2 = afterKey.indexOf('\n')
    let value = nl2 === -1 ? afterKey : afterKey.slice(0, nl2)
    for (let i = value.length - 1; i > 0; i--) {
      if (value[i] === '#' && /\s/.test(value[i - 1])) {
        value = value.slice(0, i)
        break
      }
    }
    vars[key] = expand(value.trim(), vars)
    rest = nl2 === -1 ? '' : afterKey.slice(nl2 + 1)
  }
  return vars
}

export function parseAbraShExports(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    if (!/^export\s+(\w+=\w+)/.test(line)) continue
    const def = line.split('export ').pop()!
    const kv = def.split('=')
    if (kv.length !== 2) throw new Error(`abra.sh line not understood: ${line}`)
    out[kv[0]] = kv[1]
  }
  return out
}

export function appEnv(envText: string, abraShText: string | undefined, stackName: string): Record<string, string> {
  const fromFile = parseEnvText(envText)
  const fromAbraSh = abraShText ? parseAbraShExports(abraShText) : {}
  return { ...fromAbraSh, ...fromFile, STACK_NAME: stackName }
}

export function composeFilesOf(env: Record<string, string>): string[] {
  const value = env.COMPOSE_FILE
  return value ? value.split(':').filter((f) => f !== '') : ['compose.yml']
}

/** The recipe's .env.sample for one app: DOMAIN replaced. */
export function withDomain(envText: string, domain: string): string {
  return envText.replace(/^DOMAIN=.*$/m, `DOMAIN=${domain}`)
}

/**
 * Every commented-out `COMPOSE_FILE=` line switched on, with the commented
 * `SECRET_…=` lines that go with the overlays (the secret versions abra
 * generates secrets for; without them the overlays name secrets like
 * `<stack>_usersfile_`, which Docker refuses).
 */
export function withAllOverlays(envText: string): string {
  return envText.replace(/^[ \t]*#[ \t#]*((?:COMPOSE_FILE|SECRET_[A-Z0-9_]*)=)/gm, '$1')
}

/** The overlay files named on commented-out `COMPOSE_FILE=` lines, in order. */
export function commentedOverlayLines(envText: string): string[] {
  return [...envText.matchAll(/^[ \t]*#[ \t#]*(COMPOSE_FILE=.*)$/gm)].map((m) => m[1].trim())
}

export interface EnvVariant {
  /** "sample", "all overlays", "deployable overlays", "overlay compose.yml:compose.host.yml". */
  id: string
  envText: string
}

const secretLinesOn = (text: string): string => text.replace(/^[ \t]*#[ \t#]*(SECRET_[A-Z0-9_]*=)/gm, '$1')

/**
 * The env files a parity case deploys: the .env.sample as is, and with every
 * commented COMPOSE_FILE line switched on. Where that combination names a
 * secret or config no file defines (`isBroken`), docker stack deploy refuses
 * it, so there is also a case with only the overlays that can go together.
 * Where the commented lines each set COMPOSE_FILE afresh (rather than append
 * to $COMPOSE_FILE) only the last one would count, so each gets a case.
 */
export function envVariants(sample: string, isBroken: (files: string[]) => boolean): EnvVariant[] {
  const all = withAllOverlays(sample)
  const variants: EnvVariant[] = [
    { id: 'sample', envText: sample },
    { id: 'all overlays', envText: all }
  ]
  const lines = commentedOverlayLines(sample)
  const chained = lines.filter((l) => l.includes('$COMPOSE_FILE') || l.includes('${COMPOSE_FILE'))
  if (chained.length > 0 && isBroken(composeFilesOf(parseEnvText(all)))) {
    // Switch overlays on one at a time, keeping those that leave the set whole.
    let text = secretLinesOn(sample)
    for (const line of chained) {
      const candidate = `${text.replace(/\n?$/, '\n')}${line}\n`
      if (!isBroken(composeFilesOf(parseEnvText(candidate)))) text = candidate
    }
    variants.push({ id: 'deployable overlays', envText: text })
  }
  const standalone = lines.filter((l) => !chained.includes(l))
  for (const line of standalone.slice(0, -1)) {
    const value = parseEnvText(line).COMPOSE_FILE
    variants.push({ id: `overlay ${value}`, envText: `${secretLinesOn(sample).replace(/\n?$/, '\n')}${line}\n` })
  }
  return variants
}
