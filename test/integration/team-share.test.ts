import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { startRecipeWorld, type RecipeWorld } from '../support/recipe-world'
import { bareTeamRepo, cuttableRelay, GIT_ENV, memoryKeychain, type CuttableRelay, type TeamRepo } from '../support/team-git'
import { call, callError } from './support'

// Issue 14: two teammates (two homes, two cores) share ~/.abra/servers through
// the rig's git smart-HTTP server (the real `git http-backend`). Each reaches
// it through a relay of its own that the test can cut, as a laptop loses its
// connection. Apps are changed through the app's own doors (apps.saveEnv,
// apps.deploy), so the hooks run as they do for a person.

const run = promisify(execFile)
const SERVER = 'team.example.org'
const DOMAIN = 'blog.example.org'
const FILE = `${SERVER}/${DOMAIN}.env`
const TOKEN_A = 'tok-alice-7f3c1e9a55'
const ENV = ['TYPE=ccd-web:v1.0.0', 'DOMAIN=blog.example.org', 'MOTD="hello"', 'GREETING="hi"', 'LETS_ENCRYPT_ENV=production', ''].join('\n')


/** Every file under `dir` but .git, with its bytes. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    if (!prefix && e.name === '.git') continue
    const rel = prefix ? `${prefix}/${e.name}` : e.name
    if (e.isDirectory()) Object.assign(out, tree(dir, rel))
    else out[rel] = fs.readFileSync(path.join(dir, rel)).toString('base64')
  }
  return out
}

/** Every file under `dir` (.git included) that holds `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  const found: string[] = []
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isFile() && fs.readFileSync(p).includes(needle)) found.push(p)
    }
  }
  walk(dir)
  return found
}

let root: string
let gitServer: TeamRepo
// The recipes (ccd-web) come from the rig's recipe world, never from the internet.
let world: RecipeWorld
let relayA: CuttableRelay
let relayB: CuttableRelay
const homes: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' }
const keychains = { a: memoryKeychain(), b: memoryKeychain(), c: memoryKeychain() }
let a: Core
let b: Core
let c: Core

const serversOf = (home: string): string => path.join(home, '.abra', 'servers')
const envOf = (home: string): string => fs.readFileSync(path.join(serversOf(home), FILE), 'utf8')
const withLine = (text: string, key: string, value: string): string => text.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`)
const save = (core: Core, home: string, key: string, value: string) => call(core, 'apps.saveEnv', { server: SERVER, domain: DOMAIN, envText: withLine(envOf(home), key, value) })
const newCore = (who: 'a' | 'b' | 'c'): Core => createCore({ transport: 'cli', home: homes[who], env: { HOME: homes[who], ...world.env }, keychain: keychains[who] })

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-team-'))
  // An empty repository as a forge makes one (Gitea and GitLab name the first branch main), that takes pushes.
  gitServer = await bareTeamRepo(root)
  world = await startRecipeWorld()
  const port = gitServer.port
  relayA = await cuttableRelay(port)
  relayB = await cuttableRelay(port)
  for (const who of ['a', 'b', 'c'] as const) homes[who] = fs.mkdtempSync(path.join(root, `home-${who}-`))
  // Alice's computer has a server with one app, as abra app new leaves it.
  fs.mkdirSync(path.join(serversOf(homes.a), SERVER), { recursive: true })
  fs.writeFileSync(path.join(serversOf(homes.a), FILE), ENV)
  a = newCore('a')
  b = newCore('b')
  c = newCore('c')
})

afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), c?.close()])
  await relayA?.close()
  await relayB?.close()
  await gitServer?.close()
  await world?.close()
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

describe('app settings shared through git', () => {
  it('A shares, B joins and has the same files; a folder with app files is refused in words', async () => {
    const shared = await call(a, 'team.connect', { remote: `${relayA.url}/team.git`, token: TOKEN_A, name: 'Alice' })
    expect(shared).toMatchObject({ connected: true, branch: 'main', name: 'Alice', unshared: 0, conflicts: [] })
    // The token is in the keychain and in no file of Alice's home (.git/config included).
    expect([...keychains.a.store.values()]).toEqual([TOKEN_A])
    expect(filesHolding(homes.a, TOKEN_A)).toEqual([])
    expect(JSON.stringify(shared)).not.toContain(TOKEN_A)

    const again = await callError(a, 'team.connect', { remote: `${relayA.url}/team.git`, name: 'Alice' })
    expect(again.code).toBe('team-already-connected')

    // Sharing into a repository that already holds settings is refused: that is what Join is for.
    fs.mkdirSync(path.join(serversOf(homes.c), 'other.example.org'), { recursive: true })
    fs.writeFileSync(path.join(serversOf(homes.c), 'other.example.org', 'cloud.other.example.org.env'), 'TYPE=nextcloud\n')
    const notEmpty = await callError(c, 'team.connect', { remote: `${relayA.url}/team.git`, name: 'Carol' })
    expect(notEmpty).toMatchObject({ code: 'team-remote-not-empty' })
    expect(notEmpty.message).toMatch(/Join/)
    // Joining over app files that would be lost is refused, and they stay.
    const refused = await callError(c, 'team.join', { remote: `${relayA.url}/team.git`, name: 'Carol' })
    expect(refused.code).toBe('team-folder-not-empty')
    expect(refused.message).toContain('other.example.org/cloud.other.example.org.env')
    expect(tree(serversOf(homes.c))).toEqual({ 'other.example.org/cloud.other.example.org.env': Buffer.from('TYPE=nextcloud\n').toString('base64') })
    expect(fs.existsSync(path.join(serversOf(homes.c), '.git'))).toBe(false)

    const joined = await call(b, 'team.join', { remote: `${relayB.url}/team.git`, name: 'Bob' })
    expect(joined).toMatchObject({ connected: true, branch: 'main', name: 'Bob', unshared: 0 })
    expect(tree(serversOf(homes.b))).toEqual(tree(serversOf(homes.a)))
    expect(envOf(homes.b)).toBe(ENV)
  })

  it('A edits through the app, B sees it; the commit says what changed, by whom', async () => {
    await save(a, homes.a, 'MOTD', '"from Alice"')
    expect((await call(a, 'team.status', {})).unshared).toBe(0)
    await call(b, 'team.sync', {})
    expect(envOf(homes.b)).toBe(envOf(homes.a))
    expect(envOf(homes.b)).toContain('MOTD="from Alice"\n')
    const [last] = await git.log({ fs, dir: serversOf(homes.b), depth: 1 })
    expect(last.commit.message.trim()).toBe(`Changed the settings of ${DOMAIN}`)
    expect(last.commit.author.name).toBe('Alice')
  })

  it('offline, changes queue up and are counted; they are pushed once the remote answers', async () => {
    relayA.online = false
    await save(a, homes.a, 'GREETING', '"queued one"')
    await save(a, homes.a, 'LETS_ENCRYPT_ENV', 'staging')
    const queued = await call(a, 'team.status', {})
    expect(queued.unshared).toBe(2)
    expect(queued.unsharedWords).toBe('2 changes not shared yet')
    expect(queued.problem).toMatch(/could not be reached/)
    const offline = await callError(a, 'team.sync', {})
    expect(offline.code).toBe('team-offline')

    relayA.online = true
    const flushed = await call(a, 'team.sync', {})
    expect(flushed.unshared).toBe(0)
    expect(flushed.problem).toBeUndefined()
    await call(b, 'team.sync', {})
    expect(envOf(homes.b)).toBe(envOf(homes.a))
    expect(envOf(homes.b)).toContain('GREETING="queued one"\nLETS_ENCRYPT_ENV=staging\n')
  })

  it('B deploys while it cannot get A’s latest change, and is warned', async () => {
    await save(a, homes.a, 'GREETING', '"newer from Alice"')
    relayB.online = false
    try {
      // The deploy goes ahead (its job then fails: no server of that name is set up on B's computer); the team's part is the warning.
      const { jobId } = await call(b, 'apps.deploy', { server: SERVER, domain: DOMAIN })
      const s = await call(b, 'team.status', {})
      expect(s.warning).toContain(DOMAIN)
      expect(s.warning).toMatch(/could not be fetched/)
      expect(envOf(homes.b)).not.toContain('newer from Alice')
      await b.jobs.wait(jobId)
    } finally {
      relayB.online = true
    }
    const caught = await call(b, 'team.sync', {})
    expect(caught.warning).toBeUndefined()
    expect(envOf(homes.b)).toContain('GREETING="newer from Alice"\n')
  })

  it('both edit the same line: B sees both versions in words, cannot deploy, chooses, and both end equal', async () => {
    relayB.online = false
    await save(b, homes.b, 'MOTD', '"from Bob"')
    expect((await call(b, 'team.status', {})).unsharedWords).toBe('1 change not shared yet')
    await save(a, homes.a, 'MOTD', '"Alice again"')
    relayB.online = true

    const s = await call(b, 'team.sync', {})
    expect(s.conflicts).toHaveLength(1)
    const [conflict] = s.conflicts
    expect(conflict.file).toBe(FILE)
    expect(conflict.theirsBy).toBe('Alice')
    expect(conflict.hunks).toEqual([{ line: 3, mine: ['MOTD="from Bob"'], theirs: ['MOTD="Alice again"'] }])
    expect(conflict.words).toBe('Line 3: on this computer “MOTD="from Bob"”; in the team’s copy (by Alice) “MOTD="Alice again"”.')
    // Bob's file stays his, with no conflict markers in it, and no deploy runs from it.
    expect(envOf(homes.b)).toContain('MOTD="from Bob"\n')
    expect(envOf(homes.b)).not.toMatch(/<<<<<<<|>>>>>>>/)
    const deploy = await callError(b, 'apps.deploy', { server: SERVER, domain: DOMAIN })
    expect(deploy.code).toBe('team-conflict')
    expect(deploy.message).toContain(DOMAIN)

    const wrong = await callError(b, 'team.resolve', { file: FILE, choices: ['theirs', 'mine'] })
    expect(wrong.code).toBe('team-choices-count')
    const settled = await call(b, 'team.resolve', { file: FILE, choices: ['theirs'] })
    expect(settled.conflicts).toEqual([])
    expect(settled.unshared).toBe(0)
    expect(envOf(homes.b)).toContain('MOTD="Alice again"\n')
    await call(a, 'team.sync', {})
    expect(envOf(homes.a)).toBe(envOf(homes.b))
    // The history: the merge, over both edits of the line.
    const log = await git.log({ fs, dir: serversOf(homes.a) })
    expect(log.map((l) => `${l.commit.author.name}: ${l.commit.message.trim()}`).slice(0, 3)).toEqual([
      'Bob: Merged the team’s changes',
      expect.stringMatching(/^(Alice: Changed the settings of blog\.example\.org|Bob: Changed the settings of blog\.example\.org)$/),
      expect.stringMatching(/^(Alice|Bob): Changed the settings of blog\.example\.org$/)
    ])
  })

  it('an abra user’s plain git clone holds the same files byte for byte', async () => {
    const clone = path.join(root, 'plain-clone')
    await run('git', ['clone', '--quiet', `${gitServer.url}/team.git`, clone], { env: GIT_ENV })
    expect(tree(clone)).toEqual(tree(serversOf(homes.a)))
    expect(tree(clone)).toEqual(tree(serversOf(homes.b)))
    const { stdout } = await run('git', ['-C', clone, 'log', '--format=%an: %s'], { env: GIT_ENV })
    expect(stdout.split('\n')).toContain(`Alice: Shared the app settings`)
    // Nothing but abra's app files went in; the token in no object of the repository.
    expect(Object.keys(tree(clone))).toEqual([FILE])
    expect(filesHolding(path.join(root, 'repos'), TOKEN_A)).toEqual([])
  })

  it('stopping keeps the files and takes the token out of the keychain; joining again takes the repository up where it was', async () => {
    const before = tree(serversOf(homes.a))
    expect(await call(a, 'team.disconnect', {})).toMatchObject({ connected: false, unshared: 0 })
    expect(keychains.a.store.size).toBe(0)
    expect(tree(serversOf(homes.a))).toEqual(before)
    const back = await call(a, 'team.join', { remote: `${relayA.url}/team.git`, token: TOKEN_A, name: 'Alice' })
    expect(back).toMatchObject({ connected: true, branch: 'main', unshared: 0, conflicts: [] })
    expect(tree(serversOf(homes.a))).toEqual(before)
    // Another repository is refused in words: this folder already follows one.
    await call(a, 'team.disconnect', {})
    const other = await callError(a, 'team.join', { remote: `${relayB.url}/other.git`, name: 'Alice' })
    expect(other.code).toBe('team-other-repository')
  })
})
