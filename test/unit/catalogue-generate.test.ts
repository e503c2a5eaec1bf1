import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { catalogueFrom } from '../../src-main/catalogue/format'
import { folderVersions, generateCatalogue, servicesOf } from '../../src-main/catalogue/generate'
import { splitImage } from '../../src-main/catalogue/image'
import { readmeMetadata } from '../../src-main/catalogue/readme'
import { run } from '../../src-main/cli/index'

const shared = path.resolve(import.meta.dirname, '../../../shared/recipes')

describe('catalogue generate', () => {
  it.each([
    ['traefik:v2.4.8', { image: 'traefik', tag: 'v2.4.8' }],
    ['library/nginx:1.25', { image: 'nginx', tag: '1.25' }],
    ['bonfirenetworks/bonfire:1.0.6-social-amd64', { image: 'bonfirenetworks/bonfire', tag: '1.0.6-social-amd64' }],
    ['ghcr.io/org/app:2', { image: 'org/app', tag: '2' }],
    ['localhost:5000/app:2', { image: 'app', tag: '2' }],
    ['git.coopcloud.tech/coop-cloud/backup-bot-two:2.0.0@sha256:abc', { image: 'coop-cloud/backup-bot-two', tag: '2.0.0', digest: 'sha256:abc' }],
    ['redis', { image: 'redis' }]
  ])('splits %s as abra does', (ref, expected) => {
    expect(splitImage(ref)).toEqual(expected)
  })

  it('reads the README metadata block as abra does', () => {
    const meta = readmeMetadata('traefik', fs.readFileSync(path.join(shared, 'traefik/main/README.md'), 'utf8'))
    expect(meta.warnings).toEqual([])
    expect(meta).toMatchObject({
      category: 'Utilities',
      features: {
        status: 0,
        healthcheck: 'Yes',
        backups: 'No',
        email: 'N/A',
        tests: '❷💛',
        sso: '? (Keycloak)',
        image: { image: 'traefik', url: 'https://hub.docker.com/_/traefik', rating: '❶💚', source: 'upstream' }
      }
    })
    expect(readmeMetadata('x', '# x\n\nNo block here.').warnings[0]).toMatch(/no <!-- metadata --> block/)
  })

  it('resolves interpolation defaults and leaves out untagged services', () => {
    const warnings: string[] = []
    const compose = 'version: "3.8"\nservices:\n  app:\n    image: ${REG:-example/app}:${APP_VERSION:-1.0.6}\n  cache:\n    image: redis\n  db:\n    image: "postgres:16"\n'
    expect(servicesOf(compose, 'x 1.0.0', warnings)).toEqual({ app: { image: 'example/app', tag: '1.0.6' }, db: { image: 'postgres', tag: '16' } })
    expect(warnings).toEqual([])
  })

  it('builds bonfire and traefik from the shared recipe folders, one version per folder', async () => {
    const { catalogue: raw, warnings } = await generateCatalogue({ recipesDir: shared })
    expect(warnings).toEqual([])
    const { recipes, problems } = catalogueFrom(JSON.parse(JSON.stringify(raw)))
    expect(problems).toEqual([])
    const bonfire = recipes.find((r) => r.name === 'bonfire')!
    expect(bonfire).toMatchObject({
      category: 'Apps',
      description: 'A coop-cloud recipe for deploying Bonfire',
      repository: 'https://git.coopcloud.tech/coop-cloud/bonfire.git',
      features: { status: 1, image: { image: 'bonfirenetworks/bonfire', rating: '4', source: 'upstream' } }
    })
    expect(bonfire.versions).toEqual([
      { version: '1.0.0+1.0.5-social-amd64', services: [{ name: 'app', image: 'bonfirenetworks/bonfire', tag: '1.0.5-social-amd64' }] },
      { version: '2.0.0+1.0.5-social-amd64', services: [{ name: 'app', image: 'bonfirenetworks/bonfire', tag: '1.0.5-social-amd64' }] },
      { version: '2.0.1+1.0.6-social-amd64', services: [{ name: 'app', image: 'bonfirenetworks/bonfire', tag: '1.0.6-social-amd64' }] }
    ])
    const traefik = recipes.find((r) => r.name === 'traefik')!
    expect(traefik.versions).toEqual([{ version: 'v2.4.8', services: [{ name: 'app', image: 'traefik', tag: 'v2.4.8' }] }])

    // Every service with an image in each version's compose.yml is there.
    for (const r of recipes) {
      for (const v of r.versions) {
        const compose = parse(fs.readFileSync(path.join(shared, r.name, v.version, 'compose.yml'), 'utf8'))
        const withImage = Object.entries(compose.services as Record<string, { image?: string }>).filter(([, s]) => s.image).map(([n]) => n)
        expect(v.services.map((s) => s.name)).toEqual(withImage.sort())
      }
    }
  })

  it('takes git-style functions (which throw for a missing file) instead of folders', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-gen-'))
    fs.mkdirSync(path.join(dir, 'demo'))
    fs.writeFileSync(path.join(dir, 'demo/README.md'), '# demo\n\nA demo app.\n\n<!-- metadata -->\n* **Category**: Apps\n* **Status**: 5, stable\n* **Backups**: Yes\n<!-- endmetadata -->\n')
    const files: Record<string, string> = {
      '1.0.0+1': 'services:\n  app:\n    image: demo/app:1\n',
      '1.1.0+2': 'services:\n  app:\n    image: demo/app:2\n  worker:\n    image: demo/worker:2\n'
    }
    const { catalogue, warnings } = await generateCatalogue({
      recipesDir: dir,
      listVersions: async () => ['1.1.0+2', '1.0.0+1', '0.9.0+0'],
      readFileAtVersion: async (_dir, tag, file) => {
        if (file === 'compose.yml' && files[tag]) return files[tag]
        throw Object.assign(new Error('not found'), { code: 'NotFoundError' })
      }
    })
    expect(warnings).toEqual(['demo 0.9.0+0: no compose.yml at this version, so it is left out.'])
    expect(catalogue.demo).toMatchObject({
      description: 'A demo app.',
      features: { status: 5, backups: 'Yes' },
      versions: [{ '1.0.0+1': { app: { image: 'demo/app', tag: '1' } } }, { '1.1.0+2': { app: { tag: '2' }, worker: { image: 'demo/worker', tag: '2' } } }]
    })
  })

  it('the folder adapter lists versions and reads the default branch README', async () => {
    const reader = folderVersions()
    expect((await reader.listVersions(path.join(shared, 'bonfire'))).sort()).toEqual([
      '1.0.0+1.0.5-social-amd64',
      '2.0.0+1.0.5-social-amd64',
      '2.0.1+1.0.6-social-amd64'
    ])
    expect(await reader.readFileAtVersion(path.join(shared, 'bonfire'), '1.0.0+1.0.5-social-amd64', 'nope.yml')).toBeUndefined()
  })

  it('the CLI writes recipes.json that matches the bundled snapshot', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-gen-')), 'recipes.json')
    const stderr = process.stderr.write
    // print() waits for the write callback, so the stand-in calls it.
    process.stderr.write = ((_chunk: unknown, done?: unknown) => {
      if (typeof done === 'function') done()
      return true
    }) as typeof process.stderr.write
    try {
      expect(await run(['catalogue', 'generate', shared, '--out', out])).toBe(0)
      expect(await run(['catalogue', 'generate'])).toBe(2)
    } finally {
      process.stderr.write = stderr
    }
    const bundled = fs.readFileSync(path.join(import.meta.dirname, '../../resources/catalogue/recipes.json'), 'utf8')
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(JSON.parse(bundled))
  })
})
