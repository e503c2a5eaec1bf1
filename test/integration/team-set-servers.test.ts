import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import git from 'isomorphic-git'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../src-main/core/core'
import { bareTeamRepo, cuttableRelay, GIT_ENV, memoryKeychain, type CuttableRelay, type TeamRepo } from '../support/team-git'
import { call, callError } from './support'

// Issue 14: after sharing, the person changes WHICH servers are shared
// (team.setServers). Two teammates (two homes, two cores) against the rig's
// git smart-HTTP server, which checks tokens as a forge does. One commit in
// plain words carries a `Shared-servers:` line; each teammate's app follows
// the newest one on its next pull. A server no longer shared loses nothing,
// here or in the team's copy, and a pull never writes, deletes or brings back
// a file of a server this computer does not share.

const run = promisify(execFile)
const X = 'x.example.org'
const Y = 'y.example.org'
const Z = 'z.example.org'
const TOKEN_A = 'tok-alice-3b9d0c27e1'
const TOKEN_B = 'tok-bob-5e1f4a8c90'
const TOKEN_ABRA = 'tok-abra-user-77d2e6'
const BLOG = `${X}/blog.${X}.env`
const WIKI = `${Y}/wiki.${Y}.env`
const CHAT = `${Y}/chat.${Y}.env`
const OLD = `${Y}/old.${Y}.env`
const OWN = `${Z}/own.${Z}.env`
// Changed lines are kept apart by unchanged ones, so a line-by-line merge can take each side's.
const WIKI_ENV = ['TYPE=ccd-web:v1.0.0', `DOMAIN=wiki.${Y}`, 'MOTD="hello"', 'L1=1', 'GREETING="hi"', 'L2=2', 'L3=3', 'L4=4', 'COLOR="blue"', ''].join('\n')

