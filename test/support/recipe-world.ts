// A small Co-op Cloud for tests: bare git repos of every shared recipe
// (bonfire, traefik) and of the ccd-web fixture, served over real git smart
// HTTP, and a recipes.json generated from them the way `catalogue generate`
// does, served over HTTP too. Point a core at it with `env`.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { generateCatalogue } from '../../src-main/catalogue/generate'
import { cloneOrFetch, listVersions, readFileAtVersion } from '../../src-main/recipes/git'
import { buildRecipeRepos, startGitServer } from '../rig/git-server.mjs'
import { REPO_ROOT } from '../rig/rig'

export const FIXTURE_RECIPES = path.join(REPO_ROOT, 'test', 'fixtures', 'recipes')
export const SHARED_RECIPES = path.join(REPO_ROOT, '..', 'shared', 'recipes')

export interface RecipeWorld {
  gitUrl: string
  catalogueUrl: string
  /** COOPCLOUD_CATALOGUE_URL for a core (merge into its env). */
  env: Record<string, string>
  /** Bare repos, by recipe name. */
  repos: Record<string, string>
  /** Serves the catalogue with one more recipe, a copy of `from` named `name` (a newly published recipe). */
  publishCopy(from: string, name: string): void
  close(): Promise<void>
}

export async function startRecipeWorld(): Promise<RecipeWorld> {
  const root = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || os.tmpdir(), 'recipe-world-'))
  const reposDir = path.join(root, 'repos')
  // git CLI runs here, before the server starts: never while it is serving from this process.
  const built = [...buildRecipeRepos({ sharedRecipes: SHARED_RECIPES, outDir: reposDir }).repos, ...buildRecipeRepos({ sharedRecipes: FIXTURE_RECIPES, outDir: reposDir }).repos]
  const git = await startGitServer({ root: reposDir })

  const checkouts = path.join(root, 'checkouts')
  for (const r of built) await cloneOrFetch({ url: `${git.url}/${r.name}.git`, dir: path.join(checkouts, r.name) })
  const { catalogue } = await generateCatalogue({
    recipesDir: checkouts,
    repositoryBase: git.url,
    listVersions,
    readFileAtVersion: async (dir, version, file) => (await readFileAtVersion(dir, version, file)).toString('utf8')
  })
  let json = JSON.stringify(catalogue)

  const server = http.createServer((req, res) => {
    if (req.url === '/recipes.json') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(json)
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const catalogueUrl = `http://127.0.0.1:${port}/recipes.json`
  return {
    gitUrl: git.url,
    catalogueUrl,
    env: { COOPCLOUD_CATALOGUE_URL: catalogueUrl },
    repos: Object.fromEntries(built.map((r) => [r.name, r.path])),
    publishCopy: (from, name) => {
      json = JSON.stringify({ ...catalogue, [name]: { ...catalogue[from], name } })
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await git.close()
      fs.rmSync(root, { recursive: true, force: true })
    }
  }
}
