import { describe, expect, it } from 'vitest'
import type { SecretInfo } from '../../src-main/contract/apps'
import {
  envFormInput,
  isManagedKey,
  missingSecretValues,
  NO_EDITS,
  rawEdits,
  secretsToType,
  withValue
} from '../../src-renderer/src/screens/catalogue/newAppRules'

describe('env form edits', () => {
  it('starts from the sample for the domain, with no envText', () => {
    expect(envFormInput('ccd-web', 'v1.0.0', 'a.example.org', NO_EDITS)).toEqual({ recipe: 'ccd-web', version: 'v1.0.0', domain: 'a.example.org' })
    expect(envFormInput('ccd-web', undefined, undefined, NO_EDITS)).toEqual({ recipe: 'ccd-web' })
  })

  it('sends typed values and switched parts on top of the base', () => {
    const edits = { ...withValue(NO_EDITS, 'GREETING', 'hi', true), overlays: { 'compose.extra.yml': true } }
    expect(envFormInput('ccd-web', 'v1.0.0', 'a.example.org', edits)).toEqual({
      recipe: 'ccd-web',
      version: 'v1.0.0',
      domain: 'a.example.org',
      set: { GREETING: 'hi' },
      overlays: { 'compose.extra.yml': true }
    })
  })

  it('puts a commented-out variable back to its default when its field is emptied', () => {
    const typed = withValue(NO_EDITS, 'TIMEOUT', '300', true)
    // The core now reports the line as set (not commented); the first answer counts.
    const cleared = withValue(typed, 'TIMEOUT', '', false)
    expect(cleared.set).toEqual({})
  })

  it('keeps an emptied variable that was set in the sample as an empty value', () => {
    expect(withValue(NO_EDITS, 'MOTD', '', false).set).toEqual({ MOTD: '' })
  })

  it('makes typed file text the new base, dropping edits it already holds', () => {
    const before = withValue(NO_EDITS, 'MOTD', 'x', false)
    const raw = rawEdits('TYPE=ccd-web\nMOTD=x\n')
    expect(raw.set).toEqual({})
    expect(envFormInput('ccd-web', 'v1.0.0', 'a.example.org', raw)).toEqual({
      recipe: 'ccd-web',
      version: 'v1.0.0',
      domain: 'a.example.org',
      envText: 'TYPE=ccd-web\nMOTD=x\n'
    })
    expect(before.set).toEqual({ MOTD: 'x' })
  })

  it('leaves the lines other fields control to the file editor', () => {
    expect(['TYPE', 'RECIPE', 'DOMAIN', 'COMPOSE_FILE', 'SECRET_DB_PASSWORD_VERSION'].filter(isManagedKey)).toHaveLength(5)
    expect(['MOTD', 'GREETING', 'SECRET_KEY', 'TIMEOUT'].filter(isManagedKey)).toEqual([])
  })
})

const secret = (name: string, generate = true): SecretInfo => ({
  name,
  envKey: `SECRET_${name.toUpperCase()}_VERSION`,
  version: 'v1',
  swarmName: `app_${name}_v1`,
  charset: 'default',
  generate,
  tooLong: false
})

describe('secrets to type', () => {
  it('asks only for the ones the recipe marks generate=false, unless the person types them all', () => {
    const secrets = [secret('db_password'), secret('api_key', false)]
    expect(secretsToType(secrets, false).map((s) => s.name)).toEqual(['api_key'])
    expect(secretsToType(secrets, true).map((s) => s.name)).toEqual(['db_password', 'api_key'])
    expect(missingSecretValues(secrets, false, {})).toEqual(['api_key'])
    expect(missingSecretValues(secrets, true, { api_key: 'k' })).toEqual(['db_password'])
  })
})
