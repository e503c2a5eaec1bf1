import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { newEnvFile } from '../../src-main/apps/env-file'
import { ALPHABET_DEFAULT, ALPHABET_SPECIAL, bumpVersion, findSecrets, generateSecret } from '../../src-main/apps/secrets'

const recipes = path.resolve(__dirname, '../../../shared/recipes')
const bonfire = readFileSync(path.join(recipes, 'bonfire', 'main', '.env.sample'), 'utf8')

describe('findSecrets', () => {
  it('finds every active SECRET_*_VERSION in bonfire with its length', () => {
    const env = newEnvFile(bonfire, { recipe: 'bonfire', domain: 'social.example.org' })
    const secrets = findSecrets(env)
    expect(secrets.map((s) => [s.envKey, s.name, s.version, s.length ?? null, s.swarmName])).toEqual([
      ['SECRET_POSTGRES_PASSWORD_VERSION', 'postgres_password', 'v1', null, 'social_example_org_postgres_password_v1'],
      ['SECRET_SEEDS_PW_VERSION', 'seeds_pw', 'v1', null, 'social_example_org_seeds_pw_v1'],
      ['SECRET_LIVEBOOK_PASSWORD_VERSION', 'livebook_password', 'v1', null, 'social_example_org_livebook_password_v1'],
      ['SECRET_SECRET_KEY_BASE_VERSION', 'secret_key_base', 'v1', 128, 'social_example_org_secret_key_base_v1'],
      ['SECRET_SIGNING_SALT_VERSION', 'signing_salt', 'v1', 128, 'social_example_org_signing_salt_v1'],
      ['SECRET_ENCRYPTION_SALT_VERSION', 'encryption_salt', 'v1', 128, 'social_example_org_encryption_salt_v1'],
      ['SECRET_RELEASE_COOKIE_VERSION', 'release_cookie', 'v1', null, 'social_example_org_release_cookie_v1']
    ])
    expect(secrets.every((s) => s.charset === 'default' && s.generate && !s.tooLong)).toBe(true)
  })

  it('reads charset and generate modifiers, and a pinned STACK_NAME', () => {
    const [a, b] = findSecrets('STACK_NAME=app\nSECRET_A_VERSION=v3 # length=20 charset=special-chars\nSECRET_B_VERSION=v1 # generate=false\n')
    expect(a).toMatchObject({ name: 'a', version: 'v3', length: 20, charset: 'special-chars', generate: true, swarmName: 'app_a_v3' })
    expect(b).toMatchObject({ name: 'b', generate: false, swarmName: 'app_b_v1' })
  })

  it('matches the compose secrets: env-only ones are flagged, compose-only ones default to v1', () => {
    const secrets = findSecrets('DOMAIN=x.example.org\nSECRET_DB_PASSWORD_VERSION=v2\nSECRET_OLD_VERSION=v1\n', { composeSecrets: ['db_password', 'api_key'] })
    expect(secrets.map((s) => [s.name, s.version, s.inCompose, s.swarmName])).toEqual([
      ['db_password', 'v2', true, 'x_example_org_db_password_v2'],
      ['old', 'v1', false, 'x_example_org_old_v1'],
      ['api_key', 'v1', true, 'x_example_org_api_key_v1']
    ])
  })

  it('flags names longer than Docker allows', () => {
    const [s] = findSecrets('SECRET_A_VERY_LONG_SECRET_NAME_INDEED_VERSION=v1\n', { stackName: 'a'.repeat(40) })
    expect(s.tooLong).toBe(true)
  })
})

describe('generateSecret', () => {
  it('has the requested length and alphabet, and differs each time', () => {
    const values = Array.from({ length: 50 }, () => generateSecret({ length: 128 }))
    for (const v of values) {
      expect(v).toHaveLength(128)
      expect([...v].every((c) => ALPHABET_DEFAULT.includes(c))).toBe(true)
    }
    expect(new Set(values).size).toBe(50)
  })

  it('defaults to 32 characters and can use special characters', () => {
    expect(generateSecret()).toMatch(/^[A-Za-z0-9]{32}$/)
    const special = Array.from({ length: 20 }, () => generateSecret({ length: 64, charset: 'special-chars' })).join('')
    expect([...special].every((c) => ALPHABET_SPECIAL.includes(c))).toBe(true)
    expect(/[^A-Za-z0-9]/.test(special)).toBe(true)
  })

  it('uses every character of the alphabet about equally', () => {
    const counts = new Map<string, number>()
    for (const c of generateSecret({ length: 4096 }) + generateSecret({ length: 4096 })) counts.set(c, (counts.get(c) ?? 0) + 1)
    expect(counts.size).toBe(ALPHABET_DEFAULT.length)
    for (const n of counts.values()) expect(n).toBeGreaterThan(60)
  })

  it('refuses a length that is not a sensible whole number', () => {
    expect(() => generateSecret({ length: 0 })).toThrow(/whole number from 1 to 4096/)
    expect(() => generateSecret({ length: 2.5 })).toThrow(/whole number/)
  })
})

describe('bumpVersion', () => {
  it.each([['v1', 'v2'], ['v9', 'v10'], ['v41', 'v42']])('%s → %s', (a, b) => expect(bumpVersion(a)).toBe(b))
  it('refuses what is not a version', () => expect(() => bumpVersion('latest')).toThrow('"latest" isn\'t a secret version like v1, so it can\'t be increased.'))
})
