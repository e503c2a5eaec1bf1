import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CatalogueFormatError, compareVersions, parseCatalogue } from '../../src-main/catalogue/format'

// Shaped like an entry of https://recipes.coopcloud.tech/recipes.json.
const published = {
  keycloak: {
    category: 'Apps',
    default_branch: 'main',
    description: 'User identity and access management',
    features: {
      backups: 'Yes',
      email: 'Yes',
      healthcheck: 'Yes',
      image: { image: 'keycloak/keycloak', rating: '1', source: 'upstream', url: 'https://quay.io/keycloak/keycloak' },
      status: 3,
      tests: 'No',
      sso: 'N/A'
    },
    icon: 'https://git.coopcloud.tech/avatars/x',
    name: 'keycloak',
    repository: 'https://git.coopcloud.tech/coop-cloud/keycloak.git',
    ssh_url: 'ssh://git@git.coopcloud.tech:2222/coop-cloud/keycloak.git',
    versions: [
      { '10.0.0+26.0.0': { app: { digest: 'sha256:abc', image: 'keycloak/keycloak', tag: '26.0.0' }, db: { image: 'mariadb', tag: '11.4' } } },
      { '2.0.0+21.1.2': { app: { image: 'keycloak/keycloak', tag: '21.1.2' } } },
      { '9.1.0+25.0.6': { app: { image: 'keycloak/keycloak', tag: '25.0.6' } } }
    ],
    website: 'https://www.keycloak.org'
  }
}

describe('catalogue format', () => {
  it('reads a published entry into the internal shape, versions oldest first', () => {
    const { recipes, problems } = parseCatalogue(JSON.stringify(published))
    expect(problems).toEqual([])
    const [r] = recipes
    expect(r).toMatchObject({
      name: 'keycloak',
      category: 'Apps',
      sshUrl: 'ssh://git@git.coopcloud.tech:2222/coop-cloud/keycloak.git',
      defaultBranch: 'main',
      website: 'https://www.keycloak.org',
      features: { backups: 'Yes', sso: 'N/A', status: 3, image: { image: 'keycloak/keycloak', source: 'upstream' } }
    })
    expect(r.versions.map((v) => v.version)).toEqual(['2.0.0+21.1.2', '9.1.0+25.0.6', '10.0.0+26.0.0'])
    expect(r.versions[2].services).toEqual([
      { name: 'app', image: 'keycloak/keycloak', tag: '26.0.0', digest: 'sha256:abc' },
      { name: 'db', image: 'mariadb', tag: '11.4' }
    ])
  })

  it('tolerates unknown fields, missing fields and null versions', () => {
    const { recipes, problems } = parseCatalogue(
      JSON.stringify({ zed: { name: 'zed', brand_new: { x: 1 }, features: { status: '2', future: true }, versions: null }, alpha: {} })
    )
    expect(problems).toEqual([])
    expect(recipes.map((r) => r.name)).toEqual(['alpha', 'zed'])
    expect(recipes[1]).toMatchObject({ features: { status: 2, backups: '', image: { image: '' } }, versions: [] })
    expect(recipes[1].sshUrl).toBeUndefined()
  })

  it('skips a malformed recipe and says which, keeping the rest', () => {
    const { recipes, problems } = parseCatalogue(JSON.stringify({ ...published, broken: { versions: 'not a list' } }))
    expect(recipes.map((r) => r.name)).toEqual(['keycloak'])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^Recipe "broken" was skipped: .* at versions\.$/)
  })

  it('rejects text that is not JSON, or not an object of recipes, in plain words', () => {
    expect(() => parseCatalogue('<html>502 Bad Gateway</html>')).toThrow(CatalogueFormatError)
    expect(() => parseCatalogue('<html>')).toThrow(/^The recipe catalogue is not valid JSON/)
    expect(() => parseCatalogue('[1,2]')).toThrow(/should be a JSON object of recipes by name/)
  })

  it('the bundled snapshot validates and holds bonfire and traefik', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, '../../resources/catalogue/recipes.json'), 'utf8')
    const { recipes, problems } = parseCatalogue(text)
    expect(problems).toEqual([])
    expect(recipes.map((r) => r.name)).toEqual(expect.arrayContaining(['bonfire', 'traefik']))
  })

  it('orders recipe versions by number, not text', () => {
    const sorted = ['2.0.1+1.0.6', '10.0.0+2', '1.0.0+1.0.5', '2.0.0+1.0.5'].sort(compareVersions)
    expect(sorted).toEqual(['1.0.0+1.0.5', '2.0.0+1.0.5', '2.0.1+1.0.6', '10.0.0+2'])
    expect(compareVersions('v2.4.8', 'v2.10.0')).toBeLessThan(0)
  })
})
