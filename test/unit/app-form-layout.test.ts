import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { newEnvFile, setEnvValues } from '../../src-main/apps/env-file'
import { envVariables } from '../../src-main/apps/form'
import { composeDefaults, envSections, foldFields, layoutForm, readmeWords } from '../../src-main/apps/form-layout'
import { cleanHelp, readable, sectionTitle } from '../../src-main/apps/form-words'
import { findOverlays } from '../../src-main/apps/overlays'
import type { RecipeFiles } from '../../src-main/apps/recipe-files'
import type { EnvField, EnvLayout } from '../../src-main/contract/env-layout'
import { recipeFilesIn } from '../support/recipe-files'

const recipes = path.resolve(__dirname, '../../../shared/recipes')

const bonfireFiles = recipeFilesIn(path.join(recipes, 'bonfire', '2.0.1+1.0.6-social-amd64'))
const bonfireEnv = newEnvFile(bonfireFiles.get('.env.sample')!, { recipe: 'bonfire', domain: 'social.example.org' })
const layoutOf = (envText: string, files: RecipeFiles = bonfireFiles): EnvLayout =>
  layoutForm({ envText, variables: envVariables(envText), overlays: findOverlays(envText), files })
const allFields = (l: EnvLayout): EnvField[] => [...l.essentials, ...l.groups.flatMap((g) => [...g.fields, ...g.parts.flatMap((p) => p.fields)])]
const field = (l: EnvLayout, key: string): EnvField => {
  const found = allFields(l).filter((f) => f.key === key)
  expect(found).toHaveLength(1)
  return found[0]
}

describe('readable labels', () => {
  it.each([
    ['DB_MEMORY_LIMIT', 'DB memory limit'],
    ['LETS_ENCRYPT_ENV', 'Let’s Encrypt environment'],
    ['ZENODO_GRANT_TYPE', 'Zenodo grant type'],
    ['OPENID_1_CLIENT_ID', 'OpenID 1 client ID'],
    ['UPLOADS_S3_URL', 'Uploads S3 URL'],
    ['SECRET_SEEDS_PW_VERSION', 'Secret seeds password version'],
    ['mail privatekey', 'Mail private key'],
    ['domain', 'Domain']
  ])('%s reads as “%s”', (key, label) => {
    expect(readable(key)).toBe(label)
  })

  it('section headers read in sentence case', () => {
    expect(sectionTitle('DATABASE CONFIG')).toBe('Database config')
    expect(sectionTitle('## BASIC_AUTH')).toBe('Basic auth')
    expect(sectionTitle('SSO')).toBe('SSO')
    expect(sectionTitle('Mail settings')).toBe('Mail settings')
  })

  it('every variable name gives a non-empty label with no underscores', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,30}$/), (key) => {
        const label = readable(key)
        expect(label.length).toBeGreaterThan(0)
        expect(label).not.toContain('_')
        expect(label[0]).toBe(label[0].toUpperCase())
      })
    )
  })
})

describe('comments kept as help only where they read as help', () => {
  it.each([
    // Instructions about the file go; what the setting is for stays.
    ['uncomment to run specific version e.g. 1.0.4 or latest release branch', undefined, 'Use this to run specific version e.g. 1.0.4 or latest release branch.'],
    ['for manual selection of DB version and docker image uncomment', undefined, undefined],
    ['uncomment in order to NOT automatically change the database schema when you upgrade the app', undefined, 'Use this to not automatically change the database schema when you upgrade the app.'],
    [
      'what service to use (eg. smtp, mailgun, none) NOTE: you should also set the keys below, and uncomment the COMPOSE_FILE line for the relevant service if needed',
      undefined,
      'What service to use (eg. smtp, mailgun, none) Note: you should also set the keys below.'
    ],
    // Shouting becomes a calm note.
    ['DO NOT CHANGE DOMAIN AFTER DEPLOYMENT! WILL BREAK FEDERATION!!', undefined, 'Note: do not change domain after deployment — will break federation.'],
    // The default the form states itself is not repeated (it might disagree).
    ['choose specific build. default: amd64, available: aarch64', 'amd64', 'Choose specific build. Available: aarch64.'],
    ['max file upload size - default is 20 meg', undefined, 'Max file upload size - default is 20 meg.'],
    ['Domain aliases', undefined, 'Domain aliases.'],
    ['^ can be code, token or id_token', undefined, undefined],
    ['====', undefined, undefined]
  ])('%j → %j', (comment, knownDefault, help) => {
    expect(cleanHelp(comment, knownDefault === undefined ? {} : { knownDefault })).toBe(help)
  })

  it('never passes on “uncomment”, a shout or a default it was told the form states', () => {
    const words = fc.constantFrom('uncomment', 'comment', 'to', 'run', 'the', 'DO', 'NOT', 'CHANGE', 'DOMAIN', 'default:', 'amd64', 'value', 'NOTE:', 'and', 'e.g.', '!!', '.', ',', 'COMPOSE_FILE', 'x86')
    fc.assert(
      fc.property(fc.array(fc.array(words, { maxLength: 12 }).map((w) => w.join(' ')), { maxLength: 4 }), (lines) => {
        const help = cleanHelp(lines.join('\n'), { knownDefault: 'amd64' })
        if (help === undefined) return
        expect(help).not.toMatch(/\b(un)?comment\b|COMPOSE_FILE|!!/i)
        expect(help).not.toMatch(/default: amd64/i)
        expect(help).not.toMatch(/\b[A-Z]{2,}(?:\s+[A-Z]{2,}){3,}/)
      })
    )
  })
})

