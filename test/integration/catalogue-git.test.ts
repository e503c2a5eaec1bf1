import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { folderVersions, generateCatalogue } from '../../src-main/catalogue/generate'
import { cloneOrFetch, listVersions, readFileAtVersion } from '../../src-main/recipes/git'
import { REPO_ROOT, startRecipeGitServer } from '../rig/rig'

// `catalogue generate` over real recipe checkouts: clone the fixture's repos
// over smart HTTP, read versions from their tags, and get the same versions
// and images as from the shared folders they were built from.
let server: Awaited<ReturnType<typeof startRecipeGitServer>>
let recipesDir: string

beforeAll(async () => {
  server = await startRecipeGitServer()
  recipesDir = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT ?? os.tmpdir(), 'ccd-recipes-'))
  for (const name of ['bonfire', 'traefik']) await cloneOrFetch({ url: `${server.url}/${name}.git`, dir: path.join(recipesDir, name) })
})
afterAll(async () => {
  await server?.close()
})

describe('catalogue generate from git checkouts', () => {
  it('lists every tagged version with each service’s image, as the shared folders do', async () => {
    const fromGit = await generateCatalogue({
      recipesDir,
      listVersions,
      readFileAtVersion: async (dir, version, file) => (await readFileAtVersion(dir, version, file)).toString('utf8')
    })
    const fromFolders = await generateCatalogue({ recipesDir: path.join(REPO_ROOT, '..', 'shared', 'recipes'), reader: folderVersions() })
    for (const name of ['bonfire', 'traefik']) {
      expect(fromGit.catalogue[name].versions, name).toEqual(fromFolders.catalogue[name].versions)
    }
    const bonfire = (fromGit.catalogue.bonfire.versions ?? []).map((v) => Object.keys(v)[0])
    expect(bonfire).toEqual(['1.0.0+1.0.5-social-amd64', '2.0.0+1.0.5-social-amd64', '2.0.1+1.0.6-social-amd64'])
    expect(fromGit.catalogue.bonfire.category).toBe(fromFolders.catalogue.bonfire.category)
  })
})
