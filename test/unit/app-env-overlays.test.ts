import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseEnvFile } from '../../src-main/compose/env'
import { findOverlays, setOverlay } from '../../src-main/apps/overlays'

const recipes = path.resolve(__dirname, '../../../shared/recipes')
const sample = (recipe: string, version: string): string => readFileSync(path.join(recipes, recipe, version, '.env.sample'), 'utf8')
const bonfire = sample('bonfire', 'main')
const composeFiles = (text: string): string => parseEnvFile(text, '.env', []).COMPOSE_FILE

describe('findOverlays on bonfire', () => {
  const overlays = findOverlays(bonfire)

  it('names every optional part of the recipe, in file order', () => {
    expect(overlays.map((o) => o.title)).toEqual([
      'postgres',
      'postgres tune',
      'basicauth',
      'sonic',
      'mail',
      'mail privatekey',
      's3',
      's3 tokenfile',
      'auth openid',
      'auth orcid',
      'auth oauth',
      'auth github',
      'ghost',
      'otel',
      'webpush',
      'github',
      'akismet',
      'mapbox'
    ])
    expect(overlays.filter((o) => o.enabled).map((o) => o.id)).toEqual(['compose.postgres.yml'])
    expect(overlays.every((o) => o.accumulates)).toBe(true)
  })

  it('gives each its section, description and variables', () => {
    const byId = Object.fromEntries(overlays.map((o) => [o.id, o]))
    expect(byId['postgres/compose.postgres.tune.yml']).toMatchObject({
      composeFile: 'postgres/compose.postgres.tune.yml',
      section: 'DATABASE CONFIG',
      description: expect.stringMatching(/^Enable `compose.postgres.tune.yml` for Postgres tuning/),
      variables: []
    })
    expect(byId['compose.basicauth.yml']).toMatchObject({
      section: 'BASIC_AUTH',
      description: expect.stringMatching(/^Use 'echo \$\(htpasswd -nB username\)'/),
      variables: [{ key: 'SECRET_USERSFILE_VERSION', value: 'v1', commented: true, line: 57 }]
    })
    expect(byId['compose.mail.yml']).toMatchObject({ section: 'MAIL', description: '', variables: [{ key: 'SECRET_MAIL_KEY_VERSION', commented: true }] })
    // The prose line between two overlays describes the second.
    expect(byId['compose.mail.privatekey.yml'].description).toBe('private key only necessary for some mail provider')
    expect(byId['compose.s3.yml'].variables.map((v) => `${v.key}=${v.value}`)).toEqual([
      'SECRET_UPLOADS_S3_ACCESS_KEY_ID_VERSION=v1',
      'SECRET_UPLOADS_S3_SECRET_ACCESS_KEY_VERSION=v1',
      'UPLOADS_S3_BUCKET=',
      'UPLOADS_S3_REGION=fr-par',
      'UPLOADS_S3_HOST=s3.fr-par.scw.cloud',
      'UPLOADS_S3_SCHEME=https://',
      'UPLOADS_S3_URL=',
      'UPLOADS_S3_DEFAULT_URL=',
      'AWS_ROLE_ARN='
    ])
    expect(byId['compose.s3.tokenfile.yml'].description).toBe('Optionally use AWS identity token file')
    expect(byId['compose.postgres.yml']).toMatchObject({ enabled: true, variables: [{ key: 'SECRET_POSTGRES_PASSWORD_VERSION', commented: false }] })
  })

  it('finds older versions\' overlays too (meilisearch in 1.0.0)', () => {
    const old = findOverlays(sample('bonfire', '1.0.0+1.0.5-social-amd64'))
    expect(old.find((o) => o.id === 'compose.meilisearch.yml')).toMatchObject({ description: 'alternative search service', section: 'SEARCH BACKEND' })
  })
})

describe('findOverlays on traefik', () => {
  it('uses the "## heading" as description and flags overlays that replace the list', () => {
    const overlays = findOverlays(sample('traefik', 'v2.4.8'))
    expect(overlays.map((o) => [o.id, o.description])).toEqual([
      ['compose.keycloak.yml', 'Enable Keycloak'],
      ['compose.smtp.yml', 'SMTP port 587'],
      ['compose.gitea.yml', 'Gitea SSH'],
      ['compose.foodsoft.yml', 'Foodsoft SMTP'],
      ['compose.peertube.yml', 'Peertube RTMP'],
      ['compose.ssb.yml', 'Secure Scuttlebutt MUXRPC'],
      ['compose.mssql.yml', 'MSSQL'],
      ['compose.host.yml', 'Host-mode networking']
    ])
    expect(overlays.every((o) => !o.accumulates && !o.enabled)).toBe(true)
  })
})

describe('setOverlay', () => {
  it('turns mail on: uncomments its COMPOSE_FILE line and variables, nothing else', () => {
    const on = setOverlay(bonfire, 'compose.mail.yml', true, { sample: bonfire })
    expect(on).toBe(
      bonfire.replace(
        '# COMPOSE_FILE="$COMPOSE_FILE:compose.mail.yml"\n# SECRET_MAIL_KEY_VERSION=v1\n',
        'COMPOSE_FILE="$COMPOSE_FILE:compose.mail.yml"\nSECRET_MAIL_KEY_VERSION=v1\n'
      )
    )
    expect(composeFiles(on)).toBe('compose.yml:compose.postgres.yml:compose.mail.yml')
    expect(findOverlays(on).find((o) => o.id === 'compose.mail.yml')?.enabled).toBe(true)
  })

  it('turns postgres off and on again', () => {
    const off = setOverlay(bonfire, 'compose.postgres.yml', false)
    expect(off).toContain('\n#COMPOSE_FILE="$COMPOSE_FILE:compose.postgres.yml"\n#SECRET_POSTGRES_PASSWORD_VERSION=v1\n')
    expect(composeFiles(off)).toBe('compose.yml')
    expect(setOverlay(off, 'compose.postgres.yml', true)).toBe(bonfire)
  })

  it.each([
    ['bonfire', 'main'],
    ['bonfire', '1.0.0+1.0.5-social-amd64'],
    ['traefik', 'v2.4.8'],
    ['traefik', 'main']
  ])('round-trips every overlay of %s %s byte for byte', (recipe, version) => {
    const text = sample(recipe, version)
    for (const o of findOverlays(text)) {
      const flipped = setOverlay(text, o.id, !o.enabled, { sample: text })
      expect(flipped).not.toBe(text)
      expect(setOverlay(flipped, o.id, o.enabled, { sample: text })).toBe(text)
      // Setting the state it already has changes nothing.
      expect(setOverlay(text, o.id, o.enabled)).toBe(text)
    }
  })

  it('without the sample, comments back in the file\'s usual style', () => {
    const text = '#COMPOSE_FILE="$COMPOSE_FILE:compose.a.yml"\n#A=1\n\n#COMPOSE_FILE="$COMPOSE_FILE:compose.b.yml"\n#B=1\n'
    const on = setOverlay(text, 'compose.b.yml', true)
    expect(on).toBe('#COMPOSE_FILE="$COMPOSE_FILE:compose.a.yml"\n#A=1\n\nCOMPOSE_FILE="$COMPOSE_FILE:compose.b.yml"\nB=1\n')
    expect(setOverlay(on, 'compose.b.yml', false)).toBe(text)
  })

  it('says plainly when the overlay is not there', () => {
    expect(() => setOverlay(bonfire, 'compose.nope.yml', true)).toThrow('This app\'s settings have no optional part "compose.nope.yml".')
  })
})
