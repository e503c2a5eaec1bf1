// Recipe repos over git smart HTTP: clone, versions, checkout, fetch, and the
// refusals that protect local work. The server is the real `git http-backend`
// (test/rig/git-server.mjs) serving repos built from ../shared/recipes/.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src-main/contract/errors'
import { resolvePaths } from '../../src-main/core/paths'
import { checkoutVersion, cloneOrFetch, listVersions, readFileAtVersion, recipeDir, status, type RecipeProgress } from '../../src-main/recipes/git'
import { buildRecipeRepos, commitFolder } from '../rig/git-server.mjs'
import { makeHome, REPO_ROOT, startRecipeGitServer } from '../rig/rig'

const SHARED = path.join(REPO_ROOT, '..', 'shared', 'recipes', 'bonfire')
const NEW_TAG = '2.1.0+1.0.7-social-amd64'

let server: Awaited<ReturnType<typeof startRecipeGitServer>>
let dir: string
let url: string

// The test's own git CLI, for what a user would do by hand in the checkout.
function userGit(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Someone', '-c', 'user.email=someone@example.org', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
  })
}

function sharedFiles(folder: string, base = folder): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(folder, e.name)
    return e.isDirectory() ? sharedFiles(p, base) : [path.relative(base, p)]
  })
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(ApiError)
  return err as ApiError
}

beforeAll(async () => {
  server = await startRecipeGitServer()
  const home = makeHome()
  dir = recipeDir(resolvePaths({ HOME: home }, home).recipesDir, 'bonfire')
  url = `${server.url}/bonfire.git`
})

afterAll(async () => {
  await server?.close()
})

describe('recipe repos over git', () => {
  it('clones bonfire over smart HTTP into ~/.abra/recipes/bonfire, reporting progress', async () => {
    const events: RecipeProgress[] = []
    expect(await cloneOrFetch({ url, dir, onProgress: (e) => events.push(e) })).toEqual({ action: 'cloned' })
    expect(dir).toMatch(/\.abra\/recipes\/bonfire$/)
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => typeof e.phase === 'string' && typeof e.loaded === 'number')).toBe(true)
    // No half-made clones left beside it.
    expect(fs.readdirSync(path.dirname(dir))).toEqual(['bonfire'])
    const st = await status(dir)
    expect(st).toMatchObject({ dirty: false, diverged: false, branch: 'main' })
    expect(st.currentTag).toBeUndefined() // main is ahead of the last release
  })

  it('lists every tag as a version, newest first', async () => {
    const tags = server.repos.find((r) => r.name === 'bonfire')!.tags
    expect(tags.length).toBe(3)
    expect(await listVersions(dir)).toEqual([...tags].reverse())
  })

  it('checks out each version with the files of its shared/ folder', async () => {
    for (const tag of await listVersions(dir)) {
      await checkoutVersion(dir, tag)
      const st = await status(dir)
      expect(st).toMatchObject({ dirty: false, diverged: false, currentTag: tag })
      expect(st.branch).toBeUndefined()
      for (const file of sharedFiles(path.join(SHARED, tag))) {
        const want = fs.readFileSync(path.join(SHARED, tag, file))
        expect(fs.readFileSync(path.join(dir, file)).equals(want), `${tag}: ${file}`).toBe(true)
        expect((await readFileAtVersion(dir, tag, file)).equals(want), `${tag}: ${file} (read at version)`).toBe(true)
      }
    }
  })

  it('reads a file at another version without touching the checkout', async () => {
    const [newest, , oldest] = await listVersions(dir)
    await checkoutVersion(dir, oldest)
    const compose = await readFileAtVersion(dir, newest, 'compose.yml')
    expect(compose.equals(fs.readFileSync(path.join(SHARED, newest, 'compose.yml')))).toBe(true)
    expect((await status(dir)).currentTag).toBe(oldest)
    expect((await refusal(readFileAtVersion(dir, newest, 'no-such-file.yml'))).code).toBe('recipe-file-not-found')
    expect((await refusal(readFileAtVersion(dir, newest, '../../etc/passwd'))).code).toBe('recipe-file-invalid')
    expect((await refusal(checkoutVersion(dir, '9.9.9+nope'))).code).toBe('recipe-version-unknown')
  })

  it('fetches a version tagged after the clone', async () => {
    const repo = server.repos.find((r) => r.name === 'bonfire')!.path
    commitFolder({ repo, folder: path.join(SHARED, 'main'), message: `Release ${NEW_TAG}`, tag: NEW_TAG, date: 1_800_000_000 })
    expect(await listVersions(dir)).not.toContain(NEW_TAG)
    expect(await cloneOrFetch({ url, dir })).toEqual({ action: 'fetched' })
    expect((await listVersions(dir))[0]).toBe(NEW_TAG)
    await checkoutVersion(dir, NEW_TAG)
    const compose = fs.readFileSync(path.join(dir, 'compose.yml'))
    expect(compose.equals(fs.readFileSync(path.join(SHARED, 'main', 'compose.yml')))).toBe(true)
    expect(await status(dir)).toMatchObject({ dirty: false, diverged: false, currentTag: NEW_TAG })
  })

  it('refuses to check out over local changes, naming the files', async () => {
    const [, previous] = await listVersions(dir)
    const compose = path.join(dir, 'compose.yml')
    const edited = `${fs.readFileSync(compose, 'utf8')}\n# my local edit\n`
    fs.writeFileSync(compose, edited)
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n')
    const err = await refusal(checkoutVersion(dir, previous))
    expect(err.code).toBe('recipe-dirty')
    expect(err.message).toContain('compose.yml')
    expect(err.message).toContain('notes.txt')
    expect(err.data?.files).toEqual(['compose.yml', 'notes.txt'])
    // Nothing was overwritten.
    expect(fs.readFileSync(compose, 'utf8')).toBe(edited)
    expect((await status(dir)).currentTag).toBe(NEW_TAG)
    userGit('checkout', '--', 'compose.yml')
    fs.rmSync(path.join(dir, 'notes.txt'))
    expect((await status(dir)).dirty).toBe(false)
  })

  it('refuses to check out when local commits are not in the repository', async () => {
    const [, previous] = await listVersions(dir)
    fs.appendFileSync(path.join(dir, 'compose.yml'), '\n# committed locally\n')
    userGit('commit', '--quiet', '-am', 'local tweak')
    const head = userGit('rev-parse', 'HEAD').trim()
    const st = await status(dir)
    expect(st).toMatchObject({ dirty: false, diverged: true, divergedRefs: ['HEAD'], head })
    const err = await refusal(checkoutVersion(dir, previous))
    expect(err.code).toBe('recipe-diverged')
    expect(err.message).toMatch(/local commits/)
    expect((await status(dir)).head).toBe(head)
  })

  it('builds the fixture repos with the same commit ids every time', () => {
    const refs = () => {
      const outDir = fs.mkdtempSync(path.join(process.env.CCD_TEST_HOME_ROOT || path.dirname(dir), 'repos-'))
      try {
        const { repos } = buildRecipeRepos({ sharedRecipes: path.dirname(SHARED), outDir })
        return repos.map((r) => execFileSync('git', ['--git-dir', r.path, 'show-ref', '--dereference'], { encoding: 'utf8' }))
      } finally {
        fs.rmSync(outDir, { recursive: true, force: true })
      }
    }
    const first = refs()
    expect(first.join('')).toMatch(/refs\/tags\/1\.0\.0\+1\.0\.5-social-amd64\^\{\}/)
    expect(refs()).toEqual(first)
  })
})