describe('bonfire’s form', () => {
  const layout = layoutOf(bonfireEnv)

  it('asks first for nothing but the domain: every other setting has a value or a default', () => {
    expect(layout.essentials).toEqual([])
  })

  it('groups the settings by the sample’s “# =====” sections, in its order', () => {
    expect(layout.groups.map((g) => g.title)).toEqual([
      'General',
      'Database config',
      'Basic auth',
      'Search backend',
      'Mail',
      'Uploads',
      'SSO',
      'Ghost integration',
      'Open telemetry',
      'Bonfire extensions and misc'
    ])
    expect(envSections(bonfireEnv).map((s) => s.title)).toContain('Secrets')
    const db = layout.groups.find((g) => g.title === 'Database config')!
    expect(db.fields.map((f) => f.key)).toEqual(['DB_MEMORY_LIMIT', 'DB_MAX_CONNECTIONS', 'DB_MIGRATE_INDEXES_CONCURRENTLY', 'DB_DOCKER_VERSION', 'DB_DOCKER_IMAGE', 'DISABLE_DB_AUTOMIGRATION'])
    expect(db.parts.map((p) => p.composeFile)).toEqual(['compose.postgres.yml', 'postgres/compose.postgres.tune.yml'])
  })

  it('shows each key once, managed lines (domain, parts, secret versions) not at all', () => {
    const keys = allFields(layout).map((f) => f.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.filter((k) => /^(TYPE|DOMAIN|COMPOSE_FILE|SECRET_.*_VERSION)$/.test(k))).toEqual([])
  })

  it('folds DB_DOCKER_IMAGE and DB_DOCKER_VERSION, offered twice with different values, into one field each', () => {
    const image = field(layout, 'DB_DOCKER_IMAGE')
    expect(image).toMatchObject({ commented: true, value: '', defaultValue: 'ghcr.io/baosystems/postgis' })
    expect(image.suggestions).toEqual([
      { value: 'ghcr.io/baosystems/postgis', note: 'For ARM or x86' },
      { value: 'postgis/postgis', note: 'for x86' }
    ])
    expect(image.help).toBe('Note that different flavours or architectures may require different postgres builds.')
    const version = field(layout, 'DB_DOCKER_VERSION')
    expect(version).toMatchObject({ defaultValue: '17-3.5', suggestions: [{ value: '17-3.5-alpine' }] })
    expect(version.help).toBeUndefined()
  })

  it('states the compose file’s default, never the sample’s example as the default', () => {
    const platform = field(layout, 'APP_PLATFORM')
    expect(platform.defaultValue).toBe('amd64')
    expect(platform.help).toBe('Choose specific build. Available: aarch64.')
    expect(platform.suggestions).toEqual([])
    expect(composeDefaults(bonfireFiles).get('APP_VERSION')).toBe('1.0.6')
  })

  it('keeps no help that talks about the file or shouts', () => {
    const helps = allFields(layout).map((f) => f.help ?? '')
    expect(helps.filter((h) => /uncomment|COMPOSE_FILE|!!/i.test(h) || /DO NOT/.test(h))).toEqual([])
    expect(field(layout, 'EXTRA_DOMAINS').help).toBe('Domain aliases.')
  })

  it('keeps the recipe’s warning about the domain with the domain, not with the field below it', () => {
    // "# DO NOT CHANGE DOMAIN AFTER DEPLOYMENT!" sits between DOMAIN= and #EXTRA_DOMAINS= and names DOMAIN.
    expect(layout.domainHelp).toBe("Enter your instance's domain name. Note: do not change domain after deployment — will break federation.")
    expect(allFields(layout).some((f) => f.key === 'DOMAIN')).toBe(false)
  })

  it('describes each optional part by what it adds, never as “Adds compose.X.yml”', () => {
    const parts = layout.groups.flatMap((g) => g.parts)
    expect(parts).toHaveLength(findOverlays(bonfireEnv).length)
    for (const p of parts) expect(p.adds).not.toMatch(/^Adds compose/)
    const byFile = Object.fromEntries(parts.map((p) => [p.composeFile, p]))
    expect(byFile['compose.sonic.yml'].services).toEqual(['search (valeriansaliou/sonic:v1.7.4)'])
    expect(byFile['compose.sonic.yml'].adds).toMatch(/README: “We recommend switching to the new sonic search backend/)
    expect(byFile['compose.postgres.yml'].services).toEqual(['db (ghcr.io/baosystems/postgis:17-3.5)'])
    expect(byFile['compose.auth.openid.yml'].label).toBe('OpenID Connect')
    expect(byFile['compose.auth.openid.yml'].adds).toMatch(/^Connect as a client to the OpenID Connect provider/)
    expect(byFile['compose.mail.yml'].adds).toBe('Gives the app service 1 secret and 15 settings.')
    expect(byFile['compose.s3.yml'].fields.map((f) => f.key)).toContain('UPLOADS_S3_BUCKET')
  })

  it('takes from the README only sentences about the part, not its how-to lines', () => {
    const readme = bonfireFiles.get('README.md')
    expect(readmeWords(readme, 'sonic')).toBe('We recommend switching to the new sonic search backend (instead of the deprecated meilisearch).')
    expect(readmeWords(readme, 'mail')).toBeUndefined()
  })
})

