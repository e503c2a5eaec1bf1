// The app's secrets as abra names them. Each `SECRET_<NAME>_VERSION=vN` in
// the env file pins the version of the compose secret <name> (NAME in lower
// case), and recipes name the swarm secret
// `${STACK_NAME}_<name>_${SECRET_<NAME>_VERSION}`. An inline comment tunes
// generation: `# length=128`, `# charset=special-chars`, `# generate=false`.
// Generated values live in memory only: nothing here writes them anywhere.

import crypto from 'node:crypto'
import { ApiError } from '../contract/errors'
import { parseEnvFile, stackNameFor } from '../compose/env'
import { commentModifiers, scanAssignments } from './env-lines'
import { t } from '../i18n/i18n'

/** Docker refuses secret names longer than this. */
export const MAX_SECRET_NAME_LENGTH = 64

export const ALPHABET_DEFAULT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
// No quotes, backslash, backtick or space: values often end up pasted into
// shells and config files.
export const ALPHABET_SPECIAL = `${ALPHABET_DEFAULT}!#$%&()*+,-./:;<=>?@[]^_{|}~`
export const DEFAULT_SECRET_LENGTH = 32

export type Charset = 'default' | 'special-chars'

export interface SecretSpec {
  /** SECRET_DB_PASSWORD_VERSION */
  envKey: string
  /** The compose secret: db_password */
  name: string
  version: string
  /** From `# length=N`; undefined means abra's default. */
  length?: number
  charset: Charset
  /** False for `# generate=false`: the person types the value. */
  generate: boolean
  /** `${STACK_NAME}_<name>_<version>` */
  swarmName: string
  /** Longer than Docker allows: creating it would fail. */
  tooLong: boolean
  /** Listed in the compose files' secrets (undefined when they weren't given). */
  inCompose?: boolean
  line?: number
}

export interface FindSecretsOptions {
  /** The compose files' top-level `secrets:` keys; secrets they use but the env doesn't pin get version v1, as recipes default. */
  composeSecrets?: string[]
  /** Defaults to the env's STACK_NAME, else derived from DOMAIN. */
  stackName?: string
}

export function findSecrets(envText: string, options: FindSecretsOptions = {}): SecretSpec[] {
  const env = parseEnvFile(envText, '.env', [])
  const stackName = options.stackName ?? env.STACK_NAME ?? (env.DOMAIN ? stackNameFor(env.DOMAIN) : '')
  const compose = options.composeSecrets ? new Set(options.composeSecrets) : undefined
  const byName = new Map<string, SecretSpec>()

  for (const a of scanAssignments(envText)) {
    const m = /^SECRET_(.+)_VERSION$/.exec(a.key)
    if (!m) continue
    const name = m[1].toLowerCase()
    const version = env[a.key] ?? ''
    const mods = commentModifiers(a.trailing)
    const length = mods.length && /^\d+$/.test(mods.length) ? Number(mods.length) : undefined
    byName.set(name, spec(stackName, name, version, {
      envKey: a.key,
      length,
      charset: mods.charset === 'special-chars' ? 'special-chars' : 'default',
      generate: mods.generate !== 'false',
      inCompose: compose ? compose.has(name) : undefined,
      line: a.line
    }))
  }
  for (const name of compose ?? []) {
    if (!byName.has(name)) byName.set(name, spec(stackName, name, 'v1', { envKey: `SECRET_${name.toUpperCase()}_VERSION`, charset: 'default', generate: true, inCompose: true }))
  }
  return [...byName.values()]
}

function spec(stackName: string, name: string, version: string, rest: Omit<SecretSpec, 'name' | 'version' | 'swarmName' | 'tooLong'>): SecretSpec {
  const swarmName = secretSwarmName(stackName, name, version)
  return { ...rest, name, version, swarmName, tooLong: swarmName.length > MAX_SECRET_NAME_LENGTH }
}

export function secretSwarmName(stackName: string, name: string, version: string): string {
  return `${stackName}_${name}_${version}`
}

export interface GenerateOptions {
  length?: number
  charset?: Charset
}

/** A random value from a cryptographic RNG; randomInt draws each character without modulo bias. */
export function generateSecret({ length = DEFAULT_SECRET_LENGTH, charset = 'default' }: GenerateOptions = {}): string {
  if (!Number.isInteger(length) || length < 1 || length > 4096) throw new ApiError('secret-length', t('apps.misc.secretLength', { length }))
  const alphabet = charset === 'special-chars' ? ALPHABET_SPECIAL : ALPHABET_DEFAULT
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[crypto.randomInt(alphabet.length)]
  return out
}

/** v1 → v2: the next version when a secret is rotated. */
export function bumpVersion(version: string): string {
  const m = /^v(\d+)$/.exec(version)
  if (!m) throw new ApiError('secret-version', t('apps.misc.secretVersion', { version }))
  return `v${Number(m[1]) + 1}`
}