let root: string
let gitServer: TeamRepo
let relayA: CuttableRelay
let a: Core
let b: Core
let homeA: string
let homeB: string
const serversOf = (home: string): string => path.join(home, '.abra', 'servers')
const fileOf = (home: string, file: string): string => path.join(serversOf(home), file)
const read = (home: string, file: string): string | undefined => (fs.existsSync(fileOf(home, file)) ? fs.readFileSync(fileOf(home, file), 'utf8') : undefined)
const write = (home: string, file: string, text: string): void => {
  fs.mkdirSync(path.dirname(fileOf(home, file)), { recursive: true })
  fs.writeFileSync(fileOf(home, file), text)
}
const setLine = (text: string, key: string, value: string): string => text.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`)
/** A file in the team's copy (the bare repository's main), or undefined when it isn't there. */
async function inTeam(file: string): Promise<string | undefined> {
  const oid = await git.resolveRef({ fs, gitdir: gitServer.repo, ref: 'refs/heads/main' })
  return git
    .readBlob({ fs, gitdir: gitServer.repo, oid, filepath: file })
    .then((r) => Buffer.from(r.blob).toString('utf8'))
    .catch(() => undefined)
}
const lastTeamMessage = async (): Promise<string> => (await git.log({ fs, gitdir: gitServer.repo, ref: 'main', depth: 1 }))[0].commit.message

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ccd-team-set-servers-'))
  gitServer = await bareTeamRepo(root, { tokens: [TOKEN_A, TOKEN_B, TOKEN_ABRA] })
  relayA = await cuttableRelay(gitServer.port)
  homeA = fs.mkdtempSync(path.join(root, 'home-a-'))
  homeB = fs.mkdtempSync(path.join(root, 'home-b-'))
  write(homeA, BLOG, 'TYPE=ccd-web:v1.0.0\nDOMAIN=blog.x.example.org\nMOTD="hello"\n')
  write(homeA, WIKI, WIKI_ENV)
  write(homeA, CHAT, 'TYPE=ccd-web:v1.0.0\nDOMAIN=chat.y.example.org\n')
  write(homeA, OLD, 'TYPE=ccd-web:v1.0.0\nDOMAIN=old.y.example.org\n')
  write(homeA, OWN, 'TYPE=ccd-web:v1.0.0\nDOMAIN=own.z.example.org\n')
  a = createCore({ transport: 'cli', home: homeA, env: { HOME: homeA }, keychain: memoryKeychain() })
  b = createCore({ transport: 'cli', home: homeB, env: { HOME: homeB }, keychain: memoryKeychain() })
})

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  await relayA?.close()
  await gitServer?.close()
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

describe('changing which servers are shared', () => {
  it('A shares two servers of three, B joins with both', async () => {
    const shared = await call(a, 'team.connect', { remote: `${relayA.url}/team.git`, token: TOKEN_A, name: 'Alice', servers: [Y, X] })
    expect(shared).toMatchObject({ connected: true, servers: [X, Y], allServers: [X, Y, Z], unshared: 0 })
    const joined = await call(b, 'team.join', { remote: `${gitServer.url}/team.git`, token: TOKEN_B, name: 'Bob' })
    expect(joined).toMatchObject({ servers: [X, Y], allServers: [X, Y], unshared: 0 })
    expect(read(homeB, WIKI)).toBe(WIKI_ENV)
    expect(fs.existsSync(path.join(serversOf(homeB), Z))).toBe(false)
  })

  it('refuses a server with no folder here and an empty choice, in words', async () => {
    const unknown = await callError(a, 'team.setServers', { servers: [X, 'nowhere.example.org'] })
    expect(unknown.code).toBe('team-server-unknown')
    expect(unknown.message).toContain('nowhere.example.org')
    const none = await callError(a, 'team.setServers', { servers: [] })
    expect(none.code).toBe('team-no-servers')
    expect(none.message).toContain('Stop sharing')
    expect((await call(a, 'team.status', {})).servers).toEqual([X, Y])
  })

  it('A stops sharing one: one commit in plain words; B follows on its next pull and keeps its files', async () => {
    const changed = await call(a, 'team.setServers', { servers: [X] })
    expect(changed).toMatchObject({ servers: [X], unshared: 0 })
    expect(await lastTeamMessage()).toBe(`Stopped sharing ${Y}\n\nShared-servers: ${X}\n`)
    // Nothing is deleted, here or in the team's copy.
    expect(read(homeA, WIKI)).toBe(WIKI_ENV)
    expect(await inTeam(WIKI)).toBe(WIKI_ENV)

    // A goes on changing both; only the shared one reaches the team.
    write(homeA, BLOG, setLine(read(homeA, BLOG)!, 'MOTD', '"from Alice"'))
    write(homeA, WIKI, setLine(WIKI_ENV, 'MOTD', '"Alice, not shared"'))
    expect((await call(a, 'team.sync', {})).unshared).toBe(0)
    expect(await inTeam(BLOG)).toContain('MOTD="from Alice"')
    expect(await inTeam(WIKI)).toBe(WIKI_ENV)

    const synced = await call(b, 'team.sync', {})
    expect(synced.servers).toEqual([X])
    expect(read(homeB, BLOG)).toContain('MOTD="from Alice"')
    expect(read(homeB, WIKI)).toBe(WIKI_ENV)
    expect(read(homeB, CHAT)).toBeDefined()
  })

  it('a pull never changes, deletes or brings back a file of a server B does not share', async () => {
    // Bob changes his copy of the server no longer shared, and deletes one of its files.
    write(homeB, WIKI, setLine(WIKI_ENV, 'COLOR', '"Bob, not shared"'))
    fs.rmSync(fileOf(homeB, CHAT))
    // An abra user on the team changes that server's files with plain git, and a shared one.
    const clone = path.join(root, 'abra-user')
    const url = `${gitServer.url.replace('http://', `http://abra:${TOKEN_ABRA}@`)}/team.git`
    const env = { ...GIT_ENV, GIT_AUTHOR_NAME: 'Abra user', GIT_AUTHOR_EMAIL: 'abra@example.org', GIT_COMMITTER_NAME: 'Abra user', GIT_COMMITTER_EMAIL: 'abra@example.org', GIT_TERMINAL_PROMPT: '0' }
    // Async: the git server runs in this process, and a blocking git would stall it.
    await run('git', ['clone', '--quiet', url, clone], { env })
    fs.writeFileSync(path.join(clone, WIKI), setLine(WIKI_ENV, 'GREETING', '"from abra"'))
    fs.rmSync(path.join(clone, OLD))
    fs.appendFileSync(path.join(clone, BLOG), 'EXTRA="from abra"\n')
    await run('git', ['-C', clone, 'commit', '--quiet', '-am', 'abra user: wiki greeting, old removed, blog extra'], { env })
    await run('git', ['-C', clone, 'push', '--quiet', 'origin', 'main'], { env })

    // Bob's pull fast-forwards to it: the shared server's file changes; his own copy of the other stays as it was.
    const synced = await call(b, 'team.sync', {})
    expect(synced).toMatchObject({ servers: [X], unshared: 0 })
    expect(read(homeB, BLOG)).toContain('EXTRA="from abra"')
    expect(read(homeB, WIKI)).toBe(setLine(WIKI_ENV, 'COLOR', '"Bob, not shared"'))
    expect(read(homeB, CHAT)).toBeUndefined()
    expect(read(homeB, OLD)).toBe('TYPE=ccd-web:v1.0.0\nDOMAIN=old.y.example.org\n')
    // And nothing of Bob's copy of it went to the team.
    expect(await inTeam(WIKI)).toBe(setLine(WIKI_ENV, 'GREETING', '"from abra"'))
    expect(await inTeam(CHAT)).toBeDefined()
    expect(await inTeam(OLD)).toBeUndefined()

    // A pull that merges (Bob and the team both changed the shared server) holds it too.
    write(homeB, BLOG, setLine(read(homeB, BLOG)!, 'MOTD', '"from Bob"'))
    fs.writeFileSync(path.join(clone, WIKI), setLine(setLine(WIKI_ENV, 'GREETING', '"from abra"'), 'L3', '33'))
    await run('git', ['-C', clone, 'commit', '--quiet', '-am', 'abra user: wiki L3'], { env })
    await run('git', ['-C', clone, 'push', '--quiet', 'origin', 'main'], { env })
    expect((await call(b, 'team.sync', {})).unshared).toBe(0)
    expect(read(homeB, WIKI)).toBe(setLine(WIKI_ENV, 'COLOR', '"Bob, not shared"'))
    expect(await inTeam(WIKI)).toBe(setLine(setLine(WIKI_ENV, 'GREETING', '"from abra"'), 'L3', '33'))
    expect(await inTeam(BLOG)).toContain('MOTD="from Bob"')
  })

  it('A shares it again: both take the team’s changes to it where they did not change it themselves', async () => {
    const again = await call(a, 'team.setServers', {})
    expect(again.servers).toBeUndefined()
    expect(await lastTeamMessage()).toBe('Shared servers changed: now all of them\n\nShared-servers: *\n')
    // Alice's own line (MOTD) and the abra user's (GREETING, L3) are both in; the removed file is gone.
    const aliceWiki = setLine(setLine(setLine(WIKI_ENV, 'MOTD', '"Alice, not shared"'), 'GREETING', '"from abra"'), 'L3', '33')
    expect(read(homeA, WIKI)).toBe(aliceWiki)
    expect(read(homeA, OLD)).toBeUndefined()
    expect(await inTeam(WIKI)).toBe(aliceWiki)
    // Sharing all of them now includes Alice's third server.
    expect(await inTeam(OWN)).toBe('TYPE=ccd-web:v1.0.0\nDOMAIN=own.z.example.org\n')

    const synced = await call(b, 'team.sync', {})
    expect(synced.servers).toBeUndefined()
    expect(read(homeB, WIKI)).toBe(setLine(aliceWiki, 'COLOR', '"Bob, not shared"'))
    expect(read(homeB, OLD)).toBeUndefined()
    expect(read(homeB, OWN)).toBe('TYPE=ccd-web:v1.0.0\nDOMAIN=own.z.example.org\n')
    // Bob's changes made while it wasn't shared are shared now.
    await call(b, 'team.sync', {})
    expect(await inTeam(WIKI)).toBe(setLine(aliceWiki, 'COLOR', '"Bob, not shared"'))
    await call(a, 'team.sync', {})
    expect(read(homeA, WIKI)).toBe(setLine(aliceWiki, 'COLOR', '"Bob, not shared"'))
  })

  it('offline, the change waits and is counted; it is shared once the remote answers', async () => {
    relayA.online = false
    const queued = await call(a, 'team.setServers', { servers: [X, Z] })
    expect(queued).toMatchObject({ servers: [X, Z], unshared: 1, unsharedWords: '1 change not shared yet', problemCode: 'offline' })
    relayA.online = true
    expect(await call(a, 'team.sync', {})).toMatchObject({ unshared: 0 })
    expect(await lastTeamMessage()).toBe(`Stopped sharing ${Y}\n\nShared-servers: ${X} ${Z}\n`)
    expect((await call(b, 'team.sync', {})).servers).toEqual([X, Z])
  })

  it('a refused token says so, and what to do next', async () => {
    // The forge withdraws Bob's token.
    gitServer.tokens!.delete(TOKEN_B)
    const refused = await callError(b, 'team.sync', {})
    expect(refused.code).toBe('team-token-wrong')
    const status = await call(b, 'team.status', {})
    expect(status.problemCode).toBe('token-refused')
    expect(status.problem).toContain('refused the token')
    expect(status.problem).toMatch(/new access token/)
    expect(status.problem).toMatch(/Stop sharing/)
    expect(status.problem).toMatch(/Join again/)
    expect(status.problem).not.toContain(TOKEN_B)
  })
})