describe('what must be set', () => {
  const files: RecipeFiles = new Map([['compose.yml', 'services:\n  app:\n    image: x:${TAG:-1}\n    environment:\n      - TOKEN\n']])

  it('is a setting the file leaves empty with no default; one with a default is not', () => {
    const env = 'TYPE=x\nDOMAIN=x.example.org\n\n# the key from the provider\nAPI_KEY=\nTAG=\n'
    const l = layoutOf(env, files)
    expect(l.essentials.map((f) => [f.key, f.label, f.help])).toEqual([['API_KEY', 'API key', 'The key from the provider.']])
    expect(field(l, 'TAG').required).toBe(false)
  })
})

describe('form → env round trip', () => {
  const plain = (l: EnvLayout): EnvField[] => [...l.essentials, ...l.groups.flatMap((g) => g.fields)]
  const keys = plain(layoutOf(bonfireEnv)).map((f) => f.key)

  it('a value typed into any field is what the form shows back, and only that one line of abra’s file changes', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9._:/@-]{1,20}$/)
    fc.assert(
      fc.property(fc.constantFrom(...keys), value, (key, typed) => {
        const after = setEnvValues(bonfireEnv, { [key]: typed })
        expect(field(layoutOf(after), key)).toMatchObject({ value: typed, commented: false })
        const a = bonfireEnv.split('\n')
        const b = after.split('\n')
        expect(b).toHaveLength(a.length)
        expect(a.filter((line, i) => line !== b[i])).toHaveLength(1)
      }),
      { numRuns: 60 }
    )
  })

  it('folded keys keep the other offered line commented: only one becomes active', () => {
    const after = setEnvValues(bonfireEnv, { DB_DOCKER_IMAGE: 'postgis/postgis' })
    expect(after.match(/^DB_DOCKER_IMAGE=/gm)).toHaveLength(1)
    expect(after.match(/^#DB_DOCKER_IMAGE=/gm)).toHaveLength(1)
    expect(foldFields(envVariables(after), composeDefaults(bonfireFiles)).filter((f) => f.key === 'DB_DOCKER_IMAGE')).toHaveLength(1)
  })
})
